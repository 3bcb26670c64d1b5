import ArgMapModel

/// One file format argmap reads or writes: its name, its file extensions, how to recognise
/// its content, and its reader and writer where it has them. Every command that reads or
/// writes files goes through this one registry.
public struct FileFormat: Sendable {
    public var name: String
    public var extensions: [String]
    public var summary: String
    /// Whether text looks like this format (content beats extension when detecting).
    public var recognizes: @Sendable (String) -> Bool
    public var read: (@Sendable (String, String?) throws(LoadFailure) -> ImportResult)?
    public var write: (@Sendable (ArgumentMap) -> String)?
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
            recognizes: { _ in false },
            read: { (text, file) throws(LoadFailure) in
                let (map, warnings) = try ArgdownFormat.read(text, file: file)
                return ImportResult(map: map, notes: warnings.map { $0.render(file: file, source: nil) })
            },
            write: { ArgdownFormat.write($0) }),
        FileFormat(
            name: "json", extensions: ["json"],
            summary: "argmap's JSON: claims and relations with all their values",
            recognizes: { text in
                let head = text.utf8.prefix(4096)
                return head.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) == UInt8(ascii: "{")
                    && String(decoding: head, as: UTF8.self).contains("\"argmap\"")
            },
            read: { (text, file) throws(LoadFailure) in ImportResult(map: try ArgmapJSON.read(text, file: file)) },
            write: { ArgmapJSON.write($0) }),
    ]

    public static func named(_ name: String) -> FileFormat? {
        all.first { $0.name == name.lowercased() }
    }

    /// The format of a file: by content first, then by extension.
    public static func detect(path: String, text: String) -> FileFormat? {
        if let byContent = all.first(where: { $0.recognizes(text) }) { return byContent }
        return byExtension(path)
    }

    public static func byExtension(_ path: String) -> FileFormat? {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        let ext = path[path.index(after: dot)...].lowercased()
        return all.first { $0.extensions.contains(ext) }
    }
}
