import Foundation
import Testing

/// argmap on a real terminal (tmux): libedit line editing, completion, history, Ctrl-C,
/// Ctrl-D, Cyrillic. Serialized: each test owns a tmux server, and timing matters.
@Suite(.serialized)
struct TerminalTests {
    func environment(_ tmp: TemporaryFolder) -> [String: String] { terminalEnvironment(tmp) }

    /// The walkthrough: open the Pivot map, walk to the evidence under the second
    /// reason, add a counter-argument, undo, redo and save, using help and Tab.
    @Test func walkthroughWithHelpAndTab() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.cleanup() }
        let map = try tmp.copy("Arguments/pivot-to-asia.argdown", as: "pivot.argdown")
        let t = try Terminal([map], environment: environment(tmp))
        defer { t.close() }
        #expect(t.waitFor("pivot> "), "prompt: \(t.screen)")
        try t.type("hel"); try t.press("Tab")
        #expect(t.waitFor("pivot> help "), "Tab completes a command: \(t.screen)")
        try t.press("Enter")
        #expect(t.waitFor("Type help COMMAND"))
        try t.type("cd 1"); try t.press("Enter")
        try t.type("cd reason-2"); try t.press("Tab")
        #expect(t.waitFor("cd reason-2-sino-centrism "), "Tab completes a claim id: \(t.screen)")
        try t.press("Enter")
        #expect(t.waitFor("pivot/reason-2-sino-centrism score 1.00> "), "\(t.screen)")
        try t.type("cd 1"); try t.press("Enter")
        #expect(t.waitFor("pivot/marginal-for-china score 0.90> "))
        try t.type("add con Russia's energy exports to China grew --id energy-exports --base 0.6"); try t.press("Enter")
        #expect(t.waitFor("added [energy-exports] at 1.6.1.1"))
        #expect(t.waitFor("pivot/marginal-for-china score 0.36*> "), "the prompt shows the new score and unsaved changes: \(t.screen)")
        try t.type("undo"); try t.press("Enter")
        #expect(t.waitFor("undid: add energy-exports"))
        #expect(t.waitFor("pivot/marginal-for-china score 0.90> "))
        try t.type("redo"); try t.press("Enter")
        #expect(t.waitFor("redid: add energy-exports"))
        try t.type("save"); try t.press("Enter")
        #expect(t.waitFor("saved \(map)"))
        try t.type("quit"); try t.press("Enter")
        #expect(t.waitForExit())
        let saved = try String(contentsOfFile: map, encoding: .utf8)
        #expect(saved.contains("- [energy-exports]: Russia's energy exports to China grew {base: 0.6}"))
    }

    @Test func ambiguousCompletionListsCandidatesInColumns() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.cleanup() }
        let t = try Terminal([Repository.root + "/Arguments/pivot-to-asia.argdown"], environment: environment(tmp))
        defer { t.close() }
        #expect(t.waitFor("pivot-to-asia> "))
        try t.type("show reason-"); try t.press("Tab")
        #expect(t.waitFor("reason-1-no-comprehensive-approach"), "\(t.screen)")
        #expect(t.screen.contains("reason-4-local-alienation"))
        #expect(t.screen.contains("pivot-to-asia> show reason-"), "the line is redrawn after the list")
    }

    @Test func historyIsRecalledInASecondSession() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.cleanup() }
        let env = environment(tmp)
        let first = try Terminal([Repository.root + "/Arguments/school-start-times.argdown"], environment: env)
        #expect(first.waitFor("school-start-times> "))
        try first.type("show sleep-research"); try first.press("Enter")
        try first.type(" show secret-line"); try first.press("Enter")
        try first.type("quit"); try first.press("Enter")
        #expect(first.waitForExit())
        first.close()
        let history = try String(contentsOfFile: tmp.path + "/state/argmap/history", encoding: .utf8)
        // libedit's own history format: a header, then each line vis-encoded (a space is \040).
        #expect(history.hasPrefix("_HiStOrY_V2_\n"))
        #expect(history.contains("show\\040sleep-research"))
        #expect(!history.contains("secret-line"), "a line starting with a space is not recorded")
        let second = try Terminal([Repository.root + "/Arguments/school-start-times.argdown"], environment: env)
        defer { second.close() }
        #expect(second.waitFor("school-start-times> "))
        try second.press("Up", "Up")
        #expect(second.waitFor("school-start-times> show sleep-research"), "\(second.screen)")
    }

    @Test func ctrlCDiscardsTheLineAndKeepsTheSession() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.cleanup() }
        let t = try Terminal([Repository.root + "/Arguments/school-start-times.argdown"], environment: environment(tmp))
        defer { t.close() }
        #expect(t.waitFor("school-start-times> "))
        try t.type("show nosuch-claim")
        try t.press("C-c")
        #expect(t.waitFor("^C"))
        try t.type("ls"); try t.press("Enter")
        #expect(t.waitFor("7 claims, 8 relations"), "\(t.screen)")
        #expect(!t.screen.contains("no claim 'nosuch-claim'"), "the discarded line did not run")
        #expect(!t.exited)
    }

    /// Ctrl-C stops a long command between its steps: `impact --all` on a map of 100,000
    /// claims with cycles, which takes many seconds, stops and ranks the claims it tried; the
    /// session goes on, its scores as they were.
    @Test func ctrlCStopsALongImpact() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.cleanup() }
        let t = try Terminal(["--no-rc"], environment: environment(tmp))
        defer { t.close() }
        #expect(t.waitFor("> "))
        try t.type("generate --claims 100000 --shape cyclic --seed 7"); try t.press("Enter")
        #expect(t.waitFor("generated 100000 claims", timeout: 60), "\(t.screen)")
        // The focus's score, in the last prompt with nothing typed after it (not the one
        // `impact` was typed at), before and after.
        func score() -> String {
            guard let line = t.screen.components(separatedBy: "\n").last(where: { $0.contains("/c5 score ") && !$0.contains("impact") }),
                  let at = line.range(of: "/c5 score ") else { return "" }
            return String(line[at.upperBound...].prefix(4))
        }
        try t.type("cd c5"); try t.press("Enter")
        #expect(t.waitFor("/c5 score 0."), "\(t.screen)")
        let before = score()
        try t.press("C-l")
        try t.type("impact --all --top 3"); try t.press("Enter")
        Thread.sleep(forTimeInterval: 1.5)
        try t.press("C-c")
        #expect(t.waitFor("(interrupted: ", timeout: 10), "Ctrl-C stopped the trials: \(t.screen)")
        #expect(t.waitFor("claims to try were tried, and are ranked above)"))
        // The prompt after it (the screen was cleared before `impact`, so any bare prompt on it
        // is that one).
        let deadline = Date().addingTimeInterval(10)
        while score().isEmpty && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        #expect(!before.isEmpty && score() == before, "the live scores are as they were: \(before) / \(score())")
        #expect(!t.exited)
    }

    /// Ctrl-C stops a command's long output: `tree --all` of 300,000 claims, which takes
    /// many seconds to make and to show, stops at once and says so; the session goes on.
    @Test func ctrlCStopsLongOutput() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.cleanup() }
        let t = try Terminal(["--no-rc"], environment: environment(tmp))
        defer { t.close() }
        #expect(t.waitFor("> "))
        try t.type("generate --claims 300000 --seed 7"); try t.press("Enter")
        #expect(t.waitFor("generated 300000 claims", timeout: 60), "\(t.screen)")
        try t.press("C-l")
        try t.type("tree --all"); try t.press("Enter")
        // Once the tree is on its way (its first line shown: the line was read and runs).
        #expect(t.waitFor("(base ", timeout: 30), "\(t.screen)")
        Thread.sleep(forTimeInterval: 0.3)
        try t.press("C-c")
        // (On a line of its own, however the output was cut.)
        #expect(t.waitFor("\n(interrupted: the rest of tree's output was not printed)", timeout: 5), "Ctrl-C stopped the output: \(t.screen)")
        try t.press("C-l")
        try t.type("show c0"); try t.press("Enter")
        #expect(t.waitFor("under it ", timeout: 10), "the session goes on: \(t.screen)")
        #expect(!t.exited)
    }

    @Test func ctrlDAsksFirstWhenThereAreUnsavedChanges() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.cleanup() }
        let map = try tmp.copy("Arguments/school-start-times.argdown", as: "school.argdown")
        let t = try Terminal([map], environment: environment(tmp))
        defer { t.close() }
        #expect(t.waitFor("school> "))
        try t.type("add thesis Something new"); try t.press("Enter")
        #expect(t.waitFor("school*> "))
        try t.press("C-d")
        #expect(t.waitFor("Quit without saving? (y/n)"), "\(t.screen)")
        try t.type("n"); try t.press("Enter")
        #expect(t.waitFor("school*> "))
        #expect(!t.exited)
        try t.press("C-d")
        #expect(t.waitFor("Quit without saving? (y/n)"))
        try t.type("y"); try t.press("Enter")
        #expect(t.waitForExit(), "\(t.screen)")
    }

    /// The shell gets its terminal back as it was, and the exit status 0, once argmap quits on
    /// `quit` and on Ctrl-D (argmap ends its process without freeing the map).
    @Test(arguments: ["quit", "C-d"])
    func quittingGivesTheShellItsTerminalBack(_ how: String) throws {
        let tmp = try TemporaryFolder()
        defer { tmp.cleanup() }
        let before = tmp.file("before"), after = tmp.file("after")
        let t = try Terminal([Repository.root + "/Arguments/pivot-to-asia.argdown"], environment: environment(tmp),
                             shell: "stty -g > \(before); {argmap}; echo \"exit $?\"; stty -g > \(after); echo ended")
        defer { t.close() }
        #expect(t.waitFor("pivot-to-asia> "))
        try t.type("cd reason-2"); try t.press("Tab"); try t.press("Enter")
        #expect(t.waitFor("pivot-to-asia/reason-2-sino-centrism"), "\(t.screen)")
        if how == "quit" { try t.type("quit"); try t.press("Enter") } else { try t.press("C-d") }
        #expect(t.waitFor("ended"), "\(t.screen)")
        #expect(t.screen.contains("exit 0"), "\(t.screen)")
        let was = try String(contentsOfFile: before, encoding: .utf8), now = try String(contentsOfFile: after, encoding: .utf8)
        #expect(!was.isEmpty)
        #expect(now == was, "stty -g before argmap: \(was), after: \(now)")
    }

    @Test func cyrillicTypesEditsCompletesAndDisplays() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.cleanup() }
        let t = try Terminal([tmp.file("восток.argdown")], environment: environment(tmp))
        defer { t.close() }
        #expect(t.waitFor("восток> "), "\(t.screen)")
        try t.type("add thesis Поворот на восток удался --id поворот"); try t.press("Enter")
        #expect(t.waitFor("added [поворот] at 1"), "\(t.screen)")
        try t.type("show пов"); try t.press("Tab")
        #expect(t.waitFor("show поворот "), "\(t.screen)")
        try t.press("Enter")
        #expect(t.waitFor("text      Поворот на восток удался"), "\(t.screen)")
        // Editing: recall the line, move left over a Cyrillic word and change it.
        try t.type("add con Порт Магадана слабый --to поворот"); try t.press("Enter")
        #expect(t.waitFor("added [порт-магадана-слабый] at 1.1"), "\(t.screen)")
        try t.type("save"); try t.press("Enter")
        #expect(t.waitFor("saved"))
        let saved = try String(contentsOfFile: tmp.file("восток.argdown"), encoding: .utf8)
        #expect(saved == "[поворот]: Поворот на восток удался\n  - [порт-магадана-слабый]: Порт Магадана слабый\n")
    }
}

/// More of the terminal: edit with the text ready to change, rm asking first, the startup file.
@Suite(.serialized)
struct TerminalEditingTests {
    func environment(_ tmp: TemporaryFolder) -> [String: String] { terminalEnvironment(tmp) }

    @Test func editPutsTheCurrentTextOnTheLine() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.cleanup() }
        let t = try Terminal([tmp.file("m.argdown")], environment: environment(tmp))
        defer { t.close() }
        #expect(t.waitFor("m> "))
        try t.type("add thesis Ports are slow --id ports"); try t.press("Enter")
        try t.type("edit ports"); try t.press("Enter")
        #expect(t.waitFor("text> Ports are slow"), "\(t.screen)")
        // Go to the start of the line (Ctrl-A) and insert a word: the old text stays.
        try t.press("C-a")
        try t.type("Russia's ")
        try t.press("Enter")
        try t.type("show ports"); try t.press("Enter")
        #expect(t.waitFor("text      Russia's Ports are slow"), "\(t.screen)")
    }

    @Test func rmAsksBeforeRemovingASubtree() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.cleanup() }
        let t = try Terminal([Repository.root + "/Arguments/pivot-to-asia.argdown"], environment: environment(tmp))
        defer { t.close() }
        #expect(t.waitFor("pivot-to-asia> "))
        try t.type("rm reason-2-sino-centrism"); try t.press("Enter")
        #expect(t.waitFor("Remove reason-2-sino-centrism and the 3 claims under it? (y/n)"), "\(t.screen)")
        try t.type("n"); try t.press("Enter")
        #expect(t.waitFor("(nothing removed)"))
        try t.type("rm reason-2-sino-centrism"); try t.press("Enter")
        try t.type("y"); try t.press("Enter")
        #expect(t.waitFor("removed 4 claims"), "\(t.screen)")
        #expect(t.waitFor("pivot-to-asia*> "))
        // --yes: no question, so the line after it (pasted with it) is a command of its own.
        try t.type("rm reason-3-diplomacy-over-economics --yes"); try t.press("Enter")
        try t.type("show foreign-bodies"); try t.press("Enter")
        #expect(t.waitFor("removed 3 claims"), "\(t.screen)")
        #expect(t.waitFor("no claim 'foreign-bodies'"), "\(t.screen)")
        #expect(!t.screen.contains("reason-3-diplomacy-over-economics and the"), "\(t.screen)")
    }

    @Test func startupFileRunsUnlessNoRC() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.cleanup() }
        try FileManager.default.createDirectory(atPath: tmp.path + "/config/argmap", withIntermediateDirectories: true)
        try "set semantics euler\n".write(toFile: tmp.path + "/config/argmap/rc", atomically: true, encoding: .utf8)
        let t = try Terminal([Repository.root + "/Arguments/school-start-times.argdown"], environment: environment(tmp))
        #expect(t.waitFor("school-start-times> "))
        try t.type("set semantics"); try t.press("Enter")
        #expect(t.waitFor("set semantics euler"), "\(t.screen)")
        t.close()
        let plain = try Terminal(["--no-rc", Repository.root + "/Arguments/school-start-times.argdown"], environment: environment(tmp))
        defer { plain.close() }
        #expect(plain.waitFor("school-start-times> "))
        try plain.type("set semantics"); try plain.press("Enter")
        #expect(plain.waitFor("set semantics dfquad"), "\(plain.screen)")
    }

    @Test func colourOnATerminalButNotWithNoColor() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.cleanup() }
        var env = environment(tmp)
        let t = try Terminal([Repository.root + "/Arguments/school-start-times.argdown"], environment: env)
        #expect(t.waitFor("school-start-times> "))
        try t.type("ls"); try t.press("Enter")
        #expect(t.waitFor("[later-start]"))
        let coloured = (try? t.tmux(["capture-pane", "-e", "-p", "-t", t.name])) ?? ""
        #expect(coloured.contains("\u{1B}["), "escape codes on a terminal")
        t.close()
        env["NO_COLOR"] = "1"
        let plain = try Terminal([Repository.root + "/Arguments/school-start-times.argdown"], environment: env)
        defer { plain.close() }
        #expect(plain.waitFor("school-start-times> "))
        try plain.type("ls"); try plain.press("Enter")
        #expect(plain.waitFor("[later-start]"))
        let uncoloured = (try? plain.tmux(["capture-pane", "-e", "-p", "-t", plain.name])) ?? ""
        #expect(!uncoloured.contains("\u{1B}[1m"), "no colour with NO_COLOR")
    }
}

/// Nothing is lost: the crash journal survives SIGKILL and a closed terminal (SIGHUP) and is
/// replayed; saves keep FILE~ and notice a file changed by someone else.
@Suite(.serialized)
struct KeepingWorkTests {
    func environment(_ tmp: TemporaryFolder) -> [String: String] { terminalEnvironment(tmp) }

    func typeEdits(_ t: Terminal) throws {
        try t.type("add thesis Поворот не удался --id survivor"); try t.press("Enter")
        #expect(t.waitFor("added [survivor]"))
        try t.type("set survivor base 0.8"); try t.press("Enter")
        try t.type("add con The port was rebuilt --to survivor --id port"); try t.press("Enter")
        #expect(t.waitFor("added [port]"))
        try t.type("undo"); try t.press("Enter")
        #expect(t.waitFor("undid: add port"))
    }

    @Test func sigkillThenRecoverInAScript() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.cleanup() }
        let map = try tmp.copy("Arguments/school-start-times.argdown", as: "s.argdown")
        let env = environment(tmp)
        let t = try Terminal([map], environment: env)
        defer { t.close() }
        #expect(t.waitFor("s> "))
        try typeEdits(t)
        let pid = try #require(t.pid)
        kill(pid, SIGKILL)
        #expect(t.waitForExit())
        let plain = try runArgmap([map, "-c", "ls"], environment: env)
        #expect(plain.stderr.contains("has 4 unsaved edits from a session that ended without saving; run argmap --recover"), "\(plain.stderr)")
        let r = try runArgmap(["--recover", map, "-c", "show survivor", "-c", "save"], environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("recovered 4 of 4 edits"))
        #expect(r.stdout.contains("base      0.8"))
        let saved = try String(contentsOfFile: map, encoding: .utf8)
        #expect(saved.contains("[survivor]: Поворот не удался {base: 0.8}"))
        #expect(!saved.contains("[port]"), "the undo was journaled too")
        let again = try runArgmap([map, "-c", "check"], environment: env)
        #expect(!again.stderr.contains("unsaved edits"), "the journal is gone once recovered and saved")
    }

    @Test func closedTerminalThenRecoverOnATerminal() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.cleanup() }
        let map = try tmp.copy("Arguments/school-start-times.argdown", as: "s.argdown")
        let env = environment(tmp)
        let t = try Terminal([map], environment: env)
        #expect(t.waitFor("s> "))
        try typeEdits(t)
        let pid = try #require(t.pid)
        kill(pid, SIGHUP)
        #expect(t.waitForExit(), "argmap ends when its terminal hangs up")
        t.close()
        let second = try Terminal([map], environment: env)
        defer { second.close() }
        #expect(second.waitFor("from a session that ended without saving:"), "\(second.screen)")
        #expect(second.screen.contains("  add thesis Поворот не удался --id survivor"))
        #expect(second.waitFor("Recover them? (y/n)"))
        try second.type("y"); try second.press("Enter")
        #expect(second.waitFor("recovered 4 of 4 edits"), "\(second.screen)")
        try second.type("show survivor"); try second.press("Enter")
        #expect(second.waitFor("text      Поворот не удался"), "\(second.screen)")
    }

    /// A map that never had a file is journaled too, and offered to the next argmap started
    /// without one.
    @Test func sigkillAnUntitledMapThenRecover() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.cleanup() }
        let env = environment(tmp)
        let t = try Terminal([], environment: env)
        defer { t.close() }
        #expect(t.waitFor("Type help"))
        try typeEdits(t)
        let pid = try #require(t.pid)
        kill(pid, SIGKILL)
        #expect(t.waitForExit())
        let plain = try runArgmap(["-c", "ls"], environment: env)
        #expect(plain.stderr.contains("warning: an untitled map has 4 unsaved edits from a session that ended without saving; run argmap --recover to apply them"), "\(plain.stderr)")
        let withFile = try runArgmap([tmp.file("other.argdown"), "-c", "ls"], environment: env)
        #expect(!withFile.stderr.contains("unsaved edits"), "a session on a file is not offered an untitled map's edits")
        let saved = tmp.file("recovered.argdown")
        let r = try runArgmap(["--recover", "-c", "show survivor", "-c", "save " + saved], environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("recovered 4 of 4 edits"))
        #expect(try String(contentsOfFile: saved, encoding: .utf8).contains("[survivor]: Поворот не удался {base: 0.8}"))
        let again = try runArgmap(["-c", "ls"], environment: env)
        #expect(!again.stderr.contains("unsaved edits"), "the journal is gone once recovered")
    }

    @Test func ctrlDAtTheQuestionLeavesAndKeepsTheJournal() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.cleanup() }
        let map = try tmp.copy("Arguments/school-start-times.argdown", as: "s.argdown")
        let env = environment(tmp)
        let t = try Terminal([map], environment: env)
        defer { t.close() }
        #expect(t.waitFor("s> "))
        try t.type("add thesis Kept --id kept"); try t.press("Enter")
        #expect(t.waitFor("s*> "))
        try t.press("C-d")
        #expect(t.waitFor("Quit without saving? (y/n)"))
        try t.press("C-d")
        #expect(t.waitForExit(), "no one left to ask: argmap leaves instead of asking forever")
        let r = try runArgmap([map, "-c", "ls"], environment: env)
        #expect(r.stderr.contains("has 1 unsaved edit from a session that ended without saving"), "\(r.stderr)")
    }

    @Test func aSecondSessionIsWarned() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.cleanup() }
        let map = try tmp.copy("Arguments/school-start-times.argdown", as: "s.argdown")
        let env = environment(tmp)
        let t = try Terminal([map], environment: env)
        defer { t.close() }
        #expect(t.waitFor("s> "))
        try t.type("add thesis Unsaved --id unsaved"); try t.press("Enter")
        #expect(t.waitFor("added [unsaved]"))
        let r = try runArgmap([map, "-c", "check"], environment: env)
        #expect(r.stderr.contains("another argmap session (process \(t.pid ?? -1)) is editing"), "\(r.stderr)")
    }
}
