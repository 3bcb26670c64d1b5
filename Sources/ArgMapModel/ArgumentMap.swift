import Dispatch

/// An argument map: claims and the relations between them, stored flat.
///
/// Claims live in one contiguous array and are addressed by index; relations name their ends
/// by index; each claim's incoming and outgoing relations are index lists; ids map to indices
/// through one dictionary. Nothing walks the graph recursively, so maps of a million claims, or
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
    public private(set) var incoming: [[Int]] = []
    /// For each claim, the indices of the relations leaving it, in relation order.
    public private(set) var outgoing: [[Int]] = []
    private var indexByID: [String: Int] = [:]

    public init(title: String? = nil) {
        self.title = title
    }

    public var count: Int { claims.count }
    public var isEmpty: Bool { claims.isEmpty }

    /// The index of the claim with this id.
    /// - Complexity: O(1) on average.
    public func index(of id: String) -> Int? { indexByID[id] }

    public func claim(_ id: String) -> Claim? {
        indexByID[id].map { claims[$0] }
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
        indexByID.reserveCapacity(claims.count)
        var claims = claims
        for i in claims.indices {
            // Written only when it changes, so that the readers' array is not copied.
            if !Claim.isNormalText(claims[i].text) { claims[i].text = Claim.foldedText(claims[i].text) }
            if claims[i].tags.count > 1 { claims[i].tags = Claim.uniqueTags(claims[i].tags) }
            let claim = claims[i]
            try ArgumentMap.validate(id: claim.id)
            try ArgumentMap.validate(value: claim.base, name: "base")
            try ArgumentMap.validate(controls: claim)
            if indexByID.updateValue(i, forKey: claim.id) != nil { throw .duplicateID(claim.id) }
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
    /// are still checked here, and the adjacency lists must be those of ``adjacency(_:count:)``.
    /// Tests compare what it builds with the checked initializer's map.
    /// - Complexity: O(1) beyond the title and frontmatter.
    package init(title: String?, frontmatter: String?, checkedClaims claims: [Claim], relations: [Relation], indexByID: [String: Int],
                 incoming: [[Int]], outgoing: [[Int]]) throws(MapError) {
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

    // MARK: - Primitive storage operations (checked by the edits that call them)

    mutating func appendClaimUnchecked(_ claim: Claim) {
        indexByID[claim.id] = claims.count
        claims.append(claim)
        incoming.append([])
        outgoing.append([])
    }

    mutating func insertClaimUnchecked(_ claim: Claim, at position: Int) {
        if position == claims.count { appendClaimUnchecked(claim); return }
        claims.insert(claim, at: position)
        for i in relations.indices {
            if relations[i].from >= position { relations[i].from += 1 }
            if relations[i].to >= position { relations[i].to += 1 }
        }
        for i in position..<claims.count { indexByID[claims[i].id] = i }
        rebuildAdjacency()
    }

    /// Removes a claim that has no relations left.
    mutating func removeClaimUnchecked(at position: Int) {
        precondition(incoming[position].isEmpty && outgoing[position].isEmpty)
        indexByID[claims[position].id] = nil
        claims.remove(at: position)
        if position == claims.count {
            incoming.removeLast()
            outgoing.removeLast()
            return
        }
        for i in relations.indices {
            if relations[i].from > position { relations[i].from -= 1 }
            if relations[i].to > position { relations[i].to -= 1 }
        }
        for i in position..<claims.count { indexByID[claims[i].id] = i }
        rebuildAdjacency()
    }

    /// Removes the claims marked gone and every relation that touches them, renumbering the
    /// rest, in one pass.
    /// - Complexity: O(claims + relations).
    mutating func removeClaimsUnchecked(_ gone: [Bool]) {
        var newIndex = [Int](repeating: -1, count: claims.count)
        var kept: [Claim] = []
        kept.reserveCapacity(claims.count)
        var firstShifted = claims.count
        for c in claims.indices {
            if gone[c] {
                indexByID[claims[c].id] = nil
                firstShifted = min(firstShifted, c)
            } else {
                newIndex[c] = kept.count
                kept.append(claims[c])
            }
        }
        relations = relations.compactMap { r in
            gone[r.from] || gone[r.to] ? nil : Relation(from: newIndex[r.from], to: newIndex[r.to], type: r.type, weight: r.weight)
        }
        claims = kept
        for i in min(firstShifted, claims.count)..<claims.count { indexByID[claims[i].id] = i }
        rebuildAdjacency()
    }

    /// Inserts claims so that each ends at its position (positions ascending), renumbering the
    /// others, in one pass.
    /// - Complexity: O(claims + relations).
    mutating func insertClaimsUnchecked(_ inserted: [Claim], at positions: [Int]) {
        guard !inserted.isEmpty else { return }
        let total = claims.count + inserted.count
        var merged: [Claim] = []
        merged.reserveCapacity(total)
        var oldToNew = [Int](repeating: 0, count: claims.count)
        var j = 0, old = 0
        for position in 0..<total {
            if j < inserted.count, positions[j] == position {
                merged.append(inserted[j])
                j += 1
            } else {
                oldToNew[old] = position
                merged.append(claims[old])
                old += 1
            }
        }
        for i in relations.indices {
            relations[i].from = oldToNew[relations[i].from]
            relations[i].to = oldToNew[relations[i].to]
        }
        claims = merged
        for i in positions[0]..<claims.count { indexByID[claims[i].id] = i }
        rebuildAdjacency()
    }

    /// Inserts relations so that each ends at its position (positions ascending), in one pass.
    /// - Complexity: O(claims + relations).
    mutating func insertRelationsUnchecked(_ inserted: [(Relation, Int)]) {
        guard !inserted.isEmpty else { return }
        var merged: [Relation] = []
        merged.reserveCapacity(relations.count + inserted.count)
        var j = 0, old = 0
        while merged.count < relations.count + inserted.count {
            if j < inserted.count, inserted[j].1 <= merged.count || old == relations.count {
                merged.append(inserted[j].0)
                j += 1
            } else {
                merged.append(relations[old])
                old += 1
            }
        }
        relations = merged
        rebuildAdjacency()
    }

    mutating func appendRelationUnchecked(_ relation: Relation) {
        let r = relations.count
        relations.append(relation)
        incoming[relation.to].append(r)
        outgoing[relation.from].append(r)
    }

    mutating func insertRelationUnchecked(_ relation: Relation, at position: Int) {
        if position == relations.count { appendRelationUnchecked(relation); return }
        relations.insert(relation, at: position)
        rebuildAdjacency()
    }

    mutating func removeRelationUnchecked(at position: Int) {
        let relation = relations[position]
        if position == relations.count - 1 {
            relations.removeLast()
            incoming[relation.to].removeAll(where: { $0 == position })
            outgoing[relation.from].removeAll(where: { $0 == position })
            return
        }
        relations.remove(at: position)
        rebuildAdjacency()
    }

    mutating func updateClaimUnchecked(at position: Int, _ body: (inout Claim) -> Void) {
        body(&claims[position])
    }

    mutating func renameUnchecked(at position: Int, to newID: String) {
        indexByID[claims[position].id] = nil
        claims[position].id = newID
        indexByID[newID] = position
    }

    mutating func setWeightUnchecked(relation r: Int, _ weight: Double) {
        relations[r].weight = weight
    }

    /// Rebuilds the adjacency lists from the relation array.
    /// - Complexity: O(claims + relations).
    mutating func rebuildAdjacency() {
        let relations = self.relations, count = claims.count
        guard relations.count >= 100_000 else {
            incoming = ArgumentMap.lists(relations, count: count, byTarget: true)
            outgoing = ArgumentMap.lists(relations, count: count, byTarget: false)
            return
        }
        // The two sides are independent: on a large map, one core builds each.
        final class Sides: @unchecked Sendable { var lists: [[[Int]]] = [[], []] }
        let sides = Sides()
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            let built = ArgumentMap.lists(relations, count: count, byTarget: k == 0)
            sides.lists[k] = built
        }
        incoming = sides.lists[0]
        outgoing = sides.lists[1]
    }

    /// For each claim, the relations pointing at it and leaving it, in relation order, passing
    /// over relations with an end not yet known (a negative index): the lists a reader hands to
    /// ``init(title:frontmatter:checkedClaims:relations:indexByID:incoming:outgoing:)``.
    /// - Complexity: O(claims + relations).
    package static func adjacency(_ relations: [Relation], count: Int) -> (incoming: [[Int]], outgoing: [[Int]]) {
        (lists(relations, count: count, byTarget: true), lists(relations, count: count, byTarget: false))
    }

    /// For each claim, the indices of the relations pointing at it (or leaving it), in
    /// relation order, each list allocated once at its final size; relations with a negative
    /// end are passed over.
    package static func lists(_ relations: [Relation], count: Int, byTarget: Bool) -> [[Int]] {
        var sizes = [Int](repeating: 0, count: count)
        for relation in relations where relation.from >= 0 && relation.to >= 0 { sizes[byTarget ? relation.to : relation.from] += 1 }
        var lists = sizes.map { n in var a = [Int](); a.reserveCapacity(n); return a }
        for (r, relation) in relations.enumerated() where relation.from >= 0 && relation.to >= 0 {
            lists[byTarget ? relation.to : relation.from].append(r)
        }
        return lists
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
