extension ArgumentMap {
    /// Checks every invariant of the flat storage and returns what is broken (nothing when the
    /// map is sound). Tests run it after every edit, and `check` on every map.
    ///
    /// On a large map every part runs on both cores: the two lists' layouts at once; the
    /// claims in two halves; then the id index in two stretches of its table and the relations
    /// in two halves. Each part reads the map and writes only its own list of problems.
    /// - Complexity: O(claims + relations).
    public func invariantViolations() -> [String] {
        if incoming.count != claims.count || outgoing.count != claims.count {
            return ["adjacency lists do not match the claim count"]
        }
        let large = claims.count + relations.count >= 100_000
        let lanes = large ? 2 : 1
        let (incomingLayout, outgoingLayout) = large
            ? Parallel.both({ self.incoming.layoutViolations() }, { self.outgoing.layoutViolations() })
            : (incoming.layoutViolations(), outgoing.layoutViolations())
        let layout = incomingLayout.map { "incoming: " + $0 } + outgoingLayout.map { "outgoing: " + $0 }
        guard layout.isEmpty else { return layout }
        let halves = Parallel.pieces(0..<claims.count, lanes)
        // The claims in halves, one on each core, their ids hashed on the way.
        var hashes = [UInt32](repeating: 0, count: claims.count)
        let found = incoming.withUnsafeLists { ins in
            outgoing.withUnsafeLists { outs in
                hashes.withUnsafeMutableBufferPointer { hashes in
                    let shared = Parallel.Unchecked(hashes)
                    return Parallel.map(halves.count) { k in self.claimViolations(halves[k], ins, outs, hashing: shared.value) }
                }
            }
        }
        // Then the relations in halves, and the index in stretches of its table.
        let relationHalves = Parallel.pieces(0..<relations.count, lanes)
        let relationProblems = Parallel.map(lanes) { k in self.relationViolations(relationHalves[k]) }.flatMap { $0 }
        var problems = found.flatMap(\.problems) + relationProblems + indexViolations(hashes, lanes: lanes)
        // Every entry of a list is a relation of its claim, and the lists are in strict order:
        // as many entries as relations (twice) means every relation is in both its lists.
        if found.reduce(0, { $0 + $1.listed }) != 2 * relations.count || !problems.isEmpty { problems += unlisted() }
        return problems
    }

    /// Each id is valid, and the base is in range; each claim's lists are in relation order
    /// (the edits find and insert relation numbers in them by binary search), hold relations of
    /// that claim only, and the relations leaving it reach distinct claims (one relation per
    /// pair). Also how many entries the lists hold; and each id's hash, into `hashes`.
    private func claimViolations(_ range: Range<Int>, _ incoming: RelationLists.UnsafeLists, _ outgoing: RelationLists.UnsafeLists,
                                 hashing hashes: UnsafeMutableBufferPointer<UInt32>) -> (problems: [String], listed: Int) {
        var problems: [String] = []
        var listed = 0
        var targets: [Int] = []
        let seeds = IDHash.seeds
        for i in range {
            let id = claims[i].id
            hashes[i] = IDHash.of(id, seeds)
            if (try? ArgumentMap.validate(id: id)) == nil { problems.append("invalid id \(id)") }
            if !(claims[i].base >= 0 && claims[i].base <= 1) { problems.append("base of \(id) out of range") }
            let ins = incoming[i], outs = outgoing[i]
            if !ArgumentMap.isAscending(ins) || !ArgumentMap.isAscending(outs) {
                problems.append("adjacency of \(id) is not in relation order")
            }
            var stale = false
            for r in ins {
                if relations.indices.contains(r) && relations[r].to == i { listed += 1 } else { stale = true }
            }
            for r in outs {
                if relations.indices.contains(r) && relations[r].from == i { listed += 1 } else { stale = true }
            }
            if stale { problems.append("adjacency of \(id) has stale entries"); continue }
            for r in ArgumentMap.repeatedTargets(outs, relations, scratch: &targets) { problems.append("duplicate relation \(r)") }
        }
        return (problems, listed)
    }

    /// The relations of a claim's outgoing list that reach a claim an earlier one of the list
    /// already reaches (one relation per pair of claims): by pairs for a short list, sorted
    /// for a long one (`scratch` is reused from one list to the next). The entries must be
    /// relations. Readers call it too, to leave a pair written twice to the general reader.
    package static func repeatedTargets<List: RandomAccessCollection<Int>>(_ list: List, _ relations: [Relation], scratch: inout [Int]) -> [Int]
        where List.Index == Int {
        guard list.count > 1 else { return [] }
        if list.count <= 16 {
            return (1..<list.count).filter { b in (0..<b).contains { relations[list[$0]].to == relations[list[b]].to } }.map { list[$0] }
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: list.map { relations[$0].to })
        scratch.sort()
        guard zip(scratch, scratch.dropFirst()).contains(where: { $0 == $1 }) else { return [] }
        var seen = Set<Int>()
        return list.filter { !seen.insert(relations[$0].to).inserted }
    }

    private static func holds(_ list: RelationList, _ r: Int) -> Bool {
        let k = list.lowerBound(r)
        return k < list.count && list[k] == r
    }

    private static func isAscending(_ list: some Collection<Int>) -> Bool {
        var previous = -1
        for r in list {
            if r <= previous { return false }
            previous = r
        }
        return true
    }

    /// Each id maps back to its own claim (so no two claims share one), and the index holds
    /// nothing else.
    private func indexViolations(_ hashes: [UInt32], lanes: Int) -> [String] {
        let (misplaced, entries) = indexByID.misplaced(claims, hashes: hashes, lanes: lanes)
        var problems = misplaced.map { "id \(claims[$0].id) is duplicated or maps to the wrong index" }
        if entries != claims.count { problems.append("the id index holds \(entries) entries for \(claims.count) claims") }
        return problems
    }

    /// Relations `range` point inside the map, with weights in range.
    private func relationViolations(_ range: Range<Int>) -> [String] {
        var problems: [String] = []
        for r in range {
            let relation = relations[r]
            if !claims.indices.contains(relation.from) || !claims.indices.contains(relation.to) {
                problems.append("relation \(r) points outside the map")
            } else if !(relation.weight >= 0 && relation.weight <= 1) {
                problems.append("weight of relation \(r) out of range")
            }
        }
        return problems
    }

    /// The relations missing from their lists, named: looked for only when the count of
    /// entries says some are.
    private func unlisted() -> [String] {
        var problems: [String] = []
        for (r, relation) in relations.enumerated() where claims.indices.contains(relation.from) && claims.indices.contains(relation.to) {
            if !ArgumentMap.holds(incoming[relation.to], r) { problems.append("relation \(r) missing from incoming") }
            if !ArgumentMap.holds(outgoing[relation.from], r) { problems.append("relation \(r) missing from outgoing") }
        }
        return problems
    }
}
