import Testing
import ArgMapModel
import ArgMapSemantics
@testable import ArgMapREPL

/// `score --json`: every claim under the one asked about (or every claim) once, in the tree's
/// order, with its score as the shortest number that reads back, and the labels under grounded.
struct ScoreOutputTests {
    /// The claims in tree order, worked out plainly: a stack, and a set of the claims seen
    /// (the reference the command's faster walk is checked against).
    static func plainTreeOrder(_ map: ArgumentMap, from start: Int?) -> [Int] {
        var order: [Int] = [], seen = Set<Int>(), stack: [Int] = []
        let starts = start.map { [$0] } ?? (map.roots.isEmpty && !map.isEmpty ? [0] : map.roots)
        stack.append(contentsOf: starts.reversed())
        while let c = stack.popLast() {
            guard seen.insert(c).inserted else { continue }
            order.append(c)
            for r in map.incoming[c].reversed() { stack.append(map.relations[r].from) }
        }
        if start == nil { order += map.claims.indices.filter { !seen.contains($0) } }
        return order
    }

    /// The `"id": value` pairs of one object of the printed JSON (`"scores": {…}`), in order.
    static func pairs(_ json: String, _ object: String) throws -> [(String, String)] {
        let opening = "\"\(object)\": {"
        let from = try #require(json.range(of: opening)).upperBound
        let body = json[from...].prefix { $0 != "}" }
        guard !body.isEmpty else { return [] }
        return try body.components(separatedBy: ", \"").map { pair in
            let parts = pair.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: [" ", "\""]) }
            try #require(parts.count == 2, "\(pair)")
            return (parts[0], parts[1])
        }
    }

    @Test(arguments: [MapGenerator.Shape.cyclic, .dag, .tree])
    func everyClaimOnceInTreeOrderWithItsScore(shape: MapGenerator.Shape) throws {
        // (70,000 claims: the rows are written in three chunks of 32,768 or fewer, on both
        // cores, as the walk finds them.)
        let session = Session(map: MapGenerator.generate(.init(claims: 70_000, shape: shape, seed: 46)))
        let console = Console(sink: .buffer)
        let repl = REPL(session: session, console: console, editor: PlainLineEditor(lines: []), sourceName: "t")
        for (command, start) in [("score --json c5", Optional(5)), ("score --json", nil)] {
            for semantics in ["dfquad", "grounded"] {
                #expect(repl.execute("set semantics \(semantics)"))
                let before = console.output.count
                #expect(repl.execute(command), "\(command)")
                let json = String(console.output.dropFirst(before))
                let map = session.map, e = session.currentEvaluation()
                let order = Self.plainTreeOrder(map, from: start.flatMap { map.index(of: "c\($0)") })
                let scores = try Self.pairs(json, "scores")
                #expect(scores.map(\.0) == order.map { map.claims[$0].id }, "\(shape) \(command) \(semantics): the claims, in order")
                #expect(scores.map(\.1) == order.map { DataValue.format(e.scores[$0]) }, "\(shape) \(command) \(semantics): the scores")
                if let labels = e.labels {
                    #expect(try Self.pairs(json, "labels").map(\.1) == order.map { labels[$0].rawValue }, "\(shape) \(command): the labels")
                }
                #expect(json.hasPrefix("{\"semantics\": \"\(semantics)\", \"converged\": true, \"iterations\": \(e.iterations), \"scores\": {"))
            }
        }
    }
}
