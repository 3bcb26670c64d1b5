import ArgMapModel
import ArgMapSemantics

extension Commands {
    static let compare = Command(
        name: "compare", group: .scoring,
        usage: "compare [ID]",
        summary: "every semantics side by side for a claim and the claims under it",
        discussion: "One column per semantics, one row per claim, and a note on each row saying why the semantics disagree there.",
        examples: ["compare", "compare reason-3-diplomacy-over-economics"],
        arguments: [.claim], maxArguments: 1,
        run: { inv throws(CommandError) in
            let (args, _) = try inv.parse()
            let s = inv.session
            guard let c = try args.first.map({ w throws(CommandError) in try s.resolveClaim(w) }) ?? s.focus ?? s.map.roots.first else {
                throw CommandError("the map is empty", at: inv.commandWord)
            }
            let results = s.evaluations(Semantics.allCases)
            let rows = [c] + s.map.incoming[c].map { s.map.relations[$0].from }
            var lines = [("claim".padding(to: 22) + Semantics.allCases.map { $0.rawValue.padding(to: 8) }.joined()).trimmingCharacters(in: " ")]
            for (i, row) in rows.enumerated() {
                var name = (i == 0 ? "" : "  ") + s.map.claims[row].id
                if name.count > 21 { name = String(name.prefix(20)) + "…" }
                lines.append((name.padding(to: 22) + results.map { Commands.scoreString($0, row).padding(to: 8) }.joined()).trimmingCharacters(in: " "))
                lines.append(TextLayout.block("    ", Commands.disagreement(s.map, row, results), width: inv.console.width, hanging: 4))
            }
            inv.console.print(lines.joined(separator: "\n"))
        })

    /// A one-line account of why the semantics disagree on a claim.
    static func disagreement(_ map: ArgumentMap, _ c: Int, _ results: [Evaluation]) -> String {
        let rels = map.incoming[c].map { map.relations[$0] }
        let supports = rels.filter { $0.type == .support }.count
        let attacks = rels.filter { $0.type == .attack }.count
        let numeric = results.filter { $0.labels == nil && $0.converged }
        let values = numeric.map { $0.scores[c] }
        let spread = (values.max() ?? 0) - (values.min() ?? 0)
        if results.contains(where: { !$0.converged && $0.note != nil && $0.semantics != .quad }) {
            return "Some semantics did not converge on this map's cycles."
        }
        let undercuts = rels.count - supports - attacks
        if supports == 0 && attacks == 0 && undercuts > 0 { return "Only undercut: its own score stays at its base in every semantics, but its relations weigh less." }
        if supports == 0 && attacks == 0 { return "Nothing supports or attacks it: every semantics keeps its base score." }
        if spread < 0.01 { return "The semantics agree to two decimals." }
        var reasons: [String] = []
        if supports > 0 { reasons.append("hcat and grounded ignore its \(supports) support\(supports == 1 ? "" : "s")") }
        if supports > 0 && attacks > 0 { reasons.append("QuAD averages its attack and support values") }
        if supports + attacks > 1 { reasons.append("DF-QuAD and QuAD combine several contributions like probabilities (saturating), while Euler, QE and MLP add them up") }
        else { reasons.append("each semantics turns a single contribution into a score by its own curve") }
        if results.contains(where: { $0.semantics == .quad && !$0.converged }) { reasons.append("QuAD is undefined on cycles") }
        return reasons.joined(separator: "; ") + "."
    }
}
