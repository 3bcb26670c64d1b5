import Foundation
import Testing
@testable import ArgMapREPL

/// Transcript tests: a script of commands in, the exact output out (standard error marked
/// with `! `), like sqlite's .testcase files. Each `Transcripts/*.transcript` file holds
/// `$ command` lines, each followed by what it must print. `$ROOT` stands for the repository
/// and `$TMP` for a fresh temporary folder. Run with ARGMAP_RECORD=1 to re-record the files
/// (and then read the diff).
struct TranscriptTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Transcripts")
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".transcript") }.sorted()
    }

    @Test(arguments: names)
    func transcript(_ name: String) throws {
        let url = Self.directory.appendingPathComponent(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("argmap-transcript-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: tmp) }

        // Split into (command, expected output) pairs; lines before the first command are kept.
        var preamble: [String] = []
        var steps: [(command: String, expected: [String])] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("$ ") {
                steps.append((String(line.dropFirst(2)), []))
            } else if steps.isEmpty {
                preamble.append(line)
            } else {
                steps[steps.count - 1].expected.append(line)
            }
        }
        if let last = steps.indices.last, steps[last].expected.last == "" { steps[last].expected.removeLast() }
        #expect(!steps.isEmpty, "\(name) has no commands")

        let console = Console(sink: .buffer, colour: false, width: 80)
        let session = Session()
        let repl = REPL(session: session, console: console, editor: PlainLineEditor(lines: []), sourceName: "script")
        var recorded = preamble
        for (n, step) in steps.enumerated() {
            let command = step.command.replacingOccurrences(of: "$ROOT", with: Self.root).replacingOccurrences(of: "$TMP", with: tmp)
            repl.execute(command, lineNumber: n + 1)
            var output = console.takeTranscript().replacingOccurrences(of: tmp, with: "$TMP").replacingOccurrences(of: Self.root, with: "$ROOT")
            if output.hasSuffix("\n") { output.removeLast() }
            let actual = output.isEmpty ? [] : output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            recorded.append("$ " + step.command)
            recorded.append(contentsOf: actual)
            if ProcessInfo.processInfo.environment["ARGMAP_RECORD"] == nil {
                #expect(actual == step.expected, "\(name), command \(n + 1): \(step.command)\n--- expected\n\(step.expected.joined(separator: "\n"))\n--- actual\n\(actual.joined(separator: "\n"))")
            }
        }
        if ProcessInfo.processInfo.environment["ARGMAP_RECORD"] != nil {
            try (recorded.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        }
    }
}
