#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgMapFormats

/// Tab completion from the command records: command names first, then each argument by its
/// kind (claim ids, files, semantics, formats, keywords) and option names.
public struct Completer {
    public let session: Session
    public let table: CommandTable

    public init(session: Session, table: CommandTable) {
        self.session = session
        self.table = table
    }

    /// The candidates for the word being typed at the end of `line`, and that word.
    public func candidates(for line: String) -> (partial: String, candidates: [String]) {
        var words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let partial: String
        if line.last == " " || line.isEmpty { partial = "" } else { partial = words.removeLast() }
        let clean = partial.hasPrefix("\"") || partial.hasPrefix("'") ? String(partial.dropFirst()) : partial
        if words.isEmpty {
            return (clean, table.allNames.filter { $0.hasPrefix(clean) && !$0.hasSuffix("!") }.sorted())
        }
        guard let command = table.command(words[0]) else { return (clean, []) }
        if clean.hasPrefix("--") {
            return (clean, command.options.map { "--" + $0.name }.filter { $0.hasPrefix(clean) })
        }
        var kind: ArgumentKind?
        if let previous = words.last, previous.hasPrefix("--"), let option = command.options.first(where: { "--" + $0.name == previous }) {
            kind = option.value
        } else {
            var position = 0
            var skip = false
            for w in words.dropFirst() {
                if skip { skip = false; continue }
                if w.hasPrefix("--") { skip = command.options.first(where: { "--" + $0.name == w })?.value != nil; continue }
                position += 1
            }
            if command.name == "set", position == 0 {
                return (clean, (Commands.settingNames + claimCandidates(clean)).filter { $0.hasPrefix(clean) })
            }
            if command.name == "set", position == 2, words.count >= 2, words[1] == "semantics" {
                kind = nil
                return (clean, Commands.semanticsNames.filter { $0.hasPrefix(clean) })
            }
            if !command.arguments.isEmpty {
                kind = command.arguments[min(position, command.arguments.count - 1)]
                if position >= command.arguments.count, command.arguments.last != .text, command.arguments.last != .file { kind = nil }
            }
        }
        switch kind {
        case .claim: return (clean, claimCandidates(clean))
        case .file: return (clean, Completer.files(clean))
        case .command: return (clean, table.commands.map(\.name).filter { $0.hasPrefix(clean) })
        case .semantics: return (clean, Commands.semanticsNames.filter { $0.hasPrefix(clean) })
        case .format: return (clean, FormatRegistry.all.map(\.name).filter { $0.hasPrefix(clean) })
        case .keyword(let words): return (clean, words.filter { $0.hasPrefix(clean) })
        case .text, .number, .none: return (clean, [])
        }
    }

    func claimCandidates(_ prefix: String) -> [String] {
        var out: [String] = []
        for claim in session.map.claims where claim.id.hasPrefix(prefix) {
            out.append(claim.id)
            if out.count >= 2000 { break }
        }
        return out.sorted()
    }

    /// Files and directories starting with a prefix (directories end in /).
    static func files(_ prefix: String) -> [String] {
        let dir: String, namePrefix: String, shown: String
        if let slash = prefix.lastIndex(of: "/") {
            shown = String(prefix[...slash])
            dir = shown
            namePrefix = String(prefix[prefix.index(after: slash)...])
        } else {
            shown = ""
            dir = "."
            namePrefix = prefix
        }
        guard let d = opendir(dir) else { return [] }
        defer { closedir(d) }
        var out: [String] = []
        while let entry = readdir(d) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { ptr in
                ptr.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            guard name != ".", name != "..", name.hasPrefix(namePrefix), !name.hasPrefix(".") || namePrefix.hasPrefix(".") else { continue }
            var st = stat()
            let isDir = stat(dir + "/" + name, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
            out.append(shown + name + (isDir ? "/" : ""))
        }
        return out.sorted()
    }

    /// The longest prefix the candidates share.
    public static func commonPrefix(_ items: [String]) -> String {
        guard var prefix = items.first else { return "" }
        for item in items.dropFirst() {
            while !item.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }
}
