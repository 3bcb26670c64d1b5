/// A trial's cycle solved from its scores, claim by claim where the change spreads
/// (``Evaluator/locally(_:_:_:_:_:log:)``), rather than in steps over every claim of the cycle.
extension Evaluator {
    /// Solves the cycle laid out in `claims` for a trial (``Options/startsFromScores``), from
    /// its scores in `s`, one claim at a time where the change spreads. The claims whose
    /// inputs changed are worked out first: those the layout noted as moved since it was last
    /// settled (``Component/settled``), or, when it is not known to be, every claim, in one
    /// sweep. Each claim whose slope |F(s) − s| is at or above the tolerance takes F as its
    /// score, and its dependents within (``Component/makeDependents()``) are queued to be
    /// worked out again, in turn, until none is left. Each claim is then within the tolerance
    /// of its F, as the steps leave every claim (``rk4(_:_:_:_:_:cap:helped:)``): the scores
    /// are the changed map's equilibrium within the tolerance, as the steps' are. But a
    /// trial's change (a base moved by 0.1, a claim taken away) moves few claims of a large
    /// cycle by more than the tolerance, as each relation scales down what passes along it.
    /// (On the generated cyclic map of a million claims, an `impact` trial under Euler took
    /// about 8 steps over all 6,222 claims of the largest cycle, each with Anderson's mixing.)
    ///
    /// Returns nil, leaving `s` as it was, when the claims worked out one at a time reach three
    /// times the cycle's claims (at least 256): a change that spreads over the whole cycle, or
    /// a cycle whose iteration s ← F(s) does not settle, which the steps handle; or when a
    /// value is not finite. Otherwise the claims that moved are written into `s` (with, on a
    /// map with undercuts, every claim's factor into `uf`), each noted in `log` with what it
    /// replaced; the result holds the passes over the cycle the work came to (rounded up) and
    /// the largest slope the claims were left with, or a bound on it (the largest when the
    /// layout was settled, for the claims not worked out again).
    static func locally(_ semantics: Semantics, _ claims: Component, _ s: UnsafeMutableBufferPointer<Double>,
                        _ uf: UnsafeMutableBufferPointer<Double>, _ options: Options, log: ScoresBefore?) -> (steps: Int, residual: Double)? {
        switch semantics {
        case .dfquad: locally(DFQuAD.self, claims, s, uf, options, log)
        case .euler: locally(Euler.self, claims, s, uf, options, log)
        case .qe: locally(QE.self, claims, s, uf, options, log)
        case .mlp: locally(MLP.self, claims, s, uf, options, log)
        case .hcat: locally(HCat.self, claims, s, uf, options, log)
        case .quad, .grounded: nil
        }
    }

    /// ``locally(_:_:_:_:_:log:)`` compiled for one semantics.
    private static func locally<S: FixedSemantics>(_: S.Type, _ claims: Component, _ s: UnsafeMutableBufferPointer<Double>,
                                                   _ uf: UnsafeMutableBufferPointer<Double>, _ options: Options,
                                                   _ log: ScoresBefore?) -> (steps: Int, residual: Double)? {
        let n = claims.claims.count
        let made = claims.dependentStarts.count == n + 1 ? nil : claims.dependentsMade()
        let starts = made?.starts ?? claims.dependentStarts, dependents = made?.dependents ?? claims.dependents
        return claims.withView { view in
        starts.withUnsafeBufferPointer { starts in
        dependents.withUnsafeBufferPointer { dependents in
        // The scores by place and F at each claim; the queue, a ring of places, and the places
        // moved; whether each place is in the queue (1) and has moved (2).
        view.withScratch(2) { scratch in
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * n) { places in
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n) { marks in
            marks.initialize(repeating: 0)
            let own = scratch, f = scratch + n, ring = places.baseAddress!, movedPlaces = ring + n
            var moved = 0
            func move(_ i: Int) {
                own[i] = min(1, max(0, f[i]))
                guard marks[i] & 2 == 0 else { return }
                marks[i] |= 2
                movedPlaces[moved] = Int32(i)
                moved += 1
            }
            view.start(own, s, fromScores: true)
            let tolerance = options.tolerance
            var head = 0, count = 0
            func enqueue(_ j: Int) {
                guard marks[j] & 1 == 0 else { return }
                marks[j] |= 1
                ring[(head + count) % n] = Int32(j)
                count += 1
            }
            func enqueueDependents(of i: Int) {
                for j in dependents[Int(starts[i])..<Int(starts[i + 1])] { enqueue(Int(j)) }
            }
            var residual = 0.0
            if claims.settled {
                // Every claim but the moved ones is within the tolerance of its F, as it was.
                residual = claims.settledResidual
                for i in claims.moved { enqueue(Int(i)) }
            } else {
                // The sweep: F at every claim, from the same point; the claims that move take
                // it, then their dependents are queued.
                _ = view.apply(S.self, own, f, 0..<n, Store(f: f))
                for i in 0..<n {
                    let slope = abs(f[i] - own[i])
                    guard slope.isFinite else { return nil }
                    if slope < tolerance { residual = max(residual, slope) } else { move(i) }
                }
                for k in 0..<moved { enqueueDependents(of: Int(movedPlaces[k])) }
            }
            // Each claim in the queue had its inputs change since it was last worked out (a claim
            // it depends on moved; or, noted by the layout, its base or what bears on it from
            // outside): F there (into its place in `f`), and when it moves, its dependents queued.
            let budget = max(3 * n, 256)
            var worked = 0
            while count > 0 {
                guard worked < budget else { return nil }
                let i = Int(ring[head])
                head = (head + 1) % n
                count -= 1
                marks[i] &= ~1
                worked += 1
                _ = view.apply(S.self, own, f, i..<(i + 1), Store(f: f))
                let slope = abs(f[i] - own[i])
                guard slope.isFinite else { return nil }
                if slope < tolerance {
                    residual = max(residual, slope)
                    continue
                }
                move(i)
                enqueueDependents(of: i)
            }
            // Only the claims that moved are written, and noted with the scores they had; on a
            // map with undercuts, every claim's factor too (fixed, but it may have changed
            // since the claim was last solved: an undercut from outside changed, and the layout
            // was made afresh). (A map with none has no factors: ``Evaluator/Solved/factors``.)
            func write(_ i: Int) {
                let c = Int(claims.claims[i]), factor = view.outsideFactor[i]
                guard own[i].bitPattern != s[c].bitPattern || factor.bitPattern != uf[c].bitPattern else { return }
                log?.note(Int32(c), s[c], uf[c])
                s[c] = own[i]
                uf[c] = factor
            }
            if claims.readsUndercuts {
                for i in 0..<n { write(i) }
            } else {
                for k in 0..<moved {
                    let i = Int(movedPlaces[k]), c = Int(claims.claims[i])
                    guard own[i].bitPattern != s[c].bitPattern else { continue }
                    log?.note(Int32(c), s[c], 1)
                    s[c] = own[i]
                }
            }
            log?.claimByClaim = true
            return (((claims.settled ? 0 : n) + worked + n - 1) / n, residual)
        }}}}}}
    }
}

extension Evaluator.Component {
    /// Checks whether the scores in `s` are settled for this layout (``settled``): each
    /// claim's slope |F(s) − s| below `tolerance`, in one sweep.
    mutating func check(_ s: UnsafeBufferPointer<Double>, _ semantics: Semantics, tolerance: Double) {
        let largest = withView { view in
            view.withScratch(2) { scratch in
                view.start(scratch, UnsafeMutableBufferPointer(mutating: s), fromScores: true)
                return view.apply(semantics, scratch, scratch + claims.count, 0..<claims.count, Slope(point: scratch))
            }
        }
        solved(largest, tolerance: tolerance)
    }

    /// The slope |F(p) − p| at each claim, measured (``check(_:_:tolerance:)``).
    private struct Slope: Take {
        static var measures: Bool { true }
        let point: UnsafeMutablePointer<Double>
        @inline(__always)
        func take(_ i: Int, _ f: Double) -> Double { abs(f - point[i]) }
    }

    /// Whether a trial solves this cycle claim by claim (``Evaluator/locally(_:_:_:_:_:log:)``):
    /// one none of whose claims undercuts another's relations (its factors fixed), under a
    /// semantics whose F reads only sums or only products.
    func solvesLocally(_ semantics: Semantics) -> Bool {
        fixedFactors && semantics != .quad && semantics != .grounded
    }

    /// Makes the dependents within (``dependents``), for the trials that solve this kept layout
    /// claim by claim.
    mutating func makeDependents() {
        (dependentStarts, dependents) = dependentsMade()
    }

    /// Each claim's dependents within, by place: the claims whose attacks and supports from
    /// within come from it (a claim listed once for each such relation).
    func dependentsMade() -> (starts: [Int32], dependents: [Int32]) {
        let n = claims.count
        var starts = [Int32](repeating: 0, count: n + 1)
        for j in sources.indices { starts[Int(sources[j]) + 1] += 1 }
        for i in 0..<n { starts[i + 1] += starts[i] }
        var next = Array(starts.dropLast()), dependents = [Int32](repeating: 0, count: sources.count)
        for i in 0..<n {
            for j in Int(bounds[2 * i])..<Int(bounds[2 * i + 2]) {
                let from = Int(sources[j])
                dependents[Int(next[from])] = Int32(i)
                next[from] += 1
            }
        }
        return (starts, dependents)
    }
}

/// The scores (and undercut factors) that solving a component replaced, noted by the solving
/// (``Evaluator/Solver/log``), for the live scores to follow a change on from the claims that
/// changed: a cycle solved claim by claim notes only the claims that moved (so a trial's is not
/// compared claim by claim before and after); one solved in steps, and a claim on no cycle,
/// every claim.
final class ScoresBefore {
    private(set) var claims: [Int32] = [], scores: [Double] = [], factors: [Double] = []
    /// Whether the cycle was solved claim by claim (``Evaluator/locally(_:_:_:_:_:log:)``).
    var claimByClaim = false

    func clear() {
        claimByClaim = false
        claims.removeAll(keepingCapacity: true)
        scores.removeAll(keepingCapacity: true)
        factors.removeAll(keepingCapacity: true)
    }

    func note(_ c: Int32, _ score: Double, _ factor: Double) {
        claims.append(c)
        scores.append(score)
        factors.append(factor)
    }

    /// Notes every claim of `all` with its score in `s` and factor in `uf` (1 where there are
    /// no factors: a map with no undercuts), each array appended to at once (a cycle solved in
    /// steps: thousands of claims an edit).
    func note(all: [Int32], _ s: UnsafeMutableBufferPointer<Double>, _ uf: UnsafeMutableBufferPointer<Double>) {
        claims.append(contentsOf: all)
        scores.append(contentsOf: all.lazy.map { s[Int($0)] })
        if uf.isEmpty {
            factors.append(contentsOf: repeatElement(1, count: all.count))
        } else {
            factors.append(contentsOf: all.lazy.map { uf[Int($0)] })
        }
    }

    /// The claims noted, each with the score and factor it had, read in place.
    func withNoted<R>(_ body: (UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Double>, UnsafeBufferPointer<Double>) -> R) -> R {
        claims.withUnsafeBufferPointer { claims in
        scores.withUnsafeBufferPointer { scores in
        factors.withUnsafeBufferPointer { factors in body(claims, scores, factors) }}}
    }
}
