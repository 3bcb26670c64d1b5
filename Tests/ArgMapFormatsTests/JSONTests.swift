import Testing
@testable import ArgMapFormats
import ArgMapModel

struct JSONTests {
    @Test func minimalImportTakesDefaults() throws {
        let map = try ArgmapJSON.read("""
            {"claims": [{"id": "t"}, {"id": "a", "text": "multi\\nline   text"}],
             "relations": [{"from": "a", "to": "t", "type": "attack"}]}
            """)
        #expect(map.claim("t") == Claim(id: "t"))
        #expect(map.claim("a")?.text == "multi line text")
        #expect(map.relationSpecs == [RelationSpec(from: "a", to: "t", type: .attack, weight: 1)])
    }

    @Test func exportShape() throws {
        var map = ArgumentMap(title: "T")
        try map.apply(.addClaim(Claim(id: "t", text: "<script>alert(1)</script> \"q\"", base: 0.25, tags: ["x"], note: "n")))
        try map.apply(.addClaim(Claim(id: "u")))
        try map.apply(.link(RelationSpec(from: "u", to: "t", type: .undercut, weight: 0.5)))
        let json = ArgmapJSON.write(map)
        #expect(json == """
            {
              "argmap": 1,
              "title": "T",
              "claims": [
                {"id": "t", "text": "\\u003cscript>alert(1)\\u003c/script> \\"q\\"", "kind": "statement", "base": 0.25, "tags": ["x"], "sources": [], "note": "n", "data": {}},
                {"id": "u", "text": "", "kind": "statement", "base": 0.5, "tags": [], "sources": [], "note": null, "data": {}}
              ],
              "relations": [
                {"from": "u", "to": "t", "type": "undercut", "weight": 0.5}
              ]
            }

            """)
    }

    /// A tag is there or not: one named twice is kept once, as the argument file would read it.
    @Test func repeatedTagsAreKeptOnce() throws {
        let map = try ArgmapJSON.read("{\"claims\": [{\"id\": \"a\", \"tags\": [\"x\", \"y\", \"x\"]}]}")
        #expect(map.claim("a")?.tags == ["x", "y"])
        #expect(try ArgdownFormat.read(ArgdownFormat.write(map)).map == map)
    }

    @Test func errorsNameTheClaimOrLocation() {
        func message(_ text: String) -> String {
            do { _ = try ArgmapJSON.read(text, file: "m.json"); return "" } catch { return error.description }
        }
        #expect(message("{\"claims\": [{\"id\": \"a\", \"base\": 7}]}").contains("claims[0] (a): \"base\" must be a number from 0 to 1"))
        #expect(message("{\"claims\": [{\"text\": \"no id\"}]}").contains("claims[0] has no \"id\""))
        #expect(message("{\"claims\": [], \"relations\": [{\"from\": \"a\", \"to\": \"b\", \"type\": \"attack\"}]}").contains("no claim with id 'a'"))
        #expect(message("{\"claims\": [{\"id\": \"a\"}], \"relations\": [{\"from\": \"a\", \"to\": \"a\", \"type\": \"pro\"}]}").contains("\"type\" must be"))
        #expect(message("{\"claims\": [\n  {\"id\": \"a\",}\n]}").contains("m.json:2:14: error: expected a quoted key"))
        #expect(message("{\"claims\": [{\"id\": \"a\", \"base\": 1e999}]}").contains("too large"))
        #expect(message(String(repeating: "[", count: 100_000)).contains("nested more than 256 levels"))
        #expect(message("").contains("the JSON ends where a value should be"))
        // An id with a comment opener could not be written to an argument file.
        #expect(message("{\"claims\": [{\"id\": \"http://x\"}]}").contains("'http://x' cannot be an id: an id cannot contain // or /*"))
        // A repeated key would be read once and written back once: refused where it stands,
        // in small objects and in objects large enough to be checked through a set.
        #expect(message("{\"claims\": [{\"id\": \"a\", \"text\": \"x\", \"text\": \"y\"}]}").contains("m.json:1:38: error: the key \"text\" appears twice"))
        let many = (0..<40).map { "\"k\($0)\": 1" }.joined(separator: ", ")
        #expect(message("{\"claims\": [{\"id\": \"a\", \"data\": {\(many), \"k39\": 2}}]}").contains("the key \"k39\" appears twice"))
    }

    /// Streamed arrays hand over, in order and with their indices, the very elements a whole
    /// parse gives, and are left empty; an array elsewhere (past another array, at another
    /// key, deeper) is kept; a malformed file gives the whole parse's message.
    @Test func streamedArraysGiveTheElementsOfAWholeParse() throws {
        let text = """
            {"AIF": {"nodes": [{"nodeID": 1, "text": "a\\u00e9"}, [2, {"nodes": [3]}], "x"], "edges": [], "other": [4]},
             "nodes": [{"nodes": [5]}, 6], "deep": {"AIF": {"nodes": [7]}}, "list": [{"nodes": [8]}]}
            """
        let whole = try JSONReader.parse(text)
        var handed: [([String], Int, JSONValue)] = []
        let rest = try JSONReader.parse(text, streaming: [["AIF", "nodes"], ["nodes"], ["edges"]]) { handed.append(($0, $1, $2)) }
        let aifNodes = try #require(whole["AIF"]?["nodes"]?.array), topNodes = try #require(whole["nodes"]?.array)
        #expect(handed.map(\.0) == Array(repeating: ["AIF", "nodes"], count: 3) + Array(repeating: ["nodes"], count: 2))
        #expect(handed.map(\.1) == [0, 1, 2, 0, 1])
        #expect(handed.map(\.2) == aifNodes + topNodes)
        #expect(rest["AIF"]?["nodes"] == .array([]) && rest["nodes"] == .array([]))
        #expect(rest["AIF"]?["other"] == whole["AIF"]?["other"] && rest["deep"] == whole["deep"] && rest["list"] == whole["list"])
        for bad in ["{\"nodes\": [1, 2,]}", "{\"nodes\": [1], \"nodes\": []}", "{\"nodes\": [{\"a\": 1, \"a\": 2}]}", "{\"nodes\": [1] x"] {
            var whole: Diagnostic?, streamed: Diagnostic?
            do { _ = try JSONReader.parse(bad) } catch { whole = error }
            do { _ = try JSONReader.parse(bad, streaming: [["nodes"]]) { _, _, _ in } } catch { streamed = error }
            #expect(whole != nil && whole?.description == streamed?.description, "\(bad)")
        }
    }

    /// The full reader takes the claims and relations as the parser meets them: relations
    /// before the claims are read once the claims are, and the problems come in the file's
    /// order of sections (the file's own, the claims', the relations').
    @Test func relationsBeforeClaimsAndProblemsInOrder() throws {
        let map = try ArgmapJSON.read(#"{"relations": [{"from": "a", "to": "t", "type": "attack", "weight": 0.5}], "claims": [{"id": "t"}, {"id": "a", "text": "A"}], "argmap": 1}"#, fastPath: false)
        #expect(map.relationSpecs == [RelationSpec(from: "a", to: "t", type: .attack, weight: 0.5)] && map.claim("a")?.text == "A")
        let bad = #"{"relations": [{"from": "t", "to": "u", "type": "support"}], "claims": [{"id": "t"}, {"id": "t"}], "argmap": 9}"#
        do {
            _ = try ArgmapJSON.read(bad, fastPath: false)
            Issue.record("read a file with three problems")
        } catch {
            let lines = error.description.split(separator: "\n").filter { $0.contains("error:") }
            #expect(lines.count == 3)
            #expect(lines.first?.contains("version 9") == true && lines.dropFirst().first?.contains("claims[1]") == true && lines.last?.contains("relations[0]") == true, "\(lines)")
        }
    }

    /// A file the fast path gives up on is read in full from its bytes, handed back as it is
    /// read, to the map its text gives; anything with a message to give is left to the text way.
    @Test func readInFullFromBytesAsFromText() throws {
        let generated = MapGenerator.generate(.init(claims: 30_000, shape: .dag, seed: 8))
        // The same JSON with its sections in another order: not the layout the fast path reads.
        let written = ArgmapJSON.write(generated)
        let claimsAt = try #require(written.range(of: "\"claims\":")), relationsAt = try #require(written.range(of: ",\n  \"relations\":"))
        let reordered = "{\n  \"relations\":" + written[relationsAt.upperBound...].dropLast(2) + ",\n  " + written[claimsAt.lowerBound..<relationsAt.lowerBound] + "\n}\n"
        let bytes = Array(reordered.utf8)
        #expect(bytes.withUnsafeBufferPointer { ArgmapJSONFastReader.read(bytes: $0) } == nil, "the fast path should give up on this layout")
        var released: [Range<Int>] = []
        let fromBytes = try #require(bytes.withUnsafeBufferPointer { ArgmapJSON.readInFull(bytes: $0, release: { released.append($0) }) })
        let fromText = try ArgmapJSON.read(reordered, fastPath: false)
        #expect(fromBytes.claims == fromText.claims && fromBytes.relations == fromText.relations)
        #expect(fromText.claims == generated.claims && Set(fromText.relationSpecs) == Set(generated.relationSpecs), "the sections moved, the title left out")
        #expect(released.first == 0..<bytes.count && released.last?.upperBound == bytes.count)
        for bad in [#"{"claims": [{"id": "t"}, {"id": "t"}], "relations": []}"#, #"{"claims": [], "relations": [1,]}"#, "\u{FEFF}{\"claims\": [], \"relations\": []}"] {
            #expect(Array(bad.utf8).withUnsafeBufferPointer { ArgmapJSON.readInFull(bytes: $0, release: { _ in }) } == nil, "\(bad.debugDescription)")
        }
    }
}
