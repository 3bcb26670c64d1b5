import ArgMapModel
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The argument-file reader's fast path, for files in the layout argmap itself writes: an
/// optional frontmatter, then blocks of one claim a line (`[id]: text {data}` at the left
/// margin, `+ [id]: text {data}` indented under it, references `[id]`), with plain text.
///
/// It reads such a file in one pass over its bytes, on both cores for a large file, making
/// every check the general reader and the model make as it goes, and builds the map without a
/// syntax tree in between. On anything else (a comment, a heading, a tag, an escape, text over
/// several lines, an untitled claim, a claim defined twice, any error or warning) it gives up
/// and returns nil, and ``ArgdownParser`` reads the file: the fast path never decides what a
/// file means where the general reader would say something. Tests and the argdown fuzz target
/// check that whenever it answers, the general reader builds the same map.
enum ArgdownFastReader {
    /// The map the file holds, or nil when the general reader must read it.
    static func read(_ text: String) -> ArgumentMap? {
        var text = text
        return text.withUTF8 { read(bytes: $0) }
    }

    /// One line of the body, read on its own (the first pass, which can run on both cores).
    struct Line {
        /// Spaces before the line's content; -1 for an empty line.
        var indent: Int32
        /// The relation to the claim above: 0 for none, or `+`, `-`, `_`.
        var symbol: UInt8
        var kind: ClaimKind
        /// `[id]: text` rather than the reference `[id]`.
        var isDefinition: Bool
        var id: String
        var text: String
        /// `{base: X}` and `{weight: X}` (NaN when not given), read without building data.
        var base = Double.nan, weight = Double.nan
        /// Any other data.
        var data: [DataEntry] = []
    }

    /// Files smaller than this are read on one core.
    static let parallelThreshold = 1 << 20

    static func read(bytes: UnsafeBufferPointer<UInt8>) -> ArgumentMap? {
        guard let (frontmatter, bodyStart) = frontmatter(bytes) else { return nil }
        let body = bodyStart..<bytes.count
        // Two halves split at a line break, read at once.
        var halves = [body]
        if body.count >= parallelThreshold {
            var mid = body.lowerBound + body.count / 2
            while mid < body.upperBound, bytes[mid - 1] != newline { mid += 1 }
            halves = [body.lowerBound..<mid, mid..<body.upperBound]
        }
        let lanes = halves
        let results = Results(count: lanes.count)
        let base = UInt(bitPattern: bytes.baseAddress), count = bytes.count
        DispatchQueue.concurrentPerform(iterations: lanes.count) { k in
            let bytes = UnsafeBufferPointer(start: UnsafePointer<UInt8>(bitPattern: base), count: count)
            results.set(k, lines(bytes, lanes[k]))
        }
        var parts: [[Line]] = []
        for k in lanes.indices {
            guard let part = results.take(k) else { return nil }
            parts.append(part)
        }
        var title: String?, rest: String?
        if let fm = frontmatter { (title, rest) = ArgdownLowering.splitTitle(fm) }
        return build(parts, title: title, frontmatter: rest)
    }

    /// Where each half's lines go: each iteration writes only its own slot, and the caller reads
    /// them after `concurrentPerform` has returned.
    final class Results: @unchecked Sendable {
        private var slots: [[Line]?]
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ k: Int, _ lines: [Line]?) { slots[k] = lines }
        func take(_ k: Int) -> [Line]? { slots[k] }
    }

    /// The frontmatter's text (nil when there is none) and where the body starts; nil when the
    /// general reader must look at it.
    static func frontmatter(_ bytes: UnsafeBufferPointer<UInt8>) -> (String?, Int)? {
        func lineEnd(_ i: Int) -> Int {
            var e = i
            while e < bytes.count, bytes[e] != newline { e += 1 }
            return e
        }
        // Empty lines before the frontmatter.
        var i = 0
        while i < bytes.count {
            let e = lineEnd(i)
            guard (i..<e).allSatisfy({ bytes[$0] == space }) else { break }
            i = e + 1
        }
        let marker: [UInt8] = [0x3D, 0x3D, 0x3D]  // ===
        guard i < bytes.count, lineEnd(i) == i + 3, bytes[i..<(i + 3)].elementsEqual(marker) else { return (nil, 0) }
        let innerStart = i + 4
        var k = innerStart
        var titles = 0
        while k < bytes.count {
            let e = lineEnd(k)
            if e == k + 3, bytes[k..<e].elementsEqual(marker) {
                // The general reader's rules: one title, no control characters.
                let inner = UnsafeBufferPointer(rebasing: bytes[innerStart..<max(innerStart, k - 1)])
                var previous: UInt8 = 0
                for b in inner {
                    if (b < 0x20 && b != newline) || b == 0x7F || (previous == 0xC2 && b >= 0x80 && b <= 0x9F) { return nil }
                    previous = b
                }
                guard titles <= 1 else { return nil }
                return (ArgdownParser.frontmatterText(inner), min(e + 1, bytes.count))
            }
            if bytes[k..<e].starts(with: "title:".utf8) { titles += 1 }
            k = e + 1
        }
        return nil  // never closed: the general reader says where
    }

    /// Reads the lines in `range` (which starts at a line's start), or nil at the first line
    /// outside the fast path's layout.
    static func lines(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [Line]? {
        var out: [Line] = []
        out.reserveCapacity(range.count / 96)
        var start = range.lowerBound
        let end = range.upperBound
        while start < end {
            var lineEnd = start
            while lineEnd < end, bytes[lineEnd] != newline { lineEnd += 1 }
            guard let line = line(bytes, start, lineEnd) else { return nil }
            out.append(line)
            start = lineEnd + 1
        }
        return out
    }

    static func line(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Line? {
        var p = start
        while p < end, bytes[p] == space { p += 1 }
        if p == end { return Line(indent: -1, symbol: 0, kind: .statement, isDefinition: false, id: "", text: "") }
        guard bytes[end - 1] != space else { return nil }
        let indent = p - start
        var symbol: UInt8 = 0
        if indent > 0 {
            let s = bytes[p]
            guard s == 0x2B || s == 0x2D || s == 0x5F, p + 2 < end, bytes[p + 1] == space else { return nil }  // + - _
            symbol = s
            p += 2
        }
        let open = bytes[p]
        guard open == 0x5B || open == 0x3C else { return nil }  // [ <
        let close: UInt8 = open == 0x5B ? 0x5D : 0x3E
        // The id: printable, none of [ ] < > { } \, no comment opener, no blank at either end
        // (the general reader trims those first); one with non-ASCII letters is checked in full.
        let idStart = p + 1
        var k = idStart
        var ascii = true
        while k < end, bytes[k] != close {
            let b = bytes[k]
            if b < 0x20 || b == 0x7F || b == 0x5B || b == 0x5D || b == 0x3C || b == 0x3E || b == 0x7B || b == 0x7D || b == 0x5C { return nil }
            if b == 0x2F, k + 1 < end, bytes[k + 1] == 0x2F || bytes[k + 1] == 0x2A { return nil }
            if b >= 0x80 { ascii = false }
            k += 1
        }
        guard k < end, k > idStart, bytes[idStart] != space, bytes[k - 1] != space, bytes[idStart] != 0x21 else { return nil }  // <!-- is a comment
        let id = String(decoding: UnsafeBufferPointer(rebasing: bytes[idStart..<k]), as: UTF8.self)
        if !ascii, (try? ArgumentMap.validate(id: id)) == nil { return nil }
        // What follows: `: text {data}`, `:` alone, ` {data}` on a reference, or nothing.
        var isDefinition = false
        var textStart = k + 1, textEnd = k + 1
        var dataStart: Int?
        if k + 1 < end {
            if bytes[k + 1] == 0x3A {  // :
                isDefinition = true
                if k + 2 < end {
                    guard bytes[k + 2] == space else { return nil }
                    textStart = k + 3
                    textEnd = textStart
                    guard let split = scanText(bytes, textStart, end) else { return nil }
                    (textEnd, dataStart) = split
                }
            } else if bytes[k + 1] == space, k + 2 < end, bytes[k + 2] == 0x7B {
                dataStart = k + 2
            } else {
                return nil
            }
        }
        var line = Line(indent: Int32(indent), symbol: symbol, kind: open == 0x5B ? .statement : .argument, isDefinition: isDefinition, id: id, text: "")
        if let ds = dataStart, !plainValues(bytes, ds, end, into: &line) {
            var q = ds
            while q < end {
                let b = bytes[q]
                if b < 0x20 || b == 0x7F || b == 0x5C { return nil }
                if b == 0x2F, q + 1 < end, bytes[q + 1] == 0x2F || bytes[q + 1] == 0x2A { return nil }
                if b == 0x3C, q + 1 < end, bytes[q + 1] == 0x21 { return nil }
                if b == 0xC2, q + 1 < end, bytes[q + 1] >= 0x80, bytes[q + 1] <= 0x9F { return nil }
                q += 1
            }
            let slice = Array(UnsafeBufferPointer(rebasing: bytes[ds..<end]))[...]
            guard let (entries, after) = try? FlowData.parseMap(slice, from: 0), after == slice.count else { return nil }
            line.data = entries
        }
        if textEnd > textStart { line.text = String(decoding: UnsafeBufferPointer(rebasing: bytes[textStart..<textEnd]), as: UTF8.self) }
        return line
    }

    /// Reads the data argmap writes on most lines, `{base: X}`, `{weight: X}` or both in that
    /// order, with X plain digits and at most one point (a number ``FlowData`` reads the same
    /// way). False for anything else, which ``FlowData`` then reads.
    static func plainValues(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, into line: inout Line) -> Bool {
        var q = start + 1
        func key(_ word: StaticString) -> Bool {
            let n = word.utf8CodeUnitCount
            guard q + n + 2 <= end, memcmp(bytes.baseAddress! + q, word.utf8Start, n) == 0,
                  bytes[q + n] == 0x3A, bytes[q + n + 1] == space else { return false }  // ": "
            q += n + 2
            return true
        }
        func number() -> Double? {
            let s = q
            var points = 0
            while q < end, bytes[q] >= 0x30 && bytes[q] <= 0x39 || bytes[q] == 0x2E {
                if bytes[q] == 0x2E { points += 1 }
                q += 1
            }
            guard q > s, q - s <= 15, points <= 1, bytes[s] != 0x2E, bytes[q - 1] != 0x2E else { return nil }
            return Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[s..<q]), as: UTF8.self))
        }
        if key("base") {
            guard let b = number() else { return false }
            line.base = b
            if q < end, bytes[q] == 0x2C {  // ,
                q += 1
                guard q < end, bytes[q] == space else { return false }
                q += 1
                guard key("weight"), let w = number() else { return false }
                line.weight = w
            }
        } else if key("weight") {
            guard let w = number() else { return false }
            line.weight = w
        } else {
            return false
        }
        guard q + 1 == end, bytes[q] == 0x7D else {  // }
            line.base = .nan
            line.weight = .nan
            return false
        }
        return true
    }

    /// Scans plain text from `start`: where it ends, and where data starts (at ` {`), or nil
    /// when the text holds anything the general reader would change or read as syntax: a tag,
    /// an escape, a brace, a comment opener, a run of blanks, a control character.
    static func scanText(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (Int, Int?)? {
        var q = start
        var previous: UInt8 = space  // a blank at the start is refused like a double one
        while q < end {
            let b = bytes[q]
            if b <= 0x7B, interesting(b) {
                switch b {
                case space:
                    if previous == space { return nil }
                case 0x7B:  // {
                    if q == start { return (start, q) }
                    if previous == space, q - 1 > start { return (q - 1, q) }
                    return nil
                case 0x2F:  // /
                    if q + 1 < end, bytes[q + 1] == 0x2F || bytes[q + 1] == 0x2A { return nil }
                case 0x3C:  // <
                    if q + 1 < end, bytes[q + 1] == 0x21 { return nil }
                default:
                    return nil  // a control character, # or \
                }
            } else if b == 0x7D || b == 0x7F || b == 0xC2 && q + 1 < end && bytes[q + 1] >= 0x80 && bytes[q + 1] <= 0x9F {
                return nil
            }
            previous = b
            q += 1
        }
        return (end, nil)
    }

    @inline(__always) static func intern(_ index: inout Int) -> Int { index }

    /// The ASCII bytes up to `{` that ``scanText`` must look at: controls, space, # / < \ {.
    @inline(__always) static func interesting(_ b: UInt8) -> Bool {
        b <= 0x20 || b == 0x23 || b == 0x2F || b == 0x3C || b == 0x5C || b == 0x7B
    }

    /// The second pass, in file order: claims by id, relations from the indentation, data
    /// applied as the general reader applies it.
    static func build(_ parts: [[Line]], title: String?, frontmatter: String?) -> ArgumentMap? {
        let total = parts.reduce(0) { $0 + $1.count }
        var claims: [Claim] = []
        claims.reserveCapacity(total)
        var relations: [Relation] = []
        relations.reserveCapacity(total)
        var indexByID: [String: Int] = [:]
        indexByID.reserveCapacity(total)
        var defined: [Bool] = []
        defined.reserveCapacity(total)
        // The parent each claim was first placed under, and every later (claim, parent) pair:
        // a pair written twice is left to the general reader, which says whether it conflicts.
        var firstParent: [Int] = []
        firstParent.reserveCapacity(total)
        var laterPairs = Set<Int>()
        var stack: [(indent: Int32, claim: Int)] = []
        for part in parts {
            for line in part {
                if line.indent < 0 { stack.removeAll(keepingCapacity: true); continue }
                // One hash lookup: the next index goes in when the id is new.
                let c = intern(&indexByID[line.id, default: claims.count])
                let isNew = c == claims.count
                if isNew {
                    claims.append(Claim(id: line.id, text: line.text, kind: line.kind))
                    defined.append(line.isDefinition)
                    firstParent.append(-1)
                } else {
                    guard claims[c].kind == line.kind else { return nil }
                    if line.isDefinition {
                        guard !defined[c] else { return nil }
                        defined[c] = true
                        claims[c].text = line.text
                    }
                }
                var weight = Relation.defaultWeight
                // As ArgdownLowering.applyDataEntry applies them.
                if !line.base.isNaN {
                    guard line.base <= 1 else { return nil }
                    claims[c].base = line.base
                }
                if !line.weight.isNaN {
                    guard line.symbol != 0, line.weight <= 1 else { return nil }
                    weight = line.weight
                }
                if !line.data.isEmpty {
                    var plain = true
                    for entry in line.data {
                        guard ArgdownLowering.applyDataEntry(entry, to: &claims[c], isRelationLine: line.symbol != 0) == nil else { return nil }
                        if entry.key == "weight" {
                            guard let w = entry.value.number, w >= 0, w <= 1 else { return nil }
                            weight = w
                        } else if entry.key != "base" {
                            plain = false
                        }
                    }
                    if !plain, (try? ArgumentMap.validate(controls: claims[c])) == nil { return nil }
                }
                guard line.symbol != 0 else {
                    stack.removeAll(keepingCapacity: true)
                    stack.append((0, c))
                    continue
                }
                while let top = stack.last, top.indent >= line.indent { stack.removeLast() }
                guard let parent = stack.last?.claim, parent != c else { return nil }
                if isNew {
                    firstParent[c] = parent
                } else {
                    guard firstParent[c] != parent, laterPairs.insert(c &* total &+ parent).inserted else { return nil }
                    if firstParent[c] < 0 { firstParent[c] = parent }
                }
                let type: RelationType = line.symbol == 0x2B ? .support : line.symbol == 0x2D ? .attack : .undercut
                relations.append(Relation(from: c, to: parent, type: type, weight: weight))
                stack.append((line.indent, c))
            }
        }
        return try? ArgumentMap(title: title, frontmatter: frontmatter, checkedClaims: claims, relations: relations, indexByID: indexByID)
    }
}

private let space: UInt8 = 0x20, newline: UInt8 = 0x0A
