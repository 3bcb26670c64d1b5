import ArgMapModel

/// The structures debaters use, each a position with parts to fill in. A position records
/// `{template: disad}` in its data, each part `{part: link}` (or carries the tag #link).
public struct Template: Sendable {
    public var name: String
    public var title: String
    /// How the position relates to the claim it is scaffolded under.
    public var stance: RelationType
    public var parts: [String]
    /// Words an expectation may use for it ("every disadvantage has a link").
    public var aliases: [String]

    public static let all: [Template] = [
        Template(name: "case", title: "Case", stance: .support, parts: ["harms", "inherency", "plan", "solvency"], aliases: ["case", "cases"]),
        Template(name: "disad", title: "Disadvantage", stance: .attack, parts: ["uniqueness", "link", "internal-link", "impact"], aliases: ["disad", "disads", "disadvantage", "disadvantages", "da"]),
        Template(name: "counterplan", title: "Counterplan", stance: .attack, parts: ["text", "competition", "net-benefit"], aliases: ["counterplan", "counterplans", "cp"]),
        Template(name: "kritik", title: "Kritik", stance: .attack, parts: ["link", "impact", "alternative"], aliases: ["kritik", "kritiks", "k", "critique"]),
        Template(name: "topicality", title: "Topicality", stance: .attack, parts: ["interpretation", "violation", "standards", "voters"], aliases: ["topicality", "t"]),
    ]

    public static func named(_ name: String) -> Template? {
        let n = name.lowercased()
        return all.first { $0.name == n || $0.aliases.contains(n) }
    }

    /// A part's name as written in data or a tag: `internal link`, `internal-link`, `net benefit`.
    public static func normalize(part: String) -> String {
        part.lowercased().split(whereSeparator: { $0 == " " || $0 == "_" || $0 == "-" }).joined(separator: "-")
    }

    /// The claims that are positions built on a template.
    public static func positions(in map: ArgumentMap) -> [(claim: Int, template: Template)] {
        positions(in: map, among: map.claims.indices)
    }

    /// ``positions(in:)`` among some of the claims (in the order given): a position is never a
    /// plain claim, so the claims that are not plain are enough.
    public static func positions(in map: ArgumentMap, among claims: some Sequence<Int>) -> [(claim: Int, template: Template)] {
        claims.compactMap { c in
            guard !map.claims[c].isPlain, let name = map.claims[c].dataValue("template")?.text, let t = named(name) else { return nil }
            return (c, t)
        }
    }

    /// The claim filling each part of a position (nil where none does).
    public func parts(of position: Int, in map: ArgumentMap) -> [(part: String, claim: Int?)] {
        let children = map.children(of: position).map(\.claim)
        return parts.map { part in
            (part, children.first { c in
                let claim = map.claims[c]
                if let p = claim.dataValue("part")?.text, Template.normalize(part: p) == part { return true }
                return claim.tags.contains { Template.normalize(part: $0) == part }
            })
        }
    }

    /// The edits that scaffold this template under a claim: the position (titled, to be
    /// renamed) and one empty claim per part.
    public func scaffold(under parent: String, in map: ArgumentMap, speech: Speech?) -> (position: String, edits: [Edit]) {
        // The ids in use: the map's, looked up in its index (a set of them all took 0.2 s at a
        // million claims), and those this scaffold gives.
        var given = Set<String>()
        func taken(_ id: String) -> Bool { given.contains(id) || map.index(of: id) != nil }
        let base = name
        var id = base
        var k = 2
        while taken(id) { id = "\(base)-\(k)"; k += 1 }
        given.insert(id)
        let extra: [DataEntry] = speech.map { [DataEntry(key: "speech", value: .string($0.rawValue))] } ?? []
        var position = Claim(id: id, text: title, kind: .argument)
        position.data = [DataEntry(key: "template", value: .string(name))] + extra
        var edits: [Edit] = [.addClaim(position, at: nil), .link(RelationSpec(from: id, to: parent, type: stance, weight: 1))]
        for part in parts {
            var pid = "\(id)-\(part)"
            var j = 2
            while taken(pid) { pid = "\(id)-\(part)-\(j)"; j += 1 }
            given.insert(pid)
            var claim = Claim(id: pid, text: "", kind: .statement)
            claim.data = [DataEntry(key: "part", value: .string(part))] + extra
            edits.append(.addClaim(claim, at: nil))
            edits.append(.link(RelationSpec(from: pid, to: id, type: .support, weight: 1)))
        }
        return (id, edits)
    }
}
