import ArgMapModel

/// Writes a map as Argdown in one canonical layout: the frontmatter, then each thesis with the
/// claims under it as an indented tree (two spaces a level, one relation a line), a claim
/// defined in full where the canonical walk first meets it and referred to by title after
/// that. argmap's values go into data: `base` on the definition, `weight` on the relation line.
/// Scores are never written. The output is valid Argdown.
public enum ArgdownPrinter {
    /// - Complexity: O(claims + relations + text), no recursion.
    public static func print(_ map: ArgumentMap) -> String {
        var out = ""
        out.reserveCapacity(map.claims.reduce(0) { $0 + $1.text.utf8.count + $1.id.utf8.count + 16 } + 64)
        if map.title != nil || map.frontmatter != nil {
            out += "===\n"
            if let title = map.title { out += "title: " + FlowData.string(title) + "\n" }
            if let fm = map.frontmatter { out += fm + (fm.hasSuffix("\n") ? "" : "\n") }
            out += "===\n"
        }
        var section: String?
        var first = true
        map.canonicalWalk { step in
            let claim = map.claims[step.claim]
            if step.depth == 0 {
                if let s = claim.section, s != section {
                    if !out.isEmpty { out += "\n" }
                    out += "# " + escapeText(s) + "\n"
                    section = s
                    first = false
                }
                if !out.isEmpty || !first { out += "\n" }
                first = false
            } else {
                out += String(repeating: "  ", count: step.depth)
            }
            var weight = Relation.defaultWeight
            if let r = step.relation {
                let relation = map.relations[r]
                weight = relation.weight
                switch relation.type {
                case .support: out += "+ "
                case .attack: out += "- "
                case .undercut: out += "_ "
                }
            }
            let (open, close) = claim.kind == .argument ? ("<", ">") : ("[", "]")
            out += open + claim.id + close
            var data: [DataEntry] = []
            if step.isFirstVisit {
                out += ":"
                if !claim.text.isEmpty { out += " " + escapeText(claim.text) }
                for tag in claim.tags { out += " " + tagText(tag) }
                if claim.base != Claim.defaultBase { data.append(DataEntry(key: "base", value: .number(claim.base))) }
            }
            if weight != Relation.defaultWeight { data.append(DataEntry(key: "weight", value: .number(weight))) }
            if step.isFirstVisit {
                if let note = claim.note { data.append(DataEntry(key: "note", value: .string(note))) }
                if !claim.sources.isEmpty { data.append(DataEntry(key: "sources", value: .list(claim.sources.map(sourceValue)))) }
                data.append(contentsOf: claim.data)
            }
            if !data.isEmpty { out += " " + FlowData.write(data) }
            out += "\n"
        }
        return out
    }

    static func sourceValue(_ s: Source) -> DataValue {
        if s.date == nil && s.url == nil { return .string(s.citation) }
        var entries = [DataEntry(key: "citation", value: .string(s.citation))]
        if let d = s.date { entries.append(DataEntry(key: "date", value: .string(d))) }
        if let u = s.url { entries.append(DataEntry(key: "url", value: .string(u))) }
        return .map(entries)
    }

    static func tagText(_ tag: String) -> String {
        if !tag.isEmpty, tag.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D || $0 == 0x5F || $0 >= 0x80 }),
           !tag.contains(where: { $0.isWhitespace || $0.isPunctuation && $0 != "-" && $0 != "_" }) {
            return "#" + tag
        }
        return "#(" + tag + ")"
    }

    /// Escapes what Argdown would otherwise read as syntax inside a claim's text: backslashes,
    /// tags, data braces and comment openers. Line breaks become spaces (a claim is one paragraph).
    static func escapeText(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        let scalars = Array(text.unicodeScalars)
        for (i, ch) in scalars.enumerated() {
            let next = i + 1 < scalars.count ? scalars[i + 1] : nil
            switch ch {
            case "\\", "#", "{", "}":
                out += "\\"
                out.unicodeScalars.append(ch)
            case "/" where next == "/" || next == "*":
                out += "\\/"
            case "<" where next == "!":
                out += "\\<"
            case "\n", "\r", "\t":
                out += " "
            default:
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
