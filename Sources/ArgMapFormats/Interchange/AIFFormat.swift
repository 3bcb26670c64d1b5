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
        var taken = Set<String>()
        func addClaim(_ node: String, kind: ClaimKind, text: String) -> Int {
            if let c = claimOf[node] { return c }
            let id = ArgumentMap.makeID(from: text.isEmpty ? "node \(node)" : text, number: claims.count + 1, taken: &taken)
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
        var nodes: [JSONValue] = []
        var edges: [JSONValue] = []
        var next = 1
        func newID() -> String { defer { next += 1 }; return String(next) }
        func edge(_ from: String, _ to: String) {
            edges.append(.object([("edgeID", .string(newID())), ("fromID", .string(from)), ("toID", .string(to)), ("formEdgeID", .null)]))
        }
        var iNode: [String] = []
        for claim in map.claims {
            let id = newID()
            iNode.append(id)
            nodes.append(.object([("nodeID", .string(id)), ("text", .string(claim.text)), ("type", .string("I"))]))
        }
        var schemeOf = [String](repeating: "", count: map.relations.count)
        for (r, relation) in map.relations.enumerated() where relation.type != .undercut {
            let id = newID()
            schemeOf[r] = id
            let (t, name) = relation.type == .support ? ("RA", "Default Inference") : ("CA", "Default Conflict")
            nodes.append(.object([("nodeID", .string(id)), ("text", .string(name)), ("type", .string(t))]))
            edge(iNode[relation.from], id)
            edge(id, iNode[relation.to])
        }
        for relation in map.relations where relation.type == .undercut {
            let targets = map.outgoing[relation.to].filter { map.relations[$0].type != .undercut }
            guard !targets.isEmpty else { continue }
            let id = newID()
            nodes.append(.object([("nodeID", .string(id)), ("text", .string("Default Conflict")), ("type", .string("CA"))]))
            edge(iNode[relation.from], id)
            for t in targets { edge(id, schemeOf[t]) }
        }
        return JSONWriter.write(.object([("nodes", .array(nodes)), ("edges", .array(edges)), ("locutions", .array([]))])) + "\n"
    }
}
