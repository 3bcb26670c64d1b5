import ArgMapModel

/// Reads and writes the flow-style YAML of Argdown's `{key: value}` data: maps, lists, quoted
/// and plain scalars, numbers, booleans and null. Written by hand rather than with a YAML
/// library because it runs once per claim on maps of a million claims, must locate its errors
/// by column, and needs only this small subset; nesting is capped so hostile input cannot
/// exhaust the stack.
enum FlowData {
    struct Failure: Error {
        var message: String
        var offset: Int
    }

    static let maxDepth = 32

    /// Parses a flow mapping starting at `bytes[start]` (a `{`). Returns the entries and the
    /// offset just past the closing brace.
    static func parseMap(_ bytes: ArraySlice<UInt8>, from start: Int) throws(Failure) -> ([DataEntry], Int) {
        var p = Parser(bytes: bytes, i: start)
        let value = try p.value(depth: 0)
        guard case .map(let entries) = value else { throw Failure(message: "data must be a {key: value} map", offset: start) }
        return (entries, p.i)
    }

    struct Parser {
        let bytes: ArraySlice<UInt8>
        var i: Int

        mutating func skipBlanks() {
            while i < bytes.endIndex, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
        }

        mutating func value(depth: Int) throws(Failure) -> DataValue {
            guard depth < FlowData.maxDepth else { throw Failure(message: "data is nested too deeply (more than \(FlowData.maxDepth) levels)", offset: i) }
            skipBlanks()
            guard i < bytes.endIndex else { throw Failure(message: "data ends before its value", offset: i) }
            switch bytes[i] {
            case UInt8(ascii: "{"):
                let open = i
                i += 1
                var entries: [DataEntry] = []
                skipBlanks()
                if i < bytes.endIndex, bytes[i] == UInt8(ascii: "}") { i += 1; return .map(entries) }
                while true {
                    skipBlanks()
                    let keyStart = i
                    let key: String
                    var quotedKey = false  // a quoted key may be empty ("": 1 is YAML)
                    if i < bytes.endIndex, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") {
                        key = try quoted()
                        quotedKey = true
                    } else {
                        while i < bytes.endIndex, bytes[i] != UInt8(ascii: ":"), bytes[i] != UInt8(ascii: "}"), bytes[i] != UInt8(ascii: ","), bytes[i] != 0x0A { i += 1 }
                        key = String(decoding: bytes[keyStart..<i], as: UTF8.self).trimmingBlanks()
                    }
                    skipBlanks()
                    guard quotedKey || !key.isEmpty, i < bytes.endIndex, bytes[i] == UInt8(ascii: ":") else {
                        throw Failure(message: "expected 'key: value' in data", offset: keyStart)
                    }
                    i += 1
                    let v = try value(depth: depth + 1)
                    if let existing = entries.firstIndex(where: { $0.key == key }) {
                        entries[existing].value = v
                    } else {
                        entries.append(DataEntry(key: key, value: v))
                    }
                    skipBlanks()
                    guard i < bytes.endIndex else { throw Failure(message: "data opened here is never closed with '}'", offset: open) }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "}") { i += 1; return .map(entries) }
                    throw Failure(message: "expected ',' or '}' in data", offset: i)
                }
            case UInt8(ascii: "["):
                let open = i
                i += 1
                var items: [DataValue] = []
                skipBlanks()
                if i < bytes.endIndex, bytes[i] == UInt8(ascii: "]") { i += 1; return .list(items) }
                while true {
                    items.append(try value(depth: depth + 1))
                    skipBlanks()
                    guard i < bytes.endIndex else { throw Failure(message: "list opened here is never closed with ']'", offset: open) }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "]") { i += 1; return .list(items) }
                    throw Failure(message: "expected ',' or ']' in a list", offset: i)
                }
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                return .string(try quoted())
            default:
                let start = i
                while i < bytes.endIndex, bytes[i] != UInt8(ascii: ","), bytes[i] != UInt8(ascii: "}"), bytes[i] != UInt8(ascii: "]"), bytes[i] != 0x0A { i += 1 }
                let raw = String(decoding: bytes[start..<i], as: UTF8.self).trimmingBlanks()
                return FlowData.scalar(raw)
            }
        }

        mutating func quoted() throws(Failure) -> String {
            let quote = bytes[i]
            let open = i
            i += 1
            var out: [UInt8] = []
            while i < bytes.endIndex {
                let b = bytes[i]
                if b == quote {
                    if quote == UInt8(ascii: "'"), i + 1 < bytes.endIndex, bytes[i + 1] == quote {
                        out.append(quote); i += 2; continue
                    }
                    i += 1
                    return String(decoding: out, as: UTF8.self)
                }
                if quote == UInt8(ascii: "\""), b == UInt8(ascii: "\\"), i + 1 < bytes.endIndex {
                    let e = bytes[i + 1]
                    switch e {
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    default: out.append(e)
                    }
                    i += 2
                    continue
                }
                out.append(b)
                i += 1
            }
            throw Failure(message: "quoted text opened here is never closed", offset: open)
        }
    }

    static func scalar(_ raw: String) -> DataValue {
        switch raw {
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case "null", "~", "": return raw.isEmpty ? .string("") : .null
        default: break
        }
        if let first = raw.utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".") || (first >= 0x30 && first <= 0x39),
           raw.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }),
           let d = Double(raw), d.isFinite {
            return .number(d)
        }
        // Infinities and NaN are not numbers a map can hold: they stay the text written.
        return .string(raw)
    }

    // MARK: - Writing

    static func write(_ entries: [DataEntry]) -> String {
        "{" + entries.map { key($0.key) + ": " + write($0.value) }.joined(separator: ", ") + "}"
    }

    static func write(_ value: DataValue) -> String {
        switch value {
        case .string(let s): return string(s)
        case .number(let d): return DataValue.format(d)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .list(let items): return "[" + items.map(write).joined(separator: ", ") + "]"
        case .map(let entries): return write(entries)
        }
    }

    static func key(_ k: String) -> String {
        needsQuotes(k) ? quote(k) : k
    }

    /// Strings are always double-quoted: YAML would read some plain words as dates, numbers
    /// or booleans.
    static func string(_ s: String) -> String {
        quote(s)
    }

    static func needsQuotes(_ s: String) -> Bool {
        if s.isEmpty { return true }
        if s.first!.isWhitespace || s.last!.isWhitespace { return true }
        for ch in s.unicodeScalars {
            switch ch {
            case ",", "{", "}", "[", "]", ":", "#", "\"", "'", "\\", "\n", "\r", "\t", "&", "*", "!", "|", ">", "<", "/", "%", "@", "`":
                return true
            default:
                if ch.value < 0x20 { return true }
            }
        }
        return false
    }

    static func quote(_ s: String) -> String {
        // Comment openers inside a string are escaped too: the argument-file reader removes
        // comments before it reads data, so an unescaped /* would swallow the rest.
        var quoted = "\"" + s.escaping(mayNeed: { $0 == 0x22 || $0 == 0x5C || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { ch in
            switch ch {
            case "\"": return "\\\""
            case "\\": return "\\\\"
            case "\n": return "\\n"
            case "\r": return "\\r"
            case "\t": return "\\t"
            default: return nil
            }
        } + "\""
        if quoted.contains("/") || quoted.contains("<!") {
            quoted = quoted.replacingOccurrences("/*", with: "\\/*").replacingOccurrences("//", with: "\\//")
                .replacingOccurrences("<!--", with: "<\\!--")
        }
        return quoted
    }
}

extension String {
    func trimmingBlanks() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\n" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" || l == "\r" { s.removeLast() }
        return String(s)
    }
}
