import ArgMapModel
import ArgMapSemantics
import ArgMapFormats
import CPrefetch

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
            if options["json"] != nil {
                for piece in Commands.scoreJSON(s.map, e, from: start) { piece.withUnsafeBufferPointer { inv.console.write($0) } }
                return
            }
            let rows = Commands.treeRows(s.map, from: start, limit: 2000)
            if let note = e.note { inv.console.error("warning: " + note) }
            inv.console.print(Commands.scoreTable(s, e, rows: rows, console: inv.console))
            if rows.count >= 2000 { inv.console.print("… (the first 2000 rows; score ID shows a branch, score --json shows all)") }
        })

    /// Claims in tree order from a claim (or every thesis), each once, with its depth and the
    /// relation it was reached by.
    static func treeRows(_ map: ArgumentMap, from start: Int?, limit: Int) -> [(claim: Int, depth: Int, relation: Int?)] {
        var rows: [(claim: Int, depth: Int, relation: Int?)] = []
        walkTree(map, from: start, limit: limit) { rows.append((Int($0), Int($1), $2 < 0 ? nil : Int($2))) }
        return rows
    }

    /// Visits the claims in tree order from a claim (or every thesis, then every claim no
    /// thesis reaches), each once, with its depth and the relation it was reached by (-1 for
    /// none), until `limit` are visited. Depth first, with the path on a stack of its own (no
    /// recursion), the lists and relations read in place (`score --json` of a million claims
    /// walks them all).
    @inline(__always)
    private static func walkTree(_ map: ArgumentMap, from start: Int?, limit: Int, _ visit: (_ claim: Int32, _ depth: Int32, _ relation: Int32) -> Void) {
        guard limit > 0 else { return }
        let n = map.count
        // One bit a claim (128 KB at a million claims; a set of the claims seen took 15% of
        // `score --json` of a million).
        let seen = UnsafeMutablePointer<UInt64>.allocate(capacity: (n + 63) / 64)
        seen.initialize(repeating: 0, count: (n + 63) / 64)
        var stack = Pile<(claim: Int32, depth: Int32, relation: Int32)>(capacity: 1_024)
        defer { seen.deallocate(); stack.free() }
        @inline(__always) func isSeen(_ c: Int) -> Bool { seen[c >> 6] & (1 << UInt64(c & 63)) != 0 }
        var visited = 0
        // Once the walk is long (past ``sourcesCopiedPast`` claims), each relation's source,
        // 4 bytes a relation where the relations take 32, copied on both cores and read at
        // random from then on: `score --json c5` on the generated cyclic map, which walks every
        // claim, 52 -> 44 ms; a short walk does not pay for the copy (3 ms at a million).
        var sources: UnsafeMutablePointer<Int32>?
        defer { sources?.deallocate() }
        map.incoming.withUnsafeLists { incoming in
        map.relations.withUnsafeBufferPointer { relations in
            let starts = start.map { [$0] } ?? map.theses
            for c in starts.reversed() { stack.push((Int32(c), 0, -1)) }
            while visited < limit, let (c, d, r) = stack.pop() {
                guard !isSeen(Int(c)) else { continue }
                seen[Int(c) >> 6] |= 1 << UInt64(c & 63)
                visit(c, d, r)
                visited += 1
                if visited == sourcesCopiedPast { sources = copiedSources(relations) }
                // (A claim seen already would be passed over as it is taken: it is not put on.)
                let list = incoming[Int(c)]
                for k in list.indices.reversed() {
                    let from = sources.map { Int($0[list[k]]) } ?? relations[list[k]].from
                    if !isSeen(from) { stack.push((Int32(from), d + 1, Int32(list[k]))) }
                }
            }
        }}
        guard start == nil else { return }
        for c in 0..<n where visited < limit && !isSeen(c) {
            visit(Int32(c), 0, -1)
            visited += 1
        }
    }

    /// How many claims a walk visits before it reads the relations' sources from a copy.
    static let sourcesCopiedPast = 1 << 16

    /// Each relation's source, in memory of its own (to be freed), copied on both cores.
    private static func copiedSources(_ relations: UnsafeBufferPointer<Relation>) -> UnsafeMutablePointer<Int32> {
        let sources = UnsafeMutablePointer<Int32>.allocate(capacity: max(relations.count, 1))
        let shared = Parallel.Unchecked((relations, sources))
        Parallel.forEachPiece(relations.count, minimum: 1 << 16) { piece in
            let (relations, sources) = shared.value
            for r in piece { sources[r] = Int32(truncatingIfNeeded: relations[r].from) }
        }
        return sources
    }

    /// `score --json` from claim `start` (or the whole map), as pieces of bytes to print one
    /// after another: `{"semantics": …, "converged": …, "iterations": …, "scores": {"id":
    /// score, …}}` (and `"labels"` under grounded) and a line break, the claims in tree order
    /// (``treeRows(_:from:limit:)``). On a large map the claims are formatted in chunks on
    /// both cores as the walk finds them (``Parallel/makeAndHandle(chunk:atOnce:make:handle:)``),
    /// each chunk printed as it is, not joined: on the generated cyclic map, every claim of a
    /// million is under c5, 19.5 MB.
    static func scoreJSON(_ map: ArgumentMap, _ e: Evaluation, from start: Int?) -> [[UInt8]] {
        let n = map.count, chunk = 1 << 15
        let claims = UnsafeMutablePointer<Int32>.allocate(capacity: max(n, 1))
        let parts = Parallel.Slots<(scores: [UInt8], labels: [UInt8])>((n + chunk - 1) / chunk + 1)
        defer { claims.deallocate() }
        let made = map.claims.withUnsafeBufferPointer { all in
        e.scores.withUnsafeBufferPointer { scores in
            // A chunk's claims, "id": value a claim (the ", " before each but the first). The
            // claims are in tree order, not in the order they are kept: the claim and score
            // of the row 16 on are asked for ahead (without, the two loads waited for memory
            // for two thirds of the time).
            func part(_ items: Range<Int>, _ value: (Int, inout Pile<UInt8>) -> Void) -> [UInt8] {
                var part = Pile<UInt8>(capacity: items.count * 32)
                defer { part.free() }
                for i in items {
                    if i + 16 < items.upperBound, let a = all.baseAddress, let b = scores.baseAddress {
                        let ahead = Int(claims[i + 16])
                        argmap_prefetch(a + ahead)
                        argmap_prefetch(b + ahead)
                    }
                    if i > 0 { part.push(UInt8(ascii: ",")); part.push(UInt8(ascii: " ")) }
                    let c = Int(claims[i])
                    JSONWriter.appendQuoted(all[c].id, to: &part)
                    part.push(UInt8(ascii: ":")); part.push(UInt8(ascii: " "))
                    value(c, &part)
                }
                return Array(UnsafeBufferPointer(part.buffer))
            }
            return Parallel.makeAndHandle(chunk: chunk, atOnce: n >= chunk, make: { publish in
                var made = 0
                walkTree(map, from: start, limit: .max) { c, _, _ in
                    claims[made] = c
                    made += 1
                    if made & 4_095 == 0 { publish(made) }
                }
                return made
            }, handle: { k, items in
                let written = part(items) { c, out in
                    if e.converged { DataValue.appendFormatted(scores[c], to: &out) } else { out.write("null") }
                }
                let labels = e.labels.map { labels in part(items) { c, out in
                    out.push(UInt8(ascii: "\""))
                    out.write(labels[c].rawValue)
                    out.push(UInt8(ascii: "\""))
                }}
                parts[k] = (written, labels ?? [])
            })
        }}
        let chunks = (0..<((made + chunk - 1) / chunk)).map { parts[$0]! }
        var pieces = [Array("{\"semantics\": \"\(e.semantics.rawValue)\", \"converged\": \(e.converged), \"iterations\": \(e.iterations), \"scores\": {".utf8)]
        pieces += chunks.map(\.scores)
        if e.labels != nil {
            pieces.append(Array("}, \"labels\": {".utf8))
            pieces += chunks.map(\.labels)
        }
        pieces.append(Array("}}\n".utf8))
        return pieces
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
