import ArgMapModel

/// A nested Markdown outline: each thesis a heading, each claim a list item marked **Pro**,
/// **Con** or **Undercut**, with its id, text, values, sources and score; a claim met again
/// is a link back to its first place.
public enum MarkdownExporter {
    public static func write(_ map: ArgumentMap, _ options: ExportOptions = ExportOptions()) -> String {
        TextPieces.text { write(map, options, to: &$0) }
    }

    /// The outline, written into `out`: the canonical walk taken first, then its steps
    /// written on both cores for a large map.
    /// - Complexity: O(claims + relations + text).
    package static func write(_ map: ArgumentMap, _ options: ExportOptions, to out: inout TextPieces) {
        out.write("# "); out.write(map.title ?? "Argument map", escaping: .markdown); out.push(0x0A)
        if let s = options.semantics { out.write("\n*Scores: "); out.write(s, escaping: .markdown); out.write(".*\n") }
        let steps = ShortWalkStep.walk(map)
        out.writeEach(steps.count) { k, out in
            let step = steps[k]
            let c = Int(step.claim), r = step.relation == .max ? nil : Int(step.relation)
            let claim = map.claims[c]
            if step.depth == 0 {
                out.write("\n## "); out.write(claim.text.isEmpty ? claim.id : claim.text, escaping: .markdown); out.write("\n\n")
                out.write("*Thesis `"); out.write(claim.id, escaping: .code); out.write("`"); out.write(values(map, c, nil, options)); out.write("*\n")
                return
            }
            let indent = min(Int(step.depth) - 1, 40)
            for _ in 0..<indent { out.write("  ") }
            out.write("- ")
            if let r {
                switch map.relations[r].type {
                case .support: out.write("**Pro:** ")
                case .attack: out.write("**Con:** ")
                case .undercut: out.write("**Undercut:** ")
                }
            }
            if !step.isFirstVisit {
                out.write("see `"); out.write(claim.id, escaping: .code); out.write("` above\n")
                return
            }
            out.write(claim.text, escaping: .markdown); out.write(" (`"); out.write(claim.id, escaping: .code); out.write("`")
            out.write(values(map, c, r, options)); out.write(")\n")
            for source in claim.sources {
                for _ in 0..<indent { out.write("  ") }
                out.write("  - Source: "); out.write(source.citation, escaping: .markdown)
                if let d = source.date { out.write(", "); out.write(d, escaping: .markdown) }
                if let u = source.url, u.hasPrefix("http://") || u.hasPrefix("https://") { out.write(" <" + u.filter { $0 != ">" && $0 != " " } + ">") }
                out.push(0x0A)
            }
            if let note = claim.note {
                for _ in 0..<indent { out.write("  ") }
                out.write("  - Note: "); out.write(note, escaping: .markdown); out.push(0x0A)
            }
        }
    }

    static func values(_ map: ArgumentMap, _ c: Int, _ r: Int?, _ options: ExportOptions) -> String {
        var parts: [String] = []
        if map.claims[c].base != Claim.defaultBase { parts.append("base " + DataValue.format(map.claims[c].base)) }
        if let r, map.relations[r].weight != 1 { parts.append("weight " + DataValue.format(map.relations[r].weight)) }
        if let score = options.scoreText(c) { parts.append("score " + score) }
        return parts.isEmpty ? "" : ", " + parts.joined(separator: ", ")
    }

}

extension Escapes {
    /// Markdown's punctuation backslash-escaped, so that text reads as written; a line break
    /// is a space.
    static let markdown = Escapes(
        ["\\": "\\\\", "`": "\\`", "*": "\\*", "_": "\\_", "[": "\\[", "]": "\\]", "<": "\\<", ">": "\\>", "|": "\\|", "~": "\\~", "\n": " ", "\r": " "],
        lineBreakAsOne: true)
    /// Inside an inline code span, where a backtick cannot be escaped: it becomes '.
    static let code = Escapes(["`": "'"])
}
