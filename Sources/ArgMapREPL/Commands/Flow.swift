import ArgMapDebate
import ArgMapModel

extension Commands {
    static let flow = Command(
        name: "flow", group: .debate,
        usage: "flow [SHEET] [--text] [--all]",
        summary: "the map as a debate flow: a column per speech, one sheet per position",
        discussion: "Each position (an argument directly under a thesis) is a sheet; each answer stands on the row of what it answers, in the column of its speech. A claim's speech is its speech data (set ID speech 2AC); where none is recorded it is inferred (shown with ?): a claim on its parent's side in its parent's speech, an answer in the other side's next speech. Dropped arguments are marked !. A claim is flowed, with its answers, on the first sheet that reaches it; a later sheet shows it marked ^, without its answers again. Past \(Commands.foldLines) lines the rest of a sheet, and the sheets after it, are counted, not shown, unless --all is given. --text shows the start of each claim's text instead of its id. export flow-csv and export flow-html write the same flow.",
        examples: ["flow", "flow cost-disadvantage", "flow --text", "flow --all"],
        arguments: [.claim], options: [OptionSpec("text", nil, "show text instead of ids"), OptionSpec("all", nil, "show every row of every sheet, folding nothing")],
        maxArguments: 1,
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
            // Folded, only the sheets that fill the fold are laid out; the others are counted.
            let all = options["all"] != nil
            let flow = Flow(map, only: only, rows: all ? .max : Commands.foldLines, round: s.round())
            let sheets = flow.sheets
            let columns = Speech.allCases.count
            let width = max(8, (max(inv.console.width, 80) - columns - 1) / columns)
            func cut(_ t: String) -> String { TextLayout.fit(t, to: width) }
            let blank = cut("")
            // Past the fold, the rest of a sheet and the sheets after it are counted, not shown.
            var out = "", lines = 0, shown = 0
            for sheet in sheets {
                if !all && lines + 4 >= Commands.foldLines { break }
                shown += 1
                let p = map.claims[sheet.position]
                out += "Sheet \(p.id) (\(flow.round.side[sheet.position].rawValue)): \(p.text)\n"
                out += Speech.allCases.map { cut($0.rawValue) }.joined(separator: "│") + "\n"
                out += String(repeating: "─", count: width * columns + columns - 1) + "\n"
                lines += 4
                let rows = sheet.rows, fit = all ? rows : min(rows, Commands.foldLines - lines)
                lines += fit
                sheet.forEachRow(upTo: fit) { row in
                    for (k, cell) in row.enumerated() {
                        if k > 0 { out += "│" }
                        guard let cell else { out += blank; continue }
                        let c = cell.claim
                        let mark = (flow.answers.isDropped(c) ? "!" : "") + (flow.round.recorded[c] ? "" : "?") + (cell.flowedOn != nil ? "^" : "")
                        out += cut((options["text"] != nil ? map.claims[c].text : map.claims[c].id) + mark)
                    }
                    out += "\n"
                }
                out += fit < rows ? "… \(rows - fit) more rows on this sheet (flow \(p.id) --all shows all of it)\n\n" : "\n"
            }
            if shown < flow.sheetCount {
                out += "… and \(flow.sheetCount - shown) more sheets (flow --all shows every one, flow ID one of them)\n\n"
            }
            out += "! dropped   ? speech inferred   ^ flowed on an earlier sheet, with its answers"
            inv.console.print(out)
        })

    static let drops = Command(
        name: "drops", group: .debate,
        usage: "drops [--all]",
        summary: "arguments the other side never answered in time, by sheet",
        discussion: "An argument made in a speech must be answered in the other side's next speech (the 2NC and 1NR together count as one); an answer given later is new and does not count. Arguments whose answering speech the round has not reached are not listed. Past \(Commands.foldLines) lines the rest are counted, not listed, unless --all is given. With set conceded on, scores treat dropped arguments as conceded: their base score is raised to \(DataValue.format(Drops.concededBase)) (taken as true).",
        examples: ["drops", "drops --all", "set conceded on"],
        options: [OptionSpec("all", nil, "list every drop, folding nothing")], maxArguments: 0,
        run: { inv throws(CommandError) in
            let (_, options) = try inv.parse()
            let s = inv.session
            let map = s.map  // read once, not at every drop
            // Grouped by sheet, sheets in the order their first drop comes (no sheet is laid
            // out: only which sheet each claim is first on matters here). Each claim's first
            // sheet is found on one core while the answers are worked out on the other, and a
            // Drop is made only for the claims listed.
            let positions = Flow.positions(map)
            let round = s.round()
            let (answers, firstSheets) = Parallel.both({ Drops.Answers(map, round: round) }, { Flow.firstSheets(map, positions: positions, round: round) })
            let all = options["all"] != nil
            // Two lines a drop: past the fold, no group lists more than this.
            let drops = answers.droppedClaims(bySheet: firstSheets, sheets: positions.count, keeping: all ? .max : Commands.foldLines / 2)
            guard drops.count > 0 else {
                inv.console.print(round.lastSpeech.map { "no drops (the round reaches the \($0.rawValue))" } ?? "no drops")
                return
            }
            // Past the fold, the rest are counted, not listed.
            var out = "", lines = 0, listed = 0
            listing: for (sheet, claims) in drops.groups {
                // Room for the sheet's line and its first drop's two.
                if !all && lines + 3 > Commands.foldLines { break }
                out += "Sheet " + (sheet < positions.count ? map.claims[positions[sheet].position].id : "(none)") + ":\n"
                lines += 1
                for c in claims {
                    let d = answers.drop(c, in: map)!
                    if !all && lines + 2 > Commands.foldLines { break listing }
                    let claim = map.claims[d.claim]
                    out += "  \(claim.id) (\(d.side.rawValue), \(d.speech.rawValue)\(round.recorded[d.claim] ? "" : "?")): not answered by the \(d.side.other.rawValue) by the \(d.deadline.rawValue)"
                    if !d.lateAnswers.isEmpty { out += "; answered too late by " + d.lateAnswers.map { map.claims[$0].id }.joined(separator: ", ") }
                    out += "\n    " + TextLayout.truncate(claim.text, to: max(20, inv.console.width - 4)) + "\n"
                    lines += 2
                    listed += 1
                }
            }
            if listed < drops.count {
                out += "… and \(drops.count - listed) more not listed (drops --all lists every one)\n"
            }
            out += "\(drops.count) dropped" + (s.settings.conceded ? "; scored as conceded (base \(DataValue.format(Drops.concededBase)))" : "; set conceded on to score them as conceded")
            inv.console.print(out)
        })
}
