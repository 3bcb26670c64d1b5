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

/// A line editor that says it is a terminal's (so that Ctrl-C is asked about), reading nothing.
private final class InteractiveEditor: LineEditor {
    var isInteractive: Bool { true }
    func readLine(prompt: String, initialText: String?) -> LineInput { .endOfInput }
    func remember(_ line: String) {}
    func confirm(_ question: String) -> Bool { true }
    var inputEnded: Bool { false }
    func close() {}
}
