import Foundation
import Testing
@testable import ArgMapFormats
import ArgMapModel

enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func text(_ path: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(path), encoding: .utf8)
    }
}

/// Reads Argdown text that must load, failing the test with the rendered errors if it does not.
func load(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> ArgumentMap {
    do {
        return try ArgdownFormat.read(text).map
    } catch {
        Issue.record("did not load:\n\(error.description)", sourceLocation: sourceLocation)
        throw error
    }
}

/// The rendered errors of Argdown text that must not load.
func errors(_ text: String, file: String = "test.argdown", sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
    do {
        _ = try ArgdownFormat.read(text, file: file)
        Issue.record("loaded, but should have been refused", sourceLocation: sourceLocation)
        return ""
    } catch {
        return error.description
    }
}

/// The first way two maps differ, in words; nil when they are equal.
func difference(_ a: ArgumentMap, _ b: ArgumentMap) -> String? {
    if a == b { return nil }
    if a.title != b.title { return "title \(a.title ?? "nil") ≠ \(b.title ?? "nil")" }
    if a.frontmatter != b.frontmatter { return "frontmatter differs" }
    for claim in a.claims {
        guard let other = b.claim(claim.id) else { return "\(claim.id) is missing" }
        if other != claim { return "\(claim.id): \(claim) ≠ \(other)" }
    }
    for claim in b.claims where a.claim(claim.id) == nil { return "\(claim.id) is extra" }
    let ra = Set(a.relationSpecs), rb = Set(b.relationSpecs)
    return "relations: missing \(ra.subtracting(rb)), extra \(rb.subtracting(ra))"
}
