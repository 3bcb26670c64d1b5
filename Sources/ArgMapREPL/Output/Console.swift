import CEditLine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a session's output goes: standard output and error, or buffers in tests. Standard
/// output is flushed before anything goes to standard error, so that the two stay in order
/// when both go to a pipe.
public final class Console {
    public enum Sink { case standard, buffer }

    public let sink: Sink
    public private(set) var output = ""
    public private(set) var errors = ""
    /// In a buffer: standard output and error interleaved, each error line marked with `! `.
    public private(set) var transcript = ""
    /// Colour (ANSI escapes) is used only when this is set.
    public var colour: Bool
    /// Width to wrap text to.
    public var width: Int

    public init(sink: Sink = .standard, colour: Bool = false, width: Int = 80) {
        self.sink = sink
        self.colour = colour
        self.width = width
    }

    public func print(_ text: String = "") {
        // Two writes rather than a copy of the text with its line break (it may be 80 MB).
        write(text)
        write("\n")
    }

    public func write(_ text: String) {
        guard !stopped else { return }
        guard text.utf8.count > Self.piece else { return put(text) }
        var text = text
        text.withUTF8 { write($0) }
    }

    /// Writes text as UTF-8 `bytes` (output built as bytes, not made a string first): in
    /// pieces of whole lines, asking before each whether to stop (``stop()``).
    public func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard !stopped else { return }
        var at = 0
        while at < bytes.count {
            if interruptRequested() { stop(); return }
            // To the end of the line the piece ends in (found by memchr: `score --json`'s
            // 19.5 MB are one line, which a loop a byte took 8 ms to cross).
            var end = min(at + Self.piece, bytes.count)
            if end < bytes.count && bytes[end - 1] != UInt8(ascii: "\n") {
                let base = UnsafeRawPointer(bytes.baseAddress!)
                if let newline = memchr(base + end, 0x0A, bytes.count - end) {
                    end = UnsafeRawPointer(newline) - base + 1
                } else {
                    end = bytes.count
                }
            }
            switch sink {
            case .buffer: put(String(decoding: UnsafeBufferPointer(rebasing: bytes[at..<end]), as: UTF8.self))
            case .standard: ceditline_write_stdout_bytes(bytes.baseAddress! + at, end - at)
            }
            at = end
        }
    }

    private func put(_ text: String) {
        switch sink {
        case .buffer:
            output += text
            transcript += text
        case .standard: ceditline_write_stdout(text)
        }
    }

    /// The most bytes written before asking whether to stop: long output goes out in pieces of
    /// whole lines about this long.
    static let piece = 1 << 16

    /// Whether the user asked for the command's output to stop (Ctrl-C in a terminal), asked
    /// between pieces of long output (``write(_:)``), and by commands that build long output,
    /// as they build it (``stopped``).
    public var interruptRequested: () -> Bool = { false }

    /// Whether the command's output was stopped (``interruptRequested``): whatever it writes
    /// after is dropped. Cleared as each command begins (``beginCommand()``).
    public private(set) var stopped = false

    /// Stops the command's output: nothing more of it is written.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        if sink == .standard {
            // A write that Ctrl-C cut short leaves standard output's error flag set, and may
            // leave a line (or a colour) unfinished.
            ceditline_clear_stdout_error()
            if colour { ceditline_write_stdout("\u{1B}[0m") }
        }
    }

    /// A command begins: its output is written (``stopped`` cleared).
    public func beginCommand() {
        stopped = false
    }

    public func error(_ text: String) {
        switch sink {
        case .buffer:
            errors += text + "\n"
            transcript += text.split(separator: "\n", omittingEmptySubsequences: false).map { "! " + $0 + "\n" }.joined()
        case .standard:
            ceditline_flush_stdout()
            ceditline_write_stderr(text + "\n")
        }
    }

    public func flush() {
        if sink == .standard { ceditline_flush_stdout() }
    }

    /// Returns the interleaved transcript so far and starts a new one.
    public func takeTranscript() -> String {
        defer { output = ""; errors = ""; transcript = "" }
        return transcript
    }

    // MARK: Styles

    public enum Style: String {
        case bold = "1", dim = "2", green = "32", red = "31", yellow = "33", blue = "34", magenta = "35", cyan = "36"
    }

    public func styled(_ text: String, _ style: Style) -> String {
        colour ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }

    /// Whether colour suits this process: a terminal, `NO_COLOR` unset or empty, and a `TERM`
    /// other than `dumb`.
    public static func colourWanted(isTerminal: Bool) -> Bool {
        guard isTerminal else { return false }
        if let v = getenv("NO_COLOR"), v.pointee != 0 { return false }
        if let t = getenv("TERM"), String(cString: t) == "dumb" { return false }
        return true
    }
}
