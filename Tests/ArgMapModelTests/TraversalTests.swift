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
}
