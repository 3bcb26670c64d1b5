#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgMapModel

/// Runs commands: from a terminal with prompts, or from a script, `-c` or a pipe without them.
public final class REPL {
    public let session: Session
    public let console: Console
    public let editor: LineEditor
    public let table: CommandTable
    /// Stop at the first failing command.
    public var bail: Bool
    /// Where commands come from, for error messages (`script.txt`, `<stdin>`, `-c`); nil on a terminal.
    public var sourceName: String?
    public private(set) var failures = 0

    public init(session: Session, console: Console, editor: LineEditor, table: CommandTable = .standard, bail: Bool = false, sourceName: String? = nil) {
        self.session = session
        self.console = console
        self.editor = editor
        self.table = table
        self.bail = bail
        self.sourceName = sourceName
        // In a terminal, Ctrl-C stops a command's long output (``Console/write(_:)``).
        if editor.isInteractive { console.interruptRequested = { editor.interruptRequested } }
    }

    /// Runs one line. Returns false when the command failed.
    @discardableResult
    public func execute(_ line: String, lineNumber: Int? = nil) -> Bool {
        let trimmed = line.trimmingCharacters(in: " \t")
        if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix("--") { return true }
        let start = monotonicSeconds()
        defer {
            if session.settings.timer {
                let elapsed = monotonicSeconds() - start
                console.error("time: " + String(format6(elapsed)) + " s")
            }
        }
        let words: [Word]
        do { words = try Tokenizer.split(line) } catch {
            report(CommandError(error.message, at: Word(text: "", column: error.column, length: 1), hint: "close the quote, or escape it with \\"), line: line, lineNumber: lineNumber)
            return false
        }
        guard let first = words.first else { return true }
        let command: Command
        switch table.lookup(first.text) {
        case .found(let c): command = c
        case .ambiguous(let names):
            report(CommandError("'\(first.text)' could be \(names.joined(separator: ", "))", at: first, hint: "type more of the command"), line: line, lineNumber: lineNumber)
            return false
        case .unknown(let suggestion):
            report(CommandError("unknown command '\(first.text)'", at: first,
                                hint: suggestion.map { "did you mean '\($0)'? (help lists the commands)" } ?? "help lists the commands"),
                   line: line, lineNumber: lineNumber)
            return false
        }
        let invocation = Invocation(session: session, console: console, editor: editor, command: command, commandWord: first,
                                    words: Array(words.dropFirst()), line: line, table: table)
        let logBefore = session.log.count
        session.journalLine = nil
        console.beginCommand()
        defer {
            // On a line of its own: in a terminal the output may have been cut within a line,
            // and the terminal shows ^C where it was cut.
            if console.stopped { console.error((editor.isInteractive ? "\n" : "") + "(interrupted: the rest of \(command.name)'s output was not printed)") }
        }
        do {
            try command.run(invocation)
            console.flush()
            // A command that changed the map goes into the crash journal before the next one.
            if session.log.count != logBefore { session.journal(session.journalLine ?? line) }
            return true
        } catch {
            report(error, line: line, lineNumber: lineNumber)
            return false
        }
    }

    /// Prints an error: where (script and line), the message, the line with a caret under the
    /// word, and the hint.
    func report(_ error: CommandError, line: String, lineNumber: Int?) {
        failures += 1
        var head = ""
        if let sourceName { head = lineNumber.map { "\(sourceName):\($0): " } ?? "\(sourceName): " }
        var text = head + console.styled("error:", .red) + " " + error.message
        if let word = error.word, !line.isEmpty, line.count < 500, !error.message.contains("\n") {
            text += "\n  " + line + "\n  " + String(repeating: " ", count: word.column) + "^" + String(repeating: "~", count: max(0, min(word.length, 60) - 1))
        }
        if let hint = error.hint { text += "\nhint: " + hint }
        console.error(text)
    }

    /// Reads and runs lines until the input ends or quit. Returns the exit status: 0 when
    /// every command succeeded, 1 otherwise.
    public func run() -> Int32 {
        var lineNumber = 0
        while !session.quitRequested {
            if editor.isInteractive { session.workAhead(lineWaiting: editor.inputWaiting) }
            let input = editor.readLine(prompt: prompt(), initialText: nil)
            switch input {
            case .interrupted:
                continue
            case .endOfInput:
                if editor.isInteractive, session.isDirty {
                    console.write("\n")
                    if !editor.confirm("\(session.name) has unsaved changes. Quit without saving?") {
                        guard editor.inputEnded else { continue }
                        // No one is left to answer (the terminal is gone, or Ctrl-D again):
                        // leave, and keep the journal so that the next start offers the edits.
                        console.error("\nargmap: input ended with unsaved changes; they are kept in the crash journal and offered the next time \(session.file.map { $0 + " is opened" } ?? "argmap starts without a file")")
                        editor.close()
                        return 1
                    }
                } else if editor.isInteractive {
                    console.write("\n")
                }
                editor.close()
                session.discardJournal()
                return failures == 0 ? 0 : 1
            case .line(let line):
                lineNumber += 1
                if editor.isInteractive, let first = line.first, first != " ", !line.trimmingCharacters(in: " \t").isEmpty {
                    editor.remember(line)
                }
                let ok = execute(line, lineNumber: sourceName == nil ? nil : lineNumber)
                if !ok && bail { editor.close(); return 1 }
            }
        }
        editor.close()
        if session.quitRequested { session.discardJournal() }
        return failures == 0 ? 0 : 1
    }

    /// The prompt: the map's name, the focus, its score when scoring is on, and * for unsaved
    /// changes.
    public func prompt() -> String {
        guard editor.isInteractive else { return "" }
        var p = session.name
        if let f = session.focus {
            p += "/" + session.map.claims[f].id
            // Scores still following the last edit are not waited for.
            if session.scoresFollowing { p += " score …" } else if let score = session.scoreText(f) { p += " " + score }
        }
        if session.isDirty { p += "*" }
        return p + "> "
    }
}

func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Seconds with six decimals.
func format6(_ d: Double) -> String {
    let micro = Int((d * 1_000_000).rounded())
    let frac = String(micro % 1_000_000)
    return "\(micro / 1_000_000)." + String(repeating: "0", count: 6 - frac.count) + frac
}
