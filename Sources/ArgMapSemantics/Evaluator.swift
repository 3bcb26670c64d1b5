#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgMapModel
import CPrefetch

/// Evaluates a map under a semantics.
///
/// Acyclic maps: one exact pass in topological order (every claim after the claims under it),
/// linear in the size of the map, no recursion. Cyclic maps: Potyka's continuous model
/// ds/dt = f(s) − s from s(0) = base, integrated with classical RK4 (step 0.1) until the largest
/// slope is below ``Options/tolerance``, or a step cap is reached, in which case the result says
/// it did not converge; one strongly connected component at a time
/// (``continuous(_:_:_:cap:)``). hcat iterates s ← f(s) instead (which always converges); QuAD
/// has no published scheme for cycles and is reported as undefined there; grounded computes the
/// least fixed point directly.
public enum Evaluator {
    public struct Options: Sendable {
        /// Stop when the largest |f(s) − s| is below this.
        public var tolerance = 1e-12
        /// The most RK4 steps (or hcat iterations) for each cycle; the cap also shrinks on very
        /// large maps so that one evaluation stays bounded: min(maxSteps, max(2,000, 4·10⁸ /
        /// (claims + relations))).
        public var maxSteps = 200_000
        public var stepSize = 0.1
        /// A cycle's steps are accelerated (``Acceleration``) once its largest slope is below
        /// this; 0 for plain steps throughout. From 0.5 (rather than 0.01, as before), a
        /// cycle of two claims took about 4 RK4 steps under DF-QuAD where it took 36, and the
        /// largest cycle of the generated cyclic map 47 where it took 94; with the accelerated
        /// steps the iteration's (one evaluation of f each, not four), 3.3 and 34. The
        /// accelerated steps end where the plain ones do, to 1e-9, on dense random cycles of
        /// full weight as on generated maps (a property test, which checks 0.01 and from the
        /// first step too).
        public var acceleratedBelow = 0.5
        /// How many of the last steps the acceleration combines (at most
        /// ``Acceleration/deepest``, 8).
        public var accelerationDepth = 5
        /// The fewest claims of a cycle whose layout for its steps (``Component``) the live
        /// scores keep from one edit to the next (``IncrementalEvaluator``), bringing up to
        /// date only the claims an edit changed what bears on from outside.
        public var keptCycleSize = 1_024
        /// The most claims the kept layouts may hold together (about 160 bytes a claim): a
        /// cycle that would take them past it is laid out afresh each time, as before.
        public var keptClaims = 1 << 16
        /// Whether each cycle solved starts from the scores its claims have, rather than from
        /// their bases: for trials (``IncrementalEvaluator/trial(_:undo:map:read:)``), whose
        /// change moves the scores a little from a point where the slope was already below
        /// the tolerance, and which put the scores back after. Where a cycle has one
        /// equilibrium, both starts end within the tolerance of it (tests compare trials with
        /// whole evaluations of the changed maps, to 1e-9); the live scores always start from
        /// the bases, so that they are those of the whole evaluation, to the last bit.
        var startsFromScores = false
        /// Whether a trial's cycle is solved claim by claim where its change spreads
        /// (``Evaluator/locally(_:_:_:_:_:log:)``), rather than in steps over every claim; false
        /// for tests, which compare the two.
        var solvesTrialsLocally = true

        /// Whether the cycle laid out in `claims` is solved claim by claim
        /// (``Evaluator/locally(_:_:_:_:_:log:)``): a trial's, where the layout allows it.
        func solvesLocally(_ claims: Component, _ semantics: Semantics) -> Bool {
            startsFromScores && solvesTrialsLocally && claims.solvesLocally(semantics)
        }
        /// The fewest components of a depth (at depth 0, claims on no cycle, below every cycle)
        /// whose claims on no cycle an evaluation with both cores to itself works out on both
        /// (``Solver/settleOnBothCores(_:_:depth:_:)``). (On the generated cyclic map of a million
        /// claims, depth 1 holds 36,008 components, which took 3.4–6.2 ms on one core.)
        var settlesOnBothCoresFrom = 1 << 13
        /// Whether a first evaluation with both cores to itself works out the claims below
        /// every cycle on one core while the other searches for the components
        /// (``Evaluator/settleBelowCycles(_:_:_:_:_:)``); false for tests, which compare the two.
        var settlesBelowCyclesBesideSearch = true
        /// For tests: the two halves of ``Solver/settleOnBothCores(_:_:depth:_:)`` worked out one after
        /// the other on this thread, the second first, as when its core runs ahead of the other.
        var settlesSecondHalfFirst = false

        /// Whether the layout of a component of `size` claims is to be kept, besides layouts of
        /// `keptSoFar` claims: a cycle of ``keptCycleSize`` claims or more, within
        /// ``keptClaims``.
        func keepsLayout(of size: Int, besides keptSoFar: @autoclosure () -> Int) -> Bool {
            size > 1 && size >= keptCycleSize && keptSoFar() + size <= keptClaims
        }

        public init() {}
    }

    public static func evaluate(_ map: ArgumentMap, _ semantics: Semantics, options: Options = Options()) -> Evaluation {
        evaluate(EvaluationGraph(map), semantics, options: options)
    }

    /// - Complexity: O(claims + relations) for an acyclic map; for a cyclic one, that plus each
    ///   cycle's claims and relations times the steps it takes.
    public static func evaluate(_ g: EvaluationGraph, _ semantics: Semantics, options: Options = Options()) -> Evaluation {
        evaluateKeeping(g, semantics, options: options).evaluation
    }

    /// ``evaluate(_:_:options:)``, and, when it was the continuous evaluation of a cyclic map,
    /// what that found (``Solved``), for ``IncrementalEvaluator``.
    /// `found`, when given, holds the graph's components (``EvaluationGraph/components()``),
    /// found once for several semantics. `alone`: whether no other evaluation has the other
    /// core (see ``continuous(_:_:_:cap:found:alone:onOneCore:memory:)``). `onOneCore`: whether
    /// the evaluation keeps to the core it runs on, leaving the other to the user's commands
    /// (work ahead of them).
    static func evaluateKeeping(_ g: EvaluationGraph, _ semantics: Semantics, options: Options,
                                found: EvaluationGraph.Components? = nil, alone: Bool = true, onOneCore: Bool = false,
                                memory: Memory? = nil) -> (evaluation: Evaluation, cyclic: Solved?) {
        if semantics == .grounded {
            // On a cyclic map whose components are known: one component at a time.
            if g.order == nil, let found { return (groundedByComponents(g, found, onOneCore: onOneCore), nil) }
            return (grounded(g), nil)
        }
        if let order = g.order { return (evaluate(g, semantics, inOrder: order), nil) }
        if semantics == .quad {
            return (Evaluation(semantics: semantics, converged: false, iterations: 0, residual: .infinity, scores: g.base, labels: nil,
                               note: "QuAD has no published evaluation for maps with cycles; choose dfquad, euler, qe, mlp, hcat or grounded", cyclic: true), nil)
        }
        let (evaluation, solved) = continuous(g, semantics, options, cap: cap(g, options), found: found, alone: alone && !onOneCore,
                                              onOneCore: onOneCore, memory: memory)
        return (evaluation, solved)
    }

    /// The most steps each cycle of `g` may take (see ``Options/maxSteps``).
    static func cap(_ g: EvaluationGraph, _ options: Options) -> Int {
        let work = max(1, g.count + g.source.count + g.undercutSource.count)
        return min(options.maxSteps, max(2_000, 400_000_000 / work))
    }

    /// Several semantics on one graph, at once on every core. On an acyclic map every pass
    /// visits only the claims something bears on, in topological order, found once for all of
    /// them: a claim nothing bears on keeps its base in every semantics (and is labelled in),
    /// so the scores are those of each semantics' own evaluation, to the last bit (a test
    /// compares them), and the leaves, most of a map, are not visited at all.
    public static func evaluate(_ g: EvaluationGraph, _ list: [Semantics], options: Options = Options()) -> [Evaluation] {
        evaluate(g, list, options: options, found: nil)
    }

    /// `body` for each semantics of `list`, in the list's order: with `hurried`, one after
    /// another on the core this runs on (`body` told so: `onOneCore`), until `hurried` says
    /// someone waits for them, then the rest at once on every core
    /// (``eachAtOnce(_:_:)``); without, all at once on every core.
    static func eachAtOnce<T>(_ list: [Semantics], onOneCoreUntil hurried: (() -> Bool)? = nil, _ body: (_ semantics: Semantics, _ onOneCore: Bool) -> T) -> [T] {
        guard let hurried else { return eachAtOnce(list) { body($0, false) } }
        var made: [T] = []
        while made.count < list.count && !hurried() { made.append(body(list[made.count], true)) }
        guard made.count < list.count else { return made }
        return made + eachAtOnce(Array(list[made.count...])) { body($0, false) }
    }

    /// `body` for each semantics of `list`, at once on every core, in the list's order. The
    /// grounded labelling is begun first: it solves no cycle, so no helper can share its work,
    /// and begun last (as the last of `compare`'s list) it ran alone at the end while the other
    /// core waited (about 25 ms of the first `compare`'s 110 on the generated cyclic map of a
    /// million claims). Those begun after it end with a cycle's steps that a helper shares
    /// once a core is free.
    static func eachAtOnce<T>(_ list: [Semantics], _ body: (Semantics) -> T) -> [T] {
        let begun = list.indices.filter { list[$0] == .grounded } + list.indices.filter { list[$0] != .grounded }
        let made = Parallel.map(list.count) { body(list[begun[$0]]) }
        var inOrder = made
        for (b, k) in begun.enumerated() { inOrder[k] = made[b] }
        return inOrder
    }

    /// ``evaluate(_:_:options:)``; `given`: the graph's components, when they are known
    /// already.
    /// `hurried`, on a cyclic map: one after another on the core this runs on, leaving the
    /// other to the user's commands (work ahead of them), until it says someone waits for them
    /// (``eachAtOnce(_:onOneCoreUntil:_:)``). (An acyclic map's passes take every core from the
    /// first: two fused passes, one a core, which no one could hurry, and short.)
    static func evaluate(_ g: EvaluationGraph, _ list: [Semantics], options: Options, found given: EvaluationGraph.Components?,
                         onOneCoreUntil hurried: (() -> Bool)? = nil) -> [Evaluation] {
        guard let order = g.order, list.count > 1 else {
            // On a map with cycles, its components are found once for the semantics that solve
            // them (a search of the whole map, which each would otherwise make again), unless
            // they were given.
            let solving = list.filter { $0 != .grounded && $0 != .quad }.count
            let found = g.order == nil && solving > 0 ? given ?? (solving > 1 ? g.components() : nil) : nil
            return eachAtOnce(list, onOneCoreUntil: hurried) { semantics, onOneCore in
                evaluateKeeping(g, semantics, options: options, found: found, alone: list.count == 1, onOneCore: onOneCore).evaluation
            }
        }
        // Whether anything bears on each claim, read from the rows' offsets in claim order;
        // then the order, with only those claims: both in two pieces at once on a large map.
        // (Reading the offsets in the order's turn was a read at random, of 8 MB, per claim.)
        let n = g.count, parts = n >= 1 << 16 ? 2 : 1, undercuts = g.hasUndercuts
        var borne = [Bool](repeating: false, count: n)
        g.offsets.withUnsafeBufferPointer { offsets in
        g.undercutOffsets.withUnsafeBufferPointer { undercutOffsets in
        borne.withUnsafeMutableBufferPointer { borne in
            let shared = Parallel.Unchecked(borne)
            Parallel.forEachPiece(n, minimum: 1 << 16) { piece in
                // (On a map with no undercuts, their offsets are all 0: not read.)
                if undercuts {
                    for c in piece { shared.value[c] = offsets[c] < offsets[c + 1] || undercutOffsets[c] < undercutOffsets[c + 1] }
                } else {
                    for c in piece { shared.value[c] = offsets[c] < offsets[c + 1] }
                }
            }
        }}}
        // Each piece of the order is filtered where it lies, with no branch to mispredict, in
        // one array (``Parallel/concatenating(capacities:_:)``): none grown, none joined.
        let pieces = Parallel.pieces(0..<order.count, parts)
        let visited = borne.withUnsafeBufferPointer { borne in
            order.withUnsafeBufferPointer { order in
                Parallel.concatenating(capacities: pieces.map(\.count)) { k, out in
                    var kept = 0
                    for i in pieces[k] {
                        let c = order[i]
                        out[kept] = c
                        kept += borne[c] ? 1 : 0
                    }
                    return (kept, true)
                }!
            }
        }
        // With no undercuts, the semantics go in two groups of about the same cost, one a core,
        // each worked out in one pass that reads the graph once for all of its semantics
        // (``fusedPass(_:_:_:)``), four at most. (A list of more than eight, which can only
        // repeat semantics, has a pass for each.)
        guard !g.hasUndercuts, list.count <= 8 else { return Parallel.map(list.count) { evaluate(g, list[$0], inOrder: visited) } }
        var groups: [[Int]] = [[], []], costs = [0, 0]
        for i in list.indices.sorted(by: { list[$0].passCost > list[$1].passCost }) {
            let lighter = groups[1].count == 4 || (groups[0].count < 4 && costs[0] <= costs[1]) ? 0 : 1
            groups[lighter].append(i)
            costs[lighter] += list[i].passCost
        }
        // (Each group has one at least: the first goes in one, the second in the other.)
        let done = Parallel.map(groups.count) { k -> [(Int, Evaluation)] in
            let group = groups[k]
            let scores = fusedPass(g, visited, group.map { list[$0] })
            return zip(group, scores).map { i, scores in
                (i, list[i] == .grounded ? groundedEvaluation(scores: scores) : onePass(list[i], scores: scores))
            }
        }
        var out = [Evaluation?](repeating: nil, count: list.count)
        for (i, e) in done.joined() { out[i] = e }
        return out.map { $0! }
    }

    /// ``ownPass(_:_:_:_:_:_:_:bases:)`` for one to four semantics at once, on a map with no
    /// undercuts: each relation's weight and source are read once, and its source's strength
    /// under every semantics, and the products and sums are worked out for all of them in the
    /// lanes of one vector, each lane as the semantics' own pass works it out (the same
    /// operations in the same order: the same scores, to the last bit; a test compares them).
    /// The pass costs less than its semantics' own passes one after another: they would each
    /// read the graph and work out the products and sums, which the vector's lanes do for all
    /// at once. Each semantics' own function of them (an `exp` for Euler and MLP, a division
    /// for most others) is still worked out once a lane, and is most of what the pass spends.
    ///
    /// The grounded labelling is a lane too, its strengths 1 for in and 0 for out (its
    /// scores; a claim nothing bears on is in): a claim is out when an attack's weight times
    /// its source's strength is above 0, that is, when an attack of weight above 0 comes from
    /// a claim that is in (``groundedInOrder(_:_:)``'s rule, whatever the weight).
    static func fusedPass(_ g: EvaluationGraph, _ order: [Int], _ group: [Semantics]) -> [[Double]] {
        precondition((1...4).contains(group.count) && !g.hasUndercuts)
        let lanes = group.count
        func start(_ lane: Int) -> [Double] {
            lane >= lanes ? [] : group[lane] == .grounded ? [Double](repeating: 1, count: g.count) : g.base
        }
        var s0 = start(0), s1 = start(1), s2 = start(2), s3 = start(3)
        s0.withUnsafeMutableBufferPointer { p0 in
        s1.withUnsafeMutableBufferPointer { p1 in
        s2.withUnsafeMutableBufferPointer { p2 in
        s3.withUnsafeMutableBufferPointer { p3 in
        order.withUnsafeBufferPointer { order in
        g.base.withUnsafeBufferPointer { base in
        g.withUnsafeRows { offsets, source, weight, isAttack in
            // A lane past the group's reads the first lane's strengths (the same place in
            // memory, so no other read) and is never written.
            let q1 = lanes > 1 ? p1 : p0, q2 = lanes > 2 ? p2 : p0, q3 = lanes > 3 ? p3 : p0
            for c in order {
                var prodAtt = SIMD4<Double>(repeating: 1), prodSup = SIMD4<Double>(repeating: 1)
                var sumAtt = SIMD4<Double>(repeating: 0), sumSup = SIMD4<Double>(repeating: 0)
                var attacked: UInt8 = 0, supported: UInt8 = 0
                var attackedByIn = SIMDMask<SIMD4<Int64>>(repeating: false)
                var k = Int(offsets[c])
                let end = Int(offsets[c + 1])
                while k < end {
                    let x = Int(source[k])
                    let v = weight[k] * SIMD4(p0[x], q1[x], q2[x], q3[x])
                    let attack = isAttack[k]
                    let one = SIMD4<Double>(repeating: 1), zero = SIMD4<Double>(repeating: 0)
                    prodAtt *= attack ? one - v : one
                    prodSup *= attack ? one : one - v
                    sumAtt += attack ? v : zero
                    sumSup += attack ? zero : v
                    attackedByIn .|= (v .> zero) .& SIMDMask(repeating: attack)
                    let counts: UInt8 = weight[k] != 0 ? 1 : 0, a: UInt8 = attack ? 1 : 0
                    attacked |= counts & a
                    supported |= counts & ~a
                    k += 1
                }
                let w = base[c], hasAtt = attacked != 0, hasSup = supported != 0
                func put(_ lane: Int, _ s: UnsafeMutableBufferPointer<Double>) {
                    let semantics = group[lane]
                    s[c] = semantics == .grounded ? (attackedByIn[lane] ? 0 : 1)
                        : combine(semantics, base: w, prodAtt: prodAtt[lane], prodSup: prodSup[lane], sumAtt: sumAtt[lane], sumSup: sumSup[lane],
                                  hasAtt: hasAtt, hasSup: hasSup)
                }
                put(0, p0)
                if lanes > 1 { put(1, p1) }
                if lanes > 2 { put(2, p2) }
                if lanes > 3 { put(3, p3) }
            }
        }}}}}}}
        return Array([s0, s1, s2, s3].prefix(lanes))
    }

    /// An acyclic map's evaluation in one pass over `order`: a topological order of its
    /// claims, or of those something bears on.
    static func evaluate(_ g: EvaluationGraph, _ semantics: Semantics, inOrder order: [Int]) -> Evaluation {
        if semantics == .grounded { return groundedInOrder(g, order) }
        return onePass(semantics, scores: acyclicPass(g, order, semantics))
    }

    /// A gradual semantics' evaluation of an acyclic map, done in one exact pass.
    static func onePass(_ semantics: Semantics, scores: [Double]) -> Evaluation {
        Evaluation(semantics: semantics, converged: true, iterations: 1, residual: 0, scores: scores, labels: nil, note: nil, cyclic: false)
    }

    /// One exact pass in topological order. At a million claims the pass is bound by memory,
    /// so it reads the graph through raw buffers (no bounds checks, no copies); each claim's
    /// strength before its turn is still its base.
    static func acyclicPass(_ g: EvaluationGraph, _ order: [Int], _ semantics: Semantics) -> [Double] {
        var s = [Double](roomyCopyOf: g.base)
        // Undercuts are few, and most maps have none: then every factor would stay 1, so there
        // are no factors at all (8 MB at a million claims neither filled nor read).
        let hasUndercuts = g.hasUndercuts
        var uf = [Double](repeating: 1, count: hasUndercuts ? g.count : 0)
        s.withUnsafeMutableBufferPointer { sp in
        uf.withUnsafeMutableBufferPointer { up in
        order.withUnsafeBufferPointer { order in
        g.withUnsafeRows { offsets, source, weight, isAttack in
            if !hasUndercuts, ownPass(order, offsets, source, weight, isAttack, sp, of: semantics) { return }
            for c in order {
                if hasUndercuts { up[c] = g.undercutFactor(c, UnsafeBufferPointer(sp)) }
                var prodAtt = 1.0, prodSup = 1.0, sumAtt = 0.0, sumSup = 0.0
                var hasAtt = false, hasSup = false
                var k = Int(offsets[c])
                let end = Int(offsets[c + 1])
                while k < end {
                    let x = Int(source[k])
                    let effective = hasUndercuts ? weight[k] * up[x] : weight[k]
                    if effective != 0 {
                        let v = effective * sp[x]
                        if isAttack[k] { prodAtt *= 1 - v; sumAtt += v; hasAtt = true } else { prodSup *= 1 - v; sumSup += v; hasSup = true }
                    }
                    k += 1
                }
                sp[c] = combine(semantics, base: sp[c], prodAtt: prodAtt, prodSup: prodSup, sumAtt: sumAtt, sumSup: sumSup, hasAtt: hasAtt, hasSup: hasSup)
            }
        }}}}
        return s
    }

    /// ``acyclicPass(_:_:_:)`` for a gradual semantics on a map with no undercuts, the common
    /// case: each relation multiplies both products, one of them by 1, and adds to both sums, one
    /// of them 0, with no branch to mispredict (an attack and a support are equally likely).
    /// Multiplying by 1 and adding 0 are exact, and a relation of weight 0 multiplies by 1 and
    /// adds 0 where the general loop skips it (and counts as no attacker or supporter for
    /// QuAD), so the scores are the general loop's to the last bit. Inlined where `semantics`
    /// is a constant, it is compiled for that semantics alone: what its `combine` does not read
    /// (the sums for DF-QuAD, the products for Euler) is not worked out.
    /// With `bases`, each claim's base is read there, not from its strength before its turn (a
    /// pass over claims whose strengths are worked out already: ``IncrementalEvaluator``'s).
    @inline(__always)
    static func ownPass(_ order: UnsafeBufferPointer<Int>, _ offsets: UnsafeBufferPointer<Int32>, _ source: UnsafeBufferPointer<Int32>,
                        _ weight: UnsafeBufferPointer<Double>, _ isAttack: UnsafeBufferPointer<Bool>, _ s: UnsafeMutableBufferPointer<Double>,
                        _ semantics: Semantics, bases: UnsafeBufferPointer<Double>? = nil) {
        for c in order {
            var prodAtt = 1.0, prodSup = 1.0, sumAtt = 0.0, sumSup = 0.0
            var attacked: UInt8 = 0, supported: UInt8 = 0
            var k = Int(offsets[c])
            let end = Int(offsets[c + 1])
            while k < end {
                let v = weight[k] * s[Int(source[k])]
                let attack = isAttack[k]
                prodAtt *= attack ? 1 - v : 1
                prodSup *= attack ? 1 : 1 - v
                sumAtt += attack ? v : 0
                sumSup += attack ? 0 : v
                let counts: UInt8 = weight[k] != 0 ? 1 : 0, a: UInt8 = attack ? 1 : 0
                attacked |= counts & a
                supported |= counts & ~a
                k += 1
            }
            s[c] = combine(semantics, base: bases?[c] ?? s[c], prodAtt: prodAtt, prodSup: prodSup, sumAtt: sumAtt, sumSup: sumSup,
                           hasAtt: attacked != 0, hasSup: supported != 0)
        }
    }

    /// ``ownPass(_:_:_:_:_:_:_:bases:)`` for `semantics`, each named as a constant, so that its
    /// pass, inlined, is compiled for it alone (`combine`'s switch folded away); false, with
    /// nothing done, for the grounded labelling, which has no such pass.
    @inline(__always)
    static func ownPass(_ order: UnsafeBufferPointer<Int>, _ offsets: UnsafeBufferPointer<Int32>, _ source: UnsafeBufferPointer<Int32>,
                        _ weight: UnsafeBufferPointer<Double>, _ isAttack: UnsafeBufferPointer<Bool>, _ s: UnsafeMutableBufferPointer<Double>,
                        of semantics: Semantics, bases: UnsafeBufferPointer<Double>? = nil) -> Bool {
        switch semantics {
        case .dfquad: ownPass(order, offsets, source, weight, isAttack, s, .dfquad, bases: bases)
        case .quad: ownPass(order, offsets, source, weight, isAttack, s, .quad, bases: bases)
        case .euler: ownPass(order, offsets, source, weight, isAttack, s, .euler, bases: bases)
        case .qe: ownPass(order, offsets, source, weight, isAttack, s, .qe, bases: bases)
        case .mlp: ownPass(order, offsets, source, weight, isAttack, s, .mlp, bases: bases)
        case .hcat: ownPass(order, offsets, source, weight, isAttack, s, .hcat, bases: bases)
        case .grounded: return false
        }
        return true
    }

    /// A claim's supports and attacks, aggregated as every semantics' function reads them:
    /// the products of (1 − v) and the sums of v, v being each relation's effective weight
    /// times its source's strength, and whether there is any of each.
    struct Aggregate {
        var prodAtt = 1.0, prodSup = 1.0, sumAtt = 0.0, sumSup = 0.0
        var hasAtt = false, hasSup = false

        /// Adds a relation of effective weight `effective` from a claim of strength `score`. Weight
        /// 0 (or a full undercut) is the same as no relation, also for QuAD's "is there any
        /// attacker" test.
        @inline(__always)
        mutating func add(_ effective: Double, _ score: Double, attack: Bool) {
            if effective == 0 { return }
            let v = effective * score
            if attack {
                prodAtt *= 1 - v; sumAtt += v; hasAtt = true
            } else {
                prodSup *= 1 - v; sumSup += v; hasSup = true
            }
        }

        /// Adds the relations `other` aggregates, as if they came after these (the products
        /// and sums then grouped differently from one relation at a time: the same to the last
        /// few bits).
        mutating func add(_ other: Aggregate) {
            prodAtt *= other.prodAtt; prodSup *= other.prodSup
            sumAtt += other.sumAtt; sumSup += other.sumSup
            hasAtt = hasAtt || other.hasAtt; hasSup = hasSup || other.hasSup
        }

        @inline(__always)
        func combine(_ semantics: Semantics, base: Double) -> Double {
            Evaluator.combine(semantics, base: base, prodAtt: prodAtt, prodSup: prodSup, sumAtt: sumAtt, sumSup: sumSup, hasAtt: hasAtt, hasSup: hasSup)
        }
    }

    /// The strength of claim c given the current strengths s and undercut factors uf. With
    /// `undercuts` false (``EvaluationGraph/hasUndercuts``, read once by the caller's loop)
    /// every factor is 1, so none is read: a relation's effective weight is its weight (times
    /// 1, exactly), and a read from memory at random is saved for each relation.
    @inline(__always)
    static func strength(_ c: Int, _ g: EvaluationGraph, _ semantics: Semantics, _ s: UnsafeBufferPointer<Double>, _ uf: UnsafeBufferPointer<Double>,
                         undercuts: Bool) -> Double {
        var aggregate = Aggregate()
        for k in g.row(c) {
            let x = Int(g.source[k])
            aggregate.add(undercuts ? g.weight[k] * uf[x] : g.weight[k], s[x], attack: g.isAttack[k])
        }
        return aggregate.combine(semantics, base: g.base[c])
    }

    /// Each semantics' influence function, from the aggregated attacks and supports.
    @inline(__always)
    public static func combine(_ semantics: Semantics, base w: Double, prodAtt: Double, prodSup: Double, sumAtt: Double, sumSup: Double, hasAtt: Bool, hasSup: Bool) -> Double {
        switch semantics {
        case .dfquad:
            // w − w·d when d ≥ 0, else w + (1 − w)·(−d), which is w − (1 − w)·d to the last
            // bit (negating a difference, or a product, is exact): one formula, its factor
            // chosen with no branch. (Which side is stronger changes from claim to claim, so a
            // branch was mispredicted about every other claim in a cycle's steps.)
            let d = (1 - prodAtt) - (1 - prodSup)
            return w - (d >= 0 ? w : 1 - w) * d
        case .quad:
            let va: Double? = hasAtt ? w * prodAtt : nil
            let vs: Double? = hasSup ? 1 - (1 - w) * prodSup : nil
            switch (va, vs) {
            case (nil, nil): return w
            case (let a?, nil): return a
            case (nil, let b?): return b
            case (let a?, let b?): return (a + b) / 2
            }
        case .euler:
            let e = sumSup - sumAtt
            if w == 0 { return 0 }
            if e == 0 { return w }
            if e > 700 { return 1 - (1 - w * w) * exp(-e) / w }
            return 1 - (1 - w * w) / (1 + w * exp(e))
        case .qe:
            let e = sumSup - sumAtt
            return w - w * h(-e) + (1 - w) * h(e)
        case .mlp:
            if w <= 0 { return 0 }
            if w >= 1 { return 1 }
            // No net contribution leaves the base, exactly, with no exp to round it (or to
            // spend time on: most claims, the leaves, are this).
            if sumSup == sumAtt { return w }
            // logistic(ln(w/(1 − w)) + α) is w/(w + (1 − w)·e^(−α)): one exp, no log. For a very
            // negative α, e^(−α) is infinite and the score 0, the limit.
            return w / (w + (1 - w) * exp(sumAtt - sumSup))
        case .hcat:
            return w / (1 + sumAtt)
        case .grounded:
            return w
        }
    }

    @inline(__always)
    static func h(_ x: Double) -> Double {
        let p = max(x, 0)
        return p * p / (1 + p * p)
    }

    /// A cyclic map's evaluation, one strongly connected component at a time: the components
    /// in an order where every claim comes after the claims it depends on (those bearing on it
    /// and the undercutters of its relations), a claim on no cycle worked out exactly from
    /// those, once, and the claims of each cycle together (cycles that do not depend on each
    /// other at once, on every core), by RK4 (or, for hcat, iteration)
    /// with what bears on them from outside settled. Each claim's score is the limit the
    /// whole map's continuous model (``rk4(_:_:_:cap:)``) tends to: a claim's trajectory
    /// depends only on the claims it depends on, and a claim on no cycle tends to its function
    /// of their limits. A test compares the two. A map a million claims large, with cycles of
    /// a few claims, is evaluated in a pass or so, not in thousands of steps of the whole map.
    /// Each component takes at most `cap` steps; the result has converged when every one did,
    /// and reports the most steps any took.
    /// - Complexity: O(claims + relations) to find the components, then, for each component,
    ///   its claims and relations times the steps it takes.
    ///
    /// Returns the evaluation, and what it found on the way (``Solved``). `given`: the
    /// components, when they were found already.
    static func continuous(_ g: EvaluationGraph, _ semantics: Semantics, _ options: Options, cap: Int,
                           found given: EvaluationGraph.Components? = nil, alone: Bool = true, onOneCore: Bool = false,
                           memory: Memory? = nil) -> (Evaluation, Solved) {
        // A first evaluation with both cores to itself, of a map whose claims below every cycle
        // are known as laid out: they are worked out on one core (from the scores as they
        // start) while the other searches for the components above them, which they do not
        // depend on, and sorts them by depth.
        var settledBelow = 0
        let found: EvaluationGraph.Components
        var s: [Double], uf: [Double]
        if given == nil, alone, options.settlesBelowCyclesBesideSearch, let below = g.claimsBelowCycles, below.count >= options.settlesOnBothCoresFrom {
            let settled: (s: [Double], uf: [Double], runs: EvaluationGraph.Settling)
            // (The undercut factors, which the claims below every cycle read only on a map with
            // undercuts, are otherwise made on the core that searches, which finishes first.)
            let memory = memory ?? Memory(), undercuts = g.hasUndercuts
            let factors: [Double]
            ((found, factors), settled) = Parallel.both({
                let found = g.components()
                _ = found.byDepth()
                return (found, undercuts ? [] : memory.takenFactors(for: g))
            }, {
                var s = memory.takenScores(for: g), uf = undercuts ? memory.takenFactors(for: g) : []
                let runs = s.withUnsafeMutableBufferPointer { s in uf.withUnsafeMutableBufferPointer { uf in settleBelowCycles(below, g, semantics, s, uf) } }
                return (s, uf, runs)
            })
            (s, uf) = (settled.s, undercuts ? settled.uf : factors)
            found.keep(settled.runs)
            settledBelow = below.count
        } else {
            found = given ?? g.components()
            (s, uf) = (memory ?? Memory()).taken(for: g)
        }
        let (order, firsts) = found.byDepth()
        var cycles: [Int32: (steps: Int, residual: Double)] = [:]
        // The large cycles' layouts, kept for the edits after (``Solved/kept``).
        var kept: [Int32: Component] = [:]
        withSolver(g, semantics, options, cap: cap, found, &s, &uf, laysOutOnBothCores: alone) { solve in
            // Depth by depth in cycles: first the depth's cycles, which depend on none of its
            // claims nor on each other, on every core when there are several; then its claims
            // on no cycle, in the components' order, each after those it depends on.
            for d in 0..<(firsts.count - 1) {
                let stage = order[firsts[d]..<firsts[d + 1]]
                if d > 0 {
                    let here = stage.filter { found.isCycle[Int($0)] }
                    let sizes = here.map { Int(found.starts[Int($0) + 1] - found.starts[Int($0)]) }, claims = sizes.reduce(0, +)
                    var solved: [(steps: Int, residual: Double)?]
                    if here.count > 1 && claims >= 64 && !onOneCore {
                        // Two runs of them, of about as many claims each, one a core (a hand-off
                        // a run, rather than one a cycle, which costs more than a small cycle).
                        var half = 0, counted = 0
                        while half < here.count - 1 && counted + sizes[half] <= claims / 2 { counted += sizes[half]; half += 1 }
                        let runs = [here[..<max(half, 1)], here[max(half, 1)...]]
                        let results = Parallel.map(2) { r in
                            var own: [Int32: Component] = [:]
                            return (solve.all(runs[r], false, keepingIn: &own), own)
                        }
                        solved = results[0].0 + results[1].0
                        for (k, layout) in results.flatMap(\.1) where options.keepsLayout(of: layout.claims.count, besides: kept.keptClaims) {
                            kept[k] = layout
                        }
                    } else {
                        solved = solve.all(here[...], !onOneCore, keepingIn: &kept)
                    }
                    for (k, result) in zip(here, solved) { cycles[k] = result }
                }
                if d > 0 {
                    if alone && stage.count >= options.settlesOnBothCoresFrom {
                        // (The runs are not kept: a deeper stage holds few of the map's claims.)
                        _ = solve.settleOnBothCores(stage, found.isCycle, depth: Int32(d), found.depth)
                    } else {
                        solve.settle(stage, found.isCycle)
                    }
                } else if settledBelow > 0 {
                    // Components 0..<settledBelow are those claims, the first of depth 0 (in
                    // their order); any after them there are worked out (none: the claims below
                    // every cycle are all the claims of depth 0).
                    solve.settle(stage.dropFirst(settledBelow), found.isCycle)
                } else if let kept = found.keptSettling {
                    // The claims something bears on, as the first evaluation found them.
                    solve.settle(kept, atOnce: alone)
                } else if alone && stage.count >= options.settlesOnBothCoresFrom {
                    found.keep(solve.settleOnBothCores(stage, found.isCycle, depth: 0, found.depth))
                } else {
                    found.keep(EvaluationGraph.Settling(first: solve.settle(stage, found.isCycle, keeping: true)))
                }
            }
        }
        return (summary(semantics, s, cycles, options), Solved(factors: uf, components: found, cycles: cycles, options: options, cap: cap, kept: kept))
    }

    /// The scores and undercut factors of an evaluation being replaced, whose memory the next
    /// evaluation of the same graph writes its own in: that memory is in use already, where
    /// new memory is handed over by the system page by page as it is first written (16 MB at
    /// a million claims, about 2,400 pages not reused from memory freed before).
    final class Memory {
        var scores: [Double] = [], factors: [Double] = []

        init() {}

        /// The scores as they start (the bases of `g`) and the undercut factors (1), in this
        /// memory (taken: it holds nothing after) when it holds a number a claim of `g`, else
        /// in new memory.
        func taken(for g: EvaluationGraph) -> ([Double], [Double]) {
            (takenScores(for: g), takenFactors(for: g))
        }

        /// The scores as they start, as ``taken(for:)`` gives them, alone: the factors stay.
        func takenScores(for g: EvaluationGraph) -> [Double] {
            var s: [Double] = []
            swap(&s, &scores)
            guard s.count == g.count else { return [Double](roomyCopyOf: g.base) }
            g.base.withUnsafeBufferPointer { base in
                s.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: base.baseAddress!, count: g.count) }
            }
            return s
        }

        /// The undercut factors, as ``taken(for:)`` gives them, alone: the scores stay (taken
        /// on another core, it may be). None on a map with no undercuts (``Solved/factors``).
        func takenFactors(for g: EvaluationGraph) -> [Double] {
            var uf: [Double] = []
            swap(&uf, &factors)
            guard g.hasUndercuts else { return [] }
            guard uf.count == g.count else { return [Double](roomyRepeating: 1, count: g.count) }
            uf.withUnsafeMutableBufferPointer { $0.update(repeating: 1) }
            return uf
        }
    }

    /// Works out `below`, the claims below every cycle of `g` in its order (each after those it
    /// depends on: ``EvaluationGraph/claimsBelowCycles``), in `s` and `uf` as
    /// ``Solver/settle(_:_:keeping:)`` works them out, one after another, needing no components;
    /// and returns them in the runs that ``Solver/settleOnBothCores(_:_:depth:_:)`` would keep
    /// for the evaluations after: those of the first half that something bears on or undercuts;
    /// those of the second half that depend on none of the first half's, nor on one put off; and
    /// those put off, in their order. (The scores are the same whatever the runs: each claim is
    /// worked out once, from the scores of the claims it depends on, all worked out before it.)
    static func settleBelowCycles(_ below: [Int], _ g: EvaluationGraph, _ semantics: Semantics,
                                  _ s: UnsafeMutableBufferPointer<Double>, _ uf: UnsafeMutableBufferPointer<Double>) -> EvaluationGraph.Settling {
        switch semantics {
        case .dfquad: settleBelowCycles(below, g, s, uf, DFQuAD.self)
        case .quad: settleBelowCycles(below, g, s, uf, QuAD.self)
        case .euler: settleBelowCycles(below, g, s, uf, Euler.self)
        case .qe: settleBelowCycles(below, g, s, uf, QE.self)
        case .mlp: settleBelowCycles(below, g, s, uf, MLP.self)
        case .hcat: settleBelowCycles(below, g, s, uf, HCat.self)
        case .grounded: settleBelowCycles(below, g, s, uf, Grounded.self)
        }
    }

    private static func settleBelowCycles<S: FixedSemantics>(_ below: [Int], _ g: EvaluationGraph, _ s: UnsafeMutableBufferPointer<Double>,
                                                             _ uf: UnsafeMutableBufferPointer<Double>, _: S.Type) -> EvaluationGraph.Settling {
        let undercuts = g.hasUndercuts, middle = below.count / 2
        var runs = EvaluationGraph.Settling()
        // Each claim of the first half, and each put off (whose claims after it wait for it).
        var waited = [Bool](repeating: false, count: g.count)
        below.withUnsafeBufferPointer { below in
        waited.withUnsafeMutableBufferPointer { waited in
        g.withUnsafeRows { offsets, source, _, _ in
        g.undercutOffsets.withUnsafeBufferPointer { undercutOffsets in
        g.undercutSource.withUnsafeBufferPointer { undercutSource in
            for c in below[..<middle] { waited[c] = true }
            for (k, c) in below.enumerated() {
                let row = offsets.row(c), undercutRow = undercuts ? undercutOffsets.row(c) : 0..<0
                if undercuts { uf[c] = g.undercutFactor(c, UnsafeBufferPointer(s)) }
                if !row.isEmpty { s[c] = Evaluator.strength(c, g, S.semantics, UnsafeBufferPointer(s), UnsafeBufferPointer(uf), undercuts: undercuts) }
                if k < middle {
                    if !row.isEmpty || !undercutRow.isEmpty { runs.first.append(Int32(c)) }
                } else if row.contains(where: { waited[Int(source[$0])] }) || undercutRow.contains(where: { waited[Int(undercutSource[$0])] }) {
                    waited[c] = true
                    runs.after.append(Int32(c))
                } else if !row.isEmpty || !undercutRow.isEmpty {
                    runs.second.append(Int32(c))
                }
            }
        }}}}}
        return runs
    }

    /// What a cyclic map's continuous evaluation found on the way: enough to solve again only
    /// the components an edit reaches (``IncrementalEvaluator``), which gives the scores a
    /// whole evaluation would, to the last bit.
    struct Solved {
        /// Each claim's undercut factor, as the evaluation left it; none on a map with no
        /// undercuts (``EvaluationGraph/hasUndercuts``), where every factor is 1 and none is
        /// read (8 MB at a million claims neither filled nor kept, for each semantics `compare`
        /// keeps). An edit that puts in the map's first undercut makes them, each 1 but where
        /// the claims it reaches are solved again (``IncrementalEvaluator``); one that takes out
        /// its last drops them (``fitted(_:to:)``).
        var factors: [Double]

        /// Claim `c`'s undercut factor: 1 where none are kept.
        func factor(_ c: Int) -> Double { factors.isEmpty ? 1 : factors[c] }

        /// `factors` fitted to `g`: none on a map with no undercuts; on a map with some, kept
        /// as they are when they hold a factor a claim, or made, each 1, when there were none.
        /// (Every claim's factor is 1 on a map with no undercuts, and the claims whose factor
        /// an undercut put in changes are those that the change reaches, solved again.)
        static func fitted(_ factors: inout [Double], to g: EvaluationGraph) {
            if !g.hasUndercuts {
                factors = []
            } else if factors.isEmpty {
                factors = [Double](roomyRepeating: 1, count: g.count)
            }
        }
        var components: EvaluationGraph.Components
        /// The steps each cycle took and the largest slope it left, by component number.
        var cycles: [Int32: (steps: Int, residual: Double)]
        let options: Options, cap: Int
        /// The layouts of the large cycles (``Options/keptCycleSize``) as their last solving
        /// left them, by component number, with their stale claims marked
        /// (``Component/mark(_:)``). A layout that may be out of date otherwise is dropped.
        var kept: [Int32: Component] = [:]
    }

    /// Runs `body` with a function that solves a component of `components`, helped by another
    /// thread or not (``solve(_:_:_:_:cap:_:_:_:_:_:helped:)``), in place in `s` and `uf`.
    static func withSolver<R>(_ g: EvaluationGraph, _ semantics: Semantics, _ options: Options, cap: Int, _ components: EvaluationGraph.Components,
                              _ s: inout [Double], _ uf: inout [Double], laysOutOnBothCores: Bool = true, log: ScoresBefore? = nil,
                              _ body: (Solver) -> R) -> R {
        s.withUnsafeMutableBufferPointer { s in
        uf.withUnsafeMutableBufferPointer { uf in
        components.members.withUnsafeBufferPointer { members in
        components.starts.withUnsafeBufferPointer { starts in
        components.component.withUnsafeBufferPointer { component in
            body(Solver(g: g, semantics: semantics, options: options, cap: cap, members: members, starts: starts, component: component, s: s, uf: uf,
                        laysOutOnBothCores: laysOutOnBothCores, log: log))
        }}}}}
    }

    /// Solves components of a map in place (``withSolver(_:_:_:cap:_:_:_:_:)``). Must not
    /// outlive its body.
    struct Solver {
        let g: EvaluationGraph, semantics: Semantics, options: Options, cap: Int
        let members: UnsafeBufferPointer<Int32>, starts: UnsafeBufferPointer<Int32>, component: UnsafeBufferPointer<Int32>
        let s: UnsafeMutableBufferPointer<Double>, uf: UnsafeMutableBufferPointer<Double>
        /// Whether a large cycle whose steps are `helped` has its layout read on both cores too
        /// (``Component/layOut(_:_:_:_:_:_:helped:)``): not when the other core is at other work
        /// (`compare`'s semantics), where the steps' helper takes a chunk only as its core is
        /// free, but a layout's half would wait for it.
        let laysOutOnBothCores: Bool
        /// Where a component solved with the layouts kept (``callAsFunction(_:_:keepingIn:spare:)``)
        /// notes the scores it replaced (``ScoresBefore``), when given.
        var log: ScoresBefore? = nil

        /// Solves component `k` (``Evaluator/solve(_:_:_:_:cap:_:_:_:_:_:helped:)``).
        func callAsFunction(_ k: Int32, _ helped: Bool) -> (steps: Int, residual: Double)? {
            solve(k, g, semantics, options, cap: cap, members, starts, component, s, uf, helped: helped)
        }

        /// Solves component `k` with the layouts kept in `kept` (``Solved/kept``): its own, when
        /// kept, brought up to date (``Component/refresh(_:_:_:_:reading:)``); else, for a cycle whose
        /// layout is to be kept besides those (``Options/keepsLayout(of:besides:)``), laid out
        /// afresh and kept for next time; else as ``callAsFunction(_:_:)``.
        func callAsFunction(_ k: Int32, _ helped: Bool, keepingIn kept: inout [Int32: Component]) -> (steps: Int, residual: Double)? {
            var spare = Component()
            return self(k, helped, keepingIn: &kept, spare: &spare)
        }

        /// ``callAsFunction(_:_:keepingIn:)``, a cycle whose layout is not kept being laid out in
        /// `spare` (``Component/layOut(_:_:_:_:_:_:)``).
        func callAsFunction(_ k: Int32, _ helped: Bool, keepingIn kept: inout [Int32: Component], spare: inout Component) -> (steps: Int, residual: Double)? {
            if kept[k] != nil {
                kept[k]!.refresh(g, component, s, uf, reading: semantics)
                kept[k]!.changedWithin = false
            } else {
                let group = UnsafeBufferPointer(rebasing: members[Int(starts[Int(k)])..<Int(starts[Int(k) + 1])])
                guard options.keepsLayout(of: group.count, besides: kept.keptClaims) else {
                    guard group.count > 1 || g.dependsOnItself(Int(group[0])) else {
                        if let log {
                            log.clear()
                            log.note(group[0], s[Int(group[0])], uf.isEmpty ? 1 : uf[Int(group[0])])
                        }
                        return self(k, helped)
                    }
                    spare.layOut(g, group, k, component, s, uf, helped: helped && laysOutOnBothCores)
                    return solve(spare, semantics, s, uf, options, cap: cap, helped: helped, log: log)
                }
                kept[k] = Component(g, group, k, component, s, uf, helped: helped && laysOutOnBothCores)
            }
            if kept[k]!.dependentStarts.isEmpty && options.solvesLocally(kept[k]!, semantics) { kept[k]!.makeDependents() }
            let solved = solve(kept[k]!, semantics, s, uf, options, cap: cap, helped: helped, log: log)
            kept[k]!.solved(solved.residual, tolerance: options.tolerance)
            return solved
        }

        /// Whether component `k`, solved before with what its inputs were then, must be solved
        /// again: not when its kept layout, brought up to date (``Component/refresh(_:_:_:_:reading:)``),
        /// reads what it read before, to the last bit (its bases and what bears on its claims
        /// from outside), and no weight within was set since (``Component/changedWithin``), so
        /// that its scores would come out as they are. Always for a component with no layout
        /// kept.
        func mustSolve(_ k: Int32, keptIn kept: inout [Int32: Component]) -> Bool {
            guard kept[k] != nil else { return true }
            let within = kept[k]!.changedWithin
            kept[k]!.changedWithin = false
            return kept[k]!.refresh(g, component, s, uf, reading: semantics) || within
        }

        /// Solves the components `ks` in turn (``callAsFunction(_:_:keepingIn:)``), each one's
        /// memory asked for a few components ahead, in three stages that each read what the one
        /// before asked for (``prefetchOffsets(of:)``, ``prefetchRows(of:)``,
        /// ``prefetchSources(of:)``): a map's small cycles lie at random across it, and laying
        /// one out waits mostly on reads from memory.
        func all(_ ks: ArraySlice<Int32>, _ helped: Bool, keepingIn kept: inout [Int32: Component]) -> [(steps: Int, residual: Double)?] {
            var solved: [(steps: Int, residual: Double)?] = [], spare = Component()
            solved.reserveCapacity(ks.count)
            let end = ks.endIndex
            for i in ks.indices {
                if i + 6 < end { prefetchOffsets(of: ks[i + 6]) }
                if i + 3 < end { prefetchRows(of: ks[i + 3]) }
                if i + 1 < end { prefetchSources(of: ks[i + 1]) }
                solved.append(self(ks[i], helped, keepingIn: &kept, spare: &spare))
            }
            return solved
        }

        /// The claims of component `k` when it is a small cycle (8 claims at most), the only
        /// ones asked for ahead; empty otherwise.
        @inline(__always)
        func smallCycle(_ k: Int32) -> UnsafeBufferPointer<Int32> {
            let from = Int(starts[Int(k)]), to = Int(starts[Int(k) + 1])
            return UnsafeBufferPointer(rebasing: members[from..<(to - from <= 8 ? to : from)])
        }

        /// Asks for the row offsets and bases of component `k`'s claims, and the offsets of
        /// their undercuts on a map that has some.
        @inline(__always)
        func prefetchOffsets(of k: Int32) {
            let undercuts = g.hasUndercuts
            g.offsets.withUnsafeBufferPointer { offsets in
            g.base.withUnsafeBufferPointer { base in
            g.undercutOffsets.withUnsafeBufferPointer { undercutOffsets in
                for c in smallCycle(k).lazy.map({ Int($0) }) {
                    argmap_prefetch(offsets.baseAddress! + c)
                    argmap_prefetch(base.baseAddress! + c)
                    if undercuts { argmap_prefetch(undercutOffsets.baseAddress! + c) }
                }
            }}}
        }

        /// Asks for the rows of component `k`'s claims (their offsets read).
        @inline(__always)
        func prefetchRows(of k: Int32) {
            g.withUnsafeRows { offsets, source, weight, isAttack in
                for c in smallCycle(k).lazy.map({ Int($0) }) { Evaluator.prefetchRow(of: c, offsets, source, weight, isAttack) }
            }
        }

        /// Asks for the components, scores and undercut factors (on a map with undercuts: the
        /// layout reads them only there) of the claims in the rows of component `k`'s claims
        /// (their rows read).
        @inline(__always)
        func prefetchSources(of k: Int32) {
            let undercuts = g.hasUndercuts
            g.withUnsafeRows { offsets, source, _, _ in
                for c in smallCycle(k).lazy.map({ Int($0) }) {
                    for j in offsets.row(c) {
                        let x = Int(source[j])
                        argmap_prefetch(component.baseAddress! + x)
                        argmap_prefetch(s.baseAddress! + x)
                        if undercuts { argmap_prefetch(uf.baseAddress! + x) }
                    }
                }
            }
        }

        /// Works out the claims on no cycle of the components `ks` (each after the components
        /// it depends on), as ``callAsFunction(_:_:)`` does, in one loop compiled for the
        /// semantics. A claim that nothing bears on keeps its base (the scores start as the
        /// bases), which every semantics' function gives it back exactly, so it is passed over:
        /// most claims of a map are such.
        /// With `keeping`, returns the claims it worked out (something bears on or undercuts
        /// them), in their order: a ``EvaluationGraph/Settling`` of depth 0's.
        @discardableResult
        func settle(_ ks: ArraySlice<Int32>, _ isCycle: [Bool], keeping: Bool = false) -> [Int32] {
            switch semantics {
            case .dfquad: settle(ks, isCycle, DFQuAD.self, keeping: keeping)
            case .quad: settle(ks, isCycle, QuAD.self, keeping: keeping)
            case .euler: settle(ks, isCycle, Euler.self, keeping: keeping)
            case .qe: settle(ks, isCycle, QE.self, keeping: keeping)
            case .mlp: settle(ks, isCycle, MLP.self, keeping: keeping)
            case .hcat: settle(ks, isCycle, HCat.self, keeping: keeping)
            case .grounded: settle(ks, isCycle, Grounded.self, keeping: keeping)
            }
        }

        /// Works out the claims below every cycle that something bears on or undercuts, in the
        /// runs an earlier evaluation kept (``EvaluationGraph/Settling``): the first two at
        /// once, one a core, when `atOnce`; then the last. The other claims of depth 0 keep
        /// their bases, as ``settle(_:_:keeping:)`` leaves them.
        func settle(_ runs: EvaluationGraph.Settling, atOnce: Bool) {
            switch semantics {
            case .dfquad: settle(runs, atOnce: atOnce, DFQuAD.self)
            case .quad: settle(runs, atOnce: atOnce, QuAD.self)
            case .euler: settle(runs, atOnce: atOnce, Euler.self)
            case .qe: settle(runs, atOnce: atOnce, QE.self)
            case .mlp: settle(runs, atOnce: atOnce, MLP.self)
            case .hcat: settle(runs, atOnce: atOnce, HCat.self)
            case .grounded: settle(runs, atOnce: atOnce, Grounded.self)
            }
        }

        private func settle<S: FixedSemantics>(_ runs: EvaluationGraph.Settling, atOnce: Bool, _: S.Type) {
            if options.settlesSecondHalfFirst {
                settleRun(runs.second, S.self)
                settleRun(runs.first, S.self)
            } else if atOnce && !runs.second.isEmpty {
                _ = Parallel.both({ settleRun(runs.first, S.self) }, { settleRun(runs.second, S.self) })
            } else {
                settleRun(runs.first, S.self)
                settleRun(runs.second, S.self)
            }
            settleRun(runs.after, S.self)
        }

        /// Works out `claims` in turn (each after those it depends on).
        private func settleRun<S: FixedSemantics>(_ claims: [Int32], _: S.Type) {
            let undercuts = g.hasUndercuts
            claims.withUnsafeBufferPointer { claims in
                for c in claims.lazy.map({ Int($0) }) {
                    if undercuts { uf[c] = g.undercutFactor(c, UnsafeBufferPointer(s)) }
                    guard g.offsets[c] < g.offsets[c + 1] else { continue }
                    s[c] = Evaluator.strength(c, g, S.semantics, UnsafeBufferPointer(s), UnsafeBufferPointer(uf), undercuts: undercuts)
                }
            }
        }

        /// ``settle(_:_:)`` of the components `ks`, all of depth `d` (`depths` holding each
        /// component's), whose cycles are solved (each claim depends only on components of
        /// lower depths, on those cycles, and on components of `ks` before it), on two cores:
        /// the first half on one, the second on the other, which puts off each claim that
        /// depends on a claim on no cycle of the first half (at depth 0, every claim below the
        /// second half's first component: all are of depth 0 and on no cycle), or on a claim
        /// put off; those are worked out after both, in their order. On a map shaped as
        /// debates are, few are put off: the claims under a claim come just before it.
        /// Returns the claims it worked out, as a ``EvaluationGraph/Settling``: the first half's,
        /// the second half's not put off, and those put off.
        func settleOnBothCores(_ ks: ArraySlice<Int32>, _ isCycle: [Bool], depth d: Int32, _ depths: [Int32]) -> EvaluationGraph.Settling {
            let middle = ks.startIndex + ks.count / 2, boundary = ks[middle]
            return switch semantics {
            case .dfquad: settleOnBothCores(ks[..<middle], ks[middle...], boundary, isCycle, d, depths, DFQuAD.self)
            case .quad: settleOnBothCores(ks[..<middle], ks[middle...], boundary, isCycle, d, depths, QuAD.self)
            case .euler: settleOnBothCores(ks[..<middle], ks[middle...], boundary, isCycle, d, depths, Euler.self)
            case .qe: settleOnBothCores(ks[..<middle], ks[middle...], boundary, isCycle, d, depths, QE.self)
            case .mlp: settleOnBothCores(ks[..<middle], ks[middle...], boundary, isCycle, d, depths, MLP.self)
            case .hcat: settleOnBothCores(ks[..<middle], ks[middle...], boundary, isCycle, d, depths, HCat.self)
            case .grounded: settleOnBothCores(ks[..<middle], ks[middle...], boundary, isCycle, d, depths, Grounded.self)
            }
        }

        private func settleOnBothCores<S: FixedSemantics>(_ first: ArraySlice<Int32>, _ second: ArraySlice<Int32>, _ boundary: Int32, _ isCycle: [Bool],
                                                          _ d: Int32, _ depths: [Int32], _: S.Type) -> EvaluationGraph.Settling {
            // The two halves write the scores and factors of their own claims only, and the
            // second reads none of the first's: it puts off a claim that would.
            let firstRun: [Int32], secondRun: (putOff: [Int32], kept: [Int32])
            let putOff = { self.settle(second, isCycle, puttingOffBelow: boundary, from: first.first ?? boundary, depth: d, depths, S.self) }
            if options.settlesSecondHalfFirst {
                secondRun = putOff()
                firstRun = settle(first, isCycle, S.self, keeping: true)
            } else {
                (firstRun, secondRun) = Parallel.both({ settle(first, isCycle, S.self, keeping: true) }, putOff)
            }
            // Those put off, their NaN scores back to their bases, in their order.
            for c in secondRun.putOff.lazy.map({ Int($0) }) { s[c] = g.base[c] }
            settleRun(secondRun.putOff, S.self)
            return EvaluationGraph.Settling(first: firstRun, second: secondRun.kept, after: secondRun.putOff)
        }

        /// ``settle(_:_:)`` of `ks`, putting off each claim that depends on a claim of a
        /// component numbered from `lowest` and below `boundary`, of depth `d` and on no cycle
        /// (at depth 0, on any claim below `boundary`: all are such), or on a claim put off
        /// (whose score is left NaN until it is worked out: no score is NaN otherwise). Returns
        /// the claims put off, and the claims it worked out (something bears on or undercuts
        /// them), each in their order.
        private func settle<S: FixedSemantics>(_ ks: ArraySlice<Int32>, _ isCycle: [Bool], puttingOffBelow boundary: Int32, from lowest: Int32,
                                               depth d: Int32, _ depths: [Int32], _: S.Type) -> (putOff: [Int32], kept: [Int32]) {
            var putOff: [Int32] = [], kept: [Int32] = []
            let undercuts = g.hasUndercuts
            ks.withUnsafeBufferPointer { ks in
            isCycle.withUnsafeBufferPointer { isCycle in
            depths.withUnsafeBufferPointer { depths in
            g.withUnsafeRows { offsets, source, _, _ in
            g.undercutOffsets.withUnsafeBufferPointer { undercutOffsets in
            g.undercutSource.withUnsafeBufferPointer { undercutSource in
                // (A claim of the first half is told by its component alone, whose score is
                // not read: the first half is writing it.)
                @inline(__always) func waits(_ x: Int32) -> Bool {
                    let k = component[Int(x)]
                    guard k < boundary else { return s[Int(x)].isNaN }
                    return d == 0 || (k >= lowest && depths[Int(k)] == d && !isCycle[Int(k)])
                }
                for k in ks where !isCycle[Int(k)] {
                    let c = Int(members[Int(starts[Int(k)])])
                    let row = offsets.row(c)
                    if row.contains(where: { waits(source[$0]) })
                        || (undercuts && undercutOffsets.row(c).contains(where: { waits(undercutSource[$0]) })) {
                        putOff.append(Int32(c))
                        s[c] = .nan
                        continue
                    }
                    if undercuts {
                        uf[c] = g.undercutFactor(c, UnsafeBufferPointer(s))
                        if row.isEmpty && undercutOffsets[c] < undercutOffsets[c + 1] { kept.append(Int32(c)) }
                    }
                    guard !row.isEmpty else { continue }
                    kept.append(Int32(c))
                    s[c] = Evaluator.strength(c, g, S.semantics, UnsafeBufferPointer(s), UnsafeBufferPointer(uf), undercuts: undercuts)
                }
            }}}}}}
            return (putOff, kept)
        }

        @discardableResult
        private func settle<S: FixedSemantics>(_ ks: ArraySlice<Int32>, _ isCycle: [Bool], _: S.Type, keeping: Bool = false) -> [Int32] {
            let undercuts = g.hasUndercuts
            var kept: [Int32] = []
            ks.withUnsafeBufferPointer { ks in
            isCycle.withUnsafeBufferPointer { isCycle in
                for k in ks where !isCycle[Int(k)] {
                    let c = Int(members[Int(starts[Int(k)])])
                    let borne = g.offsets[c] < g.offsets[c + 1]
                    if undercuts {
                        uf[c] = g.undercutFactor(c, UnsafeBufferPointer(s))
                        if keeping && !borne && g.undercutOffsets[c] < g.undercutOffsets[c + 1] { kept.append(Int32(c)) }
                    }
                    guard borne else { continue }
                    if keeping { kept.append(Int32(c)) }
                    // (Inlined with the semantics a constant: its function's switch folds away.)
                    s[c] = Evaluator.strength(c, g, S.semantics, UnsafeBufferPointer(s), UnsafeBufferPointer(uf), undercuts: undercuts)
                }
            }}
            return kept
        }
    }

    /// Solves component `k` (of ``EvaluationGraph/components()``'s `members`, `starts` and
    /// `component`), every component it depends on being settled in `s` and `uf`: its claims'
    /// scores and undercut factors are written there. Returns the steps a cycle took and the
    /// largest slope it left; nil for a claim on no cycle, worked out once. `helped`: whether a
    /// large cycle's steps may be shared with a helper thread (when no other work has the
    /// other core).
    static func solve(_ k: Int32, _ g: EvaluationGraph, _ semantics: Semantics, _ options: Options, cap: Int,
                      _ members: UnsafeBufferPointer<Int32>, _ starts: UnsafeBufferPointer<Int32>, _ component: UnsafeBufferPointer<Int32>,
                      _ s: UnsafeMutableBufferPointer<Double>, _ uf: UnsafeMutableBufferPointer<Double>, helped: Bool) -> (steps: Int, residual: Double)? {
        let group = UnsafeBufferPointer(rebasing: members[Int(starts[Int(k)])..<Int(starts[Int(k) + 1])])
        if group.count == 1 && !g.dependsOnItself(Int(group[0])) {
            let c = Int(group[0]), undercuts = g.hasUndercuts
            if undercuts { uf[c] = g.undercutFactor(c, UnsafeBufferPointer(s)) }
            s[c] = strength(c, g, semantics, UnsafeBufferPointer(s), UnsafeBufferPointer(uf), undercuts: undercuts)
            return nil
        }
        return solve(Component(g, group, k, component, s, uf, helped: helped), semantics, s, uf, options, cap: cap, helped: helped)
    }

    /// Solves the cycle laid out in `claims` (``solve(_:_:_:_:cap:_:_:_:_:_:helped:)``); a
    /// trial's, where it can, claim by claim (``locally(_:_:_:_:_:log:)``). With `log`, the
    /// scores and factors it may have replaced are noted there (``ScoresBefore``).
    static func solve(_ claims: Component, _ semantics: Semantics, _ s: UnsafeMutableBufferPointer<Double>, _ uf: UnsafeMutableBufferPointer<Double>,
                      _ options: Options, cap: Int, helped: Bool, log: ScoresBefore? = nil) -> (steps: Int, residual: Double) {
        log?.clear()
        if options.solvesLocally(claims, semantics), let solved = locally(semantics, claims, s, uf, options, log: log) { return solved }
        log?.note(all: claims.claims, s, uf)
        return semantics == .hcat ? iterate(semantics, claims, s, uf, options, cap: cap) : rk4(semantics, claims, s, uf, options, cap: cap, helped: helped)
    }

    /// The evaluation of `scores`, its cycles having taken the steps and left the slopes in
    /// `cycles`: converged when every cycle did; the most steps any took; the largest slope
    /// left, or, when some did not converge, the largest of theirs.
    static func summary(_ semantics: Semantics, _ scores: [Double], _ cycles: [Int32: (steps: Int, residual: Double)], _ options: Options) -> Evaluation {
        var steps = 0, settled = 0.0, unsettled: Double?
        for (_, solved) in cycles {
            steps = max(steps, solved.steps)
            if solved.residual < options.tolerance {
                settled = max(settled, solved.residual)
            } else {
                unsettled = unsettled.map { max($0, solved.residual) } ?? solved.residual
            }
        }
        let residual = unsettled ?? settled
        return Evaluation(semantics: semantics, converged: unsettled == nil, iterations: steps, residual: residual, scores: scores, labels: nil,
                          note: unsettled == nil ? nil : "did not converge in \(steps) steps (largest remaining change \(residual))", cyclic: true)
    }

    /// The claims of a component, laid out for the steps that solve them together: what bears
    /// on each from outside the component is settled, so it is aggregated once (supports and
    /// attacks, and the undercuts of its relations), and each step reads only the relations
    /// between the component's claims, by their places in the component. The arrays a step
    /// reads are kept small (places in 4 bytes; from outside, only the two numbers a claim that
    /// the semantics reads): a step of a cycle of thousands of claims reads all of them four
    /// times.
    struct Component {
        /// The component's number (changed when the components before it are moved), and its
        /// claims.
        var k: Int32
        private(set) var claims: [Int32] = []
        /// Each claim's place, for a component of more than 8 claims (a look along fewer).
        private(set) var place: [Int32: Int] = [:]
        var base: [Double] = []
        /// Each claim's aggregate of the supports and attacks from outside.
        var outside: [Aggregate] = []
        /// The same as the steps read it: the products of the attacks and of the supports from
        /// outside (claim i's at 2i and 2i + 1), and their sums.
        var outsideProducts: [Double] = [], outsideSums: [Double] = []
        /// The attacks and supports within: claim i's attacks are at bounds[2i]..<bounds[2i + 1]
        /// and its supports at bounds[2i + 1]..<bounds[2i + 2], each in the order of the claim's
        /// row (so that each is aggregated in the same order as a whole row is), from the claim
        /// at place `sources[j]`, of weight `weights[j]`.
        var bounds: [Int32] = [0], sources: [Int32] = [], weights: [Double] = []
        /// Room for a claim's supports from within while its row is read (``Places``).
        private var supports: [(from: Int32, weight: Double)] = []
        /// Each claim's undercut factor from outside, and the undercuts within: claim i's at
        /// undercutStarts[i]..<undercutStarts[i + 1], from the claim at place `undercutters[j]`.
        var outsideFactor: [Double] = []
        var undercutStarts: [Int] = [0], undercutters: [Int] = [], undercutWeights: [Double] = []
        /// Whether no claim of the component undercuts another's relations: then each claim's
        /// undercut factor is its factor from outside, fixed, and `weights` holds each
        /// relation's effective weight (its weight times its source's factor), those of
        /// effective weight 0 (no relation, as ``Aggregate/add(_:_:attack:)`` takes them) left out.
        var fixedFactors = true
        /// Whether the map has undercuts (so that the claims' undercut factors are read).
        var readsUndercuts = false
        /// The claims whose base, or whose supports and attacks from outside, changed since the
        /// layout was made (when it is kept: ``Evaluator/Solver``), to be brought up to date
        /// before it is solved again (``refresh(_:_:_:_:reading:)``).
        var stale: [Int32] = []
        /// Whether a weight within was set in place (``setWeight(from:to:_:attack:)``) since the
        /// layout was last solved, or asked whether it must be (``Solver/mustSolve(_:keptIn:)``):
        /// a change that what it reads from outside does not show.
        var changedWithin = false
        /// Each claim's dependents within, by place, for a trial's solving from the scores
        /// (``Evaluator/locally(_:_:_:_:_:log:)``): claim i's at dependentStarts[i]..<dependentStarts[i + 1]
        /// in `dependents` (the claims whose rows hold it), made when first asked for
        /// (``makeDependents()``); empty until then, and again once the layout is made afresh.
        var dependentStarts: [Int32] = [], dependents: [Int32] = []
        /// Whether the scores of the component's claims are known to be settled for the layout
        /// as it is, but at the places in ``moved``: each claim's slope |F(s) − s| below the
        /// tolerance, and at most ``settledResidual``. Set when the layout is solved (its
        /// slopes then below the tolerance) or checked (``check(_:_:tolerance:)``);
        /// unset when the layout is made, and when scores are put back into it otherwise than
        /// with the layout's own journal (``takeBack()``). A trial's claim-by-claim solving
        /// (``Evaluator/locally(_:_:_:_:_:log:)``) then starts from the moved places alone, not from
        /// a sweep over every claim.
        var settled = false
        /// The places whose base, aggregate from outside, or weights within changed, as the steps
        /// read them, since the layout was last ``settled``, each once or more.
        var moved: [Int32] = []
        /// The largest slope when the layout was last settled.
        var settledResidual = 0.0
        /// What ``settled``, ``moved`` and ``settledResidual`` were when the journal started, given back
        /// with the rest (``takeBack()``).
        private var journalStart: (settled: Bool, moved: [Int32], residual: Double) = (false, [], 0)
        /// While a trial's change is followed (``startJournal()``), what bringing the layout up to
        /// date and setting weights within replaced, in order: each claim's aggregate from
        /// outside and base by place, each weight by entry; nil otherwise.
        private var journal: (claims: [(Int, Aggregate, Double)], weights: [(Int, Double)])?

        /// `claims`, the claims of component `k` (`component` holding each claim's), with what
        /// bears on them from outside settled in `s` and `uf`.
        /// With `helped`, a large cycle's rows are read on both cores (``layOut(_:_:_:_:_:_:helped:)``).
        init(_ g: EvaluationGraph, _ claims: UnsafeBufferPointer<Int32>, _ k: Int32, _ component: UnsafeBufferPointer<Int32>,
             _ s: UnsafeMutableBufferPointer<Double>, _ uf: UnsafeMutableBufferPointer<Double>, helped: Bool = false) {
            self.k = k
            layOut(g, claims, k, component, s, uf, helped: helped)
        }

        /// No claims: a layout to lay components out in one after another
        /// (``layOut(_:_:_:_:_:_:)``).
        init() { k = -1 }

        /// Lays out `claims`, component `k`, as ``init(_:_:_:_:_:_:)`` does, in this layout's
        /// memory: a map's small cycles, thousands of them, are laid out one after another in
        /// the same arrays, which are not made and freed for each (most of what laying out a
        /// cycle of two claims cost, besides its reads from memory).
        /// With `helped` (the other core free), a cycle of ``rowsOnBothCoresFrom`` claims or
        /// more has its rows read on both cores, half the claims each (``Places``),
        /// their entries then put one half after the other: the same layout, entry for entry.
        /// (On the generated cyclic map of a million claims, the largest cycle's 6,222 rows hold
        /// 263,537 supports and attacks, 11,782 of them from within; the layout waits on the
        /// reads at random of the others' sources.)
        mutating func layOut(_ g: EvaluationGraph, _ claims: UnsafeBufferPointer<Int32>, _ k: Int32, _ component: UnsafeBufferPointer<Int32>,
                             _ s: UnsafeMutableBufferPointer<Double>, _ uf: UnsafeMutableBufferPointer<Double>, helped: Bool = false) {
            self.k = k
            let n = claims.count
            Self.refill(&self.claims, 0, count: n)
            Self.refill(&base, 0, count: n)
            self.claims.withUnsafeMutableBufferPointer { laidOut in
            base.withUnsafeMutableBufferPointer { base in
            g.base.withUnsafeBufferPointer { bases in
                for i in 0..<n {
                    laidOut[i] = claims[i]
                    base[i] = bases[Int(claims[i])]
                }
            }}}
            // Each claim's place: by a look along a few claims, by a table for more.
            if !place.isEmpty { place.removeAll(keepingCapacity: true) }
            if n > 8 {
                place.reserveCapacity(n)
                for (i, c) in claims.enumerated() { place[c] = i }
            }
            // Each claim's entries are set in its turn (``setOutside(_:_:)``); the rest are
            // filled claim by claim below.
            Self.refill(&outside, Aggregate(), count: n)
            Self.refill(&outsideProducts, 0, count: 2 * n)
            Self.refill(&outsideSums, 0, count: 2 * n)
            Self.refill(&bounds, 0, count: 1, room: 2 * n + 1)
            Self.refill(&sources, 0, count: 0)
            Self.refill(&weights, 0, count: 0)
            Self.refill(&undercutters, 0, count: 0)
            Self.refill(&undercutWeights, 0, count: 0)
            Self.refill(&stale, 0, count: 0)
            Self.refill(&dependentStarts, 0, count: 0)
            Self.refill(&moved, 0, count: 0)
            settled = false
            // On a map with no undercuts, every factor from outside is 1 and there are none
            // within: their offsets (a read at random for each claim) are not read.
            let undercuts = g.hasUndercuts
            readsUndercuts = undercuts
            if !undercuts {
                Self.refill(&outsideFactor, 1, count: n)
                Self.refill(&undercutStarts, 0, count: n + 1)
            } else {
                Self.refill(&outsideFactor, 0, count: 0, room: n)
                Self.refill(&undercutStarts, 0, count: 1)
                for c in claims.lazy.map({ Int($0) }) {
                    // As ``EvaluationGraph/undercutFactor(_:_:)`` multiplies them.
                    var factor = 1.0
                    for j in g.undercutRow(c) {
                        let u = Int(g.undercutSource[j])
                        if component[u] == k {
                            undercutters.append(self.place(of: u))
                            undercutWeights.append(g.undercutWeight[j])
                        } else {
                            factor *= 1 - g.undercutWeight[j] * s[u]
                        }
                    }
                    outsideFactor.append(factor)
                    undercutStarts.append(undercutters.count)
                }
            }
            fixedFactors = undercutters.isEmpty
            // Each claim's row in one pass (its memory is read once, at random): the attacks
            // from within go in as they come, the supports from within after them, and what
            // comes from outside is aggregated as ``fromOutside(_:_:_:_:_:_:)`` does it (which
            // a refresh of a kept layout calls, claim by claim).
            let (laidOut, place, fixed, factors) = (self.claims, self.place, fixedFactors, outsideFactor)
            laidOut.withUnsafeBufferPointer { laidOut in
            factors.withUnsafeBufferPointer { factors in
            outside.withUnsafeMutableBufferPointer { outside in
                let layout = Places(claims: laidOut, place: place, fixedFactors: fixed, outsideFactor: factors)
                if helped && n >= Self.rowsOnBothCoresFrom {
                    let half = n / 2, shared = Parallel.Unchecked(outside)
                    let (first, second) = Parallel.both({ layout.rows(0..<half, g, k, component, s, uf, shared.value) },
                                                        { layout.rows(half..<n, g, k, component, s, uf, shared.value) })
                    let offset = Int32(first.sources.count)
                    bounds.append(contentsOf: first.bounds)
                    bounds.append(contentsOf: second.bounds.lazy.map { $0 + offset })
                    sources = first.sources + second.sources
                    weights = first.weights + second.weights
                } else {
                    layout.rows(0..<n, g, k, component, s, uf, outside, bounds: &bounds, sources: &sources, weights: &weights, supports: &supports)
                }
            }}}
            for i in 0..<n { spreadOutside(i) }
        }

        /// The fewest claims of a cycle whose rows are read on both cores.
        static let rowsOnBothCoresFrom = 2_048

        /// What reading claims' rows into a layout reads from the layout (``layOut(_:_:_:_:_:_:helped:)``),
        /// in place: its claims, each one's place, and their undercut factors from outside.
        struct Places {
            let claims: UnsafeBufferPointer<Int32>, place: [Int32: Int], fixedFactors: Bool, outsideFactor: UnsafeBufferPointer<Double>

            /// As ``Component/place(of:)``.
            @inline(__always) func place(of c: Int) -> Int { Component.place(of: c, among: claims, place) }

            /// The rows of the claims at `places` into arrays of their own (the bounds counting
            /// from their first entry), their aggregates from outside into `outside`.
            func rows(_ places: Range<Int>, _ g: EvaluationGraph, _ k: Int32, _ component: UnsafeBufferPointer<Int32>,
                      _ s: UnsafeMutableBufferPointer<Double>, _ uf: UnsafeMutableBufferPointer<Double>,
                      _ outside: UnsafeMutableBufferPointer<Aggregate>) -> (bounds: [Int32], sources: [Int32], weights: [Double]) {
                var bounds: [Int32] = [], sources: [Int32] = [], weights: [Double] = [], supports: [(from: Int32, weight: Double)] = []
                bounds.reserveCapacity(2 * places.count)
                rows(places, g, k, component, s, uf, outside, bounds: &bounds, sources: &sources, weights: &weights, supports: &supports)
                return (bounds, sources, weights)
            }

            /// The rows of the claims at `places`: for each, its attacks from within, the bound
            /// after them, its supports from within, the bound after them (appended), and its
            /// aggregate from outside (into `outside`, at its place). `supports`: room for a
            /// claim's supports from within, kept from one layout to the next.
            func rows(_ places: Range<Int>, _ g: EvaluationGraph, _ k: Int32, _ component: UnsafeBufferPointer<Int32>,
                      _ s: UnsafeMutableBufferPointer<Double>, _ uf: UnsafeMutableBufferPointer<Double>,
                      _ outside: UnsafeMutableBufferPointer<Aggregate>, bounds: inout [Int32], sources: inout [Int32], weights: inout [Double],
                      supports: inout [(from: Int32, weight: Double)]) {
                let undercuts = g.hasUndercuts
                g.withUnsafeRows { offsets, source, weight, isAttack in
                    for i in places {
                        var aggregate = Aggregate()
                        if !supports.isEmpty { supports.removeAll(keepingCapacity: true) }
                        for j in offsets.row(Int(claims[i])) {
                            let x = Int(source[j])
                            guard component[x] == k else {
                                aggregate.add(undercuts ? weight[j] * uf[x] : weight[j], s[x], attack: isAttack[j])
                                continue
                            }
                            let from = place(of: x), w = fixedFactors ? weight[j] * outsideFactor[from] : weight[j]
                            if fixedFactors && w == 0 { continue }
                            if isAttack[j] {
                                sources.append(Int32(from))
                                weights.append(w)
                            } else {
                                supports.append((Int32(from), w))
                            }
                        }
                        bounds.append(Int32(sources.count))
                        for (from, w) in supports {
                            sources.append(from)
                            weights.append(w)
                        }
                        bounds.append(Int32(sources.count))
                        outside[i] = aggregate
                    }
                }
            }
        }

        /// Empties `array`, keeping its memory (and room for `room` entries), and puts in
        /// `count` copies of `value`.
        /// An array of that many already (the usual case for a map's small cycles, laid out one
        /// after another, most of two claims) is written over in place, and an empty one asked
        /// to stay empty is left as it is: emptied and filled again, a layout's arrays, with a
        /// new array for each claim's supports from within (``Places``), took half the time of
        /// laying out the generated cyclic map's 14,446 small cycles (10.7–12.4 ms, on both
        /// cores together, of the first scoring; 4.8–6.3 ms without; timed with temporary code).
        @inline(__always)
        static func refill<T>(_ array: inout [T], _ value: T, count: Int, room: Int = 0) {
            if array.count == count && array.capacity >= room {
                if count > 0 { array.withUnsafeMutableBufferPointer { $0.update(repeating: value) } }
                return
            }
            array.removeAll(keepingCapacity: true)
            array.reserveCapacity(room)
            array.append(contentsOf: repeatElement(value, count: count))
        }

        /// What bears on claim `c` of component `k` from outside it, settled in `s` and `uf`:
        /// its row's supports and attacks from claims of other components, in one pass over the
        /// row. Attacks and supports add to separate products and sums, each kind in the row's
        /// order, as a whole row is aggregated (so the layout's own pass, in ``init(_:_:_:_:_:_:)``,
        /// gives the same bits).
        static func fromOutside(_ c: Int, _ g: EvaluationGraph, _ k: Int32, _ component: UnsafeBufferPointer<Int32>,
                                _ s: UnsafeMutableBufferPointer<Double>, _ uf: UnsafeMutableBufferPointer<Double>) -> Aggregate {
            var aggregate = Aggregate()
            let undercuts = g.hasUndercuts
            for j in g.row(c) where component[Int(g.source[j])] != k {
                let x = Int(g.source[j])
                aggregate.add(undercuts ? g.weight[j] * uf[x] : g.weight[j], s[x], attack: g.isAttack[j])
            }
            return aggregate
        }

        /// The place of claim `c`, one of the component's: by ``place`` for more than 8 claims,
        /// by a look along fewer.
        func place(of c: Int) -> Int { Self.place(of: c, among: claims, place) }

        /// The place of claim `c` among `claims` (a component's): by `place` for more than 8
        /// claims, by a look along fewer.
        @inline(__always)
        static func place<C: RandomAccessCollection<Int32>>(of c: Int, among claims: C, _ place: [Int32: Int]) -> Int {
            claims.count > 8 ? place[Int32(c)]! : claims.distance(from: claims.startIndex, to: claims.firstIndex(of: Int32(c))!)
        }

        /// Sets the weight of the support or attack from claim `x` to claim `t`, both of the
        /// component's, to `weight`, in place, as a layout made afresh holds it (times the
        /// undercut factor from outside of `x`, for fixed factors). False, changing nothing,
        /// when the layout holds no entry for it: its weight was 0, and it was left out; the
        /// layout must then be made afresh. A weight set to 0 keeps its entry, which a layout
        /// made afresh leaves out: the steps then multiply a product by 1 − 0·p = 1 and add
        /// 0·p = 0 to a sum (p, a score, being finite), which changes neither, so the scores are
        /// the same to the last bit.
        mutating func setWeight(from x: Int, to t: Int, _ weight: Double, attack: Bool) -> Bool {
            let i = place(of: t), from = place(of: x)
            let entries = attack ? Int(bounds[2 * i])..<Int(bounds[2 * i + 1]) : Int(bounds[2 * i + 1])..<Int(bounds[2 * i + 2])
            guard let j = entries.first(where: { Int(sources[$0]) == from }) else { return false }
            journal?.weights.append((j, weights[j]))
            weights[j] = fixedFactors ? weight * outsideFactor[from] : weight
            if settled { moved.append(Int32(i)) }
            changedWithin = true
            return true
        }

        /// Marks claim `c`, one of the component's, as stale: its base changed, or what bears on
        /// it from outside (the score of a claim outside that supports or attacks it, or the
        /// weight of that relation).
        mutating func mark(_ c: Int) {
            stale.append(Int32(c))
        }

        /// Brings the stale claims (``mark(_:)``) up to date: each one's base, and its supports
        /// and attacks from outside, aggregated again from `s` and `uf` as
        /// ``init(_:_:_:_:_:_:)`` aggregates them (``fromOutside(_:_:_:_:_:_:)``); so the layout
        /// is the one that would be made afresh, to the last bit. A weight within is set in place
        /// (``setWeight(from:to:_:attack:)``); whatever else changed (the undercut factor of a
        /// claim, the structure), the layout must be made afresh.
        ///
        /// Returns whether it changed anything that the steps under `semantics` read (a base, or
        /// what bears on a claim from outside as they read it), to the last bit.
        @discardableResult
        mutating func refresh(_ g: EvaluationGraph, _ component: UnsafeBufferPointer<Int32>, _ s: UnsafeMutableBufferPointer<Double>,
                              _ uf: UnsafeMutableBufferPointer<Double>, reading semantics: Semantics) -> Bool {
            var changed = false
            for c in stale.lazy.map({ Int($0) }) {
                let i = place(of: c), aggregate = Self.fromOutside(c, g, k, component, s, uf)
                if base[i].bitPattern != g.base[c].bitPattern || !reads(aggregate, as: outside[i], semantics) {
                    changed = true
                    if settled { moved.append(Int32(i)) }
                }
                journal?.claims.append((i, outside[i], base[i]))
                base[i] = g.base[c]
                setOutside(i, aggregate)
            }
            stale.removeAll()
            return changed
        }

        /// Whether the steps under `semantics` read the same from aggregate `a` as from `b`, to
        /// the last bit: with fixed factors, only the products (DF-QuAD) or only the sums (Euler,
        /// QE, MLP, hcat) (``View/apply(_:_:_:_:_:)``); otherwise all of it. (A claim whose
        /// supports or attacks from outside multiply to 0 reads 0 whatever one of them becomes.)
        private func reads(_ a: Aggregate, as b: Aggregate, _ semantics: Semantics) -> Bool {
            let products = a.prodAtt.bitPattern == b.prodAtt.bitPattern && a.prodSup.bitPattern == b.prodSup.bitPattern
            let sums = a.sumAtt.bitPattern == b.sumAtt.bitPattern && a.sumSup.bitPattern == b.sumSup.bitPattern
            guard fixedFactors else { return products && sums && a.hasAtt == b.hasAtt && a.hasSup == b.hasSup }
            switch semantics {
            case .dfquad: return products
            case .euler, .qe, .mlp, .hcat: return sums
            case .quad, .grounded: return products && sums && a.hasAtt == b.hasAtt && a.hasSup == b.hasSup
            }
        }

        /// Starts recording what the layout's changes replace (``takeBack()``), for a trial: the
        /// values it puts back are those the layout read before, so the layout can be given
        /// back what it held, rather than brought up to date again from them (a claim of a large
        /// cycle may have thousands of relations from outside). The layout must be up to date.
        mutating func startJournal() {
            precondition(stale.isEmpty)
            journal = ([], [])
            journalStart = (settled, moved, settledResidual)
        }

        /// Whether the layout records what its changes replace (``startJournal()``).
        var keepsJournal: Bool { journal != nil }

        /// Stops recording what the layout's changes replace, keeping it as it is.
        mutating func dropJournal() {
            journal = nil
        }

        /// Gives the layout back what it held when its journal started (``startJournal()``),
        /// last change first, and stops recording: the trial's values were put back, so it reads
        /// what the scores were solved with.
        mutating func takeBack() {
            guard let kept = journal else { return }
            journal = nil
            for (j, weight) in kept.weights.reversed() { weights[j] = weight }
            for (i, aggregate, base) in kept.claims.reversed() {
                self.base[i] = base
                setOutside(i, aggregate)
            }
            stale.removeAll()
            changedWithin = false
            (settled, moved, settledResidual) = journalStart
            journalStart.moved = []
        }

        /// Notes that the layout was solved, its largest slope left being `residual`: settled
        /// when that is below `tolerance`, with nothing moved since.
        mutating func solved(_ residual: Double, tolerance: Double) {
            settled = residual < tolerance
            settledResidual = residual
            moved.removeAll(keepingCapacity: true)
        }

        /// Sets claim `i`'s aggregate from outside, and the products and sums the steps read.
        private mutating func setOutside(_ i: Int, _ aggregate: Aggregate) {
            outside[i] = aggregate
            spreadOutside(i)
        }

        /// Writes claim `i`'s aggregate from outside (in ``outside``) into the products and sums
        /// the steps read.
        private mutating func spreadOutside(_ i: Int) {
            let aggregate = outside[i]
            outsideProducts[2 * i] = aggregate.prodAtt
            outsideProducts[2 * i + 1] = aggregate.prodSup
            outsideSums[2 * i] = aggregate.sumAtt
            outsideSums[2 * i + 1] = aggregate.sumSup
        }

        /// The component's arrays read in place, for the steps' inner loops: no bounds checks, no
        /// reference counting. Must not outlive ``withView(_:)``'s body.
        struct View {
            let base: UnsafeBufferPointer<Double>, outside: UnsafeBufferPointer<Aggregate>
            let outsideProducts: UnsafeBufferPointer<Double>, outsideSums: UnsafeBufferPointer<Double>
            let bounds: UnsafeBufferPointer<Int32>, sources: UnsafeBufferPointer<Int32>, weights: UnsafeBufferPointer<Double>
            let outsideFactor: UnsafeBufferPointer<Double>, undercutStarts: UnsafeBufferPointer<Int>
            let undercutters: UnsafeBufferPointer<Int>, undercutWeights: UnsafeBufferPointer<Double>
            let fixedFactors: Bool
            /// The claims by place.
            let claims: UnsafeBufferPointer<Int32>

            /// F at the point `p` (the component's claims' scores, by place), for the claims
            /// `range` (all by default): every claim's undercut factor into `uf`, then those
            /// claims' strengths into `f`.
            @inline(__always)
            func apply(_ semantics: Semantics, _ p: UnsafeMutablePointer<Double>, _ uf: UnsafeMutablePointer<Double>, into f: UnsafeMutablePointer<Double>,
                       _ range: Range<Int>? = nil) {
                _ = apply(semantics, p, uf, range ?? 0..<base.count, Store(f: f))
            }

            /// F at the point `p` for the claims `range`, each claim's strength handed to `take`
            /// as soon as it is worked out (``Take``): the step's use of it in the same pass.
            /// Returns the largest of what `take` returns, when it measures (``Take/measures``),
            /// taken in place order.
            @inline(__always)
            func apply<T: Take>(_ semantics: Semantics, _ p: UnsafeMutablePointer<Double>, _ uf: UnsafeMutablePointer<Double>, _ range: Range<Int>,
                                _ take: T) -> Double {
                switch semantics {
                case .dfquad: apply(DFQuAD.self, p, uf, range, take)
                case .quad: apply(QuAD.self, p, uf, range, take)
                case .euler: apply(Euler.self, p, uf, range, take)
                case .qe: apply(QE.self, p, uf, range, take)
                case .mlp: apply(MLP.self, p, uf, range, take)
                case .hcat: apply(HCat.self, p, uf, range, take)
                case .grounded: apply(Grounded.self, p, uf, range, take)
                }
            }

            /// ``apply(_:_:_:_:_:)`` compiled for one semantics and one use of its strengths:
            /// its function inlined, and what it does not read (the sums, for DF-QuAD; the
            /// products, for the others but QuAD) neither read nor added up.
            func apply<S: FixedSemantics, T: Take>(_: S.Type, _ p: UnsafeMutablePointer<Double>, _ uf: UnsafeMutablePointer<Double>, _ range: Range<Int>,
                                                   _ take: T) -> Double {
                // (Kept here, not in `take`, so that it stays in a register: `take`'s pointers
                // might point anywhere, so a running largest there went to memory each claim.)
                var largest = 0.0
                if fixedFactors && S.semantics != .quad {
                    // Each relation as ``Aggregate/add(_:_:attack:)`` takes it, none of weight 0;
                    // only QuAD reads whether there was one.
                    for i in range {
                        let first = Int(bounds[2 * i]), middle = Int(bounds[2 * i + 1]), end = Int(bounds[2 * i + 2])
                        var prodAtt = 1.0, prodSup = 1.0, sumAtt = 0.0, sumSup = 0.0
                        if S.readsProducts { prodAtt = outsideProducts[2 * i]; prodSup = outsideProducts[2 * i + 1] }
                        if S.readsSums { sumAtt = outsideSums[2 * i]; sumSup = outsideSums[2 * i + 1] }
                        for j in first..<middle {
                            let v = weights[j] * p[Int(sources[j])]
                            if S.readsProducts { prodAtt *= 1 - v }
                            if S.readsSums { sumAtt += v }
                        }
                        for j in middle..<end {
                            let v = weights[j] * p[Int(sources[j])]
                            if S.readsProducts { prodSup *= 1 - v }
                            if S.readsSums { sumSup += v }
                        }
                        let measure = take.take(i, Evaluator.combine(S.semantics, base: base[i], prodAtt: prodAtt, prodSup: prodSup, sumAtt: sumAtt,
                                                                     sumSup: sumSup, hasAtt: false, hasSup: false))
                        if T.measures { largest = max(largest, measure) }
                    }
                    return largest
                }
                if !fixedFactors { factors(p, into: uf) }
                for i in range {
                    let first = Int(bounds[2 * i]), middle = Int(bounds[2 * i + 1]), end = Int(bounds[2 * i + 2])
                    var aggregate = outside[i]
                    if fixedFactors {
                        for j in first..<middle { aggregate.add(weights[j], p[Int(sources[j])], attack: true) }
                        for j in middle..<end { aggregate.add(weights[j], p[Int(sources[j])], attack: false) }
                    } else {
                        for j in first..<middle { let x = Int(sources[j]); aggregate.add(weights[j] * uf[x], p[x], attack: true) }
                        for j in middle..<end { let x = Int(sources[j]); aggregate.add(weights[j] * uf[x], p[x], attack: false) }
                    }
                    let measure = take.take(i, aggregate.combine(S.semantics, base: base[i]))
                    if T.measures { largest = max(largest, measure) }
                }
                return largest
            }

            /// The undercut factors the claims give at `p`, into `uf`.
            @inline(__always)
            func factors(_ p: UnsafeMutablePointer<Double>, into uf: UnsafeMutablePointer<Double>) {
                for i in 0..<base.count {
                    var factor = outsideFactor[i]
                    for j in undercutStarts[i]..<undercutStarts[i + 1] { factor *= 1 - undercutWeights[j] * p[undercutters[j]] }
                    uf[i] = factor
                }
            }

            // (Start, scratch and settle are the view's, not the layout's: a closure of the steps
            // that read the layout had it copied, its arrays held and let go again, for each of
            // a map's thousands of small cycles.)

            /// Writes where the steps start into `own`, by place: the claims' bases, or with
            /// `fromScores` their scores in `s` (``Options/startsFromScores``).
            func start(_ own: UnsafeMutablePointer<Double>, _ s: UnsafeMutableBufferPointer<Double>, fromScores: Bool) {
                if fromScores {
                    for i in claims.indices { own[i] = s[Int(claims[i])] }
                } else {
                    for i in claims.indices { own[i] = base[i] }
                }
            }

            /// Runs `body` with scratch memory for `arrays` arrays of a score per claim, zeroed, from
            /// `arrays × count` on, for a whole integration: on the stack for a small cycle
            /// (thousands of them are solved one after another), on the heap for a large one.
            @inline(__always)
            func withScratch<R>(_ arrays: Int, _ body: (UnsafeMutablePointer<Double>) -> R) -> R {
                withUnsafeTemporaryAllocation(of: Double.self, capacity: max(1, arrays * claims.count)) { scratch in
                    scratch.initialize(repeating: 0)
                    return body(scratch.baseAddress!)
                }
            }

            /// Writes the claims' scores `p` and the undercut factors they give into the map's `s`
            /// and `uf` (`scratch` holding room for one array); the scores alone on a map with no
            /// undercuts, which has no factors (``Solved/factors``).
            func settle(_ p: UnsafeMutablePointer<Double>, _ scratch: UnsafeMutablePointer<Double>, _ s: UnsafeMutableBufferPointer<Double>,
                        _ uf: UnsafeMutableBufferPointer<Double>) {
                guard !uf.isEmpty else {
                    for i in 0..<claims.count { s[Int(claims[i])] = p[i] }
                    return
                }
                factors(p, into: scratch)
                for i in 0..<claims.count {
                    s[Int(claims[i])] = p[i]
                    uf[Int(claims[i])] = scratch[i]
                }
            }
        }

        @inline(__always)
        func withView<R>(_ body: (View) -> R) -> R {
            claims.withUnsafeBufferPointer { claims in
            base.withUnsafeBufferPointer { base in
            outside.withUnsafeBufferPointer { outside in
            outsideProducts.withUnsafeBufferPointer { outsideProducts in
            outsideSums.withUnsafeBufferPointer { outsideSums in
            bounds.withUnsafeBufferPointer { bounds in
            sources.withUnsafeBufferPointer { sources in
            weights.withUnsafeBufferPointer { weights in
            outsideFactor.withUnsafeBufferPointer { outsideFactor in
            undercutStarts.withUnsafeBufferPointer { undercutStarts in
            undercutters.withUnsafeBufferPointer { undercutters in
            undercutWeights.withUnsafeBufferPointer { undercutWeights in
                body(View(base: base, outside: outside, outsideProducts: outsideProducts, outsideSums: outsideSums, bounds: bounds, sources: sources,
                          weights: weights, outsideFactor: outsideFactor, undercutStarts: undercutStarts, undercutters: undercutters,
                          undercutWeights: undercutWeights, fixedFactors: fixedFactors, claims: claims))
            }}}}}}}}}}}}
        }

    }

    /// Potyka's continuous model ds/dt = f(s) − s for the claims of `component` together, from
    /// their bases (or their scores in `s`: ``Options/startsFromScores``), integrated with
    /// classical RK4 until the largest slope is below the tolerance or `cap` steps are taken;
    /// their scores and undercut factors are left in `s` and `uf`. Returns the steps taken and
    /// the last largest slope.
    ///
    /// Once the largest slope is below ``Options/acceleratedBelow``, the steps are those of the
    /// fixed-point iteration s ← f(s) (whose fixed points are the model's equilibria), each
    /// combined with the last few by Anderson's method (``Acceleration``): one evaluation of f
    /// a step, which RK4's first stage has made (its slope f(s) − s), where an RK4 step takes
    /// four. A step whose slope grows is a restart; after too many, the steps are RK4's again.
    ///
    /// With `helped`, a large cycle whose claims undercut none of its relations has each
    /// stage of each step cut into chunks of claims, shared with a helper thread
    /// (``Parallel/Crew``): every claim's arithmetic is the same, and the largest slope is the
    /// largest of the chunks', so the result is the same to the last bit.
    static func rk4(_ semantics: Semantics, _ component: Component, _ s: UnsafeMutableBufferPointer<Double>,
                    _ uf: UnsafeMutableBufferPointer<Double>, _ options: Options, cap: Int, helped: Bool = false) -> (steps: Int, residual: Double) {
        let n = component.claims.count
        // No more steps remembered than the cycle has claims: more differences of n numbers
        // than n are linearly dependent, and only make each step's small system larger (and
        // singular but for its regularization). A small cycle's acceleration is kept in its
        // scratch memory (thousands of small cycles are solved one after another).
        let depth = min(options.accelerationDepth, n, Acceleration.deepest)
        let room = n <= 8 && depth > 0 ? (Acceleration.size(claims: n, depth: depth) + n - 1) / n : 0
        return component.withView { view in
        view.withScratch(5 + room) { scratch in
            let stages = RK4Stages(view: view, semantics: semantics, h: options.stepSize, own: scratch, factors: scratch + n,
                                   a: scratch + 2 * n, b: scratch + 3 * n, sum: scratch + 4 * n)
            view.start(stages.own, s, fromScores: options.startsFromScores)
            let tolerance = options.tolerance
            var steps = 0
            var residual = Double.infinity
            // Past the switch, each step's start is kept, for the acceleration to combine. Once
            // begun, every slope is noted (one that grows back past the switch is a restart, and
            // that step is an RK4 step).
            var acceleration: Acceleration?
            func accelerate(_ acceleration: inout Acceleration?, _ residual: Double) -> Bool {
                guard options.accelerationDepth > 0 else { return false }
                if acceleration == nil {
                    guard residual < options.acceleratedBelow else { return false }
                    acceleration = Acceleration(claims: n, depth: depth, in: room > 0 ? scratch + 5 * n : nil)
                }
                acceleration!.measured(residual)
                guard acceleration!.active, residual < options.acceleratedBelow else { return false }
                acceleration!.start.update(from: stages.own, count: n)
                return true
            }
            if helped && view.fixedFactors && n >= RK4Stages.helpedSize {
                let chunks = Parallel.pieces(0..<n, min(8, n / 512))
                let largest = UnsafeMutablePointer<Double>.allocate(capacity: chunks.count)
                defer { largest.deallocate() }
                let shared = Parallel.Unchecked((stages, largest))
                let crew = Parallel.Crew(chunks: chunks.count) { kind, chunk in
                    let (stages, largest) = shared.value
                    largest[chunk] = stages.run(kind, chunks[chunk])
                }
                defer { crew.finish() }
                while steps < cap {
                    crew.run(1)
                    residual = 0
                    for k in chunks.indices { residual = max(residual, largest[k]) }
                    if residual < tolerance || !residual.isFinite { break }
                    if accelerate(&acceleration, residual) {
                        stages.iterate(0..<n)
                        acceleration!.mix(stages.own)
                    } else {
                        crew.run(2)
                        crew.run(3)
                        crew.run(4)
                    }
                    steps += 1
                }
            } else {
                while steps < cap {
                    residual = stages.run(1, 0..<n)
                    if residual < tolerance || !residual.isFinite { break }
                    if accelerate(&acceleration, residual) {
                        stages.iterate(0..<n)
                        acceleration!.mix(stages.own)
                    } else {
                        _ = stages.run(2, 0..<n)
                        _ = stages.run(3, 0..<n)
                        _ = stages.run(4, 0..<n)
                    }
                    steps += 1
                }
            }
            acceleration?.free()
            view.settle(stages.own, stages.a, s, uf)
            return (steps, residual)
        }}
    }

    /// The four stages of a step of ``rk4(_:_:_:_:_:cap:helped:)``, each for a range of a
    /// component's claims (by place), in scratch memory. Each stage's slope is used as soon as
    /// F is worked out at a claim, in the same pass (``Take``): for the next stage's point, and
    /// in the weighted sum k1 + 2·k2 + 2·k3 + k4, added up in that order. The points alternate
    /// between `a` and `b`, so that a stage never writes the point that it, or another range of
    /// the same stage, reads; the last stage writes the scores, which it does not read.
    struct RK4Stages {
        let view: Component.View, semantics: Semantics, h: Double
        /// The scores so far, the claims' undercut factors (for a component whose claims
        /// undercut its relations), the stages' points, and the sum.
        let own, factors, a, b, sum: UnsafeMutablePointer<Double>

        /// The fewest claims of a cycle whose steps a helper thread shares.
        static let helpedSize = 4_096

        /// Stage `kind` (1–4) for the claims `range`; stage 1 returns their largest slope.
        @inline(__always)
        func run(_ kind: Int, _ range: Range<Int>) -> Double {
            switch kind {
            case 1: return view.apply(semantics, own, factors, range, First(own: own, sum: sum, next: a, h: h))
            case 2: return view.apply(semantics, a, factors, range, Middle(point: a, own: own, sum: sum, next: b, h: h / 2))
            case 3: return view.apply(semantics, b, factors, range, Middle(point: b, own: own, sum: sum, next: a, h: h))
            default: return view.apply(semantics, a, factors, range, Last(point: a, own: own, sum: sum, h: h))
            }
        }

        /// An accelerated step, after stage 1: own ← F(own) (own + k1, kept in [0, 1]), the
        /// fixed-point iteration's step, for ``Acceleration/mix(_:)`` to combine.
        @inline(__always)
        func iterate(_ range: Range<Int>) {
            for i in range { own[i] = min(1, max(0, own[i] + sum[i])) }
        }

        /// Stage 1: k1 = F(own) − own, whose size it measures; the sum starts at k1, the next
        /// point is own + h/2·k1.
        struct First: Take {
            static var measures: Bool { true }
            let own, sum, next: UnsafeMutablePointer<Double>, h: Double
            @inline(__always)
            func take(_ i: Int, _ f: Double) -> Double {
                let k1 = f - own[i]
                sum[i] = k1
                next[i] = own[i] + h / 2 * k1
                return abs(k1)
            }
        }

        /// Stages 2 and 3: k = F(point) − point, added twice to the sum; the next point is
        /// own + `h`·k (h/2 after stage 2, h after stage 3).
        struct Middle: Take {
            let point, own, sum, next: UnsafeMutablePointer<Double>, h: Double
            @inline(__always)
            func take(_ i: Int, _ f: Double) -> Double {
                let k = f - point[i]
                sum[i] = sum[i] + 2 * k
                next[i] = own[i] + h * k
                return 0
            }
        }

        /// Stage 4: k4 = F(point) − point; own moves by h/6 of the whole sum, kept in [0, 1].
        struct Last: Take {
            let point, own, sum: UnsafeMutablePointer<Double>, h: Double
            @inline(__always)
            func take(_ i: Int, _ f: Double) -> Double {
                let k4 = f - point[i]
                own[i] = min(1, max(0, own[i] + h / 6 * (sum[i] + k4)))
                return 0
            }
        }
    }

    /// hcat's iteration s ← F(s) for the claims of `component` together, from their bases (or
    /// their scores: ``Options/startsFromScores``), until the largest change is below the
    /// tolerance or `cap` steps are taken; as ``rk4(_:_:_:_:_:cap:)``.
    static func iterate(_ semantics: Semantics, _ component: Component, _ s: UnsafeMutableBufferPointer<Double>,
                        _ uf: UnsafeMutableBufferPointer<Double>, _ options: Options, cap: Int) -> (steps: Int, residual: Double) {
        let n = component.claims.count
        return component.withView { view in
        view.withScratch(4) { scratch in
            var own = scratch, next = scratch + n
            let factors = scratch + 2 * n
            view.start(own, s, fromScores: options.startsFromScores)
            var steps = 0
            var residual = Double.infinity
            while steps < cap {
                view.apply(semantics, own, factors, into: next)
                residual = 0
                for i in 0..<n { residual = max(residual, abs(next[i] - own[i])) }
                swap(&own, &next)
                steps += 1
                if residual < options.tolerance { break }
            }
            view.settle(own, scratch + 3 * n, s, uf)
            return (steps, residual)
        }}
    }

    /// Dung's grounded labelling: unattacked claims are in; a claim attacked by an in claim is
    /// out; a claim all of whose attackers are out is in; the rest are undecided. Attacks and
    /// undercuts of weight above 0 count as attacks; supports do not.
    /// - Complexity: O(claims + relations), with a work queue.
    static func grounded(_ g: EvaluationGraph) -> Evaluation {
        if let order = g.order { return groundedInOrder(g, order) }
        return groundedByQueue(g)
    }

    /// The grounded labelling of an acyclic map in one pass in topological order: every
    /// attacker (an attack or undercut of weight above 0) is labelled before what it attacks,
    /// so a claim is out when one of its attackers is in, and in otherwise; nothing is left
    /// undecided. The labels of ``groundedByQueue(_:)``, found without building the attack
    /// graph first (a test compares the two).
    static func groundedInOrder(_ g: EvaluationGraph, _ order: [Int]) -> Evaluation {
        var label = [Label](repeating: .in, count: g.count)
        label.withUnsafeMutableBufferPointer { label in
        g.withUnsafeRows { offsets, source, weight, isAttack in
            for c in order {
                // Every attacker is looked at, with no branch to mispredict on what it is.
                var attackedByIn: UInt8 = 0
                var k = Int(offsets[c])
                let end = Int(offsets[c + 1])
                while k < end {
                    let attack: UInt8 = isAttack[k] ? 1 : 0, weighs: UInt8 = weight[k] > 0 ? 1 : 0
                    let isIn: UInt8 = label[Int(source[k])] == .in ? 1 : 0
                    attackedByIn |= attack & weighs & isIn
                    k += 1
                }
                if attackedByIn != 0 { label[c] = .out; continue }
                for k in g.undercutRow(c) where g.undercutWeight[k] > 0 && label[Int(g.undercutSource[k])] == .in {
                    label[c] = .out
                    break
                }
            }
        }}
        return Evaluation(semantics: .grounded, converged: true, iterations: 1, residual: 0, scores: scores(label), labels: label, note: nil, cyclic: false)
    }

    /// The grounded labelling of an acyclic map from its scores (1 in, 0 out).
    static func groundedEvaluation(scores: [Double]) -> Evaluation {
        let label = scores.map { $0 == 1 ? Label.in : .out }
        return Evaluation(semantics: .grounded, converged: true, iterations: 1, residual: 0, scores: scores, labels: label, note: nil, cyclic: false)
    }

    /// Grounded scores from labels (``score(_:)``).
    static func scores(_ labels: [Label]) -> [Double] {
        labels.withUnsafeBufferPointer { labels in
            [Double](unsafeUninitializedCapacity: labels.count) { scores, initialized in
                for c in labels.indices { scores.initializeElement(at: c, to: score(labels[c])) }
                initialized = labels.count
            }
        }
    }

    /// A grounded label's score: 1 for in, 0 for out, 0.5 for undecided.
    @inline(__always)
    static func score(_ label: Label) -> Double {
        label == .in ? 1 : label == .out ? 0 : 0.5
    }

    /// Asks for claim `c`'s row, its offset read: for passes that know a few claims ahead which
    /// rows they will read at random.
    @inline(__always)
    static func prefetchRow(of c: Int, _ offsets: UnsafeBufferPointer<Int32>, _ source: UnsafeBufferPointer<Int32>,
                            _ weight: UnsafeBufferPointer<Double>, _ isAttack: UnsafeBufferPointer<Bool>) {
        let j = Int(offsets[c])
        argmap_prefetch(source.baseAddress! + j)
        argmap_prefetch(weight.baseAddress! + j)
        argmap_prefetch(isAttack.baseAddress! + j)
    }

    /// The grounded labelling of a cyclic map, one strongly connected component of
    /// `found` (the graph's ``EvaluationGraph/components()``) at a time, each after those it
    /// depends on: the grounded labelling is SCC-recursive (Baroni, Giacomin and Guida, 2005),
    /// so each component's labels follow from its own attacks and the labels of the claims
    /// attacking it from outside, and they are ``groundedByQueue(_:)``'s (a test compares the
    /// two). A claim on no cycle is out when an attacker is in, in when every attacker is out,
    /// and undecided otherwise; a cycle is labelled as ``groundedByQueue(_:)`` labels a whole
    /// map, within it. Below every cycle, only the claims something bears on are read, in the
    /// runs an evaluation on these components kept (``EvaluationGraph/Settling``), when it
    /// kept them: the others are in. (A search of the whole map's attacks, turned around,
    /// reads every row twice and writes a list as long as them at random.)
    /// - Complexity: O(claims + relations).
    static func groundedByComponents(_ g: EvaluationGraph, _ found: EvaluationGraph.Components, onOneCore: Bool = false) -> Evaluation {
        var label = [Label](repeating: .in, count: g.count)
        let (order, firsts) = found.byDepth()
        GroundedWalk.with(g, found, &label, cycles: found.isCycle.contains(true)) { walk, attacks, members, starts in
            // Below every cycle: in, or out, from attackers already labelled; the first two runs
            // at once, one a core (neither reads a claim of the other, nor writes one the other
            // reads), then the last.
            if let runs = found.keptSettling {
                let shared = Parallel.Unchecked(walk)
                _ = Parallel.both(if: !onOneCore, { for c in runs.first { shared.value.decide(Int(c)) } },
                                  { for c in runs.second { shared.value.decide(Int(c)) } })
                for c in runs.after { walk.decide(Int(c)) }
            } else {
                // (Each component of depth 0 is a claim on no cycle.)
                for k in order[firsts[0]..<firsts[1]] { walk.decide(Int(members[Int(starts[Int(k)])])) }
            }
            // Then the others, on and above the cycles, component by component. They lie at
            // random across the map: each one's memory is asked for a few components ahead, in
            // three stages that each read what the one before asked for, as a cycle's layout
            // asks for it (``Solver/all(_:_:keepingIn:)``).
            var scratch = GroundedWalk.Scratch()
            let above = order[firsts[1]...], end = above.endIndex
            @inline(__always) func small(_ i: Int) -> UnsafeBufferPointer<Int32> {
                let k = Int(above[i]), from = Int(starts[k]), to = Int(starts[k + 1])
                return UnsafeBufferPointer(rebasing: members[from..<(to - from <= 8 ? to : from)])
            }
            for i in above.indices {
                if i + 6 < end { for c in small(i + 6) { argmap_prefetch(attacks.offsets.baseAddress! + Int(c)) } }
                if i + 3 < end { for c in small(i + 3) { prefetchRow(of: Int(c), attacks.offsets, attacks.source, attacks.weight, attacks.isAttack) } }
                if i + 1 < end { for c in small(i + 1) { walk.prefetchAttackers(of: Int(c)) } }
                walk.label(above[i], cycle: found.isCycle[Int(above[i])], members, starts, &scratch)
            }
        }
        return Evaluation(semantics: .grounded, converged: true, iterations: 1, residual: 0, scores: scores(label), labels: label, note: nil, cyclic: true)
    }

    /// The grounded labelling `labels` (with their `scores`) of a cyclic map with `claims`
    /// labelled again, in place, as ``groundedByComponents(_:_:onOneCore:)`` labels them: their
    /// components, in their order (each after every one it depends on), from the labels of the
    /// claims they depend on. Every claim that depends on one of `claims` must be among them.
    static func grounded(_ labels: inout [Label], _ scores: inout [Double], relabelling claims: [Int], _ g: EvaluationGraph,
                         _ found: EvaluationGraph.Components) {
        let ks = claims.map { found.component[$0] }.sortedDistinct()
        GroundedWalk.with(g, found, &labels, cycles: ks.contains { found.isCycle[Int($0)] }) { walk, _, members, starts in
            var scratch = GroundedWalk.Scratch()
            for k in ks { walk.label(k, cycle: found.isCycle[Int(k)], members, starts, &scratch) }
        }
        for c in claims { scores[c] = score(labels[c]) }
    }

    /// The grounded labelling `labels` (with their `scores`) of an acyclic map with `claims`
    /// labelled again, in place, in the order given (topological: each after every claim that
    /// attacks it), as ``groundedInOrder(_:_:)`` labels every claim: out where an attack that
    /// counts comes from a claim in, in otherwise. Every claim that depends on one of `claims`
    /// must be among them.
    static func grounded(_ labels: inout [Label], _ scores: inout [Double], relabellingInOrder claims: [Int], _ g: EvaluationGraph) {
        GroundedAttacks.read(g) { attacks in
            for c in claims {
                var out = false
                attacks.each(on: c) { if labels[$0] == .in { out = true } }
                labels[c] = out ? .out : .in
                scores[c] = score(labels[c])
            }
        }
    }

    /// The attacks the grounded labelling counts, read in place from a graph's rows: those of
    /// weight above 0, and the undercuts of weight above 0 of a claim's relations, each an
    /// attack on the claim. Must not outlive ``read(_:_:)``'s body.
    private struct GroundedAttacks {
        let offsets: UnsafeBufferPointer<Int32>, source: UnsafeBufferPointer<Int32>, weight: UnsafeBufferPointer<Double>
        let isAttack: UnsafeBufferPointer<Bool>
        let uOffsets: UnsafeBufferPointer<Int32>, uSource: UnsafeBufferPointer<Int32>, uWeight: UnsafeBufferPointer<Double>

        /// Runs `body` with `g`'s attacks.
        static func read<R>(_ g: EvaluationGraph, _ body: (GroundedAttacks) -> R) -> R {
            g.withUnsafeRows { offsets, source, weight, isAttack in
            g.undercutOffsets.withUnsafeBufferPointer { uOffsets in
            g.undercutSource.withUnsafeBufferPointer { uSource in
            g.undercutWeight.withUnsafeBufferPointer { uWeight in
                body(GroundedAttacks(offsets: offsets, source: source, weight: weight, isAttack: isAttack,
                                     uOffsets: uOffsets, uSource: uSource, uWeight: uWeight))
            }}}}
        }

        /// Calls `body` with each attack on `c` that counts, by its source.
        @inline(__always)
        func each(on c: Int, _ body: (Int) -> Void) {
            for k in offsets.row(c) where isAttack[k] && weight[k] > 0 { body(Int(source[k])) }
            if !uSource.isEmpty {
                for k in uOffsets.row(c) where uWeight[k] > 0 { body(Int(uSource[k])) }
            }
        }
    }

    /// ``groundedByComponents(_:_:)``'s walk: the attacks, the labels, and each claim's place
    /// in its cycle and component, read in place. Must not outlive the buffers it reads.
    private struct GroundedWalk {
        let attacks: GroundedAttacks
        let label: UnsafeMutableBufferPointer<Label>, place: UnsafeMutableBufferPointer<Int32>, component: UnsafeBufferPointer<Int32>
        /// What a cycle's labelling works with, kept from one cycle to the next: its claims'
        /// attackers not (yet) out, by place; its attacks within, turned around (claim i's
        /// targets at `withinStart[i]..<withinStart[i + 1]`); the claims put out by an attacker
        /// from outside that is in; the claims come in, to go through.
        struct Scratch {
            var pending: [Int32] = [], within: [Int32] = [], withinStart: [Int32] = [], attackedByIn: [Int32] = [], queue: [Int32] = []
        }

        /// Runs `body` with a walk of `g`'s attacks that labels `labels` in place, on the
        /// components `found` (their members and starts read in place); `cycles`: whether it
        /// labels any cycle (each claim's place in its cycle is then kept, in an array of the
        /// map's claims written only where a cycle's claims are, each before it is read).
        static func with(_ g: EvaluationGraph, _ found: EvaluationGraph.Components, _ labels: inout [Label], cycles: Bool,
                         _ body: (GroundedWalk, GroundedAttacks, UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Int32>) -> Void) {
            let places = cycles ? g.count : 0
            var place = [Int32](unsafeUninitializedCapacity: places) { $1 = places }
            labels.withUnsafeMutableBufferPointer { label in
            place.withUnsafeMutableBufferPointer { place in
            found.members.withUnsafeBufferPointer { members in
            found.starts.withUnsafeBufferPointer { starts in
            found.component.withUnsafeBufferPointer { component in
            GroundedAttacks.read(g) { attacks in
                body(GroundedWalk(attacks: attacks, label: label, place: place, component: component), attacks, members, starts)
            }}}}}}
        }

        /// Asks for the labels and components of the claims in claim `c`'s row (its row read).
        @inline(__always)
        func prefetchAttackers(of c: Int) {
            for j in attacks.offsets.row(c) {
                let x = Int(attacks.source[j])
                argmap_prefetch(label.baseAddress! + x)
                argmap_prefetch(component.baseAddress! + x)
            }
        }

        /// Labels the claims of component `k` (its members in `members` from `starts[k]`), a
        /// `cycle` or a claim on none, every attacker from outside it labelled.
        @inline(__always)
        func label(_ k: Int32, cycle: Bool, _ members: UnsafeBufferPointer<Int32>, _ starts: UnsafeBufferPointer<Int32>, _ x: inout Scratch) {
            let claims = UnsafeBufferPointer(rebasing: members[Int(starts[Int(k)])..<Int(starts[Int(k) + 1])])
            if cycle { self.cycle(claims, k, &x) } else { decide(Int(claims[0])) }
        }

        /// Labels claim `c`, on no cycle, every attacker labelled: out when one is in, in when
        /// all are out, else undecided.
        func decide(_ c: Int) {
            var anyIn = false, allOut = true
            attacks.each(on: c) { a in
                anyIn = anyIn || label[a] == .in
                allOut = allOut && label[a] == .out
            }
            label[c] = anyIn ? .out : allOut ? .in : .undec
        }

        /// Labels the claims of a cycle, `claims`, component `k`, as ``groundedByQueue(_:)``
        /// labels a whole map, within it: the labels of the attackers from outside read as they
        /// are.
        func cycle(_ claims: UnsafeBufferPointer<Int32>, _ k: Int32, _ x: inout Scratch) {
            let m = claims.count
            for (i, c) in claims.enumerated() { place[Int(c)] = Int32(i); label[Int(c)] = .undec }
            x.pending.removeAll(keepingCapacity: true)
            x.attackedByIn.removeAll(keepingCapacity: true)
            x.withinStart.removeAll(keepingCapacity: true)
            x.withinStart.append(contentsOf: repeatElement(0, count: m + 2))
            for c in claims.lazy.map({ Int($0) }) {
                var count: Int32 = 0, byIn = false
                attacks.each(on: c) { a in
                    if component[a] == k {
                        count += 1
                        x.withinStart[Int(place[a]) + 2] += 1
                    } else if label[a] == .in {
                        byIn = true
                    } else if label[a] == .undec {
                        count += 1
                    }
                }
                x.pending.append(count)
                if byIn { x.attackedByIn.append(Int32(c)) }
            }
            for i in 0..<m { x.withinStart[i + 2] += x.withinStart[i + 1] }
            x.within.removeAll(keepingCapacity: true)
            x.within.append(contentsOf: repeatElement(0, count: Int(x.withinStart[m + 1])))
            // withinStart[i + 1] is where claim i's targets go next; after, where they end, so
            // that claim i's are withinStart[i]..<withinStart[i + 1].
            for c in claims.lazy.map({ Int($0) }) {
                attacks.each(on: c) { a in
                    guard component[a] == k else { return }
                    let at = Int(place[a]) + 1
                    x.within[Int(x.withinStart[at])] = Int32(c)
                    x.withinStart[at] += 1
                }
            }
            // Those an attacker from outside that is in puts out, all before any comes in.
            x.queue.removeAll(keepingCapacity: true)
            for c in x.attackedByIn { label[Int(c)] = .out }
            for c in x.attackedByIn { fall(Int(c), &x) }
            for (i, c) in claims.enumerated() where x.pending[i] == 0 && label[Int(c)] == .undec {
                label[Int(c)] = .in
                x.queue.append(c)
            }
            var head = 0
            while head < x.queue.count {
                let i = Int(place[Int(x.queue[head])])
                head += 1
                for j in Int(x.withinStart[i])..<Int(x.withinStart[i + 1]) where label[Int(x.within[j])] == .undec {
                    label[Int(x.within[j])] = .out
                    fall(Int(x.within[j]), &x)
                }
            }
        }

        /// Claim `t`, of the cycle, is out: the claims it attacks within have one attacker
        /// fewer not out, and one that has none left comes in.
        private func fall(_ t: Int, _ x: inout Scratch) {
            let i = Int(place[t])
            for j in Int(x.withinStart[i])..<Int(x.withinStart[i + 1]) {
                let u = Int(x.within[j]), p = Int(place[u])
                x.pending[p] -= 1
                if x.pending[p] == 0, label[u] == .undec { label[u] = .in; x.queue.append(Int32(u)) }
            }
        }
    }

    /// The grounded labelling of any map: the unattacked claims are in, what they attack is
    /// out, and a claim whose attackers are all out comes in, until nothing changes; claims on
    /// cycles that nothing settles stay undecided.
    static func groundedByQueue(_ g: EvaluationGraph) -> Evaluation {
        let n = g.count
        // The attacks that count (weight above 0, undercuts too), turned around: each claim's
        // attackers counted, and the claims each attacks, in rows (two passes over the graph's
        // rows: one to count, one to fill), in 32-bit numbers, read in place.
        var attackers = [Int32](repeating: 0, count: n)
        var outStart = [Int32](repeating: 0, count: n + 1)
        var label = [Label](repeating: .undec, count: n)
        let rows = Int(g.offsets.last ?? 0), undercutRows = Int(g.undercutOffsets.last ?? 0)
        var targets = [Int32](repeating: 0, count: rows + undercutRows)
        GroundedAttacks.read(g) { attacks in
        attackers.withUnsafeMutableBufferPointer { attackers in
        outStart.withUnsafeMutableBufferPointer { outStart in
        targets.withUnsafeMutableBufferPointer { targets in
        label.withUnsafeMutableBufferPointer { label in
            for c in 0..<n {
                var count: Int32 = 0
                attacks.each(on: c) { a in count += 1; outStart[a + 1] += 1 }
                attackers[c] = count
            }
            for i in 0..<n { outStart[i + 1] += outStart[i] }
            let total = Int(outStart[n])
            // outStart[a + 1] is where a's row ends. Each entry goes just before it, moving it
            // back one, from the last claim to the first: each row is in claim order, and
            // outStart[a + 1] ends where a's row starts.
            for c in stride(from: n - 1, through: 0, by: -1) {
                attacks.each(on: c) { a in
                    outStart[a + 1] -= 1
                    targets[Int(outStart[a + 1])] = Int32(c)
                }
            }
            // So a's row is outStart[a + 1]..<outStart[a + 2] (the last claim's ends at the total).
            @inline(__always) func row(_ a: Int) -> Range<Int> { Int(outStart[a + 1])..<(a + 2 <= n ? Int(outStart[a + 2]) : total) }
            var queue = [Int32]()
            queue.reserveCapacity(n)
            for c in 0..<n where attackers[c] == 0 { label[c] = .in; queue.append(Int32(c)) }
            var head = 0
            while head < queue.count {
                let a = Int(queue[head])
                head += 1
                for k in row(a) {
                    let t = Int(targets[k])
                    guard label[t] != .out else { continue }
                    label[t] = .out
                    for j in row(t) {
                        let u = Int(targets[j])
                        attackers[u] -= 1
                        if attackers[u] == 0, label[u] == .undec { label[u] = .in; queue.append(Int32(u)) }
                    }
                }
            }
        }}}}}
        return Evaluation(semantics: .grounded, converged: true, iterations: 1, residual: 0, scores: scores(label), labels: label, note: nil, cyclic: g.order == nil)
    }
}

extension Semantics {
    /// A semantics' rough share of a pass that works several out at once, for splitting them
    /// between the cores: the two with an `exp` a claim cost the most, the h-categorizer's
    /// division and the grounded labelling's comparison the least.
    var passCost: Int {
        switch self {
        case .euler, .mlp: return 3
        case .hcat, .grounded: return 1
        case .dfquad, .quad, .qe: return 2
        }
    }
}

/// What a cycle's pass does with F at each claim, as soon as it is worked out
/// (``Evaluator/Component/View/apply(_:_:_:_:_:)``): a type, so that each use is compiled
/// into the pass.
protocol Take {
    /// Whether the pass keeps the largest of what ``take(_:_:)`` returns.
    static var measures: Bool { get }
    /// F at the claim at place `i` is `f`; returns a measure of the change there, when
    /// ``measures``.
    func take(_ i: Int, _ f: Double) -> Double
}

extension Take {
    static var measures: Bool { false }
}

/// F written out, into an array by place.
struct Store: Take {
    let f: UnsafeMutablePointer<Double>
    @inline(__always)
    func take(_ i: Int, _ f: Double) -> Double { self.f[i] = f; return 0 }
}

/// A semantics as a type, for loops compiled for each one (``Evaluator/Component/View``).
protocol FixedSemantics { static var semantics: Semantics { get } }

extension FixedSemantics {
    /// Whether the semantics' function (``Evaluator/combine(_:base:prodAtt:prodSup:sumAtt:sumSup:hasAtt:hasSup:)``)
    /// reads the products of the attacks and of the supports, and their sums.
    static var readsProducts: Bool { semantics == .dfquad || semantics == .quad }
    static var readsSums: Bool { semantics == .euler || semantics == .qe || semantics == .mlp || semantics == .hcat }
}
enum DFQuAD: FixedSemantics { static var semantics: Semantics { .dfquad } }
enum QuAD: FixedSemantics { static var semantics: Semantics { .quad } }
enum Euler: FixedSemantics { static var semantics: Semantics { .euler } }
enum QE: FixedSemantics { static var semantics: Semantics { .qe } }
enum MLP: FixedSemantics { static var semantics: Semantics { .mlp } }
enum HCat: FixedSemantics { static var semantics: Semantics { .hcat } }
enum Grounded: FixedSemantics { static var semantics: Semantics { .grounded } }

extension Dictionary<Int32, Evaluator.Component> {
    /// How many claims the layouts hold together (see ``Evaluator/Options/keptClaims``).
    var keptClaims: Int { values.reduce(0) { $0 + $1.claims.count } }
}
