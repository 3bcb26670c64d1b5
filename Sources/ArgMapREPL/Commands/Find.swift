extension Commands {
    static let find = Command(
        name: "find", aliases: ["search"], group: .navigation,
        usage: "find TEXT",
        summary: "search claims' text, ids, tags and sources (case-insensitive)",
        discussion: "Each result starts with its position, which cd accepts. At most 50 results are shown.",
        examples: ["find Magadan", "find #evidence"],
        arguments: [.text], minArguments: 1, maxArguments: nil,
        run: { inv throws(CommandError) in
            let (args, _) = try inv.parse()
            let needle = inv.text(from: args[0]).lowercased()
            let s = inv.session
            var hits: [Int] = []
            var total = 0
            let matches = Matcher(needle)
            for (c, claim) in s.map.claims.enumerated() {
                func hit() -> Bool {
                    if matches(claim.text) || matches(claim.id) { return true }
                    if claim.tags.contains(where: { matches("#" + $0) }) { return true }
                    if claim.sources.contains(where: { matches("\($0.citation) \($0.date ?? "") \($0.url ?? "")") }) { return true }
                    return claim.note.map { matches($0) } ?? false
                }
                if hit() {
                    total += 1
                    if hits.count < 50 { hits.append(c) }
                }
            }
            guard total > 0 else { throw CommandError("nothing matches '\(needle)'", at: args[0]) }
            var out: [String] = []
            let roots = s.map.roots
            for c in hits {
                let pos = s.position(of: c, roots: roots) ?? "-"
                out.append(s.claimLine(c, prefix: pos.padding(to: 8), prefixWidth: max(9, pos.count + 1), relation: nil, console: inv.console))
            }
            if total > hits.count { out.append("… and \(total - hits.count) more; narrow the search") }
            inv.console.print(out.joined(separator: "\n"))
        })
}

/// Case-insensitive search for `find`, run over every field of every claim, comparing UTF-8
/// bytes (a match of bytes in valid UTF-8 is a match of whole characters). An ASCII needle
/// (the usual case) folds ASCII letters as it goes, with no copy of the text; any other
/// needle is looked for in the lower-cased text.
struct Matcher {
    let needle: [UInt8]
    let isASCII: Bool

    init(_ lowercasedNeedle: String) {
        needle = Array(lowercasedNeedle.utf8)
        isASCII = needle.allSatisfy { $0 < 0x80 }
    }

    func callAsFunction(_ haystack: String) -> Bool {
        if needle.isEmpty { return true }
        var text = isASCII ? haystack : haystack.lowercased()
        let fold = isASCII
        return text.withUTF8 { bytes in
            guard bytes.count >= needle.count else { return false }
            let first = needle[0]
            for start in 0...(bytes.count - needle.count) where Matcher.fold(bytes[start], fold) == first {
                var k = 1
                while k < needle.count, Matcher.fold(bytes[start + k], fold) == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            return false
        }
    }

    @inline(__always) static func fold(_ b: UInt8, _ on: Bool) -> UInt8 { on && b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
}
