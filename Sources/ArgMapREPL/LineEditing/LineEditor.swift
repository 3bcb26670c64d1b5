/// What reading a line produced.
public enum LineInput: Equatable, Sendable {
    case line(String)
    /// Ctrl-C: the line being typed is discarded.
    case interrupted
    /// Ctrl-D on an empty line, or the end of a script.
    case endOfInput
}

/// Where the REPL reads its lines: libedit on a terminal, plain reads for scripts and pipes.
public protocol LineEditor: AnyObject {
    /// Reads one line, showing the prompt (and `initialText` ready to edit, where supported).
    func readLine(prompt: String, initialText: String?) -> LineInput
    /// Records a line in the history.
    func remember(_ line: String)
    /// Asks a yes/no question; false when there is no one to ask.
    func confirm(_ question: String) -> Bool
    /// Whether the input ended while a question was asked (the terminal is gone, or Ctrl-D
    /// was pressed again): there is no one left to ask.
    var inputEnded: Bool { get }
    /// Writes the history to disk.
    func close()
    var isInteractive: Bool { get }
    /// Whether Ctrl-C was pressed while a command ran: a long command checks between its steps
    /// and stops early (the next line read starts afresh).
    var interruptRequested: Bool { get }
    /// Whether input is already waiting to be read (lines pasted, or typed ahead while a
    /// command ran), so that reading the next line would not wait for the user.
    var inputWaiting: Bool { get }
}

extension LineEditor {
    /// No one to press Ctrl-C (a script is stopped by the signal itself).
    public var interruptRequested: Bool { false }
    /// Not asked but at a terminal's prompt.
    public var inputWaiting: Bool { false }
}

/// Reads lines from standard input without prompts: scripts, pipes and tests.
public final class PlainLineEditor: LineEditor {
    private var lines: [String]?
    private var next = 0

    /// Reads from standard input.
    public init() {}

    /// Reads from the given lines (for tests and `-f`).
    public init(lines: [String]) { self.lines = lines }

    public var isInteractive: Bool { false }

    public func readLine(prompt: String, initialText: String?) -> LineInput {
        if let lines {
            guard next < lines.count else { return .endOfInput }
            next += 1
            return .line(lines[next - 1])
        }
        guard let line = Swift.readLine(strippingNewline: true) else { return .endOfInput }
        return .line(line.hasSuffix("\r") ? String(line.dropLast()) : line)
    }

    public func remember(_ line: String) {}
    public func confirm(_ question: String) -> Bool { false }
    public var inputEnded: Bool { false }
    public func close() {}
}
