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
    ///
    /// On an acyclic map with no undercuts, a target with ``WideTarget/entries`` supports and
    /// attacks or more (a thesis with a million claims under it) is not worked out again whole
    /// at each trial: its score is read from its row in blocks, each as it was but those of the
    /// relations from the claims the trial changed, worked out again (``WideTarget``). The
    /// products and sums are then taken a block at a time, so such a trial's score is the
    /// whole row's to the last few bits, not to the last bit; the scores are left as they were.
    public func impactTrials(_ claims: [Int], on target: Int, map: ArgumentMap, stop: () -> Bool = { false }) -> [ImpactTrial] {
        let before = scores[target]
        let wide = !solvesCycles && isIncremental && graph.order != nil && !graph.hasUndercuts && graph.row(target).count >= WideTarget.entries
        func tried(_ c: Int, on board: IncrementalEvaluator) -> ImpactTrial {
            let base = map.claims[c].base
            func score() -> Double { (board.wideTarget?.score(changing: c, on: board, map: map) ?? board.scores[target]) - before }
            let removed = board.trial(removing: c, map: map, upTo: target, read: score)
            func moved(to value: Double) -> Double {
                board.trial({ board.baseChanged(c, to: value, map: map, upTo: target) },
                            undo: { board.baseChanged(c, to: base, map: map, upTo: target) }, map: map, read: score)
            }
            return ImpactTrial(claim: c, removed: removed, down: moved(to: max(0, base - 0.1)), up: moved(to: min(1, base + 0.1)))
        }
        if wide { wideTarget = WideTarget(target, in: graph, relations: map.relations.count) }
        defer { wideTarget = nil }
        guard claims.count > 1, let twin = twin() else {
            var trials: [ImpactTrial] = []
            for c in claims {
                if stop() { break }
                trials.append(tried(c, on: self))
            }
            return trials
        }
        if wide { twin.wideTarget = WideTarget(target, in: twin.graph, relations: map.relations.count) }
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

/// A target of `impact`'s trials with thousands of supports and attacks, on an acyclic map with
/// no undercuts (``IncrementalEvaluator/impactTrials(_:on:map:stop:)``): its row in blocks of
/// ``block`` entries, each block's products and sums (``Evaluator/Aggregate``) kept as they are
/// before any trial, so that a trial works out again only the blocks of the relations from the
/// claims it changed, and puts the blocks together. Each trial leaves the scores as they were,
/// so a block kept stays right from one trial to the next. Each evaluator has its own (a
/// trial's twin too): it changes as blocks are first worked out.
final class WideTarget {
    /// The fewest supports and attacks of a target read in blocks.
    static let entries = 4_096
    static let block = 1_024

    let claim: Int
    /// Where the row starts in the graph's entries.
    private let first: Int
    /// Each relation's place in the row (-1 for a relation into another claim).
    private var place: [Int32]
    /// Each block's aggregate, once worked out with nothing of it changed.
    private var blocks: [Evaluator.Aggregate?]
    /// The claims the last change worked out (``IncrementalEvaluator``'s recompute).
    var recomputed: [Int] = []

    /// `relations`: how many relations the map has.
    init(_ claim: Int, in g: EvaluationGraph, relations: Int) {
        self.claim = claim
        let row = g.row(claim)
        first = row.lowerBound
        place = [Int32](repeating: -1, count: relations)
        for k in row { place[Int(g.relation[k])] = Int32(k - row.lowerBound) }
        blocks = [Evaluator.Aggregate?](repeating: nil, count: (row.count + Self.block - 1) / Self.block)
    }

    /// Where relation `r` is among the graph's entries, when it is one into the target.
    func entry(of r: Int) -> Int? {
        place[r] >= 0 ? first + Int(place[r]) : nil
    }

    /// The target's score as the trial that changed claim `c` (its base, or the weights of its
    /// relations) leaves it, on `board`: the blocks of the relations into the target from `c`
    /// and from the claims the change worked out, from the scores and weights as they are now;
    /// the others as kept.
    func score(changing c: Int, on board: IncrementalEvaluator, map: ArgumentMap) -> Double {
        var changed = Set<Int>()
        for y in [c] + recomputed {
            for r in map.outgoing[y] { if let k = entry(of: r) { changed.insert((k - first) / Self.block) } }
        }
        let g = board.graph, semantics = board.semantics
        return board.scores.withUnsafeBufferPointer { s in
            g.withUnsafeRows { _, source, weight, isAttack in
                func aggregate(_ b: Int) -> Evaluator.Aggregate {
                    var a = Evaluator.Aggregate()
                    let from = first + b * Self.block, to = min(from + Self.block, g.row(claim).upperBound)
                    for k in from..<to { a.add(weight[k], s[Int(source[k])], attack: isAttack[k]) }
                    return a
                }
                var all = Evaluator.Aggregate()
                for b in blocks.indices {
                    let a: Evaluator.Aggregate
                    if changed.contains(b) {
                        a = aggregate(b)
                    } else if let kept = blocks[b] {
                        a = kept
                    } else {
                        a = aggregate(b)
                        blocks[b] = a
                    }
                    all.add(a)
                }
                return all.combine(semantics, base: g.base[claim])
            }
        }
    }
}
