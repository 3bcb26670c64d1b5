#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CEditLine

/// Line editing with libedit: emacs keys (or the user's ~/.editrc), history kept across
/// sessions, Ctrl-C discarding the line, and tab completion.
public final class LibEditLineEditor: LineEditor {
    private let el: OpaquePointer
    private let history: OpaquePointer
    private let historyPath: String?
    private var promptBuffer: UnsafeMutablePointer<CChar>?
    /// Gives the candidates for the text before the cursor.
    public var complete: ((String) -> (partial: String, candidates: [String]))?
    public var width: () -> Int = { 80 }

    public static let historySize = 1000

    public init(program: String = "argmap", historyPath: String?) {
        el = ceditline_init(program)
        history = ceditline_history_init(Int32(LibEditLineEditor.historySize))
        self.historyPath = historyPath
        ceditline_set_editor(el, "emacs")
        ceditline_set_signal(el, 1)
        ceditline_set_history(el, history)
        ceditline_set_clientdata(el, Unmanaged.passUnretained(self).toOpaque())
        ceditline_set_prompt(el, { el in
            guard let el, let data = ceditline_get_clientdata(el) else { return nil }
            return Unmanaged<LibEditLineEditor>.fromOpaque(data).takeUnretainedValue().promptBuffer
        })
        ceditline_add_function(el, "argmap-complete", "complete the word", { el, _ in
            guard let el, let data = ceditline_get_clientdata(el) else { return UInt8(CC_ERROR) }
            return Unmanaged<LibEditLineEditor>.fromOpaque(data).takeUnretainedValue().completeWord()
        })
        ceditline_bind(el, "^I", "argmap-complete")
        ceditline_source(el)
        ceditline_install_sigint()
        if let historyPath { _ = ceditline_history_load(history, historyPath) }
    }

    deinit {
        free(promptBuffer)
        ceditline_end(el)
        ceditline_history_end(history)
    }

    public var isInteractive: Bool { true }
    public var interruptRequested: Bool { ceditline_sigint_pending() != 0 }
    public private(set) var inputEnded = false
    /// Bytes waiting on the terminal: libedit reads them from its file descriptor as it needs
    /// them, and holds none back between lines.
    public var inputWaiting: Bool {
        var waiting = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        return poll(&waiting, 1, 0) > 0 && waiting.revents & Int16(POLLIN) != 0
    }

    public func readLine(prompt: String, initialText: String?) -> LineInput {
        setPrompt(prompt)
        if let initialText, !initialText.isEmpty { el_push(el, initialText) }
        _ = ceditline_take_sigint()
        var count: Int32 = 0
        var interrupted: Int32 = 0
        guard let raw = ceditline_gets(el, &count, &interrupted) else {
            if interrupted != 0 || ceditline_take_sigint() != 0 {
                ceditline_write_stdout("^C\n")
                ceditline_flush_stdout()
                return .interrupted
            }
            return .endOfInput
        }
        var line = String(cString: raw)
        while let last = line.last, last == "\n" || last == "\r" { line.removeLast() }
        return .line(line)
    }

    public func remember(_ line: String) {
        var trimmed = line
        while let last = trimmed.last, last == " " || last == "\t" { trimmed.removeLast() }
        guard !trimmed.isEmpty else { return }
        if let newest = ceditline_history_newest(history), String(cString: newest) == trimmed { return }
        _ = ceditline_history_enter(history, trimmed)
    }

    public func confirm(_ question: String) -> Bool {
        while true {
            switch readLine(prompt: question + " (y/n) ", initialText: nil) {
            case .line(let answer):
                let a = answer.lowercased().trimmingCharacters(in: " ")
                if a == "y" || a == "yes" { return true }
                if a == "n" || a == "no" { return false }
            case .interrupted:
                return false
            case .endOfInput:
                inputEnded = true
                return false
            }
        }
    }

    public func close() {
        guard let historyPath else { return }
        if let slash = historyPath.lastIndex(of: "/") {
            LibEditLineEditor.makeDirectories(String(historyPath[..<slash]))
        }
        _ = ceditline_history_save(history, historyPath)
    }

    private func setPrompt(_ prompt: String) {
        free(promptBuffer)
        promptBuffer = strdup(prompt)
    }

    private func completeWord() -> UInt8 {
        guard let info = el_line(el), let complete else { return UInt8(CC_ERROR) }
        let start = UnsafeRawPointer(info.pointee.buffer!)
        let cursor = UnsafeRawPointer(info.pointee.cursor!)
        let length = cursor - start
        let bytes = UnsafeBufferPointer(start: start.assumingMemoryBound(to: UInt8.self), count: length)
        let before = String(decoding: bytes, as: UTF8.self)
        let (partial, candidates) = complete(before)
        if candidates.isEmpty { return UInt8(CC_REFRESH_BEEP) }
        if candidates.count == 1 {
            let rest = String(candidates[0].dropFirst(partial.count))
            let suffix = candidates[0].hasSuffix("/") ? "" : " "
            el_insertstr(el, LibEditLineEditor.escape(rest) + suffix)
            return UInt8(CC_REFRESH)
        }
        let common = Completer.commonPrefix(candidates)
        if common.count > partial.count {
            el_insertstr(el, LibEditLineEditor.escape(String(common.dropFirst(partial.count))))
            return UInt8(CC_REFRESH)
        }
        let shown = candidates.count > 200 ? Array(candidates.prefix(200)) + ["… \(candidates.count - 200) more"] : candidates
        ceditline_write_stdout("\n" + TextLayout.columns(shown, width: width()) + "\n")
        ceditline_flush_stdout()
        return UInt8(CC_REDISPLAY)
    }

    /// Escapes blanks and quotes in an inserted completion, as the tokenizer reads them.
    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            if ch == " " || ch == "\"" || ch == "'" || ch == "\\" { out.append("\\") }
            out.append(ch)
        }
        return out
    }

    /// Creates a directory and its parents (mode 0700), as the history file needs.
    static func makeDirectories(_ path: String) {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            mkdir(current, 0o700)
        }
    }

    /// The history file: $ARGMAP_HISTORY, else $XDG_STATE_HOME/argmap/history (an empty or
    /// relative XDG_STATE_HOME is ignored), else ~/.local/state/argmap/history.
    public static func defaultHistoryPath() -> String? {
        if let p = FileIO.environment("ARGMAP_HISTORY"), !p.isEmpty { return p }
        if let x = FileIO.environment("XDG_STATE_HOME"), x.hasPrefix("/") { return x + "/argmap/history" }
        guard let home = FileIO.environment("HOME"), !home.isEmpty else { return nil }
        return home + "/.local/state/argmap/history"
    }

    /// The startup file: $XDG_CONFIG_HOME/argmap/rc, else ~/.config/argmap/rc.
    public static func defaultRCPath() -> String? {
        if let x = FileIO.environment("XDG_CONFIG_HOME"), x.hasPrefix("/") { return x + "/argmap/rc" }
        guard let home = FileIO.environment("HOME"), !home.isEmpty else { return nil }
        return home + "/.config/argmap/rc"
    }
}
