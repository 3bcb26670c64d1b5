import ArgMapModel
import ArgMapSemantics
import ArgMapFormats

extension Commands {
    /// The evaluation semantics argmap offers, by name.
    static let semanticsNames = Semantics.allCases.map(\.rawValue)

    static let semanticsOption = OptionSpec("semantics", .semantics, "evaluate under this semantics (default: set semantics)")

    /// The semantics a command should use: --semantics, else the session's.
    static func semantics(_ inv: Invocation, _ options: [String: Word?]) throws(CommandError) -> Semantics {
        guard let w = options["semantics"] ?? nil else { return inv.session.semantics }
        guard let s = Semantics(rawValue: w.text) else {
            throw CommandError("unknown semantics '\(w.text)'", at: w,
                               hint: CommandTable.nearest(to: w.text, in: semanticsNames).map { "did you mean '\($0)'?" } ?? "one of: \(semanticsNames.joined(separator: ", "))")
        }
        return s
    }

    static let score = Command(
        name: "score", group: .scoring,
        usage: "score [ID] [--semantics NAME] [--json]",
        summary: "scores of a claim and everything under it (or the whole map), in tree order",
        discussion: "Columns: the claim, its base score, its score under the semantics, the change from base, and a bar. Semantics: dfquad (the default), quad, euler, qe, mlp, hcat, grounded; set semantics NAME changes the session's. --json prints {\"semantics\", \"converged\", \"iterations\", \"scores\"} (with \"labels\" for grounded; scores are null when the evaluation did not converge).",
        examples: ["score", "score 1 --semantics euler", "score --json"],
        arguments: [.claim], options: [semanticsOption, OptionSpec("json", nil, "print JSON")], maxArguments: 1,
        run: { inv throws(CommandError) in
            let (args, options) = try inv.parse()
            let s = inv.session
            let semantics = try Commands.semantics(inv, options)
            let start = try args.first.map { w throws(CommandError) in try s.resolveClaim(w) } ?? s.focus
            let e = s.evaluation(semantics)
            let rows = Commands.treeRows(s.map, from: start, limit: options["json"] != nil ? Int.max : 2000)
            if options["json"] != nil {
                var json = Commands.scoreJSON(s.map, e, rows: rows.map(\.claim))
                json.append(UInt8(ascii: "\n"))
                json.withUnsafeBufferPointer { inv.console.write($0) }
                return
            }
            if let note = e.note { inv.console.error("warning: " + note) }
            inv.console.print(Commands.scoreTable(s, e, rows: rows, console: inv.console))
            if rows.count >= 2000 { inv.console.print("… (the first 2000 rows; score ID shows a branch, score --json shows all)") }
        })

    /// Claims in tree order from a claim (or every thesis), each once, with its depth and the
    /// relation it was reached by.
    static func treeRows(_ map: ArgumentMap, from start: Int?, limit: Int) -> [(claim: Int, depth: Int, relation: Int?)] {
        var rows: [(claim: Int, depth: Int, relation: Int?)] = []
        // One bit a claim (128 KB at a million claims; a set of the claims seen took 15% of
        // `score --json` of a million).
        var seen = [UInt64](repeating: 0, count: (map.count + 63) / 64)
        func isSeen(_ c: Int) -> Bool { seen[c >> 6] & (1 << UInt64(c & 63)) != 0 }
        var stack: [(Int, Int, Int?)] = []
        let starts = start.map { [$0] } ?? map.theses
        for c in starts.reversed() { stack.append((c, 0, nil)) }
        while let (c, d, r) = stack.popLast(), rows.count < limit {
            guard !isSeen(c) else { continue }
            seen[c >> 6] |= 1 << UInt64(c & 63)
            rows.append((c, d, r))
            // (A claim seen already would be passed over as it is taken: it is not put on.)
            for rr in map.incoming[c].reversed() where !isSeen(map.relations[rr].from) { stack.append((map.relations[rr].from, d + 1, rr)) }
        }
        if start == nil {
            for c in map.claims.indices where !isSeen(c) && rows.count < limit { rows.append((c, 0, nil)) }
        }
        return rows
    }

    static func scoreJSON(_ map: ArgumentMap, _ e: Evaluation, rows: [Int]) -> [UInt8] {
        // Written as bytes, each id quoted into them, and printed as they are (on the generated
        // cyclic map, every claim of a million is under c5: 19.5 MB, where a string a row
        // joined took 0.5 s).
        var out: [UInt8] = []
        out.reserveCapacity(64 + rows.count * (e.labels == nil ? 32 : 48))
        out.append(contentsOf: "{\"semantics\": \"\(e.semantics.rawValue)\", \"converged\": \(e.converged), \"iterations\": \(e.iterations), ".utf8)
        appendObject("scores", rows, map, to: &out) { c, out in
            if e.converged { DataValue.appendFormatted(e.scores[c], to: &out) } else { out.append(contentsOf: "null".utf8) }
        }
        if let labels = e.labels {
            out.append(contentsOf: ", ".utf8)
            appendObject("labels", rows, map, to: &out) { c, out in
                out.append(UInt8(ascii: "\""))
                out.append(contentsOf: labels[c].rawValue.utf8)
                out.append(UInt8(ascii: "\""))
            }
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// `"name": {"id": value, …}`, a claim's id and value (`value`) a row; on a large map, each
    /// half of the rows on a core of its own, then joined.
    private static func appendObject(_ name: String, _ rows: [Int], _ map: ArgumentMap, to out: inout [UInt8], _ value: (Int, inout [UInt8]) -> Void) {
        out.append(contentsOf: "\"\(name)\": {".utf8)
        func part(_ range: Range<Int>) -> [UInt8] {
            var part: [UInt8] = []
            part.reserveCapacity(range.count * 32)
            map.claims.withUnsafeBufferPointer { claims in
                for i in range {
                    if i > 0 { part.append(contentsOf: ", ".utf8) }
                    JSONWriter.appendQuoted(claims[rows[i]].id, to: &part)
                    part.append(contentsOf: ": ".utf8)
                    value(rows[i], &part)
                }
            }
            return part
        }
        let half = rows.count / 2
        let (first, second) = Parallel.both(if: rows.count >= 1 << 14, { part(0..<half) }, { part(half..<rows.count) })
        out.append(contentsOf: first)
        out.append(contentsOf: second)
        out.append(UInt8(ascii: "}"))
    }

    static func scoreTable(_ s: Session, _ e: Evaluation, rows: [(claim: Int, depth: Int, relation: Int?)], console: Console) -> String {
        let nameWidth = max(20, console.width - 40)
        var out = "claim".padding(to: nameWidth) + " base  score  change\n"
        for row in rows {
            let claim = s.map.claims[row.claim]
            let mark = row.relation.map { s.map.relations[$0].type == .support ? "+ " : s.map.relations[$0].type == .attack ? "- " : "_ " } ?? ""
            var name = String(repeating: " ", count: min(row.depth, 12) * 2) + mark + claim.id
            if name.count > nameWidth - 1 { name = String(name.prefix(nameWidth - 2)) + "…" }
            var line = name.padding(to: nameWidth) + Session.format(claim.base) + "  "
            if let labels = e.labels {
                line += labels[row.claim].rawValue
            } else if !e.converged {
                line += " ?"
            } else {
                let score = e.scores[row.claim]
                let change = score - claim.base
                let sign = change > 0.005 ? "+" : change < -0.005 ? "-" : " "
                line += Session.format(score) + "  " + sign + Session.format(abs(change)) + "  " + bar(score, console: console)
            }
            out += line + "\n"
        }
        return String(out.dropLast())
    }

    static func bar(_ x: Double, console: Console) -> String {
        let filled = Int((x * 10).rounded())
        return console.styled(String(repeating: "█", count: filled), .cyan) + String(repeating: "·", count: 10 - filled)
    }
}
