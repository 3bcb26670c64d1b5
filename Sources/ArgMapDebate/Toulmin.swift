import ArgMapModel

/// A claim seen through Toulmin's model, as the map holds it. A claim's `role` data
/// (grounds, warrant, backing, rebuttal) says which part it plays; without it, supports that
/// carry sources (or the tag #evidence) are grounds, other supports are warrants, supports of a
/// warrant are its backing, and attacks and undercuts are rebuttals. The qualifier is the
/// claim's `qualifier` data, or a word for its score.
public struct Toulmin: Sendable {
    public var claim: Int
    public var grounds: [Int] = []
    public var warrants: [Int] = []
    public var backing: [Int] = []
    public var rebuttals: [Int] = []
    public var qualifier: String?
    /// Whether the qualifier was derived from the score rather than written.
    public var qualifierFromScore = false

    public init(_ map: ArgumentMap, _ c: Int, score: Double?) {
        claim = c
        // (The lists and claims read in place, neither copied: a claim may have a million
        // supports and attacks, and a copy of each claim counts references to its fields.)
        map.claims.withUnsafeBufferPointer { claims in
            for r in map.incoming[c] {
                let child = map.relations[r].from, claim = claims.baseAddress! + child
                // (A claim with no data, tags or sources, most of a map, is not read further.)
                let plain = claim.pointee.isPlain
                let role = plain ? nil : claim.pointee.dataValue("role")?.text.lowercased()
                switch role {
                case "grounds", "ground", "data": grounds.append(child)
                case "warrant": warrants.append(child)
                case "backing": backing.append(child)
                case "rebuttal": rebuttals.append(child)
                default:
                    if map.relations[r].type != .support { rebuttals.append(child) }
                    else if !plain && Toulmin.isEvidence(claim.pointee) { grounds.append(child) }
                    else { warrants.append(child) }
                }
            }
        }
        for w in warrants {
            for r in map.incoming[w] where map.relations[r].type == .support { backing.append(map.relations[r].from) }
        }
        if let q = map.claims[c].dataValue("qualifier")?.text {
            qualifier = q
        } else if let score {
            qualifier = score >= 0.8 ? "almost certainly" : score >= 0.6 ? "probably" : score >= 0.4 ? "possibly" : "probably not"
            qualifierFromScore = true
        }
    }

    /// Evidence: a claim with sources, or tagged #evidence or #card.
    public static func isEvidence(_ claim: Claim) -> Bool {
        !claim.sources.isEmpty || claim.tags.contains { $0 == "evidence" || $0 == "card" }
    }

    /// The parts the map does not hold.
    public var missing: [String] {
        var m: [String] = []
        if grounds.isEmpty { m.append("grounds") }
        if warrants.isEmpty { m.append("warrant") }
        if backing.isEmpty { m.append("backing") }
        if qualifier == nil || qualifierFromScore { m.append("qualifier (written)") }
        if rebuttals.isEmpty { m.append("rebuttals") }
        return m
    }
}
