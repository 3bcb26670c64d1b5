import ArgMapModel

/// A Mermaid flowchart, bottom to top. Node ids are generated (n0, n1, …); every label is
/// quoted and its text turned into Mermaid's entity codes where Mermaid would read syntax.
public enum MermaidExporter {
    public static func write(_ map: ArgumentMap, _ options: ExportOptions = ExportOptions()) -> String {
        TextPieces.text { write(map, options, to: &$0) }
    }

    /// The flowchart, written into `out` (its nodes and links on both cores for a large map).
    /// - Complexity: O(claims + relations + text).
    package static func write(_ map: ArgumentMap, _ options: ExportOptions, to out: inout TextPieces) {
        out.write("flowchart BT\n")
        if let title = map.title { out.write("  %% " + title.replacingNewlines() + "\n") }
        var isRoot = [Bool](repeating: false, count: map.count)
        for r in map.roots { isRoot[r] = true }
        out.writeEach(map.count) { c, out in
            let claim = map.claims[c]
            out.write("  n"); out.write(c)
            out.write(isRoot[c] ? "[[\"" : claim.kind == .argument ? "(\"" : "[\"")
            out.write(claim.kind == .argument ? "#lt;" : "#91;"); out.write(claim.id, escaping: .mermaid); out.write(claim.kind == .argument ? "#gt;" : "#93;")
            out.write("<br/>")
            for (k, line) in RenderText.wrap(claim.text, width: 34).enumerated() {
                if k > 0 { out.write("<br/>") }
                out.write(line, escaping: .mermaid)
            }
            if let score = options.scoreText(c) { out.write("<br/>"); out.write((options.semantics ?? "score") + " " + score, escaping: .mermaid) }
            out.write(isRoot[c] ? "\"]]\n" : claim.kind == .argument ? "\")\n" : "\"]\n")
        }
        out.writeEach(map.relations.count) { r, out in
            let relation = map.relations[r]
            out.write("  n"); out.write(relation.from)
            switch relation.type {
            case .support: out.write(" -->|\"pro")
            case .attack: out.write(" -.->|\"con")
            case .undercut: out.write(" -.-x|\"undercut")
            }
            if relation.weight != 1 { out.write(" w "); out.write(DataValue.format(relation.weight)) }
            out.write("\"| n"); out.write(relation.to); out.push(0x0A)
        }
        out.writeEach(map.relations.count) { r, out in
            out.write("  linkStyle "); out.write(r)
            switch map.relations[r].type {
            case .support: out.write(" stroke:#2e7d32,stroke-width:2px\n")
            case .attack: out.write(" stroke:#c62828,stroke-width:2px,stroke-dasharray:5 4\n")
            case .undercut: out.write(" stroke:#ef6c00,stroke-width:2px,stroke-dasharray:2 3\n")
            }
        }
        for r in map.roots { out.write("  style n"); out.write(r); out.write(" fill:#fff5cc,stroke:#333,stroke-width:2px\n") }
    }
}

extension Escapes {
    /// Mermaid's entity codes for what its parser would read as syntax or markup; a line
    /// break is a space.
    static let mermaid = Escapes([
        "\"": "#quot;", "<": "#lt;", ">": "#gt;", "#": "#35;", "&": "#amp;", "`": "#96;", "|": "#124;",
        "[": "#91;", "]": "#93;", "{": "#123;", "}": "#125;", "(": "#40;", ")": "#41;", "\n": " ", "\r": " ",
    ])
}

extension String {
    func replacingNewlines() -> String {
        String(map { $0 == "\n" || $0 == "\r\n" ? " " : $0 })
    }
}
