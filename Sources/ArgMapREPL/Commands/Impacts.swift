import ArgMapDebate
import ArgMapModel

extension Commands {
    static let impacts = Command(
        name: "impacts", group: .debate,
        usage: "impacts",
        summary: "the impacts in the map, ranked by risk (magnitude × probability)",
        discussion: "A claim carries an impact when its data records magnitude or probability (0 to 1), timeframe (immediate, days, weeks, months, years, decades, or a number of years) or reversibility (reversible or irreversible): set ID magnitude 0.9. Ranked by risk, then the sooner first, then the irreversible first. The score column is the claim's current score: an impact is only as good as the argument for it.",
        examples: ["set schools-decline magnitude 0.6", "set schools-decline timeframe years", "impacts"],
        maxArguments: 0,
        run: { inv throws(CommandError) in
            _ = try inv.parse()
            let s = inv.session
            let list = Impact.all(in: s.map).sorted { a, b in
                (a.risk ?? -1, -(a.years ?? .infinity), a.irreversible == true ? 1 : 0) > (b.risk ?? -1, -(b.years ?? .infinity), b.irreversible == true ? 1 : 0)
            }
            guard !list.isEmpty else {
                inv.console.print("no impacts: record one with set ID magnitude 0.8, set ID probability 0.3, set ID timeframe years, set ID reversibility irreversible")
                return
            }
            let round = s.round()
            func n(_ d: Double?) -> String { d.map { Session.format($0) } ?? "?" }
            var rows = [["#", "claim", "side", "magnitude", "probability", "timeframe", "reversible", "risk", "score"]]
            for (k, impact) in list.enumerated() {
                let c = impact.claim
                rows.append(["\(k + 1)", s.map.claims[c].id, round.side[c].rawValue, n(impact.magnitude), n(impact.probability),
                             impact.timeframe ?? "?", impact.irreversible.map { $0 ? "no" : "yes" } ?? "?", n(impact.risk),
                             s.scoreText(c).map { $0.hasPrefix("score ") ? String($0.dropFirst(6)) : $0 } ?? "?"])
            }
            inv.console.print(Commands.table(rows))
        })

    static let weigh = Command(
        name: "weigh", group: .debate,
        usage: "weigh A B",
        summary: "compare two impacts on magnitude, probability, timeframe and reversibility",
        discussion: "Each dimension names its winner. Risk (magnitude × probability) decides which impact outweighs; when the risks are equal or cannot be compared, the sooner impact wins, then the one that cannot be undone.",
        examples: ["weigh schools-decline harms"],
        arguments: [.claim, .claim], minArguments: 2, maxArguments: 2,
        run: { inv throws(CommandError) in
            let (args, _) = try inv.parse()
            let s = inv.session
            let a = try s.resolveClaim(args[0]), b = try s.resolveClaim(args[1])
            guard a != b else { throw CommandError("weigh needs two different claims", at: args[1]) }
            for (c, w) in [(a, args[0]), (b, args[1])] where Impact(s.map, c) == nil {
                throw CommandError("\(s.map.claims[c].id) records no impact", at: w, hint: "set \(s.map.claims[c].id) magnitude 0.8 (and probability, timeframe, reversibility)")
            }
            let names = (s.map.claims[a].id, s.map.claims[b].id)
            let (lines, _, summary) = Weighing.compare(Impact(s.map, a)!, Impact(s.map, b)!, names: names)
            var out = lines.map { "  " + $0.dimension.padding(to: 14) + $0.reason }
            out.append(summary)
            inv.console.print(out.joined(separator: "\n"))
        })

    /// Rows as aligned columns, the first row a header.
    static func table(_ rows: [[String]]) -> String {
        guard let header = rows.first else { return "" }
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        return rows.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell + String(repeating: " ", count: max(0, widths[i] - cell.count))
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
