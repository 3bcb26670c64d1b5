extension Commands {
    static let undo = Command(
        name: "undo", group: .editing,
        usage: "undo [N]",
        summary: "undo the last command's changes (N times)",
        discussion: "Each command that changes the map is one step, however many claims it touched.",
        examples: ["undo", "undo 3"],
        arguments: [.number], maxArguments: 1,
        run: { inv throws(CommandError) in
            let n = try Commands.count(inv)
            let available = inv.session.undoDepth
            guard available > 0 else { throw CommandError("nothing to undo", at: inv.commandWord) }
            guard n <= available else { throw CommandError("only \(available) step\(available == 1 ? "" : "s") to undo", at: inv.words.first) }
            for _ in 0..<n { inv.console.print("undid: " + (inv.session.undo() ?? "")) }
        })

    static let redo = Command(
        name: "redo", group: .editing,
        usage: "redo [N]",
        summary: "redo what undo undid (N times)",
        arguments: [.number], maxArguments: 1,
        run: { inv throws(CommandError) in
            let n = try Commands.count(inv)
            let available = inv.session.redoDepth
            guard available > 0 else { throw CommandError("nothing to redo", at: inv.commandWord) }
            guard n <= available else { throw CommandError("only \(available) step\(available == 1 ? "" : "s") to redo", at: inv.words.first) }
            for _ in 0..<n { inv.console.print("redid: " + (inv.session.redo() ?? "")) }
        })

    static func count(_ inv: Invocation) throws(CommandError) -> Int {
        let (args, _) = try inv.parse()
        guard let w = args.first else { return 1 }
        guard let n = Int(w.text), n >= 1 else { throw CommandError("N must be a whole number from 1 up, not '\(w.text)'", at: w) }
        return n
    }

    static let log = Command(
        name: "log", group: .editing,
        usage: "log",
        summary: "list this session's edits, undos and redos",
        run: { inv throws(CommandError) in
            _ = try inv.parse()
            let log = inv.session.log
            if log.isEmpty { inv.console.print("(no edits in this session)"); return }
            let width = String(log.count).count
            for (i, line) in log.enumerated() {
                let n = String(i + 1)
                inv.console.print(String(repeating: " ", count: width - n.count) + n + "  " + line)
            }
        })
}
