/// Wrapping text to the terminal's width at word boundaries.
public enum TextLayout {
    /// Wraps `text` so that no line exceeds `width` characters: the first line after `first`
    /// (already printed by the caller, of `firstWidth` characters), the rest indented by
    /// `hanging` spaces. A single word longer than a line is broken.
    public static func wrap(_ text: String, width: Int, firstWidth: Int, hanging: Int) -> [String] {
        let width = max(width, hanging + 20)
        var lines: [String] = []
        var line = ""
        var available = width - firstWidth
        func flush() {
            lines.append(line)
            line = ""
            available = width - hanging
        }
        // Widths count characters; a word of ASCII letters has as many as it has bytes.
        func count(_ w: Substring) -> Int { w.utf8.allSatisfy { $0 < 0x80 } ? w.utf8.count : w.count }
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var w = Substring(word)
            while count(w) > width - hanging {
                if !line.isEmpty { flush() }
                let cut = w.prefix(width - hanging)
                line = String(cut)
                flush()
                w = w.dropFirst(cut.count)
            }
            if w.isEmpty { continue }
            let n = count(w)
            let need = (line.isEmpty ? 0 : 1) + n
            if need > available, !line.isEmpty { flush() }
            if !line.isEmpty { line += " "; available -= 1 }
            line += w
            available -= n
        }
        lines.append(line)
        return lines
    }

    /// `first` then `text` wrapped, continuation lines indented by `hanging`.
    public static func block(_ first: String, _ text: String, width: Int, hanging: Int) -> String {
        let parts = wrap(text, width: width, firstWidth: first.count, hanging: hanging)
        let pad = String(repeating: " ", count: hanging)
        return first + parts[0] + parts.dropFirst().map { "\n" + pad + $0 }.joined()
    }

    /// Lays out words in columns, as shells list completions.
    public static func columns(_ items: [String], width: Int) -> String {
        guard let longest = items.map(\.count).max() else { return "" }
        let cell = longest + 2
        let perLine = max(1, width / cell)
        let rows = (items.count + perLine - 1) / perLine
        var out: [String] = []
        for r in 0..<rows {
            var line = ""
            for c in 0..<perLine {
                let i = c * rows + r
                guard i < items.count else { continue }
                let item = items[i]
                line += c == perLine - 1 || i + rows >= items.count ? item : item + String(repeating: " ", count: cell - item.count)
            }
            out.append(line)
        }
        return out.joined(separator: "\n")
    }
}

extension TextLayout {
    /// The text cut to a width, with … where it was cut.
    public static func truncate(_ text: String, to width: Int) -> String {
        text.count <= width ? text : String(text.prefix(max(0, width - 1))) + "…"
    }
}
