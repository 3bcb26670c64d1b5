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
