/// Wrapping text to the terminal's width at word boundaries.
public enum TextLayout {
    /// Wraps `text` so that no line exceeds `width` characters: the first line after `first`
    /// (already printed by the caller, of `firstWidth` characters), the rest indented by
    /// `hanging` spaces. A single word longer than a line is broken.
    public static func wrap(_ text: String, width: Int, firstWidth: Int, hanging: Int) -> [String] {
        simpleWrap(text, width: width, firstWidth: firstWidth, hanging: hanging)
            ?? generalWrap(text, width: width, firstWidth: firstWidth, hanging: hanging)
    }

    /// ``wrap(_:width:firstWidth:hanging:)`` over the text's UTF-8, for text whose scalars are
    /// each a character (see ``isSimple(_:)``), so that a word's width is its number of scalars
    /// (nil for any other text). Going through characters is most of the cost of listing a
    /// claim with thousands of children.
    static func simpleWrap(_ text: String, width: Int, firstWidth: Int, hanging: Int) -> [String]? {
        if !text.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) {
            guard text.unicodeScalars.allSatisfy(isSimple) else { return nil }
        }
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            let width = max(width, hanging + 20), room = width - hanging
            var lines: [String] = []
            var line: [UInt8] = []
            var available = width - firstWidth
            func flush() {
                lines.append(String(decoding: line, as: UTF8.self))
                line.removeAll(keepingCapacity: true)
                available = room
            }
            // A scalar starts at every byte that is not a continuation byte.
            func scalars(_ range: Range<Int>) -> Int { range.reduce(0) { $0 + (bytes[$1] & 0xC0 == 0x80 ? 0 : 1) } }
            var i = 0
            while i < bytes.count {
                if bytes[i] == 0x20 { i += 1; continue }
                var end = i
                while end < bytes.count && bytes[end] != 0x20 { end += 1 }
                var start = i
                i = end
                while scalars(start..<end) > room {
                    if !line.isEmpty { flush() }
                    // The first `room` scalars of the word, on a line of their own.
                    var cut = start
                    for _ in 0..<room {
                        cut += 1
                        while bytes[cut] & 0xC0 == 0x80 { cut += 1 }
                    }
                    line.append(contentsOf: bytes[start..<cut])
                    flush()
                    start = cut
                }
                if start == end { continue }
                let n = scalars(start..<end)
                if (line.isEmpty ? 0 : 1) + n > available, !line.isEmpty { flush() }
                if !line.isEmpty { line.append(0x20); available -= 1 }
                line.append(contentsOf: bytes[start..<end])
                available -= n
            }
            lines.append(String(decoding: line, as: UTF8.self))
            return lines
        }
    }

    /// ``wrap(_:width:firstWidth:hanging:)`` by characters, for any text.
    static func generalWrap(_ text: String, width: Int, firstWidth: Int, hanging: Int) -> [String] {
        let width = max(width, hanging + 20)
        var lines: [String] = []
        var line = ""
        var available = width - firstWidth
        func flush() {
            lines.append(line)
            line = ""
            available = width - hanging
        }
        func count(_ w: Substring) -> Int { characters(w) }
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
    /// The text cut to a width (in characters), with … where it was cut.
    public static func truncate(_ text: String, to width: Int) -> String {
        // No more bytes than the width: no more characters either.
        if text.utf8.count <= width { return text }
        if width >= 1, let cut = simpleTruncation(text, width) { return cut }
        return text.count <= width ? text : String(text.prefix(max(0, width - 1))) + "…"
    }

    /// ``truncate(_:to:)`` counted in Unicode scalars, for text whose first `width + 1` scalars
    /// are each a character of their own and never join the one before (nil for any other):
    /// Latin, Greek, Cyrillic, CJK ideographs and kana, with no combining mark, joiner or
    /// carriage return. Counting characters is the slow part of listing long texts.
    static func simpleTruncation(_ text: String, _ width: Int) -> String? {
        let scalars = text.unicodeScalars
        var n = 0
        var cut = scalars.startIndex
        var i = scalars.startIndex
        while i != scalars.endIndex {
            guard isSimple(scalars[i]) else { return nil }
            if n == width - 1 { cut = i }
            if n == width { return String(scalars[..<cut]) + "…" }
            n += 1
            scalars.formIndex(after: &i)
        }
        return text
    }

    /// A scalar that is a character of its own and never extends the one before it (its
    /// grapheme cluster break property is Other, Control or LF, and it is not a CR).
    @inline(__always) static func isSimple(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x0D: return false
        case 0..<0x300, 0x370...0x482, 0x48A...0x52F, 0x3041...0x3096, 0x30A1...0x30FA, 0x4E00...0x9FFF: return true
        default: return false
        }
    }

    /// How many characters a text has, counted by bytes or scalars where that is exact (ASCII
    /// with no carriage return; scalars that are each a character, see ``isSimple(_:)``).
    static func characters(_ text: some StringProtocol) -> Int {
        if text.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) { return text.utf8.count }
        return text.unicodeScalars.allSatisfy(isSimple) ? text.unicodeScalars.count : text.count
    }

    /// The text padded with spaces, or cut with …, to exactly `width` characters.
    public static func fit(_ text: String, to width: Int) -> String {
        let count = characters(text)
        return count <= width ? text + String(repeating: " ", count: width - count) : truncate(text, to: width)
    }
}
