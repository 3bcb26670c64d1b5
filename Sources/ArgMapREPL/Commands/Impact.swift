import ArgMapModel
import ArgMapSemantics

extension Commands {
    static let impact = Command(
        name: "impact", group: .scoring,
        usage: "impact [ID] [--semantics NAME] [--top N] [--all]",
        summary: "rank the claims beneath a claim by how much they move it",
        discussion: "For each claim beneath ID (default: the thesis above the focus), how far ID's score would move if that claim were removed, and if its base score moved by 0.1 either way. The largest first: the argument that matters most. On acyclic maps each trial updates only the claims above the one changed (ID, when thousands of claims bear on it directly, from the blocks of its relations the trial changed: the same to the last few bits); on a map with cycles, only the cycles above it are solved again, each from the scores it has rather than from its bases, and claim by claim where the change spreads (the same scores, within the solver's tolerance; a trial that reaches a cycle of thousands of claims takes tens of microseconds), and each trial is taken back without solving. The trials run on both cores, each on its own copy of the scores, with the same results as one after another. The 500 claims nearest ID are tried (all of them with --all, which on a large map can take minutes; Ctrl-C stops the trials and ranks the claims tried so far).",
        examples: ["impact", "impact pivot-succeeding --top 5"],
        arguments: [.claim], options: [semanticsOption, OptionSpec("top", .number, "how many to list (default 15)"),
                                          OptionSpec("all", nil, "try every claim beneath, however many")], maxArguments: 1,
        run: { inv throws(CommandError) in
            let (args, options) = try inv.parse()
            let s = inv.session
            let semantics = try Commands.semantics(inv, options)
            var top = 15
            if let w = options["top"] ?? nil {
                guard let n = Int(w.text), n >= 1 else { throw CommandError("--top takes a whole number from 1 up", at: w) }
                top = n
            }
            guard let target = try args.first.map({ w throws(CommandError) in try s.resolveClaim(w) }) ?? s.focusPath.first.flatMap({ s.map.index(of: $0) }) ?? s.map.theses.first else {
                throw CommandError("the map is empty", at: inv.commandWord)
            }
            guard semantics != .grounded else { throw CommandError("impact measures numeric scores; grounded gives labels", at: inv.commandWord, hint: "use --semantics dfquad (or another gradual semantics)") }
            let map = s.map
            guard !map.incoming[target].isEmpty else { inv.console.print("nothing beneath \(map.claims[target].id)"); return }
            // The live scores when they are under this semantics: every trial puts back what it
            // changed, so they end as they were. Under another, scores on the live scores'
            // layout of the map (the map as it is, not as conceded).
            let board = s.liveBoard(semantics) ?? (s.settings.conceded ? IncrementalEvaluator(map, semantics: semantics) : s.board(under: semantics))
            guard board.evaluation.converged else { throw CommandError("the evaluation did not converge: \(board.evaluation.note ?? "")", at: inv.commandWord) }
            // Each trial costs the claims above the one changed; a subtree of a hundred thousand
            // deep claims would take minutes, so the nearest are tried unless --all says otherwise.
            let most = options["all"] != nil ? Int.max : board.isIncremental ? 500 : 300
            // The claims beneath the target, nearest first, as many as are tried (the search
            // stops there: on a large map, going on would cost more than the trials).
            let (beneath, more) = map.claimsBeneath(target, atMost: most)
            let before = board.scores[target]
            // Ctrl-C stops the trials: the rows are of the claims tried so far (each trial put
            // back what it changed, so the live scores are as they were). Only the claims beneath
            // the target are recomputed; on a map with cycles, each change is put back from the
            // values kept, solving nothing again. The trials run on both cores.
            let trials = board.impactTrials(beneath, on: target, map: map) { inv.editor.interruptRequested }
            let interrupted = trials.count < beneath.count
            // The largest move as printed (to 0.001) first, and among the same, the nearest
            // first: differences in the last bits (a trial's cycles solved within the
            // tolerance) do not reorder the rows.
            func size(_ row: ImpactTrial) -> Double { (max(abs(row.removed), abs(row.down), abs(row.up)) * 1000).rounded() }
            let rows = trials.enumerated().sorted { a, b in
                let (x, y) = (size(a.element), size(b.element))
                return x != y ? x > y : a.offset < b.offset
            }.map(\.element)
            func d(_ x: Double) -> String {
                let v = (x * 1000).rounded() / 1000
                if v == 0 { return "0" }
                return (v > 0 ? "+" : "") + Explanation.number(v)
            }
            let nameWidth = max(20, inv.console.width - 36)
            var lines = ["\(map.claims[target].id) scores \(Explanation.number(before)) under \(semantics.title). If each claim beneath it …",
                         "claim".padding(to: nameWidth) + "removed".padding(to: 10) + "base-0.1".padding(to: 10) + "base+0.1"]
            for row in rows.prefix(top) {
                var name = map.claims[row.claim].id
                if name.count > nameWidth - 1 { name = String(name.prefix(nameWidth - 2)) + "…" }
                lines.append(name.padding(to: nameWidth) + d(row.removed).padding(to: 10) + d(row.down).padding(to: 10) + d(row.up))
            }
            if rows.count > top { lines.append("… \(rows.count - top) more (--top N)") }
            if interrupted {
                lines.append("(interrupted: \(rows.count) of the \(beneath.count) claims to try were tried, and are ranked above)")
            } else if more {
                lines.append(board.isIncremental ? "(the \(most) nearest of the claims beneath were tried; --all tries every one)"
                                                 : "(the map has a cycle: the \(most) nearest claims beneath were tried; --all tries every one)")
            }
            inv.console.print(lines.joined(separator: "\n"))
        })
}
