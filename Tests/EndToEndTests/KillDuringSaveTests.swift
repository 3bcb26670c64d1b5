import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// Saves are atomic: argmap is killed with SIGKILL at random moments while it saves a large map
/// again and again, and the file on disk (and its FILE~ backup) is always one whole version,
/// never a mix or a truncation.
struct KillDuringSaveTests {
    @Test func sigkillDuringHundredsOfSavesLeavesAWholeVersion() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let file = folder.file("big.argdown")
        let env = ["XDG_STATE_HOME": folder.file("state"), "ARGMAP_HISTORY": folder.file("history")]
        // A map of 20,000 claims (about 2 MB), and the two versions the saves alternate between.
        let made = try runArgmap(["--no-rc", "-c", "generate --claims 20000 --seed 11", "-c", "save \(file)"], environment: env)
        #expect(made.status == 0, "\(made.stderr)")
        let thesis = "c1"
        var versions: Set<Data> = [try Data(contentsOf: URL(fileURLWithPath: file))]
        for base in ["0.1", "0.9"] {
            let out = folder.file("v\(base).argdown")
            let r = try runArgmap(["--no-rc", file, "-c", "set \(thesis) base \(base)", "-c", "save \(out)"], environment: env)
            #expect(r.status == 0, "\(r.stderr)")
            versions.insert(try Data(contentsOf: URL(fileURLWithPath: out)))
        }
        #expect(versions.count == 3)
        // How long one run takes to load the map and save it once: kills are spread from a
        // third of that to four times it, so that they land before, during and between saves
        // on any machine (an instrumented build is several times slower).
        let clock = ContinuousClock()
        let start = clock.now
        let timing = try runArgmap(["--no-rc", file, "-c", "set \(thesis) base 0.5", "-c", "save \(folder.file("timing.argdown"))"], environment: env)
        #expect(timing.status == 0, "\(timing.stderr)")
        let once = clock.now - start
        let microseconds = UInt32(once.components.seconds * 1_000_000 + once.components.attoseconds / 1_000_000_000_000)
        // Each run saves up to 400 times, alternating the two versions, until it is killed.
        var script = ""
        for _ in 0..<200 { script += "set \(thesis) base 0.1\nsave\nset \(thesis) base 0.9\nsave\n" }
        var rng = SystemRandomNumberGenerator()
        var killed = 0
        var seen: [Data: Int] = [:]
        for round in 0..<60 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Binary.path)
            p.arguments = ["--no-rc", file]
            var environment = ProcessInfo.processInfo.environment
            for (k, v) in env { environment[k] = v }
            p.environment = environment
            let input = Pipe()
            p.standardInput = input
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            input.fileHandleForWriting.write(script.data(using: .utf8)!)
            usleep(UInt32.random(in: (microseconds / 3)...(microseconds * 4), using: &rng))
            if p.isRunning { kill(p.processIdentifier, SIGKILL); killed += 1 }
            p.waitUntilExit()
            try? input.fileHandleForWriting.close()
            let now = try Data(contentsOf: URL(fileURLWithPath: file))
            #expect(versions.contains(now), "round \(round): the file is not a whole version (\(now.count) bytes)")
            seen[now, default: 0] += 1
            if let backup = try? Data(contentsOf: URL(fileURLWithPath: file + "~")) {
                #expect(versions.contains(backup), "round \(round): the backup is not a whole version")
            }
        }
        #expect(killed >= 50, "most runs are killed mid-way (\(killed) of 60)")
        // The kills land between and during saves: both saved versions turn up on disk.
        #expect(seen.count >= 2, "versions seen after kills: \(seen.values.sorted())")
    }
}
