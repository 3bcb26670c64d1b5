import Testing
import ArgMapModel
@testable import ArgMapREPL

/// A map whose every claim answers another (two rival theses that attack each other, one
/// supported): its top is its first claim, not an empty map. `ls` at the top lists it, and the
/// commands that default to the thesis (`impact`, `compare`, `why`, `verdict`, `whatif`'s
/// theses, `tree`, `flow`, `check`'s count) work on it, as they do on a map with a thesis that
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
        #expect(output("check").contains("1 thesis"))
        _ = output("cd 1")
        #expect(session.focus == map.index(of: "succeeding"), "cd 1 from the top goes to the first claim")
    }
}
