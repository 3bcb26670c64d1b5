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

    /// The nodes of one `nodes` array by number, in file order: a node id met twice keeps its
    /// first number, takes its last type and text, and stands in the order at each place it
    /// was met.
    struct Nodes {
        var number: [String: Int] = [:]
        var ids: [String] = [], type: [NodeType] = [], text: [String] = [], order: [Int32] = []
        /// The type of each node of a type argmap does not read, by node number.
        var otherType: [Int: String] = [:]
        var problems: [Diagnostic] = []
        /// The texts of scheme nodes met so far ("Default Inference", say), each kept once.
        var schemeTexts: [String] = []

        mutating func add(_ n: JSONValue, at i: Int) {
            guard let id = AIFFormat.idString(n["nodeID"]), let t = n["type"]?.string else {
                problems.append(.error("nodes[\(i)] needs a \"nodeID\" and a \"type\"")); return
            }
            var nodeText = n["text"]?.string ?? ""
            let type = NodeType(t)
            if type != .i {
                if let same = schemeTexts.first(where: { $0 == nodeText }) { nodeText = same } else if schemeTexts.count < 16 { schemeTexts.append(nodeText) }
            }
            let k: Int
            if let known = number[id] {
                k = known
                self.type[k] = type
                text[k] = nodeText
                otherType[k] = nil
            } else {
                k = ids.count
                number[id] = k
                ids.append(id)
                self.type.append(type)
                text.append(nodeText)
            }
            order.append(Int32(k))
            if type == .other { otherType[k] = t }
        }
    }

    /// A node's type, as a byte (an enum's raw values are not stored): the four that argmap
    /// reads, by their names in AIF, and the rest.
    enum NodeType: String {
        case i = "I", ra = "RA", ma = "MA", ca = "CA", other = ""
        init(_ name: String) { self = NodeType(rawValue: name) ?? .other }
    }

    /// The edges of one `edges` array: each edge's ends by node number, found as it is read
    /// where the nodes came first (as every AIF writer puts them; a node's number never
    /// changes once given); the others' ids (nil for an edge without both) kept by edge index,
    /// to be found once the file is read.
    struct Edges {
        var ends: [(from: Int32, to: Int32)] = []
        var byID: [Int: (from: String, to: String)?] = [:]
    }

    static func idString(_ v: JSONValue?) -> String? {
        switch v {
        case .string(let s)?: return s
        case .number(let d)?: return DataValue.format(d)
        default: return nil
        }
    }

    static let streamed: Set<[String]> = [["nodes"], ["edges"], ["AIF", "nodes"], ["AIF", "edges"]]

    public static func read(_ text: String, file: String? = nil) throws(LoadFailure) -> ImportResult {
        try read(file: file, source: SourceText(text)) { element throws(Diagnostic) in try JSONReader.parse(text, streaming: streamed, element: element) }
    }

    /// The reader from a file's bytes as they stand (``FileFormat/readBytes``): the map and its
    /// notes, the pages read given back as the nodes are read; nil for anything ``read(_:file:)``
    /// must see as text to report (bytes that are not UTF-8, a byte-order mark, any error in
    /// the file, a NUL among them).
    static func read(bytes: UnsafeBufferPointer<UInt8>, release: (Range<Int>) -> Void) -> ImportResult? {
        // (A NUL is an error of the JSON, so the text's reader reports it.)
        guard FastReading.readableAsText(bytes, release: release) else { return nil }
        return try? read(file: nil, source: nil) { element throws(Diagnostic) in
            try JSONReader.parse(bytes: bytes, streaming: streamed, element: element, release: release)
        }
    }

    /// The file is parsed with its `nodes` and `edges` arrays (at the top or in OVA's `AIF`)
    /// read a record at a time, each node kept as an id, a type and a text, each edge as its
    /// two ends: no tree of JSON values of the whole file is held.
    /// - Parameter source: the text, for the place of a syntax error.
    static func read(file: String?, source: @autoclosure () -> SourceText?,
                     parse: (([String], Int, JSONValue) -> Void) throws(Diagnostic) -> JSONValue) throws(LoadFailure) -> ImportResult {
        let root: JSONValue
        // At the top ([0]) and in OVA's `AIF` ([1]): the streamed paths are one key or two long.
        var nodeLists = [Nodes(), Nodes()], edgeLists = [Edges(), Edges()]
        do {
            root = try parse { path, i, value in
                let k = path.count - 1
                if path.last == "nodes" {
                    nodeLists[k].add(value, at: i)
                    return
                }
                let ends = idString(value["fromID"]).flatMap { from in idString(value["toID"]).map { (from: from, to: $0) } }
                if let ends, let f = nodeLists[k].number[ends.from], let t = nodeLists[k].number[ends.to] {
                    edgeLists[k].ends.append((Int32(f), Int32(t)))
                } else {
                    edgeLists[k].byID[i] = ends
                    edgeLists[k].ends.append((-1, -1))
                }
            }
        } catch {
            throw LoadFailure([error], file: file, source: source())
        }
        let inside = root["AIF"] != nil ? 1 : 0
        let aif = root["AIF"] ?? root
        guard aif["nodes"]?.array != nil, aif["edges"]?.array != nil else {
            throw LoadFailure([.error("AIF needs \"nodes\" and \"edges\" arrays (or an OVA file with \"AIF\")")], file: file)
        }
        var nodes = nodeLists[inside]
        let edges = edgeLists[inside]
        (nodeLists, edgeLists) = ([], [])
        let (ids, type, order, otherType) = (nodes.ids, nodes.type, nodes.order, nodes.otherType)
        var nodeText = nodes.text
        var problems = nodes.problems
        // Each node's edges in and out, in file order (counted, then placed).
        var ends: [(from: Int32, to: Int32)] = []
        ends.reserveCapacity(edges.ends.count)
        for (i, e) in edges.ends.enumerated() {
            if e.from >= 0 { ends.append(e); continue }
            guard let (from, to) = edges.byID[i]! else {
                problems.append(.error("edges[\(i)] needs \"fromID\" and \"toID\"")); continue
            }
            guard let f = nodes.number[from], let t = nodes.number[to] else {
                problems.append(.error("edges[\(i)] joins \(from) and \(to), and one of them is not among the nodes")); continue
            }
            ends.append((Int32(f), Int32(t)))
        }
        nodes = Nodes()
        if !problems.isEmpty { throw LoadFailure(problems, file: file) }
        let n = ids.count
        func typeName(_ k: Int) -> String { type[k] == .other ? otherType[k] ?? "" : type[k].rawValue }
        func lists(_ key: (Int32, Int32) -> (Int32, Int32)) -> (start: [Int32], list: [Int32]) {
            var start = [Int32](repeating: 0, count: n + 1)
            for e in ends { start[Int(key(e.from, e.to).0) + 1] += 1 }
            for k in 0..<n { start[k + 1] += start[k] }
            var fill = start, list = [Int32](repeating: 0, count: ends.count)
            for e in ends {
                let (node, other) = key(e.from, e.to)
                list[Int(fill[Int(node)])] = other
                fill[Int(node)] += 1
            }
            return (start, list)
        }
        let outOf = lists { ($0, $1) }, into = lists { ($1, $0) }
        ends = []
        func adjacent(_ lists: (start: [Int32], list: [Int32]), of k: Int) -> ArraySlice<Int32> {
            lists.list[Int(lists.start[k])..<Int(lists.start[k + 1])]
        }
        func neighbours(_ lists: (start: [Int32], list: [Int32]), of k: Int, _ wanted: NodeType) -> [Int] {
            adjacent(lists, of: k).lazy.map(Int.init).filter { type[$0] == wanted }
        }

        // RA nodes that become argument claims: several premises, or attacked by a CA; each
        // one's text, so that the nodes' texts can go once the statements are made.
        var undercutRA = [Bool](repeating: false, count: n)
        for ca in order where type[Int(ca)] == .ca { for ra in neighbours(outOf, of: Int(ca), .ra) { undercutRA[ra] = true } }
        var argumentText: [Int: String] = [:]
        var statements = 0
        for node in 0..<n {
            if type[node] == .i { statements += 1; continue }
            guard type[node] == .ra else { continue }
            let premises = adjacent(into, of: node).count { type[Int($0)] == .i }
            if premises > 1 || undercutRA[node] {
                argumentText[node] = premises > 1 ? "Linked argument (\(nodeText[node]))" : "Argument (\(nodeText[node]))"
            }
        }

        var claims: [Claim] = []
        claims.reserveCapacity(statements + argumentText.count)
        var claimOf = [Int32](repeating: -1, count: n)
        var fresh = FreshIDs(capacity: statements + argumentText.count)
        func addClaim(_ node: Int, kind: ClaimKind, text: String) -> Int {
            if claimOf[node] >= 0 { return Int(claimOf[node]) }
            let id = fresh.make(from: text.isEmpty ? "node \(ids[node])" : text, number: claims.count + 1)
            var claim = Claim(id: id, text: Claim.normalizedText(text), kind: kind)
            claim.setData("aif", .string(ids[node]))
            claimOf[node] = Int32(claims.count)
            claims.append(claim)
            return claims.count - 1
        }
        for node in order where type[Int(node)] == .i { _ = addClaim(Int(node), kind: .statement, text: nodeText[Int(node)]) }
        nodeText = []
        var relations: [Relation] = []
        var pairs = Set<Int>()
        func relate(_ from: Int32, _ to: Int32, _ t: RelationType) {
            guard pairs.insert(Int(from) << 32 | Int(to)).inserted else { return }
            relations.append(Relation(from: Int(from), to: Int(to), type: t))
        }
        var skipped: [String: Int] = [:]
        for node in order.lazy.map(Int.init) {
            switch type[node] {
            case .i: break
            case .ra, .ma:
                let premises = neighbours(into, of: node, .i)
                let conclusions = neighbours(outOf, of: node, .i)
                if type[node] == .ra, let name = argumentText[node] {
                    let arg = Int32(addClaim(node, kind: .argument, text: name))
                    for p in premises { relate(claimOf[p], arg, .support) }
                    for c in conclusions { relate(arg, claimOf[c], .support) }
                } else {
                    for p in premises { for c in conclusions { relate(claimOf[p], claimOf[c], .support) } }
                }
            case .ca:
                let attackers = neighbours(into, of: node, .i)
                for target in adjacent(outOf, of: node).map(Int.init) {
                    if type[target] == .i {
                        for a in attackers { relate(claimOf[a], claimOf[target], .attack) }
                    } else if type[target] == .ra, claimOf[target] >= 0 {
                        for a in attackers { relate(claimOf[a], claimOf[target], .undercut) }
                    } else {
                        skipped["CA into \(typeName(target))", default: 0] += 1
                    }
                }
            case .other:
                skipped[typeName(node), default: 0] += 1
            }
        }
        // Undercut targets were created when their RA was met; RAs met after their CA are fine
        // because claimOf is filled before CAs are resolved only in node order: resolve again.
        for node in order.lazy.map(Int.init) where type[node] == .ca {
            let attackers = neighbours(into, of: node, .i)
            for target in neighbours(outOf, of: node, .ra) where claimOf[target] >= 0 {
                for a in attackers { relate(claimOf[a], claimOf[target], .undercut) }
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
