import ArgMapModel

/// An impact a claim carries, from its data: `magnitude` and `probability` (0 to 1),
/// `timeframe` (immediate, days, weeks, months, years, decades, or a number of years) and
/// `reversibility` (reversible or irreversible).
public struct Impact: Sendable, Equatable {
    public var claim: Int
    public var magnitude: Double?
    public var probability: Double?
    /// The timeframe in years, and as written.
    public var years: Double?
    public var timeframe: String?
    public var irreversible: Bool?

    public static let keys = ["magnitude", "probability", "timeframe", "reversibility"]
    static let timeframes: [(String, Double)] = [("immediate", 0), ("now", 0), ("days", 0.01), ("weeks", 0.05), ("months", 0.25), ("year", 1), ("years", 3), ("decade", 10), ("decades", 30), ("century", 100)]

    /// The impacts the map records, in claim order.
    public static func all(in map: ArgumentMap) -> [Impact] {
        map.claims.indices.compactMap { Impact(map, $0) }
    }

    /// The impact claim `c` records, if any. The map is borrowed: an initializer would
    /// otherwise take it owned, and a caller asking for every claim's would copy the whole
    /// map (every array retained and released) once a claim.
    public init?(_ map: borrowing ArgumentMap, _ c: Int) {
        guard !map.claims[c].isPlain else { return nil }
        let claim = map.claims[c]
        guard Impact.keys.contains(where: { claim.dataValue($0) != nil }) else { return nil }
        self.claim = c
        magnitude = claim.dataValue("magnitude")?.number
        probability = claim.dataValue("probability")?.number
        if let t = claim.dataValue("timeframe") {
            timeframe = t.text
            years = Impact.years(t)
        }
        if let r = claim.dataValue("reversibility")?.text.lowercased() {
            irreversible = r.hasPrefix("irr") || r == "no" || r == "false" ? true : (r.hasPrefix("rev") || r == "yes" || r == "true" ? false : nil)
        }
    }

    static func years(_ v: DataValue) -> Double? {
        if let d = v.number { return d }
        let words = v.text.lowercased().split(separator: " ")
        guard let unit = words.last else { return nil }
        let count = words.count > 1 ? Double(words[words.count - 2]) : nil
        guard let base = timeframes.first(where: { $0.0 == unit || $0.0 + "s" == unit })?.1 else { return nil }
        if let count {
            switch unit.hasSuffix("s") ? String(unit.dropLast()) : String(unit) {
            case "day": return count / 365
            case "week": return count / 52
            case "month": return count / 12
            case "year": return count
            case "decade": return count * 10
            default: return base
            }
        }
        return base
    }

    /// Magnitude times probability: the expected size of the impact.
    public var risk: Double? {
        guard let m = magnitude, let p = probability else { return nil }
        return m * p
    }

    /// What is wrong with the recorded values, for `check`.
    public func problems(_ map: ArgumentMap) -> [String] {
        let id = map.claims[claim].id
        var out: [String] = []
        let data = map.claims[claim]
        for key in ["magnitude", "probability"] {
            if let v = data.dataValue(key) {
                guard let d = v.number, d >= 0, d <= 1 else { out.append("\(id): \(key) must be a number from 0 to 1, not \(v.text)"); continue }
            }
        }
        if let t = timeframe, years == nil { out.append("\(id): timeframe '\(t)' is not a timeframe (write immediate, months, years, decades, or a number of years)") }
        if data.dataValue("reversibility") != nil, irreversible == nil { out.append("\(id): reversibility is reversible or irreversible") }
        return out
    }
}

/// Impact calculus: comparing two impacts dimension by dimension.
public enum Weighing {
    public struct Line: Sendable {
        public var dimension: String
        /// 0 for the first impact, 1 for the second, nil for a tie or a missing value.
        public var winner: Int?
        public var reason: String
    }

    public static func compare(_ a: Impact, _ b: Impact, names: (String, String)) -> (lines: [Line], winner: Int?, summary: String) {
        func n(_ d: Double?) -> String { d.map { String(format2: $0) } ?? "?" }
        var lines: [Line] = []
        func higher(_ dim: String, _ x: Double?, _ y: Double?, word: String) {
            guard let x, let y else { lines.append(Line(dimension: dim, winner: nil, reason: "not recorded for \(x == nil ? names.0 : names.1)")); return }
            if x == y { lines.append(Line(dimension: dim, winner: nil, reason: "equal (\(n(x)))")); return }
            let w = x > y ? 0 : 1
            lines.append(Line(dimension: dim, winner: w, reason: "\(w == 0 ? names.0 : names.1) is \(word) (\(n(max(x, y))) against \(n(min(x, y))))"))
        }
        higher("magnitude", a.magnitude, b.magnitude, word: "bigger")
        higher("probability", a.probability, b.probability, word: "more likely")
        if let x = a.years, let y = b.years, x != y {
            let w = x < y ? 0 : 1
            lines.append(Line(dimension: "timeframe", winner: w, reason: "\(w == 0 ? names.0 : names.1) comes sooner (\(w == 0 ? a.timeframe! : b.timeframe!) against \(w == 0 ? b.timeframe! : a.timeframe!))"))
        } else {
            lines.append(Line(dimension: "timeframe", winner: nil, reason: a.years == nil || b.years == nil ? "not recorded for \(a.years == nil ? names.0 : names.1)" : "the same"))
        }
        if let x = a.irreversible, let y = b.irreversible, x != y {
            let w = x ? 0 : 1
            lines.append(Line(dimension: "reversibility", winner: w, reason: "\(w == 0 ? names.0 : names.1) cannot be undone"))
        } else {
            lines.append(Line(dimension: "reversibility", winner: nil, reason: a.irreversible == nil || b.irreversible == nil ? "not recorded for \(a.irreversible == nil ? names.0 : names.1)" : "the same"))
        }
        // Risk (magnitude × probability) decides; timeframe, then reversibility, break a tie.
        var winner: Int?
        var why: String
        if let ra = a.risk, let rb = b.risk, abs(ra - rb) >= 0.005 {
            winner = ra > rb ? 0 : 1
            why = "its risk (magnitude × probability) is \(n(max(ra, rb))) against \(n(min(ra, rb)))"
            let lost = lines.filter { $0.winner != nil && $0.winner != winner }.map(\.dimension)
            if !lost.isEmpty { why += ", which outweighs the other's lead on \(lost.joined(separator: " and "))" }
        } else if let t = lines.first(where: { $0.dimension == "timeframe" })?.winner {
            winner = t
            why = a.risk == nil || b.risk == nil ? "risk cannot be compared (magnitude or probability missing); it comes sooner" : "the risks are equal and it comes sooner"
        } else if let r = lines.first(where: { $0.dimension == "reversibility" })?.winner {
            winner = r
            why = "the risks and timeframes do not decide, and it cannot be undone"
        } else {
            why = "neither outweighs the other on what is recorded"
        }
        let name = winner.map { $0 == 0 ? names.0 : names.1 }
        return (lines, winner, name.map { "\($0) outweighs: " + why } ?? why)
    }
}
