#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgMapModel

/// How one claim's score came about under a semantics: its base, each supporter and attacker
/// with its strength, weight and contribution, the aggregates, and the formula with numbers.
public struct Explanation: Sendable {
    public struct Contribution: Sendable {
        public var claim: Int
        public var isAttack: Bool
        public var strength: Double
        public var weight: Double
        /// The weight after undercuts: weight × Π(1 − undercut strength).
        public var effectiveWeight: Double
        /// effectiveWeight × strength.
        public var contribution: Double
        /// Whether the semantics counts it (hcat and grounded ignore supports).
        public var counted: Bool
    }

    public var claim: Int
    public var semantics: Semantics
    public var base: Double
    public var score: Double
    /// Each supporter's and attacker's contribution, in the order of the claim's relations;
    /// past ``explain(_:in:evaluation:listing:)``'s `listing` of a kind, only those of that kind
    /// that contribute most (see there).
    public var contributions: [Contribution]
    /// How many claims support it, and how many attack it (undercuts aside), listed or not.
    public var supporters: Int, attackers: Int
    /// Named intermediate values (v_att, v_sup, E, …) in the order the formula uses them.
    public var aggregates: [(name: String, value: Double)]
    /// The formula with the numbers put in, ending in the score.
    public var formula: String
    /// A sentence on what the formula means.
    public var reading: String

    /// Explains claim c given an evaluation of the map. Past `listing` supporters (or
    /// attackers), ``contributions`` holds only the `listing + 1` of that kind that contribute
    /// most, largest first (of equal ones, the first in the claim's relations first): a claim may
    /// have a million, and `why` lists a few. The aggregates are always of every one.
    public static func explain(_ c: Int, in map: ArgumentMap, evaluation: Evaluation, listing: Int = .max) -> Explanation {
        let semantics = evaluation.semantics
        let s = evaluation.scores
        let w = map.claims[c].base
        // How many of each kind, from the relations' types alone: whether a kind is folded.
        var supporters = 0, attackers = 0
        for r in map.incoming[c] {
            switch map.relations[r].type {
            case .support: supporters += 1
            case .attack: attackers += 1
            case .undercut: break
            }
        }
        let foldsSupporters = supporters > listing, foldsAttackers = attackers > listing
        // Then, in one pass, the counted attacks and supports aggregated in their order, and
        // those listed: every one of a kind within `listing`, in order; else the `listing + 1`
        // largest, largest first, each after every one at least as large.
        var prodAtt = 1.0, prodSup = 1.0, sumAtt = 0.0, sumSup = 0.0, attacks = 0, supports = 0, inAttackers = 0
        var contributions: [Contribution] = [], largest: [[Contribution]] = [[], []]
        eachContribution(to: c, in: map, evaluation: evaluation) { x in
            if x.isAttack && evaluation.labels?[x.claim] == .in { inAttackers += 1 }
            if x.counted {
                if x.isAttack {
                    prodAtt *= 1 - x.contribution; sumAtt += x.contribution; attacks += 1
                } else {
                    prodSup *= 1 - x.contribution; sumSup += x.contribution; supports += 1
                }
            }
            guard x.isAttack ? foldsAttackers : foldsSupporters else { contributions.append(x); return }
            let k = x.isAttack ? 1 : 0, keep = listing + 1
            if largest[k].count == keep, !(x.contribution > largest[k][keep - 1].contribution) { return }
            var at = largest[k].count
            while at > 0 && largest[k][at - 1].contribution < x.contribution { at -= 1 }
            largest[k].insert(x, at: at)
            if largest[k].count > keep { largest[k].removeLast() }
        }
        contributions += largest[0] + largest[1]
        let score = s[c]
        func f(_ x: Double) -> String { Explanation.number(x) }
        var aggregates: [(String, Double)] = []
        var formula = ""
        var reading = ""
        switch semantics {
        case .dfquad:
            let vAtt = 1 - prodAtt, vSup = 1 - prodSup
            aggregates = [("attack v_att = 1 − Π(1 − contribution)", vAtt), ("support v_sup = 1 − Π(1 − contribution)", vSup)]
            if vAtt >= vSup {
                formula = "score = base − base·(v_att − v_sup) = \(f(w)) − \(f(w))·(\(f(vAtt)) − \(f(vSup))) = \(f(score))"
                reading = vAtt == vSup ? "Attacks and supports balance, so the score stays at the base." : "The attacks outweigh the supports, so the score falls from the base toward 0 in proportion to the difference."
            } else {
                formula = "score = base + (1 − base)·(v_sup − v_att) = \(f(w)) + \(f(1 - w))·(\(f(vSup)) − \(f(vAtt))) = \(f(score))"
                reading = "The supports outweigh the attacks, so the score rises from the base toward 1 in proportion to the difference."
            }
        case .quad:
            let va = attacks == 0 ? nil : w * prodAtt
            let vs = supports == 0 ? nil : 1 - (1 - w) * prodSup
            if let va { aggregates.append(("v_a = base·Π(1 − attack)", va)) }
            if let vs { aggregates.append(("v_s = 1 − (1 − base)·Π(1 − support)", vs)) }
            switch (va, vs) {
            case (nil, nil): formula = "score = base = \(f(score))"; reading = "Nothing supports or attacks it, so the score is its base."
            case (let a?, nil): formula = "score = v_a = \(f(a))"; reading = "Only attacks: the base is scaled down by each attacker."
            case (nil, let b?): formula = "score = v_s = \(f(b))"; reading = "Only supports: the distance to 1 shrinks with each supporter."
            case (let a?, let b?): formula = "score = (v_a + v_s)/2 = (\(f(a)) + \(f(b)))/2 = \(f(score))"; reading = "Attacked and supported: QuAD averages the two, which is why a weak supporter can move it a lot."
            }
        case .euler:
            let e = sumSup - sumAtt
            aggregates = [("E = Σ supports − Σ attacks", e)]
            formula = "score = 1 − (1 − base²)/(1 + base·e^E) = 1 − \(f(1 - w * w))/(1 + \(f(w))·e^\(f(e))) = \(f(score))"
            reading = e == 0 ? "Supports and attacks cancel, so the score is the base." : e > 0 ? "More support than attack raises the score, never quite to 1." : "More attack than support lowers the score, never below base² / (1 + base)."
        case .qe:
            let e = sumSup - sumAtt
            aggregates = [("E = Σ supports − Σ attacks", e)]
            formula = "score = base − base·h(−E) + (1 − base)·h(E), h(x) = max(x,0)²/(1 + max(x,0)²): \(f(w)) − \(f(w))·\(f(Evaluator.h(-e))) + \(f(1 - w))·\(f(Evaluator.h(e))) = \(f(score))"
            reading = e == 0 ? "Supports and attacks cancel, so the score is the base." : e > 0 ? "Net support moves the score toward 1, slowly at first." : "Net attack moves the score toward 0, slowly at first."
        case .mlp:
            let a = sumSup - sumAtt
            aggregates = [("α = Σ supports − Σ attacks", a)]
            formula = "score = logistic(ln(base/(1 − base)) + α) = logistic(\(f(w > 0 && w < 1 ? log(w / (1 - w)) : .nan)) + \(f(a))) = \(f(score))"
            reading = "Like a neuron: the base sets the bias, each supporter adds and each attacker subtracts its contribution."
        case .hcat:
            aggregates = [("A = Σ attacks", sumAtt)]
            formula = "score = base/(1 + A) = \(f(w))/(1 + \(f(sumAtt))) = \(f(score))"
            reading = "The h-categorizer counts attacks only: the more and the stronger the attackers, the lower the score. Supports are ignored."
        case .grounded:
            let label = evaluation.labels?[c] ?? .undec
            formula = "label = \(label.rawValue)"
            switch label {
            case .in: reading = attacks == 0 ? "Nothing attacks it, so it is in." : "Every attacker is out, so it is in."
            case .out: reading = "It is attacked by \(inAttackers) claim\(inAttackers == 1 ? "" : "s") that are in, so it is out."
            case .undec: reading = "Some attacker is neither in nor out (a cycle keeps it undecided), and none is in."
            }
        }
        if !evaluation.converged { reading += " The evaluation did not converge, so these numbers are not final." }
        return Explanation(claim: c, semantics: semantics, base: w, score: score, contributions: contributions, supporters: supporters,
                           attackers: attackers, aggregates: aggregates, formula: formula, reading: reading)
    }

    /// Each supporter's and attacker's contribution to claim `c` (undercuts aside), in the
    /// order of its relations, handed to `body` one at a time (none kept).
    public static func eachContribution(to c: Int, in map: ArgumentMap, evaluation: Evaluation, _ body: (Contribution) -> Void) {
        let semantics = evaluation.semantics, s = evaluation.scores
        for r in map.incoming[c] {
            let rel = map.relations[r]
            guard rel.type != .undercut else { continue }
            var factor = 1.0
            for u in map.incoming[rel.from] where map.relations[u].type == .undercut {
                factor *= 1 - map.relations[u].weight * s[map.relations[u].from]
            }
            let eff = rel.weight * factor
            let counted = (rel.type == .attack || semantics.usesSupports) && eff > 0
            body(Contribution(claim: rel.from, isAttack: rel.type == .attack, strength: s[rel.from], weight: rel.weight,
                              effectiveWeight: eff, contribution: eff * s[rel.from], counted: counted))
        }
    }

    /// A number with at most four decimals.
    public static func number(_ x: Double) -> String {
        guard x.isFinite else { return "n/a" }
        let r = (x * 10000).rounded() / 10000
        if r == r.rounded() { return String(Int(r)) }
        var s = "\(r)"
        if s.hasPrefix("0.") || s.hasPrefix("-0.") { s = String(s) }
        return s
    }
}
