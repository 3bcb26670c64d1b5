import Foundation
import Testing

/// A teacher's round trip: students rate a map (rate, scores hidden until the end), the
/// teacher checks a folder of their maps in one command and gets a table and an exit status.
struct TeachingTests {
    @Test func rateAsksBottomUpAndShowsTheScoreOnlyAtTheEnd() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let map = folder.file("pivot.argdown")
        try "[t]: The Pivot succeeds\n  + [a]: Trade grew {sources: [\"customs\"]}\n  - [b]: Investment stayed small\n".write(toFile: map, atomically: true, encoding: .utf8)
        // Answers: a's base 1, a's weight (keep), b's base 4, b's weight 4, t's base 2; then save.
        let r = try runArgmap([map], stdin: "rate\n1\n\n4\n4\n2\nsave\nquit\n")
        #expect(r.status == 0, "\(r.stderr)")
        let out = r.stdout
        let bAt = try #require(out.range(of: "b: Investment stayed small"))
        let aAt = try #require(out.range(of: "a: Trade grew"))
        let tAt = try #require(out.range(of: "t: The Pivot succeeds"))
        #expect(aAt.lowerBound < bAt.lowerBound && bAt.lowerBound < tAt.lowerBound, "the claims under t first, in the map's order")
        #expect(!out[..<tAt.upperBound].contains("score"), "no score shown while rating")
        #expect(out.contains("2 ratings changed. t scores 0.13 under dfquad (it was 0.50)"), "b's weight and t's base were already 4 and 2")
        let saved = try String(contentsOfFile: map, encoding: .utf8)
        #expect(saved.contains("[b]: Investment stayed small {base: 1}"))
        #expect(saved.contains("{base: 0.25"))
    }

    @Test func rateStopsOnQAndKeepsWhatWasRated() throws {
        let r = try runArgmap([Repository.root + "/Arguments/school-start-times.argdown"], stdin: "rate\n0\nq\nlog\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("stopped; 1 rating changed"))
        #expect(r.stdout.contains("rate"))
    }

    @Test func checkAFolderOfStudentMaps() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let good = "===\nexpect:\n  - under dfquad the thesis scores above 0.5\n===\n\n[t]: thesis\n  + [a]: reason {base: 0.9}\n"
        let failing = "===\nexpect:\n  - under dfquad the thesis scores above 0.5\n===\n\n[t]: thesis\n  - [a]: objection {base: 0.9}\n"
        let unfinished = "[t]: thesis\n  - <d>: Disadvantage {template: disad}\n    + [d-link]: the link {part: link}\n"
        try good.write(toFile: folder.file("ana.argdown"), atomically: true, encoding: .utf8)
        try failing.write(toFile: folder.file("ben.argdown"), atomically: true, encoding: .utf8)
        try unfinished.write(toFile: folder.file("cleo.argdown"), atomically: true, encoding: .utf8)
        try "[t]: broken {base: 7}\n".write(toFile: folder.file("dan.argdown"), atomically: true, encoding: .utf8)
        let r = try runArgmap(["-c", "check \(folder.path)"])
        #expect(r.status == 1)
        let rows = r.stdout.split(separator: "\n").map(String.init)
        #expect(rows.first?.hasPrefix("file") == true)
        #expect(rows.contains { $0.contains("ana.argdown") && $0.hasSuffix("pass") })
        #expect(rows.contains { $0.contains("ben.argdown") && $0.contains("0/1") && $0.hasSuffix("FAIL") })
        #expect(rows.contains { $0.contains("cleo.argdown") && $0.hasSuffix("FAIL") })
        #expect(rows.contains { $0.contains("dan.argdown") && $0.hasSuffix("unreadable") })
        #expect(r.stdout.contains("disadvantage d has no uniqueness"))
        #expect(r.stderr.contains("4 maps checked, 1 passed, 3 failed"))
        let one = try runArgmap(["-c", "check \(folder.file("ana.argdown"))"])
        #expect(one.status == 0, "\(one.stderr)")
    }
}
