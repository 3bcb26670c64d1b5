import ArgMapModel

/// An export's text, written as UTF-8 bytes in pieces of about a megabyte. With a sink (the
/// file being written), each full piece is handed on at once, so an export of a million claims
/// holds a piece of its text in memory, never the whole of it; without one, the pieces are
/// kept, for the screen and the tests.
///
/// Text goes in as bytes: escaping looks at bytes, not characters (a combining mark after a
/// quote or a comma cannot hide it from the escaping), and nothing is built as a `String`.
package struct TextPieces: ByteSink {
    package static let pieceSize = 1 << 20

    private var kept: [[UInt8]] = []
    private var current: [UInt8] = []
    private let sink: (([UInt8]) -> Bool)?
    /// Whether the sink refused a piece (a write failed): what follows is dropped, and a long
    /// export can stop early.
    package private(set) var failed = false

    /// Pieces kept in memory, for ``finish()``.
    package init() { sink = nil }

    /// Pieces handed to `sink` as they fill; it returns false when it could not take one.
    package init(sink: @escaping ([UInt8]) -> Bool) { self.sink = sink }

    /// The whole text of an exporter that writes into pieces, kept in memory.
    package static func collect(_ write: (inout TextPieces) -> Void) -> [[UInt8]] {
        var out = TextPieces()
        write(&out)
        return out.finish()
    }

    /// The whole text of an exporter that writes into pieces, as a string.
    package static func text(_ write: (inout TextPieces) -> Void) -> String {
        String(decoding: collect(write).joined(), as: UTF8.self)
    }

    /// Hands on the last piece, and returns the pieces kept (none with a sink).
    package mutating func finish() -> [[UInt8]] {
        handOn()
        defer { kept = [] }
        return kept
    }

    private mutating func handOn() {
        guard !current.isEmpty else { return }
        let piece = current
        current = []
        take(piece)
    }

    private mutating func take(_ piece: [UInt8]) {
        guard !failed else { return }
        if let sink { failed = !sink(piece) } else { kept.append(piece) }
    }

    @inline(__always) private mutating func handOnIfFull() {
        if current.count >= Self.pieceSize {
            handOn()
            current.reserveCapacity(Self.pieceSize + 4_096)
        }
    }

    // MARK: Writing

    @inline(__always) package mutating func push(_ byte: UInt8) {
        current.append(byte)
        handOnIfFull()
    }

    @inline(__always) package mutating func push(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        current.append(contentsOf: bytes)
        handOnIfFull()
    }

    package mutating func write(_ s: String) {
        current.append(contentsOf: s.utf8)
        handOnIfFull()
    }

    package mutating func write(_ s: StaticString) {
        current.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
        handOnIfFull()
    }

    /// A whole number in decimal.
    package mutating func write(_ n: Int) {
        if n >= 0 && n < 10 { push(0x30 + UInt8(n)); return }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for 24 digits
        var m = n.magnitude, k = 0
        withUnsafeMutableBytes(of: &digits) { room in
            repeat {
                room[23 - k] = 0x30 + UInt8(m % 10)
                m /= 10
                k += 1
            } while m > 0
            if n < 0 { room[23 - k] = 0x2D; k += 1 }
            current.append(contentsOf: UnsafeRawBufferPointer(rebasing: room[(24 - k)...]).bindMemory(to: UInt8.self))
        }
        handOnIfFull()
    }

    /// Text with the bytes `escapes` names replaced: a string that has none of them (almost
    /// every claim's text) is copied as it is.
    package mutating func write(_ s: String, escaping escapes: Escapes) {
        var s = s
        s.withUTF8 { bytes in
            guard bytes.contains(where: { escapes.replaces($0) }) else {
                current.append(contentsOf: bytes)
                return
            }
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if escapes.replaces(b) {
                    if b == 0x0D, escapes.lineBreakAsOne, i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                    current.append(contentsOf: escapes.replacement(b).utf8)
                } else {
                    current.append(b)
                }
                i += 1
            }
        }
        handOnIfFull()
    }

    /// Another writer's pieces, after what is written here (the lanes of ``writeEach(_:lanes:minimum:window:_:)``).
    private mutating func append(pieces: [[UInt8]]) {
        for piece in pieces where !piece.isEmpty {
            if current.count + piece.count < Self.pieceSize {
                current.append(contentsOf: piece)
            } else {
                handOn()
                take(piece)
            }
        }
    }

    /// Writes items `0..<count` in order, `write(i, &out)` each. From `minimum` items on, they
    /// are written in windows of `window` items shared among `lanes` cores, each window's text
    /// handed on before the next is made: memory holds a window's text, not the export's.
    /// `write` must depend on nothing but its item (it runs on several threads at once).
    package mutating func writeEach(_ count: Int, lanes: Int = 2, minimum: Int = 20_000, window: Int = 1 << 15,
                                    _ write: (Int, inout TextPieces) -> Void) {
        guard count >= minimum, lanes > 1 else {
            for i in 0..<count where !failed { write(i, &self) }
            return
        }
        inWindows(count, lanes: lanes, window: window) { part in
            var lane = TextPieces()
            for i in part { write(i, &lane) }
            return lane.finish()
        }
    }

    /// ``writeEach(_:lanes:minimum:window:_:)`` for a writer that takes a stretch of items at
    /// a time into a buffer of its own.
    package mutating func writeEachStretch(_ count: Int, lanes: Int = 2, minimum: Int = 20_000, window: Int = 1 << 15,
                                           _ write: (Range<Int>, inout [UInt8]) -> Void) {
        inWindows(count, lanes: count >= minimum ? lanes : 1, window: window) { part in
            var bytes: [UInt8] = []
            write(part, &bytes)
            return [bytes]
        }
    }

    /// `0..<count` in windows, each cut among the lanes and written at once, its pieces handed
    /// on in order before the next window is written.
    private mutating func inWindows(_ count: Int, lanes: Int, window: Int, _ lane: (Range<Int>) -> [[UInt8]]) {
        var start = 0
        while start < count, !failed {
            let end = min(count, start + window)
            if lanes > 1 {
                let parts = Parallel.pieces(start..<end, lanes)
                for pieces in Parallel.map(lanes, { lane(parts[$0]) }) { append(pieces: pieces) }
            } else {
                append(pieces: lane(start..<end))
            }
            start = end
        }
    }
}

/// A format's escaping, byte by byte: the ASCII bytes it replaces and their replacements.
/// Every byte of a multi-byte UTF-8 character is 0x80 or more, so replacing ASCII bytes never
/// splits a character.
package struct Escapes: Sendable {
    private var table: [String?] = Array(repeating: nil, count: 128)
    /// The bytes replaced, a bit each (0..<64, 64..<128).
    private var low: UInt64 = 0, high: UInt64 = 0
    /// Whether "\r\n" is one line break, replaced once (as the replacement of "\r").
    var lineBreakAsOne = false

    package init(_ replacements: [Unicode.Scalar: String], lineBreakAsOne: Bool = false) {
        for (scalar, text) in replacements {
            precondition(scalar.isASCII)
            set(Int(scalar.value), text)
        }
        self.lineBreakAsOne = lineBreakAsOne
    }

    /// Every control character (below 0x20) but those `replacements` names becomes `other`.
    package init(_ replacements: [Unicode.Scalar: String], controls other: String, lineBreakAsOne: Bool = false) {
        self.init(replacements, lineBreakAsOne: lineBreakAsOne)
        for b in 0..<0x20 where table[b] == nil { set(b, other) }
    }

    private mutating func set(_ b: Int, _ text: String) {
        table[b] = text
        if b < 64 { low |= 1 << UInt64(b) } else { high |= 1 << UInt64(b - 64) }
    }

    @inline(__always) func replaces(_ byte: UInt8) -> Bool {
        byte < 64 ? low & (1 << UInt64(byte)) != 0 : byte < 128 && high & (1 << UInt64(byte - 64)) != 0
    }
    @inline(__always) func replacement(_ byte: UInt8) -> String { table[Int(byte)]! }

    /// The text with these escapes, as a string (for short texts: titles, attributes).
    package func apply(_ s: String) -> String {
        guard s.utf8.contains(where: replaces) else { return s }
        return TextPieces.text { $0.write(s, escaping: self) }
    }
}

extension Escapes {
    /// HTML element content and attribute values.
    package static let html = Escapes(["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"])
}
