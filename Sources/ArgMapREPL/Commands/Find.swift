#if canImport(Glibc)
import Glibc  // memcmp
#elseif canImport(Darwin)
import Darwin
#endif
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
/// is looked for in the lower-cased text: first only where the text's bytes agree with three
/// of the needle's up to case (``Needle``), each such place lower-cased alone; a text with no
/// such place is passed over when its characters (ASCII, Latin-1, Cyrillic) lower-case within
/// the case bits, or at once when no character lower-cases to the needle's but their own upper
/// case (a Cyrillic or accented needle without i, k, ß, å or ÿ). Any other text is folded here
/// byte by byte when its letters are ASCII, Latin-1 or basic Cyrillic (whose lower case is one
/// fixed byte change), and with `lowercased()` otherwise.
///
/// The search itself (``Needle``) reads the needle's bytes through a pointer: nothing it
/// touches per text is reference-counted, where an array read in a closure per text cost
/// several atomic counts a text, a third of the time of a search over a million claims.
struct Matcher {
    /// Owns the needle's bytes, which `search` reads in place.
    private let owner: Owner
    private let search: Needle
    /// Where texts are lower-cased for a non-ASCII needle, reused from one text to the next.
    private var folded: [UInt8] = []

    init(_ lowercasedNeedle: String) {
        owner = Owner(Array(lowercasedNeedle.utf8))
        search = Needle(UnsafeBufferPointer(owner.bytes))
    }

    private final class Owner {
        let bytes: UnsafeMutableBufferPointer<UInt8>
        init(_ bytes: [UInt8]) {
            self.bytes = .allocate(capacity: bytes.count)
            _ = self.bytes.initialize(from: bytes)
        }
        deinit { bytes.deallocate() }
    }

    /// Whether any field of the claim matches: its text, id, tags, sources or note.
    mutating func any(of claim: Claim) -> Bool {
        withUnsafePointer(to: claim) { any(at: $0) }
    }

    /// ``any(of:)`` for the claim where it is stored, read there rather than copied.
    mutating func any(at claim: UnsafePointer<Claim>) -> Bool {
        // The text and the id are read where they are stored; the rare text that needs more
        // is read again for it, so that the usual path holds no count on either.
        switch search.inPlace(claim.pointee.text) {
        case true?: return true
        case false?: break
        case nil: if folding(claim.pointee.text) { return true }
        }
        switch search.inPlace(claim.pointee.id) {
        case true?: return true
        case false?: break
        case nil: if folding(claim.pointee.id) { return true }
        }
        if claim.pointee.isPlain { return false }
        let claim = claim.pointee
        if claim.tags.contains(where: { self("#" + $0) }) { return true }
        if claim.sources.contains(where: { self("\($0.citation) \($0.date ?? "") \($0.url ?? "")") }) { return true }
        return claim.note.map { self($0) } ?? false
    }

    mutating func callAsFunction(_ haystack: String) -> Bool {
        if let found = search.inPlace(haystack) { return found }
        return folding(haystack)
    }

    /// ``callAsFunction(_:)`` where ``Needle/inPlace(_:)`` cannot tell: on a text stored
    /// otherwise (copied first) or to be folded whole, here or else by `lowercased()`.
    @inline(never) private mutating func folding(_ haystack: String) -> Bool {
        let search = search
        var copy = haystack
        let found = copy.withUTF8 { bytes -> Bool? in
            if let found = search.withoutFolding(bytes) { return found }
            guard Matcher.lowercasedBytes(bytes, into: &folded) else { return nil }
            return folded.withUnsafeBufferPointer { search.find(in: $0, foldingASCII: false) }
        }
        if let found { return found }
        var lowered = haystack.lowercased()
        return lowered.withUTF8 { search.find(in: $0, foldingASCII: false) }
    }
}

/// The search of ``Matcher``: a needle's bytes read in place.
struct Needle {
    let needle: UnsafeBufferPointer<UInt8>
    let isASCII: Bool
    /// The needle's first byte and, for the search through a text, two others (its first and
    /// last for an ASCII needle; its second and last otherwise), each with the bits in which
    /// a text's byte there may differ from it where the text, lower-cased, has the needle.
    let first: Probe, probes: (Probe, Probe)
    /// Whether a text with a character that may lower-case past the case bits must be folded
    /// whole to tell: false when every character of the needle comes, in lower-casing, only
    /// from itself and its upper case (see ``comesOnlyFromItsCasePair(_:)``), so that no such
    /// character of a text lower-cases to any part of it.
    let screensUnusualTexts: Bool

    struct Probe {
        var offset: Int
        var byte: UInt8
        var setting: UInt8
        /// Whether byte `b` agrees with the probe.
        @inline(__always) func agrees(_ b: UInt8) -> Bool { b | setting == byte }
        /// The probe of the needle's byte there, matched exactly.
        func exact(_ needle: UnsafeBufferPointer<UInt8>) -> Probe { Probe(offset: offset, byte: needle[offset], setting: 0) }
    }

    init(_ needle: UnsafeBufferPointer<UInt8>) {
        self.needle = needle
        let isASCII = needle.allSatisfy { $0 < 0x80 }
        self.isASCII = isASCII
        let n = needle.count
        func probe(_ k: Int) -> Probe {
            guard n > 0 else { return Probe(offset: 0, byte: 0, setting: 0) }
            let k = max(0, min(k, n - 1))
            let bits = Needle.caseBits(needle, at: k)
            return Probe(offset: k, byte: needle[k] | bits, setting: bits)
        }
        first = probe(0)
        // A non-ASCII needle's first byte is often D0 or D1, as is every other byte of Cyrillic
        // text; its second byte tells the letter.
        probes = (probe(isASCII ? 0 : 1), probe(n - 1))
        screensUnusualTexts = !String(decoding: needle, as: UTF8.self).unicodeScalars.allSatisfy(Needle.comesOnlyFromItsCasePair)
    }

    /// Whether the only characters whose lower case holds this (lower-case) character are the
    /// character itself and its upper case, whose bytes differ from its own only in
    /// ``caseBits(_:at:)``: true for ASCII, U+0080–U+00FF, U+0400–U+047F and U+2000–U+203F,
    /// but for i (from İ), k (from the Kelvin sign), ß (from ẞ), å (from the ångström sign) and
    /// ÿ (from Ÿ). A test lower-cases every Unicode scalar to check it.
    static func comesOnlyFromItsCasePair(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x69, 0x6B, 0xDF, 0xE5, 0xFF: return false
        case 0x00...0xFF, 0x400...0x47F, 0x2000...0x203F: return true
        default: return false
        }
    }

    /// The bits in which byte `k` of a text may differ from byte `k` of the (lower-cased)
    /// needle where the text, lower-cased, matches it, for texts whose every character lower-
    /// cases within ``Matcher/caseBits`` (see ``Matcher/changesOnlyCaseBits(_:)``): 0x20 for
    /// ASCII letters and for the second byte of Latin-1 letters, а–п and р–я, 0x10 for that of
    /// ѐ–џ, 0x01 for that of U+0460–U+047F and for the first byte of Cyrillic (D0 or D1), and
    /// none otherwise. Tighter than ``Matcher/caseBits`` at every byte, so that far fewer
    /// starts are candidates in Cyrillic text, where every other byte is D0 or D1.
    static func caseBits(_ needle: UnsafeBufferPointer<UInt8>, at k: Int) -> UInt8 {
        let b = needle[k]
        if b < 0x80 { return b >= 0x61 && b <= 0x7A ? 0x20 : 0 }
        if b >= 0xC0 { return b == 0xD0 || b == 0xD1 ? 0x01 : 0 }
        // A second byte: by its character's first.
        guard k > 0 else { return 0 }
        switch needle[k - 1] {
        case 0xC3, 0xD0: return 0x20
        case 0xD1: return b <= 0x8F ? 0x20 : b <= 0x9F ? 0x10 : 0x01
        default: return 0
        }
    }

    /// Whether the needle occurs in a text stored natively (its bytes read in place), or nil
    /// when the text is stored otherwise or must be folded whole to tell.
    @inline(__always) func inPlace(_ haystack: String) -> Bool? {
        if needle.isEmpty { return true }
        return haystack.utf8.withContiguousStorageIfAvailable { withoutFolding($0) } ?? nil
    }

    /// Whether the needle occurs in the text's bytes, or nil when the text must be folded
    /// whole to tell, for a non-ASCII needle.
    func withoutFolding(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        if isASCII { return find(in: bytes, foldingASCII: true) }
        // The starts whose probes and first byte agree with the needle's up to case are few:
        // each is tried by lower-casing only the characters there. (A start that agrees with
        // the first byte begins a character.) A text with none is passed over when lower-
        // casing it changes only the case bits; the pass over the starts marks the texts that
        // have a character for which that must be checked, unless no such character lower-
        // cases to any of the needle's (``screensUnusualTexts``).
        var undecided = false, unusual = false
        let first = first
        let found = withUnsafeMutablePointer(to: &unusual) { unusual in
            starts(in: bytes, probes, marking: screensUnusualTexts ? unusual : nil) { start in
                guard first.agrees(bytes[start]) else { return false }
                guard let matches = matchesLowerCased(bytes, at: start) else { undecided = true; return false }
                return matches
            }
        }
        if found { return true }
        if !undecided, !unusual || Matcher.changesOnlyCaseBits(bytes) { return false }
        return nil
    }

    /// Whether the needle occurs in the bytes (ASCII letters folded when `fold` is on).
    func find(in bytes: UnsafeBufferPointer<UInt8>, foldingASCII fold: Bool) -> Bool {
        guard !needle.isEmpty else { return true }
        // A letter's byte with 0x20 set is its lower case, and no other byte's is.
        let probes = fold && isASCII ? probes : (probes.0.exact(needle), probes.1.exact(needle))
        return starts(in: bytes, probes, marking: nil) { start in
            var k = 0
            while k < needle.count, Matcher.fold(bytes[start + k], fold) == needle[k] { k += 1 }
            return k == needle.count
        }
    }

    /// Whether the characters from `start` (the first byte of one), lower-cased alone, begin
    /// with the needle; nil when one of them is not one ``lowercasedBytes(_:into:)`` folds.
    /// A match there is a match in the lower-cased text, which lower-cases each character
    /// alone. Where the text is the needle's bytes already (lower case lower-cases to itself),
    /// nothing is lower-cased.
    private func matchesLowerCased(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool? {
        if start + needle.count <= bytes.count, memcmp(bytes.baseAddress! + start, needle.baseAddress!, needle.count) == 0 { return true }
        var end = start + needle.count
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: end - start) { window in
            guard Matcher.lowercase(UnsafeBufferPointer(rebasing: bytes[start..<end]), into: window) else { return nil }
            return window.prefix(needle.count).elementsEqual(needle)
        }
    }

    /// Whether some start of the needle in the bytes, where each probe's byte of the text
    /// (with the probe's bits set) is the probe's, is one `accept` takes. Sixteen starts are
    /// tried at once; candidates, rare with two bytes to agree, go to `accept`. The last block
    /// overlaps the one before; a text too short for a block is tried start by start.
    ///
    /// With `unusual`, the text is checked for a character that may lower-case past the case
    /// bits (a first byte from C4 on other than D0 and D1), and `unusual` is set when it has
    /// one: in the blocks read (with the bytes before the first probe's and the last sixteen,
    /// and the second probe's blocks too where the two lie far apart), or byte by byte in a
    /// text too short for blocks (or shorter than the needle: lower-casing such a character
    /// may lengthen a text).
    private func starts(in bytes: UnsafeBufferPointer<UInt8>, _ probes: (Probe, Probe),
                        marking unusual: UnsafeMutablePointer<Bool>?, _ accept: (Int) -> Bool) -> Bool {
        let n = needle.count
        // Blocks of sixteen starts, or start by start.
        let inBlocks = bytes.count >= n + 15
        if let unusual, !inBlocks { unusual.pointee = bytes.contains(where: Matcher.mayLowerCaseOddly) }
        guard bytes.count >= n, let base = bytes.baseAddress else { return false }
        let end = bytes.count - n + 1  // starts are below end
        let (a, c) = probes
        let firsts = SIMD16<UInt8>(repeating: a.byte), lasts = SIMD16<UInt8>(repeating: c.byte)
        let setFirsts = SIMD16<UInt8>(repeating: a.setting), setLasts = SIMD16<UInt8>(repeating: c.setting)
        var leads = SIMDMask<SIMD16<Int8>>(repeating: false)
        let checkTails = n > 17 + a.offset
        let raw = UnsafeRawPointer(base)
        var i = 0
        // The loop over the blocks, compiled twice: with the check for unusual characters and
        // without it.
        @inline(__always) func blocks(checking: Bool) -> Bool {
            while i < end {
                // The last block ends where the starts do, going over some starts again.
                if i + 16 > end {
                    guard inBlocks else { break }
                    i = end - 16
                }
                let head = raw.loadUnaligned(fromByteOffset: i + a.offset, as: SIMD16<UInt8>.self)
                let tail = raw.loadUnaligned(fromByteOffset: i + c.offset, as: SIMD16<UInt8>.self)
                if checking { leads .|= Matcher.mayLowerCaseOddly(head) }
                if checking && checkTails { leads .|= Matcher.mayLowerCaseOddly(tail) }
                let candidates = ((head | setFirsts) .== firsts) .& ((tail | setLasts) .== lasts)
                // The mask's lanes are 0 or all ones: two words that are zero mean no candidate.
                let words = unsafeBitCast(candidates, to: (UInt64, UInt64).self)
                if words.0 | words.1 != 0 {
                    // Each candidate's lane, from the lowest set bits of each half.
                    var word = words.0, half = 0
                    while true {
                        while word != 0 {
                            let lane = word.trailingZeroBitCount / 8
                            if accept(i + half + lane) { return true }
                            word &= ~(0xFF << (8 * UInt64(lane)))
                        }
                        guard half == 0 else { break }
                        word = words.1
                        half = 8
                    }
                }
                i += 16
            }
            return false
        }
        if unusual != nil ? blocks(checking: true) : blocks(checking: false) { return true }
        if let unusual, inBlocks {
            // The first probe's blocks cover bytes a.offset..<(end + a.offset), the last sixteen
            // bytes and the second probe's (where read) the end from c.offset; the rest, before
            // the first probe and (in a text shorter than about twice the needle) between the
            // two probes' blocks, byte by byte.
            let last = raw.loadUnaligned(fromByteOffset: bytes.count - 16, as: SIMD16<UInt8>.self)
            leads .|= Matcher.mayLowerCaseOddly(last)
            let words = unsafeBitCast(leads, to: (UInt64, UInt64).self)
            let gap = (end + a.offset)..<max(end + a.offset, min(checkTails ? c.offset : 0, bytes.count - 16))
            unusual.pointee = words.0 | words.1 != 0 || bytes[0..<a.offset].contains(where: Matcher.mayLowerCaseOddly)
                || bytes[gap].contains(where: Matcher.mayLowerCaseOddly)
        }
        // A text shorter than a block and the needle.
        while i < end {
            if a.agrees(bytes[i + a.offset]), c.agrees(bytes[i + c.offset]), accept(i) { return true }
            i += 1
        }
        return false
    }
}

extension Matcher {
    /// The bits in which a byte of a character and the same byte of its lower case may differ,
    /// for the characters that ``changesOnlyCaseBits(_:)`` lets through: 0x20 in ASCII letters,
    /// in Latin-1 letters' second byte and in most Cyrillic second bytes, 0x10 in the other
    /// Cyrillic ones (Ѐ–Џ), 0x01 in the Cyrillic first byte (D0 to D1) and in U+0460–U+047F.
    static let caseBits: UInt8 = 0x31

    /// Whether every character of the text (valid UTF-8) lower-cases to as many bytes, each
    /// differing from the text's only in ``caseBits``: true when all are ASCII, U+0080–U+00FF,
    /// U+0400–U+047F or U+2000–U+203F, whose lead bytes are C2, C3, D0, D1 and E2 80.
    /// (Anything else, İ, the Kelvin sign, Greek, a combining mark, is false.) Sixteen bytes
    /// at a time; only a block with a lead byte from C4 on other than D0 and D1 (Cyrillic) is
    /// looked at byte by byte.
    static func changesOnlyCaseBits(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        func allowed(_ i: Int) -> Bool {
            switch bytes[i] {
            case 0xC4...0xCF, 0xD2...0xE1, 0xE3...0xFF: return false
            case 0xE2: return i + 1 < bytes.count && bytes[i + 1] == 0x80
            default: return true
            }
        }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i < bytes.count {
            // The last block ends with the text, going over some bytes again.
            if i + 16 > bytes.count {
                guard bytes.count >= 16 else { break }
                i = bytes.count - 16
            }
            let block = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
            let leads = unsafeBitCast(mayLowerCaseOddly(block), to: (UInt64, UInt64).self)
            if leads.0 | leads.1 != 0 {
                for k in i..<(i + 16) where !allowed(k) { return false }
            }
            i += 16
        }
        // A text shorter than a block.
        while i < bytes.count {
            if !allowed(i) { return false }
            i += 1
        }
        return true
    }

    /// Whether a byte is the first of a character that may lower-case past ``caseBits``: from
    /// C4 on, other than D0 and D1 (Cyrillic, which are the bytes from C4 on that are D0 with
    /// the lowest bit cleared). What ``changesOnlyCaseBits(_:)`` looks at closely, and what the
    /// search notices on its way.
    @inline(__always) static func mayLowerCaseOddly(_ b: UInt8) -> Bool { b >= 0xC4 && b & 0xFE != 0xD0 }

    /// ``mayLowerCaseOddly(_:)`` for sixteen bytes at once.
    @inline(__always) static func mayLowerCaseOddly(_ block: SIMD16<UInt8>) -> SIMDMask<SIMD16<Int8>> {
        (block .>= SIMD16(repeating: 0xC4)) .& ((block & 0xFE) .!= SIMD16(repeating: 0xD0))
    }

    @inline(__always) static func fold(_ b: UInt8, _ on: Bool) -> UInt8 { on ? b.asciiLowercased : b }

    /// The text's `lowercased()` bytes, made by byte changes, written into `out` (whose
    /// storage is reused), when every character of it is ASCII, in U+0080–U+00FF, in
    /// U+0400–U+045F, or general punctuation (U+2000–U+203F); false for any other character
    /// (a combining mark, Greek, …), which `lowercased()` handles.
    static func lowercasedBytes(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Bool {
        out.removeAll(keepingCapacity: true)
        out.append(contentsOf: bytes)
        return out.withUnsafeMutableBufferPointer { out in lowercase(bytes, into: out) }
    }

    static func lowercase(_ bytes: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Bool {
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
            if b < 0x80 { out[i] = b.asciiLowercased; i += 1; continue }
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
