import Foundation
import Testing
@testable import ArgMapFormats
import ArgMapModel

/// The HTML page, opened in headless Chromium: it renders (a screenshot is taken), its script
/// runs without console errors, it makes no external requests, and injected markup shows as
/// text instead of running.
@Suite(.serialized)
struct HTMLTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first { FileManager.default.isExecutableFile(atPath: $0) }

    func hostileMap() throws -> ArgumentMap {
        var map = ArgumentMap(title: "Injected <i>title</i>")
        try map.apply(.addClaim(Claim(id: "t", text: "<script>document.title='pwned'</script> and <img src=x onerror=\"document.body.dataset.pwned='yes'\">",
                                      sources: [Source(citation: "\"><b>cite</b>", url: "javascript:alert(1)")])))
        try map.apply(.addClaim(Claim(id: "r", text: "A reason with `ticks`, | pipes, --> and \\ backslashes")))
        try map.apply(.link(RelationSpec(from: "r", to: "t", type: .support)))
        return map
    }

    func run(_ args: [String]) throws -> (out: String, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try #require(Self.chromium, "Chromium is not installed (.ci/setup installs it)"))
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--enable-logging=stderr", "--v=0"] + args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    @Test func injectedMarkupShowsAsTextAndTheScriptRuns() throws {
        let html = HTMLExporter.write(try hostileMap(), ExportOptions(scores: [0.3, 0.7], semantics: "dfquad"))
        #expect(!html.contains("<script>document"))
        #expect(html.contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;"))
        #expect(!html.contains("href=\"javascript:"), "only http(s) source links become links")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("argmap-\(UUID().uuidString).html").path
        try html.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (dom, log) = try run(["--dump-dom", "file://" + path])
        #expect(dom.contains("data-ready=\"yes\""), "the page's own script ran")
        #expect(!dom.contains("data-pwned"), "the injected handler did not run")
        #expect(dom.contains("<title>Injected &lt;i&gt;title&lt;/i&gt;</title>"), "the title is text and unchanged")
        #expect(dom.contains("&lt;script&gt;document.title="))
        #expect(!log.contains("Uncaught"), "no script errors: \(log.suffix(600))")
        #expect(!log.contains(":CONSOLE("), "nothing on the console: \(log.suffix(600))")
    }

    @Test func thePivotPageRendersOfflineWithItsPicture() throws {
        let map = try ArgdownFormat.read(String(contentsOf: Fixtures.repository.appendingPathComponent("Arguments/pivot-to-asia.argdown"), encoding: .utf8)).map
        let format = try #require(FormatRegistry.named("html"))
        let html = String(decoding: try format.write!(map, ExportOptions(scores: Array(repeating: 0.5, count: map.count), semantics: "dfquad")).bytes, as: UTF8.self)
        #expect(html.contains("<svg"), "the map's picture is inlined")
        // No external requests: nothing is loaded from anywhere (links to sources are not loads).
        let loads = ["src=\"http", "src='http", "url(http", "@import", "<link "]
        for pattern in loads { #expect(!html.contains(pattern), "\(pattern)") }
        #expect(html.contains("Content-Security-Policy\" content=\"default-src 'none'"))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("argmap-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try html.write(toFile: dir + "/pivot.html", atomically: true, encoding: .utf8)
        let (_, log) = try run(["--window-size=1200,1600", "--screenshot=" + dir + "/shot.png", "file://" + dir + "/pivot.html"])
        let png = try Data(contentsOf: URL(fileURLWithPath: dir + "/shot.png"))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a screenshot was taken")
        #expect(png.count > 50_000, "the screenshot has content")
        #expect(!log.contains("Uncaught"))
        #expect(!log.contains("net::ERR"), "no failed requests: \(log.suffix(600))")
    }

    @Test func theDebateFlowPageRendersWithItsSheetsAndDrops() throws {
        let map = try ArgdownFormat.read(String(contentsOf: Fixtures.repository.appendingPathComponent("Arguments/bike-lanes-debate.argdown"), encoding: .utf8)).map
        let html = FlowExporter.html(map)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("argmap-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try html.write(toFile: dir + "/flow.html", atomically: true, encoding: .utf8)
        let (dom, log) = try run(["--dump-dom", "file://" + dir + "/flow.html"])
        #expect(dom.components(separatedBy: "<table>").count - 1 == 4, "one table per sheet")
        #expect(dom.contains("id=\"sheet-disad\""))
        #expect(dom.components(separatedBy: "dropped").count > 7, "the seven drops are marked")
        let (_, shotLog) = try run(["--window-size=1400,1800", "--screenshot=" + dir + "/flow.png", "file://" + dir + "/flow.html"])
        let png = try Data(contentsOf: URL(fileURLWithPath: dir + "/flow.png"))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 30_000, "a screenshot with content")
        #expect(!log.contains(":CONSOLE(") && !shotLog.contains("Uncaught"), "\(log.suffix(400))")
    }
}
