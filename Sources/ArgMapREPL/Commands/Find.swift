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
            for (c, claim) in s.map.claims.enumerated() {
                let haystacks = [claim.text, claim.id] + claim.tags.map { "#" + $0 } + claim.sources.map { "\($0.citation) \($0.date ?? "") \($0.url ?? "")" } + [claim.note ?? ""]
                if haystacks.contains(where: { $0.lowercased().contains(needle) }) {
                    total += 1
                    if hits.count < 50 { hits.append(c) }
                }
            }
            guard total > 0 else { throw CommandError("nothing matches '\(needle)'", at: args[0]) }
            var out: [String] = []
            for c in hits {
                let pos = s.position(of: c) ?? "-"
                out.append(s.claimLine(c, prefix: pos.padding(to: 8), prefixWidth: max(9, pos.count + 1), relation: nil, console: inv.console))
            }
            if total > hits.count { out.append("… and \(total - hits.count) more; narrow the search") }
            inv.console.print(out.joined(separator: "\n"))
        })
}
