import Foundation
import Testing
@testable import ArgMapFormats
import ArgMapModel

struct AIFTests {
    func claim(_ map: ArgumentMap, _ prefix: String) throws -> Int {
        try #require(map.claims.firstIndex { $0.text.hasPrefix(prefix) }, "no claim starting '\(prefix)'")
    }

    @Test func aifdbWithItsDialogueLayer() throws {
        let result = try AIFFormat.read(try Fixtures.text("aif/arguebuf-6064-original.json"))
        #expect(result.map.count == 9)
        #expect(result.map.relations.count == 5)
        #expect(result.notes.contains("skipped 38 nodes of the dialogue layer (L, YA, TA)"))
        let reconstructed = try AIFFormat.read(try Fixtures.text("aif/arguebuf-6064-reconstructed.json")).map
        #expect(reconstructed.count == 9)
        #expect(reconstructed.relations.count == 8, "five RA supports and three MA rephrases")
    }

    @Test func ovaWrapperLinkedArgumentsUndercutsRephrases() throws {
        let result = try AIFFormat.read(try Fixtures.text("aif/ova-linked-undercut.json"))
        let map = result.map
        let linked = try #require(map.claims.firstIndex { $0.kind == .argument })
        #expect(map.claims[linked].text == "Linked argument (Default Inference)")
        let port = try claim(map, "Magadan's port"), trade = try claim(map, "Trade through"), needs = try claim(map, "The port needs")
        let growth = try claim(map, "The growth figures"), wasted = try claim(map, "Investment is wasted"), rephrase = try claim(map, "Investing is a waste")
        let specs = Set(map.relations.map { [$0.from, $0.to, $0.type == .support ? 0 : $0.type == .attack ? 1 : 2] })
        #expect(specs == [[port, linked, 0], [trade, linked, 0], [linked, needs, 0], [growth, linked, 2], [wasted, needs, 1], [rephrase, wasted, 0]])
        #expect(result.notes.contains("skipped 1 PA node (argmap has no preferences)"))
        #expect(result.notes.contains("skipped 2 nodes of the dialogue layer (L, YA, TA)"))
        #expect(map.title == "An OVA analysis written for argmap's tests")
    }

    /// A node id met twice is one node: its last type and text, its edges from both places.
    /// An RA with two premises becomes a linked argument; a CA into it an undercut of it; a
    /// numeric node id reads as its number; what argmap has no place for is counted.
    @Test func aNodeMetTwiceIsOneNodeWithItsLastText() throws {
        let text = #"""
        {"nodes": [{"nodeID": "1", "text": "a", "type": "I"}, {"nodeID": "2", "text": "b", "type": "I"},
                   {"nodeID": "3", "text": "x", "type": "RA"}, {"nodeID": "1", "text": "a again", "type": "I"},
                   {"nodeID": 4, "text": "L", "type": "L"}, {"nodeID": "5", "type": "PA", "text": ""},
                   {"nodeID": "6", "type": "CA", "text": ""}, {"nodeID": "7", "type": "I", "text": ""}],
         "edges": [{"fromID": "1", "toID": "3"}, {"fromID": "3", "toID": "2"}, {"fromID": "7", "toID": "6"},
                   {"fromID": "6", "toID": "3"}, {"fromID": "6", "toID": "5"}, {"fromID": "2", "toID": "3"},
                   {"fromID": "4", "toID": "1"}]}
        """#
        let result = try AIFFormat.read(text)
        let map = result.map
        #expect(map.claims.map(\.text) == ["a again", "b", "", "Linked argument (x)"])
        #expect(map.claims.map(\.id) == ["a-again", "b", "node-7", "linked-argument-x"])
        let a = try claim(map, "a again"), b = try claim(map, "b"), arg = try claim(map, "Linked"), u = map.claims.firstIndex { $0.id == "node-7" }!
        #expect(Set(map.relations.map { "\($0.from)>\($0.to):\($0.type)" })
                == ["\(a)>\(arg):support", "\(b)>\(arg):support", "\(arg)>\(b):support", "\(u)>\(arg):undercut"])
        #expect(result.notes == ["read 4 claims and 4 relations", "skipped 1 nodes of the dialogue layer (L, YA, TA)",
                                 "skipped 1 CA into PA node (argmap has no CA into PA)", "skipped 1 PA node (argmap has no preferences)"])
    }

    /// A node's last type counts wherever it was met, whether it moves into a type argmap
    /// reads or out of one: a type argmap does not read is named in the notes as the file has it.
    @Test func aNodeRetypedCountsAsItsLastType() throws {
        let text = #"""
        {"nodes": [{"nodeID": "1", "text": "a", "type": "L"}, {"nodeID": "2", "text": "b", "type": "I"},
                   {"nodeID": "3", "text": "x", "type": "RA"}, {"nodeID": "1", "text": "a now", "type": "I"},
                   {"nodeID": "2", "text": "b gone", "type": "TA"}, {"nodeID": "4", "text": "c", "type": "I"},
                   {"nodeID": "5", "text": "", "type": "CA"}, {"nodeID": "2", "text": "b back", "type": "XY"}],
         "edges": [{"fromID": "1", "toID": "3"}, {"fromID": "3", "toID": "4"}, {"fromID": "4", "toID": "5"}, {"fromID": "5", "toID": "2"}]}
        """#
        let result = try AIFFormat.read(text)
        #expect(result.map.claims.map(\.id) == ["a-now", "c"])
        #expect(result.map.claims.map { $0.dataValue("aif") } == [.string("1"), .string("4")])
        #expect(result.map.relations.map { "\($0.from)>\($0.to):\($0.type)" } == ["0>1:support"])
        #expect(result.notes == ["read 2 claims and 1 relations", "skipped 1 CA into XY node (argmap has no CA into XY)",
                                 "skipped 3 XY nodes (argmap has no XY)"])
    }

    @Test func exportThenImportKeepsClaimsRelationsAndStances() throws {
        for name in RoundTripTests.shippedMaps {
            let map = try ArgdownFormat.read(String(contentsOf: Fixtures.repository.appendingPathComponent("Arguments/" + name), encoding: .utf8)).map
            let back = try AIFFormat.read(AIFFormat.write(map)).map
            #expect(back.count >= map.count, "\(name)")
            for r in map.relations where r.type != .undercut {
                let from = map.claims[r.from].text, to = map.claims[r.to].text
                let direct = back.relations.contains { back.claims[$0.from].text == from && back.claims[$0.to].text == to && $0.type == r.type }
                // An undercut inference comes back through an argument node: from → <argument> → to.
                let viaArgument = back.relations.contains { a in
                    back.claims[a.from].text == from && back.claims[a.to].kind == .argument
                        && back.relations.contains { $0.from == a.to && back.claims[$0.to].text == to }
                }
                #expect(direct || viaArgument, "\(name): \(from) → \(to)")
            }
            #expect(back.relations.contains { $0.type == .undercut } == map.relations.contains { $0.type == .undercut }, "\(name): undercuts survive")
        }
    }

    /// The exported AIF loads in arguebuf (PyPI), a third-party AIF library, with the same
    /// claims, supports and attacks.
    @Test func arguebufLoadsTheExport() throws {
        let venv = FileManager.default.temporaryDirectory.appendingPathComponent("argmap-arguebuf-venv").path
        if !FileManager.default.fileExists(atPath: venv + "/bin/python") {
            #expect(try shell(["python3", "-m", "venv", venv]) == 0)
            #expect(try shell([venv + "/bin/pip", "install", "-q", "arguebuf"]) == 0, "pip install arguebuf")
        }
        let map = try ArgdownFormat.read(String(contentsOf: Fixtures.repository.appendingPathComponent("Arguments/pivot-to-asia.argdown"), encoding: .utf8)).map
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("argmap-\(UUID().uuidString).json").path
        try AIFFormat.write(map).write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let script = """
            import arguebuf as ag, sys
            g = ag.load.file(sys.argv[1])
            sup = sum(1 for n in g.scheme_nodes.values() if type(n.scheme).__name__ == 'Support')
            att = sum(1 for n in g.scheme_nodes.values() if type(n.scheme).__name__ == 'Attack')
            print(len(g.atom_nodes), sup, att)
            """
        let output = try capture([venv + "/bin/python", "-c", script, path])
        let supports = map.relations.filter { $0.type == .support }.count
        let attacks = map.relations.filter { $0.type == .attack }.count + map.relations.filter { $0.type == .undercut }.count
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "\(map.count) \(supports) \(attacks)")
    }

    func shell(_ args: [String]) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    func capture(_ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Read from a file's bytes (the path `import` takes), an AIF file gives the map and notes
    /// its text gives, handing back every byte once, in order; where the text way has a message
    /// to give (a syntax error, a bad node, bytes that are not UTF-8, a NUL, a byte-order
    /// mark) the bytes way steps aside for it.
    @Test func readFromBytesAsFromText() throws {
        var map = MapGenerator.generate(.init(claims: 40_000, shape: .dag, seed: 4))
        try map.apply(.link(RelationSpec(from: map.claims[20].id, to: map.claims[1].id, type: .undercut, weight: 1)))
        let files = [AIFFormat.write(map), try Fixtures.text("aif/ova-linked-undercut.json"), try Fixtures.text("aif/arguebuf-6064-original.json")]
        for file in files {
            let text = try AIFFormat.read(file)
            var released: [Range<Int>] = []
            let bytes = Array(file.utf8)
            let fromBytes = try #require(bytes.withUnsafeBufferPointer { AIFFormat.read(bytes: $0, release: { released.append($0) }) })
            #expect(fromBytes.map.claims == text.map.claims && fromBytes.map.relations == text.map.relations && fromBytes.map.title == text.map.title)
            #expect(fromBytes.notes == text.notes)
            // The checks' pass first (all of it), then the parse's, in order and to the end.
            #expect(released.first == 0..<bytes.count)
            let parse = released.dropFirst()
            #expect(zip(parse, parse.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
            #expect(parse.first?.lowerBound == 0 && parse.last?.upperBound == bytes.count)
            if bytes.count > 2 * FastReading.releaseStep { #expect(parse.count > 2, "a large file is handed back as it is read, not at the end") }
        }
        for bad in [#"{"nodes": [1,], "edges": []}"#, #"{"nodes": [{"type": "I"}], "edges": []}"#, "\u{FEFF}{\"nodes\": [], \"edges\": []}",
                    #"{"nodes": [{"nodeID": 1, "type": "I", "text": "a\#u{0}"}], "edges": []}"#] {
            #expect(Array(bad.utf8).withUnsafeBufferPointer { AIFFormat.read(bytes: $0, release: { _ in }) } == nil, "\(bad.debugDescription)")
        }
        let notUTF8: [UInt8] = Array(#"{"nodes": [{"nodeID": 1, "type": "I", "text": "a"#.utf8) + [0xFF] + Array(#""}], "edges": []}"#.utf8)
        #expect(notUTF8.withUnsafeBufferPointer { AIFFormat.read(bytes: $0, release: { _ in }) } == nil)
    }
}

struct ArgdownJSONTests {
    @Test func statementsArgumentsAndEveryRelationType() throws {
        let result = try ArgdownJSONFormat.read(try Fixtures.text("argdown-json/small.json"))
        let map = result.map
        #expect(map.count == 4)
        #expect(map.claim("Thesis")?.text == "Ports matter.")
        #expect(map.claim("Thesis")?.base == 0.6)
        #expect(map.claim("Thesis")?.tags == ["main"])
        #expect(map.claim("Evidence")?.text == "Trade volumes rose.", "the last member's text")
        #expect(map.claim("Reason")?.kind == .argument)
        #expect(Set(map.relationSpecs) == [
            RelationSpec(from: "Reason", to: "Thesis", type: .support), RelationSpec(from: "Evidence", to: "Reason", type: .support),
            RelationSpec(from: "Doubt", to: "Reason", type: .undercut), RelationSpec(from: "Doubt", to: "Evidence", type: .attack),
            RelationSpec(from: "Evidence", to: "Doubt", type: .attack),
        ])
        #expect(FormatRegistry.detect(path: "x.json", text: try Fixtures.text("argdown-json/small.json"))?.name == "argdown-json")
        #expect(FormatRegistry.detect(path: "x.json", text: try Fixtures.text("aif/ova-linked-undercut.json"))?.name == "aif")
    }
}
