import ArgMapModel
import ArgMapSemantics

/// Everything `check` looks at in one map: the map's own invariants, claims with no text,
/// structures with parts missing or unfilled, impact values out of range, evidence with no
/// source (a warning), and the map's expectations.
public struct CheckReport: Sendable {
    public var errors: [String] = []
    public var warnings: [String] = []
    /// How many theses the map has: claims that answer none (none when every claim answers
    /// another).
    public private(set) var theses = 0
    public var expectations: [(expectation: Expectation, passed: Bool, found: String)] = []

    public var failedExpectations: Int { expectations.filter { !$0.passed }.count }
    public var passes: Bool { errors.isEmpty && failedExpectations == 0 }

    /// With `integrity`, the map's storage is verified first (`ArgumentMap.invariantViolations`:
    /// every id, base, weight, relation list and the id index), as sqlite3's integrity_check
    /// does; every edit and reader keeps it sound, so only a fault in argmap itself shows there.
    public init(_ map: ArgumentMap, integrity: Bool = false, evaluate: (Semantics) -> Evaluation) {
        if integrity { errors = map.invariantViolations() }
        let (untexted, unplain) = CheckReport.claimsToLookAt(map)
        for c in untexted where map.claims[c].dataValue("part") == nil {
            errors.append("\(map.claims[c].id) has no text")
        }
        for (position, template) in Template.positions(in: map, among: unplain) {
            let id = map.claims[position].id
            for (part, c) in template.parts(of: position, in: map) {
                guard let c else { errors.append("\(template.title.lowercased()) \(id) has no \(part.replacingOccurrences("-", with: " "))"); continue }
                if map.claims[c].text.isEmpty { errors.append("the \(part.replacingOccurrences("-", with: " ")) of \(template.title.lowercased()) \(id) (\(map.claims[c].id)) is not filled in") }
            }
        }
        // Impacts, speeches and evidence live in data and tags: a plain claim has none.
        for c in unplain {
            if let impact = Impact(map, c) { errors += impact.problems(map) }
            if let s = map.claims[c].dataValue("speech"), Speech(name: s.text) == nil {
                errors.append("\(map.claims[c].id): speech '\(s.text)' is not one of \(Speech.names.joined(separator: ", "))")
            }
            let claim = map.claims[c]
            if claim.tags.contains(where: { $0 == "evidence" || $0 == "card" }) && claim.sources.isEmpty {
                warnings.append("\(claim.id) is evidence with no source")
            }
        }
        // Claims a reader of the map cannot come to from its top.
        let roots = map.roots
        theses = roots.count
        if !map.isEmpty && roots.isEmpty {
            warnings.append("the map has no thesis: every claim answers another (its top claims answer each other in a cycle), so it is shown from \(map.claims[0].id); add a thesis they answer, or unlink a relation of the cycle")
        }
        let unreached = map.claimsNoThesisReaches(from: roots)
        if !unreached.isEmpty {
            warnings.append("\(unreached.count) claim\(unreached.count == 1 ? "" : "s") no thesis reaches (on or above a cycle that answers no thesis): \(map.named(unreached)); link the cycle to a thesis, or go there with cd \(map.claims[unreached[0]].id)")
        }
        let (list, problems) = Expectation.read(frontmatter: map.frontmatter)
        errors += problems
        var cache: [Semantics: Evaluation] = [:]
        for e in list {
            let (passed, found) = e.check(map) { s in
                if let hit = cache[s] { return hit }
                let v = evaluate(s); cache[s] = v; return v
            }
            expectations.append((e, passed, found))
        }
    }

    /// The claims with no text, and those with more than an id, a text and a base (tags, data,
    /// sources and the like), in order: what the checks after the integrity check look at. In
    /// one pass over the claims, in halves on both cores on a large map.
    static func claimsToLookAt(_ map: ArgumentMap) -> (untexted: [Int], unplain: [Int]) {
        let pieces = Parallel.pieces(map.claims.indices, map.count >= 1 << 16 ? 2 : 1)
        let found = map.claims.withUnsafeBufferPointer { claims in
            Parallel.map(pieces.count) { k -> (untexted: [Int], unplain: [Int]) in
                var untexted: [Int] = [], unplain: [Int] = []
                for c in pieces[k] {
                    if claims[c].text.isEmpty { untexted.append(c) }
                    if !claims[c].isPlain { unplain.append(c) }
                }
                return (untexted, unplain)
            }
        }
        return (found.flatMap(\.untexted), found.flatMap(\.unplain))
    }
}
