import Testing
import ArgMapModel
import ArgMapSemantics
import ArgMapDebate
@testable import ArgMapREPL

/// A claim with thousands of supports and attacks (`generate --max-depth 1`: a thesis with
/// every other claim under it). `why` lists the 20 supporters and the 20 attackers that
/// contribute most and counts the rest, `toulmin` the first 20 of each part; `--all` lists
/// every one. `verdict` reads them all. (`ls` lists every one: InterruptedOutputTests.)
struct WideClaimTests {
    static func session(claims: Int = 3_000) -> (Session, Console, REPL) {
        let session = Session(map: MapGenerator.generate(.init(claims: claims, seed: 9, maxDepth: 1)))
        // (Wide enough that no line is wrapped.)
        let console = Console(sink: .buffer, colour: false, width: 1_000)
        return (session, console, REPL(session: session, console: console, editor: PlainLineEditor(lines: []), sourceName: "t"))
    }

    /// What `command` prints.
    static func run(_ repl: REPL, _ console: Console, _ command: String) throws -> String {
        let before = console.output.count
        try #require(repl.execute(command), "\(command)")
        return String(console.output.dropFirst(before))
    }

    /// The ids of the lines of `why`'s list of supporters (or attackers).
    static func listed(_ text: String, attack: Bool) -> [String] {
        text.split(separator: "\n").filter { $0.hasPrefix(attack ? "    - " : "    + ") }.map { String($0.dropFirst(6).prefix { $0 != " " }) }
    }

    @Test(arguments: ["dfquad", "grounded", "hcat"])
    func whyListsTheLargestContributionsAndCountsTheRest(semantics: String) throws {
        let (session, console, repl) = Self.session()
        _ = try Self.run(repl, console, "set semantics \(semantics)")
        let folded = try Self.run(repl, console, "why c0"), all = try Self.run(repl, console, "why c0 --all")
        let map = session.map, scores = session.currentEvaluation().scores
        // Every supporter's and attacker's contribution, in the order of the relations (no
        // undercuts here: each is its weight times its score).
        let each = map.incoming[0].map { r in
            (id: map.claims[map.relations[r].from].id, attack: map.relations[r].type == .attack, contribution: map.relations[r].weight * scores[map.relations[r].from])
        }
        for attack in [false, true] {
            let mine = each.filter { $0.attack == attack }
            try #require(mine.count > 40)
            // The 21 largest, largest first, the first of equal ones first.
            let largest = mine.enumerated().sorted { ($0.element.contribution, -$0.offset) > ($1.element.contribution, -$1.offset) }.prefix(21).map(\.element)
            #expect(Self.listed(folded, attack: attack) == largest.prefix(20).map(\.id), "\(semantics): the 20 largest, largest first")
            let what = attack ? "attackers" : "supporters"
            #expect(folded.contains("    … \(mine.count - 20) more \(what), the largest shown first; each of the rest contributes \(Explanation.number(largest[20].contribution)) or less (why c0 --all lists every one)\n"))
            #expect(Self.listed(all, attack: attack) == mine.map(\.id), "\(semantics): --all lists every one, in order")
        }
        #expect(!all.contains("…"))
        // The aggregates, the formula and its reading are of every one, folded or not.
        func rest(_ text: String) -> [Substring] { text.split(separator: "\n").filter { !$0.hasPrefix("    ") } }
        #expect(rest(folded) == rest(all) && rest(all).count >= 5)
    }

    @Test func whyListsEveryOneOfAFewInOrder() throws {
        // 20 or fewer of a kind are all listed, in the order of the relations.
        let (session, console, repl) = Self.session(claims: 21)
        let text = try Self.run(repl, console, "why c0")
        let map = session.map
        for attack in [false, true] {
            let mine = map.incoming[0].filter { (map.relations[$0].type == .attack) == attack }.map { map.claims[map.relations[$0].from].id }
            #expect(!mine.isEmpty && Self.listed(text, attack: attack) == mine)
        }
        #expect(!text.contains("…"))
    }

    @Test func toulminListsTwentyOfEachPartAndCountsTheRest() throws {
        let (session, console, repl) = Self.session()
        // A few claims with roles and sources, so that every part has claims.
        for (k, role) in ["grounds", "backing", "rebuttal"].enumerated() {
            for n in 0..<(k == 0 ? 30 : 3) { _ = try Self.run(repl, console, "set c\(100 * (k + 1) + n) role \(role)") }
        }
        let folded = try Self.run(repl, console, "toulmin c0"), all = try Self.run(repl, console, "toulmin c0 --all")
        let t = Toulmin(session.map, 0, score: nil)
        func parts(_ text: String) -> [String: [String]] {
            var found: [String: [String]] = [:], part = ""
            for line in text.split(separator: "\n").dropFirst() where line.hasPrefix("  ") && line.count > 13 {
                let name = line.dropFirst(2).prefix(11).trimmingCharacters(in: " ")
                if !name.isEmpty { part = name }
                found[part, default: []].append(String(line.dropFirst(13).prefix { $0 != ":" }))
            }
            return found
        }
        let shown = parts(folded), every = parts(all)
        for (name, claims) in [("grounds", t.grounds), ("warrant", t.warrants), ("backing", t.backing), ("rebuttals", t.rebuttals)] {
            let ids = claims.map { session.map.claims[$0].id }
            try #require(!ids.isEmpty, "\(name)")
            #expect(every[name] == ids, "\(name): --all lists every one")
            if ids.count > 20 {
                #expect(shown[name] == ids.prefix(20) + ["… \(ids.count - 20) more (toulmin c0 --all lists every one)"], "\(name)")
            } else {
                #expect(shown[name] == ids, "\(name)")
            }
        }
        #expect(t.warrants.count > 20 && t.rebuttals.count > 20 && t.grounds.count > 20)
    }

    @Test func verdictWeighsTheStrongestOfThemAll() throws {
        let (session, console, repl) = Self.session()
        // Equal strongest supporters (base 1, weight 1): the first of them is named.
        let map = session.map
        let supports = map.incoming[0].filter { map.relations[$0].type == .support }.map { map.claims[map.relations[$0].from].id }
        for id in [supports[1_000], supports[1_200]] {
            _ = try Self.run(repl, console, "set \(id) base 1")
            _ = try Self.run(repl, console, "set \(id) weight 1 --to c0")
        }
        let text = try Self.run(repl, console, "verdict c0")
        let scores = session.currentEvaluation().scores
        func strongest(attack: Bool) -> String {
            var best: (id: String, contribution: Double)?
            for r in session.map.incoming[0] where (session.map.relations[r].type == .attack) == attack {
                let from = session.map.relations[r].from, v = session.map.relations[r].weight * scores[from]
                guard scores[from] >= 0.5 && session.map.relations[r].weight > 0 else { continue }
                if best == nil || best!.contribution < v { best = (session.map.claims[from].id, v) }
            }
            return best!.id
        }
        let tied = session.map.incoming[0].filter { r in
            session.map.relations[r].type == .support && session.map.relations[r].weight * scores[session.map.relations[r].from] == 1
        }
        #expect(tied.count >= 2, "a tie for the strongest pro")
        #expect(text.contains("strongest applicable pro: \(strongest(attack: false)) ("))
        #expect(text.contains("strongest applicable con: \(strongest(attack: true)) ("))
    }
}
