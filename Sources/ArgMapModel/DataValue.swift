/// A value in a claim's data: the flow-style YAML subset that Argdown's `{key: value}` uses.
public enum DataValue: Equatable, Hashable, Sendable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case list([DataValue])
    case map([DataEntry])

    /// The value as text, for display and for string-typed settings.
    public var text: String {
        switch self {
        case .string(let s): return s
        case .number(let d): return DataValue.format(d)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .list(let items): return "[" + items.map(\.text).joined(separator: ", ") + "]"
        case .map(let entries): return "{" + entries.map { "\($0.key): \($0.value.text)" }.joined(separator: ", ") + "}"
        }
    }

    public var number: Double? {
        if case .number(let d) = self { return d }
        return nil
    }

    public var string: String? {
        switch self {
        case .string(let s): return s
        case .number, .bool: return text
        default: return nil
        }
    }

    /// The shortest text that reads back as the same number (`1`, `0.25`).
    public static func format(_ d: Double) -> String {
        if let whole = wholeNumber(d) { return String(whole) }
        if let short = shortDecimal(d) { return short }
        return "\(d)"
    }

    /// ``format(_:)``'s text pushed onto `out` as its bytes, with no string made (for output
    /// a number a claim: `score --json` of a million claims): a number of a few decimals
    /// (``shortDecimalDigits(_:)``) written digit by digit, any other as the standard library
    /// writes its shortest text (``Pile/_writeASCII(_:)``).
    package static func appendFormatted(_ d: Double, to out: inout Pile<UInt8>) {
        guard let (digits, places) = shortDecimalDigits(d) else {
            if let whole = wholeNumber(d) { return out.write(String(whole)) }
            return d.write(to: &out)
        }
        // (No whole number has a short decimal: format(_:) would give it the same text.)
        out.push(UInt8(ascii: "0"))
        out.push(UInt8(ascii: "."))
        var power = 1
        for _ in 1..<places { power *= 10 }
        var rest = digits
        while power > 0 {
            out.push(UInt8(ascii: "0") + UInt8(rest / power))
            rest %= power
            power /= 10
        }
    }

    /// `d` as an integer, when it is a whole number written without an exponent (`1`, not
    /// `1.0`).
    @inline(__always)
    static func wholeNumber(_ d: Double) -> Int64? {
        d.isFinite && d == d.rounded() && abs(d) < 1e15 ? Int64(d) : nil
    }

    /// ``shortDecimalDigits(_:)`` as text: `0.`, then the digits padded with zeros to their
    /// places.
    static func shortDecimal(_ d: Double) -> String? {
        guard let (m, k) = shortDecimalDigits(d) else { return nil }
        let digits = String(m)
        return "0." + String(repeating: "0", count: k - digits.count) + digits
    }

    /// Scores and weights are mostly written with a few decimals (0.16, 0.725): such a number
    /// between 0.001 and 1 is formatted here, as Swift's `description` would format it, without
    /// its general algorithm. With at most three decimals, m / 10^k is exact arithmetic
    /// correctly rounded, so when it gives back `d` the k-decimal text reads back as `d`.
    /// Returns m (below 10^k) and the fewest such places k.
    ///
    /// Three places are tried, at once: a number that one or two places give back, three give
    /// back too (m / 10^k times 1000 is within a hair of the integer m × 10^(3−k), and the
    /// quotient of that by 1000 is the same real number, correctly rounded the same), with as
    /// many zeros at the end of its digits; so k is 3 less the zeros that end them. The
    /// nearest integer m is taken as x + 0.5 cut to an integer: one instruction, where
    /// `rounded()` is a call into the C library, and never a different answer here (the two
    /// differ only for an x a hair from halfway between integers, which no m gives back).
    static func shortDecimalDigits(_ d: Double) -> (digits: Int, places: Int)? {
        guard d > 0.001, d < 1 else { return nil }
        let m = Int(d * 1000 + 0.5)
        guard Double(m) / 1000 == d else { return nil }
        var digits = m, places = 3
        while places > 1 && digits % 10 == 0 {
            digits /= 10
            places -= 1
        }
        return (digits, places)
    }
}

/// One `key: value` pair of claim data.
public struct DataEntry: Equatable, Hashable, Sendable {
    public var key: String
    public var value: DataValue

    public init(key: String, value: DataValue) {
        self.key = key
        self.value = value
    }
}
