import ArgMapModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// argmap JSON's fast path, for files in the layout ``ArgmapJSON`` writes: one claim a line
/// with its fields in order, one relation a line. It reads such a file on both cores without
/// building a JSON tree: the claims in two halves straight into the map's array, then the id
/// index, then the relations in two halves, each line's ends looked up as it is read.
///
/// It gives up (nil) on anything else — another layout, tags, sources, a note, data, a
/// section, an escape it cannot read where it stands, any problem at all — and
/// ``ArgmapJSON/read(_:file:)`` reads the file in full, with its messages. Tests and the json
/// fuzz target check that whenever it answers, the general reader builds the same map.
enum ArgmapJSONFastReader {
    static let claimsOpen = Array("\n  \"claims\": [\n".utf8)
    static let relationsOpen = Array("\n  ],\n  \"relations\": [\n".utf8)
    static let closing = Array("\n  ]\n}\n".utf8)

    /// The map the file holds, or nil when the full reader must read it; each range of lines,
    /// once read, is passed to `release`.
    ///
    /// The bytes need not be UTF-8, and are not checked beforehand: every byte of the file is
    /// either matched to the layout's ASCII or in a string, and each string is checked as it is
    /// made (``FastReading/string(_:)``, at the cost of comparing its bytes). A byte
    /// that is not UTF-8 is nil, for the full reader to point at.
    static func read(bytes: UnsafeBufferPointer<UInt8>, release: (Range<Int>) -> Void = { _ in }) -> ArgumentMap? {
        // The three lines that hold the layout together. A JSON string cannot hold a line
        // break, so each is found where it stands.
        guard let claimsAt = find(claimsOpen, in: bytes, from: 0),
              let relationsAt = find(relationsOpen, in: bytes, from: claimsAt),
              bytes.count >= closing.count, bytes[(bytes.count - closing.count)...].elementsEqual(closing) else { return nil }
        // Each marker begins with the line break that ends the one before it: with nothing in
        // between, the ranges would run backwards.
        let claimsStart = claimsAt + claimsOpen.count, relationsStart = relationsAt + relationsOpen.count
        let relationsEnd = bytes.count - closing.count
        guard claimsStart < relationsAt, relationsStart < relationsEnd else { return nil }
        let claimLines = claimsStart..<relationsAt
        let relationLines = relationsStart..<relationsEnd

        // The header (version, title, frontmatter) is small: the general reader reads it, with
        // empty claims and relations, so that its rules and messages hold.
        var header = Array(bytes[0..<(claimsAt + 1)])
        header.append(contentsOf: "  \"claims\": [],\n  \"relations\": []\n}\n".utf8)
        guard let headText = header.withUnsafeBufferPointer(FastReading.string), let head = try? ArgmapJSON.read(headText) else { return nil }

        guard let claims = FastReading.claims(bytes, FastReading.halves(bytes, claimLines), lane: { _, range, out in
            claimLane(bytes, range, last: claimLines.upperBound, release: release, into: out)
        }) else { return nil }

        // The id index on both cores; then the relation lines in two halves, each line's ends
        // looked up as it is read.
        guard let indexByID = try? IDIndex.of(claims).get() else { return nil }
        let pieces = FastReading.halves(bytes, relationLines)
        let read = Parallel.map(pieces.count) { k in
            relationLane(bytes, pieces[k], last: relationLines.upperBound, claims: claims, index: indexByID, release: release)
        }
        guard var relations = read[0] else { return nil }
        for more in read.dropFirst() {
            guard let more else { return nil }
            relations += more
        }

        let (incoming, outgoing) = Parallel.map(2) { k in
            RelationLists(relations, count: claims.count, byTarget: k == 0)
        }.withUnsafeBufferPointer { ($0[0], $0[1]) }
        // One relation between two claims: the general reader names the pair written twice.
        var scratch: [Int] = []
        for list in outgoing where !ArgumentMap.repeatedTargets(list, relations, scratch: &scratch).isEmpty { return nil }
        return try? ArgumentMap(title: head.title, frontmatter: head.frontmatter, checkedClaims: claims, relations: relations,
                                indexByID: indexByID, incoming: incoming, outgoing: outgoing)
    }

    static func find(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress, let first = needle.first else { return nil }
        var i = start
        while i + needle.count <= bytes.count, let found = memchr(base + i, Int32(first), bytes.count - needle.count + 1 - i) {
            i = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
            if memcmp(base + i, needle, needle.count) == 0 { return i }
            i += 1
        }
        return nil
    }

    /// Reads fixed parts, strings and numbers of one line, left to right.
    struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var i: Int
        let end: Int

        mutating func expect(_ s: StaticString) -> Bool {
            let n = s.utf8CodeUnitCount
            guard i + n <= end, memcmp(bytes.baseAddress! + i, s.utf8Start, n) == 0 else { return false }
            i += n
            return true
        }

        /// A JSON string: read where it stands when it holds no escape, else by the general
        /// reader; nil for a control character, a byte that is not UTF-8 or a string that does
        /// not close on the line.
        mutating func string() -> String? { text()?.string }

        /// ``string()``, and whether the string is plain text: no escape, no blank at either
        /// end or two together, no control character (DEL, U+0080–U+009F), so that a claim's
        /// text needs neither normalizing nor checking again.
        mutating func text() -> (string: String, plain: Bool)? {
            guard i < end, bytes[i] == 0x22 else { return nil }
            let start = i + 1
            var k = start
            var escaped = false, plain = true
            var previous: UInt8 = 0x20  // a blank at the start is not plain
            // Sixteen bytes at a time while none needs a look (not from a leading blank, which
            // the loop below refuses as plain text).
            if k < end, bytes[k] != 0x20, let base = bytes.baseAddress {
                while k + 16 <= end, FastReading.isPlainJSONText(base + k) { k += 16 }
                if k > start { previous = bytes[k - 1] }
            }
            while k < end {
                let b = bytes[k]
                if b == 0x22 { break }
                if b < 0x20 { return nil }
                if b == 0x5C { escaped = true; k += 2; continue }
                if (b == 0x20 && previous == 0x20) || b == 0x7F || (previous == 0xC2 && b >= 0x80 && b <= 0x9F) { plain = false }
                previous = b
                k += 1
            }
            guard k < end else { return nil }
            i = k + 1
            if !escaped {
                return FastReading.string(UnsafeBufferPointer(rebasing: bytes[start..<k])).map { ($0, plain && previous != 0x20) }
            }
            guard let json = FastReading.string(UnsafeBufferPointer(rebasing: bytes[(start - 1)...k])),
                  let s = (try? JSONReader.parse(json))?.string else { return nil }
            return (s, false)
        }

        /// A JSON number as the general reader reads it (its characters, then `Double`).
        mutating func number() -> Double? {
            let start = i
            while i < end, (bytes[i] >= 0x30 && bytes[i] <= 0x39) || bytes[i] == 0x2D || bytes[i] == 0x2B || bytes[i] == 0x2E || bytes[i] == 0x65 || bytes[i] == 0x45 { i += 1 }
            if let d = FastReading.decimal(bytes, start, i) { return d }
            guard i > start, i - start < 400, let d = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)), d.isFinite else { return nil }
            return d
        }

        /// The end of a line: a `,` unless it is the last of its array.
        mutating func lineEnd(last: Int) -> Bool {
            if end != last { guard i < end, bytes[i] == 0x2C else { return false }; i += 1 }
            return i == end
        }
    }

    /// The lines of a range, each given to `body` as its start and end; the lines read are
    /// passed to `release` as it goes.
    static func eachLine(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, release: (Range<Int>) -> Void,
                         _ body: (Int, Int) -> Bool) -> Bool {
        guard let base = bytes.baseAddress else { return range.isEmpty }
        var start = range.lowerBound, released = range.lowerBound
        while start < range.upperBound {
            let end = memchr(base + start, Int32(FastReading.newline), range.upperBound - start)
                .map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? range.upperBound
            guard body(start, end) else { return false }
            start = min(end + 1, range.upperBound)
            FastReading.handBack(&released, upTo: start, release)
        }
        FastReading.handBack(&released, upTo: range.upperBound, all: true, release)
        return true
    }

    /// `    {"id": …, "text": …, "kind": …, "base": …, "tags": [], "sources": [], "note": null, "data": {}},`
    static func claimLane(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, last: Int, release: (Range<Int>) -> Void,
                          into out: UnsafeMutablePointer<Claim>) -> (made: Int, complete: Bool) {
        var made = 0
        let complete = eachLine(bytes, range, release: release) { start, end in
            var c = Cursor(bytes: bytes, i: start, end: end)
            guard c.expect("    {\"id\": "), let id = c.string(), c.expect(", \"text\": "), let (text, plain) = c.text(),
                  c.expect(", \"kind\": \"") else { return false }
            let kind: ClaimKind
            if c.expect("statement\"") { kind = .statement } else if c.expect("argument\"") { kind = .argument } else { return false }
            guard c.expect(", \"base\": "), let base = c.number(), base >= 0, base <= 1,
                  c.expect(", \"tags\": [], \"sources\": [], \"note\": null, \"data\": {}}"),
                  c.lineEnd(last: last) else { return false }
            let claim = Claim(id: id, text: plain ? text : Claim.normalizedText(text), kind: kind, base: base)
            guard (try? ArgumentMap.validate(id: id)) != nil, plain || (try? ArgumentMap.validate(controls: claim)) != nil else { return false }
            (out + made).initialize(to: claim)
            made += 1
            return true
        }
        return (made, complete)
    }

    /// `    {"from": …, "to": …, "type": …, "weight": …},`, its ends looked up in the index.
    static func relationLane(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, last: Int, claims: [Claim], index: IDIndex,
                             release: (Range<Int>) -> Void) -> [Relation]? {
        var relations: [Relation] = []
        relations.reserveCapacity(range.count / 64)
        // argmap writes relations in the order of their sources: mostly the claim after the
        // last one, answering the last target or the last source. Those are tried first; the
        // other targets are looked up in the index a batch at a time.
        var from = -1, to = -1
        var waiting: [Int] = [], ids: [String] = []
        func lookUp() -> Bool {
            for (k, c) in index.find(all: ids, in: claims).enumerated() {
                guard c >= 0 else { return false }
                relations[waiting[k]].to = c
            }
            waiting.removeAll(keepingCapacity: true)
            ids.removeAll(keepingCapacity: true)
            return true
        }
        let complete = eachLine(bytes, range, release: release) { start, end in
            var c = Cursor(bytes: bytes, i: start, end: end)
            guard c.expect("    {\"from\": "), let fromID = c.string(), c.expect(", \"to\": "), let toID = c.string(),
                  c.expect(", \"type\": \"") else { return false }
            let type: RelationType
            if c.expect("support\"") { type = .support } else if c.expect("attack\"") { type = .attack } else if c.expect("undercut\"") { type = .undercut } else { return false }
            guard c.expect(", \"weight\": "), let weight = c.number(), weight >= 0, weight <= 1, c.expect("}"),
                  c.lineEnd(last: last),
                  let f = index.find(fromID, in: claims, guesses: (from + 1, from)) else { return false }
            if to < 0 || claims[to].id != toID {
                if from >= 0, claims[from].id == toID {
                    to = from
                } else {
                    waiting.append(relations.count)
                    ids.append(toID)
                    to = -1
                }
            }
            from = f
            relations.append(Relation(from: f, to: to, type: type, weight: weight))
            return ids.count < 256 || lookUp()
        }
        guard complete, lookUp() else { return nil }
        return relations
    }
}
