import Foundation
import Testing
import ArgMapSemantics
@testable import ArgMapREPL
import ArgMapModel
import ArgMapFormats

struct CommandTableTests {
    @Test func namesAndAliasesAreUniqueAndEachFindsItsCommand() {
        let table = CommandTable.standard
        let names = table.allNames
        #expect(Set(names).count == names.count, "duplicate names: \(names.filter { n in names.filter { $0 == n }.count > 1 })")
        for command in table.commands {
            for name in [command.name] + command.aliases {
                guard case .found(let found) = table.lookup(name) else { Issue.record("\(name) does not find a command"); continue }
                #expect(found.name == command.name, "\(name) finds \(found.name)")
            }
            #expect(!command.summary.isEmpty && command.usage.hasPrefix(command.name), "\(command.name) has a usage and a summary")
            #expect(Commands.helpText(for: command).contains("usage: \(command.usage)"))
        }
    }

    @Test func prefixesAndTypos() {
        let table = CommandTable.standard
        if case .found(let c) = table.lookup("tre") { #expect(c.name == "tree") } else { Issue.record("tre") }
        if case .ambiguous(let names) = table.lookup("s") { #expect(names.contains("save") && names.contains("show")) } else { Issue.record("s") }
        if case .unknown(let s) = table.lookup("lss") { #expect(s == "ls") } else { Issue.record("lss") }
        #expect(CommandTable.editDistance("kitten", "sitting") == 3)
    }

    @Test func tokenizerKeepsColumnsAndQuotes() throws {
        let words = try Tokenizer.split(#"add pro  "two words" Russia's \"x\" 'single q'"#)
        #expect(words.map(\.text) == ["add", "pro", "two words", "Russia's", "\"x\"", "single q"])
        #expect(words.map(\.column) == [0, 4, 9, 21, 30, 36])
        #expect(words[2].quoted && !words[3].quoted)
        #expect(throws: Tokenizer.Failure(message: "the quote opened here is never closed", column: 3)) { try Tokenizer.split("cd \"open") }
        #expect(try Tokenizer.split("find Магадан порт").map(\.column) == [0, 5, 13])
    }

    @Test func addressing() throws {
        let map = try ArgdownFormat.read("[T]: t\n  + [alpha]: a\n    - [gamma]: g\n  - [beta]: b\n\n[U]: u").map
        let s = Session(map: map)
        func resolve(_ text: String) throws -> String? {
            try s.resolve(Word(text: text, column: 0, length: text.count)).map { s.map.claims[$0].id }
        }
        #expect(try resolve("1.2") == "beta")
        #expect(try resolve("1.1.1") == "gamma")
        #expect(try resolve("/2") == "U")
        #expect(try resolve("2") == "U")
        #expect(try resolve("al") == "alpha")
        #expect(try resolve("/") == nil)
        s.setFocus(s.map.index(of: "gamma"))
        #expect(s.focusPath == ["T", "alpha", "gamma"])
        #expect(try resolve("..") == "alpha")
        #expect(try resolve("../..") == "T")
        #expect(try resolve("../../2") == "beta")
        #expect(throws: CommandError.self) { try resolve("1.9") }
        #expect(throws: CommandError.self) { try resolve("zeta") }
        #expect(s.position(of: s.map.index(of: "gamma")!) == "1.1.1")
    }

    /// `impact` tries the 500 claims nearest its target unless --all asks for every one, and
    /// says which it did.
    @Test func impactTriesTheNearestUnlessAll() throws {
        let map = MapGenerator.generate(.init(claims: 1_200, shape: .tree, seed: 3))
        let thesis = map.claims[try #require(map.roots.first)].id
        for (command, expected) in [("impact \(thesis)", "(the 500 nearest of the 1199 claims beneath were tried; --all tries every one)"),
                                    ("impact \(thesis) --all", nil)] {
            let console = Console(sink: .buffer)
            let repl = REPL(session: Session(map: map), console: console, editor: PlainLineEditor(lines: []), sourceName: "t")
            #expect(repl.execute(command), "\(console.errors)")
            if let expected { #expect(console.output.contains(expected), "\(console.output)") } else { #expect(!console.output.contains("nearest")) }
        }
    }

    /// `find` ignores case in any script, and looks in every field.
    @Test func findIgnoresCaseInAnyScript() {
        #expect(Matcher("vostok")("Dalniy VOSTOK port"))
        #expect(Matcher("восток")("Поворот на ВОСТОК"))
        #expect(Matcher("café")("CAFÉ society"))
        #expect(!Matcher("vostok")("Dalniy Vosto"))
        #expect(!Matcher("восток")("vostok"))
        #expect(Matcher("")("anything"))
        #expect(Matcher("ёж")("ЁЖ и Ѐ"))
        #expect(Matcher("σ")("ΣΊΣΥΦΟΣ"))  // Greek: through lowercased()
    }

    @Test func theByteFoldLowerCasesAsSwiftDoes() {
        // Every character the byte fold handles, in every case, against lowercased().
        var scalars: [Unicode.Scalar] = (0x20...0x7E).compactMap(Unicode.Scalar.init)
        scalars += (0xA0...0xFF).compactMap(Unicode.Scalar.init) + (0x400...0x45F).compactMap(Unicode.Scalar.init)
        scalars += (0x2000...0x203F).compactMap(Unicode.Scalar.init)
        var text = String(String.UnicodeScalarView(scalars))
        let folded = text.withUTF8 { Matcher.lowercasedBytes($0) }
        #expect(folded == Array(text.lowercased().utf8))
        // Anything else is left to lowercased().
        for other in ["\u{0130}", "e\u{0301}", "\u{03A3}", "\u{0460}", "\u{212A}"] {
            var t = other
            #expect(t.withUTF8 { Matcher.lowercasedBytes($0) } == nil, "\(other.unicodeScalars.map(\.value))")
        }
    }

    /// `whatif` on a base or weight goes through the live scores and back: its "after" is a full
    /// evaluation of the changed map, and the live scores are bitwise what they were.
    @Test func whatifLeavesTheLiveScoresAsTheyWere() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        let map = try ArgdownFormat.read(String(contentsOfFile: root + "/Arguments/pivot-to-asia.argdown", encoding: .utf8)).map
        let session = Session(map: map)
        let before = session.currentEvaluation().scores
        let thesis = try #require(map.roots.first)
        for c in map.claims.indices where c != thesis {
            let id = map.claims[c].id
            for edit in [Edit.setValue(id, .base(0.05))] + map.parents(of: c).map({ Edit.setWeight(from: id, to: map.claims[$0.claim].id, 0.2) }) {
                let tried = try #require(session.evaluation(trying: edit))
                var changed = map
                try changed.apply(edit)
                let full = Evaluator.evaluate(changed, session.semantics)
                for k in map.claims.indices { #expect(abs(tried.scores[k] - full.scores[k]) < 1e-12, "\(edit.summary): \(map.claims[k].id)") }
                #expect(session.currentEvaluation().scores == before, "\(edit.summary) left the live scores changed")
            }
        }
    }

    /// Every command, from its record, with no arguments, too many, wrong types, unknown ids,
    /// empty and very long strings and control characters: each answers (success or a located
    /// error) and the map's invariants still hold.
    @Test func sweepEveryCommandWithBadInput() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        let map = try ArgdownFormat.read(String(contentsOfFile: root + "/Arguments/pivot-to-asia.argdown", encoding: .utf8)).map
        let long = String(repeating: "x", count: 100_000)
        let inputs = ["", "1 2 3 4 5 6 7 8", "nosuch", "\"\"", "1.99.99", "--semantics nosuch", "--to", "-1", "NaN", "1e999", long,
                      "\u{1}\u{7f}\t\u{1b}[31m", "Магадан", "../../../..", "pro", "con nosuch", "base", "weight 2", "--json --json"]
        for command in CommandTable.standard.commands where !["quit", "open", "new", "save", "import", "export"].contains(command.name) {
            for input in inputs {
                let console = Console(sink: .buffer)
                let session = Session(map: map)
                let repl = REPL(session: session, console: console, editor: PlainLineEditor(lines: []), sourceName: "sweep")
                let ok = repl.execute(command.name + " " + input)
                let problems = session.map.invariantViolations()
                #expect(problems.isEmpty, "\(command.name) \(input.prefix(40)): \(problems)")
                if !ok { #expect(console.errors.contains("error:"), "\(command.name) \(input.prefix(40)) failed without an error message") }
            }
        }
    }
}
