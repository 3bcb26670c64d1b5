import ArgMapModel

/// A Mermaid flowchart, bottom to top. Node ids are generated (n0, n1, …); every label is
/// quoted and its text turned into Mermaid's entity codes where Mermaid would read syntax.
public enum MermaidExporter {
    public static func write(_ map: ArgumentMap, _ options: ExportOptions = ExportOptions()) -> String {
        var out = "flowchart BT\n"
        if let title = map.title { out += "  %% " + title.replacingNewlines() + "\n" }
        let roots = Set(map.roots)
        for (c, claim) in map.claims.enumerated() {
            var label = escape(claim.kind == .argument ? "<" + claim.id + ">" : "[" + claim.id + "]") + "<br/>"
            label += RenderText.wrap(claim.text, width: 34).map(escape).joined(separator: "<br/>")
            if let score = options.scoreText(c) { label += "<br/>" + escape((options.semantics ?? "score") + " " + score) }
            let (open, close) = roots.contains(c) ? ("[[", "]]") : claim.kind == .argument ? ("(", ")") : ("[", "]")
            out += "  n\(c)\(open)\"\(label)\"\(close)\n"
        }
        var styles: [String] = []
        for (i, relation) in map.relations.enumerated() {
            let w = relation.weight != 1 ? " w " + DataValue.format(relation.weight) : ""
            switch relation.type {
            case .support:
                out += "  n\(relation.from) -->|\"pro\(w)\"| n\(relation.to)\n"
                styles.append("  linkStyle \(i) stroke:#2e7d32,stroke-width:2px")
            case .attack:
                out += "  n\(relation.from) -.->|\"con\(w)\"| n\(relation.to)\n"
                styles.append("  linkStyle \(i) stroke:#c62828,stroke-width:2px,stroke-dasharray:5 4")
            case .undercut:
                out += "  n\(relation.from) -.-x|\"undercut\(w)\"| n\(relation.to)\n"
                styles.append("  linkStyle \(i) stroke:#ef6c00,stroke-width:2px,stroke-dasharray:2 3")
            }
        }
        out += styles.joined(separator: "\n") + (styles.isEmpty ? "" : "\n")
        for r in map.roots { out += "  style n\(r) fill:#fff5cc,stroke:#333,stroke-width:2px\n" }
        return out
    }

    /// Mermaid entity codes for what its parser would read as syntax or markup.
    static func escape(_ s: String) -> String {
        s.escaping { ch in
            switch ch {
            case "\"": return "#quot;"
            case "<": return "#lt;"
            case ">": return "#gt;"
            case "#": return "#35;"
            case "&": return "#amp;"
            case "`": return "#96;"
            case "|": return "#124;"
            case "[", "]", "{", "}", "(", ")": return "#\(ch.value);"
            case "\n", "\r": return " "
            default: return nil
            }
        }
    }
}

extension String {
    func replacingNewlines() -> String {
        String(map { $0 == "\n" || $0 == "\r\n" ? " " : $0 })
    }
}
