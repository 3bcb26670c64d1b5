extension ArgumentMap {
    /// Checks every invariant of the flat storage and returns what is broken (nothing when the
    /// map is sound). Tests run it after every edit, and `check --integrity` on every map.
    ///
    /// First one pass over everything in order that only says whether the map is sound
    /// (``isSound(lanes:)``); only when it is not, the checks that name each fault, which read
    /// relations and claims at random. On a large map every part runs on both cores.
    /// - Complexity: O(claims + relations).
    public func invariantViolations() -> [String] {
        if incoming.count != claims.count || outgoing.count != claims.count {
            return ["adjacency lists do not match the claim count"]
        }
        let large = claims.count + relations.count >= 100_000
        let lanes = large ? 2 : 1
        let (incomingLayout, outgoingLayout) = Parallel.both(if: large, { self.incoming.layoutViolations() }, { self.outgoing.layoutViolations() })
        let layout = incomingLayout.map { "incoming: " + $0 } + outgoingLayout.map { "outgoing: " + $0 }
        guard layout.isEmpty else { return layout }
        if isSound(lanes: lanes) { return [] }
        let problems = namedViolations(lanes: lanes)
        return problems.isEmpty ? ["the lists or the id index do not add up to the claims and relations, though no single fault was found"] : problems
    }

    /// Whether the map is sound, in one pass over the claims, one over the relations and one
    /// down the id index, each in order, all at once (in halves on a large map): every id valid
    /// and every base and weight in range; every list in strict order, its entries relations
    /// and, for each claim's outgoing list, reaching distinct claims; every relation's ends
    /// claims; and, instead of reading each list entry's relation and looking each id up, sums:
    /// each list entry, as (claim, relation, which list), mixed with a key drawn now, adds up
    /// to what each relation's two ends give, and the index's entries to what the claims'
    /// numbers and hashes give (``IDIndex/checksum(of:claims:key:)``). Other entries would
    /// give the same sums with odds of about 2⁻⁶⁴.
    private func isSound(lanes: Int) -> Bool {
        var random = SystemRandomNumberGenerator()
        let key: UInt64 = random.next()
        let claimPieces = Parallel.pieces(0..<claims.count, lanes)
        let relationPieces = Parallel.pieces(0..<relations.count, lanes)
        let stretches = Parallel.pieces(0..<indexByID.size, lanes)
        // The claims first: they take longest.
        let parts = incoming.withUnsafeLists { ins in
            outgoing.withUnsafeLists { outs in
                Parallel.map(3 * lanes) { k -> Sums in
                    let piece = k % lanes
                    switch k / lanes {
                    case 0: return self.claimSums(claimPieces[piece], ins, outs, key: key)
                    case 1: return self.relationSums(relationPieces[piece], key: key)
                    default:
                        let (sound, entries, sum) = self.indexByID.checksum(of: stretches[piece], claims: self.claims, key: key)
                        return Sums(sound: sound, entries: entries, index: sum)
                    }
                }
            }
        }
        let total = parts.reduce(into: Sums()) { $0.add($1) }
        return total.sound && total.listed == 2 * relations.count && total.lists == total.ends
            && total.entries == claims.count && total.index == total.ids
    }

    /// What a part of ``isSound(lanes:)`` found, added up with wrapping.
    private struct Sums {
        var sound = true
        /// List entries, and their mixes.
        var listed = 0, lists: UInt64 = 0
        /// What the relations' ends give.
        var ends: UInt64 = 0
        /// The index's entries, their mixes, and what the claims' numbers and hashes give.
        var entries = 0, index: UInt64 = 0, ids: UInt64 = 0

        mutating func add(_ other: Sums) {
            sound = sound && other.sound
            listed += other.listed
            lists &+= other.lists
            ends &+= other.ends
            entries += other.entries
            index &+= other.index
            ids &+= other.ids
        }
    }

    /// A list entry, mixed with `key`: relation `r` in claim `c`'s incoming (0) or outgoing (1) list.
    @inline(__always) private static func entry(_ c: Int, _ r: Int, _ list: UInt64, _ key: UInt64) -> UInt64 {
        IDIndex.mix(UInt64(c) << 33 | UInt64(r) << 1 | list, key)
    }

    /// ``isSound(lanes:)`` over claims `range`.
    private func claimSums(_ range: Range<Int>, _ incoming: RelationLists.UnsafeLists, _ outgoing: RelationLists.UnsafeLists, key: UInt64) -> Sums {
        var sums = Sums()
        var targets: [Int] = []
        let seeds = IDHash.seeds, count = relations.count
        for i in range {
            let id = claims[i].id
            sums.ids &+= IDIndex.entryChecksum(claim: i, hash: IDHash.of(id, seeds), key: key)
            let base = claims[i].base
            if (try? ArgumentMap.validate(id: id)) == nil || !(base >= 0 && base <= 1) { sums.sound = false }
            @inline(__always) func add(_ entries: RelationLists.UnsafeList, _ list: UInt64) {
                var previous = -1
                for r in entries {
                    if r <= previous || r >= count { sums.sound = false }
                    previous = r
                    sums.lists &+= ArgumentMap.entry(i, r, list, key)
                }
                sums.listed += entries.count
            }
            let outs = outgoing[i]
            add(incoming[i], 0)
            add(outs, 1)
            if outs.count > 1 && sums.sound && !ArgumentMap.repeatedTargets(outs, relations, scratch: &targets).isEmpty { sums.sound = false }
        }
        return sums
    }

    /// ``isSound(lanes:)`` over relations `range`.
    private func relationSums(_ range: Range<Int>, key: UInt64) -> Sums {
        var sums = Sums()
        let n = claims.count
        relations.withUnsafeBufferPointer { relations in
            for r in range {
                let relation = relations[r]
                guard relation.from >= 0 && relation.from < n && relation.to >= 0 && relation.to < n,
                      relation.weight >= 0 && relation.weight <= 1 else { sums.sound = false; continue }
                sums.ends &+= ArgumentMap.entry(relation.to, r, 0, key) &+ ArgumentMap.entry(relation.from, r, 1, key)
            }
        }
        return sums
    }

    /// The checks that name each fault, for a map found not to be sound: the claims in halves,
    /// one on each core, their ids hashed on the way; then the index on one core and the
    /// relations on the other.
    private func namedViolations(lanes: Int) -> [String] {
        let halves = Parallel.pieces(0..<claims.count, lanes)
        var hashes = [UInt32](repeating: 0, count: claims.count)
        let found = incoming.withUnsafeLists { ins in
            outgoing.withUnsafeLists { outs in
                hashes.withUnsafeMutableBufferPointer { hashes in
                    let shared = Parallel.Unchecked(hashes)
                    return Parallel.map(halves.count) { k in self.claimViolations(halves[k], ins, outs, hashing: shared.value) }
                }
            }
        }
        let (relationProblems, indexProblems) = Parallel.both(if: lanes > 1, { self.relationViolations() }, { self.indexViolations(hashes) })
        var problems = found.flatMap(\.problems) + relationProblems + indexProblems
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
    private func indexViolations(_ hashes: [UInt32]) -> [String] {
        let (misplaced, entries) = indexByID.misplaced(claims, hashes: hashes)
        var problems = misplaced.map { "id \(claims[$0].id) is duplicated or maps to the wrong index" }
        if entries != claims.count { problems.append("the id index holds \(entries) entries for \(claims.count) claims") }
        return problems
    }

    /// Relations point inside the map, with weights in range.
    private func relationViolations() -> [String] {
        var problems: [String] = []
        for (r, relation) in relations.enumerated() {
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
