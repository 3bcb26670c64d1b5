import Testing
import ArgMapModel
@testable import ArgMapSemantics

/// Properties from the literature, on seeded random maps (the seed is in every message).
struct PropertyTests {
    static let gradual: [Semantics] = [.dfquad, .quad, .euler, .qe, .mlp, .hcat]
    static let monotone: [Semantics] = [.dfquad, .euler, .qe, .mlp]

    @Test(arguments: Semantics.allCases)
    func balance(_ semantics: Semantics) throws {
        var map = ArgumentMap()
        for (i, b) in [0.0, 0.3, 0.5, 0.77, 1.0].enumerated() { try map.apply(.addClaim(Claim(id: "c\(i)", base: b))) }
        let e = Evaluator.evaluate(map, semantics)
        for (i, claim) in map.claims.enumerated() {
            #expect(e.scores[i] == (semantics == .grounded ? 1 : claim.base), "\(semantics): \(claim.id)")
        }
    }

    /// Nothing bearing on a claim leaves its base to the last bit, whatever the base: MLP
    /// takes no logit and logistic of it (which round), and neither does any other.
    @Test(arguments: gradual)
    func aClaimNothingBearsOnKeepsItsBaseExactly(_ semantics: Semantics) throws {
        var map = ArgumentMap()
        var rng = SplitMix64(seed: 11)
        for i in 0..<500 { try map.apply(.addClaim(Claim(id: "c\(i)", base: Double(rng.next() % 1_000_000) / 1_000_000))) }
        // And a claim whose one support and one attack cancel out.
        try map.apply(.addClaim(Claim(id: "t", base: 0.37)))
        try map.apply(.link(RelationSpec(from: "c1", to: "t", type: .attack)))
        try map.apply(.link(RelationSpec(from: "c2", to: "t", type: .support)))
        try map.apply(.setValue("c2", .base(map.claims[1].base)))
        let e = Evaluator.evaluate(map, semantics)
        for (i, claim) in map.claims.enumerated().prefix(500) {
            #expect(e.scores[i] == claim.base, "\(semantics): \(claim.id) scores \(e.scores[i]), its base is \(claim.base)")
        }
        if semantics == .mlp { #expect(e.scores[500] == 0.37) }
    }

    /// A thousand full-strength attackers, or supporters, drive a claim to the end of its
    /// range without overflow: MLP's e^(−E) and Euler's e^E overflow past E = 700, and the
    /// scores must stay numbers in [0, 1], below the base or above it.
    @Test(arguments: gradual)
    func manyContributionsStayInRange(_ semantics: Semantics) throws {
        for type in [RelationType.attack, .support] {
            var map = ArgumentMap()
            try map.apply(.addClaim(Claim(id: "t", base: 0.3)))
            for i in 0..<1_000 {
                try map.apply(.addClaim(Claim(id: "c\(i)", base: 1)))
                try map.apply(.link(RelationSpec(from: "c\(i)", to: "t", type: type)))
            }
            let score = Evaluator.evaluate(map, semantics).scores[0]
            #expect(score >= 0 && score <= 1, "\(semantics) \(type): \(score)")
            if semantics != .hcat || type == .attack {
                #expect(type == .attack ? score < 0.3 : score > 0.3, "\(semantics) \(type): \(score)")
            }
            if semantics == .mlp { #expect(score == (type == .attack ? 0 : 1), "MLP at E = ±1000: \(score)") }
        }
    }

    @Test(arguments: monotone)
    func monotonicity(_ semantics: Semantics) throws {
        for seed in 1...20 as ClosedRange<UInt64> {
            var map = MapGenerator.generate(.init(claims: 60, shape: .dag, seed: seed))
            var rng = SplitMix64(seed: seed)
            let r = Int(rng.next() % UInt64(map.relations.count))
            let relation = map.relations[r]
            guard relation.type != .undercut else { continue }
            let source = map.claims[relation.from].id
            let before = Evaluator.evaluate(map, semantics).scores[relation.to]
            try map.apply(.setValue(source, .base(min(1, map.claims[relation.from].base + 0.3))))
            let after = Evaluator.evaluate(map, semantics).scores[relation.to]
            if relation.type == .attack {
                #expect(after <= before + 1e-12, "seed \(seed) \(semantics): a stronger attacker raised its target")
            } else {
                #expect(after >= before - 1e-12, "seed \(seed) \(semantics): a stronger supporter lowered its target")
            }
        }
    }

    @Test(arguments: [Semantics.dfquad, .euler, .qe, .mlp])
    func equalAttackAndSupportKeepTheBase(_ semantics: Semantics) throws {
        var map = ArgumentMap()
        try map.apply(.addClaim(Claim(id: "t", base: 0.37)))
        try map.apply(.addClaim(Claim(id: "a", base: 0.6)))
        try map.apply(.addClaim(Claim(id: "s", base: 0.6)))
        try map.apply(.link(RelationSpec(from: "a", to: "t", type: .attack)))
        try map.apply(.link(RelationSpec(from: "s", to: "t", type: .support)))
        #expect(abs(Evaluator.evaluate(map, semantics).scores[0] - 0.37) < 1e-12)
    }

    @Test(arguments: gradual)
    func weightZeroIsNoRelation(_ semantics: Semantics) throws {
        for seed in 1...10 as ClosedRange<UInt64> {
            var map = MapGenerator.generate(.init(claims: 50, shape: .dag, seed: seed))
            var rng = SplitMix64(seed: seed)
            let r = Int(rng.next() % UInt64(map.relations.count))
            let spec = map.spec(of: map.relations[r])
            var without = map
            try without.apply(.unlink(from: spec.from, to: spec.to))
            try map.apply(.setWeight(from: spec.from, to: spec.to, 0))
            let a = Evaluator.evaluate(map, semantics).scores, b = Evaluator.evaluate(without, semantics).scores
            for i in a.indices { #expect(abs(a[i] - b[i]) < 1e-12, "seed \(seed) \(semantics) claim \(i)") }
        }
    }

    @Test(arguments: [Semantics.dfquad, .euler, .qe, .mlp, .hcat])
    func continuousSchemeAgreesWithTheExactPassOnAcyclicMaps(_ semantics: Semantics) {
        for seed in 1...5 as ClosedRange<UInt64> {
            let map = MapGenerator.generate(.init(claims: 80, shape: .dag, seed: seed, maxDepth: 6))
            let g = EvaluationGraph(map)
            let exact = Evaluator.evaluate(g, semantics)
            let continuous = Self.wholeModel(g, semantics)
            #expect(continuous.converged, "seed \(seed) \(semantics)")
            for i in exact.scores.indices {
                #expect(abs(exact.scores[i] - continuous.scores[i]) < 1e-8, "seed \(seed) \(semantics) claim \(i)")
            }
        }
    }

    @Test(arguments: gradual)
    func incrementalRescoringAgreesWithAFullEvaluation(_ semantics: Semantics) throws {
        for seed in 1...6 as ClosedRange<UInt64> {
            var map = MapGenerator.generate(.init(claims: 200, shape: .dag, seed: seed))
            // Undercuts too, so that the undercut factors are exercised.
            _ = try? map.apply(.link(RelationSpec(from: "c150", to: "c3", type: .undercut, weight: 0.8)))
            let board = IncrementalEvaluator(map, semantics: semantics)
            var rng = SplitMix64(seed: seed)
            for _ in 0..<40 {
                try Self.randomValueEdit(&map, board, &rng)
                let full = Evaluator.evaluate(map, semantics).scores
                for i in full.indices where abs(full[i] - board.scores[i]) > 1e-12 {
                    Issue.record("seed \(seed) \(semantics): claim \(i) is \(board.scores[i]) incrementally, \(full[i]) in full")
                    return
                }
            }
            #expect(board.lastUpdateCount < map.count, "an update touched only what it can reach")
        }
    }

    /// A change that reaches more than an eighth of the claims after the first it starts from
    /// (in the order) is worked out in one pass over all of them, not by a search for those it
    /// reaches: the scores are a full evaluation's to the last bit either way, under every
    /// gradual semantics, with an undercut (the factors' path) and without. Two chains of
    /// 12,000 claims: an edit at the foot of the first reaches 12,000 claims and is worked out
    /// with the 12,000 of the second after them in the order; one near its top reaches a few.
    /// (The first is made last: the order takes the claims from the last up.)
    @Test(arguments: gradual, [false, true])
    func aChangeThatReachesManyIsWorkedOutInOnePass(_ semantics: Semantics, undercut: Bool) throws {
        let n = 12_000
        var map = ArgumentMap()
        var rng = SplitMix64(seed: 91)
        for chain in ["b", "a"] {
            for i in 0..<n {
                var claim = Claim(id: "\(chain)\(i)", text: "step \(i) of \(chain)")
                claim.base = Double(rng.next() % 101) / 100
                try map.apply(.addClaim(claim))
                if i > 0 {
                    try map.apply(.link(RelationSpec(from: "\(chain)\(i)", to: "\(chain)\(i - 1)", type: i % 3 == 0 ? .support : .attack,
                                                     weight: Double(1 + rng.next() % 8) / 8)))
                }
            }
        }
        if undercut { try map.apply(.link(RelationSpec(from: "b100", to: "a50", type: .undercut, weight: 0.7))) }
        #expect(map.count >= IncrementalEvaluator.passFromFirstFrom)
        let board = IncrementalEvaluator(map, semantics: semantics)
        func check(_ context: String) {
            let full = Evaluator.evaluate(map, semantics).scores, live = board.scores
            let differs = full.indices.first { full[$0].bitPattern != live[$0].bitPattern }
            #expect(full.count == live.count && differs == nil,
                    "\(semantics) \(context): \(map.claims[differs ?? 0].id) is \(live[differs ?? 0]) live, \(full[differs ?? 0]) in full")
        }
        func setBase(_ id: String, _ b: Double) throws {
            try map.apply(.setValue(id, .base(b)))
            board.baseChanged(map.index(of: id)!, to: b, map: map)
        }
        // The first chain's foot: every claim of the map worked out again, in one pass.
        try setBase("a\(n - 1)", 0.05)
        #expect(board.lastUpdateCount == 2 * n, "\(semantics): one pass over the map")
        check("after the first chain's foot")
        // The second chain's foot: its claims, the last in the order (with the undercut, the
        // claims of the first above a50 too).
        try setBase("b\(n - 1)", 0.95)
        #expect(board.lastUpdateCount >= n && board.lastUpdateCount < 2 * n, "\(semantics): one pass from the second chain's foot on")
        check("after the second chain's foot")
        // Halfway up the first: more than the claims it reaches.
        let r = try #require(map.relationIndex(from: map.index(of: "a6000")!, to: map.index(of: "a5999")!))
        try map.apply(.setWeight(from: "a6000", to: "a5999", 0.3))
        board.weightChanged(relation: r, to: 0.3, map: map)
        #expect(board.lastUpdateCount > 6_000, "\(semantics): a pass from a5999 on")
        check("after a weight halfway up")
        // Near the top: the search, which finds the few claims it reaches.
        try setBase("a4", 0.5)
        #expect(board.lastUpdateCount == 5, "\(semantics): a4 and the four claims above it")
        check("after a claim near the top")
    }

    /// A random claim's base or a random relation's weight set to a random value, in the map
    /// and in the live scores.
    static func randomValueEdit(_ map: inout ArgumentMap, _ board: IncrementalEvaluator, _ rng: inout SplitMix64) throws {
        if rng.next() % 2 == 0 {
            let c = Int(rng.next() % UInt64(map.count))
            let b = Double(rng.next() % 101) / 100
            try map.apply(.setValue(map.claims[c].id, .base(b)))
            board.baseChanged(c, to: b, map: map)
        } else {
            let r = Int(rng.next() % UInt64(map.relations.count))
            let w = Double(rng.next() % 101) / 100
            let spec = map.spec(of: map.relations[r])
            try map.apply(.setWeight(from: spec.from, to: spec.to, w))
            board.weightChanged(relation: r, to: w, map: map)
        }
    }

    /// On a map with cycles, the grounded labels are the least fixed point of Dung's rule,
    /// worked out here by its definition, round after round until nothing changes: a claim is
    /// in when every attack on it (of weight above 0, undercuts too) comes from a claim that is
    /// out, out when one comes from a claim that is in, else undecided.
    @Test func groundedOnACyclicMapIsTheLeastFixedPoint() throws {
        var undecided = 0
        for seed in 1...6 as ClosedRange<UInt64> {
            var map = MapGenerator.generate(.init(claims: 600, shape: .cyclic, seed: seed))
            var rng = SplitMix64(seed: seed)
            for _ in 0..<20 {
                let r = Int(rng.next() % UInt64(map.relations.count))
                let spec = map.spec(of: map.relations[r])
                try map.apply(.setWeight(from: spec.from, to: spec.to, rng.next() % 2 == 0 ? 0 : 0.6))
            }
            for k in 0..<30 {
                // Attacks and undercuts anywhere, closing more cycles (odd ones among them).
                let from = map.claims[Int(rng.next() % UInt64(map.count))].id, to = map.claims[Int(rng.next() % UInt64(map.count))].id
                guard from != to, map.relationIndex(from: map.index(of: from)!, to: map.index(of: to)!) == nil else { continue }
                try map.apply(.link(RelationSpec(from: from, to: to, type: k % 3 == 0 ? .undercut : .attack, weight: k % 5 == 0 ? 0 : 0.7)))
            }
            let g = EvaluationGraph(map)
            try #require(g.order == nil, "seed \(seed): a cyclic map")
            var attacks = [[Int]](repeating: [], count: g.count)
            for c in 0..<g.count {
                for k in g.row(c) where g.isAttack[k] && g.weight[k] > 0 { attacks[c].append(Int(g.source[k])) }
                for k in g.undercutRow(c) where g.undercutWeight[k] > 0 { attacks[c].append(Int(g.undercutSource[k])) }
            }
            var expected = [Label](repeating: .undec, count: g.count), changed = true
            while changed {
                changed = false
                for c in 0..<g.count where expected[c] == .undec {
                    let label: Label = attacks[c].contains { expected[$0] == .in } ? .out : attacks[c].allSatisfy { expected[$0] == .out } ? .in : .undec
                    if label != .undec { expected[c] = label; changed = true }
                }
            }
            let found = Evaluator.evaluate(g, .grounded)
            #expect(found.labels == expected, "seed \(seed)")
            #expect(found.scores == expected.map { $0 == .in ? 1 : $0 == .out ? 0 : 0.5 }, "seed \(seed)")
            undecided += expected.filter { $0 == .undec }.count
        }
        #expect(undecided > 0, "some claims are undecided")
    }

    /// On an acyclic map the grounded labels come from one pass in topological order; they are
    /// the labels the general algorithm (for maps with cycles) finds, with undercuts and
    /// attacks of weight 0 among them.
    @Test func groundedInOnePassAsInGeneral() throws {
        for seed in 1...6 as ClosedRange<UInt64> {
            var map = MapGenerator.generate(.init(claims: 3_000, shape: .dag, seed: seed))
            var rng = SplitMix64(seed: seed)
            for _ in 0..<30 {
                let r = Int(rng.next() % UInt64(map.relations.count))
                let spec = map.spec(of: map.relations[r])
                try map.apply(.setWeight(from: spec.from, to: spec.to, rng.next() % 2 == 0 ? 0 : 0.6))
            }
            for k in 0..<20 {
                // An undercut from a claim added at the end, which nothing answers, so no cycle.
                try map.apply(.addClaim(Claim(id: "u\(k)", text: "an undercut")))
                let target = map.claims[Int(rng.next() % 2_900)].id
                try map.apply(.link(RelationSpec(from: "u\(k)", to: target, type: .undercut, weight: k % 4 == 0 ? 0 : 0.7)))
            }
            let g = EvaluationGraph(map)
            let order = try #require(g.order, "seed \(seed)")
            let inOrder = Evaluator.groundedInOrder(g, order), general = Evaluator.groundedByQueue(g)
            #expect(inOrder.labels == general.labels, "seed \(seed)")
            #expect(inOrder.scores == general.scores, "seed \(seed)")
            #expect(Evaluator.evaluate(g, .grounded).labels == general.labels)
            let labels = try #require(general.labels)
            #expect(labels.contains(.in) && labels.contains(.out) && !labels.contains(.undec), "seed \(seed)")
        }
    }

    /// On a cyclic map, the grounded labels found one component at a time, each after those it
    /// depends on, are those of the search over the whole map's attacks: on random cyclic maps
    /// (undercuts, self-attacks, supports in cycles) and generated ones with attacks and
    /// undercuts of weight 0, both walking every claim below the cycles and walking only the
    /// runs a first evaluation kept (``EvaluationGraph/Settling``); and so do `compare`'s and
    /// the live scores' grounded evaluations, which go that way.
    @Test func groundedOneComponentAtATimeAsInGeneral() throws {
        var maps = try Self.cyclicMaps(seed: 52, count: 200)
        var rng = SplitMix64(seed: 9)
        for seed in 1...4 as ClosedRange<UInt64> {
            var map = MapGenerator.generate(.init(claims: 3_000, shape: .cyclic, seed: seed))
            for _ in 0..<60 {
                let r = Int(rng.next() % UInt64(map.relations.count))
                let spec = map.spec(of: map.relations[r])
                try map.apply(.setWeight(from: spec.from, to: spec.to, rng.next() % 2 == 0 ? 0 : 0.6))
            }
            for k in 0..<30 {
                // Undercuts between claims of the map: some close cycles through them.
                let (from, to) = (map.claims[Int(rng.next() % 3_000)].id, map.claims[Int(rng.next() % 3_000)].id)
                guard from != to, map.relationIndex(from: map.index(of: from)!, to: map.index(of: to)!) == nil else { continue }
                try map.apply(.link(RelationSpec(from: from, to: to, type: .undercut, weight: k % 4 == 0 ? 0 : 0.7)))
            }
            maps.append(map)
        }
        var compared = 0, undecided = 0, walkedRuns = 0, twoRuns = 0
        var bothCores = Evaluator.Options()
        bothCores.settlesOnBothCoresFrom = 2
        for (m, map) in maps.enumerated() {
            let g = EvaluationGraph(map)
            guard g.order == nil else { continue }
            let general = try #require(Evaluator.groundedByQueue(g).labels)
            let found = g.components()
            let everyClaim = Evaluator.groundedByComponents(g, found)
            #expect(everyClaim.labels == general, "map \(m)")
            #expect(everyClaim.scores == Evaluator.scores(general) && everyClaim.cyclic, "map \(m)")
            // The runs of the claims below every cycle, kept by a first evaluation on both cores
            // (the first two runs are then labelled at once).
            _ = Evaluator.evaluate(g, [.dfquad], options: bothCores, found: found)
            if let runs = found.keptSettling {
                walkedRuns += 1
                if !runs.first.isEmpty && !runs.second.isEmpty { twoRuns += 1 }
            }
            #expect(Evaluator.groundedByComponents(g, found).labels == general, "map \(m), on the kept runs")
            #expect(Evaluator.evaluate(g, [.grounded, .hcat], options: Evaluator.Options(), found: found)[0].labels == general, "map \(m), as compare")
            compared += 1
            if general.contains(.undec) { undecided += 1 }
        }
        #expect(compared > 100 && undecided > 20 && walkedRuns == compared && twoRuns > 20,
                "\(compared) maps, \(undecided) with undecided claims, \(twoRuns) with two runs at once")
        let large = try #require(Evaluator.groundedByQueue(EvaluationGraph(maps.last!)).labels)
        #expect(large.contains(.in) && large.contains(.out) && large.contains(.undec))
    }

    /// Each gradual semantics' own pass (maps with no undercut) gives the general pass's scores
    /// to the last bit: an undercut of weight 0 from a new claim changes nothing but sends the
    /// same map through the general pass. Some relations weigh 0, which the general pass skips
    /// and the own passes add or multiply in as nothing (and QuAD must not count as an attacker
    /// or supporter).
    @Test(arguments: [MapGenerator.Shape.tree, .dag])
    func eachSemanticsOwnPassIsTheGeneralOne(shape: MapGenerator.Shape) throws {
        for seed in 1...6 as ClosedRange<UInt64> {
            var map = MapGenerator.generate(.init(claims: 3_000, shape: shape, seed: seed))
            guard !map.relations.contains(where: { $0.type == .undercut }) else { continue }
            for r in stride(from: 0, to: map.relations.count, by: 7) {
                let relation = map.relations[r]
                try map.apply(.setWeight(from: map.claims[relation.from].id, to: map.claims[relation.to].id, 0))
            }
            let own = Self.gradual.map { Evaluator.evaluate(map, $0) }
            try map.apply(.addClaim(Claim(id: "idle", text: "an undercut of weight 0")))
            try map.apply(.link(RelationSpec(from: "idle", to: map.claims[map.relations[0].from].id, type: .undercut, weight: 0)))
            for (semantics, own) in zip(Self.gradual, own) {
                let general = Evaluator.evaluate(map, semantics)
                #expect(own.converged && general.converged)
                #expect(Array(general.scores.prefix(own.scores.count)) == own.scores, "\(semantics) seed \(seed)")
                #expect(own.scores.contains { $0 < 0.5 } && own.scores.contains { $0 > 0.5 }, "\(semantics) seed \(seed)")
            }
        }
    }

    /// Several semantics evaluated together (as `compare` does), whose passes visit only the
    /// claims something bears on, give each semantics' own scores and labels to the last bit:
    /// on a tree, on a DAG with undercuts (one of them onto a claim nothing else bears on),
    /// and on a map with cycles, whose components are found once for all of them; and on a
    /// tree large enough that the claims to visit are found in two pieces at once.
    @Test(arguments: [(MapGenerator.Shape.tree, 2_000), (.dag, 2_000), (.cyclic, 2_000), (.tree, 70_000)])
    func semanticsTogetherGiveEachOnesOwnScores(shape: MapGenerator.Shape, claims: Int) throws {
        var map = MapGenerator.generate(.init(claims: claims, shape: shape, seed: 21))
        if shape == .dag {
            var rng = SplitMix64(seed: 21)
            let leaf = try #require(map.claims.indices.first { map.incoming[$0].isEmpty && !map.outgoing[$0].isEmpty })
            for k in 0..<10 {
                try map.apply(.addClaim(Claim(id: "u\(k)", text: "an undercut", base: 0.8)))
                let target = k == 0 ? leaf : Int(rng.next() % 1_900)
                try map.apply(.link(RelationSpec(from: "u\(k)", to: map.claims[target].id, type: .undercut, weight: 0.7)))
            }
        }
        let g = EvaluationGraph(map)
        #expect((g.order == nil) == (shape == .cyclic))
        let together = Evaluator.evaluate(g, Semantics.allCases)
        for (s, e) in zip(Semantics.allCases, together) {
            let alone = Evaluator.evaluate(g, s)
            #expect(e.semantics == s)
            #expect(e.scores == alone.scores, "\(shape) \(s)")
            #expect(e.labels == alone.labels && e.converged == alone.converged, "\(shape) \(s)")
            #expect(e.iterations == alone.iterations && e.residual == alone.residual, "\(shape) \(s): steps and slope")
        }
        #expect(together[0].scores != g.base, "something moved")
    }

    /// Semantics worked out in one pass together (``Evaluator/fusedPass(_:_:_:)``, on maps
    /// with no undercuts) give each one's own scores and labels to the last bit, in every lane
    /// of the pass and whatever the group: every list of one to six gradual semantics in a
    /// shuffled order, with the grounded one or without, on a tree and on a DAG, each result in
    /// its list's place. Some attacks weigh 0, from claims that are in and out alike: the
    /// grounded lane must not count them.
    @Test(arguments: [MapGenerator.Shape.tree, .dag])
    func semanticsInOnePassGiveEachOnesOwnScores(shape: MapGenerator.Shape) throws {
        var map = MapGenerator.generate(.init(claims: 3_000, shape: shape, seed: 33))
        var rng = SplitMix64(seed: 8)
        let attacks = map.relations.filter { $0.type == .attack }
        for relation in attacks.shuffled(using: &rng).prefix(300) {
            try map.apply(.setWeight(from: map.claims[relation.from].id, to: map.claims[relation.to].id, 0))
        }
        let g = EvaluationGraph(map)
        #expect(g.undercutSource.isEmpty && g.order != nil)
        let alone = Dictionary(uniqueKeysWithValues: Semantics.allCases.map { ($0, Evaluator.evaluate(g, $0)) })
        let gradual = Semantics.allCases.filter { $0 != .grounded }
        var lists = 0
        for mask in 1..<(1 << gradual.count) {
            var list = gradual.indices.filter { mask & (1 << $0) != 0 }.map { gradual[$0] }
            if rng.next() % 2 == 0 { list.append(.grounded) }
            list.shuffle(using: &rng)
            guard list.count > 1 else { continue }
            lists += 1
            let together = Evaluator.evaluate(g, list)
            #expect(together.map(\.semantics) == list)
            for e in together {
                #expect(e.scores == alone[e.semantics]!.scores, "\(shape) \(e.semantics) in \(list)")
                #expect(e.labels == alone[e.semantics]!.labels && e.converged, "\(shape) \(e.semantics) in \(list)")
            }
        }
        #expect(lists > 50)
        // Each lane on its own: one to four semantics in a pass, the grounded one among them.
        for lanes in 1...4 {
            for _ in 0..<4 {
                let group = Array(Semantics.allCases.shuffled(using: &rng).prefix(lanes))
                let scores = Evaluator.fusedPass(g, g.order!, group)
                #expect(scores.count == lanes)
                for (s, own) in zip(group, scores) { #expect(own == alone[s]!.scores, "\(shape) \(s) in \(group)") }
            }
        }
        #expect(alone[.euler]!.scores != alone[.mlp]!.scores && alone[.dfquad]!.scores != g.base, "the semantics differ here")
        // The weight-0 attacks decide some labels: counted, they would put their targets out.
        let grounded = alone[.grounded]!.labels!
        let decided = (0..<g.count).filter { c in
            grounded[c] == .in && g.row(c).contains { k in
                g.isAttack[k] && g.weight[k] == 0 && grounded[Int(g.source[k])] == .in
            }
        }.count
        #expect(decided > 10, "\(decided) claims are in only because weight-0 attacks do not count")
    }

    /// A trial recomputed only up to a target (as impact does) moves the target as a full
    /// update does, and putting the value back leaves every score as it was, to the last bit.
    @Test(arguments: [Semantics.dfquad, .euler, .qe])
    func trialsUpToATargetAgreeAndPutEverythingBack(_ semantics: Semantics) throws {
        for shape in [MapGenerator.Shape.dag, .cyclic] { try trialsUpToATarget(semantics, shape) }
    }

    func trialsUpToATarget(_ semantics: Semantics, _ shape: MapGenerator.Shape) throws {
        let map = MapGenerator.generate(.init(claims: 2_000, shape: shape, seed: 12))
        #expect((EvaluationGraph(map).order == nil) == (shape == .cyclic))
        let board = IncrementalEvaluator(map, semantics: semantics), full = IncrementalEvaluator(map, semantics: semantics)
        #expect(board.isIncremental)
        let original = board.scores
        var rng = SplitMix64(seed: 5)
        var movedBeneath = 0
        for _ in 0..<300 {
            let c = Int(rng.next() % UInt64(map.count))
            guard let parent = map.outgoing[c].first.map({ map.relations[$0].to }) else { continue }
            // A target above c: its parent, or the parent's parent.
            let target = map.outgoing[parent].first.map { map.relations[$0].to } ?? parent
            let base = map.claims[c].base, value = base > 0.5 ? base - 0.3 : base + 0.3
            board.baseChanged(c, to: value, map: map, upTo: target)
            full.baseChanged(c, to: value, map: map)
            #expect(board.scores[target] == full.scores[target])
            if board.scores[target] != original[target] { movedBeneath += 1 }
            board.baseChanged(c, to: base, map: map, upTo: target)
            full.baseChanged(c, to: base, map: map)
            #expect(board.scores == original)
        }
        #expect(movedBeneath > 50)
    }

    /// The whole map's continuous model ds/dt = f(s) − s integrated plainly, every claim at
    /// once, with classical RK4 (step 0.1) from the bases until the largest slope is below
    /// 1e-12, or, for hcat, its iteration s ← f(s): a reference written apart from the
    /// evaluator, which solves one component at a time on arrays of its own.
    static func wholeModel(_ g: EvaluationGraph, _ semantics: Semantics, cap: Int = 200_000) -> (scores: [Double], converged: Bool) {
        let n = g.count, h = 0.1, f = modelFunction(g, semantics)
        func slope(_ p: [Double]) -> [Double] { zip(f(p), p).map { $0 - $1 } }
        func plus(_ p: [Double], _ t: Double, _ k: [Double]) -> [Double] { zip(p, k).map { $0 + t * $1 } }
        var s = g.base
        for _ in 0..<cap {
            if semantics == .hcat {
                let next = f(s), change = zip(next, s).map { abs($0 - $1) }.max() ?? 0
                s = next
                if change < 1e-12 { return (s, true) }
                continue
            }
            let k1 = slope(s)
            if (k1.map(abs).max() ?? 0) < 1e-12 { return (s, true) }
            let k2 = slope(plus(s, h / 2, k1)), k3 = slope(plus(s, h / 2, k2)), k4 = slope(plus(s, h, k3))
            s = (0..<n).map { min(1, max(0, s[$0] + h / 6 * (k1[$0] + 2 * k2[$0] + 2 * k3[$0] + k4[$0]))) }
        }
        return (s, false)
    }

    /// The whole map's function f of the model (every claim's score from the scores of what
    /// bears on it and of its undercutters), written apart from the evaluator.
    static func modelFunction(_ g: EvaluationGraph, _ semantics: Semantics) -> ([Double]) -> [Double] {
        let n = g.count
        return { p in
            var factor = [Double](repeating: 1, count: n)
            for c in 0..<n {
                for j in g.undercutRow(c) { factor[c] *= 1 - g.undercutWeight[j] * p[Int(g.undercutSource[j])] }
            }
            return (0..<n).map { c in
                var prodAtt = 1.0, prodSup = 1.0, sumAtt = 0.0, sumSup = 0.0, hasAtt = false, hasSup = false
                for j in g.row(c) {
                    let x = Int(g.source[j]), effective = g.weight[j] * factor[x]
                    if effective == 0 { continue }
                    let v = effective * p[x]
                    if g.isAttack[j] { prodAtt *= 1 - v; sumAtt += v; hasAtt = true } else { prodSup *= 1 - v; sumSup += v; hasSup = true }
                }
                return Evaluator.combine(semantics, base: g.base[c], prodAtt: prodAtt, prodSup: prodSup, sumAtt: sumAtt, sumSup: sumSup,
                                         hasAtt: hasAtt, hasSup: hasSup)
            }
        }
    }

    /// Random maps with cycles: several cycles, some sharing claims, claims on no cycle above
    /// and below them, undercuts (some from within a cycle, some of a cycle's relations), and
    /// in one map in four, a claim that bears on or undercuts itself.
    static func cyclicMaps(seed: UInt64, count: Int) throws -> [ArgumentMap] {
        var rng = SplitMix64(seed: seed)
        var maps: [ArgumentMap] = []
        for _ in 0..<count {
            var map = ArgumentMap()
            let n = 6 + Int(rng.next() % 30)
            for i in 0..<n { try map.apply(.addClaim(Claim(id: "c\(i)", base: Double(rng.next() % 101) / 100))) }
            // Mostly from later claims to earlier ones (no cycle), with a share the other way.
            for _ in 0..<(n + n / 2) {
                var a = Int(rng.next() % UInt64(n)), b = Int(rng.next() % UInt64(n))
                if a < b && rng.next() % 3 != 0 { swap(&a, &b) }
                guard a != b, map.relationIndex(from: a, to: b) == nil, map.relationIndex(from: b, to: a) == nil || rng.next() % 2 == 0 else { continue }
                let type: RelationType = [.support, .attack, .attack, .undercut][Int(rng.next() % 4)]
                try map.apply(.link(RelationSpec(from: "c\(a)", to: "c\(b)", type: type, weight: rng.next() % 3 == 0 ? Double(rng.next() % 101) / 100 : 1)))
            }
            // And a cycle or two through a few claims.
            for _ in 0..<(1 + Int(rng.next() % 2)) {
                let ring = (0..<(2 + Int(rng.next() % 3))).map { _ in Int(rng.next() % UInt64(n)) }
                for (a, b) in zip(ring, ring.dropFirst() + ring.prefix(1)) where a != b && map.relationIndex(from: a, to: b) == nil {
                    try map.apply(.link(RelationSpec(from: "c\(a)", to: "c\(b)", type: rng.next() % 2 == 0 ? .support : .attack)))
                }
            }
            // Now and then a claim that attacks or undercuts itself: a cycle of one claim.
            if maps.count % 4 == 3 {
                let c = Int(rng.next() % UInt64(n))
                if map.relationIndex(from: c, to: c) == nil {
                    try map.apply(.link(RelationSpec(from: "c\(c)", to: "c\(c)", type: rng.next() % 2 == 0 ? .attack : .undercut, weight: 0.7)))
                }
            }
            maps.append(map)
        }
        return maps
    }

    /// The components of what each claim depends on are those of the graph: two claims share
    /// one exactly when each depends on the other, found by a plain search from every claim;
    /// and each component comes after every component it depends on. So they are both when
    /// the search starts from the claims below every cycle, as the graph laid them out, and
    /// when it searches every claim; and those claims are exactly the ones that depend on no
    /// claim on a cycle, nor lie on one, each after the claims it depends on.
    @Test func componentsAreThoseOfTheDependencies() throws {
        var cyclesMet = 0, alone = 0, deepestMet = 0, belowMet = 0, aboveMet = 0
        for map in try Self.cyclicMaps(seed: 41, count: 60) {
            let laidOut = EvaluationGraph(map)
            var everyClaim = laidOut
            everyClaim.claimsBelowCycles = nil
            #expect((laidOut.order == nil) == (laidOut.claimsBelowCycles != nil))
            guard let below = laidOut.claimsBelowCycles else { continue }
            #expect(Set(below).count == below.count)
            var place = [Int](repeating: -1, count: map.count)
            for (i, c) in below.enumerated() { place[c] = i }
            for g in [laidOut, everyClaim] {
                let found = g.components()
                let (members, starts, component) = (found.members, found.starts, found.component)
                #expect(members.count == map.count && Set(members).count == map.count)
                for k in 0..<(starts.count - 1) { for i in starts[k]..<starts[k + 1] { #expect(component[Int(members[Int(i)])] == Int32(k)) } }
                // What each claim depends on, directly or not, by a plain search.
                let reach = (0..<map.count).map { c -> Set<Int> in
                    var seen: Set<Int> = [], stack = [c]
                    while let x = stack.popLast() {
                        for k in 0..<g.dependencyCount(x) where seen.insert(g.dependency(x, k)).inserted { stack.append(g.dependency(x, k)) }
                    }
                    return seen
                }
                for a in 0..<map.count {
                    for b in 0..<map.count where a != b {
                        #expect((component[a] == component[b]) == (reach[a].contains(b) && reach[b].contains(a)))
                        // A claim's component comes after those of the claims it depends on.
                        if reach[a].contains(b) { #expect(component[b] <= component[a]) }
                    }
                    if reach[a].contains(a) { cyclesMet += 1 } else { alone += 1 }
                    // A claim's component is a cycle exactly when the claim depends on itself.
                    #expect(found.isCycle[Int(component[a])] == reach[a].contains(a))
                    // Below every cycle exactly when nothing it depends on, nor itself, does; and
                    // then after all it depends on.
                    let isBelow = !reach[a].contains(a) && !reach[a].contains { reach[$0].contains($0) }
                    #expect((place[a] >= 0) == isBelow, "claim \(a) below every cycle")
                    if place[a] >= 0 { #expect(reach[a].allSatisfy { place[$0] >= 0 && place[$0] < place[a] }) }
                    if isBelow { belowMet += 1 } else { aboveMet += 1 }
                }
                // Each component's depth in cycles: the deepest of those it depends on directly,
                // one more for a cycle.
                for k in 0..<found.count {
                    let deepest = (starts[k]..<starts[k + 1]).flatMap { i in
                        let c = Int(members[Int(i)])
                        return (0..<g.dependencyCount(c)).map { g.dependency(c, $0) }
                    }.filter { component[$0] != Int32(k) }.map { found.depth[Int(component[$0])] }.max() ?? 0
                    #expect(found.depth[k] == deepest + (found.isCycle[k] ? 1 : 0), "component \(k)")
                    deepestMet = max(deepestMet, Int(found.depth[k]))
                }
                let (order, firsts) = found.byDepth()
                #expect(order.sorted() == (0..<Int32(found.count)).map { $0 })
                for d in 0..<(firsts.count - 1) {
                    let stage = order[firsts[d]..<firsts[d + 1]]
                    #expect(stage.allSatisfy { found.depth[Int($0)] == Int32(d) } && stage.sorted() == Array(stage))
                }
            }
        }
        #expect(cyclesMet > 400 && alone > 400 && deepestMet >= 2 && belowMet > 400 && aboveMet > 400)
    }

    /// A layout that cycles are laid out in one after another (``Evaluator/Component/layOut(_:_:_:_:_:_:)``,
    /// how a map's small cycles are solved) holds, after each, what a layout made afresh for
    /// that cycle holds, to the last bit: nothing of the cycle before is left in it, whatever
    /// its size and whether its claims undercut its relations. And an evaluation, which lays
    /// its cycles out so, scores as solving each cycle in a layout of its own does.
    @Test func aLayoutLaidOutAgainIsTheOneMadeAfresh() throws {
        var rng = SplitMix64(seed: 47)
        var maps = try Self.cyclicMaps(seed: 47, count: 80)
        for seed in 1...2 as ClosedRange<UInt64> { maps.append(MapGenerator.generate(.init(claims: 400, shape: .cyclic, seed: seed))) }
        var laid = 0, withUndercuts = 0, large = 0
        for map in maps {
            let g = EvaluationGraph(map)
            guard g.order == nil else { continue }
            let found = g.components()
            // Scores and factors from outside: any numbers in [0, 1] will do.
            var s = (0..<g.count).map { _ in Double(rng.next() % 1_001) / 1_000 }
            var uf = (0..<g.count).map { _ in Double(rng.next() % 1_001) / 1_000 }
            // The cycles in a random order, so that large and small, with and without
            // undercuts within, follow one another.
            var cycles = (0..<Int32(found.count)).filter { found.isCycle[Int($0)] }
            for i in cycles.indices.reversed() { cycles.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
            var spare = Evaluator.Component()
            found.members.withUnsafeBufferPointer { members in
            found.component.withUnsafeBufferPointer { component in
            s.withUnsafeMutableBufferPointer { s in
            uf.withUnsafeMutableBufferPointer { uf in
                for k in cycles {
                    let group = UnsafeBufferPointer(rebasing: members[Int(found.starts[Int(k)])..<Int(found.starts[Int(k) + 1])])
                    spare.layOut(g, group, k, component, s, uf)
                    let fresh = Evaluator.Component(g, group, k, component, s, uf)
                    #expect(spare.k == fresh.k && spare.claims == fresh.claims && spare.place == fresh.place)
                    #expect(spare.base == fresh.base && spare.outsideFactor == fresh.outsideFactor)
                    #expect(spare.outside.map { [$0.prodAtt, $0.prodSup, $0.sumAtt, $0.sumSup] } == fresh.outside.map { [$0.prodAtt, $0.prodSup, $0.sumAtt, $0.sumSup] })
                    #expect(spare.outside.map { [$0.hasAtt, $0.hasSup] } == fresh.outside.map { [$0.hasAtt, $0.hasSup] })
                    #expect(spare.outsideProducts == fresh.outsideProducts && spare.outsideSums == fresh.outsideSums)
                    #expect(spare.bounds == fresh.bounds && spare.sources == fresh.sources && spare.weights == fresh.weights)
                    #expect(spare.undercutStarts == fresh.undercutStarts && spare.undercutters == fresh.undercutters)
                    #expect(spare.undercutWeights == fresh.undercutWeights && spare.fixedFactors == fresh.fixedFactors && spare.stale == fresh.stale)
                    laid += 1
                    if !fresh.fixedFactors { withUndercuts += 1 }
                    if group.count > 8 { large += 1 }
                }
            }}}}
            // The evaluation, against each cycle solved in a layout of its own, in order.
            for semantics in [Semantics.dfquad, .hcat] {
                let e = Evaluator.evaluate(g, semantics)
                var own = g.base, factors = [Double](repeating: 1, count: g.count)
                let (order, _) = found.byDepth()
                found.members.withUnsafeBufferPointer { members in
                found.starts.withUnsafeBufferPointer { starts in
                found.component.withUnsafeBufferPointer { component in
                own.withUnsafeMutableBufferPointer { own in
                factors.withUnsafeMutableBufferPointer { factors in
                    for k in order {
                        _ = Evaluator.solve(k, g, semantics, Evaluator.Options(), cap: Evaluator.cap(g, Evaluator.Options()), members, starts, component, own, factors, helped: false)
                    }
                }}}}}
                #expect(e.scores == own, "\(semantics)")
            }
        }
        #expect(laid > 100 && withUndercuts > 5 && large > 5, "\(laid) laid out, \(withUndercuts) with undercuts, \(large) of more than 8 claims")
    }

    /// The claims below every cycle (components of depth 0), and those of each depth above
    /// (after its cycles), worked out on two cores, half each, the second half putting off what
    /// depends on the first, score as worked out on one, to the last bit: whichever half runs
    /// first, on random cyclic maps (with undercuts and self-attacks) and generated ones; and so
    /// do the runs of them the first evaluation keeps for the next semantics
    /// (``EvaluationGraph/Settling``).
    @Test func claimsBelowEveryCycleOnBothCoresScoreAsOnOne() throws {
        var maps = try Self.cyclicMaps(seed: 48, count: 130)
        for seed in 1...3 as ClosedRange<UInt64> { maps.append(MapGenerator.generate(.init(claims: 3_000, shape: .cyclic, seed: seed))) }
        var one = Evaluator.Options(), both = Evaluator.Options(), inTurn = Evaluator.Options()
        one.settlesOnBothCoresFrom = .max
        both.settlesOnBothCoresFrom = 2
        inTurn.settlesOnBothCoresFrom = 2
        inTurn.settlesSecondHalfFirst = true
        // (`both` works the claims below every cycle out on one core while the other searches
        // for the components, keeping the runs that `searchFirst` keeps as it works them out on
        // both cores after the search.)
        var searchFirst = both
        searchFirst.settlesBelowCyclesBesideSearch = false
        var compared = 0, crossing = 0, deeperCrossing = 0, besideRuns = 0
        for map in maps {
            let g = EvaluationGraph(map)
            guard g.order == nil else { continue }
            // Whether a claim of the second half depends on one of the first: then putting off
            // matters (the second half, run first, would read a score not yet worked out).
            let found = g.components(), (order, firsts) = found.byDepth()
            guard firsts[1] >= 2 else { continue }
            let middle = firsts[1] / 2, boundary = order[middle]
            if order[middle..<firsts[1]].contains(where: { k in
                let c = Int(found.members[Int(found.starts[Int(k)])])
                return (0..<g.dependencyCount(c)).contains { found.component[g.dependency(c, $0)] < boundary && g.dependencyCount(g.dependency(c, $0)) > 0 }
            }) { crossing += 1 }
            // The same deeper down: a claim on no cycle of a depth's second half that depends on
            // one of its first half's (not on a cycle of that depth, solved before both halves).
            for d in 1..<max(1, firsts.count - 1) where firsts[d + 1] - firsts[d] >= 2 {
                let stage = order[firsts[d]..<firsts[d + 1]], middle = stage.startIndex + stage.count / 2
                let firstHalf = Set(stage[..<middle].filter { !found.isCycle[Int($0)] })
                if stage[middle...].contains(where: { k in
                    let c = Int(found.members[Int(found.starts[Int(k)])])
                    return !found.isCycle[Int(k)] && (0..<g.dependencyCount(c)).contains { firstHalf.contains(found.component[g.dependency(c, $0)]) }
                }) { deeperCrossing += 1; break }
            }
            // On components kept from one semantics to the next, as the live scores' are: the
            // first evaluation keeps the claims it worked out, in runs, and the others work out
            // those runs only (the first two at once, or the second first).
            let kept = g.components()
            for (i, semantics) in [Semantics.dfquad, .euler, .qe, .mlp, .hcat].enumerated() {
                let alone = Evaluator.evaluate(g, semantics, options: one)
                for options in [both, inTurn, searchFirst] {
                    let split = Evaluator.evaluate(g, semantics, options: options)
                    #expect(split.scores == alone.scores && split.iterations == alone.iterations && split.residual == alone.residual,
                            "\(semantics), second half first: \(options.settlesSecondHalfFirst), beside the search: \(options.settlesBelowCyclesBesideSearch)")
                }
                if i == 0 {
                    let beside = try #require(Evaluator.evaluateKeeping(g, semantics, options: both).cyclic?.components)
                    let after = try #require(Evaluator.evaluateKeeping(g, semantics, options: searchFirst).cyclic?.components.keptSettling)
                    let runs = try #require(beside.keptSettling)
                    #expect(runs.first == after.first && runs.second == after.second && runs.after == after.after, "the runs kept beside the search")
                    if !runs.first.isEmpty { besideRuns += 1 }
                    for other in [Semantics.euler, .hcat] {
                        let onBeside = Evaluator.evaluate(g, [other], options: both, found: beside)[0]
                        #expect(onBeside.scores == Evaluator.evaluate(g, other, options: one).scores, "\(other) on the runs kept beside the search")
                    }
                }
                let onKept = Evaluator.evaluate(g, [semantics], options: i % 2 == 0 ? both : inTurn, found: kept)[0]
                #expect(onKept.scores == alone.scores && onKept.iterations == alone.iterations, "\(semantics) on the kept runs")
                #expect(kept.keptSettling != nil)
                compared += 1
            }
        }
        #expect(besideRuns > 40, "\(besideRuns) maps with runs kept beside the search")
        #expect(compared > 300 && crossing > 20 && deeperCrossing > 10,
                "\(compared) evaluations compared, \(crossing) maps whose halves depend on each other, \(deeperCrossing) deeper down")
    }

    /// A cyclic map evaluated one component at a time scores every claim as the whole map's
    /// continuous model (or, for hcat, its iteration) tends to, to 1e-8, and converges where it
    /// does: on random maps with cycles, undercuts and claims on no cycle, and generated cyclic
    /// maps.
    @Test(arguments: [Semantics.dfquad, .euler, .qe, .mlp, .hcat])
    func cyclesOneComponentAtATimeTendToTheWholeMapsLimit(_ semantics: Semantics) throws {
        var maps = try Self.cyclicMaps(seed: 43, count: 100)
        for seed in 1...3 as ClosedRange<UInt64> { maps.append(MapGenerator.generate(.init(claims: 300, shape: .cyclic, seed: seed))) }
        var compared = 0, apart = 0
        for (m, map) in maps.enumerated() {
            let g = EvaluationGraph(map)
            guard g.order == nil else { continue }
            let whole = Self.wholeModel(g, semantics)
            let parts = Evaluator.evaluate(g, semantics)
            #expect(parts.cyclic)
            guard whole.converged else { continue }
            #expect(parts.converged, "map \(m): \(parts.note ?? "")")
            for i in 0..<map.count {
                #expect(abs(parts.scores[i] - whole.scores[i]) <= 1e-8, "map \(m) claim \(i): \(parts.scores[i]) against \(whole.scores[i])")
            }
            compared += 1
            // (Claims on no cycle under one: worked out once, from the cycle's limit.)
            if g.components().count > 1 { apart += 1 }
        }
        #expect(compared >= 60 && apart >= 60)
    }

    /// On a cyclic map, a change of a base score or a weight solves again only the components
    /// it reaches, and the evaluation is the whole one's to the last bit: every score, whether
    /// it converged, the steps and the residual. With every cycle's layout kept from one edit
    /// to the next (`keptCycleSize` 2, not only the large ones'), the same; and so after trials
    /// that put a value back (``IncrementalEvaluator/baseChanged(_:to:map:upTo:)``) and after
    /// the values kept are put back, as an undo does.
    @Test(arguments: [Semantics.dfquad, .euler, .qe, .mlp, .hcat], [Evaluator.Options().keptCycleSize, 2])
    func incrementalRescoringOfACyclicMapIsTheWholeEvaluation(_ semantics: Semantics, keptCycleSize: Int) throws {
        var maps = try Self.cyclicMaps(seed: 47, count: 40)
        for seed in 1...3 as ClosedRange<UInt64> { maps.append(MapGenerator.generate(.init(claims: 300, shape: .cyclic, seed: seed))) }
        var options = Evaluator.Options()
        options.keptCycleSize = keptCycleSize
        var updates = 0, partial = 0, cyclesMoved = 0, trials = 0, putBack = 0, kept = 0
        for (m, original) in maps.enumerated() {
            var map = original
            guard EvaluationGraph(map).order == nil else { continue }
            let board = IncrementalEvaluator(map, semantics: semantics, options: options)
            #expect(board.isIncremental && board.evaluation.cyclic)
            var rng = SplitMix64(seed: UInt64(m))
            func expectWhole(_ what: String) {
                let whole = Evaluator.evaluate(map, semantics)
                #expect(board.scores == whole.scores, "map \(m), \(what): the scores differ")
                #expect(board.evaluation.converged == whole.converged && board.evaluation.iterations == whole.iterations
                        && board.evaluation.residual == whole.residual, "map \(m), \(what)")
            }
            for edit in 0..<12 {
                let steps = board.evaluation.iterations
                switch edit % 4 {
                case 1:
                    // A trial: a base changed up to a target, then put back.
                    let c = Int(rng.next() % UInt64(map.count)), target = Int(rng.next() % UInt64(map.count))
                    let old = map.claims[c].base
                    board.baseChanged(c, to: Double(rng.next() % 101) / 100, map: map, upTo: target)
                    board.baseChanged(c, to: old, map: map, upTo: target)
                    trials += 1
                    expectWhole("after a trial")
                case 3:
                    // Two edits, their values kept, then put back, the map too.
                    let before = map
                    board.keepChanges()
                    try Self.randomValueEdit(&map, board, &rng)
                    try Self.randomValueEdit(&map, board, &rng)
                    let kept = try #require(board.keptChanges())
                    _ = board.putBack(kept, map: before)
                    map = before
                    putBack += 1
                    expectWhole("after values put back")
                default:
                    break
                }
                try Self.randomValueEdit(&map, board, &rng)
                expectWhole("after an edit")
                updates += 1
                if board.lastUpdateCount < map.count { partial += 1 }
                if board.evaluation.iterations != steps { cyclesMoved += 1 }
                if board.keptLayouts > 0 { kept += 1 }
            }
        }
        #expect(updates > 300 && partial > updates / 4 && cyclesMoved > 20 && trials > 60 && putBack > 60)
        // The small maps' cycles are kept only when told; the generated maps' largest are not
        // large enough either.
        #expect(keptCycleSize == 2 ? kept > updates / 2 : kept == 0, "\(kept) of \(updates) edits left layouts kept")
    }

    /// A random map of `n` claims that are all one cycle (a ring of supports and attacks),
    /// with more supports, attacks and undercuts of random weights among them.
    static func oneCycle(claims n: Int, _ rng: inout SplitMix64) throws -> ArgumentMap {
        var map = ArgumentMap()
        for i in 0..<n { try map.apply(.addClaim(Claim(id: "c\(i)", base: Double(rng.next() % 101) / 100))) }
        for i in 0..<n { try map.apply(.link(RelationSpec(from: "c\(i)", to: "c\((i + 1) % n)", type: rng.next() % 2 == 0 ? .support : .attack))) }
        for _ in 0..<n {
            let a = Int(rng.next() % UInt64(n)), b = Int(rng.next() % UInt64(n))
            guard a != b, map.relationIndex(from: a, to: b) == nil else { continue }
            let type: RelationType = [.support, .attack, .undercut][Int(rng.next() % 3)]
            try map.apply(.link(RelationSpec(from: "c\(a)", to: "c\(b)", type: type, weight: Double(1 + rng.next() % 100) / 100)))
        }
        return map
    }

    /// A cycle's steps, not accelerated, are classical RK4's (for hcat, the iteration's): on
    /// maps whose claims are all one cycle, with undercuts within, the scores after a step or
    /// a few (the cap) are those of the plain integration after as many.
    @Test(arguments: [Semantics.dfquad, .euler, .qe, .mlp, .hcat])
    func aCyclesStepsAreThePlainIntegrations(_ semantics: Semantics) throws {
        var rng = SplitMix64(seed: 53)
        for m in 0..<30 {
            let map = try Self.oneCycle(claims: 3 + Int(rng.next() % 10), &rng), n = map.count
            let g = EvaluationGraph(map)
            #expect(g.components().count == 1)
            for cap in [1, 2, 5] {
                var options = Evaluator.Options()
                options.maxSteps = cap
                options.accelerationDepth = 0
                let parts = Evaluator.evaluate(g, semantics, options: options), plain = Self.wholeModel(g, semantics, cap: cap)
                for i in 0..<n { #expect(abs(parts.scores[i] - plain.scores[i]) <= 1e-14, "map \(m), \(cap) steps, claim \(i)") }
            }
        }
    }

    /// Accelerated, a cycle's steps are the fixed-point iteration's, s ← f(s), for Anderson's
    /// method to combine: accelerated from the first step, with nothing before it to combine,
    /// the point a step reaches from the bases is f(bases) (where an RK4 step would have gone a
    /// tenth of the way), on maps whose claims are all one cycle, with undercuts within.
    @Test(arguments: [Semantics.dfquad, .euler, .qe, .mlp])
    func anAcceleratedStepIsTheIterations(_ semantics: Semantics) throws {
        var rng = SplitMix64(seed: 59)
        var moved = 0
        for m in 0..<30 {
            let map = try Self.oneCycle(claims: 2 + Int(rng.next() % 10), &rng), n = map.count
            let g = EvaluationGraph(map)
            try #require(g.components().count == 1)
            var options = Evaluator.Options()
            options.maxSteps = 1
            options.acceleratedBelow = .infinity
            let step = Evaluator.evaluate(g, semantics, options: options), f = Self.modelFunction(g, semantics)(g.base)
            for i in 0..<n {
                #expect(abs(step.scores[i] - min(1, max(0, f[i]))) <= 1e-14, "map \(m), claim \(i): \(step.scores[i]) against f = \(f[i])")
                if abs(f[i] - g.base[i]) > 0.01 { moved += 1 }
            }
        }
        #expect(moved > 30, "\(moved) claims moved by more than 0.01 in their first step")
    }

    /// Accelerated steps (``Acceleration``) end where the plain steps do: on random maps whose
    /// cycles are dense and strong (mutual attacks and supports of full weight, bases at the
    /// ends and in the middle, undercuts within), as well as the random maps with cycles and
    /// generated cyclic maps, every score agrees with the plain integration's to 1e-9, and
    /// converges where it does, in fewer steps in all.
    @Test(arguments: [Semantics.dfquad, .euler, .qe, .mlp], [Evaluator.Options().acceleratedBelow, 0.01, 1.0])
    func acceleratedStepsEndWhereThePlainStepsDo(_ semantics: Semantics, below: Double) throws {
        var rng = SplitMix64(seed: 71)
        var maps = try Self.cyclicMaps(seed: 73, count: 60)
        for seed in 1...3 as ClosedRange<UInt64> { maps.append(MapGenerator.generate(.init(claims: 2_000, shape: .cyclic, seed: seed))) }
        for _ in 0..<200 {
            var map = ArgumentMap()
            let n = 2 + Int(rng.next() % 12)
            let bases = [0, 1, 0.5, 0.99, 0.01]
            for i in 0..<n {
                let base = rng.next() % 2 == 0 ? bases[Int(rng.next() % 5)] : Double(rng.next() % 101) / 100
                try map.apply(.addClaim(Claim(id: "c\(i)", base: base)))
            }
            for _ in 0..<(n * (1 + Int(rng.next() % 3))) {
                let a = Int(rng.next() % UInt64(n)), b = Int(rng.next() % UInt64(n))
                guard a != b, map.relationIndex(from: a, to: b) == nil else { continue }
                let type: RelationType = rng.next() % 8 == 0 ? .undercut : (rng.next() % 3 == 0 ? .support : .attack)
                try map.apply(.link(RelationSpec(from: "c\(a)", to: "c\(b)", type: type, weight: rng.next() % 2 == 0 ? 1 : Double(1 + rng.next() % 100) / 100)))
            }
            maps.append(map)
        }
        var compared = 0, plainSteps = 0, acceleratedSteps = 0
        for (m, map) in maps.enumerated() {
            let g = EvaluationGraph(map)
            guard g.order == nil else { continue }
            var plain = Evaluator.Options(), accelerated = Evaluator.Options()
            plain.accelerationDepth = 0
            accelerated.acceleratedBelow = below
            let p = Evaluator.evaluate(g, semantics, options: plain), a = Evaluator.evaluate(g, semantics, options: accelerated)
            guard p.converged else { continue }
            #expect(a.converged, "map \(m): \(a.note ?? "")")
            for i in 0..<map.count where abs(p.scores[i] - a.scores[i]) > 1e-9 {
                Issue.record("map \(m) claim \(i): \(a.scores[i]) accelerated against \(p.scores[i])")
            }
            compared += 1
            plainSteps += p.iterations
            acceleratedSteps += a.iterations
        }
        #expect(compared >= 150)
        #expect(acceleratedSteps * 2 < plainSteps, "\(acceleratedSteps) steps accelerated, \(plainSteps) plain")
    }

    /// The cycles of a depth solved at once on both cores give what solving every component in
    /// turn gives, to the last bit: the scores, the undercut factors, and each cycle's steps and
    /// residual. The maps are large enough for a depth's cycles to be split between the cores.
    @Test(arguments: [Semantics.dfquad, .hcat])
    func cyclesAtOnceAreCyclesInTurn(_ semantics: Semantics) throws {
        for seed in [5, 6] as [UInt64] {
            var map = MapGenerator.generate(.init(claims: 4_000, shape: .cyclic, seed: seed))
            try map.apply(.link(RelationSpec(from: "c3000", to: "c2", type: .undercut, weight: 0.6)))
            let g = EvaluationGraph(map), options = Evaluator.Options(), cap = Evaluator.cap(g, options)
            let found = g.components()
            let (order, firsts) = found.byDepth()
            let split = (1..<(firsts.count - 1)).contains { d in
                let cycles = order[firsts[d]..<firsts[d + 1]].filter { found.isCycle[Int($0)] }
                return cycles.count > 1 && cycles.reduce(0) { $0 + Int(found.starts[Int($1) + 1] - found.starts[Int($1)]) } >= 64
            }
            #expect(split, "seed \(seed): some depth's cycles are split between the cores")
            let (evaluation, atOnce) = Evaluator.continuous(g, semantics, options, cap: cap)
            var s = g.base, uf = [Double](repeating: 1, count: g.count)
            var cycles: [Int32: (steps: Int, residual: Double)] = [:]
            Evaluator.withSolver(g, semantics, options, cap: cap, found, &s, &uf) { solve in
                for k in 0..<Int32(found.count) {
                    if let solved = solve(k, false) { cycles[k] = solved }
                }
            }
            #expect(evaluation.scores == s && atOnce.factors == uf, "seed \(seed)")
            #expect(atOnce.cycles.count == cycles.count && cycles.count > 20)
            for (k, solved) in cycles {
                #expect(atOnce.cycles[k]?.steps == solved.steps && atOnce.cycles[k]?.residual == solved.residual, "seed \(seed), component \(k)")
            }
        }
    }

    /// A cycle large enough for its steps to be shared with a helper thread gives, so shared,
    /// what it gives on one thread, to the last bit: the scores, the undercut factors, the
    /// steps and the residual. The maps are one cycle of 4,200–5,200 claims, with more relations
    /// among them and claims outside bearing on them.
    @Test(arguments: [Semantics.dfquad, .euler, .qe, .mlp])
    func aLargeCycleSharedWithAHelperIsTheSame(_ semantics: Semantics) throws {
        var rng = SplitMix64(seed: 61)
        for m in 0..<3 {
            let n = 4_200 + Int(rng.next() % 1_000)
            let map = try Self.largeCycle(claims: n, outside: 500, &rng)
            let g = EvaluationGraph(map), options = Evaluator.Options(), cap = Evaluator.cap(g, options)
            let found = g.components()
            let cycle = try #require((0..<Int32(found.count)).first { found.isCycle[Int($0)] })
            #expect(found.starts[Int(cycle) + 1] - found.starts[Int(cycle)] == Int32(n) && n >= Evaluator.RK4Stages.helpedSize)
            var results: [(s: [Double], uf: [Double], solved: (steps: Int, residual: Double)?)] = []
            for helped in [false, true] {
                var s = g.base, uf = [Double](repeating: 1, count: g.count)
                let solved = Evaluator.withSolver(g, semantics, options, cap: cap, found, &s, &uf) { solve in
                    var solved: (steps: Int, residual: Double)?
                    for k in 0..<Int32(found.count) {
                        let result = solve(k, helped)
                        if k == cycle { solved = result }
                    }
                    return solved
                }
                results.append((s, uf, solved))
            }
            let (one, two) = (results[0], results[1])
            #expect(one.s == two.s && one.uf == two.uf, "map \(m): the scores differ")
            #expect(one.solved?.steps == two.solved?.steps && one.solved?.residual == two.solved?.residual && (one.solved?.steps ?? 0) > 10, "map \(m)")
        }
    }

    /// A map whose first `n` claims are one cycle (each supports or attacks the next), with
    /// twice as many relations drawn at random among them (undercuts a third of them, with
    /// `undercuts`) and `outside` claims after them each bearing on one of them.
    static func largeCycle(claims n: Int, outside: Int, undercuts: Bool = false, _ rng: inout SplitMix64) throws -> ArgumentMap {
        var map = ArgumentMap()
        for i in 0..<(n + outside) { try map.apply(.addClaim(Claim(id: "c\(i)", base: Double(rng.next() % 101) / 100))) }
        func type(_ within: Bool) -> RelationType {
            undercuts && within ? [.support, .attack, .undercut][Int(rng.next() % 3)] : rng.next() % 2 == 0 ? .support : .attack
        }
        for i in 0..<n { try map.apply(.link(RelationSpec(from: "c\(i)", to: "c\((i + 1) % n)", type: type(false), weight: Double(1 + rng.next() % 100) / 100))) }
        for i in 0..<(2 * n + outside) {
            let a = i < 2 * n ? Int(rng.next() % UInt64(n)) : n + i - 2 * n, b = Int(rng.next() % UInt64(n))
            guard a != b, map.relationIndex(from: a, to: b) == nil else { continue }
            try map.apply(.link(RelationSpec(from: "c\(a)", to: "c\(b)", type: type(i < 2 * n), weight: Double(1 + rng.next() % 100) / 100)))
        }
        return map
    }

    /// A large cycle's layout with its rows read on both cores (a helper being free) is the one
    /// read on one core, entry for entry: the supports and attacks from within (their bounds,
    /// sources and weights), the undercuts within, and what bears on each claim from outside.
    /// On cycles of 2,100–3,100 claims, with undercuts within on every other one, claims
    /// outside bearing on them, and scores and undercut factors outside that are not the bases.
    @Test func aLargeCyclesLayoutReadOnBothCoresIsTheSame() throws {
        var rng = SplitMix64(seed: 67)
        for m in 0..<4 {
            let n = Evaluator.Component.rowsOnBothCoresFrom + 50 + Int(rng.next() % 1_000)
            let map = try Self.largeCycle(claims: n, outside: 500, undercuts: m % 2 == 1, &rng)
            let g = EvaluationGraph(map), found = g.components()
            let cycle = try #require((0..<Int32(found.count)).first { found.isCycle[Int($0)] })
            var s = (0..<g.count).map { _ in Double(rng.next() % 1_000) / 999 }, uf = (0..<g.count).map { _ in 0.5 + Double(rng.next() % 500) / 999 }
            let layouts = [false, true].map { helped in
                s.withUnsafeMutableBufferPointer { s in
                uf.withUnsafeMutableBufferPointer { uf in
                found.members.withUnsafeBufferPointer { members in
                found.component.withUnsafeBufferPointer { component in
                    Evaluator.Component(g, UnsafeBufferPointer(rebasing: members[Int(found.starts[Int(cycle)])..<Int(found.starts[Int(cycle) + 1])]),
                                        cycle, component, s, uf, helped: helped)
                }}}}
            }
            let (one, two) = (layouts[0], layouts[1])
            #expect(one.claims.count == n && one.fixedFactors == (m % 2 == 0), "map \(m)")
            #expect(one.bounds == two.bounds && one.sources == two.sources && one.weights == two.weights, "map \(m): the entries within differ")
            #expect(one.undercutStarts == two.undercutStarts && one.undercutters == two.undercutters && one.outsideFactor == two.outsideFactor, "map \(m)")
            #expect(one.outsideProducts == two.outsideProducts && one.outsideSums == two.outsideSums
                    && one.outside.map(\.hasAtt) == two.outside.map(\.hasAtt) && one.outside.map(\.hasSup) == two.outside.map(\.hasSup),
                    "map \(m): what bears from outside differs")
            #expect(one.sources.count > n && one.outsideSums.contains { $0 > 0 }, "map \(m): entries within and from outside")
        }
    }

    /// The most steps a cycle may take shrinks as a large map grows. A change of structure that
    /// moves it, on a map whose cycles ran to it (none converged), is not followed in part:
    /// the cycles it does not reach would keep what they took under the old cap. The evaluator
    /// says so, and a rebuild gives the whole evaluation; a change that leaves the cap where it
    /// was is followed, and agrees with the whole evaluation too.
    @Test func aChangeThatMovesTheStepCapIsEvaluatedAfresh() throws {
        var map = MapGenerator.generate(.init(claims: 40_000, shape: .cyclic, seed: 9))
        var options = Evaluator.Options()
        options.tolerance = -1  // no cycle converges: each runs to the cap
        let cap = Evaluator.cap(EvaluationGraph(map), options)
        try #require(cap > 2_000 && cap < options.maxSteps, "the cap depends on the map's size")
        let board = IncrementalEvaluator(map, semantics: .dfquad, options: options)
        #expect(board.evaluation.iterations == cap && !board.evaluation.converged)
        var followed = 0, moved = false
        for i in 0..<500 {
            // A claim with no relation, put in at the end: it reaches nothing else.
            try map.apply(.addClaim(Claim(id: "x\(i)", text: "new")))
            let newCap = Evaluator.cap(EvaluationGraph(map), options)
            let kept = board.structureChanged(.inserted(claims: [map.count - 1], relations: []), map: map)
            guard newCap == cap else {
                #expect(!kept, "a change that moves the cap is not followed")
                board.rebuild(map)
                moved = true
                break
            }
            #expect(kept)
            followed += 1
        }
        #expect(moved && followed > 0)
        let whole = Evaluator.evaluate(map, .dfquad, options: options)
        #expect(board.scores == whole.scores && board.evaluation.iterations == whole.iterations && board.evaluation.iterations < cap)
    }

    /// The live scores' arrays of a value a claim (the scores, the bases, and on an acyclic map
    /// the order) are made with room for claims added: the adds after a first scoring append
    /// in place, where each array made exactly its size was copied whole into a larger one,
    /// on a tree and on a cyclic map; the scores agree with the whole evaluation throughout.
    @Test(arguments: [MapGenerator.Shape.tree, .cyclic])
    func claimsAddedAfterAFirstScoringAppendInPlace(_ shape: MapGenerator.Shape) throws {
        var map = MapGenerator.generate(.init(claims: 20_000, shape: shape, seed: 3))
        let board = IncrementalEvaluator(map, semantics: .dfquad)
        func addresses() -> [UnsafeRawPointer?] {
            [board.scores.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) },
             board.graph.base.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) },
             board.graph.order?.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }]
        }
        let before = addresses()
        #expect((board.graph.order != nil) == (shape == .tree))
        for i in 0..<3 {
            // As `add pro` makes them: the claim, then its relation to a claim of the map.
            try map.apply(.addClaim(Claim(id: "added\(i)", text: "a claim added")))
            #expect(board.structureChanged(.inserted(claims: [map.count - 1], relations: []), map: map))
            try map.apply(.link(RelationSpec(from: "added\(i)", to: map.claims[5].id, type: .support)))
            #expect(board.structureChanged(.inserted(claims: [], relations: [map.relations.count - 1]), map: map))
            #expect(board.scores == Evaluator.evaluate(map, .dfquad).scores, "\(shape), after \(i + 1) adds")
        }
        #expect(addresses() == before, "\(shape): the arrays were copied")
    }

    @Test func nonConvergenceIsReportedNotHidden() {
        let map = MapGenerator.generate(.init(claims: 200, shape: .cyclic, seed: 4))
        var options = Evaluator.Options()
        options.maxSteps = 3
        let e = Evaluator.evaluate(map, .qe, options: options)
        #expect(e.cyclic)
        #expect(!e.converged)
        #expect(e.iterations == 3)
        #expect(e.note?.contains("did not converge in 3 steps") == true)
        let quad = Evaluator.evaluate(map, .quad)
        #expect(!quad.converged && quad.note != nil)
        let full = Evaluator.evaluate(map, .dfquad)
        #expect(full.converged, "\(full.note ?? "")")
    }
}
