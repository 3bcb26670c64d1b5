import ArgMapModel

/// The two sides of a policy round. The affirmative defends the thesis (the plan or the
/// resolution); the negative opposes it.
public enum Side: String, Sendable, CaseIterable {
    case aff, neg

    public var other: Side { self == .aff ? .neg : .aff }
    public var title: String { self == .aff ? "affirmative" : "negative" }
}

/// The eight speeches of a policy round, in order (cross-examinations carry no arguments).
public enum Speech: String, Sendable, CaseIterable, Comparable {
    case firstAffirmativeConstructive = "1AC"
    case firstNegativeConstructive = "1NC"
    case secondAffirmativeConstructive = "2AC"
    case secondNegativeConstructive = "2NC"
    case firstNegativeRebuttal = "1NR"
    case firstAffirmativeRebuttal = "1AR"
    case secondNegativeRebuttal = "2NR"
    case secondAffirmativeRebuttal = "2AR"

    public static let names = allCases.map(\.rawValue)

    /// Reads `2AC`, `2ac`.
    public init?(name: String) {
        self.init(rawValue: name.uppercased())
    }

    /// The speech's place in the round, from 0 (its place in `allCases`).
    public var order: Int {
        switch self {
        case .firstAffirmativeConstructive: return 0
        case .firstNegativeConstructive: return 1
        case .secondAffirmativeConstructive: return 2
        case .secondNegativeConstructive: return 3
        case .firstNegativeRebuttal: return 4
        case .firstAffirmativeRebuttal: return 5
        case .secondNegativeRebuttal: return 6
        case .secondAffirmativeRebuttal: return 7
        }
    }
    public static func < (a: Speech, b: Speech) -> Bool { a.order < b.order }

    /// The speech at `order` in the round (nil past the last).
    public init?(order: Int) {
        guard (0..<Speech.allCases.count).contains(order) else { return nil }
        self = Speech.allCases[order]
    }

    public var side: Side {
        switch self {
        case .firstAffirmativeConstructive, .secondAffirmativeConstructive, .firstAffirmativeRebuttal, .secondAffirmativeRebuttal: return .aff
        default: return .neg
        }
    }

    /// The other side's next speech: where an argument made in this one must be answered.
    /// The negative block (2NC and 1NR, back to back) is one chance to answer, so the 2AC's
    /// arguments must be answered by the end of the 1NR.
    public var answeredBy: Speech? {
        switch self {
        case .firstAffirmativeConstructive: return .firstNegativeConstructive
        case .firstNegativeConstructive: return .secondAffirmativeConstructive
        case .secondAffirmativeConstructive: return .firstNegativeRebuttal
        case .secondNegativeConstructive, .firstNegativeRebuttal: return .firstAffirmativeRebuttal
        case .firstAffirmativeRebuttal: return .secondNegativeRebuttal
        case .secondNegativeRebuttal: return .secondAffirmativeRebuttal
        case .secondAffirmativeRebuttal: return nil
        }
    }

    /// The first speech of a side after this one.
    public func next(of side: Side) -> Speech? {
        var o = order + 1
        while let s = Speech(order: o) {
            if s.side == side { return s }
            o += 1
        }
        return nil
    }
}

/// Each claim's side and speech in a map: the side from its stance toward the thesis (a
/// support of an attack is negative, and so on), the speech from its `speech` data, or, where
/// none is recorded, inferred: a claim on its parent's side was made in its parent's speech, an
/// answer in the other side's next speech. A claim's parent is the claim through which a search
/// breadth first from the theses first reaches it; claims no thesis reaches (on a cycle with no
/// thesis) count as theses.
public struct Round: Sendable {
    public let side: [Side]
    /// Every claim's speech (never nil once the round is worked out; optional for maps built
    /// by hand in tests and for the readers that expect it so).
    public let speech: [Speech?]
    /// Whether each claim's speech is recorded (not inferred).
    public let recorded: [Bool]
    /// The earliest speech in which the other side answers each claim directly (nil for a
    /// claim nothing of the other side answers): what ``Drops`` starts from.
    public let firstAnswer: [Speech?]
    /// The latest speech in the map.
    public let lastSpeech: Speech?

    /// - Complexity: O(claims + relations): one search breadth first in place, no recursion,
    ///   which also finds each claim's first answer while its answers' sides are at hand.
    public init(_ map: ArgumentMap) {
        let n = map.count
        // Each claim's facts packed in one byte while the search runs (it reads them at random,
        // and one byte is one cache miss, not three): bits 0–3 its speech (0 none, else its
        // order plus one), bit 4 set for the negative, bit 5 for a recorded speech, bit 7 once
        // the search has reached it.
        let speechBits: UInt8 = 0x0F, negative: UInt8 = 0x10, recordedBit: UInt8 = 0x20, reached: UInt8 = 0x80
        // Recorded speeches (only claims with data can have one) are found on one core while
        // the relations' sources are packed on the other: two passes over memory in order. Each
        // relation's source and whether it supports fit in 32 bits: the search reads them at
        // random, and that array is an eighth of the relations' size.
        let (recordedSpeeches, sources) = Parallel.both({ () -> [UInt8] in
            var state = [UInt8](repeating: 0, count: n)
            map.claims.withUnsafeBufferPointer { claims in
                for c in 0..<n where !claims[c].isPlain {
                    if let name = claims[c].dataValue("speech")?.string, let s = Speech(name: name) {
                        state[c] = UInt8(s.order + 1) | recordedBit
                    }
                }
            }
            return state
        }, { RelationEnds.sources(map) })
        var state = consume recordedSpeeches
        var firstAnswer = [Speech?](repeating: nil, count: n)
        // Breadth first from the theses, in place: each claim enters the queue once, with its
        // side and speech, given when it is reached; when it leaves, every claim under it has
        // both. A thesis is affirmative, in the 1AC unless its speech is recorded.
        var queue = [Int32](repeating: 0, count: n)
        sources.withUnsafeBufferPointer { sources in
        map.incoming.withUnsafeLists { incoming in
        map.outgoing.withUnsafeLists { outgoing in
        state.withUnsafeMutableBufferPointer { state in
        firstAnswer.withUnsafeMutableBufferPointer { firstAnswer in
        queue.withUnsafeMutableBufferPointer { queue in
            // The speech a claim on side `side` under a claim in speech `order` is inferred to
            // be in: the same speech on the same side, the other side's next speech otherwise.
            func inferredSpeech(_ order: Int, sameSide: Bool, side: Side) -> UInt8 {
                guard !sameSide, let s = Speech(order: order)?.next(of: side) else { return UInt8(order + 1) }
                return UInt8(s.order + 1)
            }
            var tail = 0
            for r in 0..<n where outgoing[r].isEmpty {
                if state[r] & speechBits == 0 { state[r] |= 1 }
                state[r] |= reached
                queue[tail] = Int32(r)
                tail += 1
            }
            var head = 0
            while head < tail {
                let c = Int(queue[head])
                head += 1
                let parent = state[c]
                let parentSide = parent & negative
                var answer = UInt8(Speech.allCases.count + 1)
                for r in incoming[c] {
                    let source = sources[r]
                    let child = RelationEnds.claim(source)
                    var facts = state[child]
                    if facts & reached == 0 {
                        let side = RelationEnds.supports(source) ? parentSide : parentSide ^ negative
                        if facts & speechBits == 0 {
                            facts |= inferredSpeech(Int(parent & speechBits) - 1, sameSide: side == parentSide, side: side == 0 ? .aff : .neg)
                        }
                        facts |= side | reached
                        state[child] = facts
                        queue[tail] = Int32(child)
                        tail += 1
                    }
                    if facts & negative != parentSide { answer = min(answer, facts & speechBits) }
                }
                firstAnswer[c] = Speech(order: Int(answer) - 1)
            }
            // Claims no thesis reaches are theses of their own.
            guard tail < n else { return }
            for c in 0..<n where state[c] & reached == 0 {
                if state[c] & speechBits == 0 { state[c] |= 1 }
            }
            for c in 0..<n where state[c] & reached == 0 {
                var answer = UInt8(Speech.allCases.count + 1)
                for r in incoming[c] {
                    let facts = state[RelationEnds.claim(sources[r])]
                    if facts & negative != state[c] & negative { answer = min(answer, facts & speechBits) }
                }
                firstAnswer[c] = Speech(order: Int(answer) - 1)
            }
        }}}}}}
        // Unpacked into the arrays readers use, in order (a sequential pass).
        var latest: UInt8 = 0
        for facts in state { latest = max(latest, facts & speechBits) }
        side = state.map { $0 & negative == 0 ? .aff : .neg }
        speech = state.map { Speech(order: Int($0 & speechBits) - 1) }
        recorded = state.map { $0 & recordedBit != 0 }
        self.firstAnswer = firstAnswer
        lastSpeech = Speech(order: Int(latest) - 1)
    }
}

/// Relations' ends packed for passes that follow relations at random: one 32-bit number per
/// relation, the claim at one end and, in the top bit, whether the relation is a support. The
/// passes over a whole round read these instead of the relations themselves (32 bytes each),
/// so that what they read at random stays in the cache.
enum RelationEnds {
    static let supportBit: UInt32 = 1 << 31

    /// Each relation's source.
    static func sources(_ map: ArgumentMap) -> [UInt32] {
        map.relations.map { UInt32($0.from) | ($0.type == .support ? supportBit : 0) }
    }

    /// Each relation's target.
    static func targets(_ map: ArgumentMap) -> [UInt32] {
        map.relations.map { UInt32($0.to) | ($0.type == .support ? supportBit : 0) }
    }

    @inline(__always) static func claim(_ end: UInt32) -> Int { Int(end & ~supportBit) }
    @inline(__always) static func supports(_ end: UInt32) -> Bool { end & supportBit != 0 }
}
