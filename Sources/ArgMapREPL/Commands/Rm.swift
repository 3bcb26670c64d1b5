import ArgMapModel

extension Commands {
    static let rm = Command(
        name: "rm", aliases: ["remove", "del"], group: .editing,
        usage: "rm ID [--yes]",
        summary: "remove a claim and the claims that hang only from it",
        discussion: "Claims under it that also answer another claim stay. On a terminal, rm asks before removing more than the one claim; --yes removes them without asking (for lines pasted at the terminal, whose next line would otherwise be taken for the answer). undo brings everything back.",
        examples: ["rm 1.2.3", "rm reason-2 --yes"],
        arguments: [.claim], options: [OptionSpec("yes", nil, "remove the claims under it without asking")], minArguments: 1, maxArguments: 1,
        run: { inv throws(CommandError) in
            let (args, options) = try inv.parse()
            let s = inv.session
            let c = try s.resolveClaim(args[0])
            let doomed = Commands.subtreeOnlyUnder(s.map, c)
            if doomed.count > 1, inv.interactive, options["yes"] == nil {
                guard inv.editor.confirm("Remove \(s.map.claims[c].id) and the \(doomed.count - 1) claims under it?") else {
                    inv.console.print("(nothing removed)")
                    return
                }
            }
            // One removal of the whole set: linear in the map, however many claims go. Listed
            // in claim order, in which the removal finds each id with no lookup; a subtree in
            // an argument file's order is a run of claims, listed with no sort.
            let lowest = doomed.min() ?? c, highest = doomed.max() ?? c
            let inOrder = highest - lowest + 1 == doomed.count ? Array(lowest...highest) : doomed.sorted()
            // (The claims read once, not through the session's map for each.)
            let claims = s.map.claims
            let ids = inOrder.map { claims[$0].id }
            try inv.perform(.removeClaims(ids), about: args[0],
                            summary: "remove \(s.map.claims[c].id)" + (doomed.count > 1 ? " and \(doomed.count - 1) under it" : ""))
            inv.console.print("removed \(doomed.count) claim\(doomed.count == 1 ? "" : "s")")
        })

    /// A claim and every claim beneath it that answers nothing outside that set, in the order
    /// found, breadth first (the claim first). Iterative: a claim is checked again whenever a
    /// parent joins.
    /// - Complexity: O(size of the subtree and its relations).
    static func subtreeOnlyUnder(_ map: ArgumentMap, _ root: Int) -> [Int] {
        // Marks, one per claim, rather than a set of numbers: no hashing.
        var inSet = [Bool](repeating: false, count: map.count)
        inSet[root] = true
        // The claims found are the work still to do from `next` on (no stack beside them: a
        // claim with a million under it, as on a star, had them copied into both).
        var order = [root]
        var next = 0
        // The lists read in place (a list read through its subscript counts a reference).
        map.incoming.withUnsafeLists { incoming in
        map.outgoing.withUnsafeLists { outgoing in
        map.relations.withUnsafeBufferPointer { relations in
            while next < order.count {
                let c = order[next]
                next += 1
                for r in incoming[c] {
                    let child = relations[r].from
                    if inSet[child] { continue }
                    if outgoing[child].allSatisfy({ inSet[relations[$0].to] }) {
                        inSet[child] = true
                        order.append(child)
                    }
                }
            }
        }}}
        return order
    }
}
