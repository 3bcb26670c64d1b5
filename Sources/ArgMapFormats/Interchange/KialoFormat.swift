import ArgMapModel

/// Kialo's text exports. Both formats in circulation are read:
///
/// - the older starts `Discussion Title: …`; one claim a line, `1. thesis`, `1.1. Pro: text`,
///   `1.1.2. Con: text`;
/// - the newer starts `Discussion Name:` with the title on the next line; each claim is a
///   header line (`1.1. Con:`, indented two spaces a level) followed by its text, which may run
///   over several lines and paragraphs; `[n]` markers refer to a closing `Sources:` section.
///
/// In both, a claim whose text is `-> See 1.2.3.` is claim 1.2.3 again: a second parent, with
/// the stance of this line (the same claim may support one parent and attack another).
/// Kialo escapes brackets as `\(` `\)` `\[` `\]`; CRLF and a missing final newline are fine.
/// argmap writes the older format, which other Kialo tools read.
public enum KialoFormat {
    public static func recognizes(_ text: String) -> Bool {
        let head = text.utf8.prefix(64)
        let start = head.starts(with: [0xEF, 0xBB, 0xBF]) ? head.dropFirst(3) : head[...]
        return start.starts(with: Array("Discussion Title:".utf8)) || start.starts(with: Array("Discussion Name:".utf8))
    }

    struct Entry {
        var number: String
        var stance: String?
        var text: String
        var line: Int
    }

    public static func read(_ text: String, file: String? = nil) throws(LoadFailure) -> ImportResult {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).map(String.init)
        var problems: [Diagnostic] = []
        func fail(_ message: String, line: Int, hint: String? = nil) {
            problems.append(.error(message, at: SourceLocation(line: line + 1, column: 1), hint: hint))
        }
        guard let first = lines.first.map({ $0.hasPrefix("\u{FEFF}") ? String($0.dropFirst()) : $0 }), recognizes(first) else {
            throw LoadFailure([.error("a Kialo export starts with 'Discussion Title:' or 'Discussion Name:'", at: SourceLocation(line: 1, column: 1))], file: file, source: SourceText(text))
        }
        var title: String
        var i = 1
        if first.hasPrefix("Discussion Title:") {
            title = String(first.dropFirst("Discussion Title:".count)).trimmingBlanks()
        } else {
            title = String(first.dropFirst("Discussion Name:".count)).trimmingBlanks()
            while title.isEmpty, i < lines.count {
                title = lines[i].trimmingBlanks()
                i += 1
            }
        }
        // Claims, and the Sources section.
        var entries: [Entry] = []
        var sources: [String: String] = [:]
        var currentSource: String?
        var inSources = false
        while i < lines.count {
            let raw = lines[i]
            let trimmed = raw.trimmingBlanks()
            defer { i += 1 }
            if trimmed == "Sources:" { inSources = true; currentSource = nil; continue }
            if inSources {
                if let close = trimmed.firstIndex(of: "]"), trimmed.hasPrefix("["), Int(trimmed[trimmed.index(after: trimmed.startIndex)..<close]) != nil {
                    let n = String(trimmed[trimmed.index(after: trimmed.startIndex)..<close])
                    sources[n] = String(trimmed[trimmed.index(after: close)...]).trimmingBlanks()
                    currentSource = n
                } else if let n = currentSource, !trimmed.isEmpty {
                    sources[n]! += " " + trimmed
                }
                continue
            }
            if let (number, stance, rest) = header(trimmed) {
                entries.append(Entry(number: number, stance: stance, text: rest, line: i))
            } else if !trimmed.isEmpty {
                guard !entries.isEmpty else { fail("text before the first numbered claim", line: i, hint: "claims start with their number, as in '1.1. Pro: text'"); continue }
                entries[entries.count - 1].text += (entries[entries.count - 1].text.isEmpty ? "" : " ") + trimmed
            }
        }
        var claims: [Claim] = []
        var indexOfNumber: [String: Int] = [:]
        var pending: [(from: String, to: String, type: RelationType, line: Int, seeLine: Bool)] = []
        var ids = FreshIDs()
        var notes: [String] = []
        for entry in entries {
            var body = unescape(entry.text)
            let parent = parentNumber(entry.number)
            if body.hasPrefix("-> See ") || body.hasPrefix("->See ") {
                var target = String(body.drop(while: { $0 != "S" }).dropFirst("See".count)).trimmingBlanks()
                if target.hasSuffix(".") { target.removeLast() }
                guard let parent else { fail("a link cannot be the thesis", line: entry.line); continue }
                guard entry.stance != nil else { fail("a link needs Pro: or Con:", line: entry.line); continue }
                pending.append((target, parent, entry.stance == "Con" ? .attack : .support, entry.line, true))
                continue
            }
            if indexOfNumber[entry.number] != nil { fail("claim \(entry.number) appears twice", line: entry.line); continue }
            var claimSources: [Source] = []
            for n in markers(in: body, of: sources) {
                claimSources.append(Source(citation: sources[n]!))
                body = body.replacingOccurrences("[\(n)]", with: "")
            }
            claimSources.sort { $0.citation < $1.citation }
            body = body.split(separator: " ").joined(separator: " ")
            let id = ids.make(from: body, number: claims.count + 1)
            indexOfNumber[entry.number] = claims.count
            claims.append(Claim(id: id, text: body, sources: claimSources))
            if let parent {
                guard entry.stance != nil else { fail("claim \(entry.number) needs Pro: or Con:", line: entry.line); continue }
                pending.append((entry.number, parent, entry.stance == "Con" ? .attack : .support, entry.line, false))
            }
        }
        var relations: [Relation] = []
        var seen = Set<Int>()
        for p in pending {
            guard let from = indexOfNumber[p.from] else {
                fail(p.seeLine ? "'-> See \(p.from).' names no claim in the file" : "claim \(p.from) has no claim \(p.to) above it", line: p.line)
                continue
            }
            guard let to = indexOfNumber[p.to] else { fail("claim \(p.from) answers \(p.to), which is not in the file", line: p.line); continue }
            if !seen.insert(from &* claims.count &+ to).inserted {
                notes.append("line \(p.line + 1): a second link from \(p.from) to \(p.to) was skipped")
                continue
            }
            relations.append(Relation(from: from, to: to, type: p.type))
        }
        if !problems.isEmpty { throw LoadFailure(problems, file: file, source: SourceText(text)) }
        do {
            let map = try ArgumentMap(title: title.isEmpty ? nil : unescape(title), claims: claims, relations: relations)
            let links = pending.filter(\.seeLine).count
            notes.insert("read \(claims.count) claims and \(relations.count) relations (\(links) from -> See links)", at: 0)
            return ImportResult(map: map, notes: notes)
        } catch {
            throw LoadFailure([.error(error.description)], file: file)
        }
    }

    /// The source markers (`[n]`) in a text whose `n` is among `sources`, each once, in order
    /// of first appearance: found by looking at each `[` of the text, not by looking for each
    /// source in every text.
    static func markers(in text: String, of sources: [String: String]) -> [String] {
        guard !sources.isEmpty else { return [] }
        var found: [String] = []
        let bytes = Array(text.utf8)
        var i = 0
        while let open = bytes[i...].firstIndex(of: 0x5B) {
            guard let close = bytes[(open + 1)...].firstIndex(of: 0x5D) else { break }
            let n = String(decoding: bytes[(open + 1)..<close], as: UTF8.self)
            if sources[n] != nil, !found.contains(n) { found.append(n) }
            i = open + 1
        }
        return found
    }

    /// `1.2.3. Pro: text` → ("1.2.3", "Pro", "text"); `1. text` → ("1", nil, "text").
    static func header(_ line: String) -> (String, String?, String)? {
        var number = ""
        var rest = Substring(line)
        while let c = rest.first, c.isASCII, c.isNumber || c == "." {
            number.append(c)
            rest = rest.dropFirst()
        }
        guard number.hasSuffix("."), number.count >= 2, let f = number.first, f.isNumber else { return nil }
        number.removeLast()
        guard number.split(separator: ".", omittingEmptySubsequences: false).allSatisfy({ !$0.isEmpty }) else { return nil }
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        let text = String(rest).trimmingBlanks()
        for stance in ["Pro", "Con"] where text.hasPrefix(stance + ":") {
            return (number, stance, String(text.dropFirst(stance.count + 1)).trimmingBlanks())
        }
        if text.hasPrefix("Thesis:") { return (number, nil, String(text.dropFirst(7)).trimmingBlanks()) }
        return (number, nil, text)
    }

    static func parentNumber(_ number: String) -> String? {
        guard let dot = number.lastIndex(of: ".") else { return nil }
        return String(number[..<dot])
    }

    /// Resolves Kialo's backslash escapes and its literal two-character `\n`.
    static func unescape(_ s: String) -> String {
        var out = ""
        var it = s.makeIterator()
        while let ch = it.next() {
            if ch == "\\", let next = it.next() {
                if next == "n" { out.append(" ") } else { out.append(next) }
            } else {
                out.append(ch)
            }
        }
        return out
    }

    // MARK: Writing

    /// The most bytes of path numbers a Kialo export may hold (256 MB).
    public static let maxNumbering = 256_000_000

    /// The older text format: numbered lines, `-> See N.` for a claim met again. Theses after
    /// the first are numbered 2., 3., …; undercuts are written as Con (Kialo has no undercut).
    public static func write(_ map: ArgumentMap) throws(ExportFailure) -> String {
        let stream = try writer(map)
        return TextPieces.text(stream.write)
    }

    /// The file's lines as they are written, once the map is known to fit the format.
    /// - Complexity: O(claims + relations + text + the lengths of the path numbers).
    package static func writer(_ map: ArgumentMap) throws(ExportFailure) -> ExportStream {
        // Each line carries its whole path (1.2.1.3.), so a very deep chain would make a file
        // that grows with the square of its depth: refused before any of it is written. The
        // same pass marks the claims met again, whose numbers the lines that refer to them need.
        var numbering = 0, deepest = 0
        var referred = [Bool](repeating: false, count: map.count)
        map.canonicalWalk { step in
            numbering += 2 * step.depth + 2
            deepest = max(deepest, step.depth)
            if !step.isFirstVisit, step.relation != nil { referred[step.claim] = true }
        }
        guard numbering <= maxNumbering else {
            throw ExportFailure("a Kialo file numbers every claim by its whole path, and this map is \(deepest) claims deep: the numbers alone would take \(numbering / 1_000_000) MB\nhint: export argdown, json or aif, which grow with the size of the map, not the square of its depth")
        }
        return ExportStream { [referred] out in write(map, referred: referred, to: &out) }
    }

    static func write(_ map: ArgumentMap, referred: [Bool], to out: inout TextPieces) {
        out.write("Discussion Title: "); out.write(map.title ?? map.roots.first.map { map.claims[$0].text } ?? "Argument map", escaping: .kialo); out.write("\n\n")
        var numberOf: [Int: [UInt8]] = [:]   // of the claims met again
        var path: [Int] = []                 // child counters per depth
        var rootCount = 0
        var number: [UInt8] = []
        map.canonicalWalk { step in
            if step.depth == 0 {
                rootCount += 1
                path = [rootCount]
            } else {
                // The walk is depth first, so the path is at least this deep.
                if path.count > step.depth + 1 { path.removeLast(path.count - step.depth - 1) }
                if path.count == step.depth + 1 { path[step.depth] += 1 } else { path.append(1) }
            }
            number.removeAll(keepingCapacity: true)
            for (k, n) in path.enumerated() {
                if k > 0 { number.append(0x2E) }
                number.append(contentsOf: String(n).utf8)
            }
            number.withUnsafeBufferPointer { out.push(contentsOf: $0) }
            out.write(". ")
            if let r = step.relation { out.write(map.relations[r].type == .support ? "Pro: " : "Con: ") }
            if step.isFirstVisit || step.relation == nil {
                if referred[step.claim], numberOf[step.claim] == nil { numberOf[step.claim] = number }
                out.write(map.claims[step.claim].text, escaping: .kialo)
            } else {
                out.write("-> See ")
                (numberOf[step.claim] ?? number).withUnsafeBufferPointer { out.push(contentsOf: $0) }
                out.write(".")
            }
            out.push(0x0A)
        }
    }

}

extension Escapes {
    /// Kialo's text format: its brackets and backslashes backslash-escaped; a line break is a space.
    static let kialo = Escapes(["(": "\\(", ")": "\\)", "[": "\\[", "]": "\\]", "\\": "\\\\", "\n": " ", "\r": " "], lineBreakAsOne: true)
}
