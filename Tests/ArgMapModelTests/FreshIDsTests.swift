import Testing
@testable import ArgMapModel

/// Ids made from texts on import: readable, unique, and made in a step each however many
/// claims share their first words.
struct FreshIDsTests {
    /// The smallest free suffix, as one search from 2 each time would give, with ids taken
    /// beforehand skipped.
    @Test func sameFirstWordsTakeTheNextFreeNumber() {
        var ids = FreshIDs(taken: ["i-agree-3", "i-agree-7"])
        let made = (0..<1_000).map { ids.make(from: "I agree!", number: $0 + 1) }
        var expected = ["i-agree"]
        var k = 2
        while expected.count < 1_000 {
            if k != 3 && k != 7 { expected.append("i-agree-\(k)") }
            k += 1
        }
        #expect(made == expected)
        #expect(ids.make(from: "I agree, really", number: 1) == "i-agree-really")
        #expect(ids.make(from: "  ", number: 42) == "untitled-42")
        #expect(ids.make(from: "", number: 42) == "untitled-42-2")
        #expect(Set(made).count == 1_000 && ids.taken.isSuperset(of: made))
    }

    @Test func asciiTextIsReadAsCharactersAre() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["Policy", "TRADE", "rail", "x", "2024", "a1b2", " ", "  ", ", ", "-", "--", "'s", "_", "\t", "\r\n", "(", ")", "!", "?", "Twelve", "hyphen-ated",
                      String(repeating: "long", count: 20)]
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...14, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let fast = ArgumentMap.idBaseByBytes(text)
            #expect(fast != nil)
            #expect(fast == ArgumentMap.idBaseByCharacters(text), "\(text.debugDescription)")
        }
        #expect(ArgumentMap.idBaseByBytes("Ärger und Vostok") == "ärger-und-vostok")
        #expect(ArgumentMap.idBaseByBytes("Cafe\u{301} und Vostok") == nil, "a combining mark goes the character way")
        #expect(ArgumentMap.idBase(from: "Cafe\u{301} und Vostok", number: 1) == "café-und-vostok")
        #expect(ArgumentMap.idBase(from: "one two three four five six seven", number: 1) == "one-two-three-four-five")
    }

    /// Every scalar of two UTF-8 bytes, in words, at a word's end, past the fifth word and at
    /// the 48th character: read byte by byte it gives the character way's id, or leaves the
    /// text to it; and the letters of Latin-1, Greek and Cyrillic are read byte by byte.
    @Test func twoByteLettersAreReadAsCharactersAre() {
        var bytewise = 0
        for v in UInt32(0x80)...0x7FF {
            let s = String(Character(Unicode.Scalar(v)!))
            let long = String(repeating: "w", count: 47)
            let texts = [s, "X\(s)y", "Ab \(s)\(s) c", "\(s)Z q r s t u v", "a b c d e\(s)", "a b c d e \(s)", "\(s) \(s)",
                         long + s + "z", "w" + long + s, String(long.dropLast()) + s + s, "\(s)\u{301}x", "-\(s)-"]
            for text in texts {
                guard let fast = ArgumentMap.idBaseByBytes(text) else { continue }
                bytewise += 1
                #expect(fast == ArgumentMap.idBaseByCharacters(text), "U+\(String(v, radix: 16)) in \(text.debugDescription)")
            }
            if ArgumentMap.lowercaseLetter(v) != nil {
                #expect(ArgumentMap.idBaseByBytes("Ab \(s)\(s) c") != nil, "U+\(String(v, radix: 16)) is read byte by byte")
            }
        }
        #expect(bytewise > 1_000)
        #expect(ArgumentMap.idBaseByBytes("ВОСТОК и Ärger ΑΘΗΝΑ") == "восток-и-ärger-αθηνα")
    }
}
