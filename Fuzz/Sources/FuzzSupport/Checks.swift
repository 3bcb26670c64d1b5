import ArgMapFormats
import ArgMapModel

/// What every reader promises, checked on each input a fuzzer makes.
public enum Checks {
    /// The bytes as the REPL would hand them to a reader (invalid UTF-8 repaired).
    public static func text(_ data: UnsafePointer<UInt8>, _ size: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    }

    /// Stops the run with a message libFuzzer keeps beside the input.
    public static func fail(_ message: String) -> Never {
        fatalError("fuzz check failed: \(message)")
    }

    /// A map a reader accepted is valid, saves, and reads back from its argument file as the
    /// same map; printing it again gives the same bytes.
    public static func savesAndReadsBack(_ map: ArgumentMap, from reader: String) {
        if let problem = map.invariantViolations().first {
            fail("\(reader) built an invalid map: \(problem)")
        }
        let first = ArgdownFormat.write(map)
        let again: ArgumentMap
        do {
            again = try ArgdownFormat.read(first).map
        } catch {
            fail("a map read by \(reader) does not read back from its argument file: \(error)\n\(first)")
        }
        let second = ArgdownFormat.write(again)
        if first != second {
            fail("the argument file of a map read by \(reader) is not stable:\n\(first)\n---\n\(second)")
        }
    }
}

extension Checks {
    /// The argument-file reader's fast path answered: the general reader must read the same
    /// claims and relations, in the same order, with no warning.
    public static func sameAsGeneralReader(_ fast: ArgumentMap, _ text: String) {
        do {
            let (general, warnings) = try ArgdownFormat.read(text, fastPath: false)
            if !warnings.isEmpty { fail("the fast path read a file the general reader warns about: \(warnings[0].message)\n\(text)") }
            if general.title != fast.title || general.frontmatter != fast.frontmatter || general.claims != fast.claims || general.relations != fast.relations {
                fail("the fast path and the general reader read different maps:\n\(text)")
            }
        } catch {
            fail("the fast path read a file the general reader refuses: \(error)\n\(text)")
        }
    }

    /// A file's bytes as `open` and `import` read them (mapped, checked as UTF-8, the format's
    /// bytes path: the fast path of an argument file, argmap JSON's fast path or full reader, the
    /// AIF reader): where that answers, the bytes are UTF-8 and the text's way reads the same map
    /// with the same notes (the argument file's fast path, which the general reader is checked
    /// against; for the others, the format's reader of text).
    public static func bytesPathAgrees(_ data: UnsafePointer<UInt8>, _ size: Int, path: String) {
        let bytes = UnsafeBufferPointer(start: data, count: size)
        guard let read = FormatRegistry.readFast(path: path, bytes: bytes) else { return }
        guard let text = String(validating: bytes, as: UTF8.self) else { fail("the bytes path read bytes that are not UTF-8") }
        let viaText: ImportResult?
        if read.format.name == "argdown" {
            viaText = ArgdownFormat.readFast(text).map { ImportResult(map: $0) }
        } else {
            viaText = try? read.format.read?(text, path)
        }
        let map = read.result.map
        guard let viaText, viaText.map.title == map.title, viaText.map.frontmatter == map.frontmatter,
              viaText.map.claims == map.claims, viaText.map.relations == map.relations, viaText.notes == read.result.notes else {
            fail("the bytes path read bytes differently from their text (\(read.format.name)):\n\(text)")
        }
    }

    /// argmap JSON's fast path answered: the full reader must read the same claims and
    /// relations, in the same order.
    public static func sameAsFullJSONReader(_ fast: ArgumentMap, _ text: String) {
        do {
            let full = try ArgmapJSON.read(text, fastPath: false)
            if full.title != fast.title || full.frontmatter != fast.frontmatter || full.claims != fast.claims || full.relations != fast.relations {
                fail("the JSON fast path and the full reader read different maps:\n\(text)")
            }
        } catch {
            fail("the JSON fast path read a file the full reader refuses: \(error)\n\(text)")
        }
    }

    /// One input for an importer: recognising it never crashes, and reading it gives a map
    /// that saves and reads back, or a located refusal.
    public static func importer(_ data: UnsafePointer<UInt8>, _ size: Int, name: String,
                                recognizes: (String) -> Bool, read: (String) throws(LoadFailure) -> ImportResult) {
        let text = text(data, size)
        _ = recognizes(text)
        do {
            savesAndReadsBack(try read(text).map, from: "the \(name) importer")
        } catch {
            located(error, in: text)
        }
    }

    /// A map goes through argmap's JSON and comes back the same.
    public static func survivesJSON(_ map: ArgumentMap, from reader: String) {
        let json = ArgmapJSON.write(map)
        do {
            let back = try ArgmapJSON.read(json)
            if back != map {
                let changed = map.claims.first { back.claim($0.id) != $0 }
                fail("a map read by \(reader) changes through JSON: \(back.title == map.title ? "" : "title \(String(reflecting: map.title)) → \(String(reflecting: back.title)); ")\(back.frontmatter == map.frontmatter ? "" : "frontmatter; ")claim \(String(reflecting: changed)) → \(String(reflecting: changed.flatMap { back.claim($0.id) }))\n\(json)")
            }
        } catch {
            fail("the JSON of a map read by \(reader) does not read back: \(error)\n\(json)")
        }
    }

    /// A refusal says where: every error carries a line inside the text (or none, for
    /// whole-file refusals) and a message.
    public static func located(_ failure: LoadFailure, in text: String) {
        if failure.diagnostics.isEmpty { fail("a refusal with no message") }
        // Lines end at LF, CRLF or a lone CR, as in the reader and in editors.
        var lines = 1
        var previous: UInt8 = 0
        for b in text.utf8 {
            if b == 0x0A && previous != 0x0D || b == 0x0D { lines += 1 }
            previous = b
        }
        for d in failure.diagnostics {
            if d.message.isEmpty { fail("an error with an empty message") }
            if let at = d.location, at.line < 1 || at.line > lines + 1 {
                fail("an error points at line \(at.line) of a text with \(lines) lines: \(d.message)")
            }
        }
    }
}
