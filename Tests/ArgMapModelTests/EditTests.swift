import Testing
@testable import ArgMapModel

/// The edit operations: what they do, what they refuse, and that each inverse undoes it.
struct EditTests {
    func sample() throws -> ArgumentMap {
        var map = ArgumentMap(title: "sample")
        try map.apply(.addClaim(Claim(id: "t", text: "Thesis")))
        try map.apply(.addClaim(Claim(id: "a", text: "A reason", kind: .argument)))
        try map.apply(.addClaim(Claim(id: "b", text: "An objection", base: 0.8)))
        try map.apply(.link(RelationSpec(from: "a", to: "t", type: .support)))
        try map.apply(.link(RelationSpec(from: "b", to: "a", type: .attack, weight: 0.5)))
        #expect(map.invariantViolations().isEmpty)
        return map
    }

    @Test func addAndLink() throws {
        let map = try sample()
        #expect(map.count == 3)
        #expect(map.relations.count == 2)
        #expect(map.roots == [0])
        #expect(map.children(of: 1).map(\.claim) == [2])
        #expect(map.parents(of: 1).map(\.claim) == [0])
        #expect(map.relations[1].weight == 0.5)
    }

    @Test func refusals() throws {
        var map = try sample()
        let before = map
        #expect(throws: MapError.duplicateID("a")) { try map.apply(.addClaim(Claim(id: "a"))) }
        #expect(throws: MapError.self) { try map.apply(.addClaim(Claim(id: "x]y"))) }
        #expect(throws: MapError.self) { try map.apply(.addClaim(Claim(id: " padded"))) }
        #expect(throws: MapError.valueOutOfRange(name: "base", value: 7)) { try map.apply(.addClaim(Claim(id: "n", base: 7))) }
        #expect(throws: MapError.self) { try map.apply(.setValue("a", .base(.nan))) }
        #expect(throws: MapError.self) { try map.apply(.link(RelationSpec(from: "b", to: "t", type: .attack, weight: -1))) }
        #expect(throws: MapError.relationExists(from: "a", to: "t", type: .support)) { try map.apply(.link(RelationSpec(from: "a", to: "t", type: .attack))) }
        #expect(throws: MapError.unknownClaim("zz")) { try map.apply(.unlink(from: "zz", to: "t")) }
        #expect(throws: MapError.noRelation(from: "t", to: "a")) { try map.apply(.unlink(from: "t", to: "a")) }
        // A refused step of a batch undoes the steps before it.
        #expect(throws: MapError.self) {
            try map.apply(.batch([.addClaim(Claim(id: "new")), .link(RelationSpec(from: "new", to: "missing", type: .support))]))
        }
        #expect(map == before)
        #expect(map.index(of: "new") == nil)
        #expect(map.invariantViolations().isEmpty)
    }

    @Test func selfRelationsAndCyclesAreAllowed() throws {
        var map = try sample()
        try map.apply(.link(RelationSpec(from: "t", to: "b", type: .attack)))
        try map.apply(.link(RelationSpec(from: "b", to: "b", type: .attack)))
        #expect(map.invariantViolations().isEmpty)
        #expect(map.topologicalOrder() == nil)
        #expect(map.roots.isEmpty)
    }

    @Test func removeAndRestore() throws {
        var map = try sample()
        let before = map
        let inverse = try map.apply(.removeClaim("a"))
        #expect(map.count == 2)
        #expect(map.relations.isEmpty)
        #expect(map.invariantViolations().isEmpty)
        try map.apply(inverse)
        #expect(map == before)
        #expect(map.claims.map(\.id) == before.claims.map(\.id))
        #expect(map.relationSpecs == before.relationSpecs)
    }

    @Test func renameMoveAndWeights() throws {
        var map = try sample()
        try map.apply(.addClaim(Claim(id: "c", text: "Another reason")))
        try map.apply(.link(RelationSpec(from: "c", to: "t", type: .support)))
        let undoRename = try map.apply(.rename("b", to: "objection"))
        #expect(map.relationSpecs.contains(RelationSpec(from: "objection", to: "a", type: .attack, weight: 0.5)))
        let undoMove = try map.apply(.move("objection", from: "a", to: "c"))
        #expect(map.relationSpecs.contains(RelationSpec(from: "objection", to: "c", type: .attack, weight: 0.5)))
        let undoWeight = try map.apply(.setWeight(from: "objection", to: "c", 0.25))
        #expect(map.relations[map.relationIndex(from: map.index(of: "objection")!, to: map.index(of: "c")!)!].weight == 0.25)
        for inverse in [undoWeight, undoMove, undoRename] { try map.apply(inverse) }
        #expect(map.relationSpecs.contains(RelationSpec(from: "b", to: "a", type: .attack, weight: 0.5)))
        #expect(map.invariantViolations().isEmpty)
    }

    /// Removing a set of claims at once is the same as removing them one by one, and its
    /// inverse puts every claim and relation back where it was.
    @Test(arguments: [11, 12, 13, 14] as [UInt64])
    func removingManyAtOnceMatchesOneByOne(seed: UInt64) throws {
        let original = MapGenerator.generate(.init(claims: 300, shape: .dag, seed: seed))
        var rng = SplitMix64(seed: seed)
        let ids = (0..<60).map { _ in original.claims[Int(rng.next() % 300)].id }
        var together = original, oneByOne = original
        let inverse = try together.apply(.removeClaims(ids))
        for id in Set(ids).sorted() { try oneByOne.apply(.removeClaim(id)) }
        #expect(together.invariantViolations().isEmpty)
        #expect(together.claims.map(\.id) == oneByOne.claims.map(\.id))
        #expect(together.relationSpecs == oneByOne.relationSpecs)
        try together.apply(inverse)
        #expect(together.claims.map(\.id) == original.claims.map(\.id))
        #expect(together.relationSpecs == original.relationSpecs)
        #expect(together.invariantViolations().isEmpty)
        #expect(throws: MapError.unknownClaim("nosuch")) { try together.apply(.removeClaims(["c1", "nosuch"])) }
        #expect(together.claims.map(\.id) == original.claims.map(\.id), "a refused removal changes nothing")
    }

    /// Removing a third of a map or more at once (``ArgumentMap/remainder(without:)``) makes it
    /// afresh from what is kept: the same claims and relations in the same order, the same
    /// lists and the same ids found, as the edit leaves, with the ids given in any order and
    /// some twice; fewer, or a removal from a map under ``ArgumentMap/remainderMinimum``
    /// claims, is left to the edit, and an id no claim has is refused. On a small map,
    /// and on one large enough for the copies and lists to be made in pieces on both cores.
    @Test(arguments: [(41, 3_000, MapGenerator.Shape.dag), (42, 130_000, .cyclic)] as [(UInt64, Int, MapGenerator.Shape)])
    func removingAThirdOfAMapOrMoreMakesItAfresh(seed: UInt64, claims: Int, shape: MapGenerator.Shape) throws {
        let original = MapGenerator.generate(.init(claims: claims, shape: shape, seed: seed))
        var rng = SplitMix64(seed: seed)
        // About seven claims in ten, shuffled, a few twice.
        var ids = original.claims.map(\.id).filter { _ in rng.next() % 10 < 7 }
        ids += ids.prefix(5)
        for k in ids.indices.reversed() { ids.swapAt(k, Int(rng.next() % UInt64(k + 1))) }
        let kept = try #require(try original.remainder(without: ids))
        var edited = original
        try edited.apply(.removeClaims(ids))
        #expect(kept.invariantViolations().isEmpty)
        #expect(kept.count == edited.count && kept.count < original.count * 4 / 10)
        // (Compared first, so that a difference is reported without a million numbers.)
        let sameClaims = kept.claims == edited.claims, sameRelations = kept.relations == edited.relations
        #expect(sameClaims, "the claims kept, in order")
        #expect(sameRelations, "the relations kept, in order, numbered as the edit numbers them")
        #expect(kept.title == original.title && kept.frontmatter == original.frontmatter)
        for c in kept.claims.indices {
            #expect(Array(kept.incoming[c]) == Array(edited.incoming[c]) && Array(kept.outgoing[c]) == Array(edited.outgoing[c]), "\(c)'s lists")
            if c % 5 == 0 { #expect(kept.index(of: kept.claims[c].id) == c) }
        }
        for id in ids.prefix(500) { #expect(kept.index(of: id) == nil, "\(id) still found") }
        let fewer = (claims + ArgumentMap.remainderFrom - 1) / ArgumentMap.remainderFrom - 1
        #expect(try original.remainder(without: Array(original.claims.map(\.id).prefix(fewer))) == nil, "fewer than a third: left to the edit")
        let third = try #require(try original.remainder(without: Array(original.claims.map(\.id).suffix(fewer + 1))), "a third")
        #expect(third.count == claims - fewer - 1 && third.invariantViolations().isEmpty)
        #expect(throws: MapError.unknownClaim("nosuch")) { try original.remainder(without: ids + ["nosuch"]) }
        let none = try #require(try original.remainder(without: original.claims.map(\.id)))
        #expect(none.isEmpty && none.relations.isEmpty && none.invariantViolations().isEmpty)
        let small = MapGenerator.generate(.init(claims: ArgumentMap.remainderMinimum - 1, shape: shape, seed: seed))
        #expect(try small.remainder(without: small.claims.map(\.id)) == nil, "a small map: left to the edit")
    }

    /// Putting claims back refuses an id given twice, an id the map has, and a relation to a
    /// claim neither the map nor the claims put back hold, and changes nothing then.
    @Test func puttingClaimsBackChecksEveryIdFirst() throws {
        let original = MapGenerator.generate(.init(claims: 50, shape: .tree, seed: 3))
        var map = original
        let inverse = try map.apply(.removeClaims(["c7", "c9"]))
        let removed = map
        guard case .restoreClaims(let claims, let positions, let placed) = inverse else { Issue.record("not a restore: \(inverse)"); return }
        try #require(claims.count == 2 && !placed.isEmpty)
        var twice = claims
        twice[1].id = twice[0].id
        #expect(throws: MapError.duplicateID(claims[0].id)) { try map.apply(.restoreClaims(twice, at: positions, relations: placed)) }
        var taken = claims
        taken[1].id = "c1"
        #expect(throws: MapError.duplicateID("c1")) { try map.apply(.restoreClaims(taken, at: positions, relations: placed)) }
        var astray = placed
        astray[astray.count - 1].relation.to = "nosuch"
        #expect(throws: MapError.unknownClaim("nosuch")) { try map.apply(.restoreClaims(claims, at: positions, relations: astray)) }
        #expect(map.claims.map(\.id) == removed.claims.map(\.id) && map.relationSpecs == removed.relationSpecs, "a refused restore changes nothing")
        try map.apply(inverse)
        #expect(map.claims.map(\.id) == original.claims.map(\.id) && map.relationSpecs == original.relationSpecs)
        #expect(map.invariantViolations().isEmpty)
    }

    /// Putting many claims back (enough for the checks to run on both cores, and for the
    /// relations' ends to be found in two halves) refuses what a few would refuse, naming the
    /// first offender in order however the work was split, and changes nothing then; and puts
    /// back the exact map, with the claims after them renumbered, relations from and to those
    /// claims in the second half too.
    @Test func puttingManyClaimsBackChecksThemInOrderOnBothCores() throws {
        // A thesis, a chain of 70,000 under it, then 1,000 claims answering the thesis; every
        // seventh claim of the chain's second half attacks one of those, and a few of those
        // support claims in the chain. The chain's claims are one run, but not the last ones.
        let n = 70_000
        var claims = [Claim(id: "t", text: "Thesis")]
        claims += (0..<n).map { Claim(id: "a\($0)", text: "Step \($0)") }
        claims += (0..<1_000).map { Claim(id: "b\($0)", text: "Aside \($0)") }
        var relations = [Relation(from: 1, to: 0, type: .support)]
        relations += (1..<n).map { Relation(from: 1 + $0, to: $0, type: $0 % 2 == 0 ? .support : .attack) }
        relations += (0..<1_000).map { Relation(from: 1 + n + $0, to: 0, type: .attack) }
        relations += stride(from: n / 2, to: n, by: 7).map { Relation(from: 1 + $0, to: 1 + n + $0 % 1_000, type: .attack, weight: 0.5) }
        relations += [Relation(from: 1 + n + 3, to: 1 + 60_001, type: .support), Relation(from: 1 + n + 998, to: 1 + 5, type: .support)]
        let original = try ArgumentMap(claims: claims, relations: relations)
        var map = original
        let inverse = try map.apply(.removeClaims((0..<n).map { "a\($0)" }))
        let removed = map
        guard case .restoreClaims(let back, let positions, let placed) = inverse else { Issue.record("not a restore: \(inverse)"); return }
        try #require(back.count == n && placed.count > 1 << 16, "enough to be split")
        func refused(_ error: MapError, _ claims: [Claim], _ relations: [PlacedRelation], _ what: String) {
            #expect(throws: error, "\(what)") { try map.apply(.restoreClaims(claims, at: positions, relations: relations)) }
            #expect(map.claims.map(\.id) == removed.claims.map(\.id) && map.relationSpecs == removed.relationSpecs, "\(what): nothing changed")
        }
        var twice = back
        twice[60_000].id = back[5].id
        refused(.duplicateID(back[5].id), twice, placed, "an id twice among them, late")
        var taken = back
        taken[50_000].id = "b3"
        refused(.duplicateID("b3"), taken, placed, "an id the map has")
        // Both at once: the first in order is named, whichever check found it.
        var both = back
        (both[30_000].id, both[40_000].id) = ("b4", back[1].id)
        refused(.duplicateID("b4"), both, placed, "the map's id first")
        (both[30_000].id, both[40_000].id) = (back[1].id, "b4")
        refused(.duplicateID(back[1].id), both, placed, "an id twice first")
        var astray = placed
        astray[astray.count - 1].relation.to = "nosuch"
        refused(.unknownClaim("nosuch"), back, astray, "an unknown target in the second half")
        astray[10].relation.from = "missing"
        refused(.unknownClaim("missing"), back, astray, "unknown claims in both halves")
        try map.apply(inverse)
        #expect(map.claims.map(\.id) == original.claims.map(\.id) && map.relationSpecs == original.relationSpecs, "the same map")
        #expect(map.invariantViolations().isEmpty)
        for c in stride(from: 0, to: map.count, by: 97) + [1 + n + 3, 1 + n + 998, map.count - 1] {
            #expect(Array(map.incoming[c]) == Array(original.incoming[c]) && Array(map.outgoing[c]) == Array(original.outgoing[c]), "\(c)'s lists")
            #expect(map.index(of: original.claims[c].id) == c)
        }
    }

    /// Random edit sequences: invariants hold after every edit, and applying the inverses in
    /// reverse brings back the exact map (same order of claims and relations).
    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func randomEditsAndUndo(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        var map = MapGenerator.generate(.init(claims: 40, shape: .dag, seed: seed))
        let original = map
        var inverses: [Edit] = []
        for step in 0..<300 {
            let ids = map.claims.map(\.id)
            func anyID() -> String { ids.isEmpty ? "none" : ids[Int(rng.next() % UInt64(ids.count))] }
            let edit: Edit
            switch rng.next() % 10 {
            case 0: edit = .addClaim(Claim(id: "n\(step)", text: "new \(step)"), at: Int(rng.next() % UInt64(map.count + 1)))
            case 1: edit = .removeClaim(anyID())
            case 2: edit = .setText(anyID(), "text \(step)")
            case 3: edit = .setValue(anyID(), .base(Double(rng.next() % 11) / 10))
            case 4: edit = .link(RelationSpec(from: anyID(), to: anyID(), type: [.support, .attack, .undercut][Int(rng.next() % 3)], weight: 0.5))
            case 5: edit = .unlink(from: anyID(), to: anyID())
            case 6: edit = .move(anyID(), from: anyID(), to: anyID())
            case 7: edit = .rename(anyID(), to: "r\(step)")
            case 8: edit = .removeClaims((0..<(1 + rng.next() % 6)).map { _ in anyID() })
            default: edit = .batch([.addClaim(Claim(id: "b\(step)")), .link(RelationSpec(from: "b\(step)", to: anyID(), type: .support))])
            }
            let before = map
            do {
                inverses.append(try map.apply(edit))
            } catch {
                #expect(map == before, "seed \(seed) step \(step): a refused \(edit.summary) changed the map")
            }
            let problems = map.invariantViolations()
            #expect(problems.isEmpty, "seed \(seed) step \(step) after \(edit.summary): \(problems)")
            if !problems.isEmpty { return }
        }
        for inverse in inverses.reversed() { try map.apply(inverse) }
        #expect(map.claims.map(\.id) == original.claims.map(\.id), "seed \(seed)")
        #expect(map.relationSpecs == original.relationSpecs, "seed \(seed)")
        #expect(map == original)
    }

    /// Many claims of a large map taken out at once and put back: the id index is renumbered
    /// on one core while the other moves the claims (from ``ArgumentMap/movesBesideIndexFrom``
    /// claims), by one pass down it that marks the claims taken out (more than one claim in
    /// 64, scattered), or after each id is taken out (fewer). Every claim left is found by its
    /// id at its new number, and none taken out is.
    @Test(arguments: [(31, 2_500), (32, 300)] as [(UInt64, Int)])
    func manyClaimsOfALargeMapTakenOutAndPutBack(seed: UInt64, taken: Int) throws {
        var map = MapGenerator.generate(.init(claims: 80_000, shape: .dag, seed: seed))
        #expect(map.count >= ArgumentMap.movesBesideIndexFrom)
        let original = map
        var rng = SplitMix64(seed: seed)
        let ids = Set((0..<taken).map { _ in original.claims[Int(rng.next() % 80_000)].id })
        #expect((ids.count * 64 > map.count) == (taken >= 1_000), "the marked pass for the many, a lookup each for the few")
        let inverse = try map.apply(.removeClaims(Array(ids)))
        #expect(map.invariantViolations().isEmpty)
        #expect(map.count == original.count - ids.count)
        for (c, claim) in map.claims.enumerated() where c % 7 == 0 || c < 50 || c > map.count - 50 {
            #expect(map.index(of: claim.id) == c, "seed \(seed): \(claim.id)")
        }
        for id in ids { #expect(map.index(of: id) == nil, "seed \(seed): \(id) still found") }
        _ = try map.apply(inverse)
        #expect(map.invariantViolations().isEmpty)
        #expect(map.claims.map(\.id) == original.claims.map(\.id))
        #expect(map.relationSpecs == original.relationSpecs)
        for (c, claim) in original.claims.enumerated() where c % 7 == 0 || ids.contains(claim.id) {
            #expect(map.index(of: claim.id) == c, "seed \(seed): \(claim.id) put back")
        }
    }

    /// The same on a map large enough for the edits' passes to run in pieces on every core
    /// (relation ends, the id index, and the sweep of every claim's lists when many relations
    /// are renumbered), with edits near the start, the middle and the end of the map.
    @Test(arguments: [21, 22] as [UInt64])
    func editsOnALargeMapAndUndo(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        var map = MapGenerator.generate(.init(claims: 100_000, shape: .dag, seed: seed))
        let original = map
        var inverses: [Edit] = []
        for step in 0..<36 {
            // A claim near the start, in the middle or near the end, so that few or many
            // relations and claims come after it.
            func anyID() -> String {
                let n = map.count, spread = UInt64(max(1, n / 50))
                let c = [Int(rng.next() % spread), n / 2 + Int(rng.next() % spread), n - 1 - Int(rng.next() % spread)][Int(rng.next() % 3)]
                return map.claims[min(max(c, 0), n - 1)].id
            }
            let edit: Edit
            switch step % 6 {
            case 0: edit = .removeClaim(anyID())
            case 1: edit = .removeClaims((0..<(1 + rng.next() % 40)).map { _ in anyID() })
            case 2: edit = .link(RelationSpec(from: anyID(), to: anyID(), type: .attack, weight: 0.5), at: Int(rng.next() % UInt64(map.relations.count)))
            case 3:
                let r = map.relations[Int(rng.next() % UInt64(map.relations.count))]
                edit = .unlink(from: map.claims[r.from].id, to: map.claims[r.to].id)
            case 4:
                let r = map.relations[Int(rng.next() % UInt64(map.relations.count))]
                edit = .move(map.claims[r.from].id, from: map.claims[r.to].id, to: anyID())
            default: edit = .addClaim(Claim(id: "n\(step)", text: "new \(step)"), at: Int(rng.next() % UInt64(map.count + 1)))
            }
            do {
                inverses.append(try map.apply(edit))
            } catch {
                continue
            }
            let problems = Array(map.invariantViolations().prefix(3))
            #expect(problems.isEmpty, "seed \(seed) step \(step) after \(edit.summary)")
            if !problems.isEmpty { return }
        }
        #expect(inverses.count >= 30, "most edits apply")
        for inverse in inverses.reversed() { try map.apply(inverse) }
        #expect(map.claims.map(\.id) == original.claims.map(\.id), "seed \(seed)")
        #expect(map.relationSpecs == original.relationSpecs, "seed \(seed)")
        #expect(map.invariantViolations().isEmpty)
    }
}

/// Numbers are written as the shortest text that reads back the same, whichever way they are
/// formatted.
struct NumberFormatTests {
    @Test func shortDecimalsAreFormattedAsSwiftFormatsThem() {
        var rng = SystemRandomNumberGenerator()
        var checked = 0
        for _ in 0..<200_000 {
            // Few decimals, as people write them, and arbitrary doubles in [0, 1].
            let d = Bool.random(using: &rng) ? Double(Int.random(in: 0...1000, using: &rng)) / [10.0, 100, 1000][Int.random(in: 0...2, using: &rng)]
                                             : Double.random(in: 0...1, using: &rng)
            let text = DataValue.format(d)
            #expect(Double(text) == d, "\(text) does not read back as \(d)")
            #expect(Self.appended(d) == text, "\(d) appended as bytes")
            if d != d.rounded() { #expect(text == "\(d)", "\(d)"); checked += 1 }
        }
        #expect(checked > 100_000)
        #expect(DataValue.format(0.16) == "0.16" && DataValue.format(0.001) == "0.001" && DataValue.format(0.0005) == "0.0005")
        #expect(DataValue.format(1) == "1" && DataValue.format(0) == "0" && DataValue.format(0.1 + 0.2) == "0.30000000000000004")
        for d in [0.0, 1, 0.001, 0.0015, 0.002, 0.01, 0.05, 0.1, 0.105, 0.25, 0.999, 0.9995, 1 - 1e-16, 0.5, -0.25, 2.5, 1e-300, .infinity, -0.0, 0.1 + 0.2] {
            #expect(Self.appended(d) == DataValue.format(d), "\(d) appended as bytes")
        }
    }

    /// ``DataValue/appendFormatted(_:to:)``'s bytes, as text.
    static func appended(_ d: Double) -> String {
        var bytes = Pile<UInt8>(capacity: 4)
        defer { bytes.free() }
        DataValue.appendFormatted(d, to: &bytes)
        return String(decoding: UnsafeBufferPointer(bytes.buffer), as: UTF8.self)
    }

    /// The few-decimals test takes three places at once, and the nearest integer by cutting
    /// x + 0.5: the same text as Swift's for every number of up to three decimals in (0, 1),
    /// the numbers halfway between them, and their neighbours a hair either side.
    @Test func numbersNearAFewDecimalsAreFormattedAsSwiftFormatsThem() {
        var wrong: [Double] = []
        for m in 0..<1_000 {
            for x in [Double(m), Double(m) + 0.5, Double(m) + 0.25] {
                let d = x / 1000
                for near in [d, d.nextUp, d.nextDown, d.nextUp.nextUp, d.nextDown.nextDown] where near > 0 && near < 1 {
                    if DataValue.format(near) != "\(near)" || Self.appended(near) != "\(near)" { wrong.append(near) }
                }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(8))")
        // And every number of up to three decimals takes the short way, with its fewest places.
        for k in 1...3 {
            let scale = [10, 100, 1000][k - 1]
            for m in 1..<scale where m % 10 != 0 || k == 1 {
                let d = Double(m) / Double(scale)
                guard d > 0.001 else { continue }
                let found = DataValue.shortDecimalDigits(d)
                #expect(found?.digits == m && found?.places == k, "\(m) / \(scale)")
            }
        }
        #expect(DataValue.format(0.5) == "0.5" && DataValue.format(0.05) == "0.05" && DataValue.format(0.125) == "0.125" && DataValue.format(0.0125) == "0.0125")
    }
}

/// Each rule for ids refuses with its own reason, and what the rules allow passes, ASCII or not.
struct IDRuleTests {
    @Test func eachRuleRefusesWithItsReason() {
        func reason(_ id: String) -> String? {
            do throws(MapError) { try ArgumentMap.validate(id: id); return nil } catch {
                if case .invalidID(_, let reason) = error { return reason }
                return "\(error)"
            }
        }
        for id in ["a", "c12", "a/b", "a*b", "*/", "Вопрос 1", "café", "東京", "a-b", "x - y", "-x"] {
            #expect(reason(id) == nil, "\(id)")
        }
        #expect(reason("")?.contains("empty") == true)
        for id in [" a", "a ", "a\u{00A0}", "\u{3000}a"] { #expect(reason(id)?.contains("start or end with a space") == true, "\(id)") }
        for id in ["a[1]", "<a>", "{a}", "a]", "a\tb", "a\nb", "a\u{7F}", "a\u{85}b", "Вопрос\u{9F}"] {
            #expect(reason(id)?.contains("control characters") == true, "\(id)")
        }
        for id in ["- x", "+ x", "_ x"] { #expect(reason(id)?.contains("followed by a space") == true, "\(id)") }
        for id in ["a//b", "a/*b", "//", "Вопрос//1"] { #expect(reason(id)?.contains("open comments") == true, "\(id)") }
    }

    /// Character by character, between two letters: exactly the ASCII controls, DEL and
    /// [ ] < > { } are refused, up to U+07FF (whose second UTF-8 byte runs through every value
    /// an ASCII character's low six bits can have), the C1 controls aside.
    @Test func exactlyTheForbiddenCharactersAreRefused() {
        let forbidden = Set("[]<>{}".unicodeScalars.map(\.value)).union(0..<0x20).union([0x7F])
        for value in UInt32(0)..<0x800 where !(0x80..<0xA0).contains(value) {
            let id = "a" + String(Character(Unicode.Scalar(value)!)) + "b"
            let refused = (try? ArgumentMap.validate(id: id)) == nil
            #expect(refused == forbidden.contains(value), "U+\(String(value, radix: 16))")
        }
    }
}
