import Testing
@testable import ArgMapModel

/// The id index answers as a dictionary from id to claim number would, through insertions,
/// removals (which shift the entries after a hole back), renumbering and growth.
struct IDIndexTests {
    @Test(arguments: [1, 2, 3] as [UInt64])
    func answersAsADictionaryWould(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        // Few distinct ids, so that the table holds long runs of neighbours and removals shift them.
        var claims: [Claim] = []
        var index = IDIndex()
        var expected: [String: Int] = [:]
        for step in 0..<20_000 {
            let id = "k\(rng.next() % 3_000)"
            switch rng.next() % 4 {
            case 0, 1:
                claims.append(Claim(id: id))
                // By id, or with its hash at hand.
                let existing = step % 2 == 0 ? index.insert(claims.count - 1, id: id, in: claims)
                    : index.insert(claims.count - 1, id: id, hash: IDIndex.hash(id), in: claims)
                #expect(existing == expected[id], "step \(step)")
                if existing == nil { expected[id] = claims.count - 1 } else { claims.removeLast() }
            case 2:
                // Removing leaves the claim in place (as the map does before it compacts). By
                // id, or marked by claim number with a few others in one pass.
                if step % 2 == 0 || expected[id] == nil {
                    index.remove(id, in: claims)
                    expected[id] = nil
                } else {
                    var gone = [Bool](repeating: false, count: claims.count)
                    gone[expected[id]!] = true
                    for (other, c) in expected where rng.next() % 200 == 0 { gone[c] = true; expected[other] = nil }
                    expected[id] = nil
                    index.remove(marked: gone)
                }
            default:
                #expect(index.find(id, in: claims) == expected[id], "step \(step)")
            }
        }
        #expect(index.count == expected.count)
        for (id, c) in expected { #expect(index.find(id, in: claims) == c) }
        // Renumbering: one claim taken out (every later number moves down by one), then three,
        // then one put back in; the entries of the claims taken out go first, as the map's do.
        var live = claims.indices.filter { c in expected.values.contains(c) }
        #expect(live.count > 20)
        for removing in [[live[live.count / 2]], [live[1], live[5], live[9]]] {
            for c in removing { index.remove(claims[c].id, in: claims) }
            claims.remove(atAscending: removing)
            let renumbering = Renumbering(removing: removing)
            index.renumber(from: removing[0], renumbering)
            live = live.filter { !removing.contains($0) }.map { renumbering($0) }
            #expect(index.count == live.count)
            for c in live { #expect(index.find(claims[c].id, in: claims) == c, "after removing \(removing)") }
        }
        claims.insert(Claim(id: "put-back"), at: 3)
        index.renumber(from: 3, Renumbering(inserting: [3]))
        #expect(index.insert(3, id: "put-back", in: claims) == nil)
        live = live.map { $0 >= 3 ? $0 + 1 : $0 } + [3]
        for c in live { #expect(index.find(claims[c].id, in: claims) == c, "after putting one back") }
    }

    /// Claims removed in one pass down a large table (in two pieces at once), a third of them
    /// at random: every other claim is still found, and no removed one.
    @Test func manyMarkedClaimsLeaveInOnePass() throws {
        let claims = (0..<100_000).map { Claim(id: "m\($0)") }
        var index = try IDIndex.of(claims).get()
        var rng = SplitMix64(seed: 5)
        let gone = claims.indices.map { _ in rng.next() % 3 == 0 }
        index.remove(marked: gone)
        #expect(index.count == gone.filter { !$0 }.count)
        let found = index.find(all: claims.map(\.id), in: claims)
        #expect(claims.indices.allSatisfy { found[$0] == (gone[$0] ? -1 : $0) })
    }

    /// Claims removed from a large table (in two pieces at once) with the rest renumbered: a
    /// run of them (a claim with everything under it) in the pass that renumbers, anywhere in
    /// the numbers; scattered ones in the same pass, each entry marked or renumbered. Every
    /// other claim is found at its new number, and no removed one.
    @Test(arguments: [(1_000, 31_000), (0, 99_999), (99_000, 100_000), (5, 6), (-1, -1), (-2, -2)])
    func removedClaimsLeaveAndTheRestAreRenumbered(run: (start: Int, end: Int)) throws {
        var claims = (0..<100_000).map { Claim(id: "m\($0)") }
        var index = try IDIndex.of(claims).get()
        var rng = SplitMix64(seed: 9)
        // (-1, -1): every fifth claim or so, scattered (more runs than a search takes: a
        // table); (-2, -2): every 997th from 60,000 on, the claims before them unchanged.
        let positions = run.start >= 0 ? Array(run.start..<run.end)
            : run.start == -1 ? claims.indices.filter { _ in rng.next() % 5 == 0 } : Array(stride(from: 60_000, to: 100_000, by: 997))
        var gone = [Bool](repeating: false, count: claims.count)
        for c in positions { gone[c] = true }
        let renumbering = Renumbering(removing: positions)
        #expect((renumbering.shift != nil) == (run.start >= 0))
        let removedIDs = positions.map { claims[$0].id }
        index.remove(marked: gone, renumbering: renumbering)
        claims.remove(atAscending: positions)
        #expect(index.count == claims.count)
        #expect(index.find(all: claims.map(\.id), in: claims) == Array(claims.indices))
        #expect(index.find(all: removedIDs, in: claims).allSatisfy { $0 == -1 })
    }

    /// Ids are the same when Swift's `==` says so, as with the dictionary this index replaced:
    /// KELVIN SIGN is canonically K, and a decomposed é is the precomposed one.
    @Test func canonicallyEquivalentIdsAreOneId() {
        var claims = [Claim(id: "K"), Claim(id: "caf\u{E9}")]
        guard case .success(var index) = IDIndex.of(claims) else { Issue.record("no index"); return }
        #expect(index.find("\u{212A}", in: claims) == 0)
        #expect(index.find("cafe\u{301}", in: claims) == 1)
        claims.append(Claim(id: "\u{212A}"))
        #expect(index.insert(2, id: "\u{212A}", in: claims) == 0)
        #expect(index.find("k", in: claims) == nil)
        var map = ArgumentMap()
        #expect(throws: MapError.duplicateID("cafe\u{301}")) {
            try map.apply(.batch([.addClaim(Claim(id: "caf\u{E9}")), .addClaim(Claim(id: "cafe\u{301}"))]))
        }
        if case .failure(let duplicate) = IDIndex.of(claims) { #expect(duplicate.claim == 2) } else { Issue.record("duplicate not found") }
    }

    /// The id hash: canonically equivalent ids hash alike at every length the hash reads
    /// differently (up to 3 bytes, 4–7, 8–16, past 16), whether each is ASCII or not, and
    /// ids that differ in one byte anywhere do not.
    @Test func idHashFollowsCanonicalEquivalence() {
        for stem in ["", "ab", "abcdef", "abcdefghijklm", "abcdefghijklmnopqrstuvwxyz-0123456789"] {
            // KELVIN SIGN is K; e and a combining acute is é; the Greek question mark is ";".
            for (one, other) in [("K", "\u{212A}"), ("caf\u{E9}", "cafe\u{301}"), (";", "\u{37E}")] {
                for (x, y) in [(stem + one, stem + other), (one + stem, other + stem)] {
                    #expect(x == y)
                    #expect(IDHash.of(x) == IDHash.of(y), "\(x.unicodeScalars.count) scalars")
                }
            }
            let id = stem + "xyz"
            for k in 0..<id.utf8.count {
                var bytes = Array(id.utf8)
                bytes[k] ^= 1
                #expect(IDHash.of(id) != IDHash.of(String(decoding: bytes, as: UTF8.self)), "byte \(k) of \(id)")
            }
        }
    }

    /// The hash's low bits, which pick the slot, spread ids that differ little: 65,536 ids
    /// numbered in turn fill about as many of 65,536 slots as random numbers would (1 − 1/e,
    /// 63%), at each length the hash reads differently.
    @Test(arguments: ["c", "claim-", "a-much-longer-claim-id-number-"])
    func idHashSpreadsNumberedIds(prefix: String) {
        var taken = [Bool](repeating: false, count: 1 << 16)
        for k in 0..<(1 << 16) { taken[Int(IDHash.of(prefix + String(k)) & 0xFFFF)] = true }
        let filled = taken.filter { $0 }.count
        #expect(filled > 40_500 && filled < 42_400, "\(filled) slots")
    }
}

/// The block moves that remove and insert claims in place keep every element exactly once:
/// same order as the plain operations, and no element released twice or never (counted with
/// a class whose instances count themselves).
struct ArrayMovesTests {
    /// How many ``Counted`` of one test are alive (one tally per test: the seeds run at once).
    final class Tally { var alive = 0 }
    final class Counted {
        let value: Int
        let tally: Tally
        init(_ value: Int, _ tally: Tally) { self.value = value; self.tally = tally; tally.alive += 1 }
        deinit { tally.alive -= 1 }
    }

    @Test(arguments: [21, 22, 23, 24] as [UInt64])
    func removeAndInsertAsThePlainOperationsDo(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let tally = Tally()
        do {
            var array = (0..<500).map { Counted($0, tally) }
            var plain = array.map(\.value)
            for _ in 0..<50 {
                let positions = Array(Set((0..<(rng.next() % 8)).map { _ in Int(rng.next() % UInt64(max(array.count, 1))) })).sorted()
                    .filter { $0 < array.count }
                let removed = positions.map { array[$0] }
                // Dropped, or handed back (moved out, fillers left to release).
                if rng.next() % 2 == 0 {
                    array.remove(atAscending: positions)
                } else {
                    let handed = array.remove(atAscending: positions, leaving: Counted(-9, tally))
                    #expect(handed.map { ObjectIdentifier($0) } == removed.map { ObjectIdentifier($0) })
                }
                for p in positions.reversed() { plain.remove(at: p) }
                #expect(array.map(\.value) == plain)
                // Put them back where they were: the inverse.
                array.insert(removed, atAscending: positions)
                for (p, e) in zip(positions, removed) { plain.insert(e.value, at: p) }
                #expect(array.map(\.value) == plain)
                #expect(array.map(\.value) == Array(0..<500))
            }
            // Insertions at the ends and in runs.
            let extra = [Counted(-1, tally), Counted(-2, tally), Counted(-3, tally)]
            array.insert(extra, atAscending: [0, 1, 502])
            #expect(array.first?.value == -1 && array[1].value == -2 && array.last?.value == -3 && array.count == 503)
            array.remove(atAscending: [0, 1, 502])
            #expect(array.map(\.value) == Array(0..<500))
            // All at the end (appended, nothing moved), dropped from the end (nothing moved),
            // and put there again and handed back.
            let tail = [Counted(-4, tally), Counted(-5, tally)]
            array.insert(tail, atAscending: [500, 501])
            #expect(array.count == 502 && array[500].value == -4 && array[501].value == -5 && array.prefix(500).map(\.value) == Array(0..<500))
            array.remove(atAscending: [500, 501])
            #expect(array.map(\.value) == Array(0..<500))
            array.insert(tail, atAscending: [500, 501])
            let back = array.remove(atAscending: [500, 501], leaving: Counted(-9, tally))
            #expect(back.map(\.value) == [-4, -5] && array.map(\.value) == Array(0..<500))
            array.remove(atAscending: [497, 499])
            #expect(array.count == 498 && array[496].value == 496 && array[497].value == 498)
        }
        #expect(tally.alive == 0)
    }
}

/// A large map's index, built with its ids hashed first and its table filled in stretches at
/// once, answers as one built an insertion at a time, and still takes removals; an id met
/// twice anywhere gives it up, and the index then names the first claim that repeats one.
struct IDIndexBuildTests {
    static func claims(_ n: Int) -> [Claim] {
        (0..<n).map { Claim(id: $0 % 5 == 0 ? "Вопрос \($0)" : "k\($0)") }
    }

    @Test(arguments: [1, 2, 8])
    func answersAsInsertingOneAtATimeDoes(lanes: Int) throws {
        var claims = Self.claims(60_000)
        var index = try #require(IDIndex.hashedFirst(claims, lanes: lanes))
        #expect(index.count == claims.count)
        #expect(claims.indices.allSatisfy { index.find(claims[$0].id, in: claims) == $0 })
        #expect(index.find("k60000", in: claims) == nil)
        // Looked up together, in any order, with ids that are not there.
        let asked = stride(from: claims.count - 1, through: 0, by: -7).map { claims[$0].id } + ["k60000", "Вопрос 3"]
        #expect(index.find(all: asked, in: claims) == stride(from: claims.count - 1, through: 0, by: -7).map { $0 } + [-1, -1])
        // Removals shift entries back over the stretches' borders and the end of the table.
        var rng = SplitMix64(seed: 9)
        var removed = Set<Int>()
        for _ in 0..<5_000 {
            let c = Int(rng.next() % UInt64(claims.count))
            index.remove(claims[c].id, in: claims)
            removed.insert(c)
        }
        #expect(claims.indices.allSatisfy { index.find(claims[$0].id, in: claims) == (removed.contains($0) ? nil : $0) })
        // And insertions after it.
        claims.append(Claim(id: "new"))
        #expect(index.insert(claims.count - 1, id: "new", in: claims) == nil)
        #expect(index.find("new", in: claims) == claims.count - 1)
    }

    @Test(arguments: [(10, 59_000), (59_998, 59_999), (0, 30_000)])
    func anIdMetTwiceIsFoundWhereverItIs(first: Int, second: Int) {
        var claims = Self.claims(60_000)
        claims[second].id = claims[first].id
        for lanes in [1, 2, 8] { #expect(IDIndex.hashedFirst(claims, lanes: lanes) == nil) }
        guard case .failure(let duplicate) = IDIndex.of(claims) else { Issue.record("no duplicate found"); return }
        #expect(duplicate.claim == second)
    }

    @Test func canonicallyEquivalentIdsAreMetTwice() {
        var claims = Self.claims(60_000)
        claims[100].id = "caf\u{E9}"
        claims[50_000].id = "cafe\u{301}"
        #expect(IDIndex.hashedFirst(claims, lanes: 2) == nil)
        guard case .failure(let duplicate) = IDIndex.of(claims) else { Issue.record("no duplicate found"); return }
        #expect(duplicate.claim == 50_000)
    }
}
