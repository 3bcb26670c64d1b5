import ArgMapModel
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
    /// Between ASCII words (ids, names), the distance is counted over bytes, with no copy.
    public static func nearest(to word: String, in candidates: [String]) -> String? {
        nearest(to: word, count: candidates.count) { candidates[$0] }
    }

    /// ``nearest(to:in:)`` among `count` candidates read by number; many are searched in
    /// halves on both cores (the first closest wins, as one pass would find it).
    public static func nearest(to word: String, count: Int, _ candidate: (Int) -> String) -> String? {
        let pieces = Parallel.pieces(0..<count, count >= 20_000 ? 2 : 1)
        let found = Parallel.map(pieces.count) { k in closest(to: word, in: pieces[k].lazy.map(candidate)) }
        return found.compactMap { $0 }.min { $0.distance < $1.distance }?.candidate
    }

    private static func closest(to word: String, in candidates: some Sequence<String>) -> (candidate: String, distance: Int)? {
        var best: (String, Int)?
        let limit = max(1, min(3, word.count / 2))
        let lowered = word.lowercased(), needle = Array(lowered.utf8)
        let asciiNeedle = needle.allSatisfy { $0 < 0x80 }
        for c in candidates {
            let length = c.utf8.count
            // Fewer bytes than the needle has characters, less the limit: too short.
            if asciiNeedle && length < needle.count - limit { continue }
            var candidate = c
            let ascii = asciiNeedle && candidate.withUTF8 { $0.allSatisfy { $0 < 0x80 } }
            if ascii && length > needle.count + limit { continue }
            let d = ascii
                ? needle.withUnsafeBufferPointer { n in candidate.withUTF8 { asciiDistance(n, $0, limit: limit) } }
                : editDistance(lowered, c.lowercased(), limit: limit)
            if d <= limit, best == nil || d < best!.1 { best = (c, d) }
            if d == 0 { break }
        }
        return best
    }

    /// ``editDistance(_:_:limit:)`` between ASCII byte strings, the second folded to lower
    /// case as it is read (the first is lower case already).
    static func asciiDistance(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>, limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * (b.count + 1)) { rows in
            var previous = rows.baseAddress!, current = previous + (b.count + 1)
            for j in 0...b.count { previous[j] = j }
            for i in 1...a.count {
                current[0] = i
                var rowMin = i
                for j in 1...b.count {
                    let folded = b[j - 1].asciiLowercased
                    current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == folded ? 0 : 1))
                    rowMin = min(rowMin, current[j])
                }
                if rowMin > limit { return limit + 1 }
                swap(&previous, &current)
            }
            return previous[b.count]
        }
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
