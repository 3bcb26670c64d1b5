import ArgMapModel
import ArgMapSemantics

extension Commands {
    /// Carneades' proof standards (Gordon, Prakken and Walton 2007), strictest last.
    static let standards = ["scintilla", "dialectical-validity", "preponderance", "clear-and-convincing", "beyond-reasonable-doubt"]

    static let verdict = Command(
        name: "verdict", group: .scoring,
        usage: "verdict [ID] [--standard NAME] [--semantics NAME]",
        summary: "whether a claim meets Carneades' proof standards, from its strongest pro and con",
        discussion: "A pro or con applies when its own score is at least 0.5; its weight is its score times its relation's weight. scintilla: some pro applies. dialectical-validity: some pro applies and no con does. preponderance: pro > con. clear-and-convincing: preponderance, pro > 0.5 and pro − con > 0.3. beyond-reasonable-doubt: clear-and-convincing, pro − con > 0.5 and con < 0.2.",
        examples: ["verdict", "verdict pivot-succeeding --standard preponderance"],
        arguments: [.claim], options: [OptionSpec("standard", .keyword(standards), "one standard only"), semanticsOption], maxArguments: 1,
        run: { inv throws(CommandError) in
            let (args, options) = try inv.parse()
            let s = inv.session
            let semantics = try Commands.semantics(inv, options)
            guard let c = try args.first.map({ w throws(CommandError) in try s.resolveClaim(w) }) ?? s.focus ?? s.map.theses.first else {
                throw CommandError("the map is empty", at: inv.commandWord)
            }
            var chosen = Commands.standards
            if let w = options["standard"] ?? nil {
                guard Commands.standards.contains(w.text) else {
                    throw CommandError("unknown standard '\(w.text)'", at: w, hint: CommandTable.nearest(to: w.text, in: Commands.standards).map { "did you mean '\($0)'?" } ?? "one of: \(Commands.standards.joined(separator: ", "))")
                }
                chosen = [w.text]
            }
            let e = s.evaluation(semantics)
            // The strongest that apply (of equal ones, the first), in one pass keeping no list: a
            // claim may have a million.
            var bestPro: Explanation.Contribution?, bestCon: Explanation.Contribution?
            Explanation.eachContribution(to: c, in: s.map, evaluation: e) { x in
                guard x.strength >= 0.5 && x.effectiveWeight > 0 else { return }
                if x.isAttack {
                    if bestCon.map({ $0.contribution < x.contribution }) ?? true { bestCon = x }
                } else if bestPro.map({ $0.contribution < x.contribution }) ?? true {
                    bestPro = x
                }
            }
            let pro = bestPro?.contribution ?? 0, con = bestCon?.contribution ?? 0
            let n = Explanation.number
            var lines = ["\(s.map.claims[c].id) under \(semantics.title):"]
            lines.append("  strongest applicable pro: " + (bestPro.map { "\(s.map.claims[$0.claim].id) (\(n($0.strength)) × \(n($0.effectiveWeight)) = \(n(pro)))" } ?? "none"))
            lines.append("  strongest applicable con: " + (bestCon.map { "\(s.map.claims[$0.claim].id) (\(n($0.strength)) × \(n($0.effectiveWeight)) = \(n(con)))" } ?? "none"))
            for standard in chosen {
                let (met, why) = Commands.meets(standard, pro: bestPro == nil ? nil : pro, con: bestCon == nil ? nil : con)
                lines.append("  " + standard.padding(to: 25) + (met ? "met    " : "not met") + "  " + why)
            }
            inv.console.print(lines.joined(separator: "\n"))
        })

    static func meets(_ standard: String, pro: Double?, con: Double?) -> (Bool, String) {
        let p = pro ?? 0, c = con ?? 0
        let n = Explanation.number
        switch standard {
        case "scintilla":
            return (pro != nil, pro != nil ? "a pro applies" : "no pro applies")
        case "dialectical-validity":
            if pro == nil { return (false, "no pro applies") }
            return (con == nil, con == nil ? "a pro applies and no con does" : "a con applies")
        case "preponderance":
            return (pro != nil && p > c, "pro \(n(p)) \(p > c ? ">" : "≤") con \(n(c))")
        case "clear-and-convincing":
            let ok = pro != nil && p > c && p > 0.5 && p - c > 0.3
            return (ok, "needs pro > 0.5 and pro − con > 0.3: pro \(n(p)), pro − con \(n(p - c))")
        default:
            let ok = pro != nil && p > c && p > 0.5 && p - c > 0.5 && c < 0.2
            return (ok, "needs pro > 0.5, pro − con > 0.5 and con < 0.2: pro \(n(p)), con \(n(c))")
        }
    }
}
