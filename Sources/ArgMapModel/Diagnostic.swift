/// A place in a source text: 1-based line and column (columns count characters).
public struct SourceLocation: Equatable, Hashable, Sendable, Comparable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
}

/// A located message about a source text: an error (the text loads nothing) or a warning.
public struct Diagnostic: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public var severity: Severity
    public var message: String
    public var location: SourceLocation?
    /// How many characters the caret underlines (at least one).
    public var length: Int
    /// A sentence on how to fix it, printed after the caret line.
    public var hint: String?

    public init(_ severity: Severity, _ message: String, at location: SourceLocation? = nil, length: Int = 1, hint: String? = nil) {
        self.severity = severity
        self.message = message
        self.location = location
        self.length = max(1, length)
        self.hint = hint
    }

    public static func error(_ message: String, at location: SourceLocation? = nil, length: Int = 1, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, message, at: location, length: length, hint: hint)
    }

    public static func warning(_ message: String, at location: SourceLocation? = nil, length: Int = 1, hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, message, at: location, length: length, hint: hint)
    }

    public var description: String { render(file: nil, source: nil) }

    /// The message as `FILE:LINE:COL: error: message`, then the source line and a caret under
    /// the spot, then the hint.
    public func render(file: String?, source: SourceText?) -> String {
        var head = ""
        if let file { head += file + ":" }
        if let location { head += "\(location.line):\(location.column):" }
        if !head.isEmpty { head += " " }
        // A message may quote the input: its control characters are shown, never sent.
        let shownMessage = message.forbiddenControl == nil ? message
            : String(String.UnicodeScalarView(message.unicodeScalars.map { $0.isForbiddenControl ? "\u{FFFD}" : $0 }))
        var out = head + "\(severity.rawValue): \(shownMessage)"
        if let location, let source, let line = source.line(location.line) {
            // Tabs become spaces so the caret lines up; control characters become visible.
            let shown = String(line.prefix(max(200, location.column + 80)).map { ch -> Character in
                if ch == "\t" { return " " }
                return ch.unicodeScalars.contains(where: \.isForbiddenControl) ? "\u{FFFD}" : ch
            })
            let clipped = shown.count > 200 || line.utf8.count > shown.utf8.count ? String(shown.prefix(200)) + "…" : shown
            out += "\n" + clipped
            let pad = max(0, location.column - 1)
            let width = max(1, min(length, max(1, shown.count - pad)))
            out += "\n" + String(repeating: " ", count: min(pad, 200)) + "^" + String(repeating: "~", count: max(0, min(width, 80) - 1))
        }
        if let hint { out += "\nhint: " + hint }
        return out
    }
}

/// A source text split into lines on demand, for rendering diagnostics.
public struct SourceText: Sendable {
    public let text: String

    public init(_ text: String) { self.text = text }

    /// The 1-based line, without its line break.
    public func line(_ number: Int) -> Substring? {
        guard number >= 1 else { return nil }
        var current = 1
        var start = text.startIndex
        var i = text.startIndex
        while i < text.endIndex {
            if current == number { break }
            if text[i] == "\n" || text[i] == "\r\n" {
                current += 1
                start = text.index(after: i)
            }
            i = text.index(after: i)
        }
        guard current == number else { return nil }
        var end = start
        while end < text.endIndex, text[end] != "\n", text[end] != "\r\n", text[end] != "\r" { end = text.index(after: end) }
        return text[start..<end]
    }
}

/// A load that failed: every error (and warning) found, in source order.
public struct LoadFailure: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public var file: String?
    public var source: SourceText?

    public init(_ diagnostics: [Diagnostic], file: String? = nil, source: SourceText? = nil) {
        self.diagnostics = diagnostics
        self.file = file
        self.source = source
    }

    public var description: String {
        let errors = diagnostics.filter { $0.severity == .error }
        var shown = errors.prefix(20).map { $0.render(file: file, source: source) }
        if errors.count > 20 { shown.append("… and \(errors.count - 20) more errors") }
        return shown.joined(separator: "\n")
    }
}
