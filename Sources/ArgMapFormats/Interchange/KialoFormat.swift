import ArgMapModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    enum Stance: UInt8 { case none, pro, con }

    /// A relation read: from a claim to the claim whose number its own continues, or a link
    /// (`-> See N.`) from claim N to the claim above the link's line.
    struct Pending {
        /// The claim, or for a link the index of its target's number in `links`.
        var from: Int
        /// Where the number of the line's claim (or link) stands in the file.
        var number: Range<Int>
        var line: Int32
        /// The claim above, once found; -1 until then.
        var to: Int32
        var isLink: Bool
        var stance: Stance
    }

    public static func read(_ text: String, file: String? = nil) throws(LoadFailure) -> ImportResult {
        try read(text, file: file, byCharacters: false)
    }

    /// - Parameter byCharacters: read every line by characters (for the tests and the fuzz
    ///   target, which hold the two ways to the same result).
    @_spi(Testing) public static func read(_ text: String, file: String?, byCharacters: Bool) throws(LoadFailure) -> ImportResult {
        var contiguous = text
        let result = contiguous.withUTF8 { bytes -> Result<ImportResult, LoadFailure> in
            do throws(LoadFailure) {
                return .success(try read(bytes, file: file, source: SourceText(text), byCharacters: byCharacters, release: { _ in }))
            } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// The reader from a file's bytes as they stand (``FileFormat/readBytes``), the pages read
    /// given back as it goes; nil for anything ``read(_:file:)`` must see as text to report
    /// (bytes that are not UTF-8, a byte-order mark, any error in the file).
    static func read(bytes: UnsafeBufferPointer<UInt8>, release: (Range<Int>) -> Void) -> ImportResult? {
        guard FastReading.readableAsText(bytes, release: release) else { return nil }
        return try? read(bytes, file: nil, source: nil, byCharacters: false, release: release)
    }

    /// Reads the file's bytes where they stand, in one pass: its lines and the claims' numbers
    /// are ranges, and a line whose every character is a single scalar that never joins its
    /// neighbours (``isPlain(_:)``), as a generated or exported file's are, is read byte by
    /// byte; any other line is read by characters, as a `String`, with the same result. Each
    /// claim is made as its text ends, and a claim's parent found then where it came before
    /// (as in every export), so that the pages read can go: only the numbers of links and of
    /// claims whose parent comes later are read again.
    /// - Complexity: O(bytes), and a `String` per claim (its text), not per line or number.
    /// - Parameter source: the text, for the place of an error.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, file: String?, source: @autoclosure () -> SourceText?,
                     byCharacters: Bool, release: (Range<Int>) -> Void) throws(LoadFailure) -> ImportResult {
        var problems: [Diagnostic] = []
        func fail(_ message: String, line: Int, hint: String? = nil) {
            problems.append(.error(message, at: SourceLocation(line: line + 1, column: 1), hint: hint))
        }
        var lines = Lines(bytes)
        func string(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[r]), as: UTF8.self) }
        func trimmed(_ r: Range<Int>) -> Range<Int> {
            var (a, b) = (r.lowerBound, r.upperBound)
            while a < b, bytes[a] == 0x20 || bytes[a] == 0x09 { a += 1 }
            while b > a, bytes[b - 1] == 0x20 || bytes[b - 1] == 0x09 { b -= 1 }
            return a..<b
        }
        func equals(_ r: Range<Int>, _ word: StaticString) -> Bool {
            r.count == word.utf8CodeUnitCount && memcmp(bytes.baseAddress! + r.lowerBound, word.utf8Start, r.count) == 0
        }
        func parent(_ r: Range<Int>) -> Range<Int>? {
            var k = r.upperBound
            while k > r.lowerBound { k -= 1; if bytes[k] == 0x2E { return r.lowerBound..<k } }
            return nil
        }
        guard let firstLine = lines.next(), case let first = string(firstLine).hasPrefix("\u{FEFF}") ? String(string(firstLine).dropFirst()) : string(firstLine), recognizes(first) else {
            throw LoadFailure([.error("a Kialo export starts with 'Discussion Title:' or 'Discussion Name:'", at: SourceLocation(line: 1, column: 1))], file: file, source: source())
        }
        var title: String
        var i = 1
        if first.hasPrefix("Discussion Title:") {
            title = String(first.dropFirst("Discussion Title:".count)).trimmingBlanks()
        } else {
            title = String(first.dropFirst("Discussion Name:".count)).trimmingBlanks()
            while title.isEmpty, let line = lines.next() {
                title = string(line).trimmingBlanks()
                i += 1
            }
        }
        var claims: [Claim] = []
        var numbers = NumberTable(bytes)   // the claims by number
        var pending: [Pending] = []
        var links: [String] = []
        // The claim being read: its number, line and stance, and its text's lines, trimmed
        // (byte ranges of plain lines), or, once a line of it is not plain, the text itself.
        var current: (number: Range<Int>, line: Int, stance: Stance)?
        var parts: [Range<Int>] = []
        var currentText: String?
        // A claim's text keeps its runs of spaces here: the map folds them (`ArgumentMap.init`).
        var unescaped: [UInt8] = []
        func finish() {
            guard let (number, line, stance) = current else { return }
            current = nil
            let body: String
            if let text = currentText {
                body = unescape(text)
            } else {
                // The text's lines joined by a space, its escapes resolved, byte by byte.
                unescaped.removeAll(keepingCapacity: true)
                var escaped = false
                for p in parts where !p.isEmpty {
                    if !unescaped.isEmpty || escaped { escaped = unescape(0x20, escaped, into: &unescaped) }
                    for k in p { escaped = unescape(bytes[k], escaped, into: &unescaped) }
                }
                if escaped { unescaped.append(0x5C) }   // a backslash at the end stays
                body = String(decoding: unescaped, as: UTF8.self)
            }
            let above = parent(number)
            if body.hasPrefix("-> See ") || body.hasPrefix("->See ") {
                var target = String(body.drop(while: { $0 != "S" }).dropFirst("See".count)).trimmingBlanks()
                if target.hasSuffix(".") { target.removeLast() }
                guard above != nil else { fail("a link cannot be the thesis", line: line); return }
                guard stance != .none else { fail("a link needs Pro: or Con:", line: line); return }
                pending.append(Pending(from: links.count, number: number, line: Int32(clamping: line), to: numbers.find(above!).map(Int32.init) ?? -1, isLink: true, stance: stance))
                links.append(target)
                return
            }
            guard numbers.insert(number, claims.count) else { fail("claim \(string(number)) appears twice", line: line); return }
            // The id is made once every text is read: it follows the text without its source markers.
            claims.append(Claim(id: "", text: body))
            if let above {
                guard stance != .none else { fail("claim \(string(number)) needs Pro: or Con:", line: line); return }
                pending.append(Pending(from: claims.count - 1, number: number, line: Int32(clamping: line), to: numbers.find(above).map(Int32.init) ?? -1, isLink: false, stance: stance))
            }
        }
        // Claims, and the Sources section.
        var sources: [String: String] = [:]
        var currentSource: String?
        var inSources = false
        // Every step of the way, the pages behind go, with those that finding a parent read again.
        var released = 0
        while let line = lines.next() {
            defer { i += 1 }
            if line.lowerBound - released >= FastReading.releaseStep {
                release(0..<line.lowerBound)
                released = line.lowerBound
            }
            let r = trimmed(line)
            if equals(r, "Sources:") { finish(); inSources = true; currentSource = nil; continue }
            if inSources {
                let trimmed = string(r)
                if let close = trimmed.firstIndex(of: "]"), trimmed.hasPrefix("["), Int(trimmed[trimmed.index(after: trimmed.startIndex)..<close]) != nil {
                    let n = String(trimmed[trimmed.index(after: trimmed.startIndex)..<close])
                    sources[n] = String(trimmed[trimmed.index(after: close)...]).trimmingBlanks()
                    currentSource = n
                } else if let n = currentSource, !trimmed.isEmpty {
                    sources[n]! += " " + trimmed
                }
                continue
            }
            let plain = !byCharacters && isPlain(UnsafeBufferPointer(rebasing: bytes[r]))
            if plain, let (number, stance, rest) = header(bytes, r) {
                finish()
                current = (number, i, stance)
                parts.removeAll(keepingCapacity: true)
                parts.append(trimmed(rest))
                currentText = nil
            } else if !plain, let (number, stance, rest) = header(string(r)) {
                finish()
                // The number is ASCII, where the line starts.
                current = (r.lowerBound..<(r.lowerBound + number.utf8.count), i, stance == "Pro" ? .pro : stance == "Con" ? .con : .none)
                parts.removeAll(keepingCapacity: true)
                currentText = rest
            } else if !r.isEmpty {
                guard current != nil else { fail("text before the first numbered claim", line: i, hint: "claims start with their number, as in '1.1. Pro: text'"); continue }
                if plain, currentText == nil {
                    parts.append(r)
                } else {
                    var text = currentText ?? joined(bytes, parts[...])
                    text += (text.isEmpty ? "" : " ") + string(r)
                    currentText = text
                }
            }
        }
        finish()
        release(0..<bytes.count)
        (parts, unescaped) = ([], [])
        // Each claim's sources and id, in order.
        var ids = FreshIDs(capacity: claims.count)
        for c in claims.indices {
            var body = claims[c].text
            var claimSources: [Source] = []
            for n in markers(in: body, of: sources) {
                claimSources.append(Source(citation: sources[n]!))
                body = body.replacingOccurrences("[\(n)]", with: "")
            }
            if !claimSources.isEmpty {
                claimSources.sort { $0.citation < $1.citation }
                claims[c] = Claim(id: "", text: body, sources: claimSources)
            }
            claims[c].id = ids.make(from: body, number: c + 1)
        }
        ids = FreshIDs()
        var notes: [String] = []
        var relations: [Relation] = []
        relations.reserveCapacity(pending.count)
        var seen = Set<Int>()
        seen.reserveCapacity(pending.count)
        var lookups = 0
        for p in pending {
            let line = Int(p.line)
            // A link's target, or a parent that came later, is found by its number in the file,
            // whose page comes back with the pages around it: they go again every 32 lookups.
            // (Every 256, the cyclic map's 333 MB export kept up to 194 MB of it mapped where the
            // file had been read from disk, not just written, and its import peaked at 660 MB,
            // not 503 MB, in the same time; every 4,096 kept up to a quarter of it.)
            if p.isLink || p.to < 0 {
                lookups += 1
                if lookups % 32 == 0 { release(0..<bytes.count) }
            }
            var fromNumber: String { p.isLink ? links[p.from] : string(p.number) }
            guard let from = p.isLink ? numbers.find(links[p.from]) : p.from else {
                fail("'-> See \(fromNumber).' names no claim in the file", line: line)
                continue
            }
            guard let to = p.to >= 0 ? Int(p.to) : numbers.find(parent(p.number)!) else {
                fail("claim \(fromNumber) answers \(string(parent(p.number)!)), which is not in the file", line: line)
                continue
            }
            if !seen.insert(from &* claims.count &+ to).inserted {
                notes.append("line \(line + 1): a second link from \(fromNumber) to \(string(parent(p.number)!)) was skipped")
                continue
            }
            relations.append(Relation(from: from, to: to, type: p.stance == .con ? .attack : .support))
        }
        if !problems.isEmpty { throw LoadFailure(problems, file: file, source: source()) }
        let linkCount = links.count
        (pending, links, numbers, seen) = ([], [], NumberTable(bytes), [])
        release(0..<bytes.count)
        do {
            let map = try ArgumentMap(title: title.isEmpty ? nil : unescape(title), claims: claims, relations: relations)
            notes.insert("read \(claims.count) claims and \(relations.count) relations (\(linkCount) from -> See links)", at: 0)
            return ImportResult(map: map, notes: notes)
        } catch {
            throw LoadFailure([.error(error.description)], file: file)
        }
    }

    /// The claims by number, a number being a range of the file's bytes: open addressing, a
    /// claim's index (plus one) in each slot, its number's hash and place kept by claim, so that
    /// the table grows, and passes over other numbers, without reading the file again. Numbers
    /// are hashed as ids are (``IDHash``: seeded per process, so that no file can be written to
    /// make the table's runs long).
    struct NumberTable {
        let bytes: UnsafeBufferPointer<UInt8>
        var slots = [Int32](repeating: 0, count: 16)
        var keys: [Range<Int>] = []
        var hashes: [UInt32] = []
        var mask = 15
        let seeds = IDHash.seeds

        init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt32 { IDHash.hash(key, seeds).hash }

        /// Where the key stands, or the empty slot where it would.
        func slot(of key: UnsafeBufferPointer<UInt8>, hash h: UInt32) -> (slot: Int, claim: Int?) {
            var s = Int(h) & mask
            while slots[s] != 0 {
                let claim = Int(slots[s]) - 1
                if hashes[claim] == h {
                    let k = keys[claim]
                    if k.count == key.count, memcmp(bytes.baseAddress! + k.lowerBound, key.baseAddress!, key.count) == 0 { return (s, claim) }
                }
                s = (s + 1) & mask
            }
            return (s, nil)
        }

        /// Adds claim `claim` (the next one) under its number, unless the number is taken.
        mutating func insert(_ number: Range<Int>, _ claim: Int) -> Bool {
            let key = UnsafeBufferPointer(rebasing: bytes[number])
            let h = hash(key)
            let (s, found) = slot(of: key, hash: h)
            guard found == nil else { return false }
            slots[s] = Int32(claim + 1)
            keys.append(number)
            hashes.append(h)
            if 2 * keys.count > slots.count { grow() }
            return true
        }

        mutating func grow() {
            slots = [Int32](repeating: 0, count: 2 * slots.count)
            mask = slots.count - 1
            for (claim, h) in hashes.enumerated() {
                var s = Int(h) & mask
                while slots[s] != 0 { s = (s + 1) & mask }
                slots[s] = Int32(claim + 1)
            }
        }

        func find(_ number: Range<Int>) -> Int? {
            let key = UnsafeBufferPointer(rebasing: bytes[number])
            return slot(of: key, hash: hash(key)).claim
        }

        func find(_ number: String) -> Int? {
            var number = number
            return number.withUTF8 { slot(of: $0, hash: hash($0)).claim }
        }
    }

    /// The lines of a file's bytes, as `split` on `\n`, `\r\n` and `\r` gives them (an empty
    /// line after a final line break).
    struct Lines {
        let bytes: UnsafeBufferPointer<UInt8>
        var start = 0
        var done = false
        init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func next() -> Range<Int>? {
            guard !done else { return nil }
            var k = start
            while k < bytes.count, bytes[k] != 0x0A, bytes[k] != 0x0D { k += 1 }
            let line = start..<k
            if k == bytes.count { done = true } else { start = k + (bytes[k] == 0x0D && k + 1 < bytes.count && bytes[k + 1] == 0x0A ? 2 : 1) }
            return line
        }
    }

    /// Whether every scalar of a line is one that is a character of its own beside any other
    /// (so that reading the line byte by byte and by characters agree): ASCII, and the
    /// letters, signs and punctuation of the ranges below, which hold no combining mark, no
    /// joiner and nothing that joins the character after it. `KialoReaderTests` checks every one.
    static func isPlain(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var k = 0
        while k < line.count {
            let b = line[k]
            if b < 0x80 { k += 1; continue }
            if b >= 0xC2, b <= 0xDF, k + 1 < line.count {
                let v = UInt32(b & 0x1F) << 6 | UInt32(line[k + 1] & 0x3F)
                guard isPlainScalar(v) else { return false }
                k += 2
            } else if b >= 0xE1, b <= 0xE9, k + 2 < line.count {
                let v = UInt32(b & 0x0F) << 12 | UInt32(line[k + 1] & 0x3F) << 6 | UInt32(line[k + 2] & 0x3F)
                guard isPlainScalar(v) else { return false }
                k += 3
            } else {
                return false
            }
        }
        return true
    }

    static func isPlainScalar(_ v: UInt32) -> Bool {
        switch v {
        case 0xA0..<0x300, 0x370..<0x483, 0x48A..<0x591,   // Latin, Greek, Cyrillic, Armenian
             0x1E00..<0x2000,                              // Latin and Greek extended
             0x2010..<0x2028, 0x2030..<0x205F,             // dashes, quotes, punctuation
             0x20A0..<0x20C1,                              // currency signs
             0x4E00..<0xA000:                              // CJK ideographs
            return true
        default:
            return false
        }
    }

    /// One byte of a text whose escapes are being resolved, after a backslash or not; whether
    /// the next byte follows a backslash. A backslash takes the character after it as it is,
    /// and `\n` is a space.
    @inline(__always) static func unescape(_ b: UInt8, _ escaped: Bool, into out: inout [UInt8]) -> Bool {
        if escaped { out.append(b == 0x6E ? 0x20 : b); return false }
        if b == 0x5C { return true }
        out.append(b)
        return false
    }

    /// Plain lines joined by a space, as a string.
    static func joined(_ bytes: UnsafeBufferPointer<UInt8>, _ parts: ArraySlice<Range<Int>>) -> String {
        var out: [UInt8] = []
        for p in parts where !p.isEmpty {
            if !out.isEmpty { out.append(0x20) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[p]))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// ``header(_:)`` of a plain line, byte by byte: the number, the stance, and the range of
    /// the text after them (not yet trimmed).
    static func header(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> (Range<Int>, Stance, Range<Int>)? {
        var k = line.lowerBound
        var previous: UInt8 = 0x2E
        while k < line.upperBound, bytes[k] == 0x2E || (bytes[k] >= 0x30 && bytes[k] <= 0x39) {
            // No empty part: a number starts with a digit and has no two dots together.
            if bytes[k] == 0x2E, previous == 0x2E { return nil }
            previous = bytes[k]
            k += 1
        }
        guard k - line.lowerBound >= 2, previous == 0x2E else { return nil }
        guard k == line.upperBound || bytes[k] == 0x20 || bytes[k] == 0x09 else { return nil }
        let number = line.lowerBound..<(k - 1)
        while k < line.upperBound, bytes[k] == 0x20 || bytes[k] == 0x09 { k += 1 }
        func starts(_ word: StaticString) -> Bool {
            line.upperBound - k >= word.utf8CodeUnitCount && memcmp(bytes.baseAddress! + k, word.utf8Start, word.utf8CodeUnitCount) == 0
        }
        if starts("Pro:") { return (number, .pro, (k + 4)..<line.upperBound) }
        if starts("Con:") { return (number, .con, (k + 4)..<line.upperBound) }
        if starts("Thesis:") { return (number, .none, (k + 7)..<line.upperBound) }
        return (number, .none, k..<line.upperBound)
    }

    /// The source markers (`[n]`) in a text whose `n` is among `sources`, each once, in order
    /// of first appearance: found by looking at each `[` of the text, not by looking for each
    /// source in every text.
    static func markers(in text: String, of sources: [String: String]) -> [String] {
        guard !sources.isEmpty, text.utf8.contains(0x5B) else { return [] }
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
