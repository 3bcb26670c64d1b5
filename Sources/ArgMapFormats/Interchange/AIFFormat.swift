import ArgMapModel

/// AIF JSON as AIFdb writes it (`nodes`, `edges`, `locutions`), and OVA3's wrapper
/// (`{"AIF": {…}, "OVA": …, "text": …}`).
///
/// Reading: I-nodes become statements. I → RA → I is a support, I → CA → I an attack. An RA
/// with several premises becomes a linked argument: an argument claim (named after the RA)
/// that its premises support and that supports the conclusion; so does an RA that a CA
/// attacks, and that CA → RA becomes an undercut of the argument. MA (rephrase) I → MA → I
/// counts as a support of the rephrased proposition by its rephrasing. PA (preference) nodes
/// and the dialogue layer (L, YA, TA) are skipped, and the result says how many.
///
/// Writing: one I-node per claim, an RA ("Default Inference") per support, a CA ("Default
/// Conflict") per attack, and a CA into the RA/CA nodes of the relations an undercut weakens.
/// AIF has no base scores or weights; those are not written.
public enum AIFFormat {
    public static func recognizes(_ text: String) -> Bool {
        let head = String(decoding: text.utf8.prefix(8192), as: UTF8.self)
        return head.contains("\"nodes\"") && (head.contains("\"nodeID\"") || head.contains("\"AIF\""))
    }

    public static func read(_ text: String, file: String? = nil) throws(LoadFailure) -> ImportResult {
        let root: JSONValue
        do { root = try JSONReader.parse(text) } catch { throw LoadFailure([error], file: file, source: SourceText(text)) }
        let aif = root["AIF"] ?? root
        guard let nodes = aif["nodes"]?.array, let edges = aif["edges"]?.array else {
            throw LoadFailure([.error("AIF needs \"nodes\" and \"edges\" arrays (or an OVA file with \"AIF\")")], file: file)
        }
        func idString(_ v: JSONValue?) -> String? {
            switch v {
            case .string(let s)?: return s
            case .number(let d)?: return DataValue.format(d)
            default: return nil
            }
        }
        var type: [String: String] = [:], nodeText: [String: String] = [:], order: [String] = []
        var problems: [Diagnostic] = []
        for (i, n) in nodes.enumerated() {
            guard let id = idString(n["nodeID"]), let t = n["type"]?.string else {
                problems.append(.error("nodes[\(i)] needs a \"nodeID\" and a \"type\"")); continue
            }
            type[id] = t
            nodeText[id] = n["text"]?.string ?? ""
            order.append(id)
        }
        var into: [String: [String]] = [:], outOf: [String: [String]] = [:]
        for (i, e) in edges.enumerated() {
            guard let from = idString(e["fromID"]), let to = idString(e["toID"]) else {
                problems.append(.error("edges[\(i)] needs \"fromID\" and \"toID\"")); continue
            }
            guard type[from] != nil, type[to] != nil else {
                problems.append(.error("edges[\(i)] joins \(from) and \(to), and one of them is not among the nodes")); continue
            }
            outOf[from, default: []].append(to)
            into[to, default: []].append(from)
        }
        if !problems.isEmpty { throw LoadFailure(problems, file: file) }

        var claims: [Claim] = []
        var claimOf: [String: Int] = [:]
        var ids = FreshIDs()
        func addClaim(_ node: String, kind: ClaimKind, text: String) -> Int {
            if let c = claimOf[node] { return c }
            let id = ids.make(from: text.isEmpty ? "node \(node)" : text, number: claims.count + 1)
            var claim = Claim(id: id, text: ArgmapJSON.normalizeText(text), kind: kind)
            claim.setData("aif", .string(node))
            claimOf[node] = claims.count
            claims.append(claim)
            return claims.count - 1
        }
        for node in order where type[node] == "I" { _ = addClaim(node, kind: .statement, text: nodeText[node]!) }
        var relations: [Relation] = []
        var pairs = Set<[Int]>()
        func relate(_ from: Int, _ to: Int, _ t: RelationType) {
            guard pairs.insert([from, to]).inserted else { return }
            relations.append(Relation(from: from, to: to, type: t))
        }
        var skipped: [String: Int] = [:]
        // RA nodes that become argument claims: several premises, or attacked by a CA.
        let undercutRAs = Set(order.filter { type[$0] == "CA" }.flatMap { ca in (outOf[ca] ?? []).filter { type[$0] == "RA" } })
        for node in order {
            switch type[node]! {
            case "I": break
            case "RA", "MA":
                let premises = (into[node] ?? []).filter { type[$0] == "I" }
                let conclusions = (outOf[node] ?? []).filter { type[$0] == "I" }
                if type[node] == "RA", premises.count > 1 || undercutRAs.contains(node) {
                    let arg = addClaim(node, kind: .argument, text: premises.count > 1 ? "Linked argument (\(nodeText[node]!))" : "Argument (\(nodeText[node]!))")
                    for p in premises { relate(claimOf[p]!, arg, .support) }
                    for c in conclusions { relate(arg, claimOf[c]!, .support) }
                } else {
                    for p in premises { for c in conclusions { relate(claimOf[p]!, claimOf[c]!, .support) } }
                }
            case "CA":
                let attackers = (into[node] ?? []).filter { type[$0] == "I" }
                for target in outOf[node] ?? [] {
                    if type[target] == "I" {
                        for a in attackers { relate(claimOf[a]!, claimOf[target]!, .attack) }
                    } else if type[target] == "RA", let arg = claimOf[target] {
                        for a in attackers { relate(claimOf[a]!, arg, .undercut) }
                    } else {
                        skipped["CA into \(type[target]!)", default: 0] += 1
                    }
                }
            default:
                skipped[type[node]!, default: 0] += 1
            }
        }
        // Undercut targets were created when their RA was met; RAs met after their CA are fine
        // because claimOf is filled before CAs are resolved only in node order: resolve again.
        for node in order where type[node] == "CA" {
            let attackers = (into[node] ?? []).filter { type[$0] == "I" }
            for target in outOf[node] ?? [] where type[target] == "RA" {
                if let arg = claimOf[target] { for a in attackers { relate(claimOf[a]!, arg, .undercut) } }
            }
        }
        var notes = ["read \(claims.count) claims and \(relations.count) relations"]
        let dialogue = ["L", "YA", "TA"].reduce(0) { $0 + (skipped[$1] ?? 0) }
        if dialogue > 0 { notes.append("skipped \(dialogue) nodes of the dialogue layer (L, YA, TA)") }
        for (t, n) in skipped.sorted(by: { $0.key < $1.key }) where !["L", "YA", "TA"].contains(t) {
            notes.append("skipped \(n) \(t) node\(n == 1 ? "" : "s") (argmap has no \(t == "PA" ? "preferences" : t))")
        }
        let title = root["text"]?.string.flatMap { $0.isEmpty ? nil : String($0.prefix(80)) }
        do {
            return ImportResult(map: try ArgumentMap(title: title, claims: claims, relations: relations), notes: notes)
        } catch {
            throw LoadFailure([.error(error.description)], file: file)
        }
    }

    public static func write(_ map: ArgumentMap) -> String {
        TextPieces.text { write(map, to: &$0) }
    }

    /// The AIF JSON, written into `out` (its nodes and edges on both cores for a large map):
    /// an I-node per claim (ids 1 to n), an RA or CA node per support or attack with its two
    /// edges (three ids each, in relation order), then a CA node per undercut with an edge from
    /// its claim and one to each scheme node of the relations it undercuts.
    /// - Complexity: O(claims + relations + text).
    package static func write(_ map: ArgumentMap, to out: inout TextPieces) {
        let n = map.count
        var schemes: [Int32] = []   // the supports and attacks, in order
        schemes.reserveCapacity(map.relations.count)
        for (r, relation) in map.relations.enumerated() where relation.type != .undercut { schemes.append(Int32(r)) }
        /// The scheme node of support or attack `r`: after the I-nodes, three ids a scheme.
        func scheme(_ k: Int) -> Int { n + 1 + 3 * k }
        func schemeOf(_ r: Int) -> Int {
            var low = 0, high = schemes.count  // (schemes is sorted)
            while low < high { let mid = (low + high) / 2; if Int(schemes[mid]) < r { low = mid + 1 } else { high = mid } }
            return scheme(low)
        }
        // Each undercut's CA node and its targets' scheme nodes; the ids go on after the schemes'.
        var undercuts: [(from: Int, id: Int, targets: [Int])] = []
        var next = scheme(schemes.count)
        for relation in map.relations where relation.type == .undercut {
            let targets = map.outgoing[relation.to].filter { map.relations[$0].type != .undercut }
            guard !targets.isEmpty else { continue }
            undercuts.append((relation.from, next, targets.map(schemeOf)))
            next += 2 + targets.count
        }
        func node(_ id: Int, _ text: String, _ type: StaticString, first: Bool, to out: inout TextPieces) {
            out.write(first ? "\n    {\n      \"nodeID\": \"" : ",\n    {\n      \"nodeID\": \"")
            out.write(id); out.write("\",\n      \"text\": ")
            JSONWriter.appendQuoted(text, into: &out)
            out.write(",\n      \"type\": \""); out.write(type); out.write("\"\n    }")
        }
        func edge(_ id: Int, _ from: Int, _ to: Int, first: Bool, to out: inout TextPieces) {
            out.write(first ? "\n    {\n      \"edgeID\": \"" : ",\n    {\n      \"edgeID\": \"")
            out.write(id); out.write("\",\n      \"fromID\": \""); out.write(from)
            out.write("\",\n      \"toID\": \""); out.write(to); out.write("\",\n      \"formEdgeID\": null\n    }")
        }
        out.write("{\n  \"nodes\": [")
        out.writeEach(n) { c, out in node(c + 1, map.claims[c].text, "I", first: c == 0, to: &out) }
        out.writeEach(schemes.count) { k, out in
            let support = map.relations[Int(schemes[k])].type == .support
            node(scheme(k), support ? "Default Inference" : "Default Conflict", support ? "RA" : "CA", first: n + k == 0, to: &out)
        }
        for (u, undercut) in undercuts.enumerated() {
            node(undercut.id, "Default Conflict", "CA", first: n + schemes.count + u == 0, to: &out)
        }
        out.write(n + schemes.count + undercuts.count == 0 ? "],\n  \"edges\": [" : "\n  ],\n  \"edges\": [")
        out.writeEach(schemes.count) { k, out in
            let relation = map.relations[Int(schemes[k])]
            let id = scheme(k)
            edge(id + 1, relation.from + 1, id, first: k == 0, to: &out)
            edge(id + 2, id, relation.to + 1, first: false, to: &out)
        }
        var edges = 2 * schemes.count
        for undercut in undercuts {
            edge(undercut.id + 1, undercut.from + 1, undercut.id, first: edges == 0, to: &out)
            for (t, target) in undercut.targets.enumerated() { edge(undercut.id + 2 + t, undercut.id, target, first: false, to: &out) }
            edges += 1 + undercut.targets.count
        }
        out.write(edges == 0 ? "],\n  \"locutions\": []\n}\n" : "\n  ],\n  \"locutions\": []\n}\n")
    }
}
