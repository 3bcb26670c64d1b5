import ArgMapModel

extension Session {
    /// The claims numbered under a place: a claim's supporters, attackers and undercutters in
    /// relation order, or the theses at the top.
    public func numberedChildren(of c: Int?) -> [Int] {
        guard let c else { return map.theses }
        return map.incoming[c].map { map.relations[$0].from }
    }

    /// Resolves an address to a claim; nil means the top of the map.
    ///
    /// Addresses: an id; a unique prefix of an id; `N` (the focus's Nth child, as `ls` numbers
    /// them); `1.2.3` (from the first thesis: its second child's third child); `/N` (the Nth
    /// thesis); `.` (the focus); `..` (the focus's parent on the path); `/` (the top); and
    /// relative paths joined by `/` such as `../2`.
    public func resolve(_ word: Word) throws(CommandError) -> Int? {
        let text = word.text
        if text.isEmpty { throw CommandError("an empty address names no claim", at: word) }
        if let c = map.index(of: text) { return c }
        if text == "/" { return nil }

        // Paths made of numbers, dots and slashes.
        if text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "/") }) {
            if text.contains("."), !text.hasPrefix("."), text.split(separator: ".").allSatisfy({ Int($0) != nil }), !text.contains("/") {
                let parts = text.split(separator: ".").map { Int($0)! }
                var current: Int? = nil
                for (k, n) in parts.enumerated() {
                    current = try child(n, of: current, word: word, path: parts[0...k].map(String.init).joined(separator: "."))
                }
                return current
            }
            var path: [String] = text.hasPrefix("/") ? [] : focusPath
            var current: Int? = text.hasPrefix("/") ? nil : focus
            for part in text.split(separator: "/", omittingEmptySubsequences: true) {
                switch part {
                case ".": continue
                case "..":
                    if path.isEmpty { throw CommandError("already at the top of the map", at: word) }
                    path.removeLast()
                    current = path.last.flatMap { map.index(of: $0) }
                default:
                    guard let n = Int(part) else { throw CommandError("'\(part)' is not a position", at: word) }
                    let c = try child(n, of: current, word: word, path: String(part))
                    path.append(map.claims[c].id)
                    current = c
                }
            }
            return current
        }

        // A unique prefix of an id.
        let (matches, folded) = prefixMatches(text)
        func ambiguous(_ list: [Int], hint: String) -> CommandError {
            CommandError("'\(text)' could be \(list.count) claims: \(map.named(list))", at: word, hint: hint)
        }
        if matches.count == 1 { return matches[0] }
        if matches.count > 1 { throw ambiguous(matches, hint: "type more of the id") }
        if folded.count == 1 { return folded[0] }
        if folded.count > 1 { throw ambiguous(folded, hint: "type more of the id, in its case") }
        var hint = "see the ids with ls or tree, or search with find"
        if let near = CommandTable.nearest(to: text, count: min(map.count, 100_000), { map.claims[$0].id }) { hint = "did you mean '\(near)'?" }
        throw CommandError("no claim '\(text)'", at: word, hint: hint)
    }

    /// The claims whose id starts with `text`, and those whose id starts with it in any case,
    /// in order. An ASCII prefix is compared byte by byte (where the id goes on with ASCII, or
    /// ends, bytes and characters agree), a large map in halves on both cores; anything else
    /// goes through `hasPrefix` and `lowercased()`.
    func prefixMatches(_ text: String) -> (exact: [Int], folded: [Int]) {
        let lowered = text.lowercased(), needle = Array(text.utf8), low = Array(lowered.utf8)
        let ascii = needle.allSatisfy { $0 < 0x80 }
        let claims = map.claims
        let pieces = Parallel.pieces(claims.indices, claims.count >= 100_000 ? 2 : 1)
        let found = Parallel.map(pieces.count) { k -> (exact: [Int], folded: [Int]) in
            var exact: [Int] = [], folded: [Int] = []
            for c in pieces[k] {
                var id = claims[c].id
                // 1: a prefix as written, 2: in any case, 0: neither, nil: ask the characters.
                let answer: Int? = !ascii ? nil : id.withUTF8 { bytes -> Int? in
                    guard bytes.count >= needle.count else { return 0 }
                    if bytes.count > needle.count, bytes[needle.count] >= 0x80 { return nil }
                    var same = true
                    for k in needle.indices {
                        let b = bytes[k]
                        if b >= 0x80 { return nil }
                        if b != needle[k] {
                            same = false
                            if b.asciiLowercased != low[k] { return 0 }
                        }
                    }
                    return same ? 1 : 2
                }
                switch answer {
                case 1?: exact.append(c); folded.append(c)
                case 2?: folded.append(c)
                case 0?: break
                default:
                    if id.hasPrefix(text) { exact.append(c) }
                    if id.lowercased().hasPrefix(lowered) { folded.append(c) }
                }
            }
            return (exact, folded)
        }
        return (found.flatMap(\.exact), found.flatMap(\.folded))
    }

    /// Resolves an address that must name a claim (not the top).
    public func resolveClaim(_ word: Word) throws(CommandError) -> Int {
        guard let c = try resolve(word) else {
            throw CommandError("'\(word.text)' is the top of the map, not a claim", at: word)
        }
        return c
    }

    private func child(_ n: Int, of c: Int?, word: Word, path: String) throws(CommandError) -> Int {
        // (A claim's children read in place, not listed: a thesis may have a million.)
        let theses = c == nil ? map.theses : [], count = c.map { map.incoming[$0].count } ?? theses.count
        guard n >= 1, n <= count else {
            let place = c.map { "'\(map.claims[$0].id)'" } ?? "the top of the map"
            throw CommandError("\(place) has \(count == 0 ? "no" : "only \(count)") \(c == nil ? "theses" : "claims under it"); there is no \(path)",
                               at: word, hint: "ls lists them with their numbers")
        }
        return c.map { map.relations[map.incoming[$0][n - 1]].from } ?? theses[n - 1]
    }

    /// The position of a claim along its first parents, as `1.2.3`.
    public func position(of c: Int) -> String? { positions(of: [c])[0] }

    /// The positions of several claims (nil for one whose first parents go round a cycle).
    /// A thesis's number counts the theses before it, in one pass that stops at the last
    /// thesis asked for: nothing for a thesis at the front, as most are.
    public func positions(of claims: [Int]) -> [String?] {
        // Each claim's number among its parent's answers, step by step up to its thesis.
        // (Of a deep one, only the steps a shortened position names: ``position(thesis:upward:)``.)
        let paths = claims.map { map.firstParentSteps(of: $0, near: Self.positionTail, far: Self.longestPosition - 1 - Self.positionTail) }
        let wanted = Set(paths.compactMap { $0?.thesis })
        var number: [Int: Int] = [:]
        if let last = wanted.max() {
            var theses = 0
            for c in 0...last where map.outgoing[c].isEmpty {
                theses += 1
                if wanted.contains(c) { number[c] = theses }
            }
        }
        return paths.map { path in
            path.flatMap { path in number[path.thesis].map { Self.position(thesis: $0, upward: (path.steps, path.count)) } }
        }
    }

    /// The position of a thesis's number and the way down from it
    /// (``ArgumentMap/firstParentSteps(of:near:far:)``: its steps from the last up, every one
    /// or, for a deep one, the first ``positionTail`` and at least the last ``positionHead``
    /// less one, and how many there are), thesis first, as `1.2.3`; past ``longestPosition``
    /// numbers, shortened.
    static func position(thesis: Int, upward way: (steps: [Int], count: Int)) -> String {
        let count = way.count + 1
        guard count > longestPosition else { return ([thesis] + way.steps.reversed()).map(String.init).joined(separator: ".") }
        let head = [thesis] + way.steps.suffix(positionHead - 1).reversed(), tail = way.steps.prefix(positionTail).reversed()
        let left = count - positionHead - positionTail
        return (head.map(String.init) + ["(\(left) more)"] + tail.map(String.init)).joined(separator: ".")
    }

    /// The most numbers a position is written with in full, as an address to type; a deeper
    /// one (a chain a million deep) is written with its first ``positionHead`` and last
    /// ``positionTail`` numbers and how many are left out between them
    /// (`1.1.1.1.1.1.(999991 more).1.1.1`).
    static let longestPosition = 64, positionHead = 6, positionTail = 3
}
