import ArgMapModel
import Synchronization

/// How far one claim moves a target's score (`impact`): the target's score with the claim
/// removed, and with the claim's base 0.1 lower and 0.1 higher (kept in [0, 1]), less its
/// score as it is.
public struct ImpactTrial: Sendable {
    public var claim: Int
    public var removed: Double, down: Double, up: Double
}

extension IncrementalEvaluator {
    /// The trials of `impact` for each of `claims` (claims beneath `target`), in their order:
    /// each change is made up to the target and put back before the next
    /// (``trial(_:undo:map:read:)``), so that the scores end as they were.
    ///
    /// The trials run on both cores: this evaluator and a twin (``twin()``) each take the next
    /// claim not yet tried. Every trial starts from the same scores (and, on a map with cycles,
    /// kept layouts), and its change is put back exactly, so each result is the same, to the
    /// last bit, whichever core tried it and in whatever order (tests compare them with trials
    /// one after another, on cyclic and acyclic maps).
    ///
    /// `stop` is asked before each claim's trials, on whichever core takes the claim, one ask at
    /// a time: once it says true, no more start, and the result holds the claims tried (Ctrl-C
    /// in the REPL). (Asked on one core only, it stopped nothing while that core was kept from
    /// running and the other tried every claim left.)
    public func impactTrials(_ claims: [Int], on target: Int, map: ArgumentMap, stop: () -> Bool = { false }) -> [ImpactTrial] {
        let before = scores[target]
        func tried(_ c: Int, on board: IncrementalEvaluator) -> ImpactTrial {
            let base = map.claims[c].base
            let removed = board.trial(removing: c, map: map, upTo: target) { board.scores[target] - before }
            func moved(to value: Double) -> Double {
                board.trial({ board.baseChanged(c, to: value, map: map, upTo: target) },
                            undo: { board.baseChanged(c, to: base, map: map, upTo: target) }, map: map) { board.scores[target] - before }
            }
            return ImpactTrial(claim: c, removed: removed, down: moved(to: max(0, base - 0.1)), up: moved(to: min(1, base + 0.1)))
        }
        guard claims.count > 1, let twin = twin() else {
            var trials: [ImpactTrial] = []
            for c in claims {
                if stop() { break }
                trials.append(tried(c, on: self))
            }
            return trials
        }
        defer { twinDone() }
        let next = Atomic<Int>(0), stopped = Atomic<Bool>(false), asking = Mutex(())
        var trials = [ImpactTrial?](repeating: nil, count: claims.count)
        trials.withUnsafeMutableBufferPointer { trials in
            let shared = Parallel.Unchecked(trials)
            _ = Parallel.map(2) { k in
                let board = k == 0 ? self : twin
                while true {
                    if !stopped.load(ordering: .relaxed), asking.withLock({ _ in stop() }) { stopped.store(true, ordering: .relaxed) }
                    let i = next.add(1, ordering: .relaxed).oldValue
                    guard i < claims.count, !stopped.load(ordering: .relaxed) else { break }
                    shared.value[i] = tried(claims[i], on: board)
                }
            }
        }
        return trials.compactMap { $0 }
    }
}
