/// An argument map: claims and the relations between them, stored flat.
///
/// Claims live in one contiguous array and are addressed by index; relations name their ends
/// by index; each claim's incoming and outgoing relations are index lists; ids map to indices
/// through one ``IDIndex``. Nothing walks the graph recursively, so maps of a million claims, or
/// chains a million deep, are fine.
///
/// Every change goes through ``apply(_:)``, which checks the edit, performs it and returns its
/// inverse, so that undo, a journal and incremental scoring all build on one small set of
/// operations.
public struct ArgumentMap: Sendable {
    /// The map's title (from the frontmatter's `title:`), if any.
    public var title: String?
    /// The frontmatter's YAML as written between the `===` lines, kept and written back unchanged.
    public var frontmatter: String?

    public private(set) var claims: [Claim] = []
    public private(set) var relations: [Relation] = []
    /// For each claim, the indices of the relations pointing at it, in relation order.
    public private(set) var incoming = RelationLists()
    /// For each claim, the indices of the relations leaving it, in relation order.
    public private(set) var outgoing = RelationLists()
    private(set) var indexByID = IDIndex()

    public init(title: String? = nil) {
        self.title = title
    }

    public var count: Int { claims.count }
    public var isEmpty: Bool { claims.isEmpty }

    /// The index of the claim with this id.
    /// - Complexity: O(1) on average.
    public func index(of id: String) -> Int? { indexByID.find(id, in: claims) }

    /// The numbers of the claims with these ids (-1 where no claim has one), looked up
    /// together: many lookups in flight at once, where one at a time waits for each.
    public func indices(of ids: [String]) -> [Int] { indexByID.find(all: ids, in: claims) }

    /// ``indices(of:)`` with the ids' hashes (``IDIndex/hashes(of:)``) at hand.
    func indices(of ids: [String], hashes: [UInt32]) -> [Int] { indexByID.find(all: ids, hashes: hashes, in: claims) }

    public func claim(_ id: String) -> Claim? {
        index(of: id).map { claims[$0] }
    }

    /// The index of the relation from one claim to another, if there is one.
    /// - Complexity: O(out-degree of `from`).
    public func relationIndex(from: Int, to: Int) -> Int? {
        outgoing[from].first(where: { relations[$0].to == to })
    }

    public func spec(of relation: Relation) -> RelationSpec {
        RelationSpec(from: claims[relation.from].id, to: claims[relation.to].id, type: relation.type, weight: relation.weight)
    }

    /// Every relation, named by the ids of its ends, in relation order.
    public var relationSpecs: [RelationSpec] { relations.map(spec(of:)) }

    /// Builds a map in one pass from claims and relations (by claim index), checking what the
    /// edits would check: valid, unique ids; values in range; relation ends inside the map; at
    /// most one relation between two claims. Readers use it to load large files quickly.
    /// - Complexity: O(claims + relations).
    public init(title: String? = nil, frontmatter: String? = nil, claims: [Claim], relations: [Relation]) throws(MapError) {
        let title = ArgumentMap.normalized(title: title), frontmatter = ArgumentMap.normalized(frontmatter: frontmatter)
        try ArgumentMap.validate(title: title, frontmatter: frontmatter)
        self.title = title
        self.frontmatter = frontmatter
        var claims = claims
        for i in claims.indices {
            // Written only when it changes, so that the readers' array is not copied.
            if !Claim.isNormalText(claims[i].text) { claims[i].text = Claim.foldedText(claims[i].text) }
            if claims[i].tags.count > 1 { claims[i].tags = Claim.uniqueTags(claims[i].tags) }
            let claim = claims[i]
            try ArgumentMap.validate(id: claim.id)
            try ArgumentMap.validate(value: claim.base, name: "base")
            try ArgumentMap.validate(controls: claim)
        }
        switch IDIndex.of(claims) {
        case .success(let index): indexByID = index
        case .failure(let duplicate): throw .duplicateID(claims[duplicate.claim].id)
        }
        var pairs = Set<Int>()
        pairs.reserveCapacity(relations.count)
        for relation in relations {
            guard claims.indices.contains(relation.from), claims.indices.contains(relation.to) else {
                throw .unknownClaim("#\(claims.indices.contains(relation.from) ? relation.to : relation.from)")
            }
            try ArgumentMap.validate(value: relation.weight, name: "weight")
            if !pairs.insert(relation.from &* claims.count &+ relation.to).inserted {
                throw .relationExists(from: claims[relation.from].id, to: claims[relation.to].id, type: relation.type)
            }
        }
        self.claims = claims
        self.relations = relations
        rebuildAdjacency()
    }

    /// Builds a map from claims, relations and the id index of a reader that has already made
    /// every check of ``init(title:frontmatter:claims:relations:)`` as it scanned (ids valid
    /// and unique, values in range, texts in normal form without control characters, relation
    /// ends inside the map, one relation per pair): the argument-file reader's fast path, which
    /// would otherwise pay for a second pass over a million claims. The title and frontmatter
    /// are still checked here, and the adjacency lists must be those ``RelationLists/init(_:count:byTarget:lanes:)`` builds.
    /// Tests compare what it builds with the checked initializer's map.
    /// - Complexity: O(1) beyond the title and frontmatter.
    package init(title: String?, frontmatter: String?, checkedClaims claims: [Claim], relations: [Relation], indexByID: IDIndex,
                 incoming: RelationLists, outgoing: RelationLists) throws(MapError) {
        let title = ArgumentMap.normalized(title: title), frontmatter = ArgumentMap.normalized(frontmatter: frontmatter)
        try ArgumentMap.validate(title: title, frontmatter: frontmatter)
        assert(indexByID.count == claims.count)
        self.title = title
        self.frontmatter = frontmatter
        self.claims = claims
        self.relations = relations
        self.indexByID = indexByID
        self.incoming = incoming
        self.outgoing = outgoing
    }

    /// Builds a map from claims and relations a map held (its title and frontmatter too), so
    /// with nothing to check: its id index and adjacency lists made afresh.
    /// - Complexity: O(claims + relations).
    init(title: String?, frontmatter: String?, checked claims: [Claim], relations: [Relation]) {
        self.title = title
        self.frontmatter = frontmatter
        guard case .success(let index) = IDIndex.of(claims) else { preconditionFailure("the ids of a map's claims are unique") }
        self.claims = claims
        self.relations = relations
        indexByID = index
        rebuildAdjacency()
    }

    // MARK: - Primitive storage operations (checked by the edits that call them)

    mutating func appendClaimUnchecked(_ claim: Claim) {
        claims.append(claim)
        indexByID.insert(claims.count - 1, id: claim.id, in: claims)
        incoming.appendEmpty()
        outgoing.appendEmpty()
    }

    /// - Complexity: O(1) amortized at the end; O(claims + relations) elsewhere.
    mutating func insertClaimUnchecked(_ claim: Claim, at position: Int) {
        if position == claims.count { appendClaimUnchecked(claim); return }
        insertClaimsUnchecked([claim], at: [position])
    }

    /// The relations touching the claims at `positions`, ascending, each once. `gone`, when
    /// given, marks the same claims (by claim number): when they are many (``removesMany(_:)``),
    /// the relations are read down in order instead, those with an end marked kept,
    /// in two pieces on both cores for a large map (no list of them gathered and sorted, which
    /// for half of a chain a million deep took longer than the pass).
    /// - Complexity: O(d log d) for the d relations touching them; O(relations) with `gone`
    ///   and many claims.
    func relations(touching positions: [Int], gone: [Bool]? = nil) -> [Int] {
        if let gone, removesMany(positions.count) {
            return gone.withUnsafeBufferPointer { gone in
                relations.withUnsafeBufferPointer { relations in
                    let pieces = Parallel.pieces(0..<relations.count, relations.count >= 1 << 16 ? 2 : 1)
                    return Parallel.concatenating(capacities: pieces.map(\.count)) { k, out in
                        var kept = 0
                        for r in pieces[k] where gone[relations[r].from] || gone[relations[r].to] {
                            (out + kept).initialize(to: r)
                            kept += 1
                        }
                        return (kept, true)
                    }!
                }
            }
        }
        var touching: [Int] = []
        // The lists read in place: a list read through its subscript counts a reference to the
        // storage, twice per claim.
        incoming.withUnsafeLists { incoming in
            outgoing.withUnsafeLists { outgoing in
                touching.reserveCapacity(positions.reduce(0) { $0 + incoming[$1].count + outgoing[$1].count })
                for c in positions {
                    for r in incoming[c] { touching.append(r) }
                    for r in outgoing[c] { touching.append(r) }
                }
            }
        }
        return touching.sortedDistinct()
    }

    /// Removes the claims at `positions` (ascending) and the relations touching them
    /// (`goneRelations`, ascending, as ``relations(touching:)`` lists them), renumbering the
    /// rest, in place. `gone`, when given, marks the same claims, whose own lists are then not
    /// rewritten on the way out, and whose entries leave the id index in one pass down it
    /// when they are many (``removesMany(_:)``). Returns the claims removed, in order.
    /// - Complexity: O(claims + relations), the passes over the whole map on both cores.
    @discardableResult
    mutating func removeClaimsUnchecked(_ gone: [Bool]?, positions: [Int], relations goneRelations: [Int]) -> [Claim] {
        if let first = goneRelations.first {
            Self.renumberLists(&incoming, &outgoing, relations: relations, from: first, skipping: gone, Renumbering(removing: goneRelations))
        }
        // The id index loses the claims and renumbers the rest (it reads no claim to renumber,
        // so the claims can still be where they were): on a large map on one core, while the
        // other moves the claims, lists and relations down and renumbers the relations' ends.
        // (One pass down the table is bound by its reads at random, the moves by memory's
        // throughput: at once they take about as long as the longer, where each on both cores
        // in turn took both.)
        let newClaim = Renumbering(removing: positions)
        var index = IDIndex()
        swap(&index, &indexByID)
        defer { swap(&index, &indexByID) }
        let marked = gone != nil && removesMany(positions.count)
        if !marked { for c in positions { index.remove(claims[c].id, in: claims) } }
        func renumberIndex() {
            if marked, let gone {
                index.remove(marked: gone, renumbering: newClaim)
            } else if let first = positions.first {
                index.renumber(from: first, newClaim)
            }
        }
        func move() -> [Claim] {
            let removed = claims.remove(atAscending: positions, leaving: Claim(id: ""))
            incoming.remove(atAscending: positions)
            outgoing.remove(atAscending: positions)
            relations.remove(atAscending: goneRelations)
            if let first = positions.first { renumberEnds(from: first, newClaim) }
            return removed
        }
        return Parallel.both(if: claims.count >= Self.movesBesideIndexFrom, renumberIndex, move).1
    }

    /// Whether a removal of `count` claims takes out many (``ClaimsFound/areMany(_:of:)``):
    /// then the relations touching them (``relations(touching:gone:)``) and their entries in
    /// the id index (``removeClaimsUnchecked(_:positions:relations:)``) are found in a pass
    /// over all, marked claim by claim, which costs less than finding each.
    private func removesMany(_ count: Int) -> Bool { ClaimsFound.areMany(count, of: claims.count) }

    /// The fewest claims for which an insertion or removal renumbers the id index on one core
    /// while the other moves the claims (``removeClaimsUnchecked(_:positions:relations:)``).
    static let movesBesideIndexFrom = 1 << 16

    /// Inserts claims so that each ends at its position (positions ascending), renumbering the
    /// others, in one pass; relations keep their numbers, so no list is rewritten. `hashes`,
    /// when given, holds the inserted ids' hashes (``IDIndex/hashes(of:)``), in the same order;
    /// `newClaim`, the claims' renumbering (``Renumbering/init(inserting:)``). Then `links`, by
    /// their ends' new numbers, each at its number in `linkNumbers` (ascending), as
    /// ``insertRelationsUnchecked(_:at:)`` inserts them, while the id index takes the new ids.
    /// - Complexity: O(claims + relations), the passes over the whole map on both cores; none
    ///   where the claims go after the last (a removal of the map's last claims, undone).
    mutating func insertClaimsUnchecked(_ inserted: [Claim], at positions: [Int], hashes: [UInt32]? = nil, _ newClaim: Renumbering? = nil,
                                        relations links: [Relation] = [], at linkNumbers: [Int] = []) {
        guard let firstPosition = positions.first else { insertRelationsUnchecked(links, at: linkNumbers); return }
        // After the last claim, no claim's number moves.
        let appending = firstPosition == claims.count
        let newClaim = appending ? nil : newClaim ?? Renumbering(inserting: positions)
        // The id index renumbered on one core while the other moves the claims up, as a
        // removal does (``movesBesideIndexFrom``).
        func move() {
            claims.insert(inserted, atAscending: positions)
            incoming.insertEmpty(atAscending: positions)
            outgoing.insertEmpty(atAscending: positions)
            if let newClaim { renumberEnds(from: firstPosition, newClaim) }
        }
        var index = IDIndex()
        swap(&index, &indexByID)
        if let newClaim {
            _ = Parallel.both(if: claims.count >= Self.movesBesideIndexFrom, { index.renumber(from: firstPosition, newClaim) }, move)
        } else {
            move()
        }
        let hashes = hashes ?? IDIndex.hashes(of: inserted.map(\.id))
        // The new ids into the index on one core, while the other puts the relations in (it
        // changes only the relations and their lists: the index reads the claims as they are).
        let all = claims
        func indexInserted() {
            // Each id's slot is a read at random: the slot of the id eight on is asked for ahead.
            for k in inserted.indices {
                index.prefetchSlot(hashes[min(k + 8, hashes.count - 1)])
                index.insert(positions[k], id: inserted[k].id, hash: hashes[k], in: all)
            }
        }
        _ = Parallel.both(if: inserted.count + links.count >= Self.movesBesideIndexFrom, indexInserted, { insertRelationsUnchecked(links, at: linkNumbers) })
        swap(&index, &indexByID)
    }

    /// Maps every relation end numbered `first` or more through `newClaim`; a large map's
    /// relations in pieces on both cores.
    private mutating func renumberEnds(from first: Int, _ newClaim: Renumbering) {
        relations.withUnsafeMutableBufferPointer { buffer in
            let all = Parallel.Unchecked(buffer)
            Parallel.forEachPiece(buffer.count, minimum: 1 << 16) { piece in
                let relations = all.value
                for r in piece {
                    if relations[r].from >= first { relations[r].from = newClaim(relations[r].from) }
                    if relations[r].to >= first { relations[r].to = newClaim(relations[r].to) }
                }
            }
        }
    }

    /// Inserts relations so that each ends at its position (positions ascending), in one pass;
    /// only the lists holding a renumbered relation are rewritten.
    /// - Complexity: O(claims + relations).
    mutating func insertRelationsUnchecked(_ inserted: [Relation], at positions: [Int]) {
        guard !inserted.isEmpty else { return }
        let oldCount = relations.count
        // Where each lands: at its position, after the one inserted before it, and no further
        // than the end.
        var newNumbers: [Int] = []
        newNumbers.reserveCapacity(inserted.count)
        for (j, position) in positions.enumerated() {
            newNumbers.append(min(max(position, (newNumbers.last ?? -1) + 1), oldCount + j))
        }
        if newNumbers[0] < oldCount {
            Self.renumberLists(&incoming, &outgoing, relations: relations, from: newNumbers[0], skipping: nil, Renumbering(inserting: newNumbers))
        }
        relations.insert(inserted, atAscending: newNumbers)
        if inserted.count > 1 {
            incoming.reserveRoom(for: inserted.map(\.to))
            outgoing.reserveRoom(for: inserted.map(\.from))
        }
        for r in newNumbers {
            incoming.insert(r, into: relations[r].to)
            outgoing.insert(r, into: relations[r].from)
        }
    }

    /// Removes the relations at `positions` (ascending), renumbering the rest.
    /// - Complexity: O(claims + relations after the first removed).
    mutating func removeRelationsUnchecked(_ positions: [Int]) {
        guard let first = positions.first else { return }
        Self.renumberLists(&incoming, &outgoing, relations: relations, from: first, skipping: nil, Renumbering(removing: positions))
        relations.remove(atAscending: positions)
    }

    /// Renumbers the relations `first` or more in the lists (of the claims not skipped), mapping
    /// each number through `newNumber` and dropping the relations it removes. A renumbering
    /// keeps relation order, so each list stays in order.
    private static func renumberLists(_ incoming: inout RelationLists, _ outgoing: inout RelationLists, relations: [Relation], from first: Int,
                                      skipping gone: [Bool]?, _ newNumber: Renumbering) {
        if relations.count - first <= 4_096 {
            // Few relations move: rewrite the lists that hold them.
            var doneIn = Set<Int>(), doneOut = Set<Int>()
            var ins: [Int] = [], outs: [Int] = []
            for relation in relations[first...] {
                if gone?[relation.to] != true, doneIn.insert(relation.to).inserted { ins.append(relation.to) }
                if gone?[relation.from] != true, doneOut.insert(relation.from).inserted { outs.append(relation.from) }
            }
            incoming.renumber(from: first, only: ins, newNumber)
            outgoing.renumber(from: first, only: outs, newNumber)
            return
        }
        // Many do: the removed ones leave their lists, then every number moves in one pass over
        // each flat array.
        for r in newNumber.removed {
            if gone?[relations[r].to] != true { incoming.remove(r, from: relations[r].to) }
            if gone?[relations[r].from] != true { outgoing.remove(r, from: relations[r].from) }
        }
        incoming.renumberAll(from: first, newNumber)
        outgoing.renumberAll(from: first, newNumber)
    }

    mutating func appendRelationUnchecked(_ relation: Relation) {
        let r = relations.count
        relations.append(relation)
        incoming.insert(r, into: relation.to)
        outgoing.insert(r, into: relation.from)
    }

    /// - Complexity: O(1) amortized at the end; O(claims + relations after `position`) elsewhere.
    mutating func insertRelationUnchecked(_ relation: Relation, at position: Int) {
        if position == relations.count { appendRelationUnchecked(relation); return }
        insertRelationsUnchecked([relation], at: [position])
    }

    /// - Complexity: O(claims + relations after `position`).
    mutating func removeRelationUnchecked(at position: Int) {
        removeRelationsUnchecked([position])
    }

    /// Points relation `r` at claim `q` instead; it keeps its number, so only two lists change.
    /// - Complexity: O(in-degree of the two claims).
    mutating func retargetRelationUnchecked(_ r: Int, to q: Int) {
        incoming.remove(r, from: relations[r].to)
        relations[r].to = q
        incoming.insert(r, into: q)
    }

    mutating func updateClaimUnchecked(at position: Int, _ body: (inout Claim) -> Void) {
        body(&claims[position])
    }

    mutating func renameUnchecked(at position: Int, to newID: String) {
        indexByID.remove(claims[position].id, in: claims)
        claims[position].id = newID
        indexByID.insert(position, id: newID, in: claims)
    }

    mutating func setWeightUnchecked(relation r: Int, _ weight: Double) {
        relations[r].weight = weight
    }

    /// Rebuilds the adjacency lists from the relation array.
    /// - Complexity: O(claims + relations).
    mutating func rebuildAdjacency() {
        let relations = self.relations, count = claims.count
        guard relations.count >= 100_000 else {
            incoming = RelationLists(relations, count: count, byTarget: true)
            outgoing = RelationLists(relations, count: count, byTarget: false)
            return
        }
        // The two sides are independent: on a large map, one core builds each.
        let sides = Parallel.map(2) { k in RelationLists(relations, count: count, byTarget: k == 0) }
        incoming = sides[0]
        outgoing = sides[1]
    }
}

extension ArgumentMap: Equatable {
    /// Two maps are equal when they mean the same: the same title and frontmatter, the same
    /// claims (by id, whatever their order) and the same relations (by the ids of their ends).
    public static func == (lhs: ArgumentMap, rhs: ArgumentMap) -> Bool {
        guard lhs.title == rhs.title, lhs.frontmatter == rhs.frontmatter,
              lhs.claims.count == rhs.claims.count, lhs.relations.count == rhs.relations.count
        else { return false }
        for claim in lhs.claims where rhs.claim(claim.id) != claim { return false }
        return Set(lhs.relationSpecs) == Set(rhs.relationSpecs)
    }
}
