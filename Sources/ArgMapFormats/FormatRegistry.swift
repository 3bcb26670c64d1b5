import ArgMapModel

/// One file format argmap reads or writes: its name, its file extensions, how to recognise
/// its content, and its reader and writer where it has them. Every command that reads or
/// writes files goes through this one registry.
public struct FileFormat: Sendable {
    public var name: String
    public var extensions: [String]
    public var summary: String
    /// Whether text looks like this format (content beats extension when detecting); nil for
    /// formats argmap only writes.
    public var recognizes: (@Sendable (String) -> Bool)? = nil
    public var read: (@Sendable (String, String?) throws(LoadFailure) -> ImportResult)? = nil
    /// The format's fast path from a file's bytes, as they stand (not yet checked as UTF-8):
    /// the map and its notes, or nil where ``read`` must read the text (a byte that is not UTF-8
    /// included, and any file with an error to report). The formats argmap writes for itself
    /// have one, and AIF, whose files run largest. It calls its second argument with each
    /// range of the bytes it has read and will not read again.
    var readBytes: (@Sendable (UnsafeBufferPointer<UInt8>, (Range<Int>) -> Void) -> ImportResult?)? = nil
    public var write: (@Sendable (ArgumentMap, ExportOptions) throws(ExportFailure) -> ExportOutput)? = nil
    /// Whether `save` may write it (it reads back to the same map).
    public var canSave = false
    /// Whether its writer shows scores, so that an export computes them only when they are used.
    public var showsScores = false

    /// What the format can do, for `formats`.
    public var abilities: String {
        [read != nil ? "import" : nil, write != nil ? "export" : nil, canSave ? "save" : nil].compactMap { $0 }.joined(separator: ", ")
    }
}

/// What an exporter may show beyond the map: scores computed by the caller.
public struct ExportOptions: Sendable {
    /// Each claim's score, by claim index, when scores are wanted.
    public var scores: [Double]?
    /// Each claim's grounded label instead of a number, by claim index.
    public var labels: [String]?
    /// The name of the semantics the scores come from.
    public var semantics: String?
    /// A picture of the map to embed (inline SVG), for HTML.
    public var picture: String?

    public init(scores: [Double]? = nil, labels: [String]? = nil, semantics: String? = nil) {
        self.scores = scores
        self.labels = labels
        self.semantics = semantics
    }

    /// A claim's score as short text, if there is one.
    func scoreText(_ c: Int) -> String? {
        if let labels, c < labels.count { return labels[c] }
        guard let scores, c < scores.count, scores[c].isFinite else { return nil }
        return String(format2: scores[c])
    }
}

/// An export: text, text written as it is made (a large export, a piece at a time: see
/// ``TextPieces``), or binary bytes (pictures, PDF).
public enum ExportOutput: Sendable {
    case text(String)
    case stream(ExportStream)
    case bytes([UInt8])

    /// The bytes to write, in order, all in memory.
    public var pieces: [[UInt8]] {
        switch self {
        case .text(let s): return [Array(s.utf8)]
        case .stream(let stream): return TextPieces.collect(stream.write)
        case .bytes(let b): return [b]
        }
    }

    public var bytes: [UInt8] { pieces.concatenated }

    /// Hands the bytes to `sink` in order, a piece at a time, each as soon as it is made (a
    /// stream holds only its current piece); stops making them at the first piece `sink`
    /// refuses (returns false for).
    public func forEachPiece(_ sink: ([UInt8]) -> Bool) {
        switch self {
        case .stream(let stream):
            withoutActuallyEscaping(sink) { sink in
                var out = TextPieces(sink: sink)
                stream.write(&out)
                _ = out.finish()
            }
        default:
            for piece in pieces where !sink(piece) { return }
        }
    }
}

/// An exporter that writes its text into pieces as it makes it (see ``ExportOutput/stream(_:)``).
public struct ExportStream: Sendable {
    let write: @Sendable (inout TextPieces) -> Void

    package init(_ write: @escaping @Sendable (inout TextPieces) -> Void) { self.write = write }
}

extension Array where Element == [UInt8] {
    /// The pieces one after another in one buffer (the piece itself when there is one).
    var concatenated: [UInt8] { count == 1 ? self[0] : [UInt8](joined()) }
}

/// Why an export could not be made (Graphviz missing, say), with what to do.
public struct ExportFailure: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// What an import read: the map, and what was skipped or worth knowing, as sentences.
public struct ImportResult: Sendable {
    public var map: ArgumentMap
    public var notes: [String]

    public init(map: ArgumentMap, notes: [String] = []) {
        self.map = map
        self.notes = notes
    }
}

public enum FormatRegistry {
    public static let all: [FileFormat] = [
        FileFormat(
            name: "argdown", extensions: ["argdown", "ad"],
            summary: "argument files: argmap's subset of Argdown (docs/FORMAT.md)",
            read: { (text, file) throws(LoadFailure) in
                let (map, warnings) = try ArgdownFormat.read(text, file: file)
                return ImportResult(map: map, notes: warnings.map { $0.render(file: file, source: nil) })
            },
            readBytes: { bytes, release in FastReading.isValidUTF8(bytes) ? ArgdownFastReader.read(bytes: bytes, release: release).map { ImportResult(map: $0) } : nil },
            write: { map, _ in .stream(ExportStream { ArgdownPrinter.write(map, to: &$0) }) }, canSave: true),
        FileFormat(
            name: "json", extensions: ["json"],
            summary: "argmap's JSON: claims and relations with all their values",
            recognizes: { text in
                let head = text.utf8.prefix(4096)
                return head.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) == UInt8(ascii: "{")
                    && String(decoding: head, as: UTF8.self).contains("\"argmap\"")
            },
            read: { (text, file) throws(LoadFailure) in ImportResult(map: try ArgmapJSON.read(text, file: file)) },
            readBytes: { bytes, release in
                (ArgmapJSONFastReader.read(bytes: bytes, release: release) ?? ArgmapJSON.readInFull(bytes: bytes, release: release)).map { ImportResult(map: $0) }
            },
            write: { map, _ in .stream(ExportStream { ArgmapJSON.write(map, to: &$0) }) }, canSave: true),
        FileFormat(
            name: "kialo", extensions: ["txt"],
            summary: "Kialo discussion exports (both text formats read; the older written, with -> See links)",
            recognizes: { KialoFormat.recognizes($0) },
            read: { (text, file) throws(LoadFailure) in try KialoFormat.read(text, file: file) },
            readBytes: { bytes, release in KialoFormat.read(bytes: bytes, release: release) },
            write: { (map, _) throws(ExportFailure) in .stream(try KialoFormat.writer(map)) }),
        FileFormat(
            name: "aif", extensions: ["aif"],
            summary: "AIF JSON (AIFdb, and OVA's wrapper): I-nodes, RA supports, CA attacks and undercuts",
            recognizes: { AIFFormat.recognizes($0) },
            read: { (text, file) throws(LoadFailure) in try AIFFormat.read(text, file: file) },
            readBytes: { bytes, release in AIFFormat.read(bytes: bytes, release: release) },
            write: { map, _ in .stream(ExportStream { AIFFormat.write(map, to: &$0) }) }),
        FileFormat(
            name: "argdown-json", extensions: [],
            summary: "Argdown's own JSON export (statements, arguments, relations)",
            recognizes: { ArgdownJSONFormat.recognizes($0) },
            read: { (text, file) throws(LoadFailure) in try ArgdownJSONFormat.read(text, file: file) },
),
        FileFormat(
            name: "dot", extensions: ["dot", "gv"],
            summary: "Graphviz DOT: the map as a graph (supports green and solid, attacks red and dashed)",
            write: { map, options in .stream(ExportStream { DotExporter.write(map, options, to: &$0) }) }, showsScores: true),
        FileFormat(
            name: "svg", extensions: ["svg"], summary: "a picture (SVG), drawn by Graphviz's dot",
            write: { (map, options) throws(ExportFailure) in .bytes(try Graphviz.render(DotExporter.write(map, options), format: "svg")) }, showsScores: true),
        FileFormat(
            name: "png", extensions: ["png"], summary: "a picture (PNG), drawn by Graphviz's dot",
            write: { (map, options) throws(ExportFailure) in .bytes(try Graphviz.render(DotExporter.write(map, options), format: "png")) }, showsScores: true),
        FileFormat(
            name: "pdf", extensions: ["pdf"], summary: "a PDF page, drawn by Graphviz's dot",
            write: { (map, options) throws(ExportFailure) in .bytes(try Graphviz.render(DotExporter.write(map, options), format: "pdf")) }, showsScores: true),
        FileFormat(
            name: "mermaid", extensions: ["mmd", "mermaid"], summary: "a Mermaid flowchart (for Markdown pages that render Mermaid)",
            write: { map, options in .stream(ExportStream { MermaidExporter.write(map, options, to: &$0) }) }, showsScores: true),
        FileFormat(
            name: "markdown", extensions: ["md", "markdown"], summary: "a nested outline with pro/con markers, sources and scores",
            write: { map, options in .stream(ExportStream { MarkdownExporter.write(map, options, to: &$0) }) }, showsScores: true),
        FileFormat(
            name: "html", extensions: ["html", "htm"], summary: "one self-contained page: the picture, a collapsible tree with scores, sources and a search box",
            write: { map, options in
                var options = options
                // The picture is optional: without Graphviz, or for maps too large to draw
                // legibly (over 500 claims), the page has the tree alone.
                if options.picture == nil, map.count <= 500, let svg = try? Graphviz.render(DotExporter.write(map, options), format: "svg") {
                    options.picture = HTMLExporter.inlineSVG(String(decoding: svg, as: UTF8.self))
                }
                let page = options
                return .stream(ExportStream { HTMLExporter.write(map, page, to: &$0) })
            }, showsScores: true),
        FileFormat(
            name: "flow-csv", extensions: [], summary: "the debate flow as a spreadsheet: a column per speech, a row per answer, sheets in turn",
            write: { map, _ in .stream(ExportStream { FlowExporter.writeCSV(map, to: &$0) }) }),
        FileFormat(
            name: "flow-html", extensions: [], summary: "the debate flow as a page: one table per sheet, drops marked",
            write: { map, _ in .stream(ExportStream { FlowExporter.writeHTML(map, to: &$0) }) }),
        FileFormat(
            name: "csv", extensions: ["csv"], summary: "one row per relation, for spreadsheets",
            write: { map, options in .stream(ExportStream { CSVExporter.write(map, options, to: &$0) }) }, showsScores: true),
    ]

    public static func named(_ name: String) -> FileFormat? {
        all.first { $0.name == name.lowercased() }
    }

    /// A file's map through its format's fast path, from the file's bytes with no string in
    /// between: the format told from the start of the file (as ``detect(path:text:)`` tells it),
    /// the bytes checked as UTF-8 by the format's reader. Nil wherever the text must be read in
    /// full (another format, a file not in argmap's own layout, a byte that is not UTF-8), which
    /// the format's ``FileFormat/read`` then does, with its messages. `release` is called with
    /// each range of the bytes the reader is done with (see `FileIO.withMappedBytes`).
    /// `format` names the format instead (`--from`).
    public static func readFast(path: String, bytes: UnsafeBufferPointer<UInt8>, release: (Range<Int>) -> Void = { _ in }, format named: FileFormat? = nil) -> (result: ImportResult, format: FileFormat)? {
        let head = named == nil ? String(decoding: UnsafeBufferPointer(rebasing: bytes.prefix(1 << 16)), as: UTF8.self) : ""
        guard let format = named ?? detect(path: path, text: head), let fast = format.readBytes,
              let result = fast(bytes, release) else { return nil }
        return (result, format)
    }

    /// The format of a file: by content first, then by extension.
    public static func detect(path: String, text: String) -> FileFormat? {
        if let byContent = all.first(where: { $0.recognizes?(text) == true }) { return byContent }
        return byExtension(path)
    }

    public static func byExtension(_ path: String) -> FileFormat? {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        let ext = path[path.index(after: dot)...].lowercased()
        return all.first { $0.extensions.contains(ext) }
    }
}
