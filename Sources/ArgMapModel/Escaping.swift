extension String {
    /// The string with each Unicode scalar that `replacement` maps replaced by its text; the
    /// others are kept. Every format's escaping (JSON, DOT, Mermaid, HTML, YAML) is one such
    /// table, so the loop lives here once.
    ///
    /// `mayNeed` says which UTF-8 bytes can start a scalar the table replaces; when no byte of
    /// the string does, the string comes back as it is without a pass by scalar. Exports call
    /// this once per field of a million claims, and almost no text needs escaping.
    /// - Complexity: O(length).
    public func escaping(mayNeed: ((UInt8) -> Bool)? = nil, _ replacement: (Unicode.Scalar) -> String?) -> String {
        if let mayNeed {
            var copy = self
            if !copy.withUTF8({ $0.contains(where: mayNeed) }) { return self }
        }
        var out = ""
        out.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            if let r = replacement(scalar) { out += r } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}
