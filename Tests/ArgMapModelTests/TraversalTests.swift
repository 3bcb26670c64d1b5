import Testing
@testable import ArgMapModel

struct TraversalTests {
    @Test(arguments: MapGenerator.Shape.allCases)
    func canonicalWalkVisitsEveryRelationOnce(shape: MapGenerator.Shape) {
        for seed in 1...5 as ClosedRange<UInt64> {
            let map = MapGenerator.generate(.init(claims: 300, shape: shape, seed: seed))
            var relationVisits = [Int](repeating: 0, count: map.relations.count)
            var expansions = [Int](repeating: 0, count: map.count)
            map.canonicalWalk { step in
                if let r = step.relation { relationVisits[r] += 1 }
                if step.isFirstVisit { expansions[step.claim] += 1 }
            }
            #expect(relationVisits.allSatisfy { $0 == 1 }, "\(shape) seed \(seed)")
            #expect(expansions.allSatisfy { $0 == 1 }, "\(shape) seed \(seed)")
        }
    }

    @Test func topologicalOrderPutsSourcesFirst() {
        let map = MapGenerator.generate(.init(claims: 2000, shape: .dag, seed: 9))
        let order = try! #require(map.topologicalOrder())
        var position = [Int](repeating: 0, count: map.count)
        for (i, c) in order.enumerated() { position[c] = i }
        #expect(map.relations.allSatisfy { position[$0.from] < position[$0.to] })
        #expect(MapGenerator.generate(.init(claims: 2000, shape: .cyclic, seed: 9)).topologicalOrder() == nil)
    }

    /// The claims below every cycle, as ``ArgumentMap/orderBelowCycles()`` finds them, are
    /// those under which no claim (nor they) lies on a cycle, worked out here the slow way:
    /// a claim is on a cycle when it reaches itself, and the claims below are the rest less
    /// every claim that reaches one on a cycle. Each comes once, after the claims under it.
    /// On generated maps (claims in file order, where most claims answer an earlier one) and
    /// on maps of random relations between claims in no order, with undercuts and a claim
    /// that answers itself.
    @Test func claimsBelowCyclesAreThoseNoCycleIsUnder() throws {
        var rng = SplitMix64(seed: 5)
        var maps = MapGenerator.Shape.allCases.flatMap { shape in
            (1...3).map { MapGenerator.generate(.init(claims: 300, shape: shape, seed: UInt64($0))) }
        }
        for trial in 0..<40 {
            var map = ArgumentMap()
            let n = 20 + trial * 3
            for i in 0..<n { try map.apply(.addClaim(Claim(id: "k\(i)"))) }
            // Fewer relations than claims in most trials (so that many claims lie below every
            // cycle), more in a few.
            let relations = trial % 5 == 4 ? n * 2 : n * 3 / 4 + trial % 3
            for _ in 0..<relations {
                let from = Int.random(in: 0..<n, using: &rng), to = Int.random(in: 0..<n, using: &rng)
                guard from != to || trial % 7 == 0 else { continue }
                let type: RelationType = [.support, .attack, .undercut][Int.random(in: 0..<3, using: &rng)]
                try? map.apply(.link(RelationSpec(from: "k\(from)", to: "k\(to)", type: type)))
            }
            maps.append(map)
        }
        var sawCycle = false, sawNone = false
        for (m, map) in maps.enumerated() {
            let n = map.count
            // What each claim reaches going down (itself only through a cycle).
            var reaches = [[Bool]](repeating: [Bool](repeating: false, count: n), count: n)
            for c in 0..<n {
                var queue = map.incoming[c].map { map.relations[$0].from }, head = 0
                for x in queue { reaches[c][x] = true }
                while head < queue.count {
                    for r in map.incoming[queue[head]] where !reaches[c][map.relations[r].from] {
                        reaches[c][map.relations[r].from] = true
                        queue.append(map.relations[r].from)
                    }
                    head += 1
                }
            }
            let onCycle = (0..<n).filter { reaches[$0][$0] }
            let below = Set((0..<n).filter { c in !reaches[c][c] && !onCycle.contains { reaches[c][$0] } })
            let (order, complete) = map.orderBelowCycles()
            #expect(Set(order) == below && order.count == below.count, "map \(m)")
            #expect(complete == onCycle.isEmpty, "map \(m)")
            var position = [Int](repeating: -1, count: n)
            for (i, c) in order.enumerated() { position[c] = i }
            #expect(map.relations.allSatisfy { position[$0.to] < 0 || position[$0.from] < position[$0.to] }, "map \(m)")
            if onCycle.isEmpty { sawNone = true } else if !below.isEmpty { sawCycle = true }
        }
        #expect(sawCycle && sawNone)
    }

    /// The claims beneath a claim, nearest first: every claim that reaches it once, none
    /// further than one before it; and, with a limit, the nearest that many and that there
    /// are more.
    @Test(arguments: [MapGenerator.Shape.dag, .cyclic])
    func claimsBeneathComeNearestFirst(shape: MapGenerator.Shape) {
        let map = MapGenerator.generate(.init(claims: 2_000, shape: shape, seed: 9))
        let c = map.roots[0]
        // Distances from c down the relations, and every claim that reaches c.
        var distance = [Int](repeating: -1, count: map.count)
        distance[c] = 0
        var queue = [c], head = 0
        while head < queue.count {
            let x = queue[head]; head += 1
            for r in map.incoming[x] where distance[map.relations[r].from] < 0 {
                distance[map.relations[r].from] = distance[x] + 1
                queue.append(map.relations[r].from)
            }
        }
        let (all, more) = map.claimsBeneath(c)
        #expect(!more && Set(all) == Set(queue.dropFirst()) && all.count == queue.count - 1 && !all.contains(c))
        #expect(zip(all, all.dropFirst()).allSatisfy { distance[$0] <= distance[$1] }, "nearest first")
        let (some, moreThanSome) = map.claimsBeneath(c, atMost: 100)
        #expect(some == Array(all.prefix(100)) && moreThanSome == (all.count > 100) && all.count > 100)
        #expect(map.claimsBeneath(c, atMost: all.count) == (all, false))
    }

    /// A chain a million claims deep: ordering and walking it must not recurse.
    @Test func millionDeepChain() throws {
        var chain = ArgumentMap()
        let n = 1_000_000
        for i in 0..<n { try chain.apply(.addClaim(Claim(id: "c\(i)"))) }
        for i in 1..<n { try chain.apply(.link(RelationSpec(from: "c\(i)", to: "c\(i - 1)", type: .attack))) }
        #expect(chain.topologicalOrder()?.count == n)
        var deepest = 0
        chain.canonicalWalk { deepest = max(deepest, $0.depth) }
        #expect(deepest == n - 1)
    }

    @Test func generatorIsReproducible() {
        let a = MapGenerator.generate(.init(claims: 500, shape: .cyclic, seed: 42))
        let b = MapGenerator.generate(.init(claims: 500, shape: .cyclic, seed: 42))
        let c = MapGenerator.generate(.init(claims: 500, shape: .cyclic, seed: 43))
        #expect(a == b)
        #expect(a != c)
        #expect(a.claims.contains { $0.text.unicodeScalars.contains { $0.value > 0x7F } })
    }

    /// The way up through first parents, kept in part: its first `near` steps and its last
    /// `far` are those of the whole way, in order (the last from a ring that has gone round
    /// many times), its count and thesis the same; and a way round a cycle is nil, however
    /// far up the cycle begins.
    @Test func firstParentStepsKeepTheirEnds() throws {
        // A chain 300 deep whose claim at depth d is the (d % 4 + 1)th answer to the one above
        // it: each step's number differs from its neighbours'.
        var map = ArgumentMap()
        try map.apply(.addClaim(Claim(id: "t")))
        var above = "t"
        for d in 1...300 {
            for k in 0...(d % 4) {
                try map.apply(.addClaim(Claim(id: "c\(d)_\(k)")))
                try map.apply(.link(RelationSpec(from: "c\(d)_\(k)", to: above, type: .support)))
            }
            above = "c\(d)_\(d % 4)"
        }
        let foot = try #require(map.index(of: above))
        let whole = try #require(map.firstParentSteps(of: foot))
        #expect(whole.count == 300 && whole.steps.count == 300 && whole.thesis == map.index(of: "t"))
        #expect(whole.steps == (1...300).reversed().map { $0 % 4 + 1 })
        for (near, far) in [(3, 5), (3, 60), (0, 7), (10, 0), (150, 150), (299, 1)] {
            let part = try #require(map.firstParentSteps(of: foot, near: near, far: far))
            #expect(part.count == 300 && part.thesis == whole.thesis, "\(near), \(far)")
            #expect(part.steps == Array(whole.steps.prefix(near)) + Array(whole.steps.dropFirst(near).suffix(far)), "\(near), \(far)")
        }
        // A claim whose first parents lead, 40 steps up, into a cycle of 7.
        var cyclic = ArgumentMap()
        for i in 0..<47 { try cyclic.apply(.addClaim(Claim(id: "k\(i)"))) }
        for i in 0..<46 { try cyclic.apply(.link(RelationSpec(from: "k\(i)", to: "k\(i + 1)", type: .attack))) }
        try cyclic.apply(.link(RelationSpec(from: "k46", to: "k40", type: .attack)))
        #expect(cyclic.firstParentSteps(of: 0) == nil && cyclic.firstParentSteps(of: 0, near: 3, far: 5) == nil)
        #expect(cyclic.firstParentSteps(of: 45) == nil && cyclic.firstParentSteps(of: 46) == nil)
        #expect(cyclic.firstParents(of: 0).cycles)
    }
}
