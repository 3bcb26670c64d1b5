import ArgMapModel

/// Parses Argdown text into an ``ArgdownDocument``: argmap's subset of the language (see
/// docs/FORMAT.md). Works line by line over UTF-8 bytes with an explicit indentation stack,
/// so it is linear in the size of the text and never recurses over the document.
public enum ArgdownParser {
    public static func parse(_ text: String) -> (ArgdownDocument, [Diagnostic]) {
        var parser = Parser(original: Array(text.utf8))
        parser.run()
        return (parser.document, parser.diagnostics)
    }

    /// The frontmatter between the `===` lines as the document keeps it: its lines joined by LF.
    static func frontmatterText(_ bytes: some Collection<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).joined(separator: "\n")
    }
}

private let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), newline = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
private let backslash = UInt8(ascii: "\\")

private struct Parser {
    let original: [UInt8]
    var clean: [UInt8] = []
    var lines: [Range<Int>] = []
    var document = ArgdownDocument()
    var diagnostics: [Diagnostic] = []

    // Block state.
    var section: String?
    var stack: [(indent: Int, element: Int)] = []
    var pending: Pending?
    var blockHadContent = false
    var lastLineBlank = true
    /// Set after a refused construct: the rest of its block is passed over, so one refusal
    /// does not bring a cascade of follow-on errors.
    var skippingBlock = false

    struct Pending {
        var kind: ClaimKind
        var title: String?
        var isReference: Bool
        var location: SourceLocation
        /// Lines of raw text (the first from where the text starts), with the line number and
        /// the byte offset in the source where each piece starts.
        var pieces: [(line: Int, offset: Int, bytes: ArraySlice<UInt8>)]
        var relation: (symbol: ArgdownRelation.Symbol, parent: Int, location: SourceLocation)?
        var isRoot: Bool { relation == nil }
    }

    init(original: [UInt8]) {
        self.original = original
    }

    mutating func run() {
        splitLines()
        refuseControlCharacters()
        guard diagnostics.isEmpty else { return }
        var first = 0
        while first < lines.count, isBlank(lines[first], in: original) { first += 1 }
        var bodyStart = 0
        if first < lines.count, trimmed(lines[first], in: original) == Array("===".utf8) {
            var close = first + 1
            while close < lines.count, trimmed(lines[close], in: original) != Array("===".utf8) { close += 1 }
            if close == lines.count {
                error("the frontmatter opened here is never closed", line: first, offset: lines[first].lowerBound,
                      hint: "end the frontmatter with a line of three equals signs: ===")
                return
            }
            // YAML allows one value per key: a second `title:` would be kept as other
            // frontmatter and become the title on the next read.
            let key = Array("title:".utf8)
            var firstTitle: Int?
            for n in (first + 1)..<close where original[lines[n]].starts(with: key) {
                guard let earlier = firstTitle else { firstTitle = n; continue }
                error("the frontmatter has a second title (the first is on line \(earlier + 1))", line: n,
                      offset: lines[n].lowerBound, length: key.count, hint: "keep one 'title:' line")
                return
            }
            let inner = close > first + 1 ? lines[first + 1].lowerBound..<lines[close - 1].upperBound : lines[first].upperBound..<lines[first].upperBound
            document.frontmatter = ArgdownParser.frontmatterText(original[inner])
            bodyStart = close + 1
        }
        stripComments(from: bodyStart < lines.count ? lines[bodyStart].lowerBound : original.count)
        guard diagnostics.isEmpty else { return }
        var n = bodyStart
        while n < lines.count {
            line(n)
            n += 1
        }
        finishPending()
    }

    // MARK: Lines and comments

    mutating func splitLines() {
        var start = 0
        var i = 0
        while i < original.count {
            let b = original[i]
            if b == newline {
                lines.append(start..<i)
                start = i + 1
            } else if b == cr {
                lines.append(start..<i)
                if i + 1 < original.count, original[i + 1] == newline { i += 1 }
                start = i + 1
            }
            i += 1
        }
        if start < original.count { lines.append(start..<original.count) }
    }

    /// Copies the text with every comment (`//…`, `/* … */`, `<!-- … -->`) blanked out,
    /// keeping line breaks so that locations stay true.
    mutating func stripComments(from start: Int) {
        clean = original
        var i = start
        func blank(_ a: Int, _ b: Int) {
            for k in a..<b where clean[k] != newline && clean[k] != cr { clean[k] = space }
        }
        while i < clean.count {
            let b = clean[i]
            if b == backslash { i += 2; continue }
            if b == UInt8(ascii: "/"), i + 1 < clean.count {
                let next = clean[i + 1]
                if next == UInt8(ascii: "*") {
                    guard let end = find([UInt8(ascii: "*"), UInt8(ascii: "/")], from: i + 2) else {
                        errorAt(offset: i, "the comment opened here with /* is never closed", hint: "close it with */")
                        return
                    }
                    blank(i, end + 2)
                    i = end + 2
                    continue
                }
                if next == UInt8(ascii: "/"), i == 0 || [space, tab, newline, cr].contains(clean[i - 1]) {
                    var e = i
                    while e < clean.count, clean[e] != newline, clean[e] != cr { e += 1 }
                    blank(i, e)
                    i = e
                    continue
                }
            }
            if b == UInt8(ascii: "<"), i + 3 < clean.count, clean[i + 1] == UInt8(ascii: "!"), clean[i + 2] == UInt8(ascii: "-"), clean[i + 3] == UInt8(ascii: "-") {
                guard let end = find(Array("-->".utf8), from: i + 4) else {
                    errorAt(offset: i, "the comment opened here with <!-- is never closed", hint: "close it with -->")
                    return
                }
                blank(i, end + 3)
                i = end + 3
                continue
            }
            i += 1
        }
    }

    func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard needle.count <= clean.count else { return nil }
        var i = start
        while i + needle.count <= clean.count {
            if clean[i] == needle[0] {
                var ok = true
                for k in 1..<needle.count where clean[i + k] != needle[k] { ok = false; break }
                if ok { return i }
            }
            i += 1
        }
        return nil
    }

    func isBlank(_ r: Range<Int>, in bytes: [UInt8]) -> Bool {
        bytes[r].allSatisfy { $0 == space || $0 == tab }
    }

    /// Control characters (other than tab and line breaks) have no place in an argument file:
    /// each line holding one gets an error pointing at it (the first twenty lines, then a count).
    mutating func refuseControlCharacters() {
        var found = 0
        for (n, range) in lines.enumerated() {
            var previous: UInt8 = 0
            for i in range {
                let b = original[i]
                let c1 = previous == 0xC2 && b >= 0x80 && b <= 0x9F
                previous = b
                guard b < 0x20 && b != tab && b != newline && b != cr || b == 0x7F || c1 else { continue }
                found += 1
                if found <= 20 {
                    let hex = String(b, radix: 16, uppercase: true)
                    error("control character U+\(String(repeating: "0", count: 4 - hex.count) + hex) in the text", line: n, offset: c1 ? i - 1 : i,
                          hint: "delete it: argument files hold plain text (a line break pasted from a word processor is often one)")
                }
                break
            }
        }
        if found > 20 {
            diagnostics.append(.error("\(found - 20) more lines hold control characters", at: nil, hint: nil))
        }
    }

    func trimmed(_ r: Range<Int>, in bytes: [UInt8]) -> [UInt8] {
        var a = r.lowerBound, b = r.upperBound
        while a < b, bytes[a] == space || bytes[a] == tab { a += 1 }
        while b > a, bytes[b - 1] == space || bytes[b - 1] == tab { b -= 1 }
        return Array(bytes[a..<b])
    }

    // MARK: Locations and messages

    /// The 1-based line and character column of a byte offset.
    func location(line n: Int, offset: Int) -> SourceLocation {
        let r = lines[n]
        var column = 1
        var k = r.lowerBound
        while k < min(offset, r.upperBound) {
            if original[k] & 0xC0 != 0x80 { column += 1 }
            k += 1
        }
        return SourceLocation(line: n + 1, column: column)
    }

    func lineOf(offset: Int) -> Int {
        var lo = 0, hi = lines.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lines[mid].lowerBound <= offset { lo = mid } else { hi = mid - 1 }
        }
        return max(0, lo)
    }

    mutating func error(_ message: String, line n: Int, offset: Int, length: Int = 1, hint: String? = nil) {
        diagnostics.append(.error(message, at: location(line: n, offset: offset), length: length, hint: hint))
    }

    mutating func errorAt(offset: Int, _ message: String, hint: String? = nil) {
        error(message, line: lineOf(offset: offset), offset: offset, hint: hint)
    }

    // MARK: The line loop

    mutating func line(_ n: Int) {
        let r = lines[n]
        var i = r.lowerBound
        var indent = 0
        while i < r.upperBound, clean[i] == space || clean[i] == tab { i += 1; indent += 1 }
        var end = r.upperBound
        while end > i, clean[end - 1] == space || clean[end - 1] == tab { end -= 1 }
        if i == end {
            // A line that holds only a comment is not an empty line: Argdown passes over it.
            if !isBlank(r, in: original) { return }
            finishPending()
            endBlock()
            lastLineBlank = true
            skippingBlock = false
            return
        }
        if skippingBlock { return }
        defer { lastLineBlank = false }
        let content = clean[i..<end]

        // Headings: '#' marks then a blank, at the left margin.
        if indent == 0, content.first == UInt8(ascii: "#") {
            var k = i
            while k < end, clean[k] == UInt8(ascii: "#") { k += 1 }
            if k == end || clean[k] == space || clean[k] == tab {
                finishPending()
                endBlock()
                var heading = String(decoding: clean[k..<end], as: UTF8.self).trimmingBlanks()
                if let brace = heading.firstIndex(of: "{") { heading = String(heading[..<brace]).trimmingBlanks() }
                section = heading.isEmpty ? nil : unescape(heading)
                lastLineBlank = true
                return
            }
        }

        if let (symbol, width) = relationSymbol(content) {
            let symbolLocation = location(line: n, offset: i)
            if symbol == nil {
                error("contradictions (><) are outside argmap's subset of Argdown", line: n, offset: i, length: 2,
                      hint: "write the contradiction as two attacks, one each way (- [A] under [B], and - [B] under [A])")
                return
            }
            finishPending()
            if stack.isEmpty {
                if lastLineBlank && blockHadContent {
                    error("a relation cannot follow an empty line", line: n, offset: i, length: width,
                          hint: "remove the empty line above, so that the relation sits directly under its parent")
                } else {
                    error("this relation has no claim above it to relate to", line: n, offset: i, length: width,
                          hint: "put the relation on the lines right under its parent claim, indented more than the parent")
                }
                return
            }
            while let top = stack.last, top.indent >= indent { stack.removeLast() }
            guard let parent = stack.last else {
                error("a relation must be indented under the claim it relates to", line: n, offset: i, length: width,
                      hint: "indent this line by two spaces more than its parent")
                return
            }
            var start = i + width
            while start < end, clean[start] == space || clean[start] == tab { start += 1 }
            if start == end {
                error("this relation names no claim", line: n, offset: i, length: width,
                      hint: "write the claim after the symbol, for example: \(String(decoding: content.prefix(width), as: UTF8.self)) [Title]: text")
                return
            }
            beginElement(line: n, at: start, end: end, relation: (symbol!, parent.element, symbolLocation))
            stack.append((indent, document.elements.count))
            return
        }

        if let refusal = outsideSubset(content) {
            finishPending()
            error(refusal.0, line: n, offset: i, hint: refusal.1)
            skippingBlock = true
            return
        }

        // Plain text: continues the element being read, or starts a new one. A title at the
        // left margin ([Title]: or a reference alone on its line) always starts a new one.
        if var p = pending, p.isRoot || indent > 0, !(indent == 0 && startsWithTitle(content)) {
            p.pieces.append((n, i, clean[i..<end]))
            pending = p
            return
        }
        finishPending()
        endBlock()
        beginElement(line: n, at: i, end: end, relation: nil)
        stack = [(indent, document.elements.count)]
        blockHadContent = true
    }

    mutating func endBlock() {
        stack.removeAll()
    }

    /// Whether a line starts with a statement or argument title, which makes it an element of
    /// its own (a Markdown link `[text](url)` does not).
    func startsWithTitle(_ c: ArraySlice<UInt8>) -> Bool {
        guard let open = c.first, open == UInt8(ascii: "[") || open == UInt8(ascii: "<") else { return false }
        let close = open == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: ">")
        guard let k = c.firstIndex(of: close), k > c.startIndex + 1, !c[c.index(after: c.startIndex)..<k].contains(open) else { return false }
        let after = c.index(after: k)
        return after == c.endIndex || c[after] != UInt8(ascii: "(")
    }

    /// The relation symbol a line starts with and its width; a nil symbol is a contradiction.
    func relationSymbol(_ c: ArraySlice<UInt8>) -> (ArgdownRelation.Symbol?, Int)? {
        let s = c.startIndex
        func at(_ k: Int) -> UInt8? { s + k < c.endIndex ? c[s + k] : nil }
        func followedByBlank(_ w: Int) -> Bool { at(w) == nil || at(w) == space || at(w) == tab }
        for (u, symbol) in Parser.twoByteSymbols {
            if at(0) == u.0, at(1) == u.1, followedByBlank(2) { return (symbol, 2) }
        }
        if let b = at(0), followedByBlank(1) {
            if b == UInt8(ascii: "+") { return (.support, 1) }
            if b == UInt8(ascii: "-") { return (.attack, 1) }
            if b == UInt8(ascii: "_") { return (.undercut, 1) }
        }
        return nil
    }

    static let twoByteSymbols: [((UInt8, UInt8), ArgdownRelation.Symbol?)] = [
        ((0x3C, 0x2B), .support), ((0x3C, 0x2D), .attack), ((0x3C, 0x5F), .undercut),      // <+ <- <_
        ((0x2B, 0x3E), .supportOf), ((0x2D, 0x3E), .attackOf), ((0x5F, 0x3E), .undercutOf), // +> -> _>
        ((0x3E, 0x3C), nil),                                                               // ><
    ]

    /// Constructs argmap refuses, with the message and the hint.
    func outsideSubset(_ c: ArraySlice<UInt8>) -> (String, String)? {
        let s = c.startIndex
        if c.first == UInt8(ascii: "("), let close = c.firstIndex(of: UInt8(ascii: ")")), close > s + 1,
           c[(s + 1)..<close].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return ("premise–conclusion structures are outside argmap's subset of Argdown",
                    "argmap maps statements, arguments and their relations; describe the argument as <Title>: text (see docs/FORMAT.md)")
        }
        if c.count >= 2, c[s] == UInt8(ascii: "-"), c[s + 1] == UInt8(ascii: "-") {
            return ("inference lines (--) of premise–conclusion structures are outside argmap's subset of Argdown",
                    "argmap maps statements, arguments and their relations; describe the argument as <Title>: text (see docs/FORMAT.md)")
        }
        if c.count >= 2, c[s] == UInt8(ascii: "*"), c[s + 1] == space {
            return ("lists are outside argmap's subset of Argdown", "write each item as a statement of its own, or as a relation under a claim")
        }
        var k = s
        while k < c.endIndex, c[k] >= 0x30, c[k] <= 0x39 { k += 1 }
        if k > s, k + 1 < c.endIndex, c[k] == UInt8(ascii: "."), c[k + 1] == space {
            return ("numbered lists are outside argmap's subset of Argdown", "write each item as a statement of its own, or as a relation under a claim")
        }
        return nil
    }

    // MARK: Elements

    mutating func beginElement(line n: Int, at start: Int, end: Int, relation: (ArgdownRelation.Symbol, Int, SourceLocation)?) {
        let loc = location(line: n, offset: start)
        var kind = ClaimKind.statement
        var title: String?
        var isReference = false
        var textStart = start
        let open = clean[start]
        if open == UInt8(ascii: "[") || open == UInt8(ascii: "<") {
            let close = open == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: ">")
            var k = start + 1
            while k < end, clean[k] != close, clean[k] != open { k += 1 }
            if k < end, clean[k] == close, k > start + 1 {
                let after = k + 1 < end ? clean[k + 1] : nil
                if after != UInt8(ascii: "(") {
                    kind = open == UInt8(ascii: "[") ? .statement : .argument
                    title = String(decoding: clean[(start + 1)..<k], as: UTF8.self).trimmingBlanks()
                    if after == UInt8(ascii: ":") {
                        textStart = k + 2
                    } else {
                        isReference = true
                        textStart = k + 1
                    }
                }
            }
        }
        pending = Pending(kind: kind, title: title, isReference: isReference, location: loc,
                          pieces: [(n, min(textStart, end), clean[min(textStart, end)..<end])],
                          relation: relation.map { ($0.0, $0.1, $0.2) })
    }

    mutating func finishPending() {
        guard let p = pending else { return }
        pending = nil
        blockHadContent = true
        // Join the pieces with line breaks, remembering where each piece starts. One piece (the
        // usual case) is read where it stands, its indices those of the file.
        var raw: ArraySlice<UInt8>
        var starts: [(rawOffset: Int, line: Int, offset: Int)] = []
        if p.pieces.count == 1, let piece = p.pieces.first {
            raw = piece.bytes
            starts.append((piece.bytes.startIndex, piece.line, piece.offset))
        } else {
            var joined: [UInt8] = []
            for piece in p.pieces {
                if !joined.isEmpty { joined.append(newline) }
                starts.append((joined.count, piece.line, piece.offset))
                joined.append(contentsOf: piece.bytes)
            }
            raw = joined[...]
        }
        func locate(_ rawOffset: Int) -> SourceLocation {
            var best = starts[0]
            for s in starts where s.rawOffset <= rawOffset { best = s }
            return location(line: best.line, offset: best.offset + (rawOffset - best.rawOffset))
        }
        // Data: from the first unescaped '{' to the end.
        var dataStart: Int?
        var k = raw.startIndex
        while k < raw.endIndex {
            if raw[k] == backslash { k += 2; continue }
            if raw[k] == UInt8(ascii: "{") { dataStart = k; break }
            k += 1
        }
        var data: [DataEntry] = []
        var textEnd = raw.endIndex
        var dataLocation: SourceLocation?
        if let ds = dataStart {
            textEnd = ds
            dataLocation = locate(ds)
            do {
                let (entries, after) = try FlowData.parseMap(raw, from: ds)
                data = entries
                let rest = raw[after...]
                if !rest.allSatisfy({ $0 == space || $0 == tab || $0 == newline }) {
                    let at = after + (rest.firstIndex(where: { $0 != space && $0 != tab && $0 != newline })! - after)
                    diagnostics.append(.error("text after the data of a claim", at: locate(at),
                                              hint: "put the data {…} at the end of the claim, or escape a literal brace as \\{"))
                }
            } catch {
                diagnostics.append(.error("malformed data: \(error.message)", at: locate(error.offset),
                                          hint: "data is flow-style YAML, for example {base: 0.7, note: \"why\"}"))
            }
        }
        var (text, tags) = Parser.textAndTags(raw[raw.startIndex..<textEnd])
        if p.isReference, !text.isEmpty {
            diagnostics.append(.error("text after a reference", at: locate(raw.startIndex),
                                      hint: "to define the claim write '\(p.kind == .argument ? "<\(p.title!)>" : "[\(p.title!)]"): \(text)' with a colon"))
            text = ""
        }
        let element = ArgdownElement(kind: p.kind, title: p.title, isReference: p.isReference, text: text, tags: tags,
                                     data: data, section: section, location: p.location, dataLocation: dataLocation)
        let index = document.elements.count
        document.elements.append(element)
        if let relation = p.relation {
            document.relations.append(ArgdownRelation(symbol: relation.symbol, parent: relation.parent, child: index, location: relation.location))
        }
    }

    /// Splits raw element text into its text (escapes resolved, blanks folded) and its tags.
    static func textAndTags(_ raw: ArraySlice<UInt8>) -> (String, [String]) {
        // Most claims: no tag, no escape, single spaces only, and then the text is the bytes.
        if !raw.isEmpty, !raw.contains(where: { $0 == UInt8(ascii: "#") || $0 == backslash }), Claim.isNormalText(utf8: raw) {
            return (String(decoding: raw, as: UTF8.self), [])
        }
        var out: [UInt8] = []
        var tags: [String] = []
        var i = raw.startIndex
        var pendingSpace = false
        func isBlank(_ b: UInt8) -> Bool { b == space || b == tab || b == newline || b == cr }
        while i < raw.endIndex {
            let b = raw[i]
            if isBlank(b) { pendingSpace = !out.isEmpty; i += 1; continue }
            if b == UInt8(ascii: "#"), i == raw.startIndex || isBlank(raw[i - 1]) {
                // A bracketed tag closes on its own line, and holds no brackets or braces.
                if i + 1 < raw.endIndex, raw[i + 1] == UInt8(ascii: "("),
                   let close = raw[(i + 2)...].firstIndex(where: { $0 == UInt8(ascii: ")") || $0 == newline || $0 == cr || $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") }),
                   raw[close] == UInt8(ascii: ")"),
                   !String(decoding: raw[(i + 2)..<close], as: UTF8.self).trimmingBlanks().isEmpty {
                    tags.append(String(decoding: raw[(i + 2)..<close], as: UTF8.self).trimmingBlanks())
                    i = close + 1
                    continue
                }
                var k = i + 1
                while k < raw.endIndex, isTagByte(raw[k]) { k += 1 }
                if k > i + 1 {
                    tags.append(String(decoding: raw[(i + 1)..<k], as: UTF8.self))
                    i = k
                    continue
                }
            }
            if pendingSpace { out.append(space); pendingSpace = false }
            if b == backslash, i + 1 < raw.endIndex, !isBlank(raw[i + 1]) {
                out.append(raw[i + 1])
                i += 2
                continue
            }
            out.append(b)
            i += 1
        }
        return (String(decoding: out, as: UTF8.self), tags)
    }

    static func isTagByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b >= 0x80
    }

    func unescape(_ s: String) -> String {
        Parser.textAndTags(ArraySlice(Array(s.utf8))).0
    }
}
