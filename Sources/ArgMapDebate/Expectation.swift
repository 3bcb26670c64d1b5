import ArgMapModel
import ArgMapSemantics

/// What a teacher expects of a map, written in its frontmatter under `expect:`, one per line:
///
///     expect:
///       - under dfquad the thesis scores below 0.5
///       - status-quo-solves is in under grounded
///       - every disadvantage has a link
///       - no drops
///
/// Scores: `[under SEMANTICS] CLAIM scores below|above|at least|at most NUMBER`. Labels:
/// `CLAIM is in|out|undecided [under grounded]`. Structures: `every TEMPLATE has a PART`.
/// Drops: `no drops`, `no aff drops`, `no neg drops`. CLAIM is an id, or `the thesis`.
public struct Expectation: Sendable, Equatable {
    public enum Test: Sendable, Equatable {
        case score(semantics: Semantics, claim: String, comparison: String, value: Double)
        case label(claim: String, label: Label)
        case structure(template: String, part: String)
        case noDrops(Side?)
    }

    public var text: String
    public var test: Test

    /// The expectations in frontmatter, with a message for each line that cannot be read.
    public static func read(frontmatter: String?) -> (expectations: [Expectation], problems: [String]) {
        guard let fm = frontmatter else { return ([], []) }
        let lines = fm.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("expect:") }) else { return ([], []) }
        var items: [String] = []
        let inline = String(lines[start].dropFirst("expect:".count)).trimmingCharacters(in: " \t")
        if !inline.isEmpty { items.append(inline) }
        var i = start + 1
        while i < lines.count, let f = lines[i].first, f == " " || f == "\t" || f == "-" {
            var item = lines[i].trimmingCharacters(in: " \t")
            if item.hasPrefix("-") { item = String(item.dropFirst()).trimmingCharacters(in: " \t") }
            if item.count >= 2, let q = item.first, q == "\"" || q == "'", item.last == q { item = String(item.dropFirst().dropLast()) }
            if !item.isEmpty { items.append(item) }
            i += 1
        }
        var out: [Expectation] = [], problems: [String] = []
        for item in items {
            if let e = parse(item) { out.append(e) } else {
                problems.append("cannot read the expectation \"\(item)\"; write for example \"under dfquad the thesis scores below 0.5\", \"X is in under grounded\", \"every disadvantage has a link\" or \"no drops\"")
            }
        }
        return (out, problems)
    }

    public static func parse(_ text: String) -> Expectation? {
        var words = text.split(separator: " ").map(String.init)
        func lower(_ i: Int) -> String { words[i].lowercased() }
        // "under SEMANTICS" anywhere, or a bare semantics name.
        var semantics: Semantics?
        if let u = words.indices.first(where: { lower($0) == "under" && $0 + 1 < words.count && Semantics(rawValue: lower($0 + 1)) != nil }) {
            semantics = Semantics(rawValue: lower(u + 1)); words.removeSubrange(u...(u + 1))
        } else if let s = words.indices.first(where: { Semantics(rawValue: words[$0].lowercased().trimmingCharacters(in: ":,")) != nil }) {
            semantics = Semantics(rawValue: lower(s).trimmingCharacters(in: ":,")); words.remove(at: s)
        }
        words = words.filter { $0.lowercased() != "the" }
        let lw = words.map { $0.lowercased() }
        if lw == ["no", "drops"] { return Expectation(text: text, test: .noDrops(nil)) }
        if lw.count == 3, lw[0] == "no", lw[2] == "drops", let side = Side(rawValue: lw[1]) { return Expectation(text: text, test: .noDrops(side)) }
        if lw.count == 5, lw[0] == "every", lw[2] == "has", lw[3] == "a" || lw[3] == "an", let t = Template.named(lw[1]) {
            return Expectation(text: text, test: .structure(template: t.name, part: Template.normalize(part: lw[4])))
        }
        if lw.count == 6, lw[0] == "every", lw[2] == "has", lw[3] == "a" || lw[3] == "an", let t = Template.named(lw[1]) {
            return Expectation(text: text, test: .structure(template: t.name, part: Template.normalize(part: lw[4] + " " + lw[5])))
        }
        if lw.count == 3, lw[1] == "is", let label = Label(rawValue: lw[2] == "undecided" ? "undec" : lw[2]) {
            return Expectation(text: text, test: .label(claim: words[0], label: label))
        }
        if lw.count >= 4, lw[1] == "scores", let value = Double(lw.last!) {
            let comparison = lw[2..<(lw.count - 1)].joined(separator: " ")
            guard ["below", "above", "at least", "at most"].contains(comparison) else { return nil }
            return Expectation(text: text, test: .score(semantics: semantics ?? .dfquad, claim: words[0], comparison: comparison, value: value))
        }
        return nil
    }

    /// Checks the expectation: whether it holds, and what was found.
    public func check(_ map: ArgumentMap, evaluate: (Semantics) -> Evaluation) -> (passed: Bool, found: String) {
        func resolve(_ id: String) -> Int? {
            id.lowercased() == "thesis" ? map.theses.first : map.index(of: id)
        }
        switch test {
        case .score(let semantics, let id, let comparison, let value):
            guard let c = resolve(id) else { return (false, "no claim '\(id)'") }
            let e = evaluate(semantics)
            guard e.converged, c < e.scores.count else { return (false, "\(semantics.rawValue) has no score here") }
            let s = e.scores[c]
            let ok: Bool
            switch comparison {
            case "below": ok = s < value
            case "above": ok = s > value
            case "at least": ok = s >= value
            default: ok = s <= value
            }
            return (ok, "\(map.claims[c].id) scores \(String(format2: s)) under \(semantics.rawValue)")
        case .label(let id, let label):
            guard let c = resolve(id) else { return (false, "no claim '\(id)'") }
            let found = evaluate(.grounded).labels?[c]
            return (found == label, "\(map.claims[c].id) is \(found?.rawValue ?? "unlabelled") under grounded")
        case .structure(let name, let part):
            guard let t = Template.named(name) else { return (false, "no template \(name)") }
            let positions = Template.positions(in: map).filter { $0.template.name == t.name }
            let lacking = positions.filter { p in !t.parts(of: p.claim, in: map).contains { $0.part == part && $0.claim.map { !map.claims[$0].text.isEmpty } == true } }
            if lacking.isEmpty { return (true, "\(positions.count) \(t.name) position\(positions.count == 1 ? "" : "s"), each with a \(part)") }
            return (false, lacking.map { map.claims[$0.claim].id }.joined(separator: ", ") + " \(lacking.count == 1 ? "has" : "have") no \(part)")
        case .noDrops(let side):
            let drops = Drops.find(in: map).filter { side == nil || $0.side == side }
            return (drops.isEmpty, drops.isEmpty ? "no drops" : "\(drops.count) dropped: " + drops.prefix(5).map { map.claims[$0.claim].id }.joined(separator: ", "))
        }
    }
}
