import ArgMapModel

extension Commands {
    static let find = Command(
        name: "find", aliases: ["search"], group: .navigation,
        usage: "find TEXT",
        summary: "search claims' text, ids, tags and sources (case-insensitive)",
        discussion: "Each result starts with its position, which cd accepts. At most 50 results are shown.",
        examples: ["find Magadan", "find #evidence"],
        arguments: [.text], minArguments: 1, maxArguments: nil,
        run: { inv throws(CommandError) in
            let (args, _) = try inv.parse()
            let needle = inv.text(from: args[0]).lowercased()
            let s = inv.session
            // A large map is searched in halves, one on each core; each keeps its count and its
            // first 50 hits, in order.
            let claims = s.map.claims
            let pieces = Parallel.pieces(claims.indices, claims.count >= 100_000 ? 2 : 1)
            let found = Parallel.map(pieces.count) { k -> (hits: [Int], total: Int) in
                var matches = Matcher(needle)
                var hits: [Int] = []
                var total = 0
                claims.withUnsafeBufferPointer { claims in
                    for c in pieces[k] where matches.any(at: claims.baseAddress! + c) {
                        total += 1
                        if hits.count < 50 { hits.append(c) }
                    }
                }
                return (hits, total)
            }
            let hits = Array(found.flatMap(\.hits).prefix(50))
            let total = found.reduce(0) { $0 + $1.total }
            guard total > 0 else { throw CommandError("nothing matches '\(needle)'", at: args[0]) }
            var out: [String] = []
            for (c, position) in zip(hits, s.positions(of: hits)) {
                let pos = position ?? "-"
                out.append(s.claimLine(c, prefix: pos.padding(to: 8), prefixWidth: max(9, pos.count + 1), relation: nil, console: inv.console))
            }
            if total > hits.count { out.append("… and \(total - hits.count) more; narrow the search") }
            inv.console.print(out.joined(separator: "\n"))
        })
}

/// Case-insensitive search for `find`, run over every field of every claim, comparing UTF-8
/// bytes (a match of bytes in valid UTF-8 is a match of whole characters). An ASCII needle
/// (the usual case) folds ASCII letters as it goes, with no copy of the text. Any other needle
/// is looked for in the lower-cased text, folded here byte by byte when the text's letters are
/// ASCII, Latin-1 or basic Cyrillic (whose lower case is one fixed byte change), and with
/// `lowercased()` otherwise.
struct Matcher {
    let needle: [UInt8]
    let isASCII: Bool
    /// Where texts are lower-cased for a non-ASCII needle, reused from one text to the next.
    private var folded: [UInt8] = []

    init(_ lowercasedNeedle: String) {
        needle = Array(lowercasedNeedle.utf8)
        isASCII = needle.allSatisfy { $0 < 0x80 }
    }

    /// Whether any field of the claim matches: its text, id, tags, sources or note.
    mutating func any(of claim: Claim) -> Bool {
        withUnsafePointer(to: claim) { any(at: $0) }
    }

    /// ``any(of:)`` for the claim where it is stored, read there rather than copied.
    mutating func any(at claim: UnsafePointer<Claim>) -> Bool {
        if self(claim.pointee.text) || self(claim.pointee.id) { return true }
        if claim.pointee.isPlain { return false }
        let claim = claim.pointee
        if claim.tags.contains(where: { self("#" + $0) }) { return true }
        if claim.sources.contains(where: { self("\($0.citation) \($0.date ?? "") \($0.url ?? "")") }) { return true }
        return claim.note.map { self($0) } ?? false
    }

    mutating func callAsFunction(_ haystack: String) -> Bool {
        if needle.isEmpty { return true }
        // A native string's bytes are read in place; any other is copied first.
        let found = haystack.utf8.withContiguousStorageIfAvailable { search($0) } ?? {
            var copy = haystack
            return copy.withUTF8 { search($0) }
        }()
        if let found { return found }
        var lowered = haystack.lowercased()
        return lowered.withUTF8 { find(in: $0, foldingASCII: false) }
    }

    /// Whether the needle occurs in the text's bytes, or nil when only `lowercased()` can fold
    /// the text for a non-ASCII needle.
    private mutating func search(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        if isASCII { return find(in: bytes, foldingASCII: true) }
        guard Matcher.lowercasedBytes(bytes, into: &folded) else { return nil }
        return folded.withUnsafeBufferPointer { find(in: $0, foldingASCII: false) }
    }

    /// Whether the needle occurs in the bytes. Sixteen starts are tried at once: a start is a
    /// candidate when the byte there is the needle's first and the byte where the needle would
    /// end is its last (each folded to lower case when it is an ASCII letter and `fold` is on: a
    /// letter's byte with 0x20 set is its lower case, and no other byte's is). Candidates, rare
    /// with two bytes to agree, are then compared whole. The last block overlaps the one
    /// before; a text too short for a block is tried start by start.
    func find(in bytes: UnsafeBufferPointer<UInt8>, foldingASCII fold: Bool) -> Bool {
        guard bytes.count >= needle.count, let base = bytes.baseAddress else { return false }
        let n = needle.count, end = bytes.count - n + 1  // starts are below end
        func matches(at start: Int) -> Bool {
            var k = 0
            while k < n, Matcher.fold(bytes[start + k], fold) == needle[k] { k += 1 }
            return k == n
        }
        func isLetter(_ b: UInt8) -> Bool { fold && b >= 0x61 && b <= 0x7A }
        let first = needle[0], last = needle[n - 1]
        let firsts = SIMD16<UInt8>(repeating: first), lasts = SIMD16<UInt8>(repeating: last)
        let foldFirst = SIMD16<UInt8>(repeating: isLetter(first) ? 0x20 : 0)
        let foldLast = SIMD16<UInt8>(repeating: isLetter(last) ? 0x20 : 0)
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i < end {
            // The last block ends where the starts do, going over some starts again.
            if i + 16 > end {
                guard end >= 16 else { break }
                i = end - 16
            }
            let head = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self) | foldFirst
            let tail = raw.loadUnaligned(fromByteOffset: i + n - 1, as: SIMD16<UInt8>.self) | foldLast
            let candidates = (head .== firsts) .& (tail .== lasts)
            // The mask's lanes are 0 or all ones: two words that are zero mean no candidate.
            let words = unsafeBitCast(candidates, to: (UInt64, UInt64).self)
            if words.0 | words.1 != 0 {
                for k in 0..<16 where candidates[k] && matches(at: i + k) { return true }
            }
            i += 16
        }
        // A text shorter than a block and the needle.
        while i < end {
            if matches(at: i) { return true }
            i += 1
        }
        return false
    }

    @inline(__always) static func fold(_ b: UInt8, _ on: Bool) -> UInt8 { on && b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

    /// The text's `lowercased()` bytes, made by byte changes, written into `out` (whose
    /// storage is reused), when every character of it is ASCII, in U+0080–U+00FF, in
    /// U+0400–U+045F, or general punctuation (U+2000–U+203F); false for any other character
    /// (a combining mark, Greek, …), which `lowercased()` handles.
    static func lowercasedBytes(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Bool {
        out.removeAll(keepingCapacity: true)
        out.append(contentsOf: bytes)
        return out.withUnsafeMutableBufferPointer { out in lowercase(bytes, into: out) }
    }

    private static func lowercase(_ bytes: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Bool {
        guard let from = bytes.baseAddress, let to = out.baseAddress else { return true }
        let raw = UnsafeRawPointer(from), into = UnsafeMutableRawPointer(to)
        var i = 0
        while i < bytes.count {
            // Eight ASCII bytes at once: a byte from A to Z gains 0x20. Adding 0x3F sets the top
            // bit of a byte from A up, adding 0x25 of a byte past Z; neither carries out of an
            // ASCII byte.
            if i + 8 <= bytes.count {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if w & 0x8080_8080_8080_8080 == 0 {
                    let upper = ((w &+ 0x3F3F_3F3F_3F3F_3F3F) ^ (w &+ 0x2525_2525_2525_2525)) & 0x8080_8080_8080_8080
                    into.storeBytes(of: w | (upper >> 2), toByteOffset: i, as: UInt64.self)
                    i += 8
                    continue
                }
            }
            let b = bytes[i]
            if b < 0x80 { out[i] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b; i += 1; continue }
            guard i + 1 < bytes.count else { return false }
            let n = bytes[i + 1]
            switch b {
            case 0xC2:  // U+0080–U+00BF: no upper case
                out[i] = b; out[i + 1] = n
            case 0xC3:  // U+00C0–U+00FF: À–Þ (but ×) lower-case by 0x20
                out[i] = b; out[i + 1] = n >= 0x80 && n <= 0x9E && n != 0x97 ? n + 0x20 : n
            case 0xD0:  // U+0400–U+043F
                if n <= 0x8F { out[i] = 0xD1; out[i + 1] = n + 0x10 }         // Ѐ–Џ → ѐ–џ
                else if n <= 0x9F { out[i] = 0xD0; out[i + 1] = n + 0x20 }    // А–П → а–п
                else if n <= 0xAF { out[i] = 0xD1; out[i + 1] = n - 0x20 }    // Р–Я → р–я
                else { out[i] = b; out[i + 1] = n }
            case 0xD1 where n <= 0x9F:  // р–я, ѐ–џ: already lower case
                out[i] = b; out[i + 1] = n
            case 0xE2 where n == 0x80 && i + 2 < bytes.count:  // punctuation
                out[i] = b; out[i + 1] = n; out[i + 2] = bytes[i + 2]
                i += 3
                continue
            default:
                return false
            }
            i += 2
        }
        return true
    }
}
