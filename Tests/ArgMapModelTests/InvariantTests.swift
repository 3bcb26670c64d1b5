import Testing
@testable import ArgMapModel

/// The invariant check finds each way the flat storage can be broken, and names where, on a
/// small map and on one large enough to be checked in parts on both cores.
struct InvariantTests {
    struct Parts {
        var claims: [Claim]
        var relations: [Relation]
        var incoming: [[Int]]
        var outgoing: [[Int]]
        var index: IDIndex?

        init(_ map: ArgumentMap) {
            (claims, relations, incoming, outgoing) = (map.claims, map.relations, map.incoming.map(Array.init), map.outgoing.map(Array.init))
        }

        /// The map these parts make, its id index built from `indexed` (the claims, unless said).
        func problems(indexed: [Claim]? = nil, index given: IDIndex? = nil) throws -> [String] {
            let index = given ?? (indexed ?? claims).indices.reduce(into: IDIndex(capacity: claims.count)) { index, c in
                #expect(index.insert(c, id: (indexed ?? claims)[c].id, in: indexed ?? claims) == nil)
            }
            return try ArgumentMap(title: nil, frontmatter: nil, checkedClaims: claims, relations: relations, indexByID: index,
                                   incoming: RelationLists(incoming), outgoing: RelationLists(outgoing)).invariantViolations()
        }
    }

    @Test(arguments: [300, 120_000])
    func findsEachBreak(claims n: Int) throws {
        let map = MapGenerator.generate(.init(claims: n, shape: .dag, seed: 4))
        let sound = Parts(map)
        #expect(try sound.problems().isEmpty)
        // A relation from the second half of the claims, answering a claim with other answers.
        let r = try #require(map.relations.indices.last { map.relations[$0].from > n / 2 && map.incoming[map.relations[$0].to].count > 1 })
        let (from, to) = (map.relations[r].from, map.relations[r].to)
        func expect(_ problems: [String], _ wanted: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
            #expect(problems.contains(wanted), "\(problems.prefix(5)) lacks \(wanted)", sourceLocation: sourceLocation)
        }

        var p = sound
        p.incoming[to].removeAll { $0 == r }
        expect(try p.problems(), "relation \(r) missing from incoming")

        p = sound
        p.outgoing[from].removeAll { $0 == r }
        expect(try p.problems(), "relation \(r) missing from outgoing")

        p = sound
        let other = (to + 1) % n
        p.incoming[other] = (p.incoming[other] + [r]).sorted()
        expect(try p.problems(), "adjacency of \(map.claims[other].id) has stale entries")

        p = sound
        p.relations[r].weight = 1.5
        expect(try p.problems(), "weight of relation \(r) out of range")

        p = sound
        p.relations[r].to = n + 3
        expect(try p.problems(), "relation \(r) points outside the map")

        p = sound
        p.incoming[to].reverse()
        expect(try p.problems(), "adjacency of \(map.claims[to].id) is not in relation order")

        p = sound
        p.claims[from].base = -0.5
        expect(try p.problems(), "base of \(map.claims[from].id) out of range")

        p = sound
        p.claims[from].id = "a[1]"
        expect(try p.problems(indexed: p.claims), "invalid id a[1]")

        // The same pair related twice.
        p = sound
        p.relations.append(Relation(from: from, to: to, type: .attack, weight: 1))
        p.incoming[to].append(p.relations.count - 1)
        p.outgoing[from].append(p.relations.count - 1)
        expect(try p.problems(), "duplicate relation \(p.relations.count - 1)")

        // Two claims with one id: the index was made before the second took it.
        p = sound
        p.claims[from].id = map.claims[to].id
        expect(try p.problems(indexed: map.claims), "id \(map.claims[to].id) is duplicated or maps to the wrong index")

        // Two claims with one id, each with its entry in the index: the second entry was put
        // in while the other claim had another id. Only the walk from an entry's slot to the
        // entry, past another entry for the same id, sees it.
        p = sound
        p.claims[from].id = map.claims[to].id
        var renamed = p.claims
        renamed[to].id = "renamed"
        var twice = IDIndex(capacity: n)
        for c in 0..<n where c != from { #expect(twice.insert(c, id: p.claims[c].id, in: p.claims) == nil) }
        #expect(twice.insert(from, id: p.claims[from].id, in: renamed) == nil)
        expect(try p.problems(index: twice), "id \(map.claims[to].id) is duplicated or maps to the wrong index")

        // A relation listed under another claim than its target, the count of entries right.
        p = sound
        p.incoming[to].removeAll { $0 == r }
        p.incoming[other] = (p.incoming[other] + [r]).sorted()
        let moved = try p.problems()
        expect(moved, "adjacency of \(map.claims[other].id) has stale entries")
        expect(moved, "relation \(r) missing from incoming")

        // An index that sends two ids to each other's claims.
        p = sound
        var swapped = map.claims
        swapped.swapAt(from, to)
        let problems = try p.problems(indexed: swapped)
        expect(problems, "id \(map.claims[from].id) is duplicated or maps to the wrong index")
        expect(problems, "id \(map.claims[to].id) is duplicated or maps to the wrong index")
    }

    /// The index's own check counts its entries: one past the claims (a claim removed, its
    /// entry left) is seen, though every claim is found where it is.
    @Test func theIndexCountsItsEntries() throws {
        let claims = (0..<1_000).map { Claim(id: "k\($0)") }
        var index = try IDIndex.of(claims).get()
        let hashes = IDIndex.hashes(claims, lanes: 2)
        #expect(index.misplaced(claims, hashes: hashes).claims.isEmpty && index.misplaced(claims, hashes: hashes).entries == 1_000)
        let more = claims + [Claim(id: "gone")]
        #expect(index.insert(1_000, id: "gone", in: more) == nil)
        let (misplaced, entries) = index.misplaced(claims, hashes: hashes)
        #expect(misplaced.isEmpty)
        #expect(entries == 1_001)
    }

    /// The index's own check names each claim it does not find where it is, once: a claim
    /// named by two entries (the second put in as if its id were another claim's, looked up
    /// in claims where that number holds another id), a claim with no entry; and it counts an
    /// entry for no claim.
    @Test func theIndexCheckNamesEachMisplacedClaimOnce() throws {
        let claims = (0..<1_000).map { Claim(id: "k\($0)") }
        let twice = 123
        var index = IDIndex(capacity: claims.count)
        #expect(index.insert(twice, id: claims[twice].id, in: claims) == nil)
        var disguised = claims
        disguised[twice].id = "someone-else"
        #expect(index.insert(twice, id: claims[twice].id, in: disguised) == nil)
        for c in claims.indices where c != twice { #expect(index.insert(c, id: claims[c].id, in: claims) == nil) }
        let hashes = IDIndex.hashes(claims, lanes: 1)
        let one = index.misplaced(claims, hashes: hashes)
        #expect(one.claims == [twice] && one.entries == 1_001)
        // A claim with no entry, and an entry for a claim past the last.
        let missing = (twice + 500) % claims.count
        index.remove(claims[missing].id, in: claims)
        #expect(index.insert(claims.count, id: "past-the-end", in: claims + [Claim(id: "past-the-end")]) == nil)
        let more = index.misplaced(claims, hashes: hashes)
        #expect(more.claims == [twice, missing] && more.entries == 1_001)
    }
}
