import ArgMapModel
import ArgMapSemantics

extension Commands {
    /// The rating scale: 0–4 mapped to [0, 1], as Kialo's impact votes are.
    static let ratingScale = [0.0, 0.25, 0.5, 0.75, 1.0]

    static let rate = Command(
        name: "rate", group: .debate,
        usage: "rate [ID]",
        summary: "guided rating: base scores and weights on a 0–4 scale, bottom-up, scores hidden until the end",
        discussion: "Walks the claims under ID (the focus, or the first thesis) from the deepest up. For each claim it asks how plausible the claim is on its own (0 = not at all … 4 = certainly; base = rating / 4), then how strongly it bears on the claim it answers (the relation's weight, same scale). Enter keeps the current value, q stops early (the ratings given so far are kept). Scores stay hidden until the end, when the thesis's score is shown before and after. The ratings are one step: undo takes them all back.",
        examples: ["rate", "rate reason-1"],
        arguments: [.claim], maxArguments: 1,
        run: { inv throws(CommandError) in
            let (args, _) = try inv.parse()
            let s = inv.session
            guard let top = try args.first.map({ w throws(CommandError) in try s.resolveClaim(w) }) ?? s.focus ?? s.map.roots.first else {
                throw CommandError("the map is empty: nothing to rate", at: inv.commandWord)
            }
            // Breadth first from the top, then reversed: the deepest claims come first.
            let map = s.map
            var order = [top]
            var seen = [Bool](repeating: false, count: map.count)
            seen[top] = true
            var head = 0
            while head < order.count {
                for r in map.incoming[order[head]] where !seen[map.relations[r].from] {
                    seen[map.relations[r].from] = true
                    order.append(map.relations[r].from)
                }
                head += 1
            }
            order.reverse()
            let before = s.currentEvaluation()
            func ask(_ question: String, current: Double) -> Double?? {
                while true {
                    switch inv.editor.readLine(prompt: question + " [0-4, Enter keeps \(Session.format(current)), q stops] ", initialText: nil) {
                    case .line(let answer):
                        let a = answer.trimmingCharacters(in: " \t")
                        if a.isEmpty { return .some(nil) }
                        if a == "q" || a == "quit" { return nil }
                        if let k = Int(a), Commands.ratingScale.indices.contains(k) { return .some(Commands.ratingScale[k]) }
                        inv.console.print("answer 0, 1, 2, 3 or 4 (0 = not at all, 4 = fully), Enter to keep, q to stop")
                        if !inv.interactive { return nil }
                    case .interrupted, .endOfInput:
                        return nil
                    }
                }
            }
            var edits: [Edit] = []
            var stopped = false
            rating: for c in order {
                let claim = s.map.claims[c]
                inv.console.print("\(claim.id): \(claim.text)")
                switch ask("  how plausible is it on its own?", current: claim.base) {
                case .none: stopped = true; break rating
                case .some(.some(let b)) where b != claim.base: edits.append(.setValue(claim.id, .base(b)))
                default: break
                }
                for (parent, r) in s.map.parents(of: c) where c != top && seen[parent] {
                    let verb = s.map.relations[r].type == .support ? "support" : "attack"
                    switch ask("  how strongly does it \(verb) \(s.map.claims[parent].id)?", current: s.map.relations[r].weight) {
                    case .none: stopped = true; break rating
                    case .some(.some(let w)) where w != s.map.relations[r].weight:
                        edits.append(.setWeight(from: claim.id, to: s.map.claims[parent].id, w))
                    default: break
                    }
                }
            }
            if !edits.isEmpty { try inv.perform(.batch(edits), summary: "rate \(s.map.claims[top].id) (\(edits.count) ratings)") }
            let after = s.currentEvaluation()
            let id = s.map.claims[top].id
            func score(_ e: Evaluation) -> String { e.converged && top < e.scores.count ? Session.format(e.scores[top]) : "?" }
            inv.console.print((stopped ? "stopped; " : "") + "\(edits.count) rating\(edits.count == 1 ? "" : "s") changed. \(id) scores \(score(after)) under \(s.semantics.rawValue) (it was \(score(before)))")
        })
}
