import ArgMapModel
import ArgMapSemantics

extension Commands {
    static let compare = Command(
        name: "compare", group: .scoring,
        usage: "compare [ID] [--all]",
        summary: "every semantics side by side for a claim and the claims under it",
        discussion: "One column per semantics, one row per claim, and a note on each row saying why the semantics disagree there. Past 40 claims under it the rest are counted, not shown, unless --all is given.",
        examples: ["compare", "compare reason-3-diplomacy-over-economics", "compare --all"],
        arguments: [.claim], options: [OptionSpec("all", nil, "a row for every claim under it, folding none")], maxArguments: 1,
        run: { inv throws(CommandError) in
            let (args, options) = try inv.parse()
            let s = inv.session
            guard let c = try args.first.map({ w throws(CommandError) in try s.resolveClaim(w) }) ?? s.focus ?? s.map.theses.first else {
                throw CommandError("the map is empty", at: inv.commandWord)
            }
            let results = s.evaluations(Semantics.allCases)
            // Folded as tree folds a claim's children.
            let under = s.map.incoming[c]
            let shown = options["all"] != nil ? under.count : min(under.count, Commands.foldChildren)
            let rows = [c] + under.prefix(shown).map { s.map.relations[$0].from }
            // Columns line up: a line loses only its trailing blanks.
            func row(_ cells: String) -> String {
                var row = cells
                while row.utf8.last == UInt8(ascii: " ") { row.removeLast() }
                return row
            }
            var lines = [row("claim".padding(to: 22) + Semantics.allCases.map { $0.rawValue.padding(to: 8) }.joined())]
            for (i, claim) in rows.enumerated() {
                var name = (i == 0 ? "" : "  ") + s.map.claims[claim].id
                if name.count > 21 { name = String(name.prefix(20)) + "…" }
                lines.append(row(name.padding(to: 22) + results.map { Commands.scoreString($0, claim).padding(to: 8) }.joined()))
                lines.append(TextLayout.block("    ", Commands.disagreement(s.map, claim, results), width: inv.console.width, hanging: 4))
            }
            if shown < under.count {
                let id = s.map.claims[c].id
                lines.append("… and \(under.count - shown) more claims under \(id) (compare \(id) --all shows every one)")
            }
            inv.console.print(lines.joined(separator: "\n"))
        })

    /// A one-line account of why the semantics disagree on a claim.
    static func disagreement(_ map: ArgumentMap, _ c: Int, _ results: [Evaluation]) -> String {
        // (Counted in place: a thesis may have a million relations.)
        var supports = 0, attacks = 0, undercuts = 0
        map.relations.withUnsafeBufferPointer { relations in
            for r in map.incoming[c] {
                switch relations[r].type {
                case .support: supports += 1
                case .attack: attacks += 1
                case .undercut: undercuts += 1
                }
            }
        }
        let numeric = results.filter { $0.labels == nil && $0.converged }
        let values = numeric.map { $0.scores[c] }
        let spread = (values.max() ?? 0) - (values.min() ?? 0)
        if results.contains(where: { !$0.converged && $0.note != nil && $0.semantics != .quad }) {
            return "Some semantics did not converge on this map's cycles."
        }
        if supports == 0 && attacks == 0 && undercuts > 0 { return "Only undercut: its own score stays at its base in every semantics, but its relations weigh less." }
        if supports == 0 && attacks == 0 { return "Nothing supports or attacks it: every semantics keeps its base score." }
        if spread < 0.01 { return "The semantics agree to two decimals." }
        var reasons: [String] = []
        if supports > 0 { reasons.append("hcat and grounded ignore its \(supports) support\(supports == 1 ? "" : "s")") }
        if supports > 0 && attacks > 0 { reasons.append("QuAD averages its attack and support values") }
        if supports + attacks > 1 { reasons.append("DF-QuAD and QuAD combine several contributions like probabilities (saturating), while Euler, QE and MLP add them up") }
        else { reasons.append((reasons.isEmpty ? "Each" : "each") + " semantics turns a single contribution into a score by its own curve") }
        if results.contains(where: { $0.semantics == .quad && !$0.converged }) { reasons.append("QuAD is undefined on cycles") }
        return reasons.joined(separator: "; ") + "."
    }
}
