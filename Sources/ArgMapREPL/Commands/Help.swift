extension Commands {
    static let help = Command(
        name: "help", aliases: ["?"], group: .session,
        usage: "help [COMMAND]",
        summary: "list the commands, or explain one",
        discussion: "Without an argument, lists every command with a one-line summary, grouped. With a command name, shows its usage, options and examples.",
        examples: ["help", "help add"],
        arguments: [.command], maxArguments: 1,
        run: { inv throws(CommandError) in
            let (args, _) = try inv.parse()
            if let word = args.first {
                switch inv.table.lookup(word.text) {
                case .found(let c): inv.console.print(Commands.helpText(for: c))
                case .ambiguous(let names): throw CommandError("'\(word.text)' could be \(names.joined(separator: ", "))", at: word)
                case .unknown(let s): throw CommandError("no command '\(word.text)'", at: word, hint: s.map { "did you mean '\($0)'?" } ?? "type help for the list")
                }
                return
            }
            var out: [String] = []
            for group in Command.Group.allCases {
                let cmds = inv.table.commands.filter { $0.group == group }
                guard !cmds.isEmpty else { continue }
                out.append(inv.console.styled(group.rawValue, .bold))
                for c in cmds {
                    let head = "  " + c.name.padding(to: 10)
                    out.append(TextLayout.block(head, c.summary, width: inv.console.width, hanging: 12))
                }
                out.append("")
            }
            out.append("Type help COMMAND for its usage and examples. Tab completes commands, ids and files.")
            inv.console.print(out.joined(separator: "\n"))
        })

    static func helpText(for c: Command) -> String {
        var out = "usage: \(c.usage)\n\n" + TextLayout.block("", c.summary.prefix(1).uppercased() + c.summary.dropFirst() + ".", width: 80, hanging: 0)
        if !c.discussion.isEmpty { out += "\n\n" + TextLayout.block("", c.discussion, width: 80, hanging: 0) }
        if !c.aliases.isEmpty { out += "\n\nalso: " + c.aliases.joined(separator: ", ") }
        if !c.options.isEmpty {
            out += "\n\noptions:"
            for o in c.options {
                let head = "  --" + o.name + (o.value != nil ? " " + valueName(o.value!) : "")
                out += "\n" + TextLayout.block(head.padding(to: 22), o.help, width: 80, hanging: 22)
            }
        }
        if !c.examples.isEmpty {
            out += "\n\nexamples:" + c.examples.map { "\n  " + $0 }.joined()
        }
        return out
    }

    static func valueName(_ k: ArgumentKind) -> String {
        switch k {
        case .claim: return "ID"
        case .file: return "FILE"
        case .command: return "COMMAND"
        case .semantics: return "NAME"
        case .format: return "FORMAT"
        case .keyword(let words): return words.joined(separator: "|")
        case .text: return "TEXT"
        case .number: return "X"
        }
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
