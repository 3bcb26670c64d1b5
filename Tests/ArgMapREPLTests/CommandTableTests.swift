import Foundation
import Testing
import ArgMapSemantics
@testable import ArgMapREPL
import ArgMapModel
import ArgMapFormats
import ArgMapDebate

struct CommandTableTests {
    @Test func namesAndAliasesAreUniqueAndEachFindsItsCommand() {
        let table = CommandTable.standard
        let names = table.allNames
        #expect(Set(names).count == names.count, "duplicate names: \(names.filter { n in names.filter { $0 == n }.count > 1 })")
        for command in table.commands {
            for name in [command.name] + command.aliases {
                guard case .found(let found) = table.lookup(name) else { Issue.record("\(name) does not find a command"); continue }
                #expect(found.name == command.name, "\(name) finds \(found.name)")
            }
            #expect(!command.summary.isEmpty && command.usage.hasPrefix(command.name), "\(command.name) has a usage and a summary")
            #expect(Commands.helpText(for: command).contains("usage: \(command.usage)"))
        }
    }

    @Test func prefixesAndTypos() {
        let table = CommandTable.standard
        if case .found(let c) = table.lookup("tre") { #expect(c.name == "tree") } else { Issue.record("tre") }
        if case .ambiguous(let names) = table.lookup("s") { #expect(names.contains("save") && names.contains("show")) } else { Issue.record("s") }
        if case .unknown(let s) = table.lookup("lss") { #expect(s == "ls") } else { Issue.record("lss") }
        #expect(CommandTable.editDistance("kitten", "sitting") == 3)
    }

    /// Prefixes of ids are matched byte by byte where that is exact, and agree with
    /// `hasPrefix` and `lowercased()` everywhere, non-ASCII and combining marks included; the
    /// closest id is the one edit distance finds, over bytes or characters.
    @Test func idPrefixesAndTyposAgreeWithCharacters() {
        var rng = SplitMix64(seed: 17)
        let letters = ["a", "B", "c", "D", "-", "1", "é", "e\u{301}", "Ж", "ж", "K", "\u{212A}"]
        func word(_ n: Int) -> String { (0..<n).map { _ in letters[Int(rng.next() % UInt64(letters.count))] }.joined() }
        var map = ArgumentMap()
        var ids: [String] = []
        while ids.count < 400 {
            let id = word(1 + Int(rng.next() % 6))
            if (try? map.apply(.addClaim(Claim(id: id)))) != nil { ids.append(map.claims.last!.id) }
        }
        let session = Session(map: map)
        for _ in 0..<2_000 {
            let text = word(1 + Int(rng.next() % 3))
            let (exact, folded) = session.prefixMatches(text)
            #expect(exact == ids.indices.filter { ids[$0].hasPrefix(text) }, "\(text.debugDescription)")
            #expect(folded == ids.indices.filter { ids[$0].lowercased().hasPrefix(text.lowercased()) }, "\(text.debugDescription)")
            let limit = max(1, min(3, text.count / 2))
            var best: (String, Int)?
            for id in ids {
                let d = CommandTable.editDistance(text.lowercased(), id.lowercased(), limit: limit)
                if d <= limit, best == nil || d < best!.1 { best = (id, d) }
            }
            #expect(CommandTable.nearest(to: text, in: ids) == best?.0, "\(text.debugDescription)")
        }
        // Enough candidates to be searched in halves: the first closest still wins.
        let many = (0..<30_000).map { "claim-\(($0 * 7_919) % 30_000)" }
        for text in ["claim-29999x", "Claim-15", "claim-1234", "clam-7", "xlaim-2999"] {
            let limit = max(1, min(3, text.count / 2))
            var best: (String, Int)?
            for id in many {
                let d = CommandTable.editDistance(text.lowercased(), id.lowercased(), limit: limit)
                if d <= limit, best == nil || d < best!.1 { best = (id, d) }
            }
            #expect(best != nil && CommandTable.nearest(to: text, in: many) == best?.0, "\(text)")
        }
    }

    @Test func tokenizerKeepsColumnsAndQuotes() throws {
        let words = try Tokenizer.split(#"add pro  "two words" Russia's \"x\" 'single q'"#)
        #expect(words.map(\.text) == ["add", "pro", "two words", "Russia's", "\"x\"", "single q"])
        #expect(words.map(\.column) == [0, 4, 9, 21, 30, 36])
        #expect(words[2].quoted && !words[3].quoted)
        #expect(throws: Tokenizer.Failure(message: "the quote opened here is never closed", column: 3)) { try Tokenizer.split("cd \"open") }
        #expect(try Tokenizer.split("find Магадан порт").map(\.column) == [0, 5, 13])
    }

    @Test func addressing() throws {
        let map = try ArgdownFormat.read("[T]: t\n  + [alpha]: a\n    - [gamma]: g\n  - [beta]: b\n\n[U]: u").map
        let s = Session(map: map)
        func resolve(_ text: String) throws -> String? {
            try s.resolve(Word(text: text, column: 0, length: text.count)).map { s.map.claims[$0].id }
        }
        #expect(try resolve("1.2") == "beta")
        #expect(try resolve("1.1.1") == "gamma")
        #expect(try resolve("/2") == "U")
        #expect(try resolve("2") == "U")
        #expect(try resolve("al") == "alpha")
        #expect(try resolve("/") == nil)
        s.setFocus(s.map.index(of: "gamma"))
        #expect(s.focusPath == ["T", "alpha", "gamma"])
        #expect(try resolve("..") == "alpha")
        #expect(try resolve("../..") == "T")
        #expect(try resolve("../../2") == "beta")
        #expect(throws: CommandError.self) { try resolve("1.9") }
        #expect(throws: CommandError.self) { try resolve("zeta") }
        #expect(s.position(of: s.map.index(of: "gamma")!) == "1.1.1")
    }

    /// Positions number each thesis by the theses before it, whichever are asked for together,
    /// and every position leads back to its claim.
    @Test func positionsOfClaimsUnderSeveralTheses() throws {
        let map = try ArgdownFormat.read("""
            [A]: First thesis
              + [a1]: For it
            [B]: Second thesis
              - [b1]: Against it
                + [b11]: For that
                + [b12]: And again
            [C]: Third thesis
            """).map
        let s = Session(map: map)
        let ids = ["b12", "a1", "C", "A", "b1"]
        #expect(s.positions(of: ids.map { map.index(of: $0)! }) == ["2.1.2", "1.1", "3", "1", "2.1"])
        #expect(s.position(of: map.index(of: "C")!) == "3")
        #expect(s.positions(of: []) == [])
        // On a generated map with theses added among its claims, each position resolves to its claim.
        var big = MapGenerator.generate(.init(claims: 3_000, shape: .dag, seed: 2))
        for k in 0..<5 { try big.apply(.addClaim(Claim(id: "extra-\(k)", text: "Thesis \(k)"), at: 500 * k + 7)) }
        let session = Session(map: big)
        let sample = Array(stride(from: 3, to: big.count, by: 97)) + (0..<5).map { big.index(of: "extra-\($0)")! }
        for (c, position) in zip(sample, session.positions(of: sample)) {
            let path = try #require(position, "\(big.claims[c].id)")
            #expect(try session.resolve(Word(text: path, column: 0, length: path.count)) == c, "\(path)")
        }
    }

    /// A position is written in full as an address up to ``Session/longestPosition`` numbers;
    /// a deeper one with its first six and last three numbers and how many are left out, worked
    /// out without going round a cycle, and `cd` to the foot of a chain that deep keeps every
    /// claim on the way as the path `..` climbs.
    @Test func deepPositionsAreShortenedAndTheFocusPathKept() throws {
        var map = ArgumentMap()
        let depth = 300
        for i in 0..<depth {
            try map.apply(.addClaim(Claim(id: "c\(i)", text: "step \(i)")))
            if i > 0 { try map.apply(.link(RelationSpec(from: "c\(i)", to: "c\(i - 1)", type: i % 2 == 0 ? .support : .attack))) }
        }
        try map.apply(.addClaim(Claim(id: "side", text: "a second answer")))
        try map.apply(.link(RelationSpec(from: "side", to: "c61", type: .support)))
        let s = Session(map: map)
        // c63 has 64 numbers: written in full, and an address.
        let full = try #require(s.position(of: map.index(of: "c63")!))
        #expect(full == Array(repeating: "1", count: 64).joined(separator: "."))
        #expect(try s.resolve(Word(text: full, column: 0, length: full.count)) == map.index(of: "c63"))
        #expect(s.position(of: map.index(of: "c64")!) == "1.1.1.1.1.1.(56 more).1.1.1")
        #expect(s.position(of: map.index(of: "c299")!) == "1.1.1.1.1.1.(291 more).1.1.1")
        // The second answer of c61 ends in 2.
        #expect(s.position(of: map.index(of: "side")!) == Array(repeating: "1", count: 62).joined(separator: ".") + ".2")
        // A first parent on a cycle: no position, and a focus path that stops before going round.
        var cyclic = map
        try cyclic.apply(.link(RelationSpec(from: "c0", to: "c299", type: .attack)))
        let round = Session(map: cyclic)
        #expect(round.position(of: cyclic.index(of: "c150")!) == nil)
        round.setFocus(cyclic.index(of: "c150")!)
        #expect(round.focusPath.count == depth && Set(round.focusPath).count == depth && round.focusPath.last == "c150")
        // The whole chain on the focus path, kept through edits that leave it as it was and cut
        // where one takes a claim on it out.
        s.setFocus(map.index(of: "c299")!)
        #expect(s.focusPath == (0..<depth).map { "c\($0)" })
        let console = Console(sink: .buffer)
        let repl = REPL(session: s, console: console, editor: PlainLineEditor(lines: []), sourceName: "t")
        #expect(repl.execute("set c5 base 0.2") && repl.execute("add pro \"deeper\"") && repl.execute("undo"), "\(console.errors)")
        #expect(s.focusPath == (0..<depth).map { "c\($0)" })
        #expect(repl.execute("rename c100 hundred") && s.focusPath[100] == "hundred" && s.focusPath.count == depth)
        #expect(repl.execute("unlink c201 c200") && s.focusPath == Array(s.focusPath.prefix(201)) && s.focusPath.count == 201)
        #expect(repl.execute("undo") && s.focusPath.count == 201)
        #expect(repl.execute("rm c150") && s.focusPath.count == 150 && s.focusPath.last == "c149")
    }

    /// On a map large enough to be searched on both cores, `find` lists the same first 50
    /// hits, in map order, and the same count as one pass over the claims.
    @Test func findOnBothCoresAsInOnePass() throws {
        var map = MapGenerator.generate(.init(claims: 150_000, shape: .tree, seed: 5))
        // 30 hits in each half, so that the first 50 are put together from both.
        let word = "quuxword"
        for k in 0..<60 {
            let c = k < 30 ? 1_000 + k * 2_000 : 80_000 + (k - 30) * 2_000
            try map.apply(.setText(map.claims[c].id, "A QuuxWord in claim \(k)"))
        }
        var matcher = Matcher(word)
        let expected = map.claims.indices.filter { matcher.any(of: map.claims[$0]) }
        try #require(expected.count == 60)
        let console = Console(sink: .buffer)
        let s = Session(map: map)
        let repl = REPL(session: s, console: console, editor: PlainLineEditor(lines: []), sourceName: "t")
        #expect(repl.execute("find \(word)"), "\(console.errors)")
        // Each hit's id, in the order listed (a long line wraps, so ids are looked for).
        let listed = console.output.split(separator: "\n").compactMap { line -> String? in
            guard let open = line.firstIndex(where: { $0 == "[" || $0 == "<" }), line.contains("QuuxWord") else { return nil }
            return String(line[line.index(after: open)...].prefix { $0 != "]" && $0 != ">" })
        }
        #expect(listed == expected.prefix(50).map { map.claims[$0].id })
        #expect(console.output.hasSuffix("… and \(expected.count - 50) more; narrow the search\n"))
        // A word on one side only.
        let late = map.claims[140_000].id
        #expect(repl.execute("find \(late)"), "\(console.errors)")
    }

    /// `impact` tries the 500 claims nearest its target unless --all asks for every one, and
    /// says which it did.
    @Test func impactTriesTheNearestUnlessAll() throws {
        let map = MapGenerator.generate(.init(claims: 1_200, shape: .tree, seed: 3))
        let thesis = map.claims[try #require(map.roots.first)].id
        for (command, expected) in [("impact \(thesis)", "(the 500 nearest of the claims beneath were tried; --all tries every one)"),
                                    ("impact \(thesis) --all", nil)] {
            let console = Console(sink: .buffer)
            let repl = REPL(session: Session(map: map), console: console, editor: PlainLineEditor(lines: []), sourceName: "t")
            #expect(repl.execute(command), "\(console.errors)")
            if let expected { #expect(console.output.contains(expected), "\(console.output)") } else { #expect(!console.output.contains("nearest")) }
            // The ranking counts the claims it tried.
            let tried = expected == nil ? 1199 : 500
            #expect(console.output.contains("… \(tried - 15) more (--top N)"), "\(console.output)")
        }
    }

    /// `drops` and `flow` fold past `Commands.foldLines` lines, saying how many they left
    /// out, and `--all` shows everything.
    @Test func dropsAndFlowFoldUnlessAll() throws {
        let map = MapGenerator.generate(.init(claims: 6_000, shape: .dag, seed: 5))
        let flow = Flow(map)
        let total = Drops.find(in: map, round: flow.round).count
        try #require(total * 2 > Commands.foldLines, "the map has enough drops to fold")
        func run(_ command: String, on map: ArgumentMap = map) -> [Substring] {
            let console = Console(sink: .buffer)
            let repl = REPL(session: Session(map: map), console: console, editor: PlainLineEditor(lines: []), sourceName: "t")
            #expect(repl.execute(command), "\(console.errors)")
            return console.output.split(separator: "\n", omittingEmptySubsequences: false)
        }
        for all in [false, true] {
            let lines = run("drops" + (all ? " --all" : ""))
            let listed = lines.filter { $0.hasPrefix("  ") && $0.contains(": not answered by the ") }.count
            // No sheet's line stands without a drop under it.
            for (i, line) in lines.enumerated() where line.hasPrefix("Sheet ") {
                #expect(i + 1 < lines.count && lines[i + 1].contains(": not answered by the "), "\(line) has no drop under it")
            }
            #expect(lines.contains { $0 == "\(total) dropped; set conceded on to score them as conceded" })
            if all {
                #expect(listed == total && !lines.contains { $0.hasPrefix("… and ") })
            } else {
                #expect(lines.count <= Commands.foldLines + 3)
                #expect(listed > 0 && lines.contains { $0 == "… and \(total - listed) more not listed (drops --all lists every one)" })
            }
        }
        // In this map a sheet's drops end two lines before the fold: the next sheet's line is
        // not printed without a drop under it.
        let edge = run("drops", on: MapGenerator.generate(.init(claims: 5_000, shape: .tree, seed: 22)))
        #expect(edge.contains { $0.hasPrefix("… and ") })
        for (i, line) in edge.enumerated() where line.hasPrefix("Sheet ") {
            #expect(i + 1 < edge.count && edge[i + 1].contains(": not answered by the "), "\(line) has no drop under it")
        }
        // Every row of every sheet with --all; without it, what is left out is counted.
        let rows = flow.sheets.map(\.rows).reduce(0, +)
        let whole = run("flow --all")
        #expect(whole.count == rows + 4 * flow.sheets.count + 2, "every row, and the header and a blank line of each sheet")
        let folded = run("flow")
        // The fold, then at most: a cut sheet's count and blank line, the count of the sheets
        // left out and its blank line, the legend and the end of the output.
        #expect(folded.count <= Commands.foldLines + 6)
        let shownSheets = folded.filter { $0.hasPrefix("Sheet ") }.count
        let cuts = folded.compactMap { $0.firstMatch(of: /^… (\d+) more rows on this sheet/).map { Int($0.1)! } }
        let later = folded.compactMap { $0.firstMatch(of: /^… and (\d+) more sheets/).map { Int($0.1)! } }
        #expect(cuts.count + later.count > 0, "something is folded")
        // Each sheet: three lines of heading, its rows, a blank line; one line more where it is
        // cut; two for the sheets left out; the legend and the end of the output.
        let shownRows = folded.count - 4 * shownSheets - cuts.count - 2 * later.count - 2
        let cut = cuts.reduce(0, +), laterSheets = later.first ?? 0
        #expect(shownSheets + laterSheets == flow.sheets.count)
        #expect(shownRows + cut == flow.sheets.prefix(shownSheets).map(\.rows).reduce(0, +))
    }

    /// `compare` shows a row for the claim and for each of its first `Commands.foldChildren`
    /// children, in the columns of the header, and counts the rest unless --all is given.
    @Test func compareFoldsItsRowsUnlessAll() throws {
        // Sixty children, some with ids too long for the column (cut short with …).
        var map = ArgumentMap()
        try map.apply(.addClaim(Claim(id: "t", text: "thesis")))
        for i in 0..<60 {
            let id = i % 3 == 0 ? "a-reason-with-a-long-name-\(i)" : "r\(i)"
            try map.apply(.addClaim(Claim(id: id, text: "reason \(i)", base: Double(i % 10) / 10)))
            try map.apply(.link(RelationSpec(from: id, to: "t", type: i % 2 == 0 ? .support : .attack)))
        }
        let thesis = 0
        let children = map.incoming[thesis].map { map.claims[map.relations[$0].from].id }
            .map { $0.count > 19 ? String($0.prefix(18)) + "…" : $0 }
        for all in [false, true] {
            let console = Console(sink: .buffer)
            let repl = REPL(session: Session(map: map), console: console, editor: PlainLineEditor(lines: []), sourceName: "t")
            #expect(repl.execute("compare" + (all ? " --all" : "")), "\(console.errors)")
            let lines = console.output.split(separator: "\n")
            let header = try #require(lines.first)
            let column = try #require(header.range(of: "dfquad")).lowerBound.utf16Offset(in: header)
            // A row is a claim's id, indented under the first, and its scores from the column on.
            let rows = lines.dropFirst().filter { !$0.hasPrefix("    ") && !$0.hasPrefix("… ") }
            let ids = rows.map { $0.prefix(column).trimmingCharacters(in: .whitespaces) }
            let shown = all ? children.count : Commands.foldChildren
            #expect(ids == [map.claims[thesis].id] + children.prefix(shown))
            for row in rows.dropFirst() {
                #expect(row.hasPrefix("  ") && row.count > column && row[row.index(row.startIndex, offsetBy: column - 1)] == " "
                        && row[row.index(row.startIndex, offsetBy: column)] != " ", "\(row) is out of the columns")
            }
            let fold = "… and \(children.count - shown) more claims under \(map.claims[thesis].id) (compare \(map.claims[thesis].id) --all shows every one)"
            #expect(lines.contains { $0 == fold } == !all, "\(lines.suffix(2))")
        }
    }

    /// `compare` says under each row why the semantics part, from what bears on the claim:
    /// its supports counted apart from its attacks, and undercuts apart from both.
    @Test func compareSaysWhySemanticsPartFromWhatBearsOnAClaim() throws {
        var map = ArgumentMap()
        for (id, base) in [("t", 0.5), ("s1", 0.9), ("s2", 0.6), ("s3", 0.7), ("a1", 0.8), ("u", 0.7), ("lone", 0.4), ("a2", 0.9)] {
            try map.apply(.addClaim(Claim(id: id, text: "claim \(id)", base: base)))
        }
        for (from, to, type) in [("s1", "t", RelationType.support), ("a1", "t", .attack), ("s2", "t", .support), ("s3", "t", .support),
                                 ("u", "s1", .undercut), ("a2", "lone", .attack)] {
            try map.apply(.link(RelationSpec(from: from, to: to, type: type)))
        }
        // The explanation under a claim's row, its wrapped lines joined.
        func explanation(_ id: String) throws -> String {
            let console = Console(sink: .buffer)
            let repl = REPL(session: Session(map: map), console: console, editor: PlainLineEditor(lines: []), sourceName: "t")
            #expect(repl.execute("compare \(id)"), "\(console.errors)")
            let lines = console.output.split(separator: "\n").dropFirst()
            return lines.dropFirst().prefix { $0.hasPrefix("    ") }.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        }
        #expect(try explanation("t") == "hcat and grounded ignore its 3 supports; QuAD averages its attack and support values; "
                + "DF-QuAD and QuAD combine several contributions like probabilities (saturating), while Euler, QE and MLP add them up.")
        #expect(try explanation("s1") == "Only undercut: its own score stays at its base in every semantics, but its relations weigh less.")
        #expect(try explanation("lone") == "Each semantics turns a single contribution into a score by its own curve.")
    }

    /// `rate` asks about every claim under the one rated once, each after the claims under it
    /// (on an acyclic map), and about every relation between two of them once: at its claim's
    /// turn, or, found later, at the turn of the claim it bears on. The first question comes
    /// after a walk down one branch, not the whole map.
    @Test(arguments: [MapGenerator.Shape.tree, .dag, .cyclic])
    func rateAsksAboutEachClaimAndRelationOnceBottomUp(_ shape: MapGenerator.Shape) throws {
        for seed in 1...6 as ClosedRange<UInt64> {
            let map = MapGenerator.generate(.init(claims: 400, shape: shape, seed: seed))
            for top in [try #require(map.roots.first), 7] {
                // What is under the top, by a plain breadth-first search.
                var under = Set([top]), queue = [top]
                while let c = queue.popLast() {
                    for r in map.incoming[c] where under.insert(map.relations[r].from).inserted { queue.append(map.relations[r].from) }
                }
                var walk = RatingWalk(map, from: top)
                var turn: [Int: Int] = [:], asked: [Int: Int] = [:]
                while let t = walk.next() {
                    #expect(turn[t.claim] == nil, "seed \(seed): \(t.claim) asked twice")
                    turn[t.claim] = turn.count
                    for r in t.relations {
                        #expect(map.relations[r].from == t.claim)
                        asked[r, default: 0] += 1
                    }
                    for r in t.late {
                        #expect(map.relations[r].to == t.claim && turn[map.relations[r].from] != nil, "a late relation's claim had its turn")
                        asked[r, default: 0] += 1
                    }
                }
                #expect(Set(turn.keys) == under, "seed \(seed) \(shape): every claim under \(top), and no other")
                #expect(turn[top] == under.count - 1, "the rated claim last")
                let inside = map.relations.indices.filter {
                    under.contains(map.relations[$0].from) && under.contains(map.relations[$0].to) && map.relations[$0].from != top
                }
                #expect(asked.keys.sorted() == inside && asked.values.allSatisfy { $0 == 1 }, "seed \(seed) \(shape): each relation once")
                if shape != .cyclic {
                    for r in inside { #expect(turn[map.relations[r].from]! < turn[map.relations[r].to]!, "seed \(seed): bottom-up") }
                }
            }
        }
        // A big map: the first question after one branch.
        let big = MapGenerator.generate(.init(claims: 100_000, shape: .dag, seed: 2))
        var walk = RatingWalk(big, from: try #require(big.roots.first))
        let first = walk.next()
        #expect(first != nil)
        #expect(walk.count < 100, "reached \(walk.count) claims before the first question")
    }

    /// A relation found after its claim's turn is asked at the turn of the claim it bears on.
    @Test func rateAsksARelationFoundLateAtItsTargetsTurn() throws {
        // By hand: c is reached under b, before a; its relation to t is asked at its own turn
        // (t was reached first), not again when t comes to it; its relation to a, found when a
        // is, comes at a's turn.
        var map = ArgumentMap()
        for id in ["t", "c", "a", "b"] { try map.apply(.addClaim(Claim(id: id, text: id))) }
        for (from, to) in [("b", "t"), ("a", "t"), ("c", "t"), ("c", "b"), ("c", "a")] {
            try map.apply(.link(RelationSpec(from: from, to: to, type: .support)))
        }
        var small = RatingWalk(map, from: 0)
        var turns: [String] = []
        func pair(_ r: Int) -> String { map.claims[map.relations[r].from].id + ">" + map.claims[map.relations[r].to].id }
        while let t = small.next() {
            turns.append((t.late.map(pair) + [map.claims[t.claim].id] + t.relations.map(pair)).joined(separator: " "))
        }
        #expect(turns == ["c c>t c>b", "b b>t", "c>a a a>t", "t"])
    }

    /// `find` ignores case in any script, and looks in every field.
    @Test func findIgnoresCaseInAnyScript() {
        func matches(_ needle: String, _ text: String) -> Bool {
            var matcher = Matcher(needle)
            return matcher(text)
        }
        #expect(matches("vostok", "Dalniy VOSTOK port"))
        #expect(matches("восток", "Поворот на ВОСТОК"))
        #expect(matches("café", "CAFÉ society"))
        #expect(!matches("vostok", "Dalniy Vosto"))
        #expect(!matches("восток", "vostok"))
        #expect(matches("", "anything"))
        #expect(matches("ёж", "ЁЖ и Ѐ"))
        #expect(matches("σ", "ΣΊΣΥΦΟΣ"))  // Greek: through lowercased()
        // Random ASCII texts and needles (letters of both cases, digits, the bytes next to the
        // letters, a first byte that is not a letter) against a plain search of lower-cased text.
        var rng = SplitMix64(seed: 9)
        let alphabet = Array("aAbBzZ@`[{09 #-".utf8)
        // Texts up to 90 bytes, so that blocks of sixteen starts, the last block that overlaps the
        // one before and texts shorter than a block are all met.
        for _ in 0..<20_000 {
            let text = String(decoding: (0..<(rng.next() % 90)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }, as: UTF8.self)
            let needle = String(decoding: (0..<(1 + rng.next() % 4)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }, as: UTF8.self).lowercased()
            let hay = Array(text.lowercased().utf8), pin = Array(needle.utf8)
            let plain = hay.count >= pin.count && (0...(hay.count - pin.count)).contains { Array(hay[$0..<($0 + pin.count)]) == pin }
            #expect(matches(needle, text) == plain, "\(needle) in \(text)")
        }
        // One matcher over many texts reuses its buffer: a long text, then a short one.
        var matcher = Matcher("ж")
        #expect(matcher(String(repeating: "Я", count: 500) + "Ж"))
        #expect(!matcher("Я"))
        #expect(matcher("ЖЯ"))
    }

    /// A non-ASCII needle passes over a text by its first and last bytes up to case only where
    /// lower-casing changes nothing else: every character let through lower-cases to as many
    /// bytes, each differing only in the case bits, and characters that do otherwise are not
    /// let through.
    @Test func textsPassedOverUpToCaseLowerCaseWithinTheCaseBits() {
        var checked = 0, tighter = 0
        for range in [0x20...0x7E, 0xA0...0x6FF, 0x1E00...0x1FFF, 0x2000...0x2BFF] {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                var text = String(Character(scalar))
                guard text.withUTF8({ Matcher.changesOnlyCaseBits($0) }) else { continue }
                let bytes = Array(text.utf8), lower = Array(text.lowercased().utf8)
                #expect(lower.count == bytes.count && zip(bytes, lower).allSatisfy { ($0 | Matcher.caseBits) == ($1 | Matcher.caseBits) },
                        "U+\(String(value, radix: 16))")
                // The search's tighter bits, byte by byte of the lower case it looks for.
                if lower.count == bytes.count {
                    let bits = lower.withUnsafeBufferPointer { lower in lower.indices.map { Needle.caseBits(lower, at: $0) } }
                    #expect(bytes.indices.allSatisfy { (bytes[$0] | bits[$0]) == (lower[$0] | bits[$0]) }, "U+\(String(value, radix: 16))")
                    if bytes != lower { tighter += bits.allSatisfy { $0 & Matcher.caseBits == $0 && $0 != Matcher.caseBits } ? 1 : 0 }
                }
                checked += 1
            }
        }
        #expect(checked == 95 + 96 + 128 + 64)  // ASCII, U+00A0–U+00FF, U+0400–U+047F, U+2000–U+203F
        // Every upper case let through: A–Z, À–Þ but ×, Ѐ–Я, and the even letters of U+0460–U+047F.
        #expect(tighter == 26 + 30 + 48 + 16)
        for other in ["\u{0130}", "e\u{0301}", "\u{03A3}", "\u{212A}", "\u{2126}", "\u{1E9E}", "\u{24B6}"] {
            var t = "Some text " + other
            #expect(!t.withUTF8 { Matcher.changesOnlyCaseBits($0) }, "\(other.unicodeScalars.map(\.value))")
        }
    }

    /// A needle whose characters come only from their own upper case in lower-casing lets texts
    /// with unusual characters by unfolded. Every Unicode scalar is lower-cased: where its lower
    /// case holds such a character, the scalar is that character's upper case, differing only in
    /// the needle's case bits.
    @Test func charactersThatComeOnlyFromTheirUpperCaseDo() {
        var let_through = 0
        for value in 0...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let lower = String(Character(scalar)).lowercased()
            for c in lower.unicodeScalars where c != scalar && Needle.comesOnlyFromItsCasePair(c) {
                let from = Array(String(Character(scalar)).utf8), to = Array(String(Character(c)).utf8)
                let bits = to.withUnsafeBufferPointer { to in to.indices.map { Needle.caseBits(to, at: $0) } }
                #expect(lower.unicodeScalars.count == 1 && from.count == to.count
                        && from.indices.allSatisfy { (from[$0] | bits[$0]) == (to[$0] | bits[$0]) },
                        "U+\(String(value, radix: 16)) lower-cases to U+\(String(c.value, radix: 16))")
                let_through += 1
            }
        }
        // A–Z but I and K, À–Þ but × and Å, Ѐ–Я, and the even letters of U+0460–U+047F.
        #expect(let_through == 24 + 29 + 48 + 16)
        for c in ["i", "k", "ß", "å", "ÿ", "σ", "\u{0307}"] {
            #expect(!Needle.comesOnlyFromItsCasePair(c.unicodeScalars.first!), "\(c)")
        }
        // A Cyrillic needle passes over unusual texts unfolded; one with a k looks at them.
        var matcher = Matcher("восток")
        #expect(matcher("ΣΙΓΜΑ Восток \u{212A}"))
        #expect(!matcher("ΣΙΓΜΑ Восто \u{212A}"))
        var kelvin = Matcher("восток k")
        #expect(kelvin("ΣΙΓΜΑ ВОСТОК \u{212A}"))
    }

    /// A non-ASCII needle finds what a byte search of the lower-cased text finds, in texts of
    /// every kind: ASCII, Latin-1, Cyrillic, and characters lower-casing otherwise (İ, Σ, the
    /// Kelvin sign, a combining mark), long enough for blocks of sixteen.
    @Test func nonASCIINeedlesFindWhatLowerCasedTextHolds() {
        func contains(_ hay: [UInt8], _ pin: [UInt8]) -> Bool {
            hay.count >= pin.count && (0...(hay.count - pin.count)).contains { hay[$0..<($0 + pin.count)].elementsEqual(pin) }
        }
        var rng = SplitMix64(seed: 23)
        let pieces = ["a", "Z", " ", "@", "É", "é", "ß", "Ж", "ж", "Ё", "ё", "Ѡ", "ѡ", "ВОСТОК", "Восток", "—", "\u{0130}", "Σ", "\u{212A}",
                      "e\u{0301}", "Kelvin", "ток", "ТОК", "×"]
        func random(_ count: UInt64) -> String { (0..<(rng.next() % count)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined() }
        for _ in 0..<6_000 {
            let text = random(40)
            // A needle from the text (lower-cased) half the time, else made up.
            var needle = random(4).lowercased()
            let characters = Array(text.lowercased())
            if rng.next() % 2 == 0, characters.count > 2 {
                let from = Int(rng.next() % UInt64(characters.count - 1)), length = 1 + Int(rng.next() % 6)
                needle = String(characters[from..<min(characters.count, from + length)])
            }
            guard !needle.utf8.allSatisfy({ $0 < 0x80 }) else { continue }
            var matcher = Matcher(needle)
            #expect(matcher(text) == contains(Array(text.lowercased().utf8), Array(needle.utf8)), "\(needle) in \(text)")
        }
    }

    /// A character that lower-cases past the case bits (the Kelvin sign, to k) is noticed
    /// wherever it stands in a long text: before the search's first probe, between blocks, in
    /// the last sixteen bytes; with needles short and long (past seventeen bytes the probes'
    /// blocks lie apart).
    @Test func anUnusualCharacterAnywhereIsNoticed() {
        var rng = SplitMix64(seed: 31)
        var checked = 0
        for _ in 0..<3_000 {
            // ASCII and Cyrillic, the Kelvin sign once.
            var characters = (0..<(20 + rng.next() % 60)).map { _ in ["a", "b", "ж", "Ж", " ", "q"][Int(rng.next() % 6)] }
            let kelvin = Int(rng.next() % UInt64(characters.count))
            characters[kelvin] = "\u{212A}"
            let text = characters.joined()
            let lower = characters.map { $0.lowercased() }
            // A needle from the lower-cased text around the k, with a Cyrillic letter in it.
            let from = max(0, kelvin - Int(rng.next() % 20)), to = min(lower.count, kelvin + 1 + Int(rng.next() % 20))
            let needle = lower[from..<to].joined()
            guard needle.contains("ж") else { continue }
            var matcher = Matcher(needle)
            #expect(matcher(text), "\(needle) in \(text)")
            checked += 1
        }
        #expect(checked > 1_000)
    }

    @Test func theByteFoldLowerCasesAsSwiftDoes() {
        // Every character the byte fold handles, in every case, against lowercased().
        var scalars: [Unicode.Scalar] = (0x20...0x7E).compactMap(Unicode.Scalar.init)
        scalars += (0xA0...0xFF).compactMap(Unicode.Scalar.init) + (0x400...0x45F).compactMap(Unicode.Scalar.init)
        scalars += (0x2000...0x203F).compactMap(Unicode.Scalar.init)
        var text = String(String.UnicodeScalarView(scalars))
        var folded: [UInt8] = [0x41]  // what a buffer holds from the text before
        #expect(text.withUTF8 { Matcher.lowercasedBytes($0, into: &folded) })
        #expect(folded == Array(text.lowercased().utf8))
        // Random runs of ASCII (folded eight bytes at a time), Latin-1 and Cyrillic, and a
        // search in them for a non-ASCII needle, against lowercased().
        var rng = SplitMix64(seed: 11)
        let pieces = ["A", "z", "@", "[", "`", "{", "Z", " ", "Ж", "ж", "Ё", "É", "é", "×", "Vostok ", "ВОСТОК", "восток", "—"]
        for _ in 0..<5_000 {
            let text = (0..<(rng.next() % 30)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            var t = text
            #expect(t.withUTF8 { Matcher.lowercasedBytes($0, into: &folded) })
            #expect(folded == Array(text.lowercased().utf8), "\(text)")
            var matcher = Matcher("ток")
            #expect(matcher(text) == text.lowercased().contains("ток"), "\(text)")
        }
        // Anything else is left to lowercased().
        for other in ["\u{0130}", "e\u{0301}", "\u{03A3}", "\u{0460}", "\u{212A}"] {
            var t = other
            #expect(!t.withUTF8 { Matcher.lowercasedBytes($0, into: &folded) }, "\(other.unicodeScalars.map(\.value))")
        }
    }

    /// `whatif` on a base or weight goes through the live scores and back: its "after" is a full
    /// evaluation of the changed map, and the live scores are bitwise what they were.
    @Test func whatifLeavesTheLiveScoresAsTheyWere() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        let map = try ArgdownFormat.read(String(contentsOfFile: root + "/Arguments/pivot-to-asia.argdown", encoding: .utf8)).map
        let session = Session(map: map)
        let before = session.currentEvaluation().scores
        let thesis = try #require(map.roots.first)
        for c in map.claims.indices where c != thesis {
            let id = map.claims[c].id
            for edit in [Edit.setValue(id, .base(0.05))] + map.parents(of: c).map({ Edit.setWeight(from: id, to: map.claims[$0.claim].id, 0.2) }) {
                let tried = try #require(session.evaluation(trying: edit))
                var changed = map
                try changed.apply(edit)
                let full = Evaluator.evaluate(changed, session.semantics)
                for k in map.claims.indices { #expect(abs(tried.scores[k] - full.scores[k]) < 1e-12, "\(edit.summary): \(map.claims[k].id)") }
                #expect(session.currentEvaluation().scores == before, "\(edit.summary) left the live scores changed")
            }
        }
    }

    /// Every command, from its record, with no arguments, too many, wrong types, unknown ids,
    /// empty and very long strings and control characters: each answers (success or a located
    /// error) and the map's invariants still hold.
    @Test func sweepEveryCommandWithBadInput() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        let map = try ArgdownFormat.read(String(contentsOfFile: root + "/Arguments/pivot-to-asia.argdown", encoding: .utf8)).map
        let long = String(repeating: "x", count: 100_000)
        let inputs = ["", "1 2 3 4 5 6 7 8", "nosuch", "\"\"", "1.99.99", "--semantics nosuch", "--to", "-1", "NaN", "1e999", long,
                      "\u{1}\u{7f}\t\u{1b}[31m", "Магадан", "../../../..", "pro", "con nosuch", "base", "weight 2", "--json --json"]
        for command in CommandTable.standard.commands where !["quit", "open", "new", "save", "import", "export"].contains(command.name) {
            for input in inputs {
                let console = Console(sink: .buffer)
                let session = Session(map: map)
                let repl = REPL(session: session, console: console, editor: PlainLineEditor(lines: []), sourceName: "sweep")
                let ok = repl.execute(command.name + " " + input)
                let problems = session.map.invariantViolations()
                #expect(problems.isEmpty, "\(command.name) \(input.prefix(40)): \(problems)")
                if !ok { #expect(console.errors.contains("error:"), "\(command.name) \(input.prefix(40)) failed without an error message") }
            }
        }
    }
}

/// What `rm` takes with a claim: every claim beneath it that answers nothing else, found again
/// and again as claims join, as a plain search to a fixed point finds them.
struct RmTests {
    @Test(arguments: [1, 2, 3] as [UInt64])
    func rmTakesTheClaimsThatHangOnlyFromIt(seed: UInt64) {
        let map = MapGenerator.generate(.init(claims: 300, shape: .dag, seed: seed))
        var rng = SplitMix64(seed: seed)
        var larger = 0
        for _ in 0..<40 {
            let root = Int(rng.next() % 300)
            var expected: Set<Int> = [root]
            var grew = true
            while grew {
                grew = false
                for x in 0..<map.count where !expected.contains(x) && !map.outgoing[x].isEmpty
                    && map.outgoing[x].allSatisfy({ expected.contains(map.relations[$0].to) }) {
                    expected.insert(x)
                    grew = true
                }
            }
            let found = Commands.subtreeOnlyUnder(map, root)
            #expect(found.first == root)
            #expect(found.count == Set(found).count, "each claim once")
            #expect(Set(found) == expected, "under \(map.claims[root].id)")
            if expected.count > 1 && expected.count < map.count { larger += 1 }
        }
        #expect(larger > 0, "some claims take others with them")
    }

    /// The command takes exactly those claims, whether they lie in one run of claim numbers
    /// (a subtree as its file lists it) or not (a claim under it that also answers a claim
    /// elsewhere stays, leaving a gap), and `undo` brings them back.
    @Test(arguments: [MapGenerator.Shape.tree, .dag])
    func rmRemovesThoseClaimsAndUndoBringsThemBack(shape: MapGenerator.Shape) throws {
        let map = MapGenerator.generate(.init(claims: 2_000, shape: shape, seed: 8))
        // Up to ten claims of each kind that take others with them: their claims in a run, or
        // with a gap.
        var runs: [Int] = [], gaps: [Int] = []
        for root in 1..<map.count where runs.count < 10 || gaps.count < 10 {
            let taken = Commands.subtreeOnlyUnder(map, root)
            guard taken.count > 1 else { continue }
            if taken.max()! - taken.min()! + 1 == taken.count {
                if runs.count < 10 { runs.append(root) }
            } else if gaps.count < 10 {
                gaps.append(root)
            }
        }
        for root in runs + gaps {
            let taken = Commands.subtreeOnlyUnder(map, root)
            let console = Console(sink: .buffer)
            let s = Session(map: map)
            let repl = REPL(session: s, console: console, editor: PlainLineEditor(lines: []), sourceName: "t")
            #expect(repl.execute("rm \(map.claims[root].id)"), "\(console.errors)")
            let gone = Set(taken.map { map.claims[$0].id })
            #expect(s.map.claims.map(\.id) == map.claims.map(\.id).filter { !gone.contains($0) }, "rm \(map.claims[root].id)")
            #expect(repl.execute("undo"), "\(console.errors)")
            #expect(s.map.claims.map(\.id) == map.claims.map(\.id))
        }
        #expect(!runs.isEmpty)
        if shape == .dag { #expect(!gaps.isEmpty, "some claims under a removed one stay") }
    }
}
