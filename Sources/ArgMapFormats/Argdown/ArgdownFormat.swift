import ArgMapModel

/// Reading and writing argument files: parse, lower, and report errors in the
/// `FILE:LINE:COL: error:` form. A file with errors loads nothing.
public enum ArgdownFormat {
    /// Reads Argdown text into a map, or fails with every error found. Warnings of a
    /// successful read are returned beside the map.
    public static func read(_ text: String, file: String? = nil) throws(LoadFailure) -> (map: ArgumentMap, warnings: [Diagnostic]) {
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

    public static func write(_ map: ArgumentMap) -> String {
        ArgdownPrinter.print(map)
    }
}
