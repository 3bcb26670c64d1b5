import ArgMapModel

/// How claims read in the terminal: labels, relation marks, values and wrapped text.
extension Session {
    public func label(_ c: Int, console: Console) -> String {
        let claim = map.claims[c]
        let text = claim.kind == .argument ? "<\(claim.id)>" : "[\(claim.id)]"
        return console.styled(text, .bold)
    }

    /// The mark of a relation: `+` support, `-` attack, `_` undercut, coloured on a terminal.
    public func mark(_ r: Int, console: Console) -> String {
        switch map.relations[r].type {
        case .support: return console.styled("+", .green)
        case .attack: return console.styled("-", .red)
        case .undercut: return console.styled("_", .yellow)
        }
    }

    public static func format(_ d: Double) -> String {
        let s = String(Int((d * 100).rounded()))
        if d >= 0.995 { return "1.00" }
        return "0." + (s.count == 1 ? "0" + s : s)
    }

    /// The values shown after a claim: its base, the weight of the relation it was reached by,
    /// and its score when scores are on.
    public func values(_ c: Int, relation r: Int?, console: Console) -> String {
        var parts = ["base " + Session.format(map.claims[c].base)]
        if let r, map.relations[r].weight != 1 { parts.append("w " + DataValue.format(map.relations[r].weight)) }
        if let score = scoreText(c) { parts.append(score) }
        // No-break spaces keep the values together when the line is wrapped.
        return ("(" + parts.joined(separator: ", ") + ")").replacingSpaces()
    }

    /// One claim as a wrapped block: prefix, label, text, values.
    public func claimLine(_ c: Int, prefix: String, prefixWidth: Int, relation: Int?, console: Console, showText: Bool = true) -> String {
        let claim = map.claims[c]
        let labelText = claim.kind == .argument ? "<\(claim.id)>" : "[\(claim.id)]"
        let first = prefix + label(c, console: console) + " "
        let firstWidth = prefixWidth + labelText.count + 1
        var body = showText ? claim.text : ""
        for tag in claim.tags { body += " #" + tag }
        body += (body.isEmpty ? "" : " ") + values(c, relation: relation, console: console)
        let hanging = min(prefixWidth + 2, console.width / 2)
        let lines = TextLayout.wrap(plain(body), width: console.width, firstWidth: firstWidth, hanging: hanging)
        let pad = String(repeating: " ", count: hanging)
        var out = first + restyle(lines[0], console: console)
        for l in lines.dropFirst() { out += "\n" + pad + restyle(l, console: console) }
        return out
    }

    // Values carry colour codes; wrap on the plain text and colour afterwards.
    private func plain(_ s: String) -> String {
        guard s.utf8.contains(0x1B) else { return s }
        var out = ""
        var inEscape = false
        for ch in s {
            if ch == "\u{1B}" { inEscape = true; continue }
            if inEscape { if ch == "m" { inEscape = false }; continue }
            out.append(ch)
        }
        return out
    }

    private func restyle(_ line: String, console: Console) -> String {
        guard console.colour, let open = line.firstRange(of: "score\u{00A0}") else { return line }
        var end = open.upperBound
        while end < line.endIndex, line[end] != ")" && line[end] != "," { end = line.index(after: end) }
        return String(line[..<open.lowerBound]) + console.styled(String(line[open.lowerBound..<end]), .cyan) + String(line[end...])
    }
}


extension String {
    func replacingSpaces() -> String {
        String(map { $0 == " " ? "\u{00A0}" : $0 })
    }
}
