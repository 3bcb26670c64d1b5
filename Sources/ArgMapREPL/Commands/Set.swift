import ArgMapDebate
import ArgMapModel

extension Commands {
    static let settingNames = ["semantics", "backup", "conceded"]

    static let set = Command(
        name: "set", group: .editing,
        usage: "set ID base|weight|source|tag|untag|note|kind|speech|KEY VALUE | set SETTING [VALUE]",
        summary: "set a claim's value, or a session setting",
        discussion: "base is the claim's base score (0 to 1). weight is the weight of its relation to its parent (the one on the focus path, or the only one; --to PARENT chooses). source adds a citation, tag adds a tag and untag removes one, note sets the note (an empty note removes it), kind is statement or argument. Any other KEY is stored in the claim's data. speech records the debate speech that made the claim (1AC 1NC 2AC 2NC 1NR 1AR 2NR 2AR); magnitude, probability, timeframe and reversibility record an impact (see impacts). Settings: semantics (see score; in a terminal, a large map's scores under the new one are worked out while the next command is typed); conceded on scores dropped arguments as conceded (see drops); backup. Bare set prints the settings as commands.",
        examples: ["set 1.2 base 0.8", "set magadan weight 0.6", "set magadan tag evidence", "set magadan note \"judgement: the port is the symbol\"", "set semantics"],
        arguments: [.claim, .keyword(["base", "weight", "source", "tag", "untag", "note", "kind", "speech", "magnitude", "probability", "timeframe", "reversibility"]), .text],
        options: [OptionSpec("to", .claim, "with weight: the parent whose relation to set")],
        minArguments: 0, maxArguments: nil,
        run: { inv throws(CommandError) in
            let (args, options) = try inv.parse()
            let s = inv.session
            guard let first = args.first else {
                for line in Commands.settingLines(s) { inv.console.print(line) }
                return
            }
            if Commands.settingNames.contains(first.text), s.map.index(of: first.text) == nil {
                try Commands.changeSetting(inv, first, Array(args.dropFirst()))
                return
            }
            let c = try s.resolveClaim(first)
            let id = s.map.claims[c].id
            guard args.count >= 2 else { throw CommandError("set needs a value name after the claim", at: first, hint: "usage: \(inv.command.usage)") }
            let key = args[1]
            let valueWords = Array(args.dropFirst(2))
            let value = Commands.freeText(inv, valueWords)
            func needValue() throws(CommandError) -> Word {
                guard let w = valueWords.first else { throw CommandError("set \(key.text) needs a value", at: key, hint: "usage: \(inv.command.usage)") }
                return w
            }
            switch key.text {
            case "base":
                let w = try needValue()
                try inv.perform(.setValue(id, .base(try inv.number(w, name: "base"))), about: w)
            case "weight":
                let w = try needValue()
                let weight = try inv.number(w, name: "weight")
                let parent = try Commands.parentFor(inv, claim: c, option: options["to"] ?? nil, word: first)
                try inv.perform(.setWeight(from: id, to: s.map.claims[parent].id, weight), about: w)
            case "source":
                _ = try needValue()
                try inv.perform(.setValue(id, .sources(s.map.claims[c].sources + [Source(citation: value)])), about: key)
            case "tag":
                let w = try needValue()
                let tag = value.hasPrefix("#") ? String(value.dropFirst()) : value
                guard !tag.isEmpty, !tag.contains(")") else { throw CommandError("'\(value)' cannot be a tag", at: w) }
                if s.map.claims[c].tags.contains(tag) { inv.console.print("(already tagged #\(tag))"); return }
                try inv.perform(.setValue(id, .tags(s.map.claims[c].tags + [tag])), about: key)
            case "untag":
                let w = try needValue()
                let tag = value.hasPrefix("#") ? String(value.dropFirst()) : value
                guard s.map.claims[c].tags.contains(tag) else { throw CommandError("\(id) has no tag #\(tag)", at: w) }
                try inv.perform(.setValue(id, .tags(s.map.claims[c].tags.filter { $0 != tag })), about: key)
            case "note":
                try inv.perform(.setValue(id, .note(value.isEmpty ? nil : value)), about: key)
            case "kind":
                let w = try needValue()
                guard let kind = ClaimKind(rawValue: w.text) else { throw CommandError("kind is statement or argument, not '\(w.text)'", at: w) }
                try inv.perform(.setValue(id, .kind(kind)), about: w)
            case "text":
                guard !value.isEmpty else { throw CommandError("a claim's text cannot be empty", at: key) }
                try inv.perform(.setText(id, value), about: key)
            case "id":
                throw CommandError("ids change with rename", at: key, hint: "rename \(id) NEWID")
            case "speech":
                let w = try needValue()
                try inv.perform(.setValue(id, .data(key: "speech", .string(try Commands.speech(w).rawValue))), about: w)
            case "magnitude", "probability":
                let w = try needValue()
                try inv.perform(.setValue(id, .data(key: key.text, .number(try inv.number(w, name: key.text)))), about: w)
            default:
                guard key.text.first?.isLetter == true, !key.text.contains(":") else { throw CommandError("'\(key.text)' cannot be a data key", at: key) }
                let v: DataValue? = valueWords.isEmpty ? nil : (Double(value).map { .number($0) } ?? .string(value))
                try inv.perform(.setValue(id, .data(key: key.text, v)), about: key)
            }
        })

    /// The parent of a claim whose relation an edit means: `option` (--to, or what `naming`
    /// says), else the parent on the focus path, else the only parent.
    static func parentFor(_ inv: Invocation, claim c: Int, option: Word?, naming: String = "--to PARENT", word: Word) throws(CommandError) -> Int {
        let s = inv.session
        let parents = s.map.parents(of: c).map(\.claim)
        if let option {
            let p = try s.resolveClaim(option)
            guard parents.contains(p) else { throw CommandError("\(s.map.claims[c].id) does not answer \(s.map.claims[p].id)", at: option) }
            return p
        }
        if let i = s.focusPath.firstIndex(of: s.map.claims[c].id), i > 0, let p = s.map.index(of: s.focusPath[i - 1]), parents.contains(p) { return p }
        if let f = s.focus, parents.contains(f) { return f }
        guard parents.count == 1 else {
            if parents.isEmpty { throw CommandError("\(s.map.claims[c].id) is a thesis: it answers no claim", at: word) }
            throw CommandError("\(s.map.claims[c].id) answers \(parents.count) claims: \(s.map.named(parents))", at: word,
                               hint: "say which with \(naming)")
        }
        return parents[0]
    }

    static func settingLines(_ s: Session) -> [String] {
        ["set semantics \(s.settings.semantics)", "set conceded \(s.settings.conceded ? "on" : "off")", "set backup \(s.settings.backup ? "on" : "off")", "timer \(s.settings.timer ? "on" : "off")"]
    }

    static func changeSetting(_ inv: Invocation, _ name: Word, _ values: [Word]) throws(CommandError) {
        let s = inv.session
        switch name.text {
        case "semantics":
            guard let w = values.first else { inv.console.print("set semantics \(s.settings.semantics)"); return }
            guard Commands.semanticsNames.contains(w.text) else {
                throw CommandError("unknown semantics '\(w.text)'", at: w,
                                   hint: CommandTable.nearest(to: w.text, in: Commands.semanticsNames).map { "did you mean '\($0)'?" } ?? "one of: \(Commands.semanticsNames.joined(separator: ", "))")
            }
            s.settings.semantics = w.text
            s.semanticsChanged()
        case "backup":
            guard let w = values.first else { inv.console.print("set backup \(s.settings.backup ? "on" : "off")"); return }
            guard w.text == "on" || w.text == "off" else { throw CommandError("backup is on or off", at: w) }
            s.settings.backup = w.text == "on"
        case "conceded":
            guard let w = values.first else { inv.console.print("set conceded \(s.settings.conceded ? "on" : "off")"); return }
            guard w.text == "on" || w.text == "off" else { throw CommandError("conceded is on or off", at: w) }
            s.settings.conceded = w.text == "on"
            s.forgetScores()
            s.forgetOtherSemantics()
        case "timer":
            guard let w = values.first else { inv.console.print("timer \(s.settings.timer ? "on" : "off")"); return }
            guard w.text == "on" || w.text == "off" else { throw CommandError("timer is on or off", at: w) }
            s.settings.timer = w.text == "on"
        default:
            throw CommandError("unknown setting '\(name.text)'", at: name)
        }
    }
}

extension Commands {
    /// A speech name, or an error listing them.
    static func speech(_ w: Word) throws(CommandError) -> Speech {
        guard let speech = Speech(name: w.text) else {
            throw CommandError("'\(w.text)' is not a speech", at: w, hint: "one of: \(Speech.names.joined(separator: " "))")
        }
        return speech
    }
}
