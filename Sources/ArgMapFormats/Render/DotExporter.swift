import ArgMapModel

/// Graphviz DOT. Supports are green solid arrows, attacks red dashed arrows ending in a bar,
/// undercuts orange dotted arrows ending in a diamond, so that they differ in print and for
/// colour-blind readers too. Theses are drawn larger with a double border; arguments have
/// rounded corners; scores show on the nodes when given; sections become clusters.
public enum DotExporter {
    public static func write(_ map: ArgumentMap, _ options: ExportOptions = ExportOptions()) -> String {
        TextPieces.text { write(map, options, to: &$0) }
    }

    /// The graph, written into `out` (its nodes and edges on both cores for a large map).
    /// - Complexity: O(claims + relations + text).
    package static func write(_ map: ArgumentMap, _ options: ExportOptions, to out: inout TextPieces) {
        out.write("digraph argmap {\n")
        out.write("  graph [rankdir=RL, nodesep=0.25, ranksep=0.6, fontname=\"Helvetica\", fontsize=12, newrank=true")
        if let title = map.title { out.write(", label="); writeQuoted(title, to: &out); out.write(", labelloc=t, fontsize=16") }
        out.write("];\n")
        out.write("  node [shape=box, style=\"filled\", fillcolor=\"#ffffff\", color=\"#555555\", fontname=\"Helvetica\", fontsize=10, margin=\"0.12,0.06\"];\n")
        out.write("  edge [fontname=\"Helvetica\", fontsize=9, arrowsize=0.8];\n")
        var isRoot = [Bool](repeating: false, count: map.count)
        for r in map.roots { isRoot[r] = true }
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
        func node(_ c: Int, _ indent: StaticString, to out: inout TextPieces) {
            let claim = map.claims[c]
            out.write(indent); out.push(0x6E); out.write(c); out.write(" [label=\"")
            if claim.kind == .argument {
                out.push(0x3C); out.write(claim.id, escaping: .dot); out.push(0x3E)
            } else {
                out.push(0x5B); out.write(claim.id, escaping: .dot); out.push(0x5D)
            }
            for line in RenderText.wrap(claim.text, width: isRoot[c] ? 36 : 30) {
                out.write("\\n"); out.write(line, escaping: .dot)
            }
            if let score = options.scoreText(c) {
                out.write("\\n"); out.write((options.semantics.map { $0 + " " } ?? "score ") + score, escaping: .dot)
            }
            out.push(0x22)
            if isRoot[c] {
                out.write(", peripheries=2, penwidth=1.6, fontsize=12, fillcolor=\"#fff5cc\"")
            } else if claim.kind == .argument {
                out.write(", style=\"rounded,filled\", fillcolor=\"#f3f6fb\"")
            }
            if !claim.sources.isEmpty { out.write(", tooltip="); writeQuoted(claim.sources.map(\.citation).joined(separator: "; "), to: &out) }
            out.write("];\n")
        }
        for (i, s) in sections.enumerated() {
            out.write("  subgraph cluster_"); out.write(i); out.write(" {\n    label="); writeQuoted(s, to: &out)
            out.write("; style=\"rounded,dashed\"; color=\"#999999\"; fontsize=11;\n")
            let list = members[s]!
            out.writeEach(list.count) { k, out in node(list[k], "    ", to: &out) }
            out.write("  }\n")
        }
        out.writeEach(loose.count) { k, out in node(loose[k], "  ", to: &out) }
        out.writeEach(map.relations.count) { r, out in
            let relation = map.relations[r]
            out.write("  n"); out.write(relation.from); out.write(" -> n"); out.write(relation.to); out.write(" [")
            switch relation.type {
            case .support: out.write("color=\"#2e7d32\", style=solid, arrowhead=normal")
            case .attack: out.write("color=\"#c62828\", style=dashed, arrowhead=tee")
            case .undercut: out.write("color=\"#ef6c00\", style=dotted, arrowhead=odiamond, label=\"undercut\"")
            }
            if relation.weight != 1 {
                out.write(", penwidth="); out.write(DataValue.format(0.5 + relation.weight))
                out.write(", label="); writeQuoted((relation.type == .undercut ? "undercut " : "") + "w " + DataValue.format(relation.weight), to: &out)
            } else {
                out.write(", penwidth=1.4")
            }
            out.write("];\n")
        }
        out.write("}\n")
    }

    /// A DOT double-quoted string: quotes and backslashes escaped, line breaks as \n (centred lines).
    public static func quote(_ s: String) -> String {
        "\"" + Escapes.dot.apply(s) + "\""
    }

    static func writeQuoted(_ s: String, to out: inout TextPieces) {
        out.push(0x22); out.write(s, escaping: .dot); out.push(0x22)
    }
}

extension Escapes {
    /// Inside a DOT double-quoted string: a line break is \n (a centred line), a carriage
    /// return is dropped, another control character is a space.
    static let dot = Escapes(["\"": "\\\"", "\\": "\\\\", "\n": "\\n", "\r": ""], controls: " ")
}
