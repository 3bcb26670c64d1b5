import Foundation
import Testing

/// The binary without a terminal: -c, -f, pipes, exit codes and located errors.
struct ScriptingTests {
    @Test func commandsRunInOrderAndExitZero() throws {
        let r = try runArgmap([Repository.root + "/Arguments/pivot-to-asia.argdown", "-c", "check", "-c", "cd 1.6", "-c", "score . --json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("pivot-to-asia: 32 claims, 34 relations, 2 theses; no problems"))
        #expect(r.stdout.contains("{\"semantics\": \"dfquad\", \"converged\": true"))
        #expect(!r.stdout.contains("\u{1B}["), "no escape codes without a terminal")
    }

    @Test func theFirstFailingCommandStopsDashC() throws {
        let r = try runArgmap([Repository.root + "/Arguments/pivot-to-asia.argdown", "-c", "ls", "-c", "cd nosuch", "-c", "export json"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("-c:2: error: no claim 'nosuch'"))
        #expect(!r.stdout.contains("\"argmap\": 1"), "commands after the failure do not run")
    }

    @Test func misuseExitsTwo() throws {
        let r = try runArgmap(["--frobnicate"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("Unknown option '--frobnicate'"))
        #expect(r.stderr.contains("Usage: argmap"))
    }

    @Test func aPipeRunsEveryLineAndReportsLineNumbers() throws {
        let r = try runArgmap([Repository.root + "/Arguments/school-start-times.argdown"], stdin: "ls\nbogus\n# a comment\ncheck\n")
        #expect(r.status == 1, "a failed command makes the exit status 1")
        #expect(r.stderr.contains("<stdin>:2: error: unknown command 'bogus'"))
        #expect(r.stdout.contains("no problems"), "the pipe goes on after a failure")
        #expect(!r.stdout.contains(">"), "no prompt in a pipe")
        let bail = try runArgmap(["--bail", Repository.root + "/Arguments/school-start-times.argdown"], stdin: "bogus\ncheck\n")
        #expect(bail.status == 1)
        #expect(!bail.stdout.contains("no problems"), "--bail stops at the first failure")
    }

    @Test func scriptFileWithLineNumbers() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.cleanup() }
        let script = tmp.file("steps.argmap")
        try "new\nadd thesis Трубопровод в Китай окупится --id труба\nadd con Цены на газ упали --to труба\nsave \(tmp.file("out.argdown"))\nrm nothing\n".write(toFile: script, atomically: true, encoding: .utf8)
        let r = try runArgmap(["-f", script])
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(script):5: error: no claim 'nothing'"))
        let saved = try String(contentsOfFile: tmp.file("out.argdown"), encoding: .utf8)
        #expect(saved == "[труба]: Трубопровод в Китай окупится\n  - [цены-на-газ-упали]: Цены на газ упали\n")
    }

    @Test func aMalformedFileLoadsNothingAndSaysWhere() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.cleanup() }
        let bad = tmp.file("bad.argdown")
        try "[Пивот]: Поворот на восток\n  + [Магадан]: порт {base: 7}\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let r = try runArgmap([bad, "-c", "check"])
        #expect(r.status == 1)
        #expect(r.stderr == "\(bad):2:21: error: base must be a number from 0 to 1, not 7\n  + [Магадан]: порт {base: 7}\n                    ^\nhint: write for example {base: 0.7}; 0.5 is the default\n")
        #expect(r.stdout.isEmpty)
        try Data([0x5B, 0x41, 0x5D, 0x3A, 0x20, 0xFF, 0xFE, 0x0A]).write(to: URL(fileURLWithPath: bad))
        let binary = try runArgmap([bad, "-c", "check"])
        #expect(binary.status == 1)
        #expect(binary.stderr.contains("bad.argdown:1:6: error: the file is not valid UTF-8"))
    }

    @Test func aFileIsReadAsItsBytesSay() throws {
        // Files are read straight into a string; anything unusual is looked at byte by byte.
        let tmp = try TemporaryFolder()
        defer { tmp.cleanup() }
        let file = tmp.file("f.argdown")
        try Data([0x5B, 0x41, 0x5D, 0x3A, 0x20, 0x78, 0x00, 0x0A]).write(to: URL(fileURLWithPath: file))
        let nul = try runArgmap([file, "-c", "check"])
        #expect(nul.status == 1)
        #expect(nul.stderr.contains("f.argdown:1:7: error: the file contains a NUL byte"), "\(nul.stderr)")
        try Data([0xEF, 0xBB, 0xBF] + Array("[A]: with a byte-order mark\n".utf8)).write(to: URL(fileURLWithPath: file))
        let bom = try runArgmap([file, "-c", "show A"])
        #expect(bom.status == 0, "\(bom.stderr)")
        #expect(bom.stdout.contains("with a byte-order mark"))
        try "[A]: a replacement character \u{FFFD} written on purpose\n".write(toFile: file, atomically: true, encoding: .utf8)
        let replacement = try runArgmap([file, "-c", "show A"])
        #expect(replacement.status == 0, "\(replacement.stderr)")
        #expect(replacement.stdout.contains("character \u{FFFD} written"))
    }

    @Test func convertsArgdownToJSONAndBack() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.cleanup() }
        let json = tmp.file("pivot.json")
        let r = try runArgmap([Repository.root + "/Arguments/pivot-to-asia.argdown", "-c", "export json \(json)"])
        #expect(r.status == 0, "\(r.stderr)")
        let back = try runArgmap([json, "-c", "export argdown"])
        #expect(back.status == 0, "\(back.stderr)")
        #expect(back.stdout == (try String(contentsOfFile: Repository.root + "/Arguments/pivot-to-asia.argdown", encoding: .utf8)))
    }

    /// `export FORMAT -` writes to standard output, as with no FILE, and leaves no file named -.
    @Test func exportToDashIsTheScreen() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.cleanup() }
        let map = Repository.root + "/Arguments/pivot-to-asia.argdown"
        let dash = try runArgmap([map, "-c", "export argdown -"], directory: tmp.path)
        let plain = try runArgmap([map, "-c", "export argdown"], directory: tmp.path)
        #expect(dash.status == 0 && plain.status == 0, "\(dash.stderr)")
        #expect(dash.stdout == plain.stdout && dash.stdout.hasPrefix("==="), "\(dash.stdout.prefix(200))")
        #expect(!FileManager.default.fileExists(atPath: tmp.file("-")))
    }

    @Test func quitInAScriptRefusesWithUnsavedChanges() throws {
        let r = try runArgmap([], stdin: "add thesis Unsaved\nquit\n")
        #expect(r.status == 1)
        #expect(r.stderr.contains("<stdin>:2: error: untitled has unsaved changes"))
        let forced = try runArgmap([], stdin: "add thesis Unsaved\nquit!\nls\n")
        #expect(forced.status == 0)
        #expect(!forced.stdout.contains("untitled:"), "nothing runs after quit!")
    }
}

struct TimerTests {
    @Test func timerPrintsEachCommandsWallTimeOnStandardError() throws {
        let r = try runArgmap(["-c", "timer on", "-c", "generate --claims 2000 --shape dag", "-c", "score --json"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 3, "\(r.stderr)")
        #expect(lines.allSatisfy { $0.hasPrefix("time: ") && $0.hasSuffix(" s") && Double($0.dropFirst(6).dropLast(2)) != nil }, "\(r.stderr)")
        #expect(!r.stdout.contains("time:"))
    }
}

struct SavingTests {
    @Test func saveKeepsTheOldVersionAsBackupAndNoticesOutsideChanges() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.cleanup() }
        let map = try tmp.copy("Arguments/school-start-times.argdown", as: "s.argdown")
        let original = try String(contentsOfFile: map, encoding: .utf8)
        let env = ["HOME": tmp.path, "XDG_STATE_HOME": tmp.path + "/state"]
        let r = try runArgmap([map, "-c", "add thesis New --id new", "-c", "save"], environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try String(contentsOfFile: map + "~", encoding: .utf8) == original)
        // Someone else changes the file while argmap has it open: save refuses, save! writes.
        let script = tmp.file("steps.argmap")
        try "add thesis Another --id another\nsave\n".write(toFile: script, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Binary.path)
        p.arguments = [map]
        p.environment = env
        let input = Pipe(), err = Pipe()
        p.standardInput = input
        p.standardOutput = FileHandle.nullDevice
        p.standardError = err
        try p.run()
        input.fileHandleForWriting.write("add thesis Another --id another\n".data(using: .utf8)!)
        Thread.sleep(forTimeInterval: 0.5)
        try (original + "\n[outside]: written by another program\n").write(toFile: map, atomically: false, encoding: .utf8)
        input.fileHandleForWriting.write("save\nsave!\n".data(using: .utf8)!)
        try input.fileHandleForWriting.close()
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(errors.contains("<stdin>:2: error: \(map) was changed by something else since argmap read it"), "\(errors)")
        #expect(try String(contentsOfFile: map, encoding: .utf8).contains("[another]"), "save! overwrote it")
        let off = try runArgmap([map, "-c", "set backup off", "-c", "add thesis Third --id third", "-c", "save"], environment: env)
        #expect(off.status == 0)
        #expect(!(try String(contentsOfFile: map + "~", encoding: .utf8)).contains("[third]"))
    }

    /// A full disk and a read-only file system, on small tmpfs mounts (which need root, as CI
    /// has): save fails with a message that says so, the map stays, the old file is intact and
    /// no temporary file is left behind.
    @Test func aFullDiskOrAReadOnlyDirectoryFailsTheSaveAndKeepsEverything() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.cleanup() }
        let full = tmp.file("full"), readOnly = tmp.file("ro")
        try FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: readOnly, withIntermediateDirectories: true)
        func mount(_ options: String, _ path: String) throws -> Bool {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/mount")
            p.arguments = ["-t", "tmpfs", "-o", options, "tmpfs", path]
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            return p.terminationStatus == 0
        }
        func unmount(_ path: String) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/umount")
            p.arguments = [path]
            try? p.run()
            p.waitUntilExit()
        }
        guard FileManager.default.isExecutableFile(atPath: "/bin/mount"), try mount("size=64k", full) else {
            withKnownIssue("mounting a small file system needs root") { Issue.record("mount failed") }
            return
        }
        defer { unmount(full) }
        let map = full + "/p.argdown"
        try FileManager.default.copyItem(atPath: Repository.root + "/Arguments/pivot-to-asia.argdown", toPath: map)
        let original = try Data(contentsOf: URL(fileURLWithPath: map))
        let r = try runArgmap([map, "-c", "generate! --claims 2000", "-c", "save " + map])
        #expect(r.status == 1)
        #expect(r.stderr.contains("cannot write \(map): No space left on device; the map is still here, unsaved"), "\(r.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: map)) == original, "the old file is intact")
        #expect(try FileManager.default.contentsOfDirectory(atPath: full) == ["p.argdown"], "no temporary file is left")

        guard try mount("size=64k,ro", readOnly) else { Issue.record("a read-only mount failed where a writable one worked"); return }
        defer { unmount(readOnly) }
        let ro = try runArgmap(["-c", "add thesis Kept", "-c", "save " + readOnly + "/x.argdown", "-c", "ls"])
        #expect(ro.status == 1)
        #expect(ro.stderr.contains("cannot write a temporary file in \(readOnly): Read-only file system; the map is still here, unsaved"), "\(ro.stderr)")
    }
}
