import ArgMapModel

/// Arguments the other side never answered by the last speech in which it could have: an
/// argument made in a speech must be answered in the other side's next speech (the 2NC and
/// 1NR count as one). An answer that comes later is new, and does not count. Arguments whose
/// deadline the round has not reached yet are not dropped. An answer to one of a claim's own
/// supporters (a disadvantage's link) contests the claim as well.
public struct Drop: Sendable, Equatable {
    public var claim: Int
    public var side: Side
    public var speech: Speech
    /// The speech that should have answered it.
    public var deadline: Speech
    /// Answers that came too late, if any.
    public var lateAnswers: [Int]
}

public enum Drops {
    /// The base score a dropped argument takes when drops are scored as conceded: a judge who
    /// votes on concessions treats an unanswered argument as true.
    public static let concededBase = 1.0

    public static func find(in map: ArgumentMap, round: Round? = nil) -> [Drop] {
        let round = round ?? Round(map)
        guard let last = round.lastSpeech else { return [] }
        // The earliest answer from the other side that reaches each claim, directly or through
        // its own side's supports (answering a disadvantage's link contests the disadvantage):
        // one pass, children before parents, where the map has no cycle.
        var earliest: [Speech?]?
        if let order = map.topologicalOrder() {
            var best = [Speech?](repeating: nil, count: map.count)
            for x in order {
                var b: Speech?
                for (child, r) in map.children(of: x) {
                    let candidate: Speech?
                    if round.side[child] != round.side[x] {
                        candidate = round.speech[child]
                    } else if map.relations[r].type == .support {
                        candidate = best[child]
                    } else {
                        candidate = nil
                    }
                    if let c = candidate, b.map({ c < $0 }) ?? true { b = c }
                }
                best[x] = b
            }
            earliest = best
        }
        var drops: [Drop] = []
        for c in 0..<map.count {
            guard let speech = round.speech[c], let deadline = speech.answeredBy, deadline <= last else { continue }
            let side = round.side[c]
            var answered = false
            if let earliest {
                answered = earliest[c].map { $0 <= deadline } ?? false
            } else {
                // A map with cycles: search this claim's own side's supports, without recursion.
                var stack = [c]
                var seen: Set<Int> = [c]
                while let x = stack.popLast(), !answered {
                    for (child, r) in map.children(of: x) where seen.insert(child).inserted {
                        if round.side[child] != side {
                            if let s = round.speech[child], s <= deadline { answered = true }
                        } else if map.relations[r].type == .support {
                            stack.append(child)
                        }
                    }
                }
            }
            guard !answered else { continue }
            // Answers that came, but after the deadline.
            let late = map.children(of: c).map(\.claim).filter { round.side[$0] != side }
            drops.append(Drop(claim: c, side: side, speech: speech, deadline: deadline, lateAnswers: late))
        }
        return drops
    }

    /// The map with every dropped argument's base raised to ``concededBase``.
    public static func conceded(_ map: ArgumentMap) -> ArgumentMap {
        var m = map
        for d in find(in: map) where m.claims[d.claim].base < concededBase {
            _ = try? m.apply(.setValue(m.claims[d.claim].id, .base(concededBase)))
        }
        return m
    }
}
