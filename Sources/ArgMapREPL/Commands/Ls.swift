import ArgMapModel

extension Commands {
    static let ls = Command(
        name: "ls", group: .navigation,
        usage: "ls [ID]",
        summary: "show the focus (or a claim) with its supports and attacks, numbered",
        discussion: "The numbers are addresses: cd 2 goes to the second claim listed. At the top of the map, ls lists the theses. Every one is listed, however many; in a terminal, Ctrl-C stops a long list where it is.",
        examples: ["ls", "ls 1.2"],
        arguments: [.claim], maxArguments: 1,
        run: { inv throws(CommandError) in
            let (args, _) = try inv.parse()
            let s = inv.session
            let target = try args.first.map { w throws(CommandError) in try s.resolve(w) } ?? s.focus
            var out: [String] = []
            if let c = target {
                out.append(s.claimLine(c, prefix: "", prefixWidth: 0, relation: nil, console: inv.console))
                let parents = s.map.parents(of: c)
                if parents.count > 1 {
                    // (The first eight named: a claim may answer thousands; show --all lists them.)
                    out.append(inv.console.styled("  answers \(parents.count) claims: ", .dim) + s.map.named(parents.map(\.claim))
                               + (parents.count > ArgumentMap.namedFirst ? " (show \(s.map.claims[c].id) --all lists every one)" : ""))
                }
            } else {
                out.append(inv.console.styled("\(s.name): " + Commands.counts(s.map), .bold))
            }
            let children = s.numberedChildren(of: target)
            if children.isEmpty {
                out.append(target == nil ? "  (an empty map: add a thesis with add thesis TEXT)" : "  (nothing supports or attacks it yet)")
            }
            let relations = target.map { Array(s.map.incoming[$0]) } ?? []
            let width = String(children.count).count
            // Written as it is made, a piece at a time, stopping where the console is asked to
            // stop (Ctrl-C): a claim may have a million supports and attacks (2.2 million lines).
            var pending = out.reduce(0) { $0 + $1.utf8.count + 1 }
            func flush() {
                inv.console.write(out.joined(separator: "\n") + "\n")
                (out, pending) = ([], 0)
            }
            for (i, child) in children.enumerated() {
                let number = String(i + 1)
                let num = String(repeating: " ", count: width - number.count) + number + ". "
                let line: String
                if target != nil {
                    let r = relations[i]
                    let prefix = "  " + num + s.mark(r, console: inv.console) + " "
                    line = s.claimLine(child, prefix: prefix, prefixWidth: 4 + width + 2, relation: r, console: inv.console)
                } else {
                    line = s.claimLine(child, prefix: "  " + num, prefixWidth: 2 + width + 2, relation: nil, console: inv.console)
                }
                out.append(line)
                pending += line.utf8.count + 1
                if pending >= Console.piece {
                    flush()
                    if inv.console.stopped { return }
                }
            }
            if !out.isEmpty { inv.console.print(out.joined(separator: "\n")) }
        })
}
