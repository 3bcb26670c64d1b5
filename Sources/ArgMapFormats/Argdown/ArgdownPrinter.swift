import ArgMapModel

/// Writes a map as Argdown in one canonical layout: the frontmatter, then each thesis with the
/// claims under it as an indented tree (two spaces a level, one relation a line), a claim
/// defined in full where the canonical walk first meets it and referred to by title after
/// that. argmap's values go into data: `base` on the definition, `weight` on the relation line.
/// Scores are never written. The output is valid Argdown.
public enum ArgdownPrinter {
    /// How deep the indented tree goes before a claim's own claims continue in a block of
    /// their own (under a reference to it): keeps lines short and a million-deep chain linear.
    public static let depthLimit = 48

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
        map.canonicalWalk(depthLimit: depthLimit) { step in
            let claim = map.claims[step.claim]
            if step.isContinuation {
                // A claim defined at the depth limit: its own claims go on under a reference.
                out += "\n" + (claim.kind == .argument ? "<" + claim.id + ">" : "[" + claim.id + "]") + "\n"
                return
            }
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
    /// Works on UTF-8 bytes (everything it escapes is ASCII) and returns the text itself when
    /// nothing needs escaping, which is almost always: it runs once per claim on every save.
    static func escapeText(_ text: String) -> String {
        func special(_ b: UInt8) -> Bool {
            b == 0x5C || b == 0x23 || b == 0x7B || b == 0x7D || b == 0x2F || b == 0x3C || b == 0x0A || b == 0x0D || b == 0x09
        }
        var text = text
        let escaped = text.withUTF8 { bytes -> String? in
            guard let first = bytes.firstIndex(where: special) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 8)
            out.append(contentsOf: bytes[..<first])
            var i = first
            while i < bytes.count {
                let b = bytes[i]
                let next: UInt8 = i + 1 < bytes.count ? bytes[i + 1] : 0
                switch b {
                case 0x5C, 0x23, 0x7B, 0x7D:  // \ # { }
                    out.append(0x5C); out.append(b)
                case 0x2F where next == 0x2F || next == 0x2A:  // // or /*
                    out.append(0x5C); out.append(b)
                case 0x3C where next == 0x21:  // <!
                    out.append(0x5C); out.append(b)
                case 0x0A, 0x0D, 0x09:
                    out.append(0x20)
                default:
                    out.append(b)
                }
                i += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
        return escaped ?? text
    }
}
