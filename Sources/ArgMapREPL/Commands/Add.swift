import ArgMapDebate
import ArgMapModel

extension Commands {
    static let add = Command(
        name: "add", group: .editing,
        usage: "add pro|con|undercut|thesis TEXT [--id ID] [--to ID] [--base X] [--weight W] [--source S] [--speech SPEECH] [--argument]",
        summary: "add a claim that supports (pro) or attacks (con) the focus, or a new thesis",
        discussion: "TEXT is the rest of the line; quotes are optional. The new claim answers the focus unless --to names another claim. Its id is made from its first words unless --id gives one. --argument makes it an argument <...> rather than a statement [...]. An undercut attacks the focus's inference: every relation going out of it.",
        examples: ["add con Investment from Asia is marginal --source \"Kommersant, 2019\"", "add pro The port was upgraded --base 0.6 --weight 0.8", "add thesis The Pivot is succeeding --id pivot"],
        arguments: [.keyword(["pro", "con", "undercut", "thesis"]), .text],
        options: [
            OptionSpec("id", .text, "the new claim's id"),
            OptionSpec("to", .claim, "the claim it answers (default: the focus)"),
            OptionSpec("base", .number, "its base score, 0 to 1 (default 0.5)"),
            OptionSpec("weight", .number, "the relation's weight, 0 to 1 (default 1)"),
            OptionSpec("source", .text, "a citation for it"),
            OptionSpec("speech", .keyword(Speech.names), "the debate speech that made it (1AC 1NC 2AC 2NC 1NR 1AR 2NR 2AR)"),
            OptionSpec("argument", nil, "make it an argument <...>"),
        ],
        minArguments: 2, maxArguments: nil,
        run: { inv throws(CommandError) in
            let (args, options) = try inv.parse()
            let s = inv.session
            let stanceWord = args[0]
            let type: RelationType?
            switch stanceWord.text {
            case "pro", "support", "+": type = .support
            case "con", "attack", "-": type = .attack
            case "undercut", "_": type = .undercut
            case "thesis": type = nil
            default:
                throw CommandError("'\(stanceWord.text)' is not pro, con, undercut or thesis", at: stanceWord,
                                   hint: CommandTable.nearest(to: stanceWord.text, in: ["pro", "con", "undercut", "thesis"]).map { "did you mean '\($0)'?" } ?? "usage: \(inv.command.usage)")
            }
            let text = Commands.freeText(inv, Array(args.dropFirst()))
            guard !text.isEmpty else { throw CommandError("the claim needs text", at: stanceWord, hint: "usage: \(inv.command.usage)") }
            var claim = Claim(id: "", text: text)
            if options["argument"] != nil { claim.kind = .argument }
            if let w = options["base"] ?? nil { claim.base = try inv.number(w, name: "base") }
            if let w = options["source"] ?? nil { claim.sources = [Source(citation: w.text)] }
            if let w = options["speech"] ?? nil { claim.data = [DataEntry(key: "speech", value: .string(try Commands.speech(w).rawValue))] }
            if let w = options["id"] ?? nil {
                do { try ArgumentMap.validate(id: w.text) } catch { throw CommandError("\(error)", at: w) }
                guard s.map.index(of: w.text) == nil else { throw CommandError("a claim with id '\(w.text)' already exists", at: w, hint: "choose another id") }
                claim.id = w.text
            } else {
                claim.id = s.map.makeID(from: text)
            }
            var weight = Relation.defaultWeight
            if let w = options["weight"] ?? nil { weight = try inv.number(w, name: "weight") }
            var edits: [Edit] = [.addClaim(claim)]
            var parentID: String?
            if let type {
                let parent: Int
                if let w = options["to"] ?? nil {
                    parent = try s.resolveClaim(w)
                } else {
                    guard let f = s.focus else {
                        throw CommandError("add \(stanceWord.text) needs a claim to answer, and the focus is the top of the map", at: stanceWord,
                                           hint: "cd to a claim first, use --to ID, or add a thesis with add thesis TEXT")
                    }
                    parent = f
                }
                parentID = s.map.claims[parent].id
                edits.append(.link(RelationSpec(from: claim.id, to: parentID!, type: type, weight: weight)))
            }
            try inv.perform(.batch(edits), about: stanceWord, summary: "add \(claim.id)" + (parentID.map { " (\(stanceWord.text) \($0))" } ?? " (thesis)"))
            let c = s.map.index(of: claim.id)!
            inv.console.print("added " + s.label(c, console: inv.console) + (s.position(of: c).map { " at " + $0 } ?? ""))
        })

    /// The free text made of these words, as typed on the line (quotes optional).
    static func freeText(_ inv: Invocation, _ words: [Word]) -> String {
        guard let first = words.first, let last = words.last else { return "" }
        if words.count == 1, first.quoted { return collapse(first.text) }
        let chars = Array(inv.line)
        let end = min(chars.count, last.column + last.length)
        return collapse(String(chars[first.column..<max(first.column, end)]))
    }

    static func collapse(_ s: String) -> String {
        s.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }
}
