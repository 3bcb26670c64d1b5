import Testing
import ArgMapModel
@testable import ArgMapREPL

/// A map whose every claim answers another (two rival theses that attack each other, one
/// supported): its top is its first claim, not an empty map. `ls` at the top lists it, and the
/// commands that default to the thesis (`impact`, `compare`, `why`, `verdict`, `whatif`'s
/// theses, `tree`, `flow`) work on it, and `check` warns of it, as they do on a map with a thesis that
/// answers none.
struct RivalThesesTests {
    static func rivals() throws -> ArgumentMap {
        var map = ArgumentMap()
        try map.apply(.addClaim(Claim(id: "succeeding", text: "The pivot to Asia is succeeding.")))
        try map.apply(.addClaim(Claim(id: "failing", text: "The pivot to Asia is failing.")))
        try map.apply(.addClaim(Claim(id: "shortfall", text: "Trade with China fell short of its targets.")))
        try map.apply(.link(RelationSpec(from: "failing", to: "succeeding", type: .attack)))
        try map.apply(.link(RelationSpec(from: "succeeding", to: "failing", type: .attack)))
        try map.apply(.link(RelationSpec(from: "shortfall", to: "failing", type: .support)))
        return map
    }

    @Test func theTopOfAMapWhoseEveryClaimAnswersAnotherIsItsFirstClaim() throws {
        let map = try Self.rivals()
        #expect(map.roots.isEmpty && map.theses == [0])
        #expect(ArgumentMap().theses.isEmpty, "an empty map has no thesis")
        let session = Session(map: map)
        let console = Console(sink: .buffer)
        let repl = REPL(session: session, console: console, editor: PlainLineEditor(lines: []), sourceName: "t")
        func output(_ command: String) -> String {
            let before = console.output.count
            #expect(repl.execute(command), "\(command): \(console.errors)")
            return String(console.output.dropFirst(before))
        }
        let top = output("ls")
        #expect(top.contains("1. [succeeding]") && !top.contains("empty map"), "\(top)")
        #expect(output("impact").hasPrefix("succeeding scores "))
        #expect(output("compare").contains("succeeding"))
        #expect(output("why").contains("Why [succeeding]"))
        #expect(output("verdict").hasPrefix("succeeding under"))
        #expect(output("whatif shortfall base 0.2").contains("succeeding:"))
        let tree = output("tree")
        #expect(tree.contains("[succeeding]") && tree.contains("[failing]") && tree.contains("shortfall"), "\(tree)")
        #expect(output("flow").contains("failing"))
        let check = output("check")
        #expect(check.contains("no thesis; 0 errors, 1 warning"), "\(check)")
        #expect(check.contains("warning: the map has no thesis: every claim answers another"), "\(check)")
        _ = output("cd 1")
        #expect(session.focus == map.index(of: "succeeding"), "cd 1 from the top goes to the first claim")
    }

    /// The claims no thesis reaches (a cycle that answers no thesis, and what answers it) are
    /// found, in claim order, and `check` warns of them by name; a cycle under the thesis is
    /// reached, and a map whose every claim answers another has none counted.
    @Test func checkWarnsOfClaimsNoThesisReaches() throws {
        var map = ArgumentMap()
        for id in ["t", "a", "x", "y", "z", "u", "v"] { try map.apply(.addClaim(Claim(id: id, text: "claim \(id)"))) }
        for (from, to, type) in [("a", "t", RelationType.support), ("u", "a", .attack), ("v", "u", .attack), ("u", "v", .attack),
                                 ("x", "y", .attack), ("y", "x", .attack), ("z", "y", .support)] {
            try map.apply(.link(RelationSpec(from: from, to: to, type: type)))
        }
        #expect(map.claimsNoThesisReaches(from: map.roots).map { map.claims[$0].id } == ["x", "y", "z"])
        let rivals = try Self.rivals()
        #expect(rivals.claimsNoThesisReaches(from: rivals.roots).isEmpty)
        let console = Console(sink: .buffer)
        let repl = REPL(session: Session(map: map), console: console, editor: PlainLineEditor(lines: []), sourceName: "t")
        #expect(repl.execute("check"))
        #expect(console.output.contains("warning: 3 claims no thesis reaches (on or above a cycle that answers no thesis): x, y, z; link the cycle to a thesis, or go there with cd x"), "\(console.output)")
        #expect(console.output.contains("1 thesis; 0 errors, 1 warning"))
        #expect(repl.execute("link x support t"))
        let before = console.output.count
        #expect(repl.execute("check"))
        #expect(String(console.output.dropFirst(before)).contains("1 thesis; no problems"))
    }
}
