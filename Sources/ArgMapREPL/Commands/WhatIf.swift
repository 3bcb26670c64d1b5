import ArgMapModel
import ArgMapSemantics

extension Commands {
    static let whatif = Command(
        name: "whatif", group: .scoring,
        usage: "whatif ID base X | whatif ID weight W | whatif rm ID",
        summary: "the theses' scores before and after a change, leaving the map as it is",
        examples: ["whatif reason-2-sino-centrism base 0.2", "whatif rm no-economic-gains"],
        arguments: [.claim, .keyword(["base", "weight"]), .number],
        options: [semanticsOption, OptionSpec("to", .claim, "with weight: the parent whose relation to change")],
        minArguments: 2, maxArguments: 3,
        run: { inv throws(CommandError) in
            let (args, options) = try inv.parse()
            let s = inv.session
            let semantics = try Commands.semantics(inv, options)
            var trial = s.map
            let what: String
            var change: Edit?, removed: String?
            if args[0].text == "rm", s.map.index(of: "rm") == nil {
                let c = try s.resolveClaim(args[1])
                guard args.count == 2 else { throw CommandError("whatif rm takes one claim", at: args[2]) }
                let id = s.map.claims[c].id
                change = .removeClaim(id)
                removed = id
                what = "without \(id)"
            } else {
                guard args.count == 3 else { throw CommandError("whatif needs ID base X, ID weight W, or rm ID", at: inv.commandWord, hint: "usage: \(inv.command.usage)") }
                let c = try s.resolveClaim(args[0])
                let id = s.map.claims[c].id
                let value = try inv.number(args[2], name: args[1].text)
                if args[1].text == "base" || args[1].text == "weight" {
                    do { try ArgumentMap.validate(value: value, name: args[1].text) } catch { throw CommandError("\(error)", at: args[2]) }
                }
                switch args[1].text {
                case "base":
                    change = .setValue(id, .base(value))
                    what = "with \(id) at base \(DataValue.format(value))"
                case "weight":
                    let p = try Commands.parentFor(inv, claim: c, option: options["to"] ?? nil, word: args[0])
                    change = .setWeight(from: id, to: s.map.claims[p].id, value)
                    what = "with \(id) → \(s.map.claims[p].id) at weight \(DataValue.format(value))"
                default:
                    throw CommandError("whatif changes base or weight, not '\(args[1].text)'", at: args[1])
                }
            }
            let before = s.evaluation(semantics)
            // One base, weight or removal under the live semantics is rescored incrementally (and
            // back); anything else is evaluated in full on a copy of the map.
            let after: Evaluation
            if semantics == s.semantics, let change, let e = s.evaluation(trying: change) {
                after = e
            } else {
                if let change { do { try trial.apply(change) } catch { throw CommandError("\(error)", at: args[removed == nil ? 2 : 1]) } }
                after = Evaluator.evaluate(trial, semantics)
            }
            var lines = ["What if: \(what) (\(semantics.title))"]
            for r in s.map.theses {
                let id = s.map.claims[r].id
                guard id != removed, let r2 = trial.index(of: id) else { continue }
                let a = Commands.scoreString(before, r), b = Commands.scoreString(after, r2)
                let delta = before.labels == nil && before.converged && after.converged ? after.scores[r2] - before.scores[r] : 0
                let change = before.labels == nil && abs(delta) >= 0.0005 ? String(format3: delta) : "unchanged"
                lines.append("  \(id): \(a) → \(b)  (\(change))")
            }
            lines.append("(the map is unchanged)")
            inv.console.print(lines.joined(separator: "\n"))
        })

    static func scoreString(_ e: Evaluation, _ c: Int) -> String {
        if let labels = e.labels { return labels[c].rawValue }
        return e.converged ? Explanation.number(e.scores[c]) : "?"
    }
}

extension String {
    init(format3 d: Double) {
        let v = (d * 1000).rounded() / 1000
        self = (v > 0 ? "+" : "") + Explanation.number(v)
    }
}
