extension Commands {
    static let quit = Command(
        name: "quit", aliases: ["exit", "quit!", "exit!", "q"], group: .session,
        usage: "quit | quit!",
        summary: "leave argmap (quit! leaves without saving)",
        discussion: "With unsaved changes, quit asks first on a terminal and refuses in a script; quit! leaves and discards them. Ctrl-D on an empty line is the same as quit.",
        examples: ["quit", "quit!"],
        run: { inv throws(CommandError) in
            _ = try inv.parse()
            let force = inv.commandWord.text.hasSuffix("!")
            if inv.session.isDirty && !force {
                if inv.interactive {
                    guard inv.editor.confirm("\(inv.session.name) has unsaved changes. Quit without saving?") else { return }
                } else {
                    throw CommandError("\(inv.session.name) has unsaved changes", at: inv.commandWord,
                                       hint: "save them with save, or leave without saving with quit!")
                }
            }
            inv.session.quitRequested = true
        })
}
