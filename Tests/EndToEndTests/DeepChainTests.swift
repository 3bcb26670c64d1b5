import Foundation
import Testing

/// A chain a million claims deep, through the real binary: it loads, scores, saves, reads back
/// and exports without a crash, and every file it writes grows with the number of claims, not
/// with the square of the depth. Kialo text, whose lines carry their whole path, is refused
/// with a message instead.
struct DeepChainTests {
    static let depth = 1_000_000

    /// argmap JSON of c0 ← c1 ← … ← c999999, each attacking the one before.
    static func chainJSON() -> String {
        var out = "{\"argmap\": 1, \"claims\": [\n"
        out.reserveCapacity(depth * 110)
        for i in 0..<depth { out += (i == 0 ? "" : ",\n") + "{\"id\": \"c\(i)\", \"text\": \"Step \(i) of the chain\"}" }
        out += "],\n\"relations\": [\n"
        for i in 1..<depth { out += (i == 1 ? "" : ",\n") + "{\"from\": \"c\(i)\", \"to\": \"c\(i - 1)\", \"type\": \"attack\"}" }
        return out + "]}\n"
    }

    func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? -1
    }

    @Test func aChainAMillionDeepLoadsScoresSavesAndExports() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.cleanup() }
        try Self.chainJSON().write(toFile: tmp.file("chain.json"), atomically: true, encoding: .utf8)

        // Load and score: c0 is attacked by a chain whose DF-QuAD scores alternate to 1/3.
        let first = try runArgmap([tmp.file("chain.json"), "-c", "why c0", "-c", "save " + tmp.file("chain.argdown")])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Why [c0] scores 0.3333 under DF-QuAD"))
        let saved = size(tmp.file("chain.argdown"))
        #expect(saved > 0 && saved < 120 * Self.depth, "the argument file is linear in the claims: \(saved) bytes")

        // Read back: the same claims and relations, and the same bytes when saved again.
        let second = try runArgmap([tmp.file("chain.argdown"), "-c", "check", "-c", "save " + tmp.file("again.argdown"),
                                    "-c", "export markdown " + tmp.file("c.md"), "-c", "export html " + tmp.file("c.html"),
                                    "-c", "export json " + tmp.file("c.json")])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("1000000 claims, 999999 relations"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: tmp.file("chain.argdown"))) == Data(contentsOf: URL(fileURLWithPath: tmp.file("again.argdown"))))

        let third = try runArgmap([tmp.file("chain.argdown"), "-c", "export dot " + tmp.file("c.dot"), "-c", "export mermaid " + tmp.file("c.mmd")])
        #expect(third.status == 0, "\(third.stderr)")
        for name in ["c.md", "c.html", "c.json", "c.dot", "c.mmd"] {
            let bytes = size(tmp.file(name))
            #expect(bytes > 0 && bytes < 400 * Self.depth, "\(name) is linear in the claims: \(bytes) bytes")
        }

        let kialo = try runArgmap([tmp.file("chain.argdown"), "-c", "export kialo " + tmp.file("c.txt")])
        #expect(kialo.status == 1)
        #expect(kialo.stderr.contains("a Kialo file numbers every claim by its whole path, and this map is 999999 claims deep"))
        #expect(!FileManager.default.fileExists(atPath: tmp.file("c.txt")))
    }
}
