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
            let fast = ArgumentMap.asciiIDBase(text)
            #expect(fast != nil)
            #expect(fast == ArgumentMap.idBaseByCharacters(text), "\(text.debugDescription)")
        }
        #expect(ArgumentMap.asciiIDBase("Ärger und Vostok") == nil, "a non-ASCII letter goes the character way")
        #expect(ArgumentMap.idBase(from: "Ärger und Vostok", number: 1) == "ärger-und-vostok")
        #expect(ArgumentMap.idBase(from: "one two three four five six seven", number: 1) == "one-two-three-four-five")
    }
}
