import ArgMapModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
                for c in pieces[k] where matches.any(of: claims[c]) {
                    total += 1
                    if hits.count < 50 { hits.append(c) }
                }
                return (hits, total)
            }
            let hits = Array(found.flatMap(\.hits).prefix(50))
            let total = found.reduce(0) { $0 + $1.total }
            guard total > 0 else { throw CommandError("nothing matches '\(needle)'", at: args[0]) }
            var out: [String] = []
            let roots = s.map.roots
            for c in hits {
                let pos = s.position(of: c, roots: roots) ?? "-"
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
        if self(claim.text) || self(claim.id) { return true }
        if claim.isPlain { return false }
        if claim.tags.contains(where: { self("#" + $0) }) { return true }
        if claim.sources.contains(where: { self("\($0.citation) \($0.date ?? "") \($0.url ?? "")") }) { return true }
        return claim.note.map { self($0) } ?? false
    }

    mutating func callAsFunction(_ haystack: String) -> Bool {
        if needle.isEmpty { return true }
        var text = haystack
        if isASCII {
            return text.withUTF8 { find(in: $0, foldingASCII: true) }
        }
        if text.withUTF8({ Matcher.lowercasedBytes($0, into: &folded) }) {
            return folded.withUnsafeBufferPointer { find(in: $0, foldingASCII: false) }
        }
        var lowered = haystack.lowercased()
        return lowered.withUTF8 { find(in: $0, foldingASCII: false) }
    }

    /// Whether the needle occurs in the bytes. Candidates for its first byte are found eight
    /// bytes at a time when it is a letter to fold (a letter's byte with 0x20 set is its
    /// lower case, and no other byte's is), and with `memchr` otherwise.
    func find(in bytes: UnsafeBufferPointer<UInt8>, foldingASCII fold: Bool) -> Bool {
        guard bytes.count >= needle.count, let base = bytes.baseAddress else { return false }
        let first = needle[0], end = bytes.count - needle.count + 1  // starts are below end
        func matches(at start: Int) -> Bool {
            var k = 1
            while k < needle.count, Matcher.fold(bytes[start + k], fold) == needle[k] { k += 1 }
            return k == needle.count
        }
        var i = 0
        if fold, first >= 0x61, first <= 0x7A {
            let spread = UInt64(first) &* 0x0101_0101_0101_0101
            while i < end {
                if i + 8 <= end {
                    let x = (UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) | 0x2020_2020_2020_2020) ^ spread
                    // No byte of x is zero: none of the eight is a candidate.
                    if (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 == 0 { i += 8; continue }
                }
                let stop = min(i + 8, end)
                while i < stop {
                    if bytes[i] | 0x20 == first, matches(at: i) { return true }
                    i += 1
                }
            }
            return false
        }
        while i < end, let found = memchr(base + i, Int32(first), end - i) {
            i = UnsafeRawPointer(found) - UnsafeRawPointer(base)
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
        var i = 0
        while i < bytes.count {
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
