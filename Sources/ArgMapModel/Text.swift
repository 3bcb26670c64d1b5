/// Small text helpers every layer uses, in one place.
extension StringProtocol {
    /// The text without the given characters at either end.
    public func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}

extension String {
    /// A number with two decimals: 0.72, -0.05, 1.00.
    public init(format2 d: Double) {
        let hundredths = Int((d * 100).rounded())
        self = (hundredths < 0 ? "-" : "") + "\(abs(hundredths) / 100)." + (abs(hundredths) % 100 < 10 ? "0" : "") + "\(abs(hundredths) % 100)"
    }

    /// Every occurrence of target replaced.
    public func replacingOccurrences(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = self[...]
        while let r = rest.firstRange(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
