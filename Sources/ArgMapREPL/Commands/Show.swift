import ArgMapModel

extension Commands {
    static let show = Command(
        name: "show", group: .navigation,
        usage: "show [ID] [--all]",
        summary: "everything about one claim: text, values, sources, tags, note, parents, children",
        discussion: "The claims it answers and the claims under it are listed up to 20 of each; --all lists every one.",
        examples: ["show", "show 1.2", "show first-reason", "show c12 --all"],
        arguments: [.claim], options: [OptionSpec("all", nil, "list every claim it answers and every claim under it")], maxArguments: 1,
        run: { inv throws(CommandError) in
            let (args, options) = try inv.parse()
            let shown = options["all"] != nil ? Int.max : Commands.listedFirst
            let s = inv.session
            guard let c = try args.first.map({ w throws(CommandError) in try s.resolveClaim(w) }) ?? s.focus else {
                throw CommandError("show needs a claim (the focus is the top of the map)", at: inv.commandWord, hint: "usage: show ID")
            }
            let claim = s.map.claims[c]
            let con = inv.console
            var out: [String] = []
            func field(_ name: String, _ value: String) {
                out.append(TextLayout.block(con.styled(name.padding(to: 10), .dim), value, width: con.width, hanging: 10))
            }
            out.append(s.label(c, console: con) + "  " + claim.kind.rawValue + (s.position(of: c).map { "  at " + $0 } ?? ""))
            field("text", claim.text.isEmpty ? "(no text)" : claim.text)
            field("base", DataValue.format(claim.base))
            if let score = s.scoreText(c) { field("score", score.hasPrefix("score ") ? String(score.dropFirst(6)) + " (\(s.semantics.rawValue))" : score + " (\(s.semantics.rawValue))") }
            if !claim.tags.isEmpty { field("tags", claim.tags.map { "#" + $0 }.joined(separator: " ")) }
            if let section = claim.section { field("section", section) }
            for source in claim.sources {
                var text = source.citation
                if let d = source.date { text += ", " + d }
                if let u = source.url { text += " <" + u + ">" }
                field("source", text)
            }
            if let note = claim.note { field("note", note) }
            for entry in claim.data { field(entry.key, entry.value.text) }
            let parents = s.map.parents(of: c)
            if parents.isEmpty { field("answers", "nothing (a thesis)") }
            for p in parents.prefix(shown) {
                let rel = s.map.relations[p.relation]
                let verb = rel.type == .support ? "supports" : rel.type == .attack ? "attacks" : "undercuts"
                field(verb, s.map.claims[p.claim].id + (rel.weight != 1 ? " (weight \(DataValue.format(rel.weight)))" : ""))
            }
            if parents.count > shown { field("", "… it answers \(parents.count - shown) more (show \(claim.id) --all lists every one)") }
            let children = s.map.children(of: c)
            let supports = children.filter { s.map.relations[$0.relation].type == .support }.count
            let attacks = children.filter { s.map.relations[$0.relation].type == .attack }.count
            let undercuts = children.count - supports - attacks
            field("under it", "\(supports) support\(supports == 1 ? "" : "s"), \(attacks) attack\(attacks == 1 ? "" : "s")" + (undercuts > 0 ? ", \(undercuts) undercut\(undercuts == 1 ? "" : "s")" : ""))
            for (i, child) in children.prefix(shown).enumerated() {
                let rel = s.map.relations[child.relation]
                let mark = rel.type == .support ? "+" : rel.type == .attack ? "-" : "_"
                field("", "\(i + 1). \(mark) \(s.map.claims[child.claim].id)" + (rel.weight != 1 ? " (weight \(DataValue.format(rel.weight)))" : ""))
            }
            if children.count > shown { field("", "… \(children.count - shown) more (show \(claim.id) --all or ls lists every one)") }
            inv.console.print(out.joined(separator: "\n"))
        })
}
