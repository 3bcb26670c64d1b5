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
        Speech.allCases.first { $0 > self && $0.side == side }
    }
}

/// Each claim's side and speech in a map: the side from its stance toward the thesis (a
/// support of an attack is negative, and so on), the speech from its `speech` data, or, where
/// none is recorded, inferred: a claim on its parent's side was made in its parent's speech, an
/// answer in the other side's next speech.
public struct Round: Sendable {
    public let side: [Side]
    public let speech: [Speech?]
    /// Whether each claim's speech is recorded (not inferred).
    public let recorded: [Bool]
    /// The parent through which each claim's side was found (nil for theses).
    public let parent: [Int?]
    /// The latest speech in the map.
    public let lastSpeech: Speech?

    public init(_ map: ArgumentMap) {
        let n = map.count
        var side = [Side](repeating: .aff, count: n)
        var speech = [Speech?](repeating: nil, count: n)
        var recorded = [Bool](repeating: false, count: n)
        var parent = [Int?](repeating: nil, count: n)
        var seen = [Bool](repeating: false, count: n)
        for c in 0..<n where !map.claims[c].isPlain {
            if let name = map.claims[c].dataValue("speech")?.string, let s = Speech(name: name) {
                speech[c] = s
                recorded[c] = true
            }
        }
        // Breadth first from the theses; claims on a cycle with no thesis start as theses.
        var queue: [Int] = []
        var head = 0
        func visit(from starts: [Int]) {
            for r in starts where !seen[r] {
                seen[r] = true
                if speech[r] == nil { speech[r] = side[r] == .aff ? .firstAffirmativeConstructive : .firstNegativeConstructive }
                queue.append(r)
            }
            while head < queue.count {
                let c = queue[head]; head += 1
                for r in map.incoming[c] where !seen[map.relations[r].from] {
                    let child = map.relations[r].from
                    seen[child] = true
                    parent[child] = c
                    let s = map.relations[r].type == .support ? side[c] : side[c].other
                    side[child] = s
                    if speech[child] == nil, let ps = speech[c] {
                        speech[child] = s == side[c] ? ps : (ps.next(of: s) ?? ps)
                    }
                    queue.append(child)
                }
            }
        }
        visit(from: map.roots)
        visit(from: Array(0..<n))
        self.side = side
        self.speech = speech
        self.recorded = recorded
        self.parent = parent
        lastSpeech = speech.compactMap { $0 }.max()
    }
}
