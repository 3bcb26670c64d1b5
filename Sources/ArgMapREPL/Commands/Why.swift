import ArgMapModel
import ArgMapSemantics

extension Commands {
    static let why = Command(
        name: "why", group: .scoring,
        usage: "why [ID] [--semantics NAME] [--all]",
        summary: "explain how a claim's score came about, step by step",
        discussion: "Shows the base, each supporter and attacker with its own score, the weight of its relation (reduced by any undercut), its contribution, the aggregate, and the formula with the numbers. Past 20 supporters (or attackers), the 20 that contribute most are listed, largest first, and the rest counted; --all lists every one.",
        examples: ["why", "why reason-2-sino-centrism", "why 1 --semantics qe", "why c0 --all"],
        arguments: [.claim], options: [semanticsOption, OptionSpec("all", nil, "list every supporter and attacker, folding none")], maxArguments: 1,
        run: { inv throws(CommandError) in
            let (args, options) = try inv.parse()
            let shown = options["all"] != nil ? Int.max : Commands.listedFirst
            let s = inv.session
            let semantics = try Commands.semantics(inv, options)
            guard let c = try args.first.map({ w throws(CommandError) in try s.resolveClaim(w) }) ?? s.focus ?? s.map.theses.first else {
                throw CommandError("the map is empty", at: inv.commandWord)
            }
            let e = s.evaluation(semantics)
            let x = Explanation.explain(c, in: s.map, evaluation: e, listing: shown)
            let con = inv.console
            let n = Explanation.number
            var out: [String] = []
            let result = e.labels.map { "is " + $0[c].rawValue } ?? "scores \(n(x.score))"
            out.append("Why " + s.label(c, console: con) + " \(result) under \(semantics.title) (\(semantics.citation)):")
            out.append("  base score \(n(x.base))")
            if x.supporters + x.attackers == 0 { out.append("  nothing supports or attacks it") }
            for (title, attack) in [("supported by", false), ("attacked by", true)] {
                let count = attack ? x.attackers : x.supporters
                guard count > 0 else { continue }
                out.append("  \(title):")
                // Past `shown`, the largest contributions first, and the next largest as the most
                // any of the rest contributes.
                var items = x.contributions.filter { $0.isAttack == attack }, rest: Double?
                if count > shown { rest = items.removeLast().contribution }
                for item in items {
                    var math = "score \(n(item.strength)) × weight \(n(item.weight))"
                    if item.effectiveWeight != item.weight { math += " × undercut \(n(item.weight == 0 ? 0 : item.effectiveWeight / item.weight))" }
                    math += " = \(n(item.contribution))"
                    if !item.counted { math += item.effectiveWeight == 0 ? " (weight 0: not counted)" : " (not counted: \(semantics.rawValue) counts attacks only)" }
                    if let labels = e.labels { math = labels[item.claim].rawValue }
                    out.append(TextLayout.block("    \(attack ? "-" : "+") " + s.map.claims[item.claim].id + "  ", math, width: con.width, hanging: 8))
                }
                if let rest {
                    let what = attack ? "attacker" : "supporter"
                    out.append(TextLayout.block("    ", "… \(count - shown) more \(what)\(count - shown == 1 ? "" : "s"), the largest shown first; each of the rest contributes \(n(rest)) or less (why \(s.map.claims[c].id) --all lists every one)",
                                                width: con.width, hanging: 6))
                }
            }
            for (name, value) in x.aggregates { out.append("  \(name) = \(n(value))") }
            out.append(TextLayout.block("  ", x.formula, width: con.width, hanging: 4))
            out.append(TextLayout.block("  ", x.reading, width: con.width, hanging: 2))
            con.print(out.joined(separator: "\n"))
        })
}
