/// Whether a claim is a statement (`[Title]` in Argdown) or an argument (`<Title>`).
public enum ClaimKind: String, Sendable, CaseIterable {
    case statement
    case argument
}

/// Where a claim's evidence comes from: a citation, and optionally its date and address.
public struct Source: Equatable, Hashable, Sendable {
    public var citation: String
    public var date: String?
    public var url: String?

    public init(citation: String, date: String? = nil, url: String? = nil) {
        self.citation = citation
        self.date = date
        self.url = url
    }
}

/// One claim of an argument map: a statement or an argument, identified by its id
/// (its Argdown title).
public struct Claim: Equatable, Sendable {
    /// The stable id: the claim's Argdown title.
    public var id: String
    /// The claim's text, one paragraph.
    public var text: String
    public var kind: ClaimKind
    /// The base score in [0, 1]: how strong the claim is before its supports and attacks count.
    public var base: Double
    public var tags: [String]
    public var sources: [Source]
    public var note: String?
    /// The heading (Argdown section) the claim belongs to, if any.
    public var section: String?
    /// Further data, kept and written back in order (for example `speech: 2AC`).
    public var data: [DataEntry]

    public static let defaultBase = 0.5

    public init(
        id: String, text: String = "", kind: ClaimKind = .statement, base: Double = Claim.defaultBase,
        tags: [String] = [], sources: [Source] = [], note: String? = nil, section: String? = nil,
        data: [DataEntry] = []
    ) {
        self.id = id
        self.text = text
        self.kind = kind
        self.base = base
        self.tags = tags
        self.sources = sources
        self.note = note
        self.section = section
        self.data = data
    }

    /// The value of a further data key, if set.
    public func dataValue(_ key: String) -> DataValue? {
        data.first(where: { $0.key == key })?.value
    }

    /// Sets (or, with nil, removes) a further data key, keeping the order of the others.
    public mutating func setData(_ key: String, _ value: DataValue?) {
        if let i = data.firstIndex(where: { $0.key == key }) {
            if let value { data[i].value = value } else { data.remove(at: i) }
        } else if let value {
            data.append(DataEntry(key: key, value: value))
        }
    }
}

// MARK: - Control characters

extension Unicode.Scalar {
    /// A control character a map's text may not hold: C0 controls other than tab, line feed
    /// and carriage return, DEL, and the C1 controls. They are invisible, and an escape
    /// sequence inside a claim would drive the terminal of whoever lists it.
    public var isForbiddenControl: Bool {
        let v = value
        return (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || (v >= 0x7F && v <= 0x9F)
    }
}

extension String {
    /// The first forbidden control character in the text, if any.
    public var forbiddenControl: Unicode.Scalar? {
        // Fast path: plain printable ASCII and UTF-8 above U+009F hold none.
        let clean = utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            var previous: UInt8 = 0
            for b in bytes {
                if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D || b == 0x7F { return false }
                // U+0080–U+009F are C2 80–C2 9F in UTF-8.
                if previous == 0xC2 && b >= 0x80 && b <= 0x9F { return false }
                previous = b
            }
            return true
        }
        if clean == true { return nil }
        return unicodeScalars.first { $0.isForbiddenControl }
    }
}

extension DataValue {
    var forbiddenControl: Unicode.Scalar? {
        var stack = [self]
        while let v = stack.popLast() {
            switch v {
            case .string(let s): if let u = s.forbiddenControl { return u }
            case .number, .bool, .null: break
            case .list(let items): stack.append(contentsOf: items)
            case .map(let entries):
                for e in entries {
                    if let u = e.key.forbiddenControl { return u }
                    stack.append(e.value)
                }
            }
        }
        return nil
    }
}

extension Claim {
    /// The first field holding a forbidden control character, and that character.
    public var forbiddenControl: (field: String, scalar: Unicode.Scalar)? {
        if let u = text.forbiddenControl { return ("text", u) }
        if let u = note?.forbiddenControl { return ("note", u) }
        if let u = section?.forbiddenControl { return ("section", u) }
        for t in tags { if let u = t.forbiddenControl { return ("tags", u) } }
        for s in sources {
            for f in [s.citation, s.date ?? "", s.url ?? ""] { if let u = f.forbiddenControl { return ("sources", u) } }
        }
        for e in data {
            if let u = e.key.forbiddenControl ?? e.value.forbiddenControl { return (e.key, u) }
        }
        return nil
    }
}
