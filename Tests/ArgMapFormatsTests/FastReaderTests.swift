import Foundation
import Synchronization
import Testing
@testable import ArgMapFormats
import ArgMapModel

/// The fast paths of the argument-file reader (`ArgdownFormat.readFast`) and of argmap JSON
/// (`ArgmapJSON.readFast`): each answers for the files argmap writes, and whenever it answers
/// the general reader reads the same claims and relations in the same order, with nothing to
/// say; everything else is left to the general reader.
struct FastReaderTests {
    /// The fast path's map is the general reader's, claim for claim and relation for relation.
    func expectSameAsGeneral(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let fast = try #require(ArgdownFormat.readFast(text), "the fast path gave up", sourceLocation: sourceLocation)
        let (general, warnings) = try ArgdownFormat.read(text, fastPath: false)
        #expect(warnings.isEmpty, sourceLocation: sourceLocation)
        #expect(fast.title == general.title && fast.frontmatter == general.frontmatter, sourceLocation: sourceLocation)
        #expect(fast.claims == general.claims, sourceLocation: sourceLocation)
        #expect(fast.relations == general.relations, sourceLocation: sourceLocation)
        #expect(fast.invariantViolations().isEmpty, sourceLocation: sourceLocation)
        #expect(ArgdownFormat.write(fast) == ArgdownFormat.write(general), sourceLocation: sourceLocation)
    }

    @Test(arguments: MapGenerator.Shape.allCases)
    func readsWhatArgmapWritesAsTheGeneralReaderDoes(shape: MapGenerator.Shape) throws {
        for seed in [1, 7, 42] as [UInt64] {
            let map = MapGenerator.generate(.init(claims: 3_000, shape: shape, seed: seed))
            try expectSameAsGeneral(ArgdownFormat.write(map))
        }
    }

    @Test func readsALargeFileOnBothCoresAsTheGeneralReaderDoes() throws {
        // Past the size at which the file is read in two halves, with references across them.
        let map = MapGenerator.generate(.init(claims: 40_000, shape: .dag, seed: 3))
        let text = ArgdownFormat.write(map)
        #expect(text.utf8.count > FastReading.parallelThreshold)
        try expectSameAsGeneral(text)
    }

    /// A map read from its file has room for the relations edits add after it (the relation
    /// lists' headroom), so that the first of them do not copy every relation into a larger
    /// array.
    @Test func leavesRoomForRelationsAdded() throws {
        for shape in [MapGenerator.Shape.tree, .dag] {
            let map = try #require(ArgdownFormat.readFast(ArgdownFormat.write(MapGenerator.generate(.init(claims: 20_000, shape: shape, seed: 5)))))
            #expect(map.relations.capacity - map.relations.count >= 1_024, "\(shape): \(map.relations.count) relations, room for \(map.relations.capacity)")
        }
    }

    /// Both fast readers hand back every byte of the lines they read, once, as they go (more
    /// than once a lane on a file this size), so that a mapped file's pages can leave memory.
    @Test func handsBackEachLineOnceAsItReads() throws {
        let map = MapGenerator.generate(.init(claims: 150_000, shape: .dag, seed: 5))
        for json in [false, true] {
            var text = json ? ArgmapJSON.write(map) : ArgdownFormat.write(map)
            let released = Mutex<[Range<Int>]>([])
            let read = text.withUTF8 { bytes in
                json ? ArgmapJSONFastReader.read(bytes: bytes) { r in released.withLock { $0.append(r) } }
                     : ArgdownFastReader.read(bytes: bytes) { r in released.withLock { $0.append(r) } }
            }
            #expect(read?.claims == map.claims)
            let ranges = released.withLock { $0 }.filter { !$0.isEmpty }.sorted { $0.lowerBound < $1.lowerBound }
            #expect(ranges.count >= 4, "\(ranges.count) ranges")
            // No byte twice, and together the ranges cover every line: the claims' and the
            // relations' in JSON, the whole body of an argument file.
            #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound <= $1.lowerBound })
            let covered = ranges.reduce(0) { $0 + $1.count }
            let bytes = Array(text.utf8)
            if json {
                let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
                let claimLines = map.claims.count, relationLines = map.relations.count
                let expected = lines.filter { $0.starts(with: Array("    {".utf8)) }.reduce(0) { $0 + $1.count + 1 }
                #expect(lines.filter { $0.starts(with: Array("    {".utf8)) }.count == claimLines + relationLines)
                // Each array's last line has no line break after it inside the range.
                #expect(covered == expected - 2)
            } else {
                let bodyStart = try #require(bytes.withUnsafeBufferPointer { ArgdownFastReader.frontmatter($0)?.1 })
                #expect(bodyStart > 0 && bodyStart < 200)
                #expect(covered == bytes.count - bodyStart)
            }
        }
    }

    /// Bytes read from a file are checked as UTF-8, as Swift checks it: random
    /// bytes leaning to every lead and continuation byte, and each kind of malformation.
    @Test func checksUTF8AsSwiftDoes() {
        var rng = SplitMix64(seed: 23)
        let interesting: [UInt8] = [0x41, 0x0A, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED,
                                    0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF]
        // Both checks: the whole file's, and the one each string of the JSON fast path gets
        // as it is made (the same string, or nil).
        func agrees(_ bytes: [UInt8]) -> Bool {
            let swift = String(validating: bytes, as: UTF8.self)
            return bytes.withUnsafeBufferPointer { FastReading.isValidUTF8($0) == (swift != nil) && FastReading.string($0) == swift }
        }
        for _ in 0..<100_000 {
            let bytes = (0..<(rng.next() % 24)).map { _ in rng.next() % 3 == 0 ? UInt8(truncatingIfNeeded: rng.next()) : interesting[Int(rng.next() % UInt64(interesting.count))] }
            #expect(agrees(bytes), "\(bytes)")
        }
        // Runs of two-byte characters (checked sixteen bytes at a time) among ASCII, with now
        // and then a longer character, an overlong or cut character, or a stray continuation.
        let pieces: [[UInt8]] = [[0x61], [0x20], [0xD0, 0xB2], [0xD1, 0x8F], [0xC3, 0xBC], [0xC2, 0x80], [0xDF, 0xBF], [0xE4, 0xB8, 0xAD],
                                 [0xF0, 0x9D, 0x84, 0x9E]]
        let broken: [[UInt8]] = [[0xC0, 0x80], [0xC1, 0xBF], [0xC0], [0xC1], [0xD0], [0xB2], [0xD0, 0xD0], [0xE4, 0xB8], [0xE0, 0x80, 0x80],
                                 [0xF5, 0x80, 0x80, 0x80], [0xFF]]
        for _ in 0..<50_000 {
            var bytes: [UInt8] = []
            for _ in 0..<(rng.next() % 48) {
                bytes += rng.next() % 40 == 0 ? broken[Int(rng.next() % UInt64(broken.count))] : pieces[Int(rng.next() % UInt64(pieces.count))]
            }
            #expect(agrees(bytes), "\(bytes)")
        }
        // Well-formed text of every width, long enough for the eight-byte steps and both halves.
        let text = String(repeating: "Pivot to Asia: Сибирь, café, 中国, 𝄞 and plain ASCII words.\n", count: 30_000)
        #expect(text.utf8.count > FastReading.parallelThreshold)
        #expect(agrees(Array(text.utf8)))
        for bad: [UInt8] in [[0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x9F, 0x98], [0x80], [0xFF]] {
            var bytes = Array(text.utf8)
            bytes.insert(contentsOf: bad, at: bytes.count - 100)
            #expect(!bytes.withUnsafeBufferPointer { FastReading.isValidUTF8($0) }, "\(bad)")
            #expect(bytes.withUnsafeBufferPointer { FastReading.string($0) } == nil, "\(bad)")
        }
    }

    @Test func readsNumbersAsTheGeneralReaderDoes() throws {
        // The fast path reads plain decimals itself: every one must be the double Double("…") gives.
        var rng = SystemRandomNumberGenerator()
        var text = "[t]: the top\n"
        var written: [String] = []
        for k in 0..<3_000 {
            let digits = Int.random(in: 1...14, using: &rng)
            let fraction = String((0..<digits).map { _ in Character(String(Int.random(in: 0...9, using: &rng))) })
            let number = k % 7 == 0 ? ["0", "1", "1.0", "0.5", "0.1", "0.30000000000001"][k % 6] : "0." + fraction
            written.append(number)
            text += "  + [c\(k)]: claim {base: \(number), weight: \(number)}\n"
        }
        try expectSameAsGeneral(text)
        let map = try #require(ArgdownFormat.readFast(text))
        for (k, number) in written.enumerated() {
            #expect(map.claim("c\(k)")?.base == Double(number), "\(number)")
            #expect(map.relations[k].weight == Double(number), "\(number)")
        }
    }

    @Test func readsAChainPastThePrintersDepthLimit() throws {
        // Continuation blocks start with a reference alone on its line.
        var text = "[c0]: the top\n"
        for d in 1...120 { text += String(repeating: "  ", count: d) + "+ [c\(d)]: claim \(d)\n" }
        let saved = ArgdownFormat.write(try load(text))
        #expect(saved.contains("\n[c48]\n"))
        try expectSameAsGeneral(saved)
    }

    @Test(arguments: RoundTripTests.shippedMaps)
    func readsTheShippedMapsOrLeavesThemToTheGeneralReader(name: String) throws {
        let text = try String(contentsOf: Fixtures.repository.appendingPathComponent("Arguments/\(name)"), encoding: .utf8)
        if ArgdownFormat.readFast(text) != nil { try expectSameAsGeneral(text) }
    }

    @Test func wheneverItAnswersOnTheFixturesTheGeneralReaderAgrees() throws {
        // Third-party files and every input the fuzzers found: the fast path gives up on most,
        // and where it answers it must agree.
        var paths: [URL] = []
        for folder in ["corpus", "hostile/found/argdown"] {
            let dir = Fixtures.directory.appendingPathComponent(folder)
            paths += try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
        }
        #expect(paths.count > 10)
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path.path) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            if ArgdownFormat.readFast(text) != nil { try expectSameAsGeneral(text) }
        }
    }

    @Test func answersForTheShapesArgmapWrites() throws {
        try expectSameAsGeneral("""
            ===
            title: "Ports: a «test» of the fast path"
            author: someone
            ===

            [thesis]: Ports grow.
              + <port-data>: Cargo rose by a tenth. {base: 0.8}
                - [doubt]: The figures are the port's own. {base: 0.25, weight: 0.4}
              - [costs]: Costs rose [a lot] > expected, 1/2 of it fuel. {weight: 0.7}
                _ [undercut]: {base: 1}
              + [doubt] {weight: 0.5}
              + [empty]:
              + [with note]: A claim with other data. {note: "checked", speech: 2AC}

            [doubt] {base: 0.3}
              - [thesis]

            [другое]: Текст по-русски.
            """)
    }

    @Test(arguments: [
        "[a]: x // a comment",
        "[a]: x /* a comment */",
        "<!-- c -->\n[a]: x",
        "# Heading\n\n[a]: x",
        "[a]: x #tag",
        "[a]: x \\{ escaped",
        "[a]: two  spaces",
        "[a]: a tab\there",
        "[a]: text\n  that goes on",
        "An untitled claim.",
        "[a]: x\n\n  + [b]: after an empty line",
        "[a]: x\n  + [b]: y\n[b]: defined twice",
        "[a]: x\n  + [b]: y\n  + [b]",
        "[a]: x\n  + <a>: an argument named like a statement",
        "[a]: x {weight: 0.5}",
        "[a]: x {base: 2}",
        "[a]: x {base: 0.5} after the data",
        "[a]: x\n  <- [b]: y",
        "[a]: x\n  +> [b]: y",
        "[a]: x\n  + [a]",
        "[a]: x\n+ [b]: no indentation",
        "[a] text after a reference",
        "[a](https://example.org)",
        "[ a]: blank in the title",
        "[a]: x\n  + <- b>: an argument named like an attack",
        "[a]: trailing blank ",
        "[a]: x\r\n",
        "===\ntitle: one\ntitle: two\n===\n[a]: x",
        "===\nnever closed\n[a]: x",
        "[a]: x\u{7}",
        "[a]: x\u{85}",
        "1. a numbered list",
    ])
    func leavesEverythingElseToTheGeneralReader(text: String) {
        #expect(ArgdownFormat.readFast(text) == nil, "\(String(reflecting: text))")
    }

    @Test func whatItLeavesStillReadsOrIsRefusedWithAPlace() throws {
        // A sample of the cases above, through the public entry: the same answers as before.
        #expect(try load("[a]: x #tag").claim("a")?.tags == ["tag"])
        #expect(errors("[a]: x {weight: 0.5}").contains("test.argdown:1:"))
        #expect(errors("[a]: x\n  + [b]: y\n  + <b>").contains("names both a statement and an argument"))
        let (_, warnings) = try ArgdownFormat.read("[a]: x\n  + [b]: y\n\n[b]: other text")
        #expect(warnings.count == 1)
    }

    /// Whatever a text holds and wherever in it (the readers look at sixteen bytes at a time,
    /// so a byte to look at is tried at every place in and around a block), the fast paths
    /// either give up or read what the general readers read, and say nothing.
    @Test func aByteToLookAtIsSeenAnywhereInAText() throws {
        let plain = Array("Moscow's pivot to Asia meets new difficulties in the east".utf8)
        let inserts: [[UInt8]] = [[0x20], [0x20, 0x20], [0x23, 0x61], [0x2F, 0x2F], [0x2F, 0x2A], [0x2F, 0x61], [0x3C, 0x21], [0x3C, 0x61],
                                  [0x5C, 0x6E], [0x7B], [0x7D], [0x7F], [0xC2, 0x85], [0xC2, 0xA9], [0x22], [0x09], [0x01]]
        let map = try ArgumentMap(claims: [Claim(id: "a", text: "thesis"), Claim(id: "b", text: "x")], relations: [Relation(from: 1, to: 0, type: .support)])
        // Without an insert both fast paths answer, so the cases below are not all given up.
        #expect(ArgdownFormat.readFast("[a]: thesis\n  + [b]: \(String(decoding: plain, as: UTF8.self))\n") != nil)
        #expect(ArgmapJSON.readFast(ArgmapJSON.write(map).replacingOccurrences(of: "\"text\": \"x\"", with: "\"text\": \"\(String(decoding: plain, as: UTF8.self))\"")) != nil)
        for insert in inserts {
            for at in 0...40 {
                var bytes = plain
                bytes.insert(contentsOf: insert, at: at)
                let text = String(decoding: bytes, as: UTF8.self)
                let argdown = "[a]: thesis\n  + [b]: \(text)\n"
                if let fast = ArgdownFormat.readFast(argdown) {
                    let (general, warnings) = try ArgdownFormat.read(argdown, fastPath: false)
                    #expect(warnings.isEmpty && fast.claims == general.claims && fast.relations == general.relations, "\(insert) at \(at)")
                }
                let json = ArgmapJSON.write(map).replacingOccurrences(of: "\"text\": \"x\"", with: "\"text\": \"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\"")
                if let fast = ArgmapJSON.readFast(json), let general = try? ArgmapJSON.read(json, fastPath: false) {
                    #expect(fast.claims == general.claims && fast.relations == general.relations, "\(insert) at \(at)")
                } else if ArgmapJSON.readFast(json) != nil {
                    Issue.record("the fast path read JSON the full reader refuses: \(insert) at \(at)")
                }
            }
        }
    }

    // MARK: argmap JSON

    func expectSameAsGeneral(json: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let fast = try #require(ArgmapJSON.readFast(json), "the fast path gave up", sourceLocation: sourceLocation)
        let general = try ArgmapJSON.read(json, fastPath: false)
        #expect(fast.title == general.title && fast.frontmatter == general.frontmatter, sourceLocation: sourceLocation)
        #expect(fast.claims == general.claims, sourceLocation: sourceLocation)
        #expect(fast.relations == general.relations, sourceLocation: sourceLocation)
        #expect(fast.invariantViolations().isEmpty, sourceLocation: sourceLocation)
    }

    @Test(arguments: MapGenerator.Shape.allCases)
    func readsTheJSONArgmapWritesAsTheGeneralReaderDoes(shape: MapGenerator.Shape) throws {
        for seed in [1, 7] as [UInt64] {
            var map = MapGenerator.generate(.init(claims: 2_000, shape: shape, seed: seed))
            map.title = "A \"quoted\" title\u{2028}with a line separator"
            try expectSameAsGeneral(json: ArgmapJSON.write(map))
        }
        // On both cores: the lines in halves, the id index in stretches, targets a batch at a time.
        let large = MapGenerator.generate(.init(claims: 60_000, shape: shape, seed: 3))
        let json = ArgmapJSON.write(large)
        #expect(json.utf8.count > FastReading.parallelThreshold && large.count >= IDIndex.parallelThreshold)
        try expectSameAsGeneral(json: json)
    }

    @Test func readsEscapedStringsAsTheGeneralReaderDoes() throws {
        let json = #"""
            {
              "argmap": 1,
              "claims": [
                {"id": "t\u00e9", "text": "A \"quoted\" word, a tab\there, <b> and \u2028", "kind": "statement", "base": 0.5, "tags": [], "sources": [], "note": null, "data": {}},
                {"id": "b", "text": "  blanks   to fold ", "kind": "argument", "base": 1e-1, "tags": [], "sources": [], "note": null, "data": {}}
              ],
              "relations": [
                {"from": "b", "to": "té", "type": "undercut", "weight": 0.25}
              ]
            }

            """#
        try expectSameAsGeneral(json: json)
        #expect(ArgmapJSON.readFast(json)?.claim("b")?.text == "blanks to fold")
    }

    static let oneClaim = #"    {"id": "a", "text": "x", "kind": "statement", "base": 0.5, "tags": [], "sources": [], "note": null, "data": {}}"#
    static func document(_ claims: [String], _ relations: [String], header: String = "  \"argmap\": 1,\n") -> String {
        "{\n" + header + "  \"claims\": [\n" + claims.joined(separator: ",\n") + "\n  ],\n  \"relations\": [\n" + relations.joined(separator: ",\n") + "\n  ]\n}\n"
    }
    static let b = oneClaim.replacingOccurrences(#""id": "a""#, with: #""id": "b""#)
    static let link = #"    {"from": "b", "to": "a", "type": "support", "weight": 1}"#

    @Test func answersForTheSmallestDocument() throws {
        try expectSameAsGeneral(json: Self.document([Self.oneClaim, Self.b], [Self.link]))
    }

    /// Documents the fast path leaves to the full reader: errors, values it does not read
    /// itself, and other layouts.
    static let otherJSON: [String] = {
        let (a, b, link) = (oneClaim, FastReaderTests.b, FastReaderTests.link)
        return [
            document([a, b], [link], header: "  \"argmap\": 2,\n"),
            document([a, b], [link], header: "  \"argmap\": 1,\n  \"claims\": 3,\n"),
            document([a, a], [link]),
            document([a, b], [link, link]),
            document([a, b], [link, link.replacingOccurrences("support", with: "attack")]),
            document([a, b], [link.replacingOccurrences(#""from": "b""#, with: #""from": "z""#)]),
            document([a, b.replacingOccurrences("0.5", with: "1.5")], [link]),
            document([a, b.replacingOccurrences(#""tags": []"#, with: #""tags": ["x"]"#)], [link]),
            document([a, b.replacingOccurrences(#""note": null"#, with: #""note": "n""#)], [link]),
            document([a, b.replacingOccurrences(#""data": {}"#, with: #""data": {"speech": "2AC"}"#)], [link]),
            document([a, b.replacingOccurrences(#""id": "b""#, with: #""id": "b[1]""#)], [link]),
            document([a, b.replacingOccurrences(#""text": "x""#, with: "\"text\": \"x\u{7}\"")], [link]),
            document([a + ",", b], [link]),
            document([a, b], [link + ","]),
            document([a, b], [link]).replacingOccurrences("\n}\n", with: "\n}"),
            document([a, b], [link]).replacingOccurrences("\n", with: "\r\n"),
            #"{"argmap": 1, "claims": [{"id": "a"}], "relations": []}"#,
            // Markers with nothing between them share a line break (found by the fuzzer).
            "{\n  \"argmap\": 1,\n  \"claims\": [\n  ],\n  \"relations\": [\n" + link + "\n  ]\n}\n",
            "{\n  \"argmap\": 1,\n  \"claims\": [\n" + a + "\n  ],\n  \"relations\": [\n  ]\n}\n",
        ]
    }()

    @Test(arguments: FastReaderTests.otherJSON)
    func leavesOtherJSONToTheGeneralReader(json: String) {
        #expect(ArgmapJSON.readFast(json) == nil, "\(json)")
    }

    /// A file's bytes reach the JSON fast path unchecked: a byte that is not UTF-8, wherever it
    /// stands (the header, an id, a text, a relation's end), leaves the file to the general
    /// reader (which reads the file as text, and names the byte).
    @Test func leavesBytesThatAreNotUTF8ToTheGeneralReader() throws {
        let text = Self.document([Self.oneClaim.replacingOccurrences(#""text": "x""#, with: #""text": "xé东""#), Self.b], [Self.link],
                                 header: "  \"argmap\": 1,\n  \"title\": \"T\",\n")
        let bytes = Array(text.utf8)
        func fast(_ bytes: [UInt8]) -> ArgumentMap? {
            bytes.withUnsafeBufferPointer { FormatRegistry.readFast(path: "x.json", bytes: $0)?.result.map }
        }
        #expect(fast(bytes)?.claim("a")?.text == "xé东")
        let places = [Array(#""T""#.utf8), Array(#""id": "a""#.utf8), Array("xé东".utf8), Array(#""to": "a""#.utf8)]
        // A stray continuation byte, a lead byte cut short, an overlong '/', a surrogate, past U+10FFFF.
        let bad: [[UInt8]] = [[0x80], [0xE4, 0xB8], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]]
        for place in places {
            let at = try #require(bytes.firstRange(of: place)).upperBound - 1  // before the closing quote
            for b in bad {
                var broken = bytes
                broken.insert(contentsOf: b, at: at)
                #expect(String(validating: broken, as: UTF8.self) == nil)
                #expect(fast(broken) == nil, "\(b) in \(String(decoding: place, as: UTF8.self))")
            }
        }
    }
}
