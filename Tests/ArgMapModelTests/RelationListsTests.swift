import Testing
@testable import ArgMapModel

/// The flat relation lists behave as an array of arrays would, through every change the map
/// makes to them, with a sound layout after each; their layout check finds each way the layout
/// can break.
struct RelationListsTests {
    /// Random changes of every kind, on lists and on arrays of arrays side by side.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func changesMatchArraysOfArrays(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        var lists = RelationLists(), arrays: [[Int]] = []
        var largest = 0, compacted = false
        func random(_ n: Int) -> Int { Int(rng.next() % UInt64(max(n, 1))) }
        func ascendingPositions(upTo n: Int, count: Int) -> [Int] {
            Array(Set((0..<count).map { _ in random(n) })).sorted()
        }
        for step in 0..<12_000 {
            let storageBefore = lists.storage.count
            switch rng.next() % 20 {
            case 0:
                lists.appendEmpty()
                arrays.append([])
            case 1:
                // Empty lists put in: each ends at its position.
                let positions = ascendingPositions(upTo: arrays.count + 1, count: 1 + random(3))
                let final = positions.enumerated().map { min($0.element, arrays.count + $0.offset) }
                guard zip(final, final.dropFirst()).allSatisfy({ $0 < $1 }) else { continue }
                lists.insertEmpty(atAscending: final)
                for p in final { arrays.insert([], at: p) }
            case 2 where !arrays.isEmpty:
                let positions = ascendingPositions(upTo: arrays.count, count: 1 + random(2))
                lists.remove(atAscending: positions)
                for p in positions.reversed() { arrays.remove(at: p) }
            case 3 where !arrays.isEmpty:
                // Every number from the first mark on moves, in one pass over the storage: by
                // one (the vector loop) or by a few (the search); the removed ones leave first.
                let marks = ascendingPositions(upTo: largest + 1, count: 1 + random(2))
                let removing = rng.next() % 2 == 0
                if removing {
                    for m in marks { for c in arrays.indices where arrays[c].contains(m) { lists.remove(m, from: c) } }
                    for c in arrays.indices { arrays[c].removeAll { marks.contains($0) } }
                }
                let renumbering = removing ? Renumbering(removing: marks) : Renumbering(inserting: marks)
                lists.renumberAll(from: marks[0], renumbering)
                for c in arrays.indices { arrays[c] = arrays[c].map { $0 >= marks[0] ? renumbering($0) : $0 } }
            case 4 where !arrays.isEmpty:
                // Several numbers removed at once, the lists holding them rewritten.
                let marks = ascendingPositions(upTo: largest + 1, count: 2 + random(3))
                let renumbering = Renumbering(removing: marks)
                let holding = arrays.indices.filter { c in arrays[c].contains { $0 >= marks[0] } }
                lists.renumber(from: marks[0], only: holding, renumbering)
                for c in holding { arrays[c] = arrays[c].compactMap { $0 < marks[0] ? $0 : (renumbering.number($0) >= 0 ? renumbering.number($0) : nil) } }
            case 6 where !arrays.isEmpty:
                // Room made at once for several numbers (some lists given more than one), as
                // relations put back in a batch: then putting them in grows nothing.
                var into: [(claim: Int, number: Int)] = []
                for _ in 0..<(1 + random(8)) {
                    let c = rng.next() % 3 == 0 ? into.last?.claim ?? random(arrays.count) : random(arrays.count)
                    let r = random(2_000)
                    guard !arrays[c].contains(r), !into.contains(where: { $0 == (c, r) }) else { continue }
                    into.append((c, r))
                }
                lists.reserveRoom(for: into.map(\.claim))
                let reserved = lists.storage.count
                for (c, r) in into {
                    lists.insert(r, into: c)
                    arrays[c].insert(r, at: arrays[c].firstIndex { $0 > r } ?? arrays[c].count)
                    largest = max(largest, r)
                }
                try #require(lists.storage.count == reserved, "step \(step): putting the numbers in grew a list")
            case 5 where !arrays.isEmpty:
                let c = random(arrays.count)
                guard let r = arrays[c].randomElement(using: &rng) else { continue }
                lists.remove(r, from: c)
                arrays[c].removeAll { $0 == r }
            default:
                guard !arrays.isEmpty else { continue }
                // Most lists stay short; a few grow long, moving to the end of the storage.
                let c = rng.next() % 4 == 0 ? random(min(arrays.count, 3)) : random(arrays.count)
                let r = random(2_000)
                guard !arrays[c].contains(r) else { continue }
                lists.insert(r, into: c)
                arrays[c].insert(r, at: arrays[c].firstIndex { $0 > r } ?? arrays[c].count)
                largest = max(largest, r)
            }
            if lists.storage.count < storageBefore { compacted = true }
            let problems = lists.layoutViolations()
            try #require(problems.isEmpty, "step \(step): \(problems)")
            try #require(lists.map(Array.init) == arrays, "step \(step): the lists differ from the arrays")
        }
        #expect(compacted, "the storage was packed again at least once")
        #expect(arrays.count > 50 && arrays.map(\.count).max()! > 100, "some lists grew long among many")
    }

    /// Built from relations, on one lane or two, the lists are each claim's relations in order,
    /// packed, passing over relations with an end not yet known (negative).
    @Test(arguments: [1, 2])
    func builtFromRelations(lanes: Int) {
        var rng = SplitMix64(seed: 7)
        let count = 500
        let relations = (0..<3_000).map { _ in
            Relation(from: Int(rng.next() % UInt64(count)) - (rng.next() % 50 == 0 ? count : 0), to: Int(rng.next() % UInt64(count)),
                     type: .support, weight: 1)
        }
        for byTarget in [true, false] {
            let lists = RelationLists(relations, count: count, byTarget: byTarget, lanes: lanes)
            var arrays = [[Int]](repeating: [], count: count)
            for (r, relation) in relations.enumerated() where relation.from >= 0 && relation.to >= 0 {
                arrays[byTarget ? relation.to : relation.from].append(r)
            }
            #expect(lists.map(Array.init) == arrays)
            #expect(lists.storage.count == arrays.map(\.count).reduce(0, +), "packed")
            #expect(lists.layoutViolations().isEmpty)
        }
    }

    /// A list outside the storage, holding more than its room, or sharing room; room that no
    /// longer adds up. The map's check reports them.
    @Test func layoutBreaksAreFound() throws {
        let sound = RelationLists([[0, 2], [1], [], [3, 4, 5]])
        #expect(sound.layoutViolations().isEmpty)
        var lists = sound
        lists.spans[1].start = 1
        #expect(lists.layoutViolations().contains("list 1 overlaps another"))
        lists = sound
        lists.spans[3].capacity = 9
        #expect(lists.layoutViolations().contains("list 3 lies outside its storage"))
        lists = sound
        lists.spans[1].count = 2
        #expect(lists.layoutViolations().contains("list 1 lies outside its storage"))
        lists = sound
        lists.spans[0].capacity = 1
        lists.spans[0].count = 1
        #expect(lists.layoutViolations().contains("lists hold 5 entries and 0 are unused of 6"))

        var map = ArgumentMap()
        for id in ["t", "a"] { try map.apply(.addClaim(Claim(id: id))) }
        try map.apply(.link(RelationSpec(from: "a", to: "t", type: .support)))
        var broken = map.incoming
        broken.spans[0].capacity = 5
        let problems = try ArgumentMap(title: nil, frontmatter: nil, checkedClaims: map.claims, relations: map.relations, indexByID: map.indexByID,
                                       incoming: broken, outgoing: map.outgoing).invariantViolations()
        #expect(problems == ["incoming: list 0 lies outside its storage"])
    }
}

/// A renumbering gives each number that stays its place among the numbers after the change,
/// as removing the numbers from a list, or inserting new ones into it, would: for removals and
/// insertions in runs (a claim with everything under it) and one by one, mixed; in few runs
/// (searched) and in many (tabled), thousands of them too.
struct RenumberingTests {
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func aRenumberingIsWhereEachNumberEndsUp(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var tabled = 0
        for i in 0..<202 {
            // The last two: a table of many thousand marks, written on both cores.
            let count = i >= 200 ? 40_000 : i % 2 == 0 ? 1 + Int(rng.next() % 60) : 300 + Int(rng.next() % 1_200)
            var chosen = Set<Int>()
            if i % 2 == 0 {
                // Marks in runs of one to eight, some next to each other.
                while chosen.count < 1 + Int(rng.next() % UInt64(count)) {
                    let start = Int(rng.next() % UInt64(count))
                    for n in start..<min(count, start + 1 + Int(rng.next() % 8)) { chosen.insert(n) }
                }
            } else {
                // A third of the numbers, scattered: many runs.
                chosen = Set((0..<count).filter { _ in rng.next() % 3 == 0 })
                if chosen.isEmpty { chosen = [0] }
            }
            let marks = chosen.sorted()
            // Removing: the numbers left, in order, are the new numbers' old ones.
            let removal = Renumbering(removing: marks)
            if removal.runCount > Renumbering.tabled { tabled += 1 }
            let kept = (0..<count).filter { !chosen.contains($0) }
            for (new, old) in kept.enumerated() {
                #expect(removal(old) == new, "removing \(marks): \(old)")
                #expect(removal.number(old) == new)
            }
            for m in marks { #expect(removal.number(m) == -1) }
            // Applied to an array of the numbers that stay, from the first mark on, in pieces on
            // both cores for the large ones (numbers below the first mark left as they are).
            var numbers = kept.shuffled(using: &rng)
            let expected = numbers.map { $0 >= marks[0] ? removal($0) : $0 }
            numbers.withUnsafeMutableBufferPointer { removal.apply(to: $0, from: marks[0], minimum: 1 << 12) }
            #expect(numbers == expected, "removing \(marks.count) of \(count), applied")
            // Inserting at final positions `marks` into `count` old numbers.
            let insertion = Renumbering(inserting: marks)
            var final: [Int?] = [], k = 0
            for p in 0..<(count + marks.count) {
                if k < marks.count && marks[k] == p { final.append(nil); k += 1 } else { final.append(p - k) }
            }
            for (new, old) in final.enumerated() {
                if let old { #expect(insertion(old) == new, "inserting at \(marks): \(old)") }
            }
        }
        #expect(tabled > 20, "many renumberings in more runs than are searched")
    }
}
