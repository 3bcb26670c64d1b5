import Foundation
import Testing
@testable import ArgMapFormats
import ArgMapModel

/// Files nobody checked: every reader meets each of them with a map or a clear, located
/// refusal, in bounded time and memory, and never crashes. Inputs the fuzzers found
/// (Fixtures/hostile/found/READER/) are replayed with the checks the fuzzers make.
@Suite struct HostileInputTests {
    /// The readers, by the name the fuzz targets use.
    static func withoutSections(_ map: ArgumentMap) -> ArgumentMap {
        var claims = map.claims
        for i in claims.indices { claims[i].section = nil }
        return (try? ArgumentMap(title: map.title, frontmatter: map.frontmatter, claims: claims, relations: map.relations)) ?? map
    }

    static let names = ["argdown", "json", "kialo", "aif", "argdown-json"]

    static func read(_ text: String, with reader: String) throws(LoadFailure) -> ArgumentMap {
        switch reader {
        case "argdown": return try ArgdownFormat.read(text).map
        case "json": return try ArgmapJSON.read(text)
        case "kialo": return try KialoFormat.read(text).map
        case "aif": return try AIFFormat.read(text).map
        default: return try ArgdownJSONFormat.read(text).map
        }
    }

    /// What the reader gave: a valid map that saves and reads back, or a refusal with
    /// messages whose lines lie inside the text.
    enum Outcome: Equatable { case map(Int), refused(String) }

    static func meet(_ text: String, with reader: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Outcome {
        do {
            let map = try read(text, with: reader)
            #expect(map.invariantViolations().isEmpty, "\(reader) built an invalid map", sourceLocation: sourceLocation)
            let control = map.claims.first { $0.forbiddenControl != nil }
            #expect(control == nil, "\(reader) accepted a control character", sourceLocation: sourceLocation)
            let saved = ArgdownFormat.write(map)
            do {
                let again = try ArgdownFormat.read(saved).map
                // Known limit (docs/FORMAT.md): a claim's heading is the one above the block
                // where the canonical walk defines it, so a heading on a claim defined elsewhere
                // can move. Everything else must come back.
                #expect(difference(withoutSections(map), withoutSections(again)) == nil, "\(reader): the map changes through its argument file", sourceLocation: sourceLocation)
                #expect(ArgdownFormat.write(again) == saved, "\(reader): the argument file is not stable", sourceLocation: sourceLocation)
            } catch {
                Issue.record("\(reader): a map it read does not read back: \(error)", sourceLocation: sourceLocation)
            }
            return .map(map.count)
        } catch {
            #expect(!error.diagnostics.isEmpty, "\(reader) refused with no message", sourceLocation: sourceLocation)
            var lines = 1
            var previous: UInt8 = 0
            for b in text.utf8 {
                if b == 0x0A && previous != 0x0D || b == 0x0D { lines += 1 }
                previous = b
            }
            for d in error.diagnostics {
                #expect(!d.message.isEmpty, sourceLocation: sourceLocation)
                if let at = d.location {
                    #expect(at.line >= 1 && at.line <= lines + 1, "\(reader): error at line \(at.line) of \(lines)", sourceLocation: sourceLocation)
                }
            }
            let rendered = error.description
            let printsControl = rendered.unicodeScalars.contains { $0.isForbiddenControl }
            #expect(!printsControl,
                    "\(reader): the message would print a control character", sourceLocation: sourceLocation)
            return .refused(rendered)
        }
    }

    // MARK: Hostile files, one kind at a time, for every reader

    @Test(arguments: names) func nulBytesAndControlCharacters(reader: String) {
        for text in ["[a]: one\u{0}two\n", "\u{0}\u{0}\u{0}", "[a]: bell\u{7} and escape \u{1B}[31mred\n",
                     "{\"argmap\": 1, \"claims\": [{\"id\": \"a\", \"text\": \"esc \\u001b[2J\"}]}",
                     "Discussion Title: T\n\n1. Thesis\u{1B}[2J\n"] {
            _ = Self.meet(text, with: reader)
        }
        for (text, reader) in [("Discussion Title: T\n\n1. Thesis\u{1B}[2J\n", "kialo"),
                               ("{\"argmap\": 1, \"claims\": [{\"id\": \"a\", \"text\": \"esc \\u001b[2J\"}]}", "json")] {
            #expect(Self.meet(text, with: reader) != .map(1), "\(reader) accepted an escape sequence")
        }
        #expect(Self.meet("[a]: one\u{0}two\n", with: "argdown") == .refused("""
            1:9: error: control character U+0000 in the text
            [a]: one\u{FFFD}two
                    ^
            hint: delete it: argument files hold plain text (a line break pasted from a word processor is often one)
            """))
    }

    @Test(arguments: names) func invalidUTF8IsReadAsReplacementCharacters(reader: String) {
        // Readers take text; the REPL refuses invalid UTF-8 before them (EndToEnd tests).
        // Repaired text must still meet the reader safely.
        let bytes: [UInt8] = Array("[a]: caf".utf8) + [0xC3, 0x28, 0xFF, 0xFE] + Array(" ok\n".utf8)
        _ = Self.meet(String(decoding: bytes, as: UTF8.self), with: reader)
    }

    @Test(arguments: names) func aTenMegabyteLine(reader: String) {
        let long = String(repeating: "Sanctions bite harder than expected ", count: 280_000)
        let text: String
        switch reader {
        case "argdown": text = "[a]: " + long + "\n"
        case "json": text = "{\"argmap\": 1, \"claims\": [{\"id\": \"a\", \"text\": \"" + long + "\"}]}"
        case "kialo": text = "Discussion Title: " + long + "\n\n1. Thesis\n"
        case "aif": text = "{\"nodes\": [{\"nodeID\": \"1\", \"type\": \"I\", \"text\": \"" + long + "\"}], \"edges\": []}"
        default: text = "{\"statements\": {\"a\": {\"title\": \"a\", \"members\": [{\"text\": \"" + long + "\"}]}}}"
        }
        #expect(Self.meet(text, with: reader) == .map(1))
        _ = Self.meet(String(repeating: "x", count: 10_000_000), with: reader)
    }

    @Test(arguments: names) func indentationAMillionLevelsDeep(reader: String) {
        // One line per level, each indented two spaces more (a chain two thousand deep, four
        // megabytes of indentation), then one line indented a million levels.
        var lines: [String] = ["[c0]: root"]
        for depth in 1...2_000 {
            lines.append(String(repeating: "  ", count: depth) + "+ [c\(depth)]: level \(depth)")
        }
        let outcome = Self.meet(lines.joined(separator: "\n"), with: reader)
        if reader == "argdown" { #expect(outcome == .map(2_001)) }
        _ = Self.meet("[a]: root\n" + String(repeating: "  ", count: 1_000_000) + "+ [b]: deep\n", with: reader)
    }

    @Test(arguments: names) func selfReferenceAndDuplicates(reader: String) {
        let texts = [
            "[a]: a claim\n  + [a]\n",
            "[a]: one\n[a]: two\n",
            "<a>: one\n[a]: two\n",
            "{\"argmap\": 1, \"claims\": [{\"id\": \"a\"}, {\"id\": \"a\"}]}",
            "{\"argmap\": 1, \"claims\": [{\"id\": \"a\"}], \"relations\": [{\"from\": \"a\", \"to\": \"a\", \"type\": \"attack\"}, {\"from\": \"a\", \"to\": \"a\", \"type\": \"attack\"}]}",
            "{\"nodes\": [{\"nodeID\": \"1\", \"type\": \"I\", \"text\": \"x\"}, {\"nodeID\": \"1\", \"type\": \"I\", \"text\": \"y\"}], \"edges\": [{\"fromID\": \"1\", \"toID\": \"1\"}]}",
            "{\"statements\": {\"a\": {\"title\": \"a\"}}, \"arguments\": {\"a\": {\"title\": \"a\"}}, \"relations\": [{\"from\": \"a\", \"to\": \"a\", \"relationType\": \"support\"}]}",
            "Discussion Title: T\n\n1. Thesis\n1.1. Pro: -> See 1.1.\n1.1. Con: again\n",
        ]
        for text in texts { _ = Self.meet(text, with: reader) }
    }

    @Test(arguments: names) func numbersOutOfRangeNaNAndHuge(reader: String) {
        let texts = [
            "[a]: x {base: NaN}\n", "[a]: x {base: 1e999}\n", "[a]: x {base: -0.1}\n", "[a]: x\n  + [b]: y {weight: 2}\n",
            "{\"argmap\": 1, \"claims\": [{\"id\": \"a\", \"base\": 1e999999999}]}",
            "{\"argmap\": 1, \"claims\": [{\"id\": \"a\", \"base\": 1.0000001}]}",
            "{\"argmap\": 1, \"claims\": [{\"id\": \"a\", \"base\": " + String(repeating: "9", count: 100_000) + "}]}",
            "{\"argmap\": 1e999, \"claims\": []}",
            "{\"statements\": {\"a\": {\"title\": \"a\", \"data\": {\"base\": NaN}}}}",
        ]
        for text in texts { _ = Self.meet(text, with: reader) }
        for text in texts[..<4] { #expect(Self.meet(text, with: "argdown") != .map(1), "accepted \(text)") }
        for text in texts[4..<8] { #expect(Self.meet(text, with: "json") != .map(1), "accepted \(text.prefix(60))") }
        #expect(Self.meet(texts[8], with: "argdown-json") != .map(1))
    }

    @Test(arguments: names) func truncatedFiles(reader: String) throws {
        let samples = [
            try String(contentsOf: Fixtures.repository.appendingPathComponent("Arguments/pivot-to-asia.argdown"), encoding: .utf8),
            ArgmapJSON.write(try ArgdownFormat.read(try String(contentsOf: Fixtures.repository.appendingPathComponent("Arguments/bike-lanes-debate.argdown"), encoding: .utf8)).map),
            try Fixtures.text("kialo/older.txt"), try Fixtures.text("kialo/newer.txt"),
            try Fixtures.text("aif/ova-linked-undercut.json"), try Fixtures.text("argdown-json/small.json"),
        ]
        for sample in samples {
            let utf8 = Array(sample.utf8)
            for cut in stride(from: 0, to: utf8.count, by: max(1, utf8.count / 40)) {
                _ = Self.meet(String(decoding: utf8[..<cut], as: UTF8.self), with: reader)
            }
        }
    }

    @Test(arguments: names) func referenceBlowUp(reader: String) {
        // Billion laughs through references: each level refers to the one below ten times.
        // Readers do not expand references (a repeated relation is one relation), so the map
        // stays at thirty-one claims.
        var lines = ["[l0]: bottom"]
        for level in 1...30 {
            lines.append("[l\(level)]: level \(level)")
            for _ in 0..<10 { lines.append("  + [l\(level - 1)]") }
        }
        let outcome = Self.meet(lines.joined(separator: "\n"), with: reader)
        if reader == "argdown" { #expect(outcome == .map(31)) }
        // The same in JSON: ten thousand relations between two claims.
        let relations = (0..<10_000).map { _ in "{\"from\": \"a\", \"to\": \"b\", \"type\": \"support\"}" }.joined(separator: ",")
        _ = Self.meet("{\"argmap\": 1, \"claims\": [{\"id\": \"a\"}, {\"id\": \"b\"}], \"relations\": [\(relations)]}", with: reader)
    }

    @Test(arguments: names) func deeplyNestedJSON(reader: String) {
        for depth in [1_000, 100_000] {
            _ = Self.meet(String(repeating: "[", count: depth) + String(repeating: "]", count: depth), with: reader)
            _ = Self.meet("{\"argmap\": 1, \"claims\": [{\"id\": \"a\", \"data\": {\"x\": " + String(repeating: "{\"y\": ", count: depth) + "1" + String(repeating: "}", count: depth) + "}}]}", with: reader)
            _ = Self.meet(String(repeating: "[", count: depth), with: reader)
        }
    }

    @Test(arguments: names) func binaryGarbage(reader: String) {
        var rng = SplitMix64(seed: 7)
        for length in [1, 7, 100, 4096, 1 << 18] {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            _ = Self.meet(String(decoding: bytes, as: UTF8.self), with: reader)
        }
    }

    // MARK: What the fuzzers found

    static var found: [String] {
        let root = Fixtures.directory.appendingPathComponent("hostile/found")
        let readers = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return readers.sorted().flatMap { r in
            ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(r).path)) ?? []).sorted().map { "\(r)/\($0)" }
        }
    }

    @Test func everyReaderHasFoundInputs() {
        #expect(Set(Self.found.map { String($0.split(separator: "/")[0]) }).isSubset(of: Set(Self.names)))
        #expect(Self.found.count >= 4)
    }

    @Test(arguments: found) func fuzzerFinding(path: String) throws {
        let reader = String(path.split(separator: "/")[0])
        let data = try Data(contentsOf: Fixtures.directory.appendingPathComponent("hostile/found/\(path)"))
        let text = String(decoding: data, as: UTF8.self)
        if case .map(let n) = Self.meet(text, with: reader), n > 0, reader == "argdown" || reader == "json" {
            let map = try ArgdownFormat.read(ArgdownFormat.write(Self.read(text, with: reader))).map
            #expect(try ArgmapJSON.read(ArgmapJSON.write(map)) == map, "\(path): the map changes through JSON")
        }
    }
}
