import ArgMapModel

/// A parsed JSON value. Objects keep their keys in order.
public enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)): return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let entries) = self { return entries.first(where: { $0.0 == key })?.1 }
        return nil
    }

    public var string: String? { if case .string(let s) = self { return s }; return nil }
    public var number: Double? { if case .number(let d) = self { return d }; return nil }
    public var array: [JSONValue]? { if case .array(let a) = self { return a }; return nil }
    public var object: [(String, JSONValue)]? { if case .object(let o) = self { return o }; return nil }
}

/// A JSON reader that reports errors by line and column and caps nesting, so a hostile file
/// gets a located message instead of exhausting the stack. Written by hand for those two
/// reasons: Foundation's parser gives neither.
public enum JSONReader {
    public static let maxDepth = 256

    /// - Complexity: O(length of the text), read where it stands (not copied).
    public static func parse(_ text: String) throws(Diagnostic) -> JSONValue {
        try parse(text, streaming: []) { _, _, _ in }
    }

    /// ``parse(_:)``, with each element of the arrays found at `paths` (each the keys from the
    /// root object down, as `["AIF", "nodes"]`) handed to `element` as soon as it is read, with
    /// its path and index, and not kept: those arrays are empty in the value returned. A large
    /// file's arrays of records are read without holding a tree of all of them; the checks and
    /// messages are those of ``parse(_:)``.
    public static func parse(_ text: String, streaming paths: Set<[String]>, element: ([String], Int, JSONValue) -> Void) throws(Diagnostic) -> JSONValue {
        var text = text
        let result = text.withUTF8 { bytes -> Result<JSONValue, Diagnostic> in
            do throws(Diagnostic) { return .success(try parse(bytes: bytes, streaming: paths, element: element)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// ``parse(_:streaming:element:)`` of bytes already checked as UTF-8 (a mapped file's), which
    /// calls `release` with each stretch of them it is done with, a few megabytes at a time
    /// after a streamed element (see `FileIO.withMappedBytes`).
    public static func parse(bytes: UnsafeBufferPointer<UInt8>, streaming paths: Set<[String]>, element: ([String], Int, JSONValue) -> Void,
                             release: (Range<Int>) -> Void = { _ in }) throws(Diagnostic) -> JSONValue {
        try withoutActuallyEscaping(element) { element throws(Diagnostic) in
            try withoutActuallyEscaping(release) { release throws(Diagnostic) in
                var p = JSONParser(bytes: bytes)
                p.streamed = paths
                p.longestStreamed = paths.map(\.count).max() ?? 0
                p.element = element
                p.release = release
                p.skip()
                let v = try p.value(depth: 0, path: [])
                p.skip()
                guard p.i == p.bytes.count else { throw p.fail("unexpected text after the JSON value") }
                FastReading.handBack(&p.released, upTo: bytes.count, all: true, release)
                return v
            }
        }
    }
}

private struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0
    /// The arrays whose elements go to `element` as they are read (see `parse(_:streaming:element:)`).
    var streamed: Set<[String]> = []
    var element: (([String], Int, JSONValue) -> Void)?
    var longestStreamed = 0
    var release: ((Range<Int>) -> Void)?
    var released = 0

    func fail(_ message: String, at offset: Int? = nil) -> Diagnostic {
        let o = min(offset ?? i, bytes.count)
        var line = 1, column = 1
        var k = 0
        while k < o {
            if bytes[k] == 0x0A { line += 1; column = 1 } else if bytes[k] & 0xC0 != 0x80 { column += 1 }
            k += 1
        }
        return .error(message, at: SourceLocation(line: line, column: column))
    }

    mutating func skip() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }

    /// - Parameter path: the keys from the root down to this value, while it may lead to a
    ///   streamed array (nil past any array, or without streaming).
    mutating func value(depth: Int, path: [String]? = nil) throws(Diagnostic) -> JSONValue {
        guard depth < JSONReader.maxDepth else { throw fail("JSON nested more than \(JSONReader.maxDepth) levels deep") }
        guard i < bytes.count else { throw fail("the JSON ends where a value should be") }
        switch bytes[i] {
        case UInt8(ascii: "{"):
            i += 1
            var entries: [(String, JSONValue)] = []
            var seen: Set<String>?  // for large objects only
            skip()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(entries) }
            while true {
                skip()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a quoted key") }
                let keyStart = i
                let key = try string()
                // One value per key, as every JSON writer produces; a repeated key would be
                // read here and dropped on the next save, so it is refused where it stands.
                if seen != nil ? seen!.contains(key) : entries.contains(where: { $0.0 == key }) {
                    let shown = key.unicodeScalars.count > 40 ? String(String.UnicodeScalarView(key.unicodeScalars.prefix(40))) + "…" : key
                    throw fail("the key \"\(shown)\" appears twice in one object", at: keyStart)
                }
                if seen != nil { seen!.insert(key) } else if entries.count == 16 { seen = Set(entries.map(\.0) + [key]) }
                skip()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected ':' after the key") }
                i += 1
                skip()
                let inner = path.flatMap { $0.count < longestStreamed ? $0 + [key] : nil }
                entries.append((key, try value(depth: depth + 1, path: inner)))
                skip()
                guard i < bytes.count else { throw fail("the JSON ends inside an object") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(entries) }
                throw fail("expected ',' or '}'")
            }
        case UInt8(ascii: "["):
            i += 1
            var items: [JSONValue] = []
            skip()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
            let streaming = path.map(streamed.contains) ?? false
            var index = 0
            while true {
                skip()
                if streaming {
                    element!(path!, index, try value(depth: depth + 1))
                    index += 1
                    if let release { FastReading.handBack(&released, upTo: i, release) }
                } else {
                    items.append(try value(depth: depth + 1))
                }
                skip()
                guard i < bytes.count else { throw fail("the JSON ends inside an array") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
                throw fail("expected ',' or ']'")
            }
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        default:
            let start = i
            while i < bytes.count, (bytes[i] >= 0x30 && bytes[i] <= 0x39) || bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") { i += 1 }
            guard i > start, i - start < 400, let d = Double(String(decoding: bytes[start..<i], as: UTF8.self)) else {
                throw fail("expected a JSON value", at: start)
            }
            guard d.isFinite else { throw fail("the number is too large", at: start) }
            return .number(d)
        }
    }

    mutating func literal(_ word: String, _ v: JSONValue) throws(Diagnostic) -> JSONValue {
        let u = Array(word.utf8)
        guard i + u.count <= bytes.count, Array(bytes[i..<(i + u.count)]) == u else { throw fail("expected a JSON value") }
        i += u.count
        return v
    }

    mutating func string() throws(Diagnostic) -> String {
        let open = i
        i += 1
        // Most strings hold no escape: made straight from the bytes between the quotes.
        var end = i
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20 { end += 1 }
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            defer { i = end + 1 }
            return String(decoding: bytes[i..<end], as: UTF8.self)
        }
        var out: [UInt8] = Array(bytes[i..<end])
        i = end
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { i += 1; return String(decoding: out, as: UTF8.self) }
            if b == UInt8(ascii: "\\") {
                guard i + 1 < bytes.count else { break }
                let e = bytes[i + 1]
                i += 2
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    guard var code = hex4() else { throw fail("bad \\u escape", at: i - 2) }
                    if code >= 0xD800, code < 0xDC00, i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                        i += 2
                        guard let low = hex4(), low >= 0xDC00, low < 0xE000 else { throw fail("bad surrogate pair", at: i - 6) }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                default: out.append(e)
                }
                continue
            }
            if b < 0x20 { throw fail("control character inside a string (escape it)") }
            out.append(b)
            i += 1
        }
        throw fail("this string is never closed", at: open)
    }

    mutating func hex4() -> UInt32? {
        guard i + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16) else { return nil }
        i += 4
        return v
    }
}

/// Writes JSON text with two-space indentation and escaped strings.
public struct JSONWriter {
    public private(set) var out = ""

    public init() {}

    public static func quote(_ s: String) -> String {
        // 0xE2 starts U+2028 and U+2029.
        "\"" + s.escaping(mayNeed: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x3C || $0 == 0xE2 }) { ch in
            switch ch {
            case "\"": return "\\\""
            case "\\": return "\\\\"
            case "\n": return "\\n"
            case "\r": return "\\r"
            case "\t": return "\\t"
            case "<": return "\\u003c"
            default:
                guard ch.value < 0x20 || ch.value == 0x2028 || ch.value == 0x2029 else { return nil }
                let h = String(ch.value, radix: 16)
                return "\\u" + String(repeating: "0", count: max(0, 4 - h.count)) + h
            }
        } + "\""
    }

    /// Appends a string quoted as ``quote(_:)`` quotes it; one that needs no escape (almost
    /// every claim's text) is copied as it is.
    public static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        appendQuoted(s, into: &out)
    }

    /// ``appendQuoted(_:to:)`` onto a pile of bytes.
    package static func appendQuoted(_ s: String, to out: inout Pile<UInt8>) {
        appendQuoted(s, into: &out)
    }

    @inline(__always)
    static func appendQuoted<Out: ByteSink>(_ s: String, into out: inout Out) {
        var s = s
        let plain = s.withUTF8 { bytes -> Bool in
            // (0xE2 starts U+2028 and U+2029.)
            guard !bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x3C || $0 == 0xE2 }) else { return false }
            out.push(0x22)
            out.push(contentsOf: bytes)
            out.push(0x22)
            return true
        }
        if !plain {
            var quoted = quote(s)
            quoted.withUTF8 { out.push(contentsOf: $0) }
        }
    }

    public static func number(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        return DataValue.format(d)
    }

    public static func write(_ v: JSONValue, indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent + 1), end = String(repeating: "  ", count: indent)
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let d): return number(d)
        case .string(let s): return quote(s)
        case .array(let items):
            if items.isEmpty { return "[]" }
            if items.allSatisfy({ if case .array = $0 { return false }; if case .object = $0 { return false }; return true }) {
                return "[" + items.map { write($0) }.joined(separator: ", ") + "]"
            }
            return "[\n" + items.map { pad + write($0, indent: indent + 1) }.joined(separator: ",\n") + "\n" + end + "]"
        case .object(let entries):
            if entries.isEmpty { return "{}" }
            return "{\n" + entries.map { pad + quote($0.0) + ": " + write($0.1, indent: indent + 1) }.joined(separator: ",\n") + "\n" + end + "}"
        }
    }
}
