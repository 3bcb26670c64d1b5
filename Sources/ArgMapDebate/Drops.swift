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
        let earliest = earliestAnswers(map, round)
        var drops: [Drop] = []
        for c in 0..<map.count {
            guard let speech = round.speech[c], let deadline = speech.answeredBy, deadline <= last else { continue }
            let side = round.side[c]
            if let answer = earliest[c], answer <= deadline { continue }
            // Answers that came, but after the deadline (most drops have none, and then no list
            // is made).
            var late: [Int] = []
            for r in map.incoming[c] where round.side[map.relations[r].from] != side { late.append(map.relations[r].from) }
            drops.append(Drop(claim: c, side: side, speech: speech, deadline: deadline, lateAnswers: late))
        }
        return drops
    }

    /// The earliest answer from the other side that reaches each claim, directly or through
    /// the claims of its own side that support it (answering a disadvantage's link contests the
    /// disadvantage). Claims answered directly are taken earliest answer first (grouped by the
    /// speech of that answer), and each hands its answer on to the same-side claims it supports
    /// that have none yet, so every claim gets the earliest answer it can reach: one pass, with
    /// cycles or without, no recursion.
    /// - Complexity: O(claims + relations).
    static func earliestAnswers(_ map: ArgumentMap, _ round: Round) -> [Speech?] {
        // The claims answered directly, by the speech of their earliest direct answer.
        var answered = [[Int]](repeating: [], count: Speech.allCases.count)
        for y in 0..<map.count {
            var best: Speech?
            for r in map.incoming[y] {
                let child = map.relations[r].from
                if round.side[child] != round.side[y], let s = round.speech[child], best.map({ s < $0 }) ?? true { best = s }
            }
            if let best { answered[best.order].append(y) }
        }
        var earliest = [Speech?](repeating: nil, count: map.count)
        var queue: [Int] = []
        for s in Speech.allCases {
            for y in answered[s.order] where earliest[y] == nil {
                earliest[y] = s
                queue.append(y)
                while let x = queue.popLast() {
                    for r in map.outgoing[x] {
                        let parent = map.relations[r].to
                        if earliest[parent] == nil && round.side[parent] == round.side[x] && map.relations[r].type == .support {
                            earliest[parent] = s
                            queue.append(parent)
                        }
                    }
                }
            }
        }
        return earliest
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
