import Foundation
import Testing
@testable import ArgMapFormats
import ArgMapModel

/// The exporters' output in pieces: handed on as they fill, stopped when the file refuses one,
/// the same text from one lane or two, and escaping by bytes.
struct TextPiecesTests {
    final class Received: @unchecked Sendable {
        private let lock = NSLock()
        private var _pieces: [[UInt8]] = []
        private var _items = 0
        var refuseFrom = Int.max
        var pieces: [[UInt8]] { lock.withLock { _pieces } }
        var items: Int { lock.withLock { _items } }
        func take(_ piece: [UInt8]) -> Bool {
            lock.withLock {
                guard _pieces.count < refuseFrom else { return false }
                _pieces.append(piece)
                return true
            }
        }
        func count() { lock.withLock { _items += 1 } }
    }

    @Test func piecesAreHandedOnAsTheyFill() {
        let received = Received()
        var out = TextPieces(sink: received.take)
        var expected: [UInt8] = []
        for i in 0..<60_000 {
            let line = "line \(i): some text of a claim, café восток\n"
            out.write(line)
            expected += Array(line.utf8)
            if i == 100 { #expect(received.pieces.isEmpty, "nothing is handed on before a piece is full") }
        }
        #expect(received.pieces.count >= 2, "a full piece goes as soon as it is full")
        #expect(received.pieces.allSatisfy { $0.count >= TextPieces.pieceSize && $0.count < TextPieces.pieceSize + 100 })
        #expect(out.finish().isEmpty, "with a sink nothing is kept")
        #expect(received.pieces.joined().elementsEqual(expected))
        #expect(!out.failed)
    }

    @Test func aRefusedPieceStopsTheWriting() {
        for lanes in [1, 2] {
            let received = Received()
            received.refuseFrom = 1
            var out = TextPieces(sink: received.take)
            out.writeEach(2_000_000, lanes: lanes, minimum: 0, window: 10_000) { i, out in
                received.count()
                out.write("an item of about forty bytes, number \(i)\n")
            }
            _ = out.finish()
            #expect(out.failed)
            #expect(received.pieces.count == 1)
            #expect(received.items < 200_000, "\(lanes) lane(s): the writing stops soon after the refusal, not after all 2,000,000 items")
        }
    }

    @Test func twoLanesWriteWhatOneLaneWrites() {
        func written(lanes: Int) -> [UInt8] {
            Array(TextPieces.collect { out in
                out.write("head\n")
                out.writeEach(100_000, lanes: lanes, minimum: 0, window: 7_777) { i, out in
                    out.write(i); out.push(0x2C); out.write(i * i - 50_000); out.write(" ü\n")
                }
                out.write("tail\n")
            }.joined())
        }
        let one = written(lanes: 1), two = written(lanes: 2)
        let same = one == two  // (a Bool: a failing comparison of two long arrays would be diffed for minutes)
        #expect(same, "two lanes write the bytes one lane writes")
        let lines = String(decoding: two, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 100_002)
        #expect(lines[1] == "0,-50000 ü" && lines[100_000] == "99999,9999750001 ü" && lines.last == "tail")
    }

    @Test(arguments: [0, 7, 9, 10, -1, -10, 1_234_567_890, Int.max, Int.min])
    func numbersInDecimal(_ n: Int) {
        let text = TextPieces.collect { $0.write(n) }.joined()
        #expect(String(decoding: text, as: UTF8.self) == String(n))
    }

    @Test func aLineBreakIsOneSpaceWhereTheFormatSaysSo() {
        #expect(Escapes.markdown.apply("a\r\nb\rc\nd") == "a b c d")
        #expect(Escapes.kialo.apply("(a)\r\n[b]") == #"\(a\) \[b\]"#)
        #expect(Escapes.mermaid.apply("a\r\nb") == "a  b", "Mermaid's line breaks are spaces, one a byte")
        #expect(Escapes.dot.apply("a\r\nb\u{7}c") == "a\\nb c")
        #expect(Escapes.html.apply("plain text, unchanged") == "plain text, unchanged")
    }

    /// A combining mark after a comma, a quote or a bracket makes one character of the two, but
    /// the byte is still there for a spreadsheet or a Markdown reader: the escaping sees it.
    @Test func aCombiningMarkCannotHideAByteFromTheEscaping() {
        let accent = "\u{301}"
        #expect(CSVExporter.field("a," + accent + "b") == "\"a," + accent + "b\"", "the comma splits the row unless the field is quoted")
        #expect(CSVExporter.field("\"" + accent) == "\"\"\"" + accent + "\"")
        #expect(CSVExporter.field("=" + accent + "1+1") == "'=" + accent + "1+1", "a formula is guarded")
        #expect(Escapes.markdown.apply("*" + accent + "bold*") == "\\*" + accent + "bold\\*")
        #expect(Escapes.kialo.apply("[" + accent + "x]") == "\\[" + accent + "x\\]")
        #expect(Escapes.html.apply("<" + accent + "script>") == "&lt;" + accent + "script&gt;")
    }

    @Test func wrappingByBytesIsWrappingByCharacters() {
        var generator = SystemRandomNumberGenerator()
        let words = ["a", "of", "Vostok", "café", "über", "восток", "Ärger", "Σύνοδος", "the", "pipeline", "Dalniy", "x", "ñandú", "naïve"]
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...40, using: &generator)).map { _ in words.randomElement(using: &generator)! }
                .joined(separator: Bool.random(using: &generator) ? " " : "  ")
            for width in [4, 10, 30, 34] {
                let simple = RenderText.wrapSimple(text, width: width, maxLines: 8)
                #expect(simple != nil, "\(text)")
                #expect(simple == RenderText.wrapCharacters(text, width: width, maxLines: 8), "\(text) at \(width)")
            }
        }
        #expect(RenderText.wrapSimple("a\u{301}b", width: 30, maxLines: 8) == nil, "a combining mark goes the character way")
        #expect(RenderText.wrapSimple("a\r\nb", width: 30, maxLines: 8) == nil)
        #expect(RenderText.wrapSimple("🙂 b", width: 30, maxLines: 8) == nil)
    }

    @Test func anEllipsisOnlyWhereTextIsCut() {
        for wrap in [RenderText.wrapSimple, { Optional(RenderText.wrapCharacters($0, width: $1, maxLines: $2)) }] {
            #expect(wrap("two  spaces and a trailing one ", 30, 8) == ["two spaces and a trailing one"])
            #expect(wrap("une  café ", 30, 8) == ["une café"])
            let long = Array(repeating: "word", count: 100).joined(separator: " ")
            #expect(wrap(long, 10, 3) == ["word word", "word word", "word word …"])
        }
    }

    /// Every streamed format of a map large enough to be written on two lanes: the pieces
    /// handed to a file are the pieces kept in memory, the file written is that text, and the
    /// formats argmap reads back read back to the map's claims and relations.
    @Test func largeExportsStreamTheirText() throws {
        let map = MapGenerator.generate(.init(claims: 30_000, shape: .dag, seed: 11, awkwardText: true))
        let options = ExportOptions(scores: (0..<map.count).map { Double($0 % 100) / 100 }, semantics: "dfquad")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("argmap-pieces-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["json", "csv", "dot", "mermaid", "markdown", "html", "kialo", "aif", "flow-csv", "flow-html"] {
            let output = try FormatRegistry.named(name)!.write!(map, options)
            guard case .stream = output else { Issue.record("\(name) is streamed"); continue }
            let received = Received()
            output.forEachPiece(received.take)
            let text = output.bytes
            #expect(received.pieces.joined().elementsEqual(text), "\(name)")
            #expect(received.pieces.count > 1, "\(name) is written in pieces")
            if name == "aif" {
                let back = try AIFFormat.read(String(decoding: text, as: UTF8.self)).map
                #expect(back.count == map.count && back.relations.count == map.relations.count)
            }
            if name == "json" {
                #expect(try ArgmapJSON.read(String(decoding: text, as: UTF8.self)) == map, "the JSON reads back to the map")
            }
            if name == "csv" {
                #expect(String(decoding: text, as: UTF8.self).components(separatedBy: "\r\n").count == map.relations.count + 2)
            }
        }
    }
}
