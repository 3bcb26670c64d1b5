import Testing
import ArgMapModel
@testable import ArgMapSemantics

/// The evaluation graph's rows are the map's relations, however they were laid out.
struct EvaluationGraphTests {
    /// A map large enough for its rows to be laid out on both cores (each quarter's written
    /// in place, then moved down past the undercuts before it), with undercuts in every
    /// quarter: every claim's row holds its incoming supports and attacks, and its undercut
    /// row its incoming undercuts, each in relation order, with their sources, weights and
    /// kinds.
    @Test func aLargeMapsRowsAreItsRelations() throws {
        let claims = EvaluationGraph.sharedSize + 4_000
        var map = MapGenerator.generate(.init(claims: claims, shape: .dag, seed: 5))
        var rng = SplitMix64(seed: 9)
        for k in 0..<300 {
            let from = Int(rng.next() % UInt64(claims)), to = Int(rng.next() % UInt64(claims))
            guard from != to else { continue }
            try map.apply(.link(RelationSpec(from: map.claims[from].id, to: map.claims[to].id, type: .undercut, weight: Double(k % 9 + 1) / 10)))
        }
        let g = EvaluationGraph(map)
        #expect(g.count == claims && g.base == map.claims.map(\.base))
        #expect(g.offsets.count == claims + 1 && g.undercutOffsets.count == claims + 1)
        var undercutsSeen = 0, undercutsByQuarter = [0, 0, 0, 0], mismatches = 0
        for c in 0..<claims {
            let incoming = Array(map.incoming[c])
            let rows = incoming.filter { map.relations[$0].type != .undercut }, undercuts = incoming.filter { map.relations[$0].type == .undercut }
            let row = g.row(c), undercutRow = g.undercutRow(c)
            guard row.count == rows.count, undercutRow.count == undercuts.count else { mismatches += 1; continue }
            for (j, r) in zip(row, rows) {
                let relation = map.relations[r]
                if g.relation[j] != Int32(r) || g.source[j] != Int32(relation.from) || g.weight[j] != relation.weight
                    || g.isAttack[j] != (relation.type == .attack) { mismatches += 1 }
            }
            for (j, r) in zip(undercutRow, undercuts) {
                let relation = map.relations[r]
                if g.undercutRelation[j] != Int32(r) || g.undercutSource[j] != Int32(relation.from) || g.undercutWeight[j] != relation.weight { mismatches += 1 }
            }
            undercutsSeen += undercuts.count
            undercutsByQuarter[c * 4 / claims] += undercuts.count
        }
        #expect(mismatches == 0)
        #expect(g.source.count + g.undercutSource.count == map.relations.count)
        #expect(undercutsSeen > 200 && undercutsByQuarter.allSatisfy { $0 > 25 }, "undercuts by quarter: \(undercutsByQuarter)")
    }

    /// A large map's topological order, found on one core while the other lays out rows: every
    /// claim once, each after every claim it depends on (through supports, attacks and
    /// undercuts); none once a relation closes a cycle.
    @Test func aLargeMapsOrderIsTopological() throws {
        let claims = EvaluationGraph.sharedSize + 4_000
        var map = MapGenerator.generate(.init(claims: claims, shape: .dag, seed: 6))
        // Undercuts from leaves, which close no cycle.
        let leaves = map.claims.indices.filter { map.incoming[$0].isEmpty }
        for k in 0..<200 {
            let from = leaves[(k * 7_919) % leaves.count], to = (k * 104_729) % claims
            guard from != to, map.relationIndex(from: from, to: to) == nil else { continue }
            try map.apply(.link(RelationSpec(from: map.claims[from].id, to: map.claims[to].id, type: .undercut, weight: 0.5)))
        }
        let g = EvaluationGraph(map)
        let order = try #require(g.order)
        #expect(order.count == claims && Set(order).count == claims)
        var rank = [Int](repeating: -1, count: claims)
        for (i, c) in order.enumerated() { rank[c] = i }
        let late = map.relations.filter { rank[$0.from] >= rank[$0.to] }.count
        #expect(late == 0, "\(late) relations from a claim placed after the one it bears on")
        #expect(!g.undercutSource.isEmpty)
        // The thesis supporting a leaf under it closes a cycle.
        try map.apply(.link(RelationSpec(from: map.claims[0].id, to: map.claims[leaves[leaves.count / 2]].id, type: .support, weight: 1)))
        #expect(EvaluationGraph(map).order == nil)
    }

    /// A large cyclic map's claims below every cycle, found on one core while the other lays
    /// out rows (and, past the cycles its theses reach, from the claims no thesis reaches),
    /// start the search for its components: the components are those a search of every claim
    /// finds, with the same cycles, each with its claims in the same order, and the same
    /// depths; and the scores solved through them are the same, to the last bit.
    @Test func aLargeCyclicMapsSearchStartsBelowItsCycles() throws {
        let claims = EvaluationGraph.sharedSize + 4_000
        var map = MapGenerator.generate(.init(claims: claims, shape: .cyclic, seed: 8))
        // A cycle no thesis reaches: two claims that support each other, one of them
        // supported by a new leaf.
        for id in ["r1", "r2", "r3"] { try map.apply(.addClaim(Claim(id: id, text: id, base: 0.5))) }
        for (from, to) in [("r1", "r2"), ("r2", "r1"), ("r3", "r1")] {
            try map.apply(.link(RelationSpec(from: from, to: to, type: .support, weight: 0.5)))
        }
        let laidOut = EvaluationGraph(map)
        var everyClaim = laidOut
        everyClaim.claimsBelowCycles = nil
        let below = try #require(laidOut.claimsBelowCycles)
        let seeded = laidOut.components(), searched = everyClaim.components()
        #expect(seeded.count == searched.count && seeded.members.count == claims + 3)
        var belowCount = 0
        for k in 0..<searched.count {
            let theirs = searched.members[Int(searched.starts[k])..<Int(searched.starts[k + 1])]
            let own = Int(seeded.component[Int(theirs.first!)])
            let ours = seeded.members[Int(seeded.starts[own])..<Int(seeded.starts[own + 1])]
            #expect(Array(ours) == Array(theirs) && seeded.isCycle[own] == searched.isCycle[k] && seeded.depth[own] == searched.depth[k],
                    "component \(k) of a search of every claim")
            if !searched.isCycle[k] && searched.depth[k] == 0 { belowCount += 1 }
        }
        // The claims below every cycle are the components on no cycle, of depth 0.
        #expect(below.count == belowCount && below.count > claims / 2 && below.count < claims)
        #expect(below.contains(map.index(of: "r3")!) && !below.contains(map.index(of: "r1")!))
        for c in 0..<laidOut.count {
            for d in 0..<laidOut.dependencyCount(c) where seeded.component[laidOut.dependency(c, d)] > seeded.component[c] {
                Issue.record("claim \(c)'s component comes before one it depends on")
            }
        }
        for semantics in [Semantics.dfquad, .euler] {
            let ours = Evaluator.evaluateKeeping(laidOut, semantics, options: Evaluator.Options(), found: seeded).evaluation
            let theirs = Evaluator.evaluateKeeping(everyClaim, semantics, options: Evaluator.Options(), found: searched).evaluation
            #expect(ours.scores == theirs.scores && ours.iterations == theirs.iterations, "\(semantics)")
        }
    }
}
