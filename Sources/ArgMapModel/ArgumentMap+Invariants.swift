extension ArgumentMap {
    /// Checks every invariant of the flat storage and returns what is broken (nothing when the
    /// map is sound). Tests run it after every edit.
    /// - Complexity: O(claims + relations).
    public func invariantViolations() -> [String] {
        var problems: [String] = []
        if incoming.count != claims.count || outgoing.count != claims.count {
            problems.append("adjacency lists do not match the claim count")
            return problems
        }
        // Every id maps back to its own index, so no two claims share one.
        for (i, claim) in claims.enumerated() {
            if index(of: claim.id) != i { problems.append("id \(claim.id) is duplicated or maps to the wrong index") }
            if (try? ArgumentMap.validate(id: claim.id)) == nil { problems.append("invalid id \(claim.id)") }
            if !(claim.base >= 0 && claim.base <= 1) { problems.append("base of \(claim.id) out of range") }
        }
        var pairs = Set<Int>()
        pairs.reserveCapacity(relations.count)
        var inCount = Array(repeating: 0, count: claims.count)
        var outCount = Array(repeating: 0, count: claims.count)
        for (r, relation) in relations.enumerated() {
            guard relations.indices.contains(r), claims.indices.contains(relation.from),
                  claims.indices.contains(relation.to)
            else { problems.append("relation \(r) points outside the map"); continue }
            if !(relation.weight >= 0 && relation.weight <= 1) { problems.append("weight of relation \(r) out of range") }
            if !pairs.insert(relation.from &* claims.count &+ relation.to).inserted { problems.append("duplicate relation \(r)") }
            inCount[relation.to] += 1
            outCount[relation.from] += 1
            if !incoming[relation.to].contains(r) { problems.append("relation \(r) missing from incoming") }
            if !outgoing[relation.from].contains(r) { problems.append("relation \(r) missing from outgoing") }
        }
        for i in claims.indices where incoming[i].count != inCount[i] || outgoing[i].count != outCount[i] {
            problems.append("adjacency of \(claims[i].id) has stale entries")
        }
        // The edits find and insert relation numbers by binary search.
        for i in claims.indices where !zip(incoming[i], incoming[i].dropFirst()).allSatisfy({ $0 < $1 })
            || !zip(outgoing[i], outgoing[i].dropFirst()).allSatisfy({ $0 < $1 }) {
            problems.append("adjacency of \(claims[i].id) is not in relation order")
        }
        return problems
    }
}
