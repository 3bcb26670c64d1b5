import Foundation
import Testing
@testable import ArgMapFormats
import ArgMapModel

/// Load → save → load is the same map; save → load → save the same bytes; JSON ↔ Argdown is
/// lossless. Checked on the shipped maps and on seeded random maps with awkward text.
struct RoundTripTests {
    /// The printer's word-at-a-time search for a byte to escape finds what a byte-by-byte
    /// search finds, wherever in a word the byte falls, in texts of every length.
    @Test func firstByteToEscapeIsFoundAsByteByByte() {
        var rng = SplitMix64(seed: 17)
        let alphabet: [UInt8] = Array("ab Z09#/<\\{}|[]~\u{1F}".utf8) + [0x09, 0x0A, 0x0D, 0x20, 0x7F, 0x80, 0xC2, 0xFF, 0x1F, 0x3B, 0x7C, 0x7E]
        for _ in 0..<50_000 {
            let n = Int(rng.next() % 40)
            // Mostly letters, so that whole words pass and the one special byte lands anywhere.
            let bytes: [UInt8] = (0..<n).map { _ in rng.next() % 6 == 0 ? alphabet[Int(rng.next() % UInt64(alphabet.count))] : 0x61 }
            bytes.withUnsafeBufferPointer { b in
                #expect(ArgdownPrinter.firstSpecial(b) == b.firstIndex(where: ArgdownPrinter.special), "\(bytes)")
            }
        }
    }

    static let shippedMaps = ["pivot-to-asia.argdown", "bike-lanes-debate.argdown", "school-start-times.argdown"]

    @Test(arguments: shippedMaps)
    func shippedMapsLoadCheckCleanAndRoundTripByteForByte(name: String) throws {
        let url = Fixtures.repository.appendingPathComponent("Arguments").appendingPathComponent(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        let (map, warnings) = try ArgdownFormat.read(text, file: name)
        #expect(warnings.isEmpty, "\(warnings)")
        #expect(map.invariantViolations().isEmpty)
        #expect(map.claims.allSatisfy { !$0.text.isEmpty }, "every claim has text")
        #expect(ArgdownFormat.write(map) == text, "\(name) is not in canonical form: load and save it with argmap")
        let json = ArgmapJSON.write(map)
        #expect(try ArgmapJSON.read(json) == map)
    }

    @Test func thePivotMapCoversTheArticle() throws {
        let text = try String(contentsOf: Fixtures.repository.appendingPathComponent("Arguments/pivot-to-asia.argdown"), encoding: .utf8)
        let map = try ArgdownFormat.read(text).map
        let thesis = try #require(map.claim("pivot-succeeding"))
        #expect(thesis.text.contains("Pivot to Asia is succeeding"))
        let t = map.index(of: "pivot-succeeding")!
        let attacks = map.children(of: t).filter { map.relations[$0.relation].type == .attack }.map { map.claims[$0.claim].id }
        for reason in ["reason-1-no-comprehensive-approach", "reason-2-sino-centrism", "reason-3-diplomacy-over-economics", "reason-4-local-alienation", "mishustin-at-magadan"] {
            #expect(attacks.contains(reason), "\(reason) attacks the thesis")
            #expect(!map.incoming[map.index(of: reason)!].isEmpty, "\(reason) has evidence beneath it")
        }
        let supports = map.children(of: t).filter { map.relations[$0.relation].type == .support }
        #expect(supports.count >= 2)
        for word in ["Magadan", "Torkunov", "Bliakher", "Khabarovsk", "Likhacheva", "colonial", "paternalistic", "federative", "blueprint"] {
            #expect(map.claims.contains { $0.text.contains(word) || $0.sources.contains { $0.citation.contains(word) } }, "the map mentions \(word)")
        }
        #expect(map.relations.contains { $0.type == .undercut })
        #expect(map.claims.contains { map.outgoing[map.index(of: $0.id)!].count > 1 }, "some claim answers two parents")
    }

    @Test(arguments: MapGenerator.Shape.allCases)
    func randomMapsRoundTrip(shape: MapGenerator.Shape) throws {
        for seed in 1...12 as ClosedRange<UInt64> {
            var map = MapGenerator.generate(.init(claims: 150, shape: shape, seed: seed, awkwardText: true))
            decorate(&map, seed: seed)
            let argdown = ArgdownFormat.write(map)
            let loaded: ArgumentMap
            do { loaded = try ArgdownFormat.read(argdown).map } catch {
                Issue.record("seed \(seed) \(shape): \(error.description)\n\(argdown)")
                continue
            }
            #expect(difference(map, loaded) == nil, "seed \(seed) \(shape): load → save → load changed the map")
            #expect(ArgdownFormat.write(loaded) == argdown, "seed \(seed) \(shape): save → load → save changed the bytes")
            let json = ArgmapJSON.write(map)
            let fromJSON = try ArgmapJSON.read(json)
            #expect(difference(map, fromJSON) == nil, "seed \(seed) \(shape): JSON round trip")
            let viaArgdown = try ArgmapJSON.read(ArgmapJSON.write(try ArgdownFormat.read(ArgdownFormat.write(fromJSON)).map))
            #expect(difference(map, viaArgdown) == nil, "seed \(seed) \(shape): JSON → argdown → JSON")
        }
    }

    /// Past the depth limit a claim's own claims continue under a reference to it, so no line
    /// is indented deeper than the limit, and the map still reads back the same, byte for byte.
    @Test func deepChainsContinueInBlocksOfTheirOwn() throws {
        var map = ArgumentMap()
        let n = ArgdownPrinter.depthLimit * 4 + 7
        for i in 0..<n { try map.apply(.addClaim(Claim(id: "c\(i)", text: "step \(i)", kind: i % 5 == 0 ? .argument : .statement))) }
        for i in 1..<n { try map.apply(.link(RelationSpec(from: "c\(i)", to: "c\(i - 1)", type: i % 3 == 0 ? .support : .attack))) }
        // A side branch at the limit, and a second parent across blocks.
        try map.apply(.addClaim(Claim(id: "side", text: "a side branch")))
        try map.apply(.link(RelationSpec(from: "side", to: "c\(ArgdownPrinter.depthLimit)", type: .attack, weight: 0.4)))
        try map.apply(.link(RelationSpec(from: "c\(n - 1)", to: "c3", type: .undercut)))
        decorate(&map, seed: 5)
        let argdown = ArgdownFormat.write(map)
        let lines: [Substring] = argdown.split(separator: "\n")
        let deepest = lines.map { $0.prefix(while: { $0 == " " }).count }.max() ?? 0
        #expect(deepest == 2 * ArgdownPrinter.depthLimit)
        #expect(argdown.contains("\n\n[c\(ArgdownPrinter.depthLimit)]\n"), "a continuation block starts with a reference")
        let loaded = try ArgdownFormat.read(argdown).map
        #expect(difference(map, loaded) == nil)
        #expect(ArgdownFormat.write(loaded) == argdown)
    }

    /// Adds tags, notes, sources, data, undercuts and Cyrillic ids to a generated map.
    /// A large map is written in pieces on both cores: the pieces together are the bytes one
    /// core writes, in both formats, with sections, decorations, continuation blocks and cycles.
    @Test(arguments: [MapGenerator.Shape.dag, .cyclic])
    func piecesWrittenAtOnceAreTheWholeFile(shape: MapGenerator.Shape) throws {
        var map = MapGenerator.generate(.init(claims: 40_000, shape: shape, seed: 11, awkwardText: true))
        decorate(&map, seed: 11)
        map.title = "Pieces"
        // A chain past the depth limit, so that continuation blocks fall in both halves.
        for i in 0..<(ArgdownPrinter.depthLimit * 3) {
            try map.apply(.addClaim(Claim(id: "chain\(i)", text: "link \(i)")))
            if i > 0 { try map.apply(.link(RelationSpec(from: "chain\(i)", to: "chain\(i - 1)", type: .attack))) }
        }
        let chain = map
        var rng = SplitMix64(seed: 3)
        for c in chain.claims.indices where chain.outgoing[c].isEmpty && rng.next() % 3 == 0 {
            try map.apply(.setValue(chain.claims[c].id, .section(rng.next() % 2 == 0 ? "Part A" : "Part B")))
        }
        #expect(map.claims.contains { $0.section != nil })
        let pieces = ArgdownPrinter.pieces(map)
        #expect(pieces.count > 1, "the file is written in pieces of a megabyte")
        let same = Array(pieces.joined()) == Array(ArgdownPrinter.pieces(map, lanes: 1).joined())
        #expect(same, "two lanes write the bytes one lane writes")
        // (A heading gives its section to every claim under it, so the claims under the theses
        // given one above read back with it: the bytes are compared, not the maps.)
        let text = String(decoding: Array(pieces.joined()), as: UTF8.self)
        let loaded = try ArgdownFormat.read(text).map
        #expect(loaded.count == map.count && loaded.relations.count == map.relations.count)
        #expect(ArgdownFormat.write(loaded) == text)

        let json = ArgmapJSON.pieces(map)
        #expect(json.count > 1, "the JSON is written in pieces of a megabyte, two lanes at once")
        let fromJSON = try ArgmapJSON.read(String(decoding: Array(json.joined()), as: UTF8.self), fastPath: false)
        #expect(difference(map, fromJSON) == nil)
    }

    func decorate(_ map: inout ArgumentMap, seed: UInt64) {
        var rng = SplitMix64(seed: seed &* 31)
        let ids = map.claims.map(\.id)
        for id in ids where rng.next() % 7 == 0 {
            try! map.apply(.setValue(id, .tags(["tag-\(rng.next() % 5)", "two words"])))
            try! map.apply(.setValue(id, .note("a note with \"quotes\", a # and a {brace}")))
            try! map.apply(.setValue(id, .sources([Source(citation: "Book, p. 3", date: "2020-08-17", url: "https://example.org/a?b=c#d"), Source(citation: "Plain")])))
            try! map.apply(.setValue(id, .data(key: "speech", .string("2AC"))))
            try! map.apply(.setValue(id, .data(key: "magnitude", .number(3))))
        }
        try! map.apply(.rename(ids[1], to: "Магадан порт"))
        if ids.count > 5, map.relationIndex(from: map.index(of: ids[4])!, to: map.index(of: ids[2])!) == nil {
            _ = try? map.apply(.link(RelationSpec(from: ids[4], to: ids[2], type: .undercut, weight: 0.7)))
        }
    }
}

/// The Argdown project's examples and fixtures: each either loads with the model Argdown
/// builds, or is refused for a documented reason (docs/FORMAT.md).
struct ConformanceTests {
    enum Outcome { case loads(claims: Int, relations: Int), refused(String) }

    static let expectations: [(String, Outcome)] = [
        ("legalisation-softdrugs.argdown", .loads(claims: 18, relations: 19)),
        ("syncialo-learning_over_leasure_example.argdown", .loads(claims: 11, relations: 10)),
        ("conformance/lexer-indentation.argdown", .loads(claims: 11, relations: 8)),
        ("conformance/lexer-links-and-tags.argdown", .loads(claims: 1, relations: 0)),
        ("conformance/lexer-definitions-references.argdown", .loads(claims: 4, relations: 0)),
        ("conformance/lexer-relation-after-emptyline.argdown", .refused("3:5: error: a relation cannot follow an empty line")),
        ("conformance/lexer-relations.argdown", .refused("1:1: error: this relation has no claim above it")),
        ("conformance/parser-arguments.argdown", .refused("3:1: error: premise–conclusion structures are outside")),
        ("conformance/parser-mix.argdown", .refused("7:3: error: lists are outside")),
        ("argdown-primer.argdown", .refused("63:1: error: premise–conclusion structures are outside")),
        ("greenspan-schefczyk_hardwrap.argdown", .refused("92:1: error: premise–conclusion structures are outside")),
        ("test-intro.argdown", .refused("5:3: error: lists are outside")),
    ]

    @Test func everyCorpusFileIsCovered() throws {
        let dir = Fixtures.directory.appendingPathComponent("corpus")
        var files: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where name.hasSuffix(".argdown") { files.append(name) }
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("conformance").path) { files.append("conformance/" + name) }
        #expect(Set(files) == Set(Self.expectations.map(\.0)))
    }

    @Test(arguments: expectations.map(\.0))
    func corpusFile(_ name: String) throws {
        let text = try Fixtures.text("corpus/" + name)
        let outcome = Self.expectations.first { $0.0 == name }!.1
        switch outcome {
        case .loads(let claims, let relations):
            let map = try load(text)
            #expect(map.count == claims)
            #expect(map.relations.count == relations)
            let again = try ArgdownFormat.read(ArgdownFormat.write(map)).map
            #expect(again == map)
        case .refused(let message):
            let rendered = errors(text, file: name)
            #expect(rendered.contains(name + ":" + message), "\(rendered)")
        }
    }

    @Test func legalisationModel() throws {
        let map = try load(try Fixtures.text("corpus/legalisation-softdrugs.argdown"))
        #expect(map.title == "Pros and Cons Legalisation of Soft Drugs")
        #expect(map.roots.map { map.claims[$0].id } == ["Legalisation of Soft Drugs"])
        let harmful = try #require(map.index(of: "Soft drugs are harmful"))
        #expect(Set(map.parents(of: harmful).map { map.claims[$0.claim].id }) == ["Law must protect", "No harm, no ban", "Minimize destructive activity"])
        #expect(map.claim("No harm, no ban")?.tags == ["pro"])
    }
}
