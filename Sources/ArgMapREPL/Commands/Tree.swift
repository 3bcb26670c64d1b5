import ArgMapModel

extension Commands {
    static let tree = Command(
        name: "tree", group: .navigation,
        usage: "tree [DEPTH] [--all]",
        summary: "the focus (or the whole map) as an indented tree",
        discussion: "Each line shows the relation (+ support, - attack, _ undercut), the claim's id ([statement] or <argument>), its text, base score and relation weight, and its score when scoring is on. A claim met again is shown by id with (see above). Large subtrees are folded with a count unless --all is given; in a terminal, Ctrl-C stops a long tree where it is.",
        examples: ["tree", "tree 2", "tree --all"],
        arguments: [.number], options: [OptionSpec("all", nil, "show every claim, folding nothing")], maxArguments: 1,
        run: { inv throws(CommandError) in
            let (args, options) = try inv.parse()
            var depth = Int.max
            if let w = args.first {
                guard let d = Int(w.text), d >= 0 else { throw CommandError("DEPTH must be a whole number, not '\(w.text)'", at: w) }
                depth = d
            }
            let all = options["all"] != nil
            Commands.writeTree(inv.session, from: inv.session.focus, depth: depth, all: all, console: inv.console)
        })

    /// Children shown under one claim before folding, and lines before the rest is folded.
    static let foldChildren = 40
    static let foldLines = 2000
    static let maxIndent = 16

    /// The tree under a claim (or of the whole map), iteratively, folding large subtrees.
    /// Written to `console` as it is made, in pieces, stopping where the console is asked to
    /// stop (Ctrl-C; ``Console/interruptRequested``): `tree --all` of a million claims makes
    /// 150 MB.
    static func writeTree(_ s: Session, from start: Int?, depth maxDepth: Int, all: Bool, console: Console) {
        let rest = renderTree(s, from: start, depth: maxDepth, all: all, console: console) { piece in
            console.write(piece)
            guard console.interruptRequested() else { return true }
            console.stop()
            return false
        }
        console.write(rest)
    }

    /// The tree under a claim (or of the whole map), iteratively, folding large subtrees;
    /// with `emit`, handed out in pieces as it is made (the rest returned), stopping when
    /// `emit` returns false.
    static func renderTree(_ s: Session, from start: Int?, depth maxDepth: Int, all: Bool, console: Console,
                           emit: ((String) -> Bool)? = nil) -> String {
        let map = s.map
        var out = ""
        var lines = 0
        var expanded = Set<Int>()
        enum Item { case claim(Int, relation: Int?, depth: Int), folded(count: Int, depth: Int) }
        var stack: [Item] = []
        let starts = start.map { [$0] } ?? map.theses
        for c in starts.reversed() { stack.append(.claim(c, relation: nil, depth: 0)) }
        if start == nil && map.isEmpty { return "(an empty map)\n" }
        if start == nil && starts.isEmpty && !map.isEmpty {
            // Every claim is on a cycle: start from the first.
            stack.append(.claim(0, relation: nil, depth: 0))
        }
        while let item = stack.popLast() {
            if let emit, out.utf8.count >= Console.piece {
                guard emit(out) else { return "" }
                out = ""
            }
            if !all && lines >= foldLines {
                out += "… more claims not shown (use tree DEPTH, cd into a branch, or tree --all)\n"
                break
            }
            switch item {
            case .folded(let count, let d):
                out += String(repeating: "  ", count: min(d, maxIndent)) + console.styled("… \(count) more", .dim) + "\n"
                lines += 1
            case .claim(let c, let r, let d):
                // Deep chains keep a bounded indentation and show their depth instead.
                let shown = min(d, maxIndent)
                let depthMark = d > maxIndent ? "·\(d) " : ""
                let indent = String(repeating: "  ", count: shown) + depthMark
                let prefix = indent + (r.map { s.mark($0, console: console) + " " } ?? "")
                let prefixWidth = shown * 2 + depthMark.count + (r == nil ? 0 : 2)
                if expanded.contains(c) {
                    let weight = r.map { s.map.relations[$0].weight } ?? 1
                    out += prefix + s.label(c, console: console) + console.styled(" (see above" + (weight != 1 ? ", w " + DataValue.format(weight) : "") + ")", .dim) + "\n"
                    lines += 1
                    continue
                }
                expanded.insert(c)
                out += s.claimLine(c, prefix: prefix, prefixWidth: prefixWidth, relation: r, console: console) + "\n"
                lines += 1
                guard d < maxDepth else {
                    let n = map.incoming[c].count
                    if n > 0 { out += indent + "  " + console.styled("… \(n) below", .dim) + "\n"; lines += 1 }
                    continue
                }
                var children = map.incoming[c][...]
                if !all && children.count > foldChildren {
                    stack.append(.folded(count: children.count - foldChildren, depth: d + 1))
                    children = children.prefix(foldChildren)
                }
                for r in children.reversed() { stack.append(.claim(map.relations[r].from, relation: r, depth: d + 1)) }
            }
        }
        return out
    }
}
