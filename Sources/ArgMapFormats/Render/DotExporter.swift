import ArgMapModel

/// Graphviz DOT. Supports are green solid arrows, attacks red dashed arrows ending in a bar,
/// undercuts orange dotted arrows ending in a diamond, so that they differ in print and for
/// colour-blind readers too. Theses are drawn larger with a double border; arguments have
/// rounded corners; scores show on the nodes when given; sections become clusters.
public enum DotExporter {
    /// - Complexity: O(claims + relations + text).
    public static func write(_ map: ArgumentMap, _ options: ExportOptions = ExportOptions()) -> String {
        var out = "digraph argmap {\n"
        out += "  graph [rankdir=RL, nodesep=0.25, ranksep=0.6, fontname=\"Helvetica\", fontsize=12, newrank=true"
        if let title = map.title { out += ", label=" + quote(title) + ", labelloc=t, fontsize=16" }
        out += "];\n"
        out += "  node [shape=box, style=\"filled\", fillcolor=\"#ffffff\", color=\"#555555\", fontname=\"Helvetica\", fontsize=10, margin=\"0.12,0.06\"];\n"
        out += "  edge [fontname=\"Helvetica\", fontsize=9, arrowsize=0.8];\n"
        let roots = Set(map.roots)
        // Sections as clusters, in order of first appearance.
        var sections: [String] = []
        var members: [String: [Int]] = [:]
        var loose: [Int] = []
        for (c, claim) in map.claims.enumerated() {
            if let s = claim.section {
                if members[s] == nil { sections.append(s) }
                members[s, default: []].append(c)
            } else {
                loose.append(c)
            }
        }
        func node(_ c: Int) -> String {
            let claim = map.claims[c]
            var lines = [(claim.kind == .argument ? "<" + claim.id + ">" : "[" + claim.id + "]")]
            lines += RenderText.wrap(claim.text, width: roots.contains(c) ? 36 : 30)
            if let score = options.scoreText(c) { lines.append((options.semantics.map { $0 + " " } ?? "score ") + score) }
            var attributes = ["label=" + quote(lines.joined(separator: "\n"))]
            if roots.contains(c) {
                attributes += ["peripheries=2", "penwidth=1.6", "fontsize=12", "fillcolor=\"#fff5cc\""]
            } else if claim.kind == .argument {
                attributes += ["style=\"rounded,filled\"", "fillcolor=\"#f3f6fb\""]
            }
            if !claim.sources.isEmpty { attributes.append("tooltip=" + quote(claim.sources.map(\.citation).joined(separator: "; "))) }
            return "n\(c) [" + attributes.joined(separator: ", ") + "];\n"
        }
        for (i, s) in sections.enumerated() {
            out += "  subgraph cluster_\(i) {\n    label=" + quote(s) + "; style=\"rounded,dashed\"; color=\"#999999\"; fontsize=11;\n"
            for c in members[s]! { out += "    " + node(c) }
            out += "  }\n"
        }
        for c in loose { out += "  " + node(c) }
        for relation in map.relations {
            var attributes: [String]
            switch relation.type {
            case .support: attributes = ["color=\"#2e7d32\"", "style=solid", "arrowhead=normal"]
            case .attack: attributes = ["color=\"#c62828\"", "style=dashed", "arrowhead=tee"]
            case .undercut: attributes = ["color=\"#ef6c00\"", "style=dotted", "arrowhead=odiamond", "label=\"undercut\""]
            }
            if relation.weight != 1 {
                attributes.append("penwidth=\(DataValue.format(0.5 + relation.weight))")
                attributes.append("label=" + quote((relation.type == .undercut ? "undercut " : "") + "w " + DataValue.format(relation.weight)))
            } else {
                attributes.append("penwidth=1.4")
            }
            out += "  n\(relation.from) -> n\(relation.to) [" + attributes.joined(separator: ", ") + "];\n"
        }
        return out + "}\n"
    }

    /// A DOT double-quoted string: quotes and backslashes escaped, line breaks as \n (centred lines).
    public static func quote(_ s: String) -> String {
        "\"" + s.escaping(mayNeed: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) { ch in
            switch ch {
            case "\"": return "\\\""
            case "\\": return "\\\\"
            case "\n": return "\\n"
            case "\r": return ""
            default: return ch.value < 0x20 ? " " : nil
            }
        } + "\""
    }
}
