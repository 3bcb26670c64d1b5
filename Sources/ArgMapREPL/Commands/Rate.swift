import ArgMapModel
import ArgMapSemantics

extension Commands {
    /// The rating scale: 0–4 mapped to [0, 1], as Kialo's impact votes are.
    static let ratingScale = [0.0, 0.25, 0.5, 0.75, 1.0]

    static let rate = Command(
        name: "rate", group: .debate,
        usage: "rate [ID]",
        summary: "guided rating: base scores and weights on a 0–4 scale, bottom-up, scores hidden until the end",
        discussion: "Walks the claims under ID (the focus, or the first thesis) from the deepest up, one branch at a time: each claim comes after the claims under it. For each claim it asks how plausible the claim is on its own (0 = not at all … 4 = certainly; base = rating / 4), then how strongly it bears on the claim it answers (the relation's weight, same scale). Enter keeps the current value, q stops early (the ratings given so far are kept). Scores stay hidden until the end, when the thesis's score is shown before and after. The ratings are one step: undo takes them all back.",
        examples: ["rate", "rate reason-1"],
        arguments: [.claim], maxArguments: 1,
        run: { inv throws(CommandError) in
            let (args, _) = try inv.parse()
            let s = inv.session
            guard let top = try args.first.map({ w throws(CommandError) in try s.resolveClaim(w) }) ?? s.focus ?? s.map.theses.first else {
                throw CommandError("the map is empty: nothing to rate", at: inv.commandWord)
            }
            let map = s.map
            var walk = RatingWalk(map, from: top)
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
            // A relation's weight is asked after its claim's base; a relation the walk found only
            // after its claim's turn is asked under the claim's line again.
            func askWeight(_ r: Int) -> Bool {
                let relation = map.relations[r], from = map.claims[relation.from].id, to = map.claims[relation.to].id
                let verb = relation.type == .support ? "support" : "attack"
                switch ask("  how strongly does it \(verb) \(to)?", current: relation.weight) {
                case .none: return false
                case .some(.some(let w)) where w != relation.weight: edits.append(.setWeight(from: from, to: to, w))
                default: break
                }
                return true
            }
            rating: while let turn = walk.next() {
                for r in turn.late {
                    let claim = map.claims[map.relations[r].from]
                    inv.console.print("\(claim.id): \(claim.text)")
                    guard askWeight(r) else { stopped = true; break rating }
                }
                let claim = map.claims[turn.claim]
                inv.console.print("\(claim.id): \(claim.text)")
                switch ask("  how plausible is it on its own?", current: claim.base) {
                case .none: stopped = true; break rating
                case .some(.some(let b)) where b != claim.base: edits.append(.setValue(claim.id, .base(b)))
                default: break
                }
                for r in turn.relations { guard askWeight(r) else { stopped = true; break rating } }
            }
            if !edits.isEmpty { try inv.perform(.batch(edits), summary: "rate \(s.map.claims[top].id) (\(edits.count) ratings)") }
            let after = s.currentEvaluation()
            let id = s.map.claims[top].id
            func score(_ e: Evaluation) -> String { e.converged && top < e.scores.count ? Session.format(e.scores[top]) : "?" }
            inv.console.print((stopped ? "stopped; " : "") + "\(edits.count) rating\(edits.count == 1 ? "" : "s") changed. \(id) scores \(score(after)) under \(s.semantics.rawValue) (it was \(score(before)))")
        })
}

/// The order in which `rate` asks: depth first from the claim rated, each claim after the
/// claims under it (the deepest first, one branch at a time), and with each claim the weights
/// of its relations to claims under the one rated. The walk goes only as far as the questions
/// do, so the first comes at once, however large the map; no recursion.
struct RatingWalk {
    /// A claim's turn: the relations into it found after their own claim's turn (asked first),
    /// then the claim, then its relations to claims the walk has reached.
    struct Turn { var late: [Int]; var claim: Int; var relations: [Int] }

    private let map: ArgumentMap
    private let top: Int
    /// The claims under way, each with how many of its incoming relations are done and the
    /// relations found late into it.
    private var stack: [(claim: Int, done: Int, late: [Int])]
    /// When each claim was reached, and how many had been reached when its turn came (0: not
    /// yet): a relation from c to p was asked at c's turn exactly when p was reached before it.
    private var reached: [Int32]
    private var turnAt: [Int32]
    /// How many claims the walk has reached so far.
    private(set) var count: Int32 = 1

    init(_ map: ArgumentMap, from top: Int) {
        self.map = map
        self.top = top
        stack = [(top, 0, [])]
        reached = [Int32](repeating: 0, count: map.count)
        turnAt = [Int32](repeating: 0, count: map.count)
        reached[top] = count
    }

    mutating func next() -> Turn? {
        while let (c, done, _) = stack.last {
            let incoming = map.incoming[c]
            if done < incoming.count {
                stack[stack.count - 1].done += 1
                // Siblings in the order of the map (and of its file).
                let r = incoming[done]
                let from = map.relations[r].from
                if reached[from] == 0 {
                    count += 1
                    reached[from] = count
                    stack.append((from, 0, []))
                } else if turnAt[from] != 0 && turnAt[from] <= reached[c] {
                    stack[stack.count - 1].late.append(r)
                }
                continue
            }
            let late = stack.removeLast().late
            turnAt[c] = count + 1
            let relations = c == top ? [] : map.outgoing[c].filter { reached[map.relations[$0].to] != 0 }
            return Turn(late: late, claim: c, relations: relations)
        }
        return nil
    }
}
