import ArgMapDebate
import ArgMapModel

extension Commands {
    static let template = Command(
        name: "template", group: .debate,
        usage: "template case|disad|counterplan|kritik|topicality [--speech SPEECH]",
        summary: "scaffold a debate structure under the focus, each part a claim to fill in",
        discussion: "case: harms, inherency, plan, solvency (supports the focus). disad: uniqueness, link, internal link, impact. counterplan: text, competition, net benefit. kritik: link, impact, alternative. topicality: interpretation, violation, standards, voters (these attack the focus). The position records {template: NAME}, each part {part: NAME}; fill a part in with edit ID or set ID text …. check reports every part left empty. One step: undo removes it all.",
        examples: ["template disad --speech 1NC", "edit disad-link", "check"],
        arguments: [.keyword(Template.all.map(\.name))],
        options: [OptionSpec("speech", .keyword(Speech.names), "record this speech on every claim made")],
        minArguments: 1, maxArguments: 1,
        run: { inv throws(CommandError) in
            let (args, options) = try inv.parse()
            let s = inv.session
            guard let t = Template.named(args[0].text) else {
                let names = Template.all.map(\.name)
                throw CommandError("no template '\(args[0].text)'", at: args[0], hint: CommandTable.nearest(to: args[0].text, in: names).map { "did you mean '\($0)'?" } ?? "one of: \(names.joined(separator: ", "))")
            }
            guard let f = s.focus else {
                throw CommandError("a template goes under a claim, and the focus is the top of the map", at: args[0], hint: "cd to the thesis (or the claim it answers) first")
            }
            let speech = try (options["speech"] ?? nil).map { w throws(CommandError) in try Commands.speech(w) }
            let (id, edits) = t.scaffold(under: s.map.claims[f].id, in: s.map, speech: speech)
            try inv.perform(.batch(edits), about: args[0], summary: "template \(t.name) (\(id))")
            let parts = t.parts.map { "\(id)-\($0)" }
            inv.console.print("added \(t.title.lowercased()) \(id) (\(t.stance == .support ? "supports" : "attacks") \(s.map.claims[f].id)) with \(parts.count) parts to fill in: " + parts.joined(separator: ", "))
        })

    static let toulmin = Command(
        name: "toulmin", group: .debate,
        usage: "toulmin [ID] [--all]",
        summary: "a claim in Toulmin's terms: grounds, warrant, backing, qualifier, rebuttals, and what is missing",
        discussion: "A claim's role data (grounds, warrant, backing, rebuttal) names the part it plays. Without it: supports with sources (or tagged #evidence) are grounds, other supports are warrants, supports of a warrant are its backing, attacks and undercuts are rebuttals. The qualifier is the claim's qualifier data, or a word for its score (marked as derived). Each part lists up to 20 claims and counts the rest; --all lists every one.",
        examples: ["toulmin", "toulmin reason-1", "set magadan role grounds"],
        arguments: [.claim], options: [OptionSpec("all", nil, "list every claim of each part, folding none")], maxArguments: 1,
        run: { inv throws(CommandError) in
            let (args, options) = try inv.parse()
            let shown = options["all"] != nil ? Int.max : Commands.listedFirst
            let s = inv.session
            guard let c = try args.first.map({ w throws(CommandError) in try s.resolveClaim(w) }) ?? s.focus ?? s.map.theses.first else {
                throw CommandError("the map is empty", at: inv.commandWord)
            }
            let e = s.currentEvaluation()
            let t = Toulmin(s.map, c, score: e.converged && c < e.scores.count ? e.scores[c] : nil)
            let width = max(40, inv.console.width)
            func list(_ name: String, _ claims: [Int]) -> [String] {
                if claims.isEmpty { return ["  " + name.padding(to: 11) + "(missing)"] }
                var lines = claims.prefix(shown).enumerated().map { k, c in
                    "  " + (k == 0 ? name : "").padding(to: 11) + TextLayout.truncate("\(s.map.claims[c].id): \(s.map.claims[c].text)", to: width - 13)
                }
                if claims.count > shown {
                    lines.append("  " + "".padding(to: 11) + "… \(claims.count - shown) more (toulmin \(s.map.claims[c].id) --all lists every one)")
                }
                return lines
            }
            var out = ["claim      " + TextLayout.truncate("\(s.map.claims[c].id): \(s.map.claims[c].text)", to: width - 11)]
            out += list("grounds", t.grounds)
            out += list("warrant", t.warrants)
            out += list("backing", t.backing)
            out.append("  " + "qualifier".padding(to: 11) + (t.qualifier.map { $0 + (t.qualifierFromScore ? " (from its score; none written)" : "") } ?? "(missing)"))
            out += list("rebuttals", t.rebuttals)
            let missing = t.missing
            out.append(missing.isEmpty ? "nothing missing" : "missing: " + missing.joined(separator: ", "))
            inv.console.print(out.joined(separator: "\n"))
        })
}
