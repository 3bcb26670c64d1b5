/// One word of a command line, with where it starts (a character column, 0-based) so that
/// errors can point at it.
public struct Word: Equatable, Sendable {
    public var text: String
    public var column: Int
    public var length: Int
    public var quoted: Bool

    public init(text: String, column: Int, length: Int, quoted: Bool = false) {
        self.text = text
        self.column = column
        self.length = length
        self.quoted = quoted
    }
}

/// Splits a command line into words: blanks separate words; a single or double quote at the
/// start of a word groups it up to the closing quote; a backslash escapes the next character
/// outside single quotes. A quote inside a word (Russia's) is just a character.
public enum Tokenizer {
    public struct Failure: Error, Equatable {
        public var message: String
        public var column: Int
    }

    public static func split(_ line: String) throws(Failure) -> [Word] {
        var words: [Word] = []
        var current = ""
        var start = -1
        var quote: Character?
        var quoteColumn = 0
        var wasQuoted = false
        var column = 0
        var escaped = false
        for ch in line {
            defer { column += 1 }
            if escaped {
                current.append(ch)
                escaped = false
                continue
            }
            if let q = quote {
                if ch == q {
                    quote = nil
                } else if ch == "\\" && q == "\"" {
                    escaped = true
                } else {
                    current.append(ch)
                }
                continue
            }
            if ch == " " || ch == "\t" {
                if start >= 0 {
                    words.append(Word(text: current, column: start, length: column - start, quoted: wasQuoted))
                    current = ""
                    start = -1
                    wasQuoted = false
                }
                continue
            }
            if start < 0 { start = column }
            if ch == "\\" {
                escaped = true
            } else if (ch == "\"" || ch == "'") && start == column && current.isEmpty {
                quote = ch
                quoteColumn = column
                wasQuoted = true
            } else {
                current.append(ch)
            }
        }
        if quote != nil {
            throw Failure(message: "the quote opened here is never closed", column: quoteColumn)
        }
        if escaped { current.append("\\") }
        if start >= 0 {
            words.append(Word(text: current, column: start, length: column - start, quoted: wasQuoted))
        }
        return words
    }
}
