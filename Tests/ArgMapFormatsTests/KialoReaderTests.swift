import Testing
@testable @_spi(Testing) import ArgMapFormats
import ArgMapModel

/// The Kialo reader reads a plain line byte by byte and any other line by characters: the two
/// ways must give the same map, the same notes and the same messages.
struct KialoReaderTests {
    /// A plain scalar is a character of its own beside anything the reader looks for (blanks,
    /// backslashes, brackets, digits, dots, colons) and beside any other plain scalar; and a
    /// line with a combining mark, a joiner or a prepended mark is not plain.
    @Test func plainScalarsNeverJoinTheirNeighbours() {
        let neighbours: [String] = [" ", "\t", "\\", "[", "]", "a", "1", ".", ":", "-", "é", "я", "中"]
        var plain = 0
        for v in UInt32(0x80)...0xFFFF {
            guard let scalar = Unicode.Scalar(v), KialoFormat.isPlainScalar(v) else { continue }
            plain += 1
            let s = String(Character(scalar))
            for n in neighbours + [s] {
                #expect((s + n).count == 2 && (n + s).count == 2, "U+\(String(v, radix: 16)) beside \(n.debugDescription)")
            }
            var line = Array("a\(s)b".utf8)
            #expect(line.withUnsafeBufferPointer(KialoFormat.isPlain), "U+\(String(v, radix: 16))")
            line = Array("a\(s)\u{301}".utf8)
            #expect(!line.withUnsafeBufferPointer(KialoFormat.isPlain))
        }
        #expect(plain > 20_000)
        for joining in ["e\u{301}", "a\u{200D}b", "\u{600}1", "x\u{FE0F}", "👍🏽", "\u{483}", "\u{591}", "\u{E01}\u{E31}"] {
            #expect(!Array(joining.utf8).withUnsafeBufferPointer(KialoFormat.isPlain), "\(joining.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    /// Files made at random of headers in both formats, texts running over lines, escapes,
    /// runs of blanks, links, sources and characters that join their neighbours: read byte by
    /// byte where they can be and read all by characters, they give the same result.
    @Test func bytesAndCharactersReadAlike() throws {
        var generator = SystemRandomNumberGenerator()
        let words = ["Vostok", "café", "ВОСТОК", "e\u{301}t\u{301}e", "\u{600}12", "a\u{200D}b", "\\(x\\)", "\\[1\\]", "[1]", "[2]", "\\n", "\\",
                     "->", "See", "1.1.", "Pro:", "Con:", "Thesis:", "  ", "\t", "–", "中文", "\\\u{301}", " \u{301}", "x"]
        func text() -> String {
            (0..<Int.random(in: 0...8, using: &generator)).map { _ in words.randomElement(using: &generator)! }.joined(separator: Bool.random(using: &generator) ? " " : "")
        }
        var compared = 0
        for round in 0..<2_000 {
            let newer = round % 2 == 1
            var lines = [newer ? "Discussion Name:" : "Discussion Title: \(text())"]
            if newer { lines += ["", "  \(text()) title"] }
            var numbers = ["1"]
            lines.append("1. " + (Bool.random(using: &generator) ? "Thesis: " : "") + text())
            for _ in 0..<Int.random(in: 1...25, using: &generator) {
                let parent = numbers.randomElement(using: &generator)!
                let number = "\(parent).\(Int.random(in: 1...4, using: &generator))"
                numbers.append(number)
                let stance = ["Pro: ", "Con: ", "", "Pro:"].randomElement(using: &generator)!
                let depth = String(repeating: "  ", count: number.split(separator: ".").count - 1)
                switch Int.random(in: 0..<6, using: &generator) {
                case 0: lines.append("\(depth)\(number). \(stance)-> See \(numbers.randomElement(using: &generator)!).")
                case 1 where newer:
                    lines.append("\(depth)\(number). \(stance)")
                    for _ in 0..<Int.random(in: 1...3, using: &generator) { lines.append("\(depth)  \(text())") }
                case 2 where Int.random(in: 0..<4, using: &generator) == 0:
                    // Lines that look like headers and are not: text of the claim above.
                    lines.append(["\(parent)..1. Pro: x", ".\(number). y", "\(number) Con: z", "\(number).. w", "\(number).x. v", "\(number).\(text())"].randomElement(using: &generator)!)
                default: lines.append("\(number). \(stance)\(text())")
                }
            }
            if Bool.random(using: &generator) { lines += ["", "Sources:", "[1] \(text())", "  \(text())", "[2] https://example.org/\(text())"] }
            let file = lines.joined(separator: ["\n", "\r\n", "\r"].randomElement(using: &generator)!)
            let bytewise: Result<ImportResult, LoadFailure>, characterwise: Result<ImportResult, LoadFailure>
            do { bytewise = .success(try KialoFormat.read(file, file: "k.txt")) } catch { bytewise = .failure(error) }
            do { characterwise = .success(try KialoFormat.read(file, file: "k.txt", byCharacters: true)) } catch { characterwise = .failure(error) }
            // From the file's bytes (the path `import` takes): the same map, or none where the
            // text way has a message to give.
            let fromBytes = Array(file.utf8).withUnsafeBufferPointer { KialoFormat.read(bytes: $0, release: { _ in }) }
            switch (bytewise, fromBytes) {
            case let (.success(a), b?): #expect(same(a.map, b.map) && a.notes == b.notes, "\(file.debugDescription)")
            case (.failure, nil): break
            default: Issue.record("the bytes way and the text way part: \(file.debugDescription)")
            }
            switch (bytewise, characterwise) {
            case let (.success(a), .success(b)):
                #expect(same(a.map, b.map) && a.notes == b.notes, "\(file.debugDescription)")
                compared += 1
            case let (.failure(a), .failure(b)):
                #expect(a.description == b.description, "\(file.debugDescription)")
            default:
                Issue.record("one way read, the other failed: \(file.debugDescription)")
            }
        }
        #expect(compared > 20)
        // Found by this test: a link's words after an escaped space are text, not a link.
        let escapedSpace = "Discussion Title: T\n1. A\n1.1. Pro: \\ -> See 1.\n"
        #expect(try KialoFormat.read(escapedSpace).map.claims.map(\.text) == ["A", "-> See 1."])
        #expect(try KialoFormat.read(escapedSpace, file: nil, byCharacters: true).map.claims.map(\.text) == ["A", "-> See 1."])
    }

    /// The same claims, byte for byte, and the same relations, in the same order.
    func same(_ a: ArgumentMap, _ b: ArgumentMap) -> Bool {
        a.title == b.title && a.relations == b.relations
            && a.claims.map { Array($0.id.utf8) + [0] + Array($0.text.utf8) } == b.claims.map { Array($0.id.utf8) + [0] + Array($0.text.utf8) }
            && a.claims.map(\.sources) == b.claims.map(\.sources)
    }

    /// A generated map's Kialo export goes the byte way (every line plain) and reads back.
    @Test(arguments: [false, true]) func aGeneratedExportIsPlainAndReadsBack(awkward: Bool) throws {
        let map = MapGenerator.generate(.init(claims: 2_000, shape: .dag, seed: 5, awkwardText: awkward))
        let file = try KialoFormat.write(map)
        let plain = file.split(separator: "\n").allSatisfy { line in Array(line.utf8).withUnsafeBufferPointer(KialoFormat.isPlain) }
        #expect(plain)
        let back = try KialoFormat.read(file).map
        let again = try KialoFormat.read(file, file: nil, byCharacters: true).map
        #expect(same(back, again))
        #expect(back.count == map.count && back.relations.count == map.relations.count)
    }
}
