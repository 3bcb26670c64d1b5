extension Commands {
    static let cd = Command(
        name: "cd", group: .navigation,
        usage: "cd [ID]",
        summary: "move the focus to a claim (no argument: the top)",
        discussion: "ID is an id, a unique prefix of one, a number from ls (cd 2), a position from the thesis (cd 1.2.3), .. for the claim above, or / for the top.",
        examples: ["cd 1", "cd 1.2.3", "cd ..", "cd first-reason"],
        arguments: [.claim], maxArguments: 1,
        run: { inv throws(CommandError) in
            let (args, _) = try inv.parse()
            guard let w = args.first else { inv.session.setFocus(nil); return }
            if w.text == ".." {
                guard !inv.session.focusPath.isEmpty else { throw CommandError("already at the top of the map", at: w) }
                inv.session.focusPath.removeLast()
                return
            }
            inv.session.setFocus(try inv.session.resolve(w))
        })

    static let up = Command(
        name: "up", group: .navigation,
        usage: "up",
        summary: "move the focus to the claim above it",
        run: { inv throws(CommandError) in
            _ = try inv.parse()
            guard !inv.session.focusPath.isEmpty else { throw CommandError("already at the top of the map", at: inv.commandWord) }
            inv.session.focusPath.removeLast()
        })

    static let top = Command(
        name: "top", group: .navigation,
        usage: "top",
        summary: "move the focus to the top of the map (the theses)",
        run: { inv throws(CommandError) in
            _ = try inv.parse()
            inv.session.setFocus(nil)
        })
}
