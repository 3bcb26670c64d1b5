import ArgMapModel

/// Text helpers shared by the exporters.
enum RenderText {
    /// Breaks text into lines of at most `width` characters at word boundaries, and cuts it
    /// after `maxLines` lines with an ellipsis.
    static func wrap(_ text: String, width: Int, maxLines: Int = 8) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
                if lines.count == maxLines { break }
            }
            if !line.isEmpty { line += " " }
            line += word
        }
        if lines.count < maxLines, !line.isEmpty { lines.append(line) }
        let shown = lines.joined(separator: " ").count
        if shown < text.count, !lines.isEmpty { lines[lines.count - 1] += " …" }
        return lines
    }
}
