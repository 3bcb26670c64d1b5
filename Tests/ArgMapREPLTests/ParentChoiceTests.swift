import Testing
import ArgMapModel
@testable import ArgMapREPL

/// An edit of a claim's relation to a parent, for a claim that answers several and no parent
/// said: the error names the first few parents (a claim may answer thousands) and says how to
/// choose one, in the words of the command given.
struct ParentChoiceTests {
    @Test func aClaimWithManyParentsNamesTheFirstFewAndHowToChoose() throws {
        var map = ArgumentMap()
        for i in 0..<12 { try map.apply(.addClaim(Claim(id: "p\(i)", text: "parent \(i)"))) }
        try map.apply(.addClaim(Claim(id: "q", text: "another parent")))
        try map.apply(.addClaim(Claim(id: "c", text: "a claim that answers them all")))
        for i in 0..<12 { try map.apply(.link(RelationSpec(from: "c", to: "p\(i)", type: .support))) }
        let session = Session(map: map)
        let console = Console(sink: .buffer)
        let repl = REPL(session: session, console: console, editor: PlainLineEditor(lines: []), sourceName: "t")
        for (command, how) in [("mv c p0", "--from PARENT"), ("unlink c", "unlink c PARENT"), ("set c weight 0.5", "--to PARENT")] {
            let before = console.errors.count
            #expect(!repl.execute(command), "\(command) needs a parent")
            let error = String(console.errors.dropFirst(before))
            #expect(error.contains("c answers 12 claims: p0, p1, p2, p3, p4, p5, p6, p7, … and 4 more"), "\(command): \(error)")
            #expect(error.contains("hint: say which with \(how)"), "\(command): \(error)")
        }
        #expect(repl.execute("mv c q --from p3"))
        let parents = Set(session.map.parents(of: session.map.index(of: "c")!).map { session.map.claims[$0.claim].id })
        #expect(parents.count == 12 && parents.contains("q") && !parents.contains("p3"))
    }

    /// `ls` and `show` of a claim that answers many name the first few and say how to see every
    /// one; `show --all` lists every claim it answers and every claim under it.
    @Test func lsAndShowOfAClaimWithManyParentsFoldTheList() throws {
        var map = ArgumentMap()
        for i in 0..<30 { try map.apply(.addClaim(Claim(id: "p\(i)", text: "parent \(i)"))) }
        try map.apply(.addClaim(Claim(id: "c", text: "a claim that answers them all")))
        for i in 0..<30 { try map.apply(.link(RelationSpec(from: "c", to: "p\(i)", type: .support))) }
        for i in 0..<25 {
            try map.apply(.addClaim(Claim(id: "k\(i)", text: "under c \(i)")))
            try map.apply(.link(RelationSpec(from: "k\(i)", to: "c", type: .attack)))
        }
        let console = Console(sink: .buffer)
        let repl = REPL(session: Session(map: map), console: console, editor: PlainLineEditor(lines: []), sourceName: "t")
        func output(_ command: String) -> String {
            let before = console.output.count
            #expect(repl.execute(command), "\(command)")
            return String(console.output.dropFirst(before))
        }
        let ls = output("ls c")
        #expect(ls.contains("answers 30 claims: p0, p1, p2, p3, p4, p5, p6, p7, … and 22 more (show c --all lists every one)"), "\(ls)")
        #expect(!ls.contains("p8"))
        let show = output("show c")
        #expect(show.contains("supports  p19") && !show.contains("p20"), "\(show)")
        #expect(show.contains("… it answers 10 more (show c --all lists every one)"), "\(show)")
        #expect(show.contains("20. - k19") && !show.contains("k20"))
        #expect(show.contains("… 5 more (show c --all or ls lists every one)"))
        let all = output("show c --all")
        #expect((0..<30).allSatisfy { all.contains("supports  p\($0)\n") }, "\(all)")
        #expect((0..<25).allSatisfy { all.contains("\($0 + 1). - k\($0)\n") }, "\(all)")
        #expect(!all.contains("more"))
    }
}
