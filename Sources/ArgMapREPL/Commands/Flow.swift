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
            let map = s.map  // read once, not at every cell
            guard !map.claims.isEmpty else { throw CommandError("the map is empty: nothing to flow", at: inv.commandWord) }
            // One sheet is laid out alone.
            var only: Int?
            if let w = args.first {
                let c = try s.resolveClaim(w)
                let positions = Flow.positions(map)
                guard positions.contains(where: { $0.position == c }) else {
                    throw CommandError("\(map.claims[c].id) is not a position (an argument directly under a thesis)", at: w,
                                       hint: "positions: " + positions.map { map.claims[$0.position].id }.joined(separator: ", "))
                }
                only = c
            }
            let flow = Flow(map, only: only)
            let sheets = flow.sheets
            var dropped = [Bool](repeating: false, count: map.count)
            for d in Drops.find(in: map, round: flow.round) { dropped[d.claim] = true }
            let columns = Speech.allCases.count
            let width = max(8, (max(inv.console.width, 80) - columns - 1) / columns)
            func cut(_ t: String) -> String { TextLayout.fit(t, to: width) }
            let blank = cut("")
            var out = ""
            for sheet in sheets {
                let p = map.claims[sheet.position]
                out += "Sheet \(p.id) (\(flow.round.side[sheet.position].rawValue)): \(p.text)\n"
                out += Speech.allCases.map { cut($0.rawValue) }.joined(separator: "│") + "\n"
                out += String(repeating: "─", count: width * columns + columns - 1) + "\n"
                for row in sheet.grid {
                    for (k, cell) in row.enumerated() {
                        if k > 0 { out += "│" }
                        guard let c = cell else { out += blank; continue }
                        let mark = (dropped[c] ? "!" : "") + (flow.round.recorded[c] ? "" : "?")
                        out += cut((options["text"] != nil ? map.claims[c].text : map.claims[c].id) + mark)
                    }
                    out += "\n"
                }
                out += "\n"
            }
            out += "! dropped   ? speech inferred"
            inv.console.print(out)
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
            let map = s.map  // read once, not at every drop
            let flow = Flow(map)
            let drops = Drops.find(in: map, round: flow.round)
            guard !drops.isEmpty else {
                inv.console.print(flow.round.lastSpeech.map { "no drops (the round reaches the \($0.rawValue))" } ?? "no drops")
                return
            }
            // Grouped by sheet, sheets in the order their first drop comes.
            let firstSheet = flow.firstSheets(claims: map.count)
            var bySheet: [(Int?, [Drop])] = []
            var group: [Int?: Int] = [:]
            for d in drops {
                let sheet = firstSheet[d.claim]
                if let i = group[sheet] { bySheet[i].1.append(d) } else { group[sheet] = bySheet.count; bySheet.append((sheet, [d])) }
            }
            var out = ""
            for (sheet, list) in bySheet {
                out += "Sheet " + (sheet.map { map.claims[flow.sheets[$0].position].id } ?? "(none)") + ":\n"
                for d in list {
                    let claim = map.claims[d.claim]
                    out += "  \(claim.id) (\(d.side.rawValue), \(d.speech.rawValue)\(flow.round.recorded[d.claim] ? "" : "?")): not answered by the \(d.side.other.rawValue) by the \(d.deadline.rawValue)"
                    if !d.lateAnswers.isEmpty { out += "; answered too late by " + d.lateAnswers.map { map.claims[$0].id }.joined(separator: ", ") }
                    out += "\n    " + TextLayout.truncate(claim.text, to: max(20, inv.console.width - 4)) + "\n"
                }
            }
            out += "\(drops.count) dropped" + (s.settings.conceded ? "; scored as conceded (base \(DataValue.format(Drops.concededBase)))" : "; set conceded on to score them as conceded")
            inv.console.print(out)
        })
}
