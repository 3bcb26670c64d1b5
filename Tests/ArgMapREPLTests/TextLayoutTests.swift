import Testing
@testable import ArgMapREPL

/// Cutting and padding text to a width in characters: the quick paths (bytes, scalars) give
/// what counting characters gives.
struct TextLayoutTests {
    static func slowTruncate(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(max(0, width - 1))) + "…"
    }

    static func slowFit(_ text: String, _ width: Int) -> String {
        text.count <= width ? text + String(repeating: " ", count: width - text.count) : slowTruncate(text, width)
    }

    @Test func truncateAndFitCountCharacters() {
        // Letters of several scripts, and what joins characters: combining marks, CR LF, a
        // joiner, regional indicators, Hangul jamo.
        let pieces = ["a", "Z", " ", "é", "e\u{301}", "Я", "и\u{306}", "\u{483}", "\r", "\n", "\r\n", "中", "か", "\u{3099}",
                      "👩\u{200D}💻", "🇫🇷", "\u{1100}\u{1161}", "ï", "\u{300}", "\u{AD}", "Ω"]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...14, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let width = Int.random(in: 1...12, using: &rng)
            #expect(TextLayout.truncate(text, to: width) == Self.slowTruncate(text, width), "\(text.unicodeScalars.map { String($0.value, radix: 16) }) \(width)")
            #expect(TextLayout.fit(text, to: width) == Self.slowFit(text, width), "\(text.unicodeScalars.map { String($0.value, radix: 16) }) \(width)")
        }
        #expect(TextLayout.truncate("Сибирь и восток", to: 8) == "Сибирь …")
        #expect(TextLayout.fit("ab", to: 4) == "ab  ")
    }
}
