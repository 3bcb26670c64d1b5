import ArgMapModel

/// argmap's own JSON form:
/// `{"argmap": 1, "title": …, "claims": [{"id", "text", "kind", "base", "tags", "sources",
/// "note", "data"}, …], "relations": [{"from", "to", "type", "weight"}, …]}`.
///
/// Only `id` (claims) and `from`, `to`, `type` (relations) are required on import. An undercut
/// `{"from": U, "to": A, "type": "undercut"}` attacks the inference of `A`: every relation
/// going out of `A`. Fields may be added in later versions, never renamed.
public enum ArgmapJSON {
    public static let version = 1

    public static func write(_ map: ArgumentMap) -> String {
        String(decoding: bytes(map), as: UTF8.self)
    }

    /// The JSON as UTF-8 bytes in one buffer.
    /// - Complexity: O(claims + relations + text).
    public static func bytes(_ map: ArgumentMap) -> [UInt8] {
        pieces(map).concatenated
    }

    /// A large map's JSON is written in pieces, on all cores.
    static let parallelThreshold = 20_000

    /// The JSON as UTF-8 bytes in pieces to be written one after another, all in memory.
    /// - Complexity: O(claims + relations + text).
    public static func pieces(_ map: ArgumentMap) -> [[UInt8]] {
        TextPieces.collect { write(map, to: &$0) }
    }

    /// The JSON written into `out` (what `save` and `export` write, a piece at a time): the
    /// claims, then the relations, a window of them at once on both cores for a large map.
    /// - Complexity: O(claims + relations + text).
    package static func write(_ map: ArgumentMap, to out: inout TextPieces) {
        var head: [UInt8] = []
        func put(_ s: String) { head.append(contentsOf: s.utf8) }
        put("{\n  \"argmap\": " + String(version))
        if let title = map.title { put(",\n  \"title\": "); JSONWriter.appendQuoted(title, to: &head) }
        if let fm = map.frontmatter { put(",\n  \"frontmatter\": "); JSONWriter.appendQuoted(fm, to: &head) }
        put(",\n  \"claims\": [")
        head.withUnsafeBufferPointer { out.push(contentsOf: $0) }
        out.writeEachStretch(map.count, minimum: parallelThreshold) { writeClaims(map, $0, to: &$1) }
        out.write(map.claims.isEmpty ? "],\n  \"relations\": [" : "\n  ],\n  \"relations\": [")
        out.writeEachStretch(map.relations.count, minimum: parallelThreshold) { writeRelations(map, $0, to: &$1) }
        out.write(map.relations.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
    }

    /// One line a claim, each after a line break (and a comma after the first claim's).
    static func writeClaims(_ map: ArgumentMap, _ range: Range<Int>, to out: inout [UInt8]) {
        out.reserveCapacity(out.count + map.claims[range].reduce(0) { $0 + $1.text.utf8.count + 2 * $1.id.utf8.count + 200 })
        func put(_ s: StaticString) { out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)) }
        func put(_ s: String) { out.append(contentsOf: s.utf8) }
        func quoted(_ s: String) { JSONWriter.appendQuoted(s, to: &out) }
        for i in range {
            let c = map.claims[i]
            put(i == 0 ? "\n    {\"id\": " : ",\n    {\"id\": ")
            quoted(c.id)
            put(", \"text\": ")
            quoted(c.text)
            put(c.kind == .argument ? ", \"kind\": \"argument\", \"base\": " : ", \"kind\": \"statement\", \"base\": ")
            put(JSONWriter.number(c.base))
            if c.isPlain {
                put(", \"tags\": [], \"sources\": [], \"note\": null, \"data\": {}}")
                continue
            }
            put(", \"tags\": [")
            for (k, tag) in c.tags.enumerated() { if k > 0 { put(", ") }; quoted(tag) }
            put("], \"sources\": [")
            if !c.sources.isEmpty { put(c.sources.map(sourceJSON).joined(separator: ", ")) }
            put("], \"note\": ")
            if let note = c.note { quoted(note) } else { put("null") }
            if let s = c.section { put(", \"section\": "); quoted(s) }
            put(", \"data\": ")
            let data = c.data   // (one read: a claim with one datum makes its list on each)
            put(data.isEmpty ? "{}" : dataJSON(data))
            put("}")
        }
    }

    /// One line a relation, each after a line break (and a comma after the first relation's).
    static func writeRelations(_ map: ArgumentMap, _ range: Range<Int>, to out: inout [UInt8]) {
        out.reserveCapacity(out.count + range.count * 80)
        func put(_ s: StaticString) { out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)) }
        for i in range {
            let r = map.relations[i]
            put(i == 0 ? "\n    {\"from\": " : ",\n    {\"from\": ")
            JSONWriter.appendQuoted(map.claims[r.from].id, to: &out)
            put(", \"to\": ")
            JSONWriter.appendQuoted(map.claims[r.to].id, to: &out)
            switch r.type {
            case .support: put(", \"type\": \"support\", \"weight\": ")
            case .attack: put(", \"type\": \"attack\", \"weight\": ")
            case .undercut: put(", \"type\": \"undercut\", \"weight\": ")
            }
            out.append(contentsOf: JSONWriter.number(r.weight).utf8)
            put("}")
        }
    }

    static func sourceJSON(_ s: Source) -> String {
        var out = "{\"citation\": " + JSONWriter.quote(s.citation)
        if let d = s.date { out += ", \"date\": " + JSONWriter.quote(d) }
        if let u = s.url { out += ", \"url\": " + JSONWriter.quote(u) }
        return out + "}"
    }

    static func dataJSON(_ entries: [DataEntry]) -> String {
        "{" + entries.map { JSONWriter.quote($0.key) + ": " + valueJSON($0.value) }.joined(separator: ", ") + "}"
    }

    static func valueJSON(_ v: DataValue) -> String {
        switch v {
        case .string(let s): return JSONWriter.quote(s)
        case .number(let d): return JSONWriter.number(d)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .list(let items): return "[" + items.map(valueJSON).joined(separator: ", ") + "]"
        case .map(let entries): return dataJSON(entries)
        }
    }

    static func dataValue(_ j: JSONValue) -> DataValue {
        switch j {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let d): return .number(d)
        case .string(let s): return .string(s)
        case .array(let a): return .list(a.map(dataValue))
        case .object(let o): return .map(o.map { DataEntry(key: $0.0, value: dataValue($0.1)) })
        }
    }

    /// Reads argmap JSON. Errors name the claim or relation (by position) and the field.
    ///
    /// Files in the layout argmap writes take a fast path (``readFast(_:)``), which answers only
    /// where this reader would build the same map; `fastPath: false` always reads in full.
    public static func read(_ text: String, file: String? = nil, fastPath: Bool = true) throws(LoadFailure) -> ArgumentMap {
        if fastPath, let map = readFast(text) { return map }
        return try read(file: file, source: SourceText(text)) { element throws(Diagnostic) in
            try JSONReader.parse(text, streaming: streamed, element: element)
        }
    }

    static let streamed: Set<[String]> = [["claims"], ["relations"]]

    /// The full reader from a file's bytes as they stand (after the fast path gave up on them),
    /// each stretch handed back once parsed: the map, or nil for anything ``read(_:file:fastPath:)``
    /// must see as text to report (bytes that are not UTF-8, a byte-order mark, any error).
    static func readInFull(bytes: UnsafeBufferPointer<UInt8>, release: (Range<Int>) -> Void) -> ArgumentMap? {
        guard FastReading.readableAsText(bytes, release: release) else { return nil }
        return try? read(file: nil, source: nil) { element throws(Diagnostic) in
            try JSONReader.parse(bytes: bytes, streaming: streamed, element: element, release: release)
        }
    }

    /// - Parameter source: the text, for the place of a syntax error.
    static func read(file: String?, source: @autoclosure () -> SourceText?,
                     parse: (([String], Int, JSONValue) -> Void) throws(Diagnostic) -> JSONValue) throws(LoadFailure) -> ArgumentMap {
        // The claims and relations are read one by one as the parser meets them, so that no tree
        // of JSON values of a large file is held; each is checked as the edits would check it, so
        // that every problem is reported with its position, and the map is built in one pass.
        var claimProblems: [Diagnostic] = [], relationProblems: [Diagnostic] = []
        var built: [Claim] = [], links: [Relation] = []
        var indexByID: [String: Int] = [:]
        var claimsRead = false   // whether any claim was read, and so all of them before a relation
        var laterRelations: [(Int, JSONValue)] = []   // met before any claim (keys in another order)
        var typeOfPair: [Int: RelationType] = [:]
        func readClaim(_ i: Int, _ j: JSONValue) {
            func fail(_ message: String, hint: String? = nil) { claimProblems.append(.error(message, hint: hint)) }
            guard j.object != nil, let id = j["id"]?.string else {
                fail("claims[\(i)] has no \"id\" string", hint: "every claim needs an id, for example {\"id\": \"thesis\"}")
                return
            }
            var claim = Claim(id: id)
            if let t = j["text"] {
                guard let s = t.string else { fail("claims[\(i)] (\(id)): \"text\" must be a string"); return }
                claim.text = Claim.normalizedText(s)
            }
            if let k = j["kind"] {
                guard let s = k.string, let kind = ClaimKind(rawValue: s) else {
                    fail("claims[\(i)] (\(id)): \"kind\" must be \"statement\" or \"argument\""); return
                }
                claim.kind = kind
            }
            if let b = j["base"], b != .null {
                guard let d = b.number, d >= 0, d <= 1 else {
                    fail("claims[\(i)] (\(id)): \"base\" must be a number from 0 to 1"); return
                }
                claim.base = d
            }
            if let t = j["tags"] {
                guard let a = t.array, a.allSatisfy({ $0.string != nil }) else { fail("claims[\(i)] (\(id)): \"tags\" must be an array of strings"); return }
                claim.tags = a.compactMap(\.string)
            }
            if let s = j["sources"] {
                guard let a = s.array else { fail("claims[\(i)] (\(id)): \"sources\" must be an array"); return }
                for src in a {
                    if let c = src.string { claim.sources.append(Source(citation: c)); continue }
                    guard let c = src["citation"]?.string ?? src["url"]?.string else {
                        fail("claims[\(i)] (\(id)): each source needs a \"citation\""); continue
                    }
                    claim.sources.append(Source(citation: c, date: src["date"]?.string, url: src["url"]?.string))
                }
            }
            if let n = j["note"], n != .null {
                guard let s = n.string else { fail("claims[\(i)] (\(id)): \"note\" must be a string"); return }
                claim.note = s
            }
            claim.section = j["section"]?.string
            if let d = j["data"]?.object {
                if let reserved = d.first(where: { ["base", "weight", "note", "sources"].contains($0.0) }) {
                    fail("claims[\(i)] (\(id)): \"\(reserved.0)\" cannot be a data key",
                         hint: reserved.0 == "weight" ? "a weight belongs on a relation: {\"from\": …, \"to\": …, \"weight\": 0.7}" : "give it as the claim's own \"\(reserved.0)\" field")
                    return
                }
                claim.data = d.map { DataEntry(key: $0.0, value: dataValue($0.1)) }
            }
            do throws(MapError) {
                try ArgumentMap.validate(id: claim.id)
                guard indexByID[claim.id] == nil else { throw .duplicateID(claim.id) }
                try ArgumentMap.validate(controls: claim)
                indexByID[claim.id] = built.count
                built.append(claim)
            } catch { fail("claims[\(i)]: \(error.description)") }
        }
        func readRelation(_ i: Int, _ j: JSONValue) {
            func fail(_ message: String) { relationProblems.append(.error(message)) }
            guard let from = j["from"]?.string, let to = j["to"]?.string else {
                fail("relations[\(i)] needs \"from\" and \"to\" claim ids"); return
            }
            guard let t = j["type"]?.string, let type = RelationType(rawValue: t) else {
                fail("relations[\(i)] (\(from) → \(to)): \"type\" must be \"support\", \"attack\" or \"undercut\""); return
            }
            var weight = Relation.defaultWeight
            if let w = j["weight"], w != .null {
                guard let d = w.number, d >= 0, d <= 1 else { fail("relations[\(i)] (\(from) → \(to)): \"weight\" must be a number from 0 to 1"); return }
                weight = d
            }
            do throws(MapError) {
                guard let f = indexByID[from] else { throw .unknownClaim(from) }
                guard let t = indexByID[to] else { throw .unknownClaim(to) }
                // (A claim's index is below a million million: the pair's key is unique.)
                if let existing = typeOfPair.updateValue(type, forKey: f &<< 32 | t) {
                    typeOfPair[f &<< 32 | t] = existing
                    throw .relationExists(from: from, to: to, type: existing)
                }
                links.append(Relation(from: f, to: t, type: type, weight: weight))
            } catch {
                fail("relations[\(i)]: \(error.description)")
            }
        }
        let root: JSONValue
        do {
            root = try parse { path, i, j in
                if path.last == "claims" {
                    readClaim(i, j)
                    claimsRead = true
                } else if claimsRead {
                    readRelation(i, j)   // the claims' array is over: arrays do not interleave
                } else {
                    laterRelations.append((i, j))
                }
            }
        } catch {
            throw LoadFailure([error], file: file, source: source())
        }
        var problems: [Diagnostic] = []
        func fail(_ message: String, hint: String? = nil) { problems.append(.error(message, hint: hint)) }
        guard root.object != nil else {
            throw LoadFailure([.error("argmap JSON must be an object with \"claims\" and \"relations\"")], file: file)
        }
        if let v = root["argmap"]?.number, v > Double(version) {
            fail("this file is argmap JSON version \(DataValue.format(v)); this argmap reads version \(version)", hint: "update argmap")
        }
        let title = ArgumentMap.normalized(title: root["title"]?.string)
        let frontmatter = ArgumentMap.normalized(frontmatter: root["frontmatter"]?.string)
        do { try ArgumentMap.validate(title: title, frontmatter: frontmatter) } catch { fail(error.description) }
        if root["claims"] != nil, root["claims"]?.array == nil { fail("\"claims\" must be an array") }
        for (i, j) in laterRelations { readRelation(i, j) }
        problems += claimProblems + relationProblems
        if !problems.isEmpty { throw LoadFailure(problems, file: file) }
        do { return try ArgumentMap(title: title, frontmatter: frontmatter, claims: built, relations: links) } catch {
            throw LoadFailure([.error(error.description)], file: file)
        }
    }

    /// The fast path alone (see ``ArgmapJSONFastReader``): the map of a file in the layout
    /// argmap writes, or nil when the file needs the full reader.
    public static func readFast(_ text: String) -> ArgumentMap? {
        FastReading.read(text) { ArgmapJSONFastReader.read(bytes: $0) }
    }
}
