import ArgMapModel
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
    /// One line of the body as read on its own.
    struct Parsed {
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

    /// What the second pass needs of a line: its place in the tree. A definition's claim is in
    /// its lane's claims, in order; a reference keeps the id it names.
    struct Line {
        var indent: Int32
        var symbol: UInt8
        var kind: ClaimKind
        var isDefinition: Bool
        var weight: Double
        /// A reference's `{base: X}`, NaN when none.
        var base: Double
        var reference: String
    }

    /// One half of the file, read: its lines, and how many claims its definitions made (in
    /// the claims buffer, from the half's own start); nil lines when the half gave up.
    struct Lane {
        var lines: [Line]?
        var claims = 0
    }

    /// The map the file holds, or nil when the general reader must read it. The bytes are
    /// well-formed UTF-8 (a string's, or checked with ``FastReading/isValidUTF8(_:)``); each
    /// range of lines, once read, is passed to `release`.
    static func read(bytes: UnsafeBufferPointer<UInt8>, release: (Range<Int>) -> Void = { _ in }) -> ArgumentMap? {
        guard let (frontmatter, bodyStart) = frontmatter(bytes) else { return nil }
        // Two halves of the body read at once, their claims written straight into the map's array.
        let lines = Parallel.Slots<[Line]>(2)
        guard let claims = FastReading.claims(bytes, FastReading.halves(bytes, bodyStart..<bytes.count), lane: { k, range, out in
            let read = lane(bytes, range, release: release, claims: out)
            lines[k] = read.lines
            return (read.claims, read.lines != nil)
        }) else { return nil }
        var title: String?, rest: String?
        if let fm = frontmatter { (title, rest) = ArgdownLowering.splitTitle(fm) }
        return build(claims, lines.values.compactMap { $0 }, title: title, frontmatter: rest)
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

    /// Reads the lines in `range` (which starts at a line's start), writing the claims they
    /// define from `claims` on; gives up (nil lines) at the first line outside the fast path's
    /// layout, saying how many claims it had written. The lines read are passed to `release`.
    static func lane(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, release: (Range<Int>) -> Void = { _ in },
                     claims: UnsafeMutablePointer<Claim>) -> Lane {
        var lines: [Line] = []
        lines.reserveCapacity(range.count / 96)
        var made = 0
        var start = range.lowerBound, released = range.lowerBound
        let end = range.upperBound
        while start < end {
            var lineEnd = start
            while lineEnd < end, bytes[lineEnd] != newline { lineEnd += 1 }
            guard let parsed = line(bytes, start, lineEnd) else { return Lane(lines: nil, claims: made) }
            var line = Line(indent: parsed.indent, symbol: parsed.symbol, kind: parsed.kind, isDefinition: parsed.isDefinition,
                            weight: Relation.defaultWeight, base: .nan, reference: "")
            if !parsed.weight.isNaN {
                guard parsed.symbol != 0, parsed.weight <= 1 else { return Lane(lines: nil, claims: made) }
                line.weight = parsed.weight
            }
            if parsed.isDefinition {
                var claim = Claim(id: parsed.id, text: parsed.text, kind: parsed.kind)
                if !parsed.base.isNaN {
                    guard parsed.base <= 1 else { return Lane(lines: nil, claims: made) }
                    claim.base = parsed.base
                }
                // As the general reader applies data (ArgdownLowering.applyDataEntry).
                if !parsed.data.isEmpty {
                    for entry in parsed.data {
                        guard ArgdownLowering.applyDataEntry(entry, to: &claim, isRelationLine: parsed.symbol != 0) == nil else { return Lane(lines: nil, claims: made) }
                        if entry.key == "weight" {
                            guard let w = entry.value.number, w >= 0, w <= 1 else { return Lane(lines: nil, claims: made) }
                            line.weight = w
                        }
                    }
                    guard (try? ArgumentMap.validate(controls: claim)) != nil else { return Lane(lines: nil, claims: made) }
                }
                (claims + made).initialize(to: claim)
                made += 1
            } else if parsed.indent >= 0 {
                // A reference: only the values argmap writes on one ({weight: X}, {base: X}).
                guard parsed.data.isEmpty, parsed.base.isNaN || parsed.base <= 1 else { return Lane(lines: nil, claims: made) }
                line.base = parsed.base
                line.reference = parsed.id
            }
            lines.append(line)
            start = min(lineEnd + 1, end)
            FastReading.handBack(&released, upTo: start, release)
        }
        FastReading.handBack(&released, upTo: end, all: true, release)
        return Lane(lines: lines, claims: made)
    }

    static func line(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Parsed? {
        var p = start
        while p < end, bytes[p] == space { p += 1 }
        if p == end { return Parsed(indent: -1, symbol: 0, kind: .statement, isDefinition: false, id: "", text: "") }
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
        guard k < end, k > idStart, bytes[idStart] != space, bytes[k - 1] != space, bytes[idStart] != 0x21,  // <!-- is a comment
              !(k > idStart + 1 && bytes[idStart + 1] == space && (bytes[idStart] == 0x2B || bytes[idStart] == 0x2D || bytes[idStart] == 0x5F))  // <- x> is an attack
        else { return nil }
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
        var line = Parsed(indent: Int32(indent), symbol: symbol, kind: open == 0x5B ? .statement : .argument, isDefinition: isDefinition, id: id, text: "")
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
    static func plainValues(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, into line: inout Parsed) -> Bool {
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
            while q < end, bytes[q] >= 0x30 && bytes[q] <= 0x39 || bytes[q] == 0x2E { q += 1 }
            return FastReading.decimal(bytes, s, q)
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
        // Sixteen bytes at a time while none of them is one to look at (the byte before each
        // comes along, for two blanks in a row); the loop below decides about the rest.
        if let base = bytes.baseAddress, start > 0 {  // the byte before is the blank after `:`
            while q + 16 <= end, FastReading.isPlainText(base + q) { q += 16 }
            if q > start { previous = bytes[q - 1] }
        }
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

    /// The ASCII bytes up to `{` that ``scanText`` must look at: controls, space, # / < \ {.
    @inline(__always) static func interesting(_ b: UInt8) -> Bool {
        b <= 0x20 || b == 0x23 || b == 0x2F || b == 0x3C || b == 0x5C || b == 0x7B
    }

    /// The second pass: the id index on one core while the other walks the lines for the
    /// relations and lists them by target; then the relations listed by source on both cores;
    /// then the references are resolved and checked.
    static func build(_ claims: [Claim], _ lines: [[Line]], title: String?, frontmatter: String?) -> ArgumentMap? {
        var claims = claims
        let work = Build(claims: claims)
        let count = claims.count
        _ = Parallel.map(2) { k in
            if k == 0 {
                work.index()
            } else if work.link(lines), let relations = work.relations {
                work.incoming = RelationLists(relations, count: count, byTarget: true)
            }
        }
        if let relations = work.relations { work.outgoing = RelationLists(relations, count: count, byTarget: false, lanes: 2) }
        guard !work.failed, var relations = work.relations else { return nil }
        let indexByID = work.indexByID
        work.claims = []  // so that a reference's base below changes the claims in place
        work.relations = nil  // and a reference's relations the relations (and keeps their room)
        // References name claims defined above them (a claim defined after its first mention
        // would come first in the general reader's order), of the same kind.
        var resolved: [Int] = []
        resolved.reserveCapacity(work.references.count)
        for ref in work.references {
            guard let c = indexByID.find(ref.line.reference, in: claims), c < ref.definedBefore, claims[c].kind == ref.line.kind else { return nil }
            if !ref.line.base.isNaN { claims[c].base = ref.line.base }
            resolved.append(c)
        }
        func claim(_ c: Int) -> Int { c >= 0 ? c : resolved[-c - 1] }
        // Only a claim written on more than one line can be related twice to one parent: check
        // the relations made on reference lines against each other and against the definition's.
        var pairs = Set<Int>()
        let n = claims.count
        var (incoming, outgoing) = (work.incoming, work.outgoing)
        (work.incoming, work.outgoing) = (RelationLists(), RelationLists())  // so that the inserts below change them in place
        for (r, _) in work.touched {
            relations[r].from = claim(relations[r].from)
            relations[r].to = claim(relations[r].to)
            let from = relations[r].from, to = relations[r].to
            guard from != to, pairs.insert(from &* n &+ to).inserted else { return nil }
            // Into the lists the other relations are already in, keeping relation order.
            incoming.insert(r, into: to)
            outgoing.insert(r, into: from)
        }
        for (r, childIsReference) in work.touched where childIsReference {
            let d = work.definitionRelation[relations[r].from]
            if d >= 0, relations[d].to == relations[r].to { return nil }
        }
        return try? ArgumentMap(title: title, frontmatter: frontmatter, checkedClaims: claims, relations: relations,
                                indexByID: indexByID, incoming: incoming, outgoing: outgoing)
    }

    /// The two halves of the second pass, run at once; each writes only its own fields.
    final class Build: @unchecked Sendable {
        var claims: [Claim]
        var indexByID = IDIndex()
        var failed = false
        /// Relations in line order; an end written as a reference is `-(k + 1)` for the k-th
        /// reference until it is resolved.
        var relations: [Relation]?
        var references: [(line: Line, definedBefore: Int)] = []
        /// Relations with an end on a reference line, and whether it is the child's.
        var touched: [(relation: Int, childIsReference: Bool)] = []
        /// The relations by claim, but for the touched ones (made after ``link(_:)``).
        var incoming = RelationLists(), outgoing = RelationLists()
        /// For each claim, the relation its definition line makes (-1 for none).
        var definitionRelation: [Int] = []

        init(claims: [Claim]) { self.claims = claims }

        func index() {
            // A claim defined twice: the general reader says whether the texts differ.
            guard let index = try? IDIndex.of(claims, lanes: 1).get() else { failed = true; return }
            indexByID = index
        }

        /// Walks the lines for the relations; false (and relations nil) where a relation has no
        /// claim above it.
        func link(_ parts: [[Line]]) -> Bool {
            var relations: [Relation] = []
            // With room for the relations edits add, as the relation lists keep (memory not
            // touched until used): a full array is copied whole by the next relation added,
            // into fresh memory (30 ms at a million relations, in the second `add` after `open`).
            relations.reserveCapacity(claims.count + RelationLists.headroom(claims.count))
            definitionRelation = Array(repeating: -1, count: claims.count)
            var stack: [(indent: Int32, claim: Int)] = []
            var defined = 0
            for part in parts {
                for line in part {
                    if line.indent < 0 { stack.removeAll(keepingCapacity: true); continue }
                    let c: Int
                    if line.isDefinition {
                        c = defined
                        defined += 1
                    } else {
                        references.append((line, defined))
                        c = -references.count
                    }
                    guard line.symbol != 0 else {
                        stack.removeAll(keepingCapacity: true)
                        stack.append((0, c))
                        continue
                    }
                    while let top = stack.last, top.indent >= line.indent { stack.removeLast() }
                    guard let parent = stack.last?.claim else { return false }  // relations stays nil
                    let type: RelationType = line.symbol == 0x2B ? .support : line.symbol == 0x2D ? .attack : .undercut
                    if c < 0 || parent < 0 { touched.append((relations.count, c < 0)) }
                    if c >= 0 { definitionRelation[c] = relations.count }
                    relations.append(Relation(from: c, to: parent, type: type, weight: line.weight))
                    stack.append((line.indent, c))
                }
            }
            self.relations = relations
            return true
        }

    }
}

private let space: UInt8 = 0x20, newline: UInt8 = 0x0A
