import ArgMapModel

/// Turns an ``ArgdownDocument`` into an ``ArgumentMap``: equivalence classes by title become
/// claims, relation lines become relations, and argmap's data keys (`base`, `weight`, `note`,
/// `sources`) become the claims' and relations' values.
public enum ArgdownLowering {
    /// - Complexity: O(elements + relations), building the map in one pass.
    public static func lower(_ document: ArgdownDocument) -> (ArgumentMap, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var title: String?, frontmatter: String?
        if let fm = document.frontmatter { (title, frontmatter) = splitTitle(fm) }
        // Claim of each element.
        let elements = document.elements
        var claimOf = [Int](repeating: -1, count: elements.count)
        var definedAt = [SourceLocation?]()
        var claims: [Claim] = []
        claims.reserveCapacity(elements.count)
        definedAt.reserveCapacity(elements.count)
        var indexByID: [String: Int] = [:]
        indexByID.reserveCapacity(elements.count)
        // Generated ids must not take a title used anywhere in the file.
        var usedIDs: FreshIDs?
        var untitledCount = 0
        var onRelationLine = [Bool](repeating: false, count: elements.count)
        for r in document.relations { onRelationLine[r.child] = true }

        for (ei, e) in elements.enumerated() {
            let id: String
            if let title = e.title {
                id = title
                if let error = idError(title) {
                    diagnostics.append(.error("'\(title)' cannot be a title: \(error)", at: e.location, length: title.count + 2,
                                              hint: "titles may not contain [ ] < > { } or control characters"))
                    continue
                }
            } else {
                untitledCount += 1
                if usedIDs == nil { usedIDs = FreshIDs(taken: Set(elements.compactMap(\.title))) }
                id = usedIDs!.make(from: e.text, number: untitledCount)
            }
            let c: Int
            if let existing = indexByID[id] {
                c = existing
                if claims[c].kind != e.kind {
                    diagnostics.append(.error("'\(id)' names both a statement and an argument", at: e.location, length: id.count + 2,
                                              hint: "argmap gives statements and arguments one namespace of ids: rename one of them"))
                    continue
                }
            } else {
                c = claims.count
                indexByID[id] = c
                claims.append(Claim(id: id, kind: e.kind, section: e.section))
                definedAt.append(nil)
            }
            claimOf[ei] = c
            if !e.isReference {
                if let oldLocation = definedAt[c], claims[c].text != e.text, !e.text.isEmpty, !claims[c].text.isEmpty {
                    diagnostics.append(.warning("'\(id)' is defined again with other text (first at line \(oldLocation.line)); the later text is kept", at: e.location, length: id.count + 2))
                }
                if !e.text.isEmpty || definedAt[c] == nil {
                    claims[c].text = e.text
                    definedAt[c] = e.location
                }
            }
            for tag in e.tags where !claims[c].tags.contains(tag) { claims[c].tags.append(tag) }
            if !e.data.isEmpty { applyData(e, to: &claims[c], isRelationLine: onRelationLine[ei], diagnostics: &diagnostics) }
        }
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return (ArgumentMap(), diagnostics) }

        var relations: [Relation] = []
        relations.reserveCapacity(document.relations.count)
        var relationOf: [Int: Int] = [:]   // from·n + to → relation index
        relationOf.reserveCapacity(document.relations.count)
        let n = claims.count
        for relation in document.relations {
            let parent = claimOf[relation.parent], child = claimOf[relation.child]
            guard parent >= 0, child >= 0 else { continue }
            let (from, to): (Int, Int)
            let type: RelationType
            switch relation.symbol {
            case .support: (from, to, type) = (child, parent, .support)
            case .attack: (from, to, type) = (child, parent, .attack)
            case .undercut: (from, to, type) = (child, parent, .undercut)
            case .supportOf: (from, to, type) = (parent, child, .support)
            case .attackOf: (from, to, type) = (parent, child, .attack)
            case .undercutOf: (from, to, type) = (parent, child, .undercut)
            }
            let element = elements[relation.child]
            var weight = Relation.defaultWeight
            if !element.data.isEmpty, let value = element.data.first(where: { $0.key == "weight" })?.value {
                if let w = value.number, w >= 0, w <= 1 {
                    weight = w
                } else {
                    diagnostics.append(.error("weight must be a number from 0 to 1, not \(value.text)", at: element.dataLocation ?? element.location,
                                              hint: "write for example {weight: 0.8}; 1 counts the claim in full, 0 not at all"))
                    continue
                }
            }
            let key = from &* n &+ to
            if let existing = relationOf[key] {
                let old = relations[existing]
                let fromID = claims[from].id, toID = claims[to].id
                if old.type != type {
                    diagnostics.append(.error("'\(fromID)' both \(verb(old.type)) and \(verb(type)) '\(toID)'", at: relation.location,
                                              hint: "a claim has one relation to each parent: keep one of the two lines"))
                } else if old.weight != weight {
                    diagnostics.append(.error("the relation from '\(fromID)' to '\(toID)' is given two weights", at: relation.location,
                                              hint: "write the weight once"))
                }
                continue
            }
            relationOf[key] = relations.count
            relations.append(Relation(from: from, to: to, type: type, weight: weight))
        }
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return (ArgumentMap(), diagnostics) }
        do {
            return (try ArgumentMap(title: title, frontmatter: frontmatter, claims: claims, relations: relations), diagnostics)
        } catch {
            diagnostics.append(.error(error.description))
            return (ArgumentMap(), diagnostics)
        }
    }

    static func verb(_ type: RelationType) -> String {
        switch type {
        case .support: return "supports"
        case .attack: return "attacks"
        case .undercut: return "undercuts"
        }
    }

    static func applyData(_ e: ArgdownElement, to claim: inout Claim, isRelationLine: Bool, diagnostics: inout [Diagnostic]) {
        let at = e.dataLocation ?? e.location
        for entry in e.data {
            if let (message, hint) = applyDataEntry(entry, to: &claim, isRelationLine: isRelationLine) {
                diagnostics.append(.error(message, at: at, hint: hint))
            }
        }
    }

    /// Applies one data entry to a claim: `base`, `note` and `sources` set the claim's own
    /// values, `weight` belongs to a relation line, anything else is kept as data. Returns the
    /// error and its hint when the entry cannot be applied. Every reader of Argdown data (the
    /// argument file, Argdown's JSON) goes through here, so they agree.
    static func applyDataEntry(_ entry: DataEntry, to claim: inout Claim, isRelationLine: Bool) -> (String, String)? {
        switch entry.key {
        case "base":
            guard let b = entry.value.number, b >= 0, b <= 1 else {
                return ("base must be a number from 0 to 1, not \(entry.value.text)", "write for example {base: 0.7}; 0.5 is the default")
            }
            claim.base = b
        case "weight":
            if !isRelationLine {
                return ("weight belongs to a relation, and this claim is not on a relation line",
                        "put {weight: …} on the line where the claim supports or attacks its parent")
            }
        case "note":
            guard let s = entry.value.string else { return ("note must be text", "write {note: \"…\"}") }
            claim.note = s
        case "sources":
            guard let sources = parseSources(entry.value) else {
                return ("sources must be a list of citations",
                        "write {sources: [{citation: \"…\", date: \"2020-08-17\", url: \"https://…\"}]} or {sources: [\"citation\"]}")
            }
            claim.sources = sources
        default:
            claim.setData(entry.key, entry.value)
        }
        return nil
    }

    static func parseSources(_ value: DataValue) -> [Source]? {
        guard case .list(let items) = value else {
            if let s = value.string { return [Source(citation: s)] }
            return nil
        }
        var out: [Source] = []
        for item in items {
            switch item {
            case .string(let s): out.append(Source(citation: s))
            case .map(let entries):
                func field(_ k: String) -> String? { entries.first(where: { $0.key == k })?.value.string }
                guard let citation = field("citation") ?? field("title") ?? field("url") else { return nil }
                out.append(Source(citation: citation, date: field("date"), url: field("url")))
            default: return nil
            }
        }
        return out
    }

    static func idError(_ id: String) -> String? {
        do { try ArgumentMap.validate(id: id); return nil } catch {
            if case .invalidID(_, let reason) = error { return reason }
            return error.description
        }
    }

    /// Splits the frontmatter into its `title:` (continued on indented lines, unquoted) and
    /// the rest, which argmap keeps verbatim (nil when nothing else is there).
    static func splitTitle(_ yaml: String) -> (String?, String?) {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        guard let i = lines.firstIndex(where: { $0.hasPrefix("title:") }) else {
            return (nil, yaml.trimmingBlanks().isEmpty ? nil : yaml)
        }
        var value = String(lines[i].dropFirst("title:".count)).trimmingBlanks()
        var end = i + 1
        // A plain title may continue on indented lines; a quoted one ends at its quote.
        let scalars = value.unicodeScalars
        let quotedOnOneLine = scalars.count >= 2 && (scalars.first == "\"" || scalars.first == "'") && scalars.last == scalars.first
        while !quotedOnOneLine, end < lines.count, let f = lines[end].first, f == " " || f == "\t" {
            value += " " + String(lines[end]).trimmingBlanks()
            end += 1
        }
        // By scalar, so that a quote followed by a combining mark still opens the string.
        if value.unicodeScalars.count >= 2, let f = value.unicodeScalars.first, f == "\"" || f == "'", value.unicodeScalars.last == f {
            value = String(String.UnicodeScalarView(value.unicodeScalars.dropFirst().dropLast()))
            if f == "\"" { value = value.replacingEscapes() }
        }
        let rest = (lines[..<i] + lines[end...]).joined(separator: "\n")
        return (value.isEmpty ? nil : value, rest.trimmingBlanks().isEmpty ? nil : rest)
    }
}

extension String {
    /// Resolves the backslash escapes of a YAML double-quoted string.
    func replacingEscapes() -> String {
        // By scalar: a backslash followed by a combining mark is still an escape.
        var out = String.UnicodeScalarView()
        var escaped = false
        for u in unicodeScalars {
            if escaped {
                switch u {
                case "n": out.append("\n")
                case "r": out.append("\r")
                case "t": out.append("\t")
                default: out.append(u)
                }
                escaped = false
            } else if u == "\\" {
                escaped = true
            } else {
                out.append(u)
            }
        }
        return String(out)
    }
}
