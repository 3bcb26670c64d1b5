import Testing
import ArgMapModel
@testable import ArgMapSemantics

/// The evaluation graph's rows are the map's relations, however they were laid out.
struct EvaluationGraphTests {
    /// A map large enough for its rows to be laid out on both cores (its first half's and its
    /// second half's joined), with undercuts in both halves: every claim's row holds its
    /// incoming supports and attacks, and its undercut row its incoming undercuts, each in
    /// relation order, with their sources, weights and kinds.
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
        var undercutsSeen = 0, undercutsInSecondHalf = 0, mismatches = 0
        for c in 0..<claims {
            let incoming = Array(map.incoming[c])
            let rows = incoming.filter { map.relations[$0].type != .undercut }, undercuts = incoming.filter { map.relations[$0].type == .undercut }
            let row = g.offsets[c]..<g.offsets[c + 1], undercutRow = g.undercutOffsets[c]..<g.undercutOffsets[c + 1]
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
            if c >= claims / 2 { undercutsInSecondHalf += undercuts.count }
        }
        #expect(mismatches == 0)
        #expect(g.source.count + g.undercutSource.count == map.relations.count)
        #expect(undercutsSeen > 200 && undercutsInSecondHalf > 50 && undercutsSeen - undercutsInSecondHalf > 50)
    }
}
