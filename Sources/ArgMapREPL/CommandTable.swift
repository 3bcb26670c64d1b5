/// The commands, looked up by name, alias or unique prefix, with "did you mean" for typos.
public struct CommandTable: Sendable {
    public let commands: [Command]

    public init(_ commands: [Command]) {
        self.commands = commands
    }

    public static let standard = CommandTable(Commands.all)

    /// Every name and alias.
    public var allNames: [String] { commands.flatMap { [$0.name] + $0.aliases } }

    public enum Lookup {
        case found(Command)
        case ambiguous([String])
        case unknown(suggestion: String?)
    }

    public func lookup(_ word: String) -> Lookup {
        if let c = commands.first(where: { $0.name == word || $0.aliases.contains(word) }) { return .found(c) }
        let matches = commands.filter { c in ([c.name] + c.aliases).contains { $0.hasPrefix(word) } }
        if matches.count == 1, !word.isEmpty { return .found(matches[0]) }
        if matches.count > 1 { return .ambiguous(matches.map(\.name).sorted()) }
        return .unknown(suggestion: Self.nearest(to: word, in: allNames))
    }

    public func command(_ name: String) -> Command? {
        if case .found(let c) = lookup(name) { return c }
        return nil
    }

    /// The candidate closest to a word by edit distance, if it is close enough to be a typo.
    public static func nearest(to word: String, in candidates: [String]) -> String? {
        var best: (String, Int)?
        let limit = max(1, min(3, word.count / 2))
        for c in candidates {
            let d = editDistance(word.lowercased(), c.lowercased(), limit: limit)
            if d <= limit, best == nil || d < best!.1 { best = (c, d) }
        }
        return best?.0
    }

    /// Levenshtein distance, giving up (returning limit + 1) once it exceeds `limit`.
    public static func editDistance(_ a: String, _ b: String, limit: Int = .max) -> Int {
        let a = Array(a), b = Array(b)
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = current[0]
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
