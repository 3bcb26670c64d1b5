import Testing
import ArgMapModel
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

    /// Wrapping by bytes gives the lines wrapping by characters gives, for texts of ASCII,
    /// Cyrillic, kana, ideographs and non-breaking spaces, with runs of spaces and words
    /// longer than a line; text with a combining mark is left to the characters.
    @Test func wrappingByBytesIsWrappingByCharacters() {
        var rng = SplitMix64(seed: 9)
        let pieces = ["a", "Z", "7", ".", "ж", "Ю", "の", "漢", "\u{00A0}", " ", " ", " ", "  "]
        for _ in 0..<5_000 {
            var text = ""
            for _ in 0..<Int(rng.next() % 160) { text += pieces[Int(rng.next() % UInt64(pieces.count))] }
            if rng.next() % 8 == 0 { text += String(repeating: "x", count: Int(rng.next() % 150)) }
            let width = 20 + Int(rng.next() % 80), hanging = Int(rng.next() % 12), first = Int(rng.next() % 30)
            let fast = TextLayout.simpleWrap(text, width: width, firstWidth: first, hanging: hanging)
            #expect(fast == TextLayout.generalWrap(text, width: width, firstWidth: first, hanging: hanging), "\(text.debugDescription) at \(width)")
        }
        #expect(TextLayout.simpleWrap("cafe\u{301} au lait", width: 40, firstWidth: 0, hanging: 2) == nil)
        #expect(TextLayout.wrap("cafe\u{301} au lait", width: 40, firstWidth: 0, hanging: 2) == ["cafe\u{301} au lait"])
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
