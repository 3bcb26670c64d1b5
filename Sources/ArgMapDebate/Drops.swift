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

    /// Every dropped argument, in claim order.
    /// - Complexity: O(claims + relations).
    public static func find(in map: ArgumentMap, round: Round? = nil) -> [Drop] {
        let answers = Answers(map, round: round ?? Round(map))
        return answers.droppedClaims().map { answers.drop($0, in: map)! }
    }

    /// What a round's claims were answered with, worked out once (O(claims + relations)), so
    /// that whether a claim is dropped is then a look-up: the flow marks the claims it shows
    /// without listing every drop, and `drops` makes a ``Drop`` only for the ones it lists.
    public struct Answers: Sendable {
        public let round: Round
        /// The earliest answer from the other side that reaches each claim (see
        /// ``Drops/earliestAnswers(_:_:)``).
        public let earliest: [Speech?]

        public init(_ map: ArgumentMap, round: Round) {
            self.round = round
            earliest = Drops.earliestAnswers(map, round)
        }

        /// Whether claim `c` was dropped: its answering speech has come, and no answer reached
        /// it by then.
        @inline(__always) public func isDropped(_ c: Int) -> Bool {
            guard let last = round.lastSpeech, let deadline = round.speech[c]?.answeredBy, deadline <= last else { return false }
            guard let answer = earliest[c] else { return true }
            return answer > deadline
        }

        /// The dropped claims, in claim order.
        public func droppedClaims() -> [Int] {
            guard let last = round.lastSpeech else { return [] }
            // Which speeches' arguments are due by the last speech, and a first pass to count
            // (a sequential read of two bytes a claim), so the list is made at its size.
            let due = Speech.allCases.map { s in s.answeredBy.map { $0 <= last } ?? false }
            return round.speech.withUnsafeBufferPointer { speeches in
                earliest.withUnsafeBufferPointer { earliest in
                    func dropped(_ c: Int) -> Bool {
                        guard let speech = speeches[c], due[speech.order] else { return false }
                        guard let answer = earliest[c] else { return true }
                        return answer > speech.answeredBy!
                    }
                    var count = 0
                    for c in 0..<speeches.count where dropped(c) { count += 1 }
                    return [Int](unsafeUninitializedCapacity: count) { buffer, initialized in
                        for c in 0..<speeches.count where dropped(c) {
                            buffer[initialized] = c
                            initialized += 1
                        }
                    }
                }
            }
        }

        /// Claim `c`'s drop (nil when it is not dropped), with the answers that came too late.
        public func drop(_ c: Int, in map: ArgumentMap) -> Drop? {
            guard isDropped(c), let speech = round.speech[c], let deadline = speech.answeredBy else { return nil }
            let side = round.side[c]
            // Only a claim answered directly has answers that came too late.
            var late: [Int] = []
            if round.firstAnswer[c] != nil {
                for r in map.incoming[c] where round.side[map.relations[r].from] != side { late.append(map.relations[r].from) }
            }
            return Drop(claim: c, side: side, speech: speech, deadline: deadline, lateAnswers: late)
        }
    }

    /// The earliest answer from the other side that reaches each claim, directly or through
    /// the claims of its own side that support it (answering a disadvantage's link contests the
    /// disadvantage). Claims answered directly (``Round/firstAnswer``) are taken earliest answer
    /// first, and each hands its answer on to the same-side claims it supports that have none
    /// yet, so every claim gets the earliest answer it can reach: one pass, with cycles or
    /// without, no recursion.
    /// - Complexity: O(claims + relations).
    static func earliestAnswers(_ map: ArgumentMap, _ round: Round) -> [Speech?] {
        let n = map.count
        var earliest = [Speech?](repeating: nil, count: n)
        let targets = RelationEnds.targets(map)
        targets.withUnsafeBufferPointer { targets in
        map.outgoing.withUnsafeLists { outgoing in
        round.side.withUnsafeBufferPointer { sides in
        round.firstAnswer.withUnsafeBufferPointer { firstAnswer in
        earliest.withUnsafeMutableBufferPointer { earliest in
            // The claims answered directly, by the speech of that answer (a counting sort).
            var starts = [Int](repeating: 0, count: Speech.allCases.count + 1)
            for y in 0..<n { if let s = firstAnswer[y] { starts[s.order + 1] += 1 } }
            for k in 0..<Speech.allCases.count { starts[k + 1] += starts[k] }
            var next = starts
            var answered = [Int32](repeating: 0, count: starts[Speech.allCases.count])
            for y in 0..<n {
                if let s = firstAnswer[y] { answered[next[s.order]] = Int32(y); next[s.order] += 1 }
            }
            var stack: [Int] = []
            for s in Speech.allCases {
                for k in starts[s.order]..<starts[s.order + 1] where earliest[Int(answered[k])] == nil {
                    let y = Int(answered[k])
                    earliest[y] = s
                    stack.append(y)
                    while let x = stack.popLast() {
                        for r in outgoing[x] {
                            let target = targets[r]
                            let parent = RelationEnds.claim(target)
                            if RelationEnds.supports(target) && earliest[parent] == nil && sides[parent] == sides[x] {
                                earliest[parent] = s
                                stack.append(parent)
                            }
                        }
                    }
                }
            }
        }}}}}
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
