import Testing
import ArgMapModel
@testable import ArgMapSemantics

/// The numbers of claims and relations before and after a change of structure, as the live
/// scores follow it (``IncrementalEvaluator/Numbering``): what removing or inserting the
/// changed ones does to each number, for a few changed and for thousands (tabled, on both cores).
struct NumberingTests {
    @Test(arguments: [12, 3_000, 40_000])
    func aNumberingIsWhereEachClaimAndRelationEndsUp(count: Int) {
        var rng = SplitMix64(seed: UInt64(count))
        for scattered in [false, true] {
            // A third of the numbers scattered (thousands of stretches between them), or a few
            // runs of them.
            var chosen = Set<Int>(), chosenRelations = Set<Int>()
            if scattered {
                chosen = Set((0..<count).filter { _ in rng.next() % 3 == 0 })
                chosenRelations = Set((0..<(2 * count)).filter { _ in rng.next() % 3 == 0 })
            } else {
                for _ in 0..<3 {
                    let start = Int(rng.next() % UInt64(count))
                    for n in start..<min(count, start + 1 + Int(rng.next() % 20)) { chosen.insert(n); chosenRelations.insert(2 * n) }
                }
            }
            let removed = chosen.sorted(), removedRelations = chosenRelations.sorted()
            let keptClaims = (0..<count).filter { !chosen.contains($0) }, keptRelations = (0..<(2 * count)).filter { !chosenRelations.contains($0) }
            // Removing: each claim that stays takes its place among those that stay; the ones
            // removed map to -1; read back, each new number gives its old one.
            let removal = IncrementalEvaluator.Numbering(count: count, removingClaims: removed, relations: 2 * count, removing: removedRelations)
            var mismatches = 0
            for (new, old) in keptClaims.enumerated() where removal.claim(old) != new || removal.oldClaim(new) != old { mismatches += 1 }
            for old in removed where removal.claim(old) != -1 { mismatches += 1 }
            for (new, old) in keptRelations.enumerated() where removal.relation(Int32(old)) != Int32(new) { mismatches += 1 }
            var numbers = keptClaims.map { Int32($0) }
            removal.renumberClaims(&numbers)
            #expect(numbers == (0..<keptClaims.count).map { Int32($0) }, "\(count) claims, scattered: \(scattered)")
            // Inserting the same numbers back: the reverse.
            let insertion = IncrementalEvaluator.Numbering(count: count, insertingClaims: removed, relations: 2 * count, inserting: removedRelations)
            for (new, old) in keptClaims.enumerated() where insertion.claim(new) != old || insertion.oldClaim(old) != new { mismatches += 1 }
            for c in removed where insertion.oldClaim(c) != -1 { mismatches += 1 }
            for (new, old) in keptRelations.enumerated() where insertion.relation(Int32(new)) != Int32(old) { mismatches += 1 }
            #expect(mismatches == 0, "\(count) claims, scattered: \(scattered)")
        }
    }

    /// The changes of structure that renumbered the components from one stamp to another
    /// (``IncrementalEvaluator/moves(from:to:along:)``): none from a stamp to itself; the run
    /// that leads from one to the other, in order; nil where the run breaks, starts nowhere, or
    /// passes the stamp sought by.
    @Test func theRenumberingsLeadFromOneStampToAnother() {
        typealias Moved = IncrementalEvaluator.ComponentsMoved
        let trail = [Moved(from: 1, to: 2, range: 0..<0, step: 0, rowsChangedWithin: nil),
                     Moved(from: 2, to: 3, range: 4..<9, step: 1, rowsChangedWithin: nil),
                     Moved(from: 3, to: 4, range: 0..<0, step: 0, rowsChangedWithin: 7),
                     Moved(from: 6, to: 7, range: 5..<8, step: -1, rowsChangedWithin: nil)]
        func run(_ from: UInt64, _ to: UInt64) -> [UInt64]? { IncrementalEvaluator.moves(from: from, to: to, along: trail)?.map(\.to) }
        #expect(run(5, 5) == [])
        #expect(run(1, 4) == [2, 3, 4])
        #expect(run(2, 3) == [3])
        #expect(run(3, 4) == [4])
        #expect(run(6, 7) == [7])
        #expect(run(1, 7) == nil, "the run breaks between 4 and 6")
        #expect(run(5, 7) == nil, "no renumbering starts from 5")
        #expect(run(3, 2) == nil, "2 came before 3")
        #expect(run(1, 9) == nil, "no renumbering leads to 9")
    }
}
