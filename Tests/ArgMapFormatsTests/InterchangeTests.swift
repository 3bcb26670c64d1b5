import Foundation
import Testing
@testable import ArgMapFormats
import ArgMapModel

/// Kialo import (both formats) and export, and every exporter's escaping of hostile text.
struct KialoTests {
    func ids(_ map: ArgumentMap, _ text: String) -> Int? { map.claims.firstIndex { $0.text.hasPrefix(text) } }

    @Test func olderFormatWithLinksEscapesAndCRLF() throws {
        let result = try KialoFormat.read(try Fixtures.text("kialo/older.txt"))
        let map = result.map
        #expect(map.title == "Should the city build protected bike lanes?")
        #expect(map.count == 7)
        #expect(map.relations.count == 8)
        let injuries = try #require(ids(map, "Protected lanes cut cyclist injuries"))
        #expect(map.claims[injuries].text == "Protected lanes cut cyclist injuries (by about 40%) where they were built.")
        let isolated = try #require(ids(map, "Isolated lanes"))
        #expect(map.claims[isolated].text == "Isolated lanes do not help; only a [connected] network does.")
        #expect(map.claims[try #require(ids(map, "The money"))].text == "The money would come out of school maintenance. Schools would suffer.")
        // "-> See 1.1.1." under the thesis as Con: the same claim attacks two parents.
        let thesis = try #require(ids(map, "The city should"))
        #expect(map.relations.contains { $0.from == isolated && $0.to == thesis && $0.type == .attack })
        #expect(map.relations.contains { $0.from == isolated && $0.to == injuries && $0.type == .attack })
        // "-> See 1.1.1.1." under 1.2: claim 1.1.1.1 answers 1.1.1 and 1.2.
        let network = try #require(ids(map, "The plan covers"))
        #expect(map.parents(of: network).count == 2)
        #expect(result.notes.first == "read 7 claims and 8 relations (2 from -> See links)")
    }

    /// A claim may come before the claim it answers, and a link before the claim it names:
    /// each is found once the file is read, from its text and from its bytes alike; a link
    /// that repeats a claim's own relation is skipped with a note.
    @Test func aClaimBeforeTheClaimItAnswers() throws {
        let file = "Discussion Title: T\n1. Thesis\n1.1.1. Pro: grandchild first\n1.1. Con: child\n1.2. Pro: -> See 1.3.\n1.3. Con: later\n"
        let fromBytes = try #require(Array(file.utf8).withUnsafeBufferPointer { KialoFormat.read(bytes: $0, release: { _ in }) })
        for result in [try KialoFormat.read(file), fromBytes] {
            let map = result.map
            #expect(map.claims.map(\.id) == ["thesis", "grandchild-first", "child", "later"])
            #expect(map.relations.map { "\(map.claims[$0.from].id) \($0.type) \(map.claims[$0.to].id)" }
                    == ["grandchild-first support child", "child attack thesis", "later support thesis"])
            #expect(result.notes == ["read 4 claims and 3 relations (1 from -> See links)", "line 6: a second link from 1.3 to 1 was skipped"])
        }
    }

    @Test func newerFormatWithParagraphsAndSources() throws {
        let map = try KialoFormat.read(try Fixtures.text("kialo/newer.txt")).map
        #expect(map.title == "Should the city build protected bike lanes?")
        #expect(map.count == 4)
        let injuries = try #require(ids(map, "Protected lanes"))
        #expect(map.claims[injuries].text == "Protected lanes cut cyclist injuries where they were built. They also make cycling feel safer.")
        #expect(map.claims[injuries].sources == [Source(citation: "Comparative study of protected lanes in twelve cities, Journal of Transport and Health, 2023.")])
        let isolated = try #require(ids(map, "Isolated"))
        let cost = try #require(ids(map, "The lanes cost"))
        #expect(map.relations.contains { $0.from == isolated && $0.to == cost && $0.type == .support }, "the link's stance belongs to the link")
        #expect(map.relations.contains { $0.from == isolated && $0.to == injuries && $0.type == .attack })
    }

    @Test func sourceMarkersAreFoundWhereTheyStand() {
        let sources = ["1": "First", "2": "Second", "+3": "Third", "4": "Unused", "5": "Fifth"]
        #expect(KialoFormat.markers(in: "a [2] claim [1] citing [2] again, [x], [[5], [+3] and [3 unclosed", of: sources) == ["2", "1", "5", "+3"])
        #expect(KialoFormat.markers(in: "no markers [here]", of: sources).isEmpty)
        #expect(KialoFormat.markers(in: "[1]", of: [:]).isEmpty)
    }

    @Test func exportThenImportKeepsClaimsRelationsAndStances() throws {
        for name in RoundTripTests.shippedMaps {
            let map = try ArgdownFormat.read(String(contentsOf: Fixtures.repository.appendingPathComponent("Arguments/" + name), encoding: .utf8)).map
            let back = try KialoFormat.read(KialoFormat.write(map)).map
            #expect(back.count == map.count, "\(name)")
            #expect(back.relations.count == map.relations.count, "\(name)")
            func signature(_ m: ArgumentMap) -> [String] {
                m.relations.map { "\(m.claims[$0.from].text) \($0.type == .support ? "+" : "-") \(m.claims[$0.to].text)" }.sorted()
            }
            let undercutsAsAttacks = map.relations.map { r -> String in
                "\(map.claims[r.from].text) \(r.type == .support ? "+" : "-") \(map.claims[r.to].text)"
            }.sorted()
            #expect(signature(back) == undercutsAsAttacks, "\(name): stances survive (undercuts become Con)")
        }
    }

    @Test func malformedKialoIsLocated() {
        func message(_ text: String) -> String {
            do { _ = try KialoFormat.read(text, file: "k.txt"); return "" } catch { return error.description }
        }
        #expect(message("Discussion Title: x\n\n1. t\n1.1. Pro: a\n1.2. Con: -> See 1.9.").contains("k.txt:5:1: error: '-> See 1.9.' names no claim"))
        #expect(message("Discussion Title: x\n\n1. t\n1.1.1. Pro: orphan").contains("k.txt:4:1: error: claim 1.1.1 answers 1.1, which is not in the file"))
        #expect(message("Title: x").contains("starts with 'Discussion Title:'"))
        #expect(message("Discussion Title: x\n\n1. t\n1.1. a reason without a stance").contains("needs Pro: or Con:"))
    }
}

struct ExportEscapingTests {
    static let hostile = "A \"quote\", a back\\slash, <script>alert('x')</script>, `ticks`, a | pipe, a # hash, --> and a\nnew line"

    func hostileMap() throws -> ArgumentMap {
        var map = ArgumentMap(title: "Title with \"quotes\" <b>")
        try map.apply(.addClaim(Claim(id: "t", text: Self.hostile, sources: [Source(citation: "<cite>", url: "https://example.org/?a=<b>")])))
        try map.apply(.addClaim(Claim(id: "r", text: "=SUM(A1:A2) and \"more\"")))
        try map.apply(.addClaim(Claim(id: "u", text: "undercutter")))
        try map.apply(.link(RelationSpec(from: "r", to: "t", type: .attack, weight: 0.5)))
        try map.apply(.link(RelationSpec(from: "u", to: "r", type: .undercut)))
        return map
    }

    /// Pictures drawn on several threads at once each finish. A dot that inherited another
    /// render's pipe would hold that render's input open, and two such would wait for each
    /// other for ever; a watchdog fails the test instead of hanging the suite.
    @Test func picturesDrawnOnManyThreadsAtOnceEachFinish() throws {
        let dot = DotExporter.write(MapGenerator.generate(.init(claims: 40, shape: .tree, seed: 3)))
        let threads = 8, rounds = 8
        let drawn = Parallel.Slots<Int>(threads)
        let group = DispatchGroup()
        for k in 0..<threads {
            group.enter()
            Thread.detachNewThread {
                var n = 0
                for _ in 0..<rounds where (try? Graphviz.render(dot, format: "svg"))?.isEmpty == false { n += 1 }
                drawn[k] = n
                group.leave()
            }
        }
        let finished = group.wait(timeout: .now() + 60) == .success
        #expect(finished, "every dot finished")
        if finished { #expect(drawn.values.map { $0 ?? 0 } == Array(repeating: rounds, count: threads)) }
    }

    @Test func dotIsAcceptedByGraphvizAndKeepsTheText() throws {
        let dot = DotExporter.write(try hostileMap(), ExportOptions(scores: [0.25, 0.5, 0.75], semantics: "dfquad"))
        #expect(dot.contains(#"A \"quote\","#))
        #expect(dot.contains(#"back\\slash"#))
        #expect(!dot.contains("\nnew line"), "line breaks inside a label are escaped")
        let svg = String(decoding: try Graphviz.render(dot, format: "svg"), as: UTF8.self)
        #expect(svg.contains("<svg"))
        #expect(svg.contains("&lt;script&gt;alert"), "Graphviz shows the markup as text")
        #expect(!svg.contains("<script>"))
        #expect(svg.contains("dfquad 0.25"))
        let png = try Graphviz.render(dot, format: "png")
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(throws: ExportFailure.self) { try Graphviz.render("digraph { a -> }", format: "svg") }
    }

    @Test func mermaidUsesEntityCodes() throws {
        let text = MermaidExporter.write(try hostileMap())
        #expect(text.contains("#quot;quote#quot;"))
        #expect(text.contains("#lt;script#gt;"))
        #expect(text.contains("#124; pipe"))
        #expect(!text.contains("<script>"))
        #expect(text.contains("n1 -.->|\"con w 0.5\"| n0"))
        #expect(text.contains("n2 -.-x|\"undercut\"| n1"))
    }

    @Test func markdownEscapesPunctuation() throws {
        let text = MarkdownExporter.write(try hostileMap())
        #expect(text.contains(#"\<script\>alert('x')\</script\>"#))
        #expect(text.contains(#"\`ticks\`, a \| pipe"#))
        #expect(!text.contains("<script>"))
        #expect(text.contains("**Con:**"))
        #expect(text.contains("**Undercut:**"))
    }

    @Test func csvQuotesAndGuardsFormulas() throws {
        let text = CSVExporter.write(try hostileMap())
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines[0] == "from,to,type,weight,from_text,to_text")
        #expect(lines[1].hasPrefix("r,t,attack,0.5,\"'=SUM(A1:A2) and \"\"more\"\"\",\"A \"\"quote\"\""))
        #expect(text.contains("--> and a new line\""), "a line break in a claim's text is folded to a space")
    }
}

struct ShippedMapPictureTests {
    @Test(arguments: RoundTripTests.shippedMaps)
    func everyShippedMapDrawsInGraphviz(name: String) throws {
        let map = try ArgdownFormat.read(String(contentsOf: Fixtures.repository.appendingPathComponent("Arguments/" + name), encoding: .utf8)).map
        let svg = String(decoding: try Graphviz.render(DotExporter.write(map, ExportOptions(scores: Array(repeating: 0.5, count: map.count))), format: "svg"), as: UTF8.self)
        #expect(svg.contains("<svg"))
        for claim in map.claims { #expect(svg.contains(claim.id.replacingOccurrences("-", with: "&#45;")), "\(name): \(claim.id) is drawn (Graphviz writes - as &#45;)") }
    }
}
