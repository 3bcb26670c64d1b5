#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgMapModel
import ArgMapFormats

/// Starts argmap as the command line asked: opens the file, then runs `-c` commands, a script,
/// a pipe, or an interactive session, and ends the process with the exit status.
public struct Launcher {
    public var file: String?
    public var commands: [String]
    public var script: String?
    public var bail: Bool
    public var noRC: Bool
    /// Replay the crash journal of FILE without asking (for scripts).
    public var recover: Bool

    public init(file: String?, commands: [String], script: String?, bail: Bool, noRC: Bool, recover: Bool = false) {
        self.file = file
        self.commands = commands
        self.script = script
        self.bail = bail
        self.noRC = noRC
        self.recover = recover
    }

    /// Offers the unsaved edits that a crashed or killed session left in its journal: on a
    /// terminal it shows them and asks; in a script it applies them with --recover and
    /// otherwise says how. A journal of a session that is still running is a second session
    /// on the same file: that gets a warning. Started without a file, argmap offers the edits
    /// of maps that never had one.
    func offerRecovery(_ repl: REPL, interactive: Bool) {
        let file = repl.session.file
        let console = repl.console
        let what = file ?? "an untitled map"
        let command = "argmap --recover" + (file.map { " " + $0 } ?? "")
        for leftover in Journal.leftovers(for: file) {
            if leftover.isLive {
                // Other sessions without a file are not editing anything of this one's.
                if let file { console.error("warning: another argmap session (process \(leftover.pid)) is editing \(file); saving from both loses one side's edits") }
                continue
            }
            guard !leftover.commands.isEmpty else { unlink(leftover.path); continue }
            let n = leftover.commands.count
            var apply = recover
            if interactive && !recover {
                console.print("\(file == nil ? "An untitled map" : what) has \(n) unsaved edit\(n == 1 ? "" : "s") from a session that ended without saving:")
                for c in leftover.commands.prefix(20) { console.print("  " + c) }
                if n > 20 { console.print("  … and \(n - 20) more") }
                apply = repl.editor.confirm("Recover \(n == 1 ? "it" : "them")?")
                if !apply { console.print("(kept in \(leftover.path); \(command) applies them later)") }
            } else if !recover {
                console.error("warning: \(what) has \(n) unsaved edit\(n == 1 ? "" : "s") from a session that ended without saving; run \(command) to apply them")
            }
            guard apply else { continue }
            var ok = 0
            for c in leftover.commands where repl.execute(c) { ok += 1 }
            unlink(leftover.path)
            console.error("recovered \(ok) of \(n) edit\(n == 1 ? "" : "s") from \(leftover.path) (not saved yet)")
        }
    }

    /// Runs, then ends the process with the exit status while the session, and its map, are
    /// still held: freeing a map of a million claims object by object takes about 0.1 s, which
    /// the system does at once as the process ends. The line editor, and with it the terminal's
    /// settings, is put back first, as `run(in:)` returns.
    public func runAndExit() -> Never {
        let session = Session()
        let status = run(in: session)
        withExtendedLifetime(session) { exit(status) }
    }

    func run(in session: Session) -> Int32 {
        let interactive = commands.isEmpty && script == nil && isatty(0) == 1 && isatty(1) == 1
        let console = Console(colour: Console.colourWanted(isTerminal: interactive), width: interactive ? Launcher.terminalWidth() : 80)
        if let file {
            if FileIO.exists(file), let fast = FileIO.withMappedBytes(file, { FormatRegistry.readFast(path: file, bytes: $0, release: $1) }), let fast {
                // A file in argmap's own layout, read from its bytes as the system maps them.
                session.load(fast.result.map, file: file, format: fast.format)
            } else if FileIO.exists(file) {
                do {
                    let text = try FileIO.readText(file)
                    guard let format = FormatRegistry.detect(path: file, text: text) ?? FormatRegistry.named("argdown"), let read = format.read else {
                        console.error("argmap: cannot tell the format of \(file)")
                        return 1
                    }
                    let result = try read(text, file)
                    for note in result.notes { console.error(note) }
                    session.load(result.map, file: file, format: format.write != nil ? format : FormatRegistry.named("argdown"))
                } catch let error as LoadFailure {
                    console.error(error.description)
                    return 1
                } catch {
                    console.error("argmap: \(error)")
                    return 1
                }
            } else {
                session.load(ArgumentMap(), file: file, format: FormatRegistry.byExtension(file) ?? FormatRegistry.named("argdown"))
                if interactive { console.print("\(file): a new file (save creates it)") }
            }
        }
        session.journaling = true
        if !commands.isEmpty {
            let repl = REPL(session: session, console: console, editor: PlainLineEditor(lines: commands), bail: true, sourceName: "-c")
            offerRecovery(repl, interactive: false)
            defer { session.discardJournal() }
            for (i, command) in commands.enumerated() where !repl.execute(command, lineNumber: commands.count > 1 ? i + 1 : nil) {
                return 1
            }
            return repl.session.quitRequested || repl.failures == 0 ? 0 : 1
        }
        if let script {
            let text: String
            do { text = try FileIO.readText(script) } catch {
                console.error("argmap: \(error)")
                return 1
            }
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
            if lines.last == "" { lines.removeLast() }
            let repl = REPL(session: session, console: console, editor: PlainLineEditor(lines: lines), bail: bail, sourceName: script)
            offerRecovery(repl, interactive: false)
            return repl.run()
        }
        if !interactive {
            let repl = REPL(session: session, console: console, editor: PlainLineEditor(), bail: bail, sourceName: "<stdin>")
            offerRecovery(repl, interactive: false)
            return repl.run()
        }
        let editor = LibEditLineEditor(historyPath: LibEditLineEditor.defaultHistoryPath())
        let table = CommandTable.standard
        let completer = Completer(session: session, table: table)
        editor.complete = { completer.candidates(for: $0) }
        editor.width = { Launcher.terminalWidth() }
        let repl = REPL(session: session, console: console, editor: editor, table: table)
        if !noRC, let rc = LibEditLineEditor.defaultRCPath(), FileIO.exists(rc), let text = try? FileIO.readText(rc) {
            for line in text.split(separator: "\n") { repl.execute(String(line)) }
        }
        console.print("argmap 0.1.0: \(session.file.map { "\($0), " } ?? "")\(session.map.count) claims. Type help, or press Tab.")
        offerRecovery(repl, interactive: true)
        // From here on, a map opened has its scores worked out while the user reads and types.
        session.warmsUp = true
        session.warmUp()
        return repl.run()
    }

    static func terminalWidth() -> Int {
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 40 { return min(Int(size.ws_col), 120) }
        return 80
    }
}
