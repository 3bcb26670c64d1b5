import ArgMapModel

/// A nested Markdown outline: each thesis a heading, each claim a list item marked **Pro**,
/// **Con** or **Undercut**, with its id, text, values, sources and score; a claim met again
/// is a link back to its first place.
public enum MarkdownExporter {
    public static func write(_ map: ArgumentMap, _ options: ExportOptions = ExportOptions()) -> String {
        var out = "# " + escape(map.title ?? "Argument map") + "\n"
        if let s = options.semantics { out += "\n*Scores: \(escape(s)).*\n" }
        map.canonicalWalk { step in
            let claim = map.claims[step.claim]
            if step.depth == 0 {
                out += "\n## " + escape(claim.text.isEmpty ? claim.id : claim.text) + "\n\n"
                out += "*Thesis `" + code(claim.id) + "`" + values(map, step.claim, nil, options) + "*\n"
                return
            }
            let indent = String(repeating: "  ", count: min(step.depth - 1, 40))
            var marker = ""
            if let r = step.relation {
                switch map.relations[r].type {
                case .support: marker = "**Pro:** "
                case .attack: marker = "**Con:** "
                case .undercut: marker = "**Undercut:** "
                }
            }
            if !step.isFirstVisit {
                out += indent + "- " + marker + "see `" + code(claim.id) + "` above\n"
                return
            }
            out += indent + "- " + marker + escape(claim.text) + " (`" + code(claim.id) + "`" + values(map, step.claim, step.relation, options) + ")\n"
            for source in claim.sources {
                var s = escape(source.citation)
                if let d = source.date { s += ", " + escape(d) }
                if let u = source.url, u.hasPrefix("http://") || u.hasPrefix("https://") { s += " <" + u.filter { $0 != ">" && $0 != " " } + ">" }
                out += indent + "  - Source: " + s + "\n"
            }
            if let note = claim.note { out += indent + "  - Note: " + escape(note) + "\n" }
        }
        return out
    }

    static func values(_ map: ArgumentMap, _ c: Int, _ r: Int?, _ options: ExportOptions) -> String {
        var parts: [String] = []
        if map.claims[c].base != Claim.defaultBase { parts.append("base " + DataValue.format(map.claims[c].base)) }
        if let r, map.relations[r].weight != 1 { parts.append("weight " + DataValue.format(map.relations[r].weight)) }
        if let score = options.scoreText(c) { parts.append("score " + score) }
        return parts.isEmpty ? "" : ", " + parts.joined(separator: ", ")
    }

    /// Backslash-escapes Markdown's punctuation so that text reads as written.
    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~":
                out.append("\\"); out.append(ch)
            case "\n", "\r\n", "\r": out.append(" ")
            default: out.append(ch)
            }
        }
        return out
    }

    /// Text inside an inline code span (backticks cannot be escaped there; they become ').
    static func code(_ s: String) -> String {
        String(s.map { $0 == "`" ? "'" : $0 })
    }
}
