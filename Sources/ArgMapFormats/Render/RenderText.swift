import ArgMapModel

/// Text helpers shared by the exporters.
enum RenderText {
    /// Breaks text into lines of at most `width` characters at word boundaries, and cuts it
    /// after `maxLines` lines with an ellipsis (only there: spaces left out between words are
    /// not a cut).
    static func wrap(_ text: String, width: Int, maxLines: Int = 8) -> [String] {
        wrapSimple(text, width: width, maxLines: maxLines) ?? wrapCharacters(text, width: width, maxLines: maxLines)
    }

    /// ``wrap(_:width:maxLines:)`` of any text, character by character.
    static func wrapCharacters(_ text: String, width: Int, maxLines: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        var cut = false
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
                if lines.count == maxLines { cut = true; break }
            }
            if !line.isEmpty { line += " " }
            line += word
        }
        if !cut, !line.isEmpty { lines.append(line) }
        if cut { lines[lines.count - 1] += " …" }
        return lines
    }

    /// ``wrap(_:width:maxLines:)`` of text in which every scalar is a character of its own
    /// (printable, from the Latin, Greek and Cyrillic blocks, none of them a combining mark),
    /// counted by its bytes: nil for any other text, which the general loop wraps.
    static func wrapSimple(_ text: String, width: Int, maxLines: Int) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b < 0x80 {
                    guard b >= 0x20 else { return nil }
                    i += 1
                } else {
                    // Two bytes (U+0080 to U+07FF) or nothing.
                    guard b & 0xE0 == 0xC0, i + 1 < bytes.count else { return nil }
                    let scalar = UInt32(b & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                    guard scalar < 0x300 || (0x370..<0x483).contains(scalar) || (0x48A..<0x530).contains(scalar) else { return nil }
                    i += 2
                }
            }
            // A scalar's first byte is any byte but a continuation byte (0x80 to 0xBF).
            func length(_ word: UnsafeBufferPointer<UInt8>) -> Int { word.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } }
            var lines: [String] = []
            var line: [UInt8] = []
            var lineLength = 0, words = 0, cut = false
            func endLine() {
                lines.append(String(decoding: line, as: UTF8.self))
                line.removeAll(keepingCapacity: true)
                lineLength = 0
                words = 0
            }
            i = 0
            while i < bytes.count {
                if bytes[i] == 0x20 { i += 1; continue }
                var j = i
                while j < bytes.count, bytes[j] != 0x20 { j += 1 }
                let word = UnsafeBufferPointer(rebasing: bytes[i..<j])
                let wordLength = length(word)
                if words > 0, lineLength + 1 + wordLength > width {
                    endLine()
                    if lines.count == maxLines { cut = true; break }
                }
                if words > 0 { line.append(0x20); lineLength += 1 }
                line.append(contentsOf: word)
                lineLength += wordLength
                words += 1
                i = j
            }
            if !cut, words > 0 { endLine() }
            if cut { lines[lines.count - 1] += " …" }
            return lines
        }
    }
}
