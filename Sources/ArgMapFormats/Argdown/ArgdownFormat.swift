import ArgMapModel

/// Reading and writing argument files: parse, lower, and report errors in the
/// `FILE:LINE:COL: error:` form. A file with errors loads nothing.
public enum ArgdownFormat {
    /// Reads Argdown text into a map, or fails with every error found. Warnings of a
    /// successful read are returned beside the map.
    ///
    /// Files in the layout argmap writes take a fast path (``readFast(_:)``), which answers only
    /// where the general reader would build the same map and say nothing; `fastPath: false`
    /// always uses the general reader.
    public static func read(_ text: String, file: String? = nil, fastPath: Bool = true) throws(LoadFailure) -> (map: ArgumentMap, warnings: [Diagnostic]) {
        if fastPath, let map = readFast(text) { return (map, []) }
        let (document, parseDiagnostics) = ArgdownParser.parse(text)
        if parseDiagnostics.contains(where: { $0.severity == .error }) {
            throw LoadFailure(parseDiagnostics, file: file, source: SourceText(text))
        }
        let (map, lowerDiagnostics) = ArgdownLowering.lower(document)
        let all = parseDiagnostics + lowerDiagnostics
        if all.contains(where: { $0.severity == .error }) {
            throw LoadFailure(all.sorted { ($0.location ?? SourceLocation(line: 0, column: 0)) < ($1.location ?? SourceLocation(line: 0, column: 0)) },
                              file: file, source: SourceText(text))
        }
        return (map, all)
    }

    /// The fast path alone: the map of a file in the layout argmap writes, read in one pass on
    /// both cores, or nil when the file needs the general reader (see ``ArgdownFastReader``).
    public static func readFast(_ text: String) -> ArgumentMap? {
        FastReading.read(text) { ArgdownFastReader.read(bytes: $0) }
    }

    public static func write(_ map: ArgumentMap) -> String {
        ArgdownPrinter.print(map)
    }

    /// The argument file as UTF-8 bytes, as `save` writes it (no String in between).
    public static func writeBytes(_ map: ArgumentMap) -> [UInt8] {
        ArgdownPrinter.bytes(map)
    }
}
