import ArgMapModel

/// Argdown's JSON export (`argdown json`): `statements` {title → equivalence class},
/// `arguments` {title → argument}, `relations` [{relationType, from, to, fromType, toType}],
/// and an optional `map`, which argmap does not need. Entails and contrary relations (strict
/// mode) read as support and attack; contradictory as two attacks.
public enum ArgdownJSONFormat {
    public static func recognizes(_ text: String) -> Bool {
        let head = String(decoding: text.utf8.prefix(8192), as: UTF8.self)
        return head.contains("\"statements\"") && (head.contains("\"arguments\"") || head.contains("\"relations\""))
    }

    public static func read(_ source: String, file: String? = nil) throws(LoadFailure) -> ImportResult {
        let root: JSONValue
        do { root = try JSONReader.parse(source) } catch { throw LoadFailure([error], file: file, source: SourceText(source)) }
        var claims: [Claim] = []
        var index: [String: Int] = [:]
        var problems: [Diagnostic] = []
        func text(of value: JSONValue) -> String {
            if let members = value["members"]?.array {
                for m in members.reversed() { if let t = m["text"]?.string, !t.isEmpty { return t } }
            }
            if let descriptions = value["descriptions"]?.array {
                for d in descriptions.reversed() { if let t = d["text"]?.string, !t.isEmpty { return t } }
            }
            return value["text"]?.string ?? ""
        }
        for (key, kind) in [("statements", ClaimKind.statement), ("arguments", .argument)] {
            for (title, value) in root[key]?.object ?? [] {
                guard index[title] == nil else {
                    problems.append(.error("'\(title)' is both a statement and an argument; argmap gives them one namespace of ids")); continue
                }
                index[title] = claims.count
                var claim = Claim(id: title, text: Claim.normalizedText(text(of: value)), kind: kind)
                if let tags = value["tags"]?.array { claim.tags = tags.compactMap(\.string) }
                if let data = value["data"]?.object {
                    for (k, v) in data {
                        if let (message, hint) = ArgdownLowering.applyDataEntry(DataEntry(key: k, value: ArgmapJSON.dataValue(v)), to: &claim, isRelationLine: false) {
                            problems.append(.error("\(key)['\(title)'].data: \(message)", hint: hint))
                        }
                    }
                }
                claims.append(claim)
            }
        }
        var relations: [Relation] = []
        var pairs = Set<[Int]>()
        var skipped = 0
        for (i, r) in (root["relations"]?.array ?? []).enumerated() {
            guard let from = r["from"]?.string, let to = r["to"]?.string, let kind = r["relationType"]?.string else {
                problems.append(.error("relations[\(i)] needs \"from\", \"to\" and \"relationType\"")); continue
            }
            guard let f = index[from], let t = index[to] else { problems.append(.error("relations[\(i)] names '\(index[from] == nil ? from : to)', which is not among the statements and arguments")); continue }
            var list: [(Int, Int, RelationType)] = []
            switch kind {
            case "support", "entails": list = [(f, t, .support)]
            case "attack", "contrary": list = [(f, t, .attack)]
            case "undercut": list = [(f, t, .undercut)]
            case "contradictory": list = [(f, t, .attack), (t, f, .attack)]
            default: skipped += 1
            }
            for (a, b, type) in list where pairs.insert([a, b]).inserted { relations.append(Relation(from: a, to: b, type: type)) }
        }
        if !problems.isEmpty { throw LoadFailure(problems, file: file) }
        do {
            var notes = ["read \(claims.count) claims and \(relations.count) relations"]
            if skipped > 0 { notes.append("skipped \(skipped) relations of types argmap has no counterpart for") }
            return ImportResult(map: try ArgumentMap(claims: claims, relations: relations), notes: notes)
        } catch {
            throw LoadFailure([.error(error.description)], file: file)
        }
    }
}
