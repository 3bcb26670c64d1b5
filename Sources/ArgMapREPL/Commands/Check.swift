import ArgMapDebate
import ArgMapModel
import ArgMapSemantics

#if canImport(Glibc)
import Glibc
#endif

extension Commands {
    static let check = Command(
        name: "check", group: .files,
        usage: "check [FILE|FOLDER ...] [--integrity]",
        summary: "check the map (or files, or a folder of maps): structure, empty parts, sources, expectations",
        discussion: "Errors: a claim with no text, a debate structure with a part missing or not filled in (a disadvantage with no link), impact values out of range, an unknown speech, an expectation that fails or cannot be read. Warnings: evidence (tagged #evidence or #card) with no source; a map with no thesis (every claim answers another); claims no thesis reaches (a cycle that answers no thesis, and what answers it), which ls and tree from the top do not show. Expectations live in the frontmatter under expect:, one per line: \"under dfquad the thesis scores below 0.5\", \"X is in under grounded\", \"every disadvantage has a link\", \"no drops\". With files or folders (their .argdown and .json files), check reads each, checks it and prints a table, one row per file; the map in the session is left alone. --integrity also verifies how each map is stored (every id, score and weight in range, every relation in its claims' lists, the id index), as sqlite3's integrity_check does: every edit and reader keeps that sound, so an error there is a fault in argmap to report. check fails (exit status 1 in a script) when it finds an error or a failed expectation.",
        examples: ["check", "check students/", "check --integrity", "argmap -c \"check students/\""],
        arguments: [.file], options: [OptionSpec("integrity", nil, "also verify how the map is stored")], minArguments: 0, maxArguments: nil,
        run: { inv throws(CommandError) in
            let (args, options) = try inv.parse()
            let integrity = options["integrity"] != nil
            let s = inv.session
            if args.isEmpty {
                let report = CheckReport(s.map, integrity: integrity) { s.evaluation($0) }
                var out: [String] = []
                for e in report.errors.prefix(50) { out.append("error: " + e) }
                if report.errors.count > 50 { out.append("… and \(report.errors.count - 50) more errors") }
                for w in report.warnings.prefix(50) { out.append("warning: " + w) }
                for x in report.expectations { out.append((x.passed ? "ok: " : "FAILED: ") + x.expectation.text + " — " + x.found) }
                let theses = report.theses
                var summary = "\(s.name): " + Commands.counts(s.map) + ", " + (theses == 0 ? "no thesis" : "\(theses) thes\(theses == 1 ? "is" : "es")")
                if report.errors.isEmpty && report.warnings.isEmpty && report.expectations.isEmpty {
                    summary += "; no problems"
                } else {
                    summary += "; \(report.errors.count) error\(report.errors.count == 1 ? "" : "s"), \(report.warnings.count) warning\(report.warnings.count == 1 ? "" : "s")"
                    if !report.expectations.isEmpty { summary += ", \(report.expectations.count - report.failedExpectations)/\(report.expectations.count) expectations met" }
                }
                if !out.isEmpty { inv.console.print(out.joined(separator: "\n")) }
                if report.passes { inv.console.print(summary); return }
                throw CommandError(summary)
            }
            // Files and folders: one row each.
            var paths: [String] = []
            // With one folder, files are named as they stand in it.
            var shownFrom = 0
            for w in args {
                var isDirectory = false
                if Commands.isDirectory(w.text, &isDirectory), isDirectory {
                    let entries = Commands.listDirectory(w.text).filter { $0.hasSuffix(".argdown") || $0.hasSuffix(".ad") || $0.hasSuffix(".json") }.sorted()
                    if entries.isEmpty { throw CommandError("\(w.text) holds no .argdown or .json files", at: w) }
                    let prefix = w.text.hasSuffix("/") ? w.text : w.text + "/"
                    if args.count == 1 { shownFrom = prefix.count }
                    paths += entries.map { prefix + $0 }
                } else {
                    paths.append(w.text)
                }
            }
            var rows = [["file", "claims", "errors", "warnings", "expectations", "thesis", "result"]]
            var failed = 0
            var details: [String] = []
            for path in paths {
                let name = String(path.dropFirst(shownFrom))
                let loaded: ArgumentMap
                do throws(CommandError) {
                    loaded = try Commands.readMap(path: path, format: nil, word: args[0]).0.map
                } catch {
                    rows.append([name, "-", "1", "0", "-", "-", "unreadable"])
                    details.append("\(name): " + (error.message.split(separator: "\n").first.map(String.init) ?? error.message))
                    failed += 1
                    continue
                }
                let report = CheckReport(loaded, integrity: integrity) { Evaluator.evaluate(loaded, $0) }
                let e = Evaluator.evaluate(loaded, .dfquad)
                let thesis = loaded.theses.first.map { e.converged ? Session.format(e.scores[$0]) : "?" } ?? "-"
                let expectations = report.expectations.isEmpty ? "-" : "\(report.expectations.count - report.failedExpectations)/\(report.expectations.count)"
                rows.append([name, "\(loaded.count)", "\(report.errors.count)", "\(report.warnings.count)", expectations, thesis, report.passes ? "pass" : "FAIL"])
                if !report.passes {
                    failed += 1
                    for e in report.errors.prefix(5) { details.append("\(name): error: \(e)") }
                    for x in report.expectations where !x.passed { details.append("\(name): FAILED: \(x.expectation.text) — \(x.found)") }
                }
            }
            inv.console.print(Commands.table(rows))
            if !details.isEmpty { inv.console.print(details.joined(separator: "\n")) }
            let summary = "\(paths.count) map\(paths.count == 1 ? "" : "s") checked, \(paths.count - failed) passed, \(failed) failed"
            if failed > 0 { throw CommandError(summary) }
            inv.console.print(summary)
        })

    static func isDirectory(_ path: String, _ isDirectory: inout Bool) -> Bool {
        var st = stat()
        guard stat(path, &st) == 0 else { return false }
        isDirectory = (st.st_mode & S_IFMT) == S_IFDIR
        return true
    }

    static func listDirectory(_ path: String) -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if !name.hasPrefix(".") { names.append(name) }
        }
        return names
    }
}
