extension ArgumentMap {
    /// Checks every invariant of the flat storage and returns what is broken (nothing when the
    /// map is sound). Tests run it after every edit, and `check` on every map.
    ///
    /// The claims are checked in two halves and the relations on their own, at once on a
    /// large map; each part reads the map and writes only its own list of problems.
    /// - Complexity: O(claims + relations).
    public func invariantViolations() -> [String] {
        if incoming.count != claims.count || outgoing.count != claims.count {
            return ["adjacency lists do not match the claim count"]
        }
        let half = claims.count / 2
        let parts: [() -> [String]] = [
            { self.claimViolations(0..<half) },
            { self.claimViolations(half..<self.claims.count) },
            { self.relationViolations() },
        ]
        guard claims.count + relations.count >= 100_000 else { return parts.flatMap { $0() } }
        return Parallel.map(parts.count) { k in parts[k]() }.flatMap { $0 }
    }

    /// Each id maps back to its own index (so no two claims share one), is valid, and the
    /// base is in range; each claim's lists are in relation order (the edits find and insert
    /// relation numbers in them by binary search).
    private func claimViolations(_ range: Range<Int>) -> [String] {
        var problems: [String] = []
        for i in range {
            let id = claims[i].id
            if index(of: id) != i { problems.append("id \(id) is duplicated or maps to the wrong index") }
            if (try? ArgumentMap.validate(id: id)) == nil { problems.append("invalid id \(id)") }
            if !(claims[i].base >= 0 && claims[i].base <= 1) { problems.append("base of \(id) out of range") }
            if !ArgumentMap.isAscending(incoming[i]) || !ArgumentMap.isAscending(outgoing[i]) {
                problems.append("adjacency of \(id) is not in relation order")
            }
        }
        return problems
    }

    private static func holds(_ list: [Int], _ r: Int) -> Bool {
        let k = list.lowerBound(r)
        return k < list.count && list[k] == r
    }

    private static func isAscending(_ list: [Int]) -> Bool {
        var previous = -1
        for r in list {
            if r <= previous { return false }
            previous = r
        }
        return true
    }

    /// Relations point inside the map with weights in range, at most one per pair of claims,
    /// and each is in its two lists, which hold nothing else.
    private func relationViolations() -> [String] {
        var problems: [String] = []
        var inCount = [Int32](repeating: 0, count: claims.count)
        var outCount = [Int32](repeating: 0, count: claims.count)
        for (r, relation) in relations.enumerated() {
            guard claims.indices.contains(relation.from), claims.indices.contains(relation.to)
            else { problems.append("relation \(r) points outside the map"); continue }
            if !(relation.weight >= 0 && relation.weight <= 1) { problems.append("weight of relation \(r) out of range") }
            inCount[relation.to] += 1
            outCount[relation.from] += 1
            // The lists are in relation order (checked with the claims): a binary search finds r.
            if !ArgumentMap.holds(incoming[relation.to], r) { problems.append("relation \(r) missing from incoming") }
            if !ArgumentMap.holds(outgoing[relation.from], r) { problems.append("relation \(r) missing from outgoing") }
        }
        // One relation per pair: each claim's outgoing relations reach distinct claims (a
        // stamp per target, instead of a set of a million pairs).
        var stamp = [Int](repeating: -1, count: claims.count)
        for c in claims.indices {
            for r in outgoing[c] where relations.indices.contains(r) && claims.indices.contains(relations[r].to) {
                let to = relations[r].to
                if stamp[to] == c { problems.append("duplicate relation \(r)") }
                stamp[to] = c
            }
        }
        for i in claims.indices where incoming[i].count != inCount[i] || outgoing[i].count != outCount[i] {
            problems.append("adjacency of \(claims[i].id) has stale entries")
        }
        return problems
    }
}
