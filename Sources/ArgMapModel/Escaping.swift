extension String {
    /// The string with each Unicode scalar that `replacement` maps replaced by its text; the
    /// others are kept. Every format's escaping (JSON, DOT, Mermaid, HTML, YAML) is one such
    /// table, so the loop lives here once.
    /// - Complexity: O(length).
    public func escaping(_ replacement: (Unicode.Scalar) -> String?) -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            if let r = replacement(scalar) { out += r } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}
