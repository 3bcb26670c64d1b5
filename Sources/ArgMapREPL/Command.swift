import ArgMapModel

/// What kind of word an argument is, for completion and help.
public enum ArgumentKind: Equatable, Sendable {
    case claim
    case file
    case command
    case semantics
    case format
    case keyword([String])
    case text
    case number
}

/// An option a command takes: `--name VALUE` (or a flag with no value).
public struct OptionSpec: Sendable {
    public var name: String
    public var value: ArgumentKind?
    public var help: String

    public init(_ name: String, _ value: ArgumentKind? = nil, _ help: String) {
        self.name = name
        self.value = value
        self.help = help
    }
}

/// One command: its name, help, argument kinds and handler in one record. `help`, usage
/// errors and tab completion all come from these records.
public struct Command: Sendable {
    public enum Group: String, CaseIterable, Sendable {
        case navigation = "Navigating and reading"
        case editing = "Editing"
        case scoring = "Scoring"
        case debate = "Debate"
        case files = "Files and formats"
        case session = "Session"
    }

    public var name: String
    public var aliases: [String] = []
    public var group: Group
    public var usage: String
    public var summary: String
    public var discussion: String = ""
    public var examples: [String] = []
    /// Kinds of the positional arguments, in order (the last repeats for completion).
    public var arguments: [ArgumentKind] = []
    public var options: [OptionSpec] = []
    public var minArguments = 0
    /// The most positional arguments; nil for free text.
    public var maxArguments: Int? = 0
    public var run: @Sendable (Invocation) throws(CommandError) -> Void
}

/// Why a command failed: a message, the word it is about (for the caret), and a hint.
public struct CommandError: Error, Sendable {
    public var message: String
    public var word: Word?
    public var hint: String?

    public init(_ message: String, at word: Word? = nil, hint: String? = nil) {
        self.message = message
        self.word = word
        self.hint = hint
    }
}

/// One run of a command: the session, the words after the command name, and where to write.
public struct Invocation {
    public let session: Session
    public let console: Console
    public let editor: LineEditor
    public let command: Command
    public let commandWord: Word
    /// The words after the command name.
    public let words: [Word]
    /// The whole line as typed.
    public let line: String
    public let table: CommandTable

    public var interactive: Bool { editor.isInteractive }

    /// Splits the words into positional arguments and options, checking both against the
    /// command's record.
    public func parse() throws(CommandError) -> (arguments: [Word], options: [String: Word?]) {
        var arguments: [Word] = []
        var options: [String: Word?] = [:]
        var i = 0
        while i < words.count {
            let w = words[i]
            if w.text.hasPrefix("--"), !w.quoted, w.text.count > 2 {
                let name = String(w.text.dropFirst(2))
                guard let spec = command.options.first(where: { $0.name == name }) else {
                    let known = command.options.map { "--" + $0.name }
                    throw CommandError("\(command.name) has no option '\(w.text)'", at: w,
                                       hint: known.isEmpty ? "usage: \(command.usage)" : "its options are \(known.joined(separator: ", "))")
                }
                if spec.value != nil {
                    guard i + 1 < words.count else { throw CommandError("option --\(name) needs a value", at: w, hint: "usage: \(command.usage)") }
                    options[name] = words[i + 1]
                    i += 2
                } else {
                    options[name] = .some(nil)
                    i += 1
                }
                continue
            }
            arguments.append(w)
            i += 1
        }
        if arguments.count < command.minArguments {
            throw CommandError("\(command.name) needs \(command.minArguments == 1 ? "an argument" : "\(command.minArguments) arguments")",
                               at: commandWord, hint: "usage: \(command.usage)")
        }
        if let max = command.maxArguments, arguments.count > max {
            throw CommandError("\(command.name) takes \(max == 0 ? "no arguments" : "at most \(max) argument\(max == 1 ? "" : "s")")",
                               at: arguments[max], hint: "usage: \(command.usage)")
        }
        return (arguments, options)
    }

    /// The free text of a command from a word on, as typed.
    public func text(from word: Word, upTo end: Word? = nil) -> String {
        let chars = Array(line)
        let stop = end?.column ?? chars.count
        return String(chars[word.column..<max(word.column, stop)]).trimmingCharacters(in: " \t")
    }

    public func number(_ word: Word, name: String) throws(CommandError) -> Double {
        guard let d = Double(word.text), d.isFinite else {
            throw CommandError("\(name) must be a number, not '\(word.text)'", at: word)
        }
        guard d >= 0, d <= 1 else {
            throw CommandError("\(name) must be a number from 0 to 1, not \(word.text)", at: word)
        }
        return d
    }

    /// Applies an edit as one undoable step, turning a refusal into a located error.
    public func perform(_ edit: Edit, about word: Word? = nil, summary: String? = nil) throws(CommandError) {
        do { try session.perform(edit, summary: summary) } catch { throw CommandError("\(error)", at: word) }
    }
}
