/// A value in a claim's data: the flow-style YAML subset that Argdown's `{key: value}` uses.
public indirect enum DataValue: Equatable, Hashable, Sendable {
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
        if d.isFinite, d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        if let short = shortDecimal(d) { return short }
        return "\(d)"
    }

    /// ``format(_:)``'s text appended to `out` as its bytes; a number of a few decimals
    /// (``shortDecimalDigits(_:)``) written digit by digit with no string made (for output a
    /// number a claim: `score --json` of a million claims).
    public static func appendFormatted(_ d: Double, to out: inout [UInt8]) {
        guard let (digits, places) = shortDecimalDigits(d) else { return out.append(contentsOf: format(d).utf8) }
        // (No whole number has a short decimal: format(_:) would give it the same text.)
        out.append(UInt8(ascii: "0"))
        out.append(UInt8(ascii: "."))
        var power = 1
        for _ in 1..<places { power *= 10 }
        var rest = digits
        while power > 0 {
            out.append(UInt8(ascii: "0") + UInt8(rest / power))
            rest %= power
            power /= 10
        }
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
    /// correctly rounded, so when it gives back `d` the k-decimal text reads back as `d`, and
    /// trying k = 1, 2, 3 in turn finds the shortest one. Returns m (below 10^k) and k.
    static func shortDecimalDigits(_ d: Double) -> (digits: Int, places: Int)? {
        guard d > 0.001, d < 1 else { return nil }
        var scale = 1.0
        for k in 1...3 {
            scale *= 10
            let m = (d * scale).rounded()
            if m / scale == d { return (Int(m), k) }
        }
        return nil
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
