import ArgMapModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the fast readers (``ArgdownFastReader``, ``ArgmapJSONFastReader``) share: cutting a file
/// in halves, counting lines, writing claims straight into a map's array from two lanes,
/// and reading plain decimals.
enum FastReading {
    /// A fast reader run on a string's bytes.
    static func read(_ text: String, _ reader: (UnsafeBufferPointer<UInt8>) -> ArgumentMap?) -> ArgumentMap? {
        var text = text
        return text.withUTF8 { reader($0) }
    }

    /// How much of its range a lane reads between calls to its `release` (which gives a
    /// mapped file's pages back as the map grows).
    static let releaseStep = 1 << 23

    /// Gives back to `release` what a lane has read since `released`, once that is a step's
    /// worth (or all of it, with `all`: at the end of the lane's range).
    @inline(__always) static func handBack(_ released: inout Int, upTo read: Int, all: Bool = false, _ release: (Range<Int>) -> Void) {
        guard all || read - released >= releaseStep else { return }
        release(released..<read)
        released = read
    }

    /// Whether a reader of text may read a file's bytes as they stand: UTF-8 with no byte-order
    /// mark (a file that is not goes the text way, which reports or repairs it). The pages the
    /// check read are handed back, to be read again as the reader comes to them.
    static func readableAsText(_ bytes: UnsafeBufferPointer<UInt8>, release: (Range<Int>) -> Void) -> Bool {
        guard !bytes.starts(with: [0xEF, 0xBB, 0xBF]), isValidUTF8(bytes) else { return false }
        release(0..<bytes.count)
        return true
    }

    /// Files smaller than this are read on one core.
    static let parallelThreshold = 1 << 20

    /// Whether the bytes are well-formed UTF-8, as Swift's own check says (no overlong form, no
    /// surrogate, nothing past U+10FFFF), checked in two halves on a large file (cut at a line
    /// break, which no multi-byte character holds). Readers that take bytes straight from a
    /// file check this first: a string made from them would otherwise repair a bad byte quietly.
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let ranges = halves(bytes, 0..<bytes.count)
        return Parallel.map(ranges.count) { k in isValidUTF8(bytes, ranges[k]) }.allSatisfy { $0 }
    }

    /// The string the bytes spell, or nil when they are not well-formed UTF-8. Swift checks
    /// the bytes as it makes the string and replaces what is not UTF-8 with U+FFFD, and a
    /// replacement always changes the bytes where it starts (EF BF BD there would have been
    /// well-formed): the same bytes back means nothing was replaced. One check instead of two.
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var string = String(decoding: bytes, as: UTF8.self)
        let same = string.withUTF8 { made in
            made.count == bytes.count && (bytes.isEmpty || memcmp(made.baseAddress!, bytes.baseAddress!, bytes.count) == 0)
        }
        return same ? string : nil
    }

    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var i = range.lowerBound
        let end = range.upperBound
        @inline(__always) func continuation(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            k < end && bytes[k] >= low && bytes[k] <= high
        }
        while i < end {
            // Sixteen ASCII bytes at a time; or sixteen bytes of ASCII and whole two-byte
            // characters (accented Latin, Greek, Cyrillic), a character cut at the end taken
            // from its first byte again.
            if i + 16 <= end {
                if isASCII(base + i) {
                    i += 16
                    continue
                }
                if i > 0 {
                    let taken = twoByteCharacters(base + i)
                    if taken > 0 {
                        i += taken
                        continue
                    }
                }
            }
            let b = bytes[i]
            switch b {
            case 0x00...0x7F:
                i += 1
            case 0xC2...0xDF:
                guard continuation(i + 1) else { return false }
                i += 2
            case 0xE0:
                guard continuation(i + 1, 0xA0), continuation(i + 2) else { return false }
                i += 3
            case 0xE1...0xEC, 0xEE, 0xEF:
                guard continuation(i + 1), continuation(i + 2) else { return false }
                i += 3
            case 0xED:
                guard continuation(i + 1, 0x80, 0x9F), continuation(i + 2) else { return false }
                i += 3
            case 0xF0:
                guard continuation(i + 1, 0x90), continuation(i + 2), continuation(i + 3) else { return false }
                i += 4
            case 0xF1...0xF3:
                guard continuation(i + 1), continuation(i + 2), continuation(i + 3) else { return false }
                i += 4
            case 0xF4:
                guard continuation(i + 1, 0x80, 0x8F), continuation(i + 2), continuation(i + 3) else { return false }
                i += 4
            default:
                return false
            }
        }
        return true
    }

    /// Whether the sixteen bytes at `p` are plain text for the argument-file reader: none is a
    /// control character, `#`, `/`, `<`, `\\`, `{`, `}`, DEL or 0xC2 (which starts U+0080–U+00BF,
    /// among them the C1 controls), and no blank follows a blank.
    @inline(__always) static func isPlainText(_ p: UnsafePointer<UInt8>) -> Bool {
        var (v, stop) = controlsAndDoubleBlanks(p)
        stop .|= (v .== SIMD16(repeating: 0x23)) .| (v .== SIMD16(repeating: 0x2F)) .| (v .== SIMD16(repeating: 0x3C))
        stop .|= (v .== SIMD16(repeating: 0x5C)) .| (v .== SIMD16(repeating: 0x7B)) .| (v .== SIMD16(repeating: 0x7D))
        stop .|= (v .== SIMD16(repeating: 0x7F)) .| (v .== SIMD16(repeating: 0xC2))
        return !anyLane(stop)
    }

    /// Whether the sixteen bytes at `p` are plain inside a JSON string: none is `"`, `\\`, a
    /// control character, DEL or 0xC2, and no blank follows a blank.
    @inline(__always) static func isPlainJSONText(_ p: UnsafePointer<UInt8>) -> Bool {
        var (v, stop) = controlsAndDoubleBlanks(p)
        stop .|= (v .== SIMD16(repeating: 0x22)) .| (v .== SIMD16(repeating: 0x5C)) .| (v .== SIMD16(repeating: 0x7F)) .| (v .== SIMD16(repeating: 0xC2))
        return !anyLane(stop)
    }

    /// The sixteen bytes at `p` (vector compares, sixteen bytes each), and which of them are
    /// control characters or a blank after a blank (the byte before `p` counts: the caller
    /// makes sure it is in the buffer).
    @inline(__always) static func controlsAndDoubleBlanks(_ p: UnsafePointer<UInt8>) -> (SIMD16<UInt8>, SIMDMask<SIMD16<Int8>>) {
        let v = UnsafeRawPointer(p).loadUnaligned(as: SIMD16<UInt8>.self)
        let before = UnsafeRawPointer(p - 1).loadUnaligned(as: SIMD16<UInt8>.self)
        let blank = SIMD16<UInt8>(repeating: 0x20)
        return (v, (v .< blank) .| ((v .== blank) .& (before .== blank)))
    }

    /// Whether any lane of the mask is set, read as two words: the standard library's `any`
    /// reduces through a generic call for each sixteen bytes.
    @inline(__always) static func anyLane(_ mask: SIMDMask<SIMD16<Int8>>) -> Bool {
        let words = unsafeBitCast(mask, to: SIMD2<UInt64>.self)
        return words[0] | words[1] != 0
    }

    /// How many of the sixteen bytes at `p` are ASCII and whole two-byte characters (U+0080 to
    /// U+07FF: a first byte C2–DF, then a byte 80–BF), every one checked: 16, or 15 when the
    /// last byte starts a character; 0 when one of them is anything else (a byte of a longer
    /// character, C0, C1, F5–FF, a continuation byte astray or missing), for the byte-by-byte
    /// check to judge. The byte before `p` must be readable and end a character.
    @inline(__always) static func twoByteCharacters(_ p: UnsafePointer<UInt8>) -> Int {
        // Eight bytes to a word, each byte's pattern read in its top bit: shifting a word left
        // by k brings each byte's bit 7 − k there (what comes in from the byte below stays
        // under it). (Vector compares of masked bytes compiled to a loop over the lanes.)
        let raw = UnsafeRawPointer(p), top: UInt64 = 0x8080_8080_8080_8080
        for offset in [0, 8] {
            let w = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            let before = raw.loadUnaligned(fromByteOffset: offset - 1, as: UInt64.self)
            // 11xxxxxx starts a character; 111xxxxx a longer one; 1100000x (C0, C1) none.
            let starts = w & (w << 1)
            let longer = starts & (w << 2)
            let overlong = starts & ~((w << 2) | (w << 3) | (w << 4) | (w << 5) | (w << 6))
            guard (longer | overlong) & top == 0 else { return 0 }
            // A continuation (10xxxxxx) exactly where the byte before starts a two-byte
            // character (110xxxxx).
            let continues = w & ~(w << 1) & top
            let follows = before & (before << 1) & ~(before << 2) & top
            guard continues == follows else { return 0 }
        }
        return p[15] & 0xE0 == 0xC0 ? 15 : 16
    }

    /// Whether the sixteen bytes at `p` are all ASCII (two words, no top bit set).
    @inline(__always) static func isASCII(_ p: UnsafePointer<UInt8>) -> Bool {
        let raw = UnsafeRawPointer(p)
        return (raw.loadUnaligned(as: UInt64.self) | raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) & 0x8080_8080_8080_8080 == 0
    }

    /// A range cut in two at a line break near its middle (once, for a small range).
    static func halves(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [Range<Int>] {
        guard range.count >= parallelThreshold else { return [range] }
        var mid = range.lowerBound + range.count / 2
        while mid < range.upperBound, bytes[mid - 1] != newline { mid += 1 }
        return [range.lowerBound..<mid, mid..<range.upperBound]
    }

    /// The lines in a range: its line breaks (found with `memchr`), plus one.
    static func lineCount(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        guard let base = bytes.baseAddress else { return 1 }
        var lines = 1
        var p = base + range.lowerBound
        let end = base + range.upperBound
        while p < end, let found = memchr(p, Int32(newline), end - p) {
            lines += 1
            p = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) + 1
        }
        return lines
    }

    /// The claims of several ranges read at once, each lane writing at most one claim a line
    /// straight into the array (``Parallel/concatenating(capacities:_:)``).
    /// `lane` (given its number, its range and where to write) returns how many claims it wrote
    /// and whether it read its range to the end; if any lane gives up, what was written is
    /// destroyed and the result is nil.
    static func claims(_ bytes: UnsafeBufferPointer<UInt8>, _ ranges: [Range<Int>],
                       lane: (Int, Range<Int>, UnsafeMutablePointer<Claim>) -> (made: Int, complete: Bool)) -> [Claim]? {
        Parallel.concatenating(capacities: ranges.map { lineCount(bytes, $0) }) { k, out in lane(k, ranges[k], out) }
    }

    /// A number written as plain digits with at most one point and 15 characters, read as
    /// `Double("…")` reads it: the digits and the power of ten are exact doubles, so one
    /// division gives the correctly rounded value. Nil for any other text.
    static func decimal(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        guard end > start, end - start <= 15, bytes[start] != 0x2E, bytes[end - 1] != 0x2E else { return nil }
        var digits: Int64 = 0, decimals = 0, afterPoint = false
        for k in start..<end {
            let b = bytes[k]
            if b == 0x2E {
                if afterPoint { return nil }
                afterPoint = true
                continue
            }
            guard b >= 0x30, b <= 0x39 else { return nil }
            digits = digits * 10 + Int64(b - 0x30)
            if afterPoint { decimals += 1 }
        }
        return Double(digits) / powersOfTen[decimals]
    }

    static let powersOfTen: [Double] = (0...15).map { k in (0..<k).reduce(1.0) { r, _ in r * 10 } }
    static let newline: UInt8 = 0x0A
}
