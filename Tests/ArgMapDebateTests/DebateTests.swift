import Foundation
import Testing
@testable import ArgMapDebate
import ArgMapFormats
@testable import ArgMapModel
import ArgMapSemantics

let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func load(_ text: String) throws -> ArgumentMap { try ArgdownFormat.read(text).map }

/// `map` with no thesis: each thesis made to attack the first claim under it, so that every
/// claim answers another.
func withNoThesis(_ map: ArgumentMap) throws -> ArgumentMap {
    var map = map
    for r in map.roots {
        let under = map.relations[map.incoming[r][0]].from
        try map.apply(.link(RelationSpec(from: map.claims[r].id, to: map.claims[under].id, type: .attack, weight: 0.5)))
    }
    return map
}
func debateMap() throws -> ArgumentMap {
    try load(try String(contentsOf: repository.appendingPathComponent("Arguments/bike-lanes-debate.argdown"), encoding: .utf8))
}

@Suite struct SidesAndSpeechesTests {
    @Test func sideFollowsStanceTowardTheThesis() throws {
        let map = try load("""
            [t]: thesis
              - [a]: attack
                + [b]: support of an attack
                  - [c]: attack of that
              + [d]: support
                _ [e]: undercut of a support
            """)
        let round = Round(map)
        let side = { (id: String) in round.side[map.index(of: id)!] }
        #expect(side("t") == .aff && side("d") == .aff && side("c") == .aff)
        #expect(side("a") == .neg && side("b") == .neg && side("e") == .neg)
    }

    @Test func recordedSpeechesWinAndTheRestAreInferred() throws {
        let map = try load("""
            [t]: thesis {speech: "1AC"}
              - [a]: attack
                - [b]: answer {speech: "1AR"}
              + [d]: support
            """)
        let round = Round(map)
        let speech = { (id: String) in round.speech[map.index(of: id)!] }
        #expect(speech("a") == .firstNegativeConstructive)
        #expect(speech("b") == .firstAffirmativeRebuttal)
        #expect(speech("d") == .firstAffirmativeConstructive)
        #expect(round.recorded[map.index(of: "b")!] && !round.recorded[map.index(of: "a")!])
        #expect(round.lastSpeech == .firstAffirmativeRebuttal)
    }

    /// The round worked out plainly, as its documentation says: a queue of claims breadth first
    /// from the theses (then every claim not reached, as a thesis), sides and speeches given as
    /// each is reached, and each claim's first answer the earliest speech among the claims of
    /// the other side directly under it.
    static func plainRound(_ map: ArgumentMap) -> (side: [Side], speech: [Speech?], recorded: [Bool], firstAnswer: [Speech?]) {
        let n = map.count
        var side = [Side](repeating: .aff, count: n), speech = [Speech?](repeating: nil, count: n)
        var recorded = [Bool](repeating: false, count: n), seen = Set<Int>()
        for c in 0..<n {
            if let name = map.claims[c].dataValue("speech")?.string, let s = Speech(name: name) { speech[c] = s; recorded[c] = true }
        }
        var queue: [Int] = []
        for starts in [map.roots, Array(0..<n)] {
            for r in starts where seen.insert(r).inserted {
                if speech[r] == nil { speech[r] = .firstAffirmativeConstructive }
                queue.append(r)
            }
            while !queue.isEmpty {
                let c = queue.removeFirst()
                for (child, r) in map.children(of: c) where seen.insert(child).inserted {
                    side[child] = map.relations[r].type == .support ? side[c] : side[c].other
                    if speech[child] == nil {
                        speech[child] = side[child] == side[c] ? speech[c] : (speech[c]!.next(of: side[child]) ?? speech[c])
                    }
                    queue.append(child)
                }
            }
        }
        let firstAnswer = (0..<n).map { c in map.children(of: c).compactMap { side[$0.claim] != side[c] ? speech[$0.claim] : nil }.min() }
        return (side, speech, recorded, firstAnswer)
    }

    /// Whether following the claims a claim answers leads to a thesis (in a forest).
    static func reachesThesis(_ map: ArgumentMap, _ c: Int) -> Bool {
        var x = c, steps = 0
        while let r = map.outgoing[x].first, steps <= map.count { x = map.relations[r].to; steps += 1 }
        return steps <= map.count
    }

    /// The round, worked out on packed facts, is the plain one: on the debate map, generated
    /// maps of every shape, and random maps with cycles, several theses, claims no thesis
    /// reaches, undercuts and recorded speeches, half of them forests (worked out in claim
    /// order) and half not (by the search).
    @Test func theRoundIsThePlainBreadthFirstOne() throws {
        var maps = [try debateMap()]
        for (shape, seed) in [(MapGenerator.Shape.dag, UInt64(5)), (.cyclic, 6), (.tree, 7)] {
            maps.append(MapGenerator.generate(.init(claims: 2_000, shape: shape, seed: seed)))
        }
        var rng = SplitMix64(seed: 12)
        var forests = 0, loops = 0
        for _ in 0..<80 {
            let n = 2 + Int(rng.next() % 30)
            var text = ""
            for i in 0..<n {
                let speech = rng.next() % 3 == 0 ? " {speech: \"\(Speech.names[Int(rng.next() % 8)])\"}" : ""
                text += "[c\(i)]: claim \(i)\(speech)\n\n"
            }
            // Half the maps are forests: each claim answers at most one other (some loops, which
            // no thesis reaches, and claims under them); the others have claims that answer several.
            let forest = maps.count % 2 == 0
            var pairs = Set<[Int]>()
            for b in 0..<(forest ? n : 0) where rng.next() % 5 != 0 {
                let a = Int(rng.next() % UInt64(n))
                if a != b { text += "[c\(a)]\n  \(["+", "-", "+", "-", "_"][Int(rng.next() % 5)]) [c\(b)]\n\n" }
            }
            for _ in 0..<(forest ? 0 : n * 3 / 2) {
                let a = Int(rng.next() % UInt64(n)), b = Int(rng.next() % UInt64(n))
                if a != b, !pairs.contains([b, a]), pairs.insert([a, b]).inserted { text += "[c\(a)]\n  \(["+", "-", "+", "-", "_"][Int(rng.next() % 5)]) [c\(b)]\n\n" }
            }
            let map = try load(text)
            if forest {
                #expect((0..<map.count).allSatisfy { map.outgoing[$0].count <= 1 })
                forests += 1
                if (0..<map.count).contains(where: { !Self.reachesThesis(map, $0) }) { loops += 1 }
            }
            maps.append(map)
        }
        // Both ways of working the round out are exercised, loops included.
        #expect(forests >= 30 && loops >= 10)
        var negatives = 0, inferred = 0, answered = 0
        for map in maps {
            let plain = Self.expectPlainRound(map)
            negatives += plain.side.filter { $0 == .neg }.count
            inferred += plain.recorded.filter { !$0 }.count
            answered += plain.firstAnswer.filter { $0 != nil }.count
        }
        // The maps exercise what is compared, and each way of working the round out: the
        // generated DAG has no cycle, the generated cyclic map has cycles.
        #expect(negatives > 1_000 && inferred > 1_000 && answered > 1_000)
        #expect(Round(maps[1]).method == .sweeps && Round(maps[2]).method == .search && Round(maps[3]).method == .tree)
        // A map with no thesis: every claim answers another, so the search is made at once.
        let noThesis = try withNoThesis(maps[2])
        #expect(noThesis.roots.isEmpty && Round(noThesis).method == .search)
        Self.expectPlainRound(noThesis)
    }

    /// Expects the round of `map` to be the plain one, fact by fact, and returns the plain one.
    @discardableResult
    static func expectPlainRound(_ map: ArgumentMap, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> (side: [Side], speech: [Speech?], recorded: [Bool], firstAnswer: [Speech?]) {
        let plain = plainRound(map)
        // The first claim where each differs (nil: none), not the whole arrays.
        func firstDifference<T: Equatable>(_ a: [T], _ b: [T]) -> Int? {
            a.count == b.count ? a.indices.first { a[$0] != b[$0] } : -1
        }
        // Also as the round is worked out where the map is known to have a cycle: by the search
        // at once (the search works on any map, so it is tried on every one).
        let searched = Round(map, hasCycle: true)
        #expect(searched.method == .tree || searched.method == .search, sourceLocation: sourceLocation)
        for round in [Round(map), searched] {
            #expect(firstDifference(Array(round.side), plain.side) == nil, sourceLocation: sourceLocation)
            #expect(firstDifference(Array(round.speech), plain.speech) == nil, sourceLocation: sourceLocation)
            #expect(firstDifference(Array(round.recorded), plain.recorded) == nil, sourceLocation: sourceLocation)
            #expect(firstDifference(Array(round.firstAnswer), plain.firstAnswer) == nil, sourceLocation: sourceLocation)
            #expect(round.lastSpeech == plain.speech.compactMap { $0 }.max(), sourceLocation: sourceLocation)
        }
        return plain
    }

    /// Expects a round worked out in sweeps to keep every claim in an order in which each
    /// comes after every claim it answers, and the passes in that order to find what the
    /// passes for any map find: each claim's earliest answer, and its first sheet. Expects
    /// a round worked out otherwise to keep no order.
    static func expectOrderOfTheSweeps(_ round: Round, _ map: ArgumentMap, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        guard round.method == .sweeps else {
            #expect(round.order.isEmpty, sourceLocation: sourceLocation)
            return
        }
        var place = [Int](repeating: -1, count: map.count)
        for (k, c) in round.order.enumerated() { place[Int(c)] = k }
        #expect(round.order.count == map.count && !place.contains(-1), "every claim once", sourceLocation: sourceLocation)
        let before = map.relations.allSatisfy { place[$0.to] < place[$0.from] }
        #expect(before, "each claim after what it answers", sourceLocation: sourceLocation)
        #expect(Drops.earliestAnswersInOrder(map, round) == Drops.earliestAnswersInAnyMap(map, round), sourceLocation: sourceLocation)
        let positions = Flow.positions(map)
        #expect(Flow.firstSheetsInOrder(map, positions: positions, round: round) == Flow.firstSheetsBySearch(map, positions: positions, round: round),
                sourceLocation: sourceLocation)
    }

    /// Each claim's distance from the nearest thesis, breadth first (claims answering nothing
    /// are theses).
    static func distances(_ map: ArgumentMap) -> [Int] {
        var distance = [Int](repeating: -1, count: map.count), queue = map.roots
        for r in queue { distance[r] = 0 }
        var head = 0
        while head < queue.count {
            let c = queue[head]
            head += 1
            for (child, _) in map.children(of: c) where distance[child] < 0 {
                distance[child] = distance[c] + 1
                queue.append(child)
            }
        }
        return distance
    }

    /// On maps with no cycle whose claims answer several others, the round worked out in
    /// sweeps is the plain breadth-first one: random layered maps with several theses, claims
    /// listed before what they answer, and many claims whose nearest answered claims are at the
    /// same distance from a thesis (where the order the search meets them decides); and where
    /// telling those apart would cost more than the search, the search works it out, to the
    /// same result.
    @Test func theRoundInSweepsIsThePlainBreadthFirstOne() throws {
        var rng = SplitMix64(seed: 31)
        var ties = 0, listedBefore = 0, sweeps = 0
        for _ in 0..<150 {
            let n = 4 + Int(rng.next() % 40)
            // Claims answer only claims earlier in a hidden order, so there is no cycle; the
            // file lists them in claim order, which the hidden order shuffles.
            var hidden = Array(0..<n)
            hidden.shuffle(using: &rng)
            let theses = 1 + Int(rng.next() % 3)
            var text = ""
            for i in 0..<n {
                let speech = rng.next() % 4 == 0 ? " {speech: \"\(Speech.names[Int(rng.next() % 8)])\"}" : ""
                text += "[c\(i)]: claim \(i)\(speech)\n\n"
            }
            var links: [String] = []
            for k in theses..<n {
                var targets = Set<Int>()
                for _ in 0..<(1 + Int(rng.next() % 3)) { targets.insert(hidden[Int(rng.next() % UInt64(min(k, 3 + k / 4)))]) }
                for t in targets { links.append("[c\(t)]\n  \(["+", "-", "_"][Int(rng.next() % 3)]) [c\(hidden[k])]\n\n") }
            }
            links.shuffle(using: &rng)
            let map = try load(text + links.joined())
            // (A map where each claim answers one is a tree, worked out as one.)
            let round = Round(map), method = round.method
            #expect(method != .search)
            if method == .sweeps { sweeps += 1 }
            Self.expectPlainRound(map)
            Self.expectOrderOfTheSweeps(round, map)
            let distance = Self.distances(map)
            for c in 0..<map.count {
                let parents = map.outgoing[c].map { map.relations[$0].to }
                if parents.contains(where: { $0 > c }) { listedBefore += 1 }
                let nearest = parents.map { distance[$0] }.min()
                if Set(parents.filter { distance[$0] == nearest }).count > 1 { ties += 1 }
            }
        }
        // The maps exercise what decides: ties, and claims waiting for a later sweep.
        #expect(sweeps > 120 && ties > 300 && listedBefore > 300)
        // And generated DAGs, most of whose claims come after what they answer: one large
        // enough for what each claim answers to be found in pieces on both cores.
        for claims in [5_000, 70_000] {
            let dag = MapGenerator.generate(.init(claims: claims, shape: .dag, seed: 12)), round = Round(dag)
            #expect(round.method == .sweeps)
            Self.expectPlainRound(dag)
            Self.expectOrderOfTheSweeps(round, dag)
        }

        // Two chains of `length` claims from one thesis, and `claims` claims that each answer
        // both chains' last claims: each of those climbs both chains to tell them apart.
        func chains(length: Int, claims: Int, firstChain: String) throws -> ArgumentMap {
            var text = "[t]: thesis\n\n"
            for chain in [firstChain, firstChain == "a" ? "b" : "a"] { text += "[t]\n  - [\(chain)1]: \(chain) 1\n\n" }
            for chain in ["a", "b"] {
                for i in 1..<length { text += "[\(chain)\(i)]\n  \(i % 2 == 0 ? "+" : "-") [\(chain)\(i + 1)]: \(chain) \(i + 1)\n\n" }
            }
            for j in 0..<claims { text += "[a\(length)]\n  - [x\(j)]: x \(j)\n\n[b\(length)]\n  + [x\(j)]\n\n" }
            return try load(text)
        }
        for firstChain in ["a", "b"] {
            // Climbs of 2 × 200 steps fit the budget (past the first sweep, three steps a claim
            // and one a relation); 20 × 200 do not.
            let few = try chains(length: 200, claims: 2, firstChain: firstChain)
            let many = try chains(length: 200, claims: 20, firstChain: firstChain)
            #expect(Round(few).method == .sweeps)
            #expect(Round(many).method == .search)
            Self.expectOrderOfTheSweeps(Round(few), few)
            Self.expectOrderOfTheSweeps(Round(many), many)
            Self.expectPlainRound(few)
            Self.expectPlainRound(many)
            // Which chain the search meets first decides each x's side.
            let x = few.index(of: "x0")!
            #expect(Round(few).side[x] == (firstChain == "a" ? .aff : .neg))
        }
    }

    /// The sweeps' facts follow the ordering on another core as it goes: worked out again and
    /// again on a generated DAG (most runs with the follower close behind, reading each claim
    /// as soon as it is published), the round is the same every time, and the plain one. A
    /// claim published before its parent is chosen would be read with no parent.
    @Test func theRoundInSweepsIsTheSameEveryTime() throws {
        let dag = MapGenerator.generate(.init(claims: 40_000, shape: .dag, seed: 13))
        let first = Round(dag)
        #expect(first.method == .sweeps)
        Self.expectPlainRound(dag)
        var differ = 0
        for _ in 0..<60 {
            let again = Round(dag)
            if again.facts != first.facts || again.firstAnswers != first.firstAnswers || again.answered != first.answered || again.order != first.order { differ += 1 }
        }
        #expect(differ == 0, "\(differ) of 60 rounds differ")
    }

    @Test func answerDeadlinesTreatTheBlockAsOne() {
        #expect(Speech.secondAffirmativeConstructive.answeredBy == .firstNegativeRebuttal)
        #expect(Speech.secondNegativeConstructive.answeredBy == .firstAffirmativeRebuttal)
        #expect(Speech.secondAffirmativeRebuttal.answeredBy == nil)
        #expect(Speech(name: "2ac") == .secondAffirmativeConstructive && Speech(name: "3AC") == nil)
    }

    @Test func speechesAreInRoundOrder() {
        #expect(Speech.allCases.map(\.order) == Array(0..<Speech.allCases.count))
        #expect(Speech.allCases.map(\.rawValue) == ["1AC", "1NC", "2AC", "2NC", "1NR", "1AR", "2NR", "2AR"])
        #expect(Speech.firstNegativeConstructive.next(of: .aff) == .secondAffirmativeConstructive)
    }
}

@Suite struct FlowTests {
    /// For each claim, the first laid-out sheet with a cell of it (nil for none).
    static func firstSheets(_ flow: Flow, claims count: Int) -> [Int?] {
        var first = [Int?](repeating: nil, count: count)
        for (i, sheet) in flow.sheets.enumerated() {
            for cell in sheet.cells where first[cell.claim] == nil { first[cell.claim] = i }
        }
        return first
    }

    /// ``Flow/firstSheets(_:positions:round:)`` with nil for none.
    static func firstSheetsFound(_ map: ArgumentMap) -> [Int?] {
        Flow.firstSheets(map, positions: Flow.positions(map), round: Round(map)).map { $0 < 0 ? nil : Int($0) }
    }

    @Test func oneSheetPerPositionAndAnswersOnTheirParentsRow() throws {
        let map = try debateMap()
        let flow = Flow(map)
        #expect(flow.sheets.map { map.claims[$0.position].id } == ["harms", "inherency", "solvency", "disad"])
        let first = Self.firstSheets(flow, claims: map.count)
        for c in 0..<map.count {
            #expect(first[c] == flow.sheets.firstIndex { $0.cells.contains { $0.claim == c } })
        }
        let solvency = flow.sheets[2].grid
        // The whole exchange on solvency runs along one row, one speech after another.
        #expect(solvency.count == 1)
        #expect(solvency[0].map { $0.map { map.claims[$0].id } } == ["solvency", "isolated-lanes-fail", "arterials-are-a-network", "gaps-at-junctions", nil, "junction-treatments", nil, nil])
        let disad = flow.sheets[3].grid.map { $0.map { $0.map { map.claims[$0].id } } }
        #expect(disad[0][1] == "disad")
        #expect(disad.contains { $0[1] == "disad-link" && $0[2] == "federal-grants" && $0[3] == "grants-are-competitive" })
        #expect(disad.contains { $0[1] == "disad-impact" && $0[2] == "impact-is-temporary" && $0[4] == "make-up-days-fail" })
        // A second answer to the same claim goes on the next free row, in its own column.
        let impactRow = disad.firstIndex { $0[1] == "disad-impact" }!
        #expect(disad.firstIndex { $0[7] == "deaths-outweigh" }! >= impactRow)
    }

    /// One sheet laid out alone is that sheet of the whole flow.
    @Test func oneSheetAloneIsTheSameSheet() throws {
        let map = try debateMap()
        let whole = Flow(map)
        for sheet in whole.sheets {
            let alone = Flow(map, only: sheet.position)
            #expect(alone.sheets.count == 1)
            #expect(alone.sheets.first?.cells == sheet.cells)
        }
        #expect(Flow(map, only: map.roots[0]).sheets.isEmpty, "a thesis with positions under it is no sheet")
        #expect(Flow.positions(map).map(\.position) == whole.sheets.map(\.position))
    }

    /// A claim is flowed, with its answers, on the first sheet that reaches it, and a later
    /// sheet that reaches it shows it as a cross-reference to that sheet: on maps whose sheets
    /// overlap (a generated DAG, whose claims answer claims of other sheets, and generated
    /// cyclic maps, one with no thesis, whose cycles join the sheets), every claim a sheet
    /// reaches is flowed once, on its first sheet, a sheet shows a claim once and a
    /// cross-reference without its answers, and the flow holds no more cells than claims and
    /// relations; one sheet laid out alone is that sheet of the whole flow, and its rows, one
    /// at a time, are its cells in place.
    @Test func aClaimIsFlowedOnceAndReferredToAfter() throws {
        var maps = [MapGenerator.generate(.init(claims: 3_000, shape: .dag, seed: 21)), MapGenerator.generate(.init(claims: 3_000, shape: .cyclic, seed: 22))]
        maps.append(try withNoThesis(maps[1]))
        var references = 0
        for map in maps {
            let flow = Flow(map)
            let first = Flow.firstSheets(map, positions: Flow.positions(map), round: flow.round)
            var flowed = [Int](repeating: 0, count: map.count), cells = 0
            for (k, sheet) in flow.sheets.enumerated() {
                var shown = Set<Int>()
                for cell in sheet.cells {
                    cells += 1
                    #expect(shown.insert(cell.claim).inserted, "shown once on a sheet")
                    if let on = cell.flowedOn {
                        references += 1
                        #expect(first[cell.claim] < k && on == flow.sheets[Int(first[cell.claim])].position)
                        // Its answers are on that sheet, not here.
                        #expect(!sheet.cells.contains { $0.answers == cell.claim })
                    } else {
                        flowed[cell.claim] += 1
                        #expect(first[cell.claim] == k)
                    }
                }
            }
            #expect((0..<map.count).allSatisfy { flowed[$0] == (first[$0] < 0 ? 0 : 1) }, "each claim a sheet reaches flowed once")
            #expect(cells <= map.count + map.relations.count)
            for sheet in flow.sheets.prefix(30) {
                #expect(Flow(map, only: sheet.position).sheets.first?.cells == sheet.cells)
                // The rows one at a time, as the exports read them, and the grid, are the cells
                // put where their rows and speeches say.
                var expected = [[Int?]](repeating: [Int?](repeating: nil, count: Speech.allCases.count), count: sheet.rows)
                for cell in sheet.cells { expected[cell.row][cell.speech.order] = cell.claim }
                var rows: [[Int?]] = []
                sheet.forEachRow { rows.append($0.map { $0?.claim }) }
                #expect(rows == expected && sheet.grid == expected)
            }
        }
        #expect(references > 300)
    }

    /// A claim that answers two positions is flowed, with its answer, on the first one's
    /// sheet; the second sheet, the exports and `flow` show it there as a cross-reference.
    @Test func aSharedAnswerIsACrossReferenceOnTheLaterSheet() throws {
        let map = try load("""
        [plan]: The plan.
          + [first]: The first advantage.
            - [shared]: One objection to both.
              + [backing]: Evidence for the objection.
          + [second]: The second advantage.
            - [shared]
        """)
        let flow = Flow(map)
        let ids = flow.sheets.map { $0.cells.map { map.claims[$0.claim].id + ($0.flowedOn.map { "^" + map.claims[$0].id } ?? "") } }
        #expect(ids == [["first", "shared", "backing"], ["second", "shared^first"]])
        let csv = FlowExporter.csv(map)
        #expect(csv.contains("shared: One objection to both. [flowed on sheet first]"))
        #expect(csv.components(separatedBy: "backing:").count == 2, "its answer once")
        let html = FlowExporter.html(map)
        #expect(html.contains("<a class=\"earlier\" href=\"#sheet-first\">flowed on sheet first</a>"))
    }

    @Test func flowExportsEscapeAndMarkDrops() throws {
        var map = try debateMap()
        try map.apply(.setText("harms", "Harms: <script>alert(1)</script>, \"quoted\", =SUM(A1)"))
        let html = FlowExporter.html(map)
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("&lt;script&gt;"))
        #expect(html.contains("class=\"aff dropped\""))
        let csv = FlowExporter.csv(map)
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines[0] == "sheet,row,1AC,1NC,2AC,2NC,1NR,1AR,2NR,2AR")
        #expect(lines[1].hasPrefix("harms,1,\"harms: Harms: <script>alert(1)</script>, \"\"quoted\"\", =SUM(A1) [dropped]\""))
    }

    /// The layout's stack pushes, pops and sorts as an array would: few elements sorted by
    /// insertion, more by the standard sort, with room grown on the way.
    @Test func aPileIsAnArray() {
        var rng = SplitMix64(seed: 5)
        var pile = Pile<Int>(capacity: 2)
        defer { pile.free() }
        var array: [Int] = []
        for round in 0..<300 {
            pile.removeAll()
            array.removeAll()
            // From no elements to more than the insertion sort takes, repeated values included.
            for _ in 0..<(round % 40) {
                let x = Int(rng.next() % 50)
                pile.push(x)
                array.append(x)
            }
            pile.sort()
            array.sort()
            #expect(Array(pile.buffer) == array)
            if round % 3 == 0 {
                var popped: [Int] = []
                while let x = pile.pop() { popped.append(x) }
                #expect(popped == array.reversed())
                #expect(pile.count == 0)
            }
        }
    }

    @Test func aChainAMillionDeepFlowsWithoutRecursion() throws {
        var claims = [Claim(id: "c0", text: "thesis")]
        var relations: [Relation] = []
        for i in 1..<1_000_000 {
            claims.append(Claim(id: "c\(i)", text: "claim"))
            relations.append(Relation(from: i, to: i - 1, type: .attack))
        }
        let map = try ArgumentMap(claims: claims, relations: relations)
        let flow = Flow(map)
        #expect(flow.sheets.count == 1)
        #expect(flow.sheets[0].cells.count == 999_999)
        _ = Drops.find(in: map, round: flow.round)
    }
}

@Suite struct DropsTests {
    @Test func theRoundsDrops() throws {
        let map = try debateMap()
        let drops = Drops.find(in: map).map { map.claims[$0.claim].id }
        #expect(drops == ["harms", "status-quo-solves", "junction-treatments", "disad-uniqueness", "grants-are-competitive", "disad-internal-link", "make-up-days-fail"])
        // Answering the disadvantage's link contests the disadvantage; the 2AR's argument has
        // no later speech to be answered in.
        #expect(!drops.contains("disad") && !drops.contains("deaths-outweigh"))
    }

    @Test func aLateAnswerDoesNotCount() throws {
        let map = try load("""
            [t]: thesis {speech: "1AC"}
              - [a]: attack {speech: "1NC"}
                - [late]: answered only in the rebuttals {speech: "1AR"}
            """)
        let drops = Drops.find(in: map)
        #expect(drops.map { map.claims[$0.claim].id } == ["a"])
        #expect(drops[0].lateAnswers == [map.index(of: "late")!])
        #expect(drops[0].deadline == .secondAffirmativeConstructive)
    }

    /// What "answered" means, claim by claim: a search from the claim through its own side's
    /// supports for an answer from the other side by the deadline.
    static func answeredBySearch(_ map: ArgumentMap, _ round: Round, _ c: Int, by deadline: Speech) -> Bool {
        var stack = [c]
        var seen: Set<Int> = [c]
        while let x = stack.popLast() {
            for (child, r) in map.children(of: x) {
                if round.side[child] != round.side[c] {
                    if let s = round.speech[child], s <= deadline { return true }
                } else if map.relations[r].type == .support, seen.insert(child).inserted {
                    stack.append(child)
                }
            }
        }
        return false
    }

    /// The first sheet of each claim, found without laying the sheets out, is the one the
    /// laid-out flow puts it on first: on the debate map, on generated DAGs and cyclic maps,
    /// and on random maps with cycles and several theses.
    @Test func firstSheetsWithoutLayoutAreThoseOfTheLayout() throws {
        var maps = [try debateMap()]
        for (shape, seed) in [(MapGenerator.Shape.dag, UInt64(1)), (.cyclic, 2), (.tree, 3)] {
            maps.append(MapGenerator.generate(.init(claims: 3_000, shape: shape, seed: seed)))
        }
        var rng = SplitMix64(seed: 11)
        for _ in 0..<40 {
            let n = 3 + Int(rng.next() % 30)
            var text = ""
            for i in 0..<n { text += "[c\(i)]: claim \(i)\n\n" }
            var pairs = Set<[Int]>()
            for _ in 0..<(n * 2) {
                let a = Int(rng.next() % UInt64(n)), b = Int(rng.next() % UInt64(n))
                if a != b, !pairs.contains([b, a]), pairs.insert([a, b]).inserted { text += "[c\(a)]\n  \(rng.next() % 2 == 0 ? "+" : "-") [c\(b)]\n\n" }
            }
            maps.append(try load(text))
        }
        // Random forests written nested (each claim after the one it answers; some theses, some
        // with nothing under them), where the numbers are handed down in claim order.
        var nested = 0
        for _ in 0..<30 {
            let n = 2 + Int(rng.next() % 40)
            var parent = [Int](repeating: -1, count: n)
            for i in 1..<n where rng.next() % 8 != 0 { parent[i] = Int(rng.next() % UInt64(i)) }
            var text = "", stack: [(Int, Int)] = (0..<n).reversed().filter { parent[$0] < 0 }.map { ($0, 0) }
            while let (c, depth) = stack.popLast() {
                text += String(repeating: "  ", count: depth) + (depth == 0 ? "\n" : rng.next() % 2 == 0 ? "+ " : "- ") + "[c\(c)]: claim \(c)\n"
                for child in (0..<n).reversed() where parent[child] == c { stack.append((child, depth + 1)) }
            }
            let map = try load(text)
            if (0..<map.count).allSatisfy({ x in map.outgoing[x].allSatisfy { map.relations[$0].to < x } }) { nested += 1 }
            maps.append(map)
        }
        #expect(nested == 30)
        var inOrder = 0
        for map in maps {
            #expect(FlowTests.firstSheetsFound(map) == FlowTests.firstSheets(Flow(map), claims: map.count))
            if !Round(map).order.isEmpty { inOrder += 1 }
        }
        // The generated DAG is passed in the order of its round's sweeps.
        #expect(inOrder >= 1)
    }

    /// A flow laid out up to a number of rows holds the whole flow's first sheets, just enough
    /// of them to reach that many rows, and counts them all.
    @Test func aFlowUpToSomeRowsIsTheWholeFlowsFirstSheets() throws {
        let map = MapGenerator.generate(.init(claims: 5_000, shape: .dag, seed: 4))
        let whole = Flow(map)
        try #require(whole.sheets.count > 3)
        #expect(whole.sheetCount == whole.sheets.count)
        for sheet in whole.sheets { #expect(sheet.rows == sheet.cells.map(\.row).max()! + 1) }
        for limit in [1, whole.sheets[0].rows, whole.sheets[0].rows + 1, 500, 2_000, .max] {
            let part = Flow(map, rows: limit)
            #expect(part.sheetCount == whole.sheets.count)
            // The same sheets, each with the cells of the rows asked for, and all its rows counted.
            var before = 0
            for (sheet, same) in zip(part.sheets, whole.sheets) {
                #expect(sheet.rows == same.rows)
                #expect(sheet.cells == same.cells.filter { $0.row < limit - before })
                before += sheet.rows
            }
            #expect(part.sheets.map(\.position) == whole.sheets.prefix(part.sheets.count).map(\.position))
            let rows = part.sheets.map(\.rows)
            if part.sheets.count < whole.sheets.count { #expect(rows.reduce(0, +) >= limit) }
            #expect(rows.dropLast().reduce(0, +) < limit, "no sheet is laid out past the limit")
        }
    }

    @Test func dropsInMapsWithCyclesAreThoseASearchFinds() throws {
        // Random maps with cycles: claims defined as theses, then related every which way.
        var rng = SystemRandomNumberGenerator()
        let speeches = ["1AC", "1NC", "2AC", "2NC", "1NR", "1AR", "2NR", "2AR"]
        var checked = 0
        for _ in 0..<30 {
            let n = Int.random(in: 5...40, using: &rng)
            var text = ""
            for i in 0..<n { text += "[c\(i)]: claim \(i) {speech: \"\(speeches.randomElement(using: &rng)!)\"}\n\n" }
            var pairs = Set<[Int]>()
            for _ in 0..<(n * 2) {
                let a = Int.random(in: 0..<n, using: &rng), b = Int.random(in: 0..<n, using: &rng)
                guard a != b, pairs.insert([a, b]).inserted, !pairs.contains([b, a]) else { continue }
                text += "[c\(a)]\n  \(Bool.random(using: &rng) ? "+" : "-") [c\(b)]\n\n"
            }
            let map = try load(text)
            let round = Round(map)
            guard let last = round.lastSpeech else { continue }
            let found = Set(Drops.find(in: map, round: round).map(\.claim))
            for c in 0..<map.count {
                guard let speech = round.speech[c], let deadline = speech.answeredBy, deadline <= last else { continue }
                #expect(found.contains(c) == !Self.answeredBySearch(map, round, c, by: deadline), "c\(c) in\n\(text)")
                checked += 1
            }
        }
        #expect(checked > 100)
    }

    /// On trees written as Argdown nests them (each claim after the claim it answers), the
    /// earliest answers are found in one backward pass; they are those the general way finds,
    /// and the drops are those a search from each claim finds.
    @Test func dropsInNestedTreesAreThoseASearchFinds() throws {
        var rng = SplitMix64(seed: 21)
        var checked = 0, dropped = 0
        for _ in 0..<60 {
            let n = 2 + Int(rng.next() % 40)
            // Claim i answers a claim before it: written nested, depth first.
            var parent = [Int](repeating: -1, count: n), type = [String](repeating: "+", count: n)
            for i in 1..<n { parent[i] = Int(rng.next() % UInt64(i)); type[i] = ["+", "-", "-", "+", "_"][Int(rng.next() % 5)] }
            var text = "", stack = [(0, 0)]
            while let (c, depth) = stack.popLast() {
                let speech = rng.next() % 3 == 0 ? " {speech: \"\(Speech.names[Int(rng.next() % 8)])\"}" : ""
                text += String(repeating: "  ", count: depth) + (depth == 0 ? "" : type[c] + " ") + "[c\(c)]: claim \(c)\(speech)\n"
                for child in (0..<n).reversed() where parent[child] == c { stack.append((child, depth + 1)) }
            }
            let map = try load(text)
            let round = Round(map)
            #expect(round.answersComeAfter)
            #expect(Drops.earliestAnswersInTree(map, round) == Drops.earliestAnswersInAnyMap(map, round))
            guard let last = round.lastSpeech else { continue }
            let found = Set(Drops.find(in: map, round: round).map(\.claim))
            dropped += found.count
            for c in 0..<map.count {
                guard let speech = round.speech[c], let deadline = speech.answeredBy, deadline <= last else { continue }
                #expect(found.contains(c) == !DropsTests.answeredBySearch(map, round, c, by: deadline), "c\(c) in\n\(text)")
                checked += 1
            }
        }
        #expect(checked > 200 && dropped > 50)
    }

    /// What `drops` lists: the dropped claims grouped by their first sheet, groups in the
    /// order of their first drop, each cut to its first claims, and counted in full. On the
    /// debate map and on maps large enough to be passed over in two pieces: a generated tree
    /// (as generated, and as its file nests it), a DAG, and a thesis with every other claim
    /// under it (a sheet for each).
    @Test func droppedClaimsBySheetAreTheDropsGrouped() throws {
        let tree = MapGenerator.generate(.init(claims: 70_000, shape: .tree, seed: 8))
        let maps = [try debateMap(), tree, try load(ArgdownFormat.write(tree)),
                    MapGenerator.generate(.init(claims: 70_000, shape: .dag, seed: 9)),
                    MapGenerator.generate(.init(claims: 70_000, seed: 10, maxDepth: 1))]
        var nested = 0, acrossPieces = 0
        for map in maps {
            let round = Round(map), positions = Flow.positions(map)
            if round.answersComeAfter { nested += 1 }
            let answers = Drops.Answers(map, round: round)
            let first = Flow.firstSheets(map, positions: positions, round: round)
            // Grouped the plain way, from the list of every drop.
            let dropped = answers.droppedClaims()
            var order: [Int] = [], groups: [Int: [Int]] = [:]
            for c in dropped {
                let sheet = first[c] < 0 ? positions.count : Int(first[c])
                if groups[sheet] == nil { order.append(sheet) }
                groups[sheet, default: []].append(c)
            }
            if groups.values.contains(where: { $0.first! < map.count / 2 && $0.last! >= map.count / 2 }) { acrossPieces += 1 }
            for keeping in [1, 3, Int.max] {
                let found = answers.droppedClaims(bySheet: first, sheets: positions.count, keeping: keeping)
                #expect(found.count == dropped.count)
                #expect(found.groups.map(\.sheet) == order)
                #expect(found.groups.map(\.claims) == order.map { Array(groups[$0]!.prefix(keeping)) })
            }
            #expect(dropped.count > 0 && order.count > 1)
        }
        // Both ways of finding the first sheets, and groups that both pieces add to.
        #expect(nested >= 1 && nested < maps.count && acrossPieces >= 2)
    }

    @Test func roundsNotYetThereDropNothing() throws {
        let map = try load("[t]: thesis {speech: \"1AC\"}\n  + [a]: support {speech: \"1AC\"}\n")
        #expect(Drops.find(in: map).isEmpty)
    }

    @Test func concededScoringRaisesDroppedBases() throws {
        let map = try debateMap()
        let conceded = Drops.conceded(map)
        for d in Drops.find(in: map) { #expect(conceded.claims[d.claim].base == Drops.concededBase) }
        #expect(conceded.claim("solvency")?.base == map.claim("solvency")?.base)
        let before = Evaluator.evaluate(map, .dfquad).scores[map.index(of: "harms")!]
        let after = Evaluator.evaluate(conceded, .dfquad).scores[map.index(of: "harms")!]
        #expect(after > before)
    }
}

@Suite struct ImpactTests {
    @Test func impactsReadFromDataAndWeigh() throws {
        let map = try debateMap()
        let harms = try #require(Impact(map, map.index(of: "harms")!))
        let closures = try #require(Impact(map, map.index(of: "disad-impact")!))
        #expect(harms.risk! > 0.71 && harms.risk! < 0.73)
        #expect(harms.irreversible == true && closures.irreversible == false)
        #expect(closures.years! < harms.years!)
        let (lines, winner, summary) = Weighing.compare(harms, closures, names: ("harms", "disad-impact"))
        #expect(winner == 0)
        #expect(lines.first { $0.dimension == "timeframe" }?.winner == 1)
        #expect(summary.contains("outweighs the other's lead on timeframe"))
        #expect(Impact(map, map.index(of: "plan")!) == nil)
    }

    @Test func timeframesInWordsAndNumbers() {
        #expect(Impact.years(.string("immediate")) == 0)
        #expect(Impact.years(.string("5 years")) == 5)
        #expect(Impact.years(.string("6 months")) == 0.5)
        #expect(Impact.years(.number(2)) == 2)
        #expect(Impact.years(.string("someday")) == nil)
    }

    @Test func outOfRangeImpactValuesAreCheckErrors() throws {
        let map = try load("[t]: thesis\n  + [a]: impact {magnitude: 2, timeframe: \"soon\", reversibility: \"maybe\"}\n")
        let report = CheckReport(map) { Evaluator.evaluate(map, $0) }
        #expect(report.errors.contains { $0.contains("magnitude must be a number from 0 to 1") })
        #expect(report.errors.contains { $0.contains("timeframe 'soon'") })
        #expect(report.errors.contains { $0.contains("reversibility") })
    }
}

@Suite struct TemplateAndCheckTests {
    @Test(arguments: Template.all.map(\.name)) func scaffoldThenFillIn(name: String) throws {
        var map = try load("[t]: thesis\n")
        let t = try #require(Template.named(name))
        let (id, edits) = t.scaffold(under: "t", in: map, speech: .firstNegativeConstructive)
        try map.apply(.batch(edits))
        var report = CheckReport(map) { Evaluator.evaluate(map, $0) }
        #expect(report.errors.count == t.parts.count, "\(report.errors)")
        #expect(map.relationIndex(from: map.index(of: id)!, to: map.index(of: "t")!).map { map.relations[$0].type } == t.stance)
        for part in t.parts { try map.apply(.setText("\(id)-\(part)", "filled \(part)")) }
        report = CheckReport(map) { Evaluator.evaluate(map, $0) }
        #expect(report.errors.isEmpty, "\(report.errors)")
        // A scaffold survives saving.
        let again = try load(ArgdownFormat.write(map))
        #expect(Template.positions(in: again).count == 1)
        #expect(Round(again).speech[again.index(of: id)!] == .firstNegativeConstructive)
    }

    /// A scaffold's ids are not those of claims in the map, nor each other's: a position's
    /// name taken has a number after it, and so has a part's id taken.
    @Test func scaffoldIDsAreNew() throws {
        var map = try load("[t]: thesis\n  + [case-harms]: already here\n")
        let t = try #require(Template.named("case"))
        let (id, edits) = t.scaffold(under: "t", in: map, speech: nil)
        #expect(id == "case")
        try map.apply(.batch(edits))
        #expect(map.index(of: "case-harms-2") != nil && map.index(of: "case-plan") != nil && map.claims[map.index(of: "case-harms")!].text == "already here")
        let (second, more) = t.scaffold(under: "t", in: map, speech: nil)
        #expect(second == "case-2")
        try map.apply(.batch(more))
        #expect(t.parts.allSatisfy { map.index(of: "case-2-\($0)") != nil })
        #expect(Set(map.claims.map(\.id)).count == map.count)
    }

    @Test func aMissingPartAndEvidenceWithoutSource() throws {
        let map = try load("""
            [t]: thesis
              - <cp>: Counterplan: do it later {template: "counterplan"}
                + [cp-text]: The text {part: "text"}
                + [cp-competition]: Mutually exclusive #competition
                + [card]: A study says so #evidence
            """)
        let report = CheckReport(map) { Evaluator.evaluate(map, $0) }
        #expect(report.errors == ["counterplan cp has no net benefit"])
        #expect(report.warnings == ["card is evidence with no source"])
    }

    /// A claim with no text is an error, in claim order, also when a large map is looked at in
    /// two halves at once; a structure's part with no text is not (it is said as a part not
    /// filled in).
    @Test func claimsWithNoTextAreErrors() throws {
        var map = MapGenerator.generate(.init(claims: 70_000, shape: .tree, seed: 3))
        #expect(CheckReport(map) { Evaluator.evaluate(map, $0) }.errors.isEmpty)
        let (early, late, part) = (map.claims[10].id, map.claims[69_000].id, map.claims[500].id)
        try map.apply(.batch([.setText(late, ""), .setText(early, ""), .setText(part, ""), .setValue(part, .data(key: "part", DataValue.string("link")))]))
        #expect(CheckReport(map) { Evaluator.evaluate(map, $0) }.errors == ["\(early) has no text", "\(late) has no text"])
    }

    /// `check` looks at what the map says; `check --integrity` also verifies how it is stored,
    /// which only a fault in argmap could break (here, a base score out of range written
    /// straight into the storage).
    @Test func integrityIsVerifiedWhenAskedFor() throws {
        let map = try load("[t]: thesis\n  + [a]: A reason\n")
        var claims = map.claims
        claims[1].base = 1.5
        let broken = try ArgumentMap(title: nil, frontmatter: nil, checkedClaims: claims, relations: map.relations, indexByID: map.indexByID,
                                     incoming: map.incoming, outgoing: map.outgoing)
        #expect(CheckReport(broken) { Evaluator.evaluate(broken, $0) }.errors.isEmpty)
        #expect(CheckReport(broken, integrity: true) { Evaluator.evaluate(broken, $0) }.errors == ["base of a out of range"])
        #expect(CheckReport(map, integrity: true) { Evaluator.evaluate(map, $0) }.errors.isEmpty)
    }

    @Test func expectationsParseAndCheck() throws {
        let map = try debateMap()
        let (list, problems) = Expectation.read(frontmatter: map.frontmatter)
        #expect(problems.isEmpty)
        #expect(list.count == 3)
        let report = CheckReport(map) { Evaluator.evaluate(map, $0) }
        #expect(report.passes, "\(report.expectations.map(\.found))")
        for (text, passes) in [("under dfquad the thesis scores above 0.9", false), ("plan scores at most 0.5", true),
                               ("harms is undecided under grounded", false), ("no drops", false), ("every kritik has an alternative", true),
                               ("every disad has an impact", true), ("every disadvantage has a internal link", true)] {
            let e = try #require(Expectation.parse(text), "\(text)")
            #expect(e.check(map) { Evaluator.evaluate(map, $0) }.passed == passes, "\(text)")
        }
        #expect(Expectation.parse("the thesis is good") == nil)
        let bad = Expectation.read(frontmatter: "expect:\n  - the thesis is good\n")
        #expect(bad.problems.count == 1)
    }
}

@Suite struct ToulminTests {
    @Test func partsFromRolesAndStances() throws {
        let map = try load("""
            [c]: The port matters
              + [data]: Trade through it doubled {sources: ["Port authority, 2024"]}
              + [w]: Trade volume shows importance
                + [b]: Economists measure importance by trade
              - [r]: The trade is mostly transit
              + [role]: Named a rebuttal by its role {role: "rebuttal"}
            """)
        let t = Toulmin(map, map.index(of: "c")!, score: 0.65)
        let id = { (cs: [Int]) in cs.map { map.claims[$0].id } }
        #expect(id(t.grounds) == ["data"])
        #expect(id(t.warrants) == ["w"])
        #expect(id(t.backing) == ["b"])
        #expect(Set(id(t.rebuttals)) == ["r", "role"])
        #expect(t.qualifier == "probably" && t.qualifierFromScore)
        #expect(t.missing == ["qualifier (written)"])
        let bare = Toulmin(map, map.index(of: "b")!, score: nil)
        #expect(bare.missing == ["grounds", "warrant", "backing", "qualifier (written)", "rebuttals"])
    }
}
