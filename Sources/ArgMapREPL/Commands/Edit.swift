extension Commands {
    static let edit = Command(
        name: "edit", group: .editing,
        usage: "edit ID [TEXT]",
        summary: "change a claim's text (on a terminal, the current text is ready to edit)",
        discussion: "On a terminal, edit ID puts the claim's current text on the line to edit; Enter keeps the change, Ctrl-C abandons it. With TEXT, the text is replaced directly (as scripts do).",
        examples: ["edit 1.2", "edit magadan Mishustin criticised the port of Magadan"],
        arguments: [.claim, .text], minArguments: 1, maxArguments: nil,
        run: { inv throws(CommandError) in
            let (args, _) = try inv.parse()
            let s = inv.session
            let c = try s.resolveClaim(args[0])
            let id = s.map.claims[c].id
            var text: String
            if args.count > 1 {
                text = Commands.freeText(inv, Array(args.dropFirst()))
            } else if inv.interactive {
                switch inv.editor.readLine(prompt: "text> ", initialText: s.map.claims[c].text) {
                case .line(let l): text = Commands.collapse(l)
                case .interrupted, .endOfInput:
                    inv.console.print("(unchanged)")
                    return
                }
            } else {
                throw CommandError("edit needs the new text in a script", at: args[0], hint: "usage: edit ID TEXT")
            }
            guard !text.isEmpty else { throw CommandError("a claim's text cannot be empty", at: args[0]) }
            if text == s.map.claims[c].text { inv.console.print("(unchanged)"); return }
            try inv.perform(.setText(id, text), about: args[0])
            inv.session.journalLine = "edit \(LibEditLineEditor.escape(id)) \(text)"
        })
}
