import Testing
import ArgMapModel
@testable import ArgMapSemantics

/// Trials on a cyclic map (`whatif`, `impact`): their cycles start from the scores they have,
/// a weight changed from outside a cycle keeps its layout, and a change that a claim absorbs
/// solves nothing past it.
struct TrialTests {
    /// The claims of the largest cycle of `map`.
    static func largestCycle(_ map: ArgumentMap) -> [Int] {
        let found = EvaluationGraph(map).components()
        func size(_ k: Int) -> Int32 { found.starts[k + 1] - found.starts[k] }
        let k = (0..<found.count).max { size($0) < size($1) }!
        return found.members[Int(found.starts[k])..<Int(found.starts[k + 1])].map(Int.init)
    }

    /// The generated cyclic map the tests of layouts use, options that keep the layout of its
    /// largest cycle, and that cycle's claims; with `undercut`, a claim on no cycle that nothing
    /// bears on undercuts the cycle's first claim (`outsider`).
    static func mapKeepingItsLargestCycle(undercut: Bool = false) throws -> (map: ArgumentMap, options: Evaluator.Options, cycle: [Int], outsider: Int) {
        var map = MapGenerator.generate(.init(claims: 30_000, shape: .cyclic, seed: 12))
        var options = Evaluator.Options()
        options.keptCycleSize = 8
        let cycle = largestCycle(map), inCycle = Set(cycle)
        try #require(cycle.count >= 8, "the largest cycle has \(cycle.count) claims")
        let outsider = try #require(map.claims.indices.first { !inCycle.contains($0) && map.incoming[$0].isEmpty })
        if undercut {
            try map.apply(.link(RelationSpec(from: map.claims[outsider].id, to: map.claims[cycle[0]].id, type: .undercut, weight: 0.4)))
        }
        return (map, options, cycle, outsider)
    }

    /// Whether two claims' trials are the same, to the last bit.
    static func same(_ a: ImpactTrial, _ b: ImpactTrial) -> Bool {
        a.claim == b.claim && a.removed.bitPattern == b.removed.bitPattern && a.down.bitPattern == b.down.bitPattern && a.up.bitPattern == b.up.bitPattern
    }

    /// `impact`'s trials of the claims `beneath` up to `target`, made one after another through
    /// ``IncrementalEvaluator/trial(_:undo:map:read:)`` (as the command made them before its
    /// trials ran on both cores), each by the next of `boards` in turn (an evaluator, or an
    /// evaluator and its twin): what ``IncrementalEvaluator/impactTrials(_:on:map:stop:)`` must
    /// give.
    static func oneAfterAnother(_ beneath: [Int], on target: Int, boards: [IncrementalEvaluator], map: ArgumentMap) -> [ImpactTrial] {
        let before = boards[0].scores[target]
        return beneath.enumerated().map { i, c in
            let board = boards[i % boards.count], base = map.claims[c].base
            func moved(to value: Double) -> Double {
                board.trial({ board.baseChanged(c, to: value, map: map, upTo: target) },
                            undo: { board.baseChanged(c, to: base, map: map, upTo: target) }, map: map) { board.scores[target] - before }
            }
            let removed = board.trial(removing: c, map: map, upTo: target) { board.scores[target] - before }
            return ImpactTrial(claim: c, removed: removed, down: moved(to: max(0, base - 0.1)), up: moved(to: min(1, base + 0.1)))
        }
    }

    /// On an acyclic map, with undercuts, a trial's scores are those of the changed map's whole
    /// evaluation, to the last bit; after it, the scores and undercut factors its change worked
    /// out are put back as they were (not worked out again), so that the next real edit still
    /// gives a whole evaluation's scores to the last bit.
    @Test(arguments: [Semantics.dfquad, .euler, .qe, .hcat])
    func anAcyclicTrialPutsItsScoresBack(_ semantics: Semantics) throws {
        var map = MapGenerator.generate(.init(claims: 20_000, shape: .dag, seed: 21))
        // Undercuts from claims nothing bears on, onto claims with relations leaving them.
        let sources = map.claims.indices.filter { map.incoming[$0].isEmpty }.prefix(40)
        var undercutters: [Int] = []
        for (k, u) in sources.enumerated() {
            let target = 50 + k * 37
            guard !map.outgoing[target].isEmpty, u != target else { continue }
            try map.apply(.link(RelationSpec(from: map.claims[u].id, to: map.claims[target].id, type: .undercut, weight: 0.5)))
            undercutters.append(u)
        }
        let board = IncrementalEvaluator(map, semantics: semantics)
        try #require(board.isIncremental && board.graph.hasUndercuts)
        let original = board.scores
        var tried = 0
        // Claims across the map, and undercutters (whose change changes undercut factors).
        for c in Array(stride(from: 3, to: map.count, by: 997)) + undercutters.prefix(5) {
            let base = map.claims[c].base, value = base > 0.5 ? base - 0.3 : base + 0.3
            let scores = board.trial({ board.baseChanged(c, to: value, map: map) }, undo: { board.baseChanged(c, to: base, map: map) }, map: map) { board.scores }
            var changed = map
            try changed.apply(.setValue(map.claims[c].id, .base(value)))
            #expect(scores == IncrementalEvaluator(changed, semantics: semantics).scores, "\(semantics): base of \(map.claims[c].id)")
            #expect(board.scores == original, "the scores are put back")
            let removed = board.trial(removing: c, map: map) { board.scores }
            var without = map
            for r in map.outgoing[c] { try without.apply(.setWeight(from: map.claims[c].id, to: map.claims[map.relations[r].to].id, 0)) }
            let expected = IncrementalEvaluator(without, semantics: semantics).scores
            #expect(removed.indices.allSatisfy { $0 == c || removed[$0] == expected[$0] }, "\(semantics): removal of \(map.claims[c].id)")
            #expect(board.scores == original, "the scores are put back")
            tried += 1
        }
        // A real edit after the trials, of a claim that an undercut claim bears on (not of the
        // undercut claim, whose factor it would work out again): the factor put back is the
        // one it reads.
        let u = try #require(undercutters.first)
        let undercut = map.relations[try #require(map.outgoing[u].first { map.relations[$0].type == .undercut })].to
        let parent = map.relations[try #require(map.outgoing[undercut].first)].to
        board.baseChanged(parent, to: 0.05, map: map)
        var edited = map
        try edited.apply(.setValue(map.claims[parent].id, .base(0.05)))
        #expect(board.scores == IncrementalEvaluator(edited, semantics: semantics).scores)
        #expect(tried >= 20)
    }

    /// A trial's change of a base in the largest cycle solves that cycle again from the scores
    /// it had, in fewer steps than the changed map's own evaluation takes from the bases, and
    /// ends within 1e-9 of that evaluation; the scores are put back to the last bit.
    @Test(arguments: [Semantics.dfquad, .euler, .qe, .hcat])
    func aTrialsCyclesStartFromTheirScores(_ semantics: Semantics) throws {
        let map = MapGenerator.generate(.init(claims: 30_000, shape: .cyclic, seed: 12))
        let cycle = Self.largestCycle(map)
        try #require(cycle.count >= 8, "the largest cycle has \(cycle.count) claims")
        let board = IncrementalEvaluator(map, semantics: semantics)
        let original = board.scores
        var fewer = 0, tried = 0
        for c in cycle.prefix(8) {
            let base = map.claims[c].base, value = base > 0.5 ? base - 0.1 : base + 0.1
            let (warm, scores) = board.trial({ board.baseChanged(c, to: value, map: map) },
                                             undo: { board.baseChanged(c, to: base, map: map) }, map: map) { (board.steps(ofCycleHolding: c), board.scores) }
            var changed = map
            try changed.apply(.setValue(map.claims[c].id, .base(value)))
            let fresh = IncrementalEvaluator(changed, semantics: semantics)
            let cold = try #require(fresh.steps(ofCycleHolding: c)), steps = try #require(warm)
            tried += 1
            if steps < cold { fewer += 1 }
            let off = scores.indices.filter { abs(scores[$0] - fresh.scores[$0]) >= 1e-9 }
            #expect(off.isEmpty, "\(semantics), base of \(map.claims[c].id): \(off.count) scores off, \(steps) steps against \(cold)")
            #expect(board.scores == original, "the scores are put back")
        }
        #expect(tried == 8 && fewer == tried, "\(semantics): \(fewer) of \(tried) trials took fewer steps")
    }

    /// A weight changed on a relation from outside a kept cycle (as a claim's removal tried
    /// beneath it changes its relations' weights) brings the layout up to date for its target
    /// alone, and one within the cycle is set in the layout, to 0 too: no layout is made afresh,
    /// and the scores are a whole evaluation's, to the last bit. An undercut's weight has the
    /// layout made afresh.
    @Test(arguments: [Semantics.dfquad, .euler])
    func aWeightChangedKeepsACyclesLayout(_ semantics: Semantics) throws {
        var (map, options, cycle, _) = try Self.mapKeepingItsLargestCycle(undercut: true)
        let inCycle = Set(cycle)
        let board = IncrementalEvaluator(map, semantics: semantics, options: options)
        try #require(board.keptLayouts > 0)
        let into = map.relations.indices.filter {
            let relation = map.relations[$0]
            return relation.type != .undercut && inCycle.contains(relation.to) && !inCycle.contains(relation.from)
        }
        let within = map.relations.indices.filter { inCycle.contains(map.relations[$0].to) && inCycle.contains(map.relations[$0].from) }
        try #require(into.count >= 5 && within.count >= 2)
        func setWeight(_ r: Int, _ value: Double) throws {
            let relation = map.relations[r]
            try map.apply(.setWeight(from: map.claims[relation.from].id, to: map.claims[relation.to].id, value))
            board.weightChanged(relation: r, to: value, map: map)
            #expect(board.scores == Evaluator.evaluate(map, semantics, options: options).scores,
                    "the weight of \(map.claims[relation.from].id) → \(map.claims[relation.to].id) set to \(value)")
        }
        let made = board.layoutsMade
        for (k, r) in into.prefix(5).enumerated() { try setWeight(r, [0, 0.3, 1, 0.05, 0.6][k]) }
        #expect(board.layoutsMade == made, "\(board.layoutsMade - made) layouts made afresh for weights from outside")
        // Removals tried beneath the cycle and in it set their relations' weights to 0 at once.
        board.trial(removing: map.relations[into[5 % into.count]].from, map: map) {}
        board.trial(removing: cycle[1], map: map) {}
        #expect(board.layoutsMade == made)
        for (r, value) in [(within[0], 0.45), (within[0], 0), (within[1], 0.9), (within[0], 0.7)] { try setWeight(r, value) }
        #expect(board.layoutsMade == made, "\(board.layoutsMade - made) layouts made afresh for weights within")
        let undercut = try #require(map.relations.indices.first { map.relations[$0].type == .undercut })
        try setWeight(undercut, 0.8)
        #expect(board.layoutsMade == made + 1)
    }

    /// A change that a claim absorbs solves nothing past it. Under DF-QuAD, a claim with a full
    /// support and a full attack from outside (1 − 1·1 = 0: its products from outside are 0,
    /// whatever else bears on it there) scores its base whatever its other supporters score:
    /// a change of one of them solves no cycle that claim is on, and one that reaches a claim on
    /// no cycle that is held so goes no further; a change that reaches another claim of the
    /// cycle solves it. Under Euler, which adds contributions up, each solves the cycle. The
    /// scores, steps and residual are a whole evaluation's, to the last bit.
    @Test(arguments: [Semantics.dfquad, .euler])
    func aChangeAbsorbedOnTheWaySolvesNothingPastIt(_ semantics: Semantics) throws {
        var (map, options, cycle, _) = try Self.mapKeepingItsLargestCycle()
        let (held, open) = (map.claims[cycle[0]].id, map.claims[cycle[1]].id)
        // `full-*` hold `held` and `between` (a claim on no cycle, which supports `above`, which
        // supports `open`); `y` supports `held`, `q` supports `between`, `z` supports `open`.
        for (id, base) in [("full-support", 1.0), ("full-attack", 1.0), ("y", 0.5), ("q", 0.5), ("z", 0.5), ("between", 0.5), ("above", 0.5)] {
            try map.apply(.addClaim(Claim(id: id, base: base)))
        }
        for (from, to, type) in [("full-support", held, RelationType.support), ("full-attack", held, .attack), ("y", held, .support),
                                 ("full-support", "between", .support), ("full-attack", "between", .attack), ("q", "between", .support),
                                 ("between", "above", .support), ("above", open, .support), ("z", open, .support)] {
            try map.apply(.link(RelationSpec(from: from, to: to, type: type, weight: from.hasPrefix("full") ? 1 : 0.5)))
        }
        let board = IncrementalEvaluator(map, semantics: semantics, options: options)
        try #require(board.keptLayouts > 0)
        func setBase(_ id: String, _ value: Double) throws -> Int {
            try map.apply(.setValue(id, .base(value)))
            board.baseChanged(map.index(of: id)!, to: value, map: map)
            let whole = Evaluator.evaluate(map, semantics, options: options)
            #expect(board.scores == whole.scores && board.evaluation.iterations == whole.iterations && board.evaluation.residual == whole.residual,
                    "\(semantics), the base of \(id) set to \(value)")
            return board.lastUpdateCount
        }
        let n = cycle.count
        for value in [0.9, 0.1] {
            let (y, q, z) = (try setBase("y", value), try setBase("q", value), try setBase("z", value))
            if semantics == .dfquad {
                #expect(y == 1, "y's change stops at \(held): \(y) claims solved again")
                #expect(q == 2, "q's change stops at between: \(q) claims solved again")
            } else {
                #expect(y > n && q > n + 2, "\(y) and \(q) claims solved again")
            }
            #expect(z > n, "z's change solves the cycle: \(z) claims solved again")
        }
    }

    /// Values put back (a trial's, or an undo's) are followed into the kept layouts: the
    /// layouts stay kept, none is made afresh by the trials after, and the scores after further
    /// changes are a whole evaluation's, to the last bit. An undercut's weight put back drops the
    /// layouts; a layout that a trial then makes without the relations it set to 0 within the
    /// cycle (a layout leaves out a relation of weight 0) is dropped when they are put back.
    @Test(arguments: [Semantics.dfquad, .euler])
    func valuesPutBackKeepTheLayouts(_ semantics: Semantics) throws {
        var (map, options, cycle, outsider) = try Self.mapKeepingItsLargestCycle(undercut: true)
        let inCycle = Set(cycle)
        let board = IncrementalEvaluator(map, semantics: semantics, options: options)
        try #require(board.keptLayouts > 0)
        let original = board.scores, made = board.layoutsMade
        func expectWhole(_ what: String) {
            let whole = Evaluator.evaluate(map, semantics, options: options)
            #expect(board.scores == whole.scores && board.evaluation.iterations == whole.iterations && board.evaluation.residual == whole.residual,
                    "\(semantics), \(what)")
        }
        // An edit's values kept and put back, as an undo does.
        let before = map
        board.keepChanges()
        for c in cycle.prefix(3) {
            try map.apply(.setValue(map.claims[c].id, .base(0.05)))
            board.baseChanged(c, to: 0.05, map: map)
        }
        let beneath = try #require(map.relations.first { inCycle.contains($0.to) && !inCycle.contains($0.from) }?.from)
        for r in map.outgoing[beneath] {
            try map.apply(.setWeight(from: map.claims[beneath].id, to: map.claims[map.relations[r].to].id, 0.9))
            board.weightChanged(relation: r, to: 0.9, map: map)
        }
        _ = board.putBack(try #require(board.keptChanges()), map: before)
        map = before
        #expect(board.scores == original && board.keptLayouts > 0, "\(semantics): put back, the layouts kept")
        // Trials: bases in the cycle, and removals beneath it and in it.
        for c in cycle.prefix(4) {
            _ = board.trial({ board.baseChanged(c, to: 0.95, map: map) }, undo: { board.baseChanged(c, to: map.claims[c].base, map: map) }, map: map) { board.scores }
        }
        board.trial(removing: beneath, map: map) {}
        board.trial(removing: cycle[2], map: map) {}
        #expect(board.scores == original, "\(semantics): the trials put the scores back")
        #expect(board.layoutsMade == made && board.keptLayouts > 0, "\(semantics): \(board.layoutsMade - made) layouts made afresh")
        // Then edits, each followed into the layouts kept.
        for (k, c) in cycle.suffix(3).enumerated() {
            try map.apply(.setValue(map.claims[c].id, .base(Double(k + 2) / 10)))
            board.baseChanged(c, to: Double(k + 2) / 10, map: map)
            expectWhole("the base of \(map.claims[c].id) set after the trials")
        }
        try map.apply(.setValue(map.claims[beneath].id, .base(0.01)))
        board.baseChanged(beneath, to: 0.01, map: map)
        expectWhole("the base of \(map.claims[beneath].id), beneath the cycle, set")
        #expect(board.layoutsMade == made)
        // An undercut's weight put back.
        let undercut = try #require(map.relations.indices.first { map.relations[$0].type == .undercut })
        let (withUndercut, scores) = (map, board.scores)
        board.keepChanges()
        try map.apply(.setWeight(from: map.claims[outsider].id, to: map.claims[cycle[0]].id, 0.8))
        board.weightChanged(relation: undercut, to: 0.8, map: map)
        _ = board.putBack(try #require(board.keptChanges()), map: withUndercut)
        map = withUndercut
        #expect(board.scores == scores && board.keptLayouts == 0, "\(semantics): an undercut put back drops the layouts")
        board.trial(removing: cycle[2], map: map) {}
        #expect(board.scores == scores && board.keptLayouts == 0, "\(semantics): the layout a removal tried made is dropped")
        try map.apply(.setValue(map.claims[cycle[2]].id, .base(0.33)))
        board.baseChanged(cycle[2], to: 0.33, map: map)
        expectWhole("the base of \(map.claims[cycle[2]].id) set after the layouts were dropped")
    }

    /// `impact`'s trials, run on both cores (this evaluator and a twin, each taking the next
    /// claim) or in turn on one, give each claim what trials one after another give it, to the last bit, and
    /// leave the scores as they were, with the edits after them followed as a whole evaluation
    /// gives them. Stopped part way, they give the claims tried so far, each as it would be.
    @Test(arguments: [Semantics.dfquad, .euler])
    func impactTrialsOnBothCoresAreThoseOneAfterAnother(_ semantics: Semantics) throws {
        var (map, options, cycle, _) = try Self.mapKeepingItsLargestCycle()
        // One after another, on an evaluator of their own; or, with `twin`, on it and its twin
        // in turn.
        func oneAfterAnother(_ beneath: [Int], on target: Int, twin: Bool = false) -> [ImpactTrial] {
            let board = IncrementalEvaluator(map, semantics: semantics, options: options)
            defer { board.twinDone() }
            return Self.oneAfterAnother(beneath, on: target, boards: twin ? [board, board.twin()!] : [board], map: map)
        }
        // The first claim of the cycle that claims beneath it move (a claim of a cycle held at 0
        // by a full attack moves with nothing), and the map's first claim.
        var moving: (target: Int, beneath: [Int], expected: [ImpactTrial])?
        for c in cycle.prefix(20) where moving == nil {
            let beneath = map.claimsBeneath(c, atMost: 150).claims, expected = oneAfterAnother(beneath, on: c)
            if expected.contains(where: { $0.removed != 0 || $0.down != 0 || $0.up != 0 }) { moving = (c, beneath, expected) }
        }
        let first = try #require(moving, "\(semantics): no claim of the cycle moves")
        let beneathFirst = map.claimsBeneath(0, atMost: 150).claims
        for (target, beneath, expected) in [first, (0, beneathFirst, oneAfterAnother(beneathFirst, on: 0))] {
            try #require(beneath.count > 100)
            // An evaluator and its twin, in turn on this thread, as one would be alone.
            let turns = oneAfterAnother(beneath, on: target, twin: true)
            #expect(zip(turns, expected).allSatisfy(Self.same), "\(semantics), beneath \(map.claims[target].id): a twin's trials differ")
            let board = IncrementalEvaluator(map, semantics: semantics, options: options)
            let original = board.scores
            let trials = board.impactTrials(beneath, on: target, map: map)
            #expect(trials.count == expected.count)
            let off = zip(trials, expected).filter { !Self.same($0, $1) }
            #expect(off.isEmpty, "\(semantics), beneath \(map.claims[target].id): \(off.count) of \(trials.count) trials differ")
            #expect(board.scores == original, "\(semantics): the trials put the scores back")
            // Stopped after 40 claims were asked about, on either core, whichever ran: exactly
            // those 40 are tried, each as it would be.
            var asked = 0
            let stopped = board.impactTrials(beneath, on: target, map: map) { asked += 1; return asked > 40 }
            #expect(stopped.count == 40, "\(stopped.count) tried")
            let byClaim = Dictionary(uniqueKeysWithValues: expected.map { ($0.claim, $0) })
            #expect(stopped.allSatisfy { Self.same($0, byClaim[$0.claim]!) })
            #expect(board.scores == original)
        }
        // While changes are kept for an edit, there is no twin: the trials run on this core, each
        // made and reversed in place (its cycles from their bases, so within the tolerance).
        let keeping = IncrementalEvaluator(map, semantics: semantics, options: options)
        keeping.keepChanges()
        #expect(keeping.twin() == nil)
        let inPlace = keeping.impactTrials(first.beneath, on: first.target, map: map)
        #expect(inPlace.count == first.expected.count && zip(inPlace, first.expected).allSatisfy { a, b in
            a.claim == b.claim && abs(a.removed - b.removed) < 1e-6 && abs(a.down - b.down) < 1e-6 && abs(a.up - b.up) < 1e-6
        }, "\(semantics): trials while changes are kept")
        _ = keeping.keptChanges()
        // Edits after the trials are followed as a whole evaluation gives them.
        let board = IncrementalEvaluator(map, semantics: semantics, options: options)
        _ = board.impactTrials(first.beneath, on: first.target, map: map)
        for (k, c) in cycle.prefix(3).enumerated() {
            try map.apply(.setValue(map.claims[c].id, .base(Double(k + 1) / 10)))
            board.baseChanged(c, to: Double(k + 1) / 10, map: map)
            let whole = Evaluator.evaluate(map, semantics, options: options)
            #expect(board.scores == whole.scores, "\(semantics): the base of \(map.claims[c].id) set after the trials")
        }
    }

    /// On an acyclic map too (a DAG with an undercut, so that undercut factors are recomputed),
    /// `impact`'s trials on both cores, and on an evaluator and its twin in turn, give each
    /// claim what trials one after another give it, to the last bit, and leave the scores as
    /// they were.
    /// A target with thousands of supports and attacks (a thesis with every other claim under
    /// it, and a DAG two deep, its claims below the thesis's own answering others too): each
    /// `impact` trial reads its score from its row in blocks (``WideTarget``), the blocks of the
    /// claims it changed worked out again. Each is the trial's whole row's (the trials one
    /// after another, which work the target out whole) within 1e-12, and the scores are left as
    /// they were, to the last bit.
    @Test(arguments: [Semantics.dfquad, .euler, .qe, .mlp, .hcat])
    func impactTrialsOfAWideTargetAreThoseOfItsWholeRow(_ semantics: Semantics) throws {
        var moved = 0, deeper = 0
        for map in [MapGenerator.generate(.init(claims: 9_000, seed: 31, maxDepth: 1)),
                    MapGenerator.generate(.init(claims: 9_000, shape: .dag, seed: 32, maxDepth: 2))] {
            let board = IncrementalEvaluator(map, semantics: semantics), target = 0
            try #require(board.graph.row(target).count >= WideTarget.entries)
            // The nearest (all under the thesis itself), and claims that bear on it only
            // through others (whose trials change those others' relations' blocks).
            let all = map.claimsBeneath(target).claims
            let deep = all.filter { c in !map.outgoing[c].contains { map.relations[$0].to == target } }
            let beneath = Array(all.prefix(300)) + deep.prefix(300)
            deeper += deep.prefix(300).count
            let scores = board.scores
            let trials = board.impactTrials(beneath, on: target, map: map)
            #expect(board.scores.map(\.bitPattern) == scores.map(\.bitPattern), "\(semantics): the scores as they were")
            #expect(board.wideTarget == nil)
            let whole = Self.oneAfterAnother(beneath, on: target, boards: [IncrementalEvaluator(map, semantics: semantics)], map: map)
            #expect(trials.map(\.claim) == whole.map(\.claim) && trials.count == beneath.count)
            for (a, b) in zip(trials, whole) {
                #expect(abs(a.removed - b.removed) <= 1e-12 && abs(a.down - b.down) <= 1e-12 && abs(a.up - b.up) <= 1e-12,
                        "\(semantics) \(map.claims[a.claim].id): \(a) against \(b)")
            }
            moved += trials.filter { $0.removed != 0 || $0.down != 0 || $0.up != 0 }.count
        }
        // (Under DF-QuAD, thousands of supports and attacks saturate the thesis: no one claim moves it.)
        #expect(semantics == .dfquad || moved > 100, "\(semantics): trials that move the target")
        #expect(deeper > 100, "trials of claims under the thesis's own")
    }

    @Test(arguments: [Semantics.dfquad, .euler])
    func impactTrialsOnBothCoresOnAnAcyclicMap(_ semantics: Semantics) throws {
        var map = MapGenerator.generate(.init(claims: 20_000, shape: .dag, seed: 5))
        try map.apply(.link(RelationSpec(from: "c19000", to: "c2", type: .undercut, weight: 0.7)))
        try #require(IncrementalEvaluator(map, semantics: semantics).graph.order != nil, "acyclic")
        for target in [0, 2] {
            let beneath = map.claimsBeneath(target, atMost: 300).claims
            try #require(beneath.count > 100)
            func trials(on boards: [IncrementalEvaluator]) -> [ImpactTrial] { Self.oneAfterAnother(beneath, on: target, boards: boards, map: map) }
            let expected = trials(on: [IncrementalEvaluator(map, semantics: semantics)])
            try #require(expected.contains { $0.removed != 0 || $0.down != 0 || $0.up != 0 })
            let paired = IncrementalEvaluator(map, semantics: semantics)
            let turns = trials(on: [paired, try #require(paired.twin())])
            paired.twinDone()
            #expect(zip(turns, expected).allSatisfy(Self.same), "\(semantics), beneath c\(target): a twin's trials differ")
            let board = IncrementalEvaluator(map, semantics: semantics)
            let original = board.scores
            let both = board.impactTrials(beneath, on: target, map: map)
            #expect(both.count == expected.count && zip(both, expected).allSatisfy(Self.same), "\(semantics), beneath c\(target): trials on both cores differ")
            #expect(board.scores == original, "\(semantics): the trials put the scores back")
        }
    }

    /// A trial's cycle is solved claim by claim where its change spreads
    /// (``Evaluator/locally(_:_:_:_:_:log:)``), rather than in steps over the whole cycle: for a
    /// base moved in the cycle and beneath it, and a claim removed, under each semantics that
    /// solves cycles, the scores are within 1e-9 of the changed map's whole evaluation, with
    /// every slope left below the tolerance, and within 1e-9 of the steps' from the same scores;
    /// the scores are put back. With the layout kept (its dependents made once, and the moved
    /// claims alone worked out after the first trial) and laid out afresh each time.
    @Test(arguments: [Semantics.dfquad, .euler, .qe, .mlp, .hcat])
    func aTrialSolvesACycleClaimByClaim(_ semantics: Semantics) throws {
        let map = MapGenerator.generate(.init(claims: 30_000, shape: .cyclic, seed: 12))
        let cycle = Self.largestCycle(map), inCycle = Set(cycle)
        try #require(cycle.count >= 8, "the largest cycle has \(cycle.count) claims")
        let beneath = Array(Set(cycle.flatMap { map.incoming[$0].map { map.relations[$0].from } }).subtracting(inCycle).sorted().prefix(8))
        try #require(beneath.count == 8)
        for keeping in [false, true] {
            var options = Evaluator.Options(), steps = Evaluator.Options()
            if keeping { options.keptCycleSize = 8; steps.keptCycleSize = 8 }
            steps.solvesTrialsLocally = false
            let board = IncrementalEvaluator(map, semantics: semantics, options: options)
            let stepping = IncrementalEvaluator(map, semantics: semantics, options: steps)
            #expect(board.keptLayouts == (keeping ? stepping.keptLayouts : 0) && (!keeping || board.keptLayouts > 0))
            let original = board.scores
            for c in Array(cycle.prefix(8)) + beneath {
                let base = map.claims[c].base, value = base > 0.5 ? base - 0.1 : base + 0.1
                func tryBase(_ board: IncrementalEvaluator) -> ([Double], Bool) {
                    board.trial({ board.baseChanged(c, to: value, map: map) }, undo: { board.baseChanged(c, to: base, map: map) }, map: map) {
                        (board.scores, board.evaluation.converged && board.evaluation.residual < Evaluator.Options().tolerance)
                    }
                }
                func tryRemoving(_ board: IncrementalEvaluator) -> [Double] { board.trial(removing: c, map: map) { board.scores } }
                let (scores, settled) = tryBase(board)
                let (stepped, _) = tryBase(stepping)
                var changed = map
                try changed.apply(.setValue(map.claims[c].id, .base(value)))
                let whole = Evaluator.evaluate(changed, semantics)
                let off = scores.indices.filter { abs(scores[$0] - whole.scores[$0]) >= 1e-9 }
                #expect(off.isEmpty && settled, "\(semantics), base of \(map.claims[c].id): \(off.count) scores off, settled \(settled)")
                #expect(zip(scores, stepped).allSatisfy { abs($0 - $1) < 1e-9 })
                // Removed: every other claim as in the map without it.
                let removed = tryRemoving(board), removedStepped = tryRemoving(stepping)
                var without = map
                try without.apply(.removeClaim(map.claims[c].id))
                let wholeWithout = Evaluator.evaluate(without, semantics)
                let kept = map.claims.indices.filter { $0 != c }
                #expect(kept.allSatisfy { abs(removed[$0] - wholeWithout.scores[without.index(of: map.claims[$0].id)!]) < 1e-9 },
                        "\(semantics), \(map.claims[c].id) removed")
                #expect(zip(removed, removedStepped).allSatisfy { abs($0 - $1) < 1e-9 })
                #expect(board.scores == original, "the scores are put back")
            }
            #expect(board.solvedClaimByClaim >= 16 && stepping.solvedClaimByClaim == 0,
                    "\(semantics): \(board.solvedClaimByClaim) cycles solved claim by claim in 32 trials")
        }
    }

    /// A trial that moves an undercut of a cycle's claim from outside (its undercutter's base)
    /// has the cycle laid out afresh, with the claim's new undercut factor, and solved claim by
    /// claim: the claim's factor is written even where its score does not move, so that what the
    /// claim bears on outside the cycle moves as in the changed map's whole evaluation, to 1e-9.
    @Test(arguments: [Semantics.dfquad, .euler])
    func aTrialMovingAnUndercutOfACycleMovesWhatItsClaimsBearOn(_ semantics: Semantics) throws {
        var (map, options, cycle, outsider) = try Self.mapKeepingItsLargestCycle(undercut: true)
        try map.apply(.addClaim(Claim(id: "downstream", base: 0.5)))
        try map.apply(.link(RelationSpec(from: map.claims[cycle[0]].id, to: "downstream", type: .support, weight: 1)))
        let downstream = try #require(map.index(of: "downstream"))
        for keeping in [false, true] {
            let board = IncrementalEvaluator(map, semantics: semantics, options: keeping ? options : Evaluator.Options())
            let solvedBefore = board.solvedClaimByClaim
            for value in [0.0, 1.0, 0.3] {
                let base = map.claims[outsider].base
                let scores = board.trial({ board.baseChanged(outsider, to: value, map: map) },
                                         undo: { board.baseChanged(outsider, to: base, map: map) }, map: map) { board.scores }
                var changed = map
                try changed.apply(.setValue(map.claims[outsider].id, .base(value)))
                let whole = Evaluator.evaluate(changed, semantics)
                let off = scores.indices.filter { abs(scores[$0] - whole.scores[$0]) >= 1e-9 }
                #expect(off.isEmpty, "\(semantics), the undercutter's base at \(value): \(off.count) scores off, downstream among them: \(off.contains(downstream))")
            }
            #expect(board.solvedClaimByClaim > solvedBefore)
        }
    }

    /// A cycle whose iteration s ← F(s) does not settle (a ring of 101 full attacks from claims
    /// of base 1, where a change goes round undiminished) gives up the claim-by-claim solving
    /// and takes the steps, from the same scores: the trial's scores are those of the steps, to
    /// the last bit, and within 1e-9 of the changed map's whole evaluation.
    @Test func aCycleThatDoesNotSettleClaimByClaimTakesTheSteps() throws {
        var map = ArgumentMap()
        for i in 0..<101 { try map.apply(.addClaim(Claim(id: "r\(i)", base: 1))) }
        for i in 0..<101 { try map.apply(.link(RelationSpec(from: "r\(i)", to: "r\((i + 1) % 101)", type: .attack, weight: 1))) }
        var steps = Evaluator.Options()
        steps.solvesTrialsLocally = false
        let board = IncrementalEvaluator(map, semantics: .dfquad), stepping = IncrementalEvaluator(map, semantics: .dfquad, options: steps)
        #expect(board.evaluation.converged)
        func tryBase(_ board: IncrementalEvaluator) -> [Double] {
            board.trial({ board.baseChanged(5, to: 0.9, map: map) }, undo: { board.baseChanged(5, to: 1, map: map) }, map: map) { board.scores }
        }
        let scores = tryBase(board)
        #expect(scores == tryBase(stepping) && board.solvedClaimByClaim == 0)
        var changed = map
        try changed.apply(.setValue("r5", .base(0.9)))
        let whole = Evaluator.evaluate(changed, .dfquad)
        #expect(whole.converged && zip(scores, whole.scores).allSatisfy { abs($0 - $1) < 1e-9 })
        #expect(scores != board.scores, "the trial moved the ring")
    }
}
