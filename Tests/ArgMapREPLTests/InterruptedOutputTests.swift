import Testing
import ArgMapModel
@testable import ArgMapREPL

/// Ctrl-C stops a command's long output: the console writes it in pieces of whole lines and
/// asks before each whether to stop; `tree` hands its lines out as it makes them and stops
/// making them there. The session goes on, and the next command's output is written.
struct InterruptedOutputTests {
    /// Lines of `count` numbered lines, some with letters past ASCII.
    static func lines(_ count: Int) -> String {
        (0..<count).map { "line \($0) — восток café \(String(repeating: "x", count: $0 % 50))\n" }.joined()
    }

    @Test func longOutputStopsBetweenPiecesOfWholeLines() {
        let console = Console(sink: .buffer)
        var asked = 0
        console.interruptRequested = { asked += 1; return asked > 3 }
        let text = Self.lines(40_000)
        try? #require(text.utf8.count > 10 * Console.piece)
        console.write(text)
        #expect(console.stopped)
        #expect(asked == 4, "asked before each piece, until told to stop")
        // Three pieces, each ending at the end of a line: a prefix of the text, of whole lines.
        let written = console.output
        #expect(written.utf8.count >= 3 * Console.piece && written.utf8.count < 3 * Console.piece + 200)
        #expect(text.hasPrefix(written) && written.hasSuffix("\n"))
        console.print("more")
        #expect(console.output == written, "nothing more of the command is written")
        console.beginCommand()
        console.print("the next command")
        #expect(!console.stopped && console.output == written + "the next command\n")
        // Short output is written as it is, without asking.
        asked = 0
        console.write(Self.lines(10))
        #expect(asked == 0 && console.output.hasSuffix(Self.lines(10)))
    }

    @Test func treeStopsBeingMadeWhereItsOutputStops() throws {
        let session = Session(map: MapGenerator.generate(.init(claims: 20_000, seed: 5)))
        let console = Console(sink: .buffer, colour: false, width: 80)
        let whole = Commands.renderTree(session, from: nil, depth: .max, all: true, console: console)
        try #require(whole.utf8.count > 20 * Console.piece)
        // Handed out in pieces as made; stopped after the third.
        var pieces: [String] = []
        let rest = Commands.renderTree(session, from: nil, depth: .max, all: true, console: console) { piece in
            pieces.append(piece)
            return pieces.count < 3
        }
        #expect(pieces.count == 3 && rest.isEmpty, "no more made once told to stop")
        #expect(pieces.allSatisfy { $0.utf8.count >= Console.piece && $0.hasSuffix("\n") })
        #expect(whole.hasPrefix(pieces.joined()))
        // Not stopped: the pieces and the rest are the whole tree.
        var all = ""
        let end = Commands.renderTree(session, from: nil, depth: .max, all: true, console: console) { all += $0; return true }
        #expect(all + end == whole)

        // In a session: `tree --all` stops, says so, and the session goes on.
        var asked = 0
        let repl = REPL(session: session, console: console, editor: InteractiveEditor(), sourceName: nil)
        console.interruptRequested = { asked += 1; return asked > 2 }
        #expect(repl.execute("tree --all"))
        #expect(console.output.utf8.count < 3 * Console.piece && whole.hasPrefix(console.output), "two pieces of the tree")
        #expect(console.errors == "\n(interrupted: the rest of tree's output was not printed)\n", "on a line of its own")
        _ = console.takeTranscript()
        console.interruptRequested = { false }
        #expect(repl.execute("show c0") && console.output.contains("c0"))
        #expect(console.errors.isEmpty)
    }
}

extension InterruptedOutputTests {
    @Test func lsListsEveryOneAndStopsWhereItsOutputStops() throws {
        // A thesis with 4,999 claims under it: every one listed, numbered as cd takes them.
        let session = Session(map: MapGenerator.generate(.init(claims: 5_000, seed: 5, maxDepth: 1)))
        let console = Console(sink: .buffer, colour: false, width: 80)
        let repl = REPL(session: session, console: console, editor: InteractiveEditor(), sourceName: nil)
        #expect(repl.execute("ls c0"))
        let whole = console.takeTranscript()
        try #require(whole.utf8.count > 8 * Console.piece)
        let numbered = whole.split(separator: "\n").compactMap { line -> Int? in
            let head = line.drop { $0 == " " }.prefix { $0 != "." }
            return line.hasPrefix("  ") && !head.isEmpty && head.allSatisfy(\.isNumber) ? Int(head) : nil
        }
        #expect(numbered == Array(1...4_999), "each claim once, in order")
        let map = session.map
        for n in [1, 2_500, 4_999] {
            let id = map.claims[map.relations[map.incoming[0][n - 1]].from].id
            // Its line: the number, the relation's mark, and the claim's id.
            let line = try #require(whole.split(separator: "\n").first { $0.hasPrefix("  " + String(repeating: " ", count: 4 - String(n).count) + "\(n). ") })
            #expect(line.contains(" [\(id)] ") || line.contains(" <\(id)> "), "\(line)")
        }
        // Stopped after two pieces: a prefix of the list, and the session goes on.
        var asked = 0
        console.interruptRequested = { asked += 1; return asked > 2 }
        #expect(repl.execute("ls c0"))
        #expect(console.output.utf8.count < 3 * Console.piece && whole.hasPrefix(console.output), "two pieces of the list")
        #expect(console.errors == "\n(interrupted: the rest of ls's output was not printed)\n")
        _ = console.takeTranscript()
        console.interruptRequested = { false }
        #expect(repl.execute("ls c0") && console.takeTranscript() == whole)
    }
}

/// A line editor that says it is a terminal's (so that Ctrl-C is asked about), reading nothing.
private final class InteractiveEditor: LineEditor {
    var isInteractive: Bool { true }
    func readLine(prompt: String, initialText: String?) -> LineInput { .endOfInput }
    func remember(_ line: String) {}
    func confirm(_ question: String) -> Bool { true }
    var inputEnded: Bool { false }
    func close() {}
}
