import ArgMapDebate
import ArgMapModel

extension Commands {
    static let flow = Command(
        name: "flow", group: .debate,
        usage: "flow [SHEET] [--text]",
        summary: "the map as a debate flow: a column per speech, one sheet per position",
        discussion: "Each position (an argument directly under a thesis) is a sheet; each answer stands on the row of what it answers, in the column of its speech. A claim's speech is its speech data (set ID speech 2AC); where none is recorded it is inferred (shown with ?): a claim on its parent's side in its parent's speech, an answer in the other side's next speech. Dropped arguments are marked !. --text shows the start of each claim's text instead of its id. export flow-csv and export flow-html write the same flow.",
        examples: ["flow", "flow cost-disadvantage", "flow --text"],
        arguments: [.claim], options: [OptionSpec("text", nil, "show text instead of ids")], maxArguments: 1,
        run: { inv throws(CommandError) in
            let (args, options) = try inv.parse()
            let s = inv.session
            let flow = Flow(s.map)
            guard !flow.sheets.isEmpty else { throw CommandError("the map is empty: nothing to flow", at: inv.commandWord) }
            var sheets = flow.sheets
            if let w = args.first {
                let c = try s.resolveClaim(w)
                sheets = sheets.filter { $0.position == c }
                guard !sheets.isEmpty else {
                    throw CommandError("\(s.map.claims[c].id) is not a position (an argument directly under a thesis)", at: w,
                                       hint: "positions: " + flow.sheets.map { s.map.claims[$0.position].id }.joined(separator: ", "))
                }
            }
            let dropped = Set(Drops.find(in: s.map, round: flow.round).map(\.claim))
            let columns = Speech.allCases.count
            let width = max(8, (max(inv.console.width, 80) - columns - 1) / columns)
            func cut(_ t: String) -> String {
                t.count <= width ? t + String(repeating: " ", count: width - t.count) : String(t.prefix(width - 1)) + "…"
            }
            var out: [String] = []
            for sheet in sheets {
                let p = s.map.claims[sheet.position]
                out.append("Sheet \(p.id) (\(flow.round.side[sheet.position].rawValue)): \(p.text)")
                out.append(Speech.allCases.map { cut($0.rawValue) }.joined(separator: "│"))
                out.append(String(repeating: "─", count: width * columns + columns - 1))
                for row in sheet.grid {
                    out.append(row.map { cell -> String in
                        guard let c = cell else { return cut("") }
                        let mark = (dropped.contains(c) ? "!" : "") + (flow.round.recorded[c] ? "" : "?")
                        return cut((options["text"] != nil ? s.map.claims[c].text : s.map.claims[c].id) + mark)
                    }.joined(separator: "│"))
                }
                out.append("")
            }
            out.append("! dropped   ? speech inferred")
            inv.console.print(out.joined(separator: "\n"))
        })

    static let drops = Command(
        name: "drops", group: .debate,
        usage: "drops",
        summary: "arguments the other side never answered in time, by sheet",
        discussion: "An argument made in a speech must be answered in the other side's next speech (the 2NC and 1NR together count as one); an answer given later is new and does not count. Arguments whose answering speech the round has not reached are not listed. With set conceded on, scores treat dropped arguments as conceded: their base score is raised to \(DataValue.format(Drops.concededBase)) (taken as true).",
        examples: ["drops", "set conceded on"],
        maxArguments: 0,
        run: { inv throws(CommandError) in
            _ = try inv.parse()
            let s = inv.session
            let flow = Flow(s.map)
            let drops = Drops.find(in: s.map, round: flow.round)
            guard !drops.isEmpty else {
                inv.console.print(flow.round.lastSpeech.map { "no drops (the round reaches the \($0.rawValue))" } ?? "no drops")
                return
            }
            // Grouped by sheet, sheets in the order their first drop comes.
            let firstSheet = flow.firstSheets(claims: s.map.count)
            var bySheet: [(Int?, [Drop])] = []
            var group: [Int?: Int] = [:]
            for d in drops {
                let sheet = firstSheet[d.claim]
                if let i = group[sheet] { bySheet[i].1.append(d) } else { group[sheet] = bySheet.count; bySheet.append((sheet, [d])) }
            }
            var out: [String] = []
            for (sheet, list) in bySheet {
                out.append("Sheet " + (sheet.map { s.map.claims[flow.sheets[$0].position].id } ?? "(none)") + ":")
                for d in list {
                    let claim = s.map.claims[d.claim]
                    var line = "  \(claim.id) (\(d.side.rawValue), \(d.speech.rawValue)\(flow.round.recorded[d.claim] ? "" : "?")): not answered by the \(d.side.other.rawValue) by the \(d.deadline.rawValue)"
                    if !d.lateAnswers.isEmpty { line += "; answered too late by " + d.lateAnswers.map { s.map.claims[$0].id }.joined(separator: ", ") }
                    out.append(line)
                    out.append("    " + TextLayout.truncate(claim.text, to: max(20, inv.console.width - 4)))
                }
            }
            out.append("\(drops.count) dropped" + (s.settings.conceded ? "; scored as conceded (base \(DataValue.format(Drops.concededBase)))" : "; set conceded on to score them as conceded"))
            inv.console.print(out.joined(separator: "\n"))
        })
}
