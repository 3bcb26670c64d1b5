import Foundation
import Testing
@testable import ArgMapREPL
import ArgMapModel
import ArgMapFormats

/// Reading a file from the kernel's mapping of it, as open does.
struct FileIOTests {
    func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let path = NSTemporaryDirectory() + "argmap-fileio-\(UUID().uuidString)"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Pages handed back are read again from the file: the bytes do not change.
    @Test func releasedPagesReadTheSameAgain() throws {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<(3 << 20) + 123).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let path = try temporaryFile(bytes)
        defer { unlink(path) }
        let same = FileIO.withMappedBytes(path) { mapped, release in
            release(1000..<(2 << 20))
            let partly = mapped.elementsEqual(bytes)
            release(0..<mapped.count)
            return partly && mapped.elementsEqual(bytes)
        }
        #expect(same == true)
        #expect(FileIO.withMappedBytes(path + ".missing") { _, _ in true } == nil)
    }

    /// A large file read from its mapping, handing its pages back as it goes, is the map its
    /// text gives.
    @Test func readsAMappedFileAsItsText() throws {
        let map = MapGenerator.generate(.init(claims: 150_000, shape: .dag, seed: 9))
        for (text, ext) in [(ArgdownFormat.write(map), "argdown"), (ArgmapJSON.write(map), "json")] {
            let path = try temporaryFile(Array(text.utf8)) + "." + ext
            try FileManager.default.moveItem(atPath: String(path.dropLast(ext.count + 1)), toPath: path)
            defer { unlink(path) }
            let read = FileIO.withMappedBytes(path) { FormatRegistry.readFast(path: path, bytes: $0, release: $1) }
            let fast = try #require(read ?? nil, "the fast path gave up on the .\(ext) file")
            #expect(fast.format.name == (ext == "json" ? "json" : "argdown"))
            #expect(fast.result.map.claims == map.claims)
            #expect(Set(fast.result.map.relations.map { "\($0.from) \($0.to) \($0.type)" }) == Set(map.relations.map { "\($0.from) \($0.to) \($0.type)" }))
        }
        // A Kialo file of the map with second parents, its links found by number as the pages
        // go: told by its content, and named with --from.
        let kialo = try KialoFormat.write(map)
        let kialoPath = try temporaryFile(Array(kialo.utf8))
        defer { unlink(kialoPath) }
        let expectedKialo = try KialoFormat.read(kialo)
        let links = expectedKialo.notes[0].split(separator: "(").last.flatMap { Int($0.prefix(while: \.isNumber)) } ?? 0
        #expect(kialo.utf8.count > 2 * (1 << 23) && links > 1_000, "\(kialo.utf8.count) bytes, \(links) links")
        for named in [nil, FormatRegistry.named("kialo")] {
            let read = FileIO.withMappedBytes(kialoPath) { FormatRegistry.readFast(path: kialoPath, bytes: $0, release: $1, format: named) }
            let fast = try #require(read ?? nil, "the bytes way gave up on the Kialo file")
            #expect(fast.format.name == "kialo")
            #expect(fast.result.map.claims == expectedKialo.map.claims && fast.result.map.relations == expectedKialo.map.relations && fast.result.notes == expectedKialo.notes)
        }
        // An AIF file, told by its content, and named with --from.
        let text = AIFFormat.write(map)
        let path = try temporaryFile(Array(text.utf8))
        defer { unlink(path) }
        let expected = try AIFFormat.read(text)
        for named in [nil, FormatRegistry.named("aif")] {
            let read = FileIO.withMappedBytes(path) { FormatRegistry.readFast(path: path, bytes: $0, release: $1, format: named) }
            let fast = try #require(read ?? nil, "the bytes way gave up on the AIF file")
            #expect(fast.format.name == "aif")
            #expect(fast.result.map.claims == expected.map.claims && fast.result.map.relations == expected.map.relations && fast.result.notes == expected.notes)
        }
    }
}
