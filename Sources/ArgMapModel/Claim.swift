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
    /// The base score in [0, 1]: how strong the claim is before its supports and attacks count.
    public var base: Double
    public var kind: ClaimKind
    /// Tags, sources, a note, a section and data: most claims have none, so they live in one
    /// box that only claims with any of them allocate. A claim is then 56 bytes instead of 104,
    /// which is 48 MB on a map of a million claims. The box is never changed in place (a
    /// change makes a new one), so copies of a claim share it safely.
    /// (Internal, not private, so that ``isPlain`` is inlined into passes in other modules.)
    @usableFromInline var extras: Extras?

    /// Whether the claim has no tags, sources, note, section or data: whole-map reports pass
    /// over such claims with one test.
    @inlinable public var isPlain: Bool { extras == nil }

    struct Fields: Equatable, Sendable {
        var tags: [String] = []
        var sources: [Source] = []
        var note: String?
        var section: String?
        var data: [DataEntry] = []
        var isEmpty: Bool { tags.isEmpty && sources.isEmpty && note == nil && section == nil && data.isEmpty }
    }

    /// The box of a claim's extras: ``Extras/make(_:)`` gives the smallest that holds them.
    /// (`@unchecked`: the subclasses hold only constants.)
    @usableFromInline class Extras: @unchecked Sendable {
        var fields: Fields { Fields() }
        func dataValue(_ key: String) -> DataValue? { fields.data.first(where: { $0.key == key })?.value }

        static func make(_ fields: Fields) -> Extras? {
            if fields.isEmpty { return nil }
            if fields.data.count == 1, fields.tags.isEmpty, fields.sources.isEmpty, fields.note == nil, fields.section == nil {
                return OneDatum(fields.data[0])
            }
            return AnyExtras(fields)
        }
    }

    final class AnyExtras: Extras, @unchecked Sendable {
        let stored: Fields
        init(_ fields: Fields) { stored = fields }
        override var fields: Fields { stored }
    }

    /// One datum and nothing else, as every claim imported from AIF has (its node's id): one
    /// box of 64 bytes, where the general box and its list of data take 160.
    final class OneDatum: Extras, @unchecked Sendable {
        let datum: DataEntry
        init(_ datum: DataEntry) { self.datum = datum }
        override var fields: Fields { Fields(data: [datum]) }
        override func dataValue(_ key: String) -> DataValue? { datum.key == key ? datum.value : nil }
    }

    private var fields: Fields {
        get { extras?.fields ?? Fields() }
        set { extras = Extras.make(newValue) }
    }

    public var tags: [String] {
        get { extras?.fields.tags ?? [] }
        set { fields.tags = newValue }
    }
    public var sources: [Source] {
        get { extras?.fields.sources ?? [] }
        set { fields.sources = newValue }
    }
    public var note: String? {
        get { extras?.fields.note }
        set { fields.note = newValue }
    }
    /// The heading (Argdown section) the claim belongs to, if any.
    public var section: String? {
        get { extras?.fields.section }
        set { fields.section = newValue }
    }
    /// Further data, kept and written back in order (for example `speech: 2AC`).
    public var data: [DataEntry] {
        get { extras?.fields.data ?? [] }
        set { fields.data = newValue }
    }

    public static func == (a: Claim, b: Claim) -> Bool {
        a.id == b.id && a.text == b.text && a.base == b.base && a.kind == b.kind
            && (a.extras === b.extras || a.fields == b.fields)
    }

    public static let defaultBase = 0.5

    public init(
        id: String, text: String = "", kind: ClaimKind = .statement, base: Double = Claim.defaultBase,
        tags: [String] = [], sources: [Source] = [], note: String? = nil, section: String? = nil,
        data: [DataEntry] = []
    ) {
        self.id = id
        self.text = text
        self.base = base
        self.kind = kind
        self.extras = Extras.make(Fields(tags: tags, sources: sources, note: note, section: section, data: data))
    }

    /// The value of a further data key, if set.
    public func dataValue(_ key: String) -> DataValue? {
        extras?.dataValue(key)
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

// MARK: - Normal forms shared by every reader

extension Claim {
    /// A claim's text in its normal form, the one the argument file gives: runs of spaces,
    /// tabs and line breaks become one space, none at either end. Other characters (a
    /// no-break space, say) are kept. Every edit and every reader stores text in this form, so
    /// that a map reads back from its argument file unchanged.
    public static func normalizedText(_ s: String) -> String {
        isNormalText(s) ? s : foldedText(s)
    }

    /// Whether a text is already in its normal form (one pass over its bytes, no allocation).
    public static func isNormalText(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { isNormalText(utf8: $0) }
    }

    /// Whether UTF-8 text is in the normal form: no blank but single spaces between words.
    public static func isNormalText(utf8 bytes: some Collection<UInt8>) -> Bool {
        var previousBlank = true
        for b in bytes {
            let blank = b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D
            if blank && (previousBlank || b != 0x20) { return false }
            previousBlank = blank
        }
        return !previousBlank || bytes.isEmpty
    }

    static func foldedText(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for u in s.unicodeScalars {
            if u == " " || u == "\t" || u == "\n" || u == "\r" {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(u)
        }
        return String(out)
    }

    /// Tags without repeats, in the order first given: a tag is there or not (an argument file
    /// that names one twice reads as once).
    public static func uniqueTags(_ tags: [String]) -> [String] {
        guard tags.count > 1 else { return tags }
        var seen = Set<String>()
        let unique = tags.filter { seen.insert($0).inserted }
        return unique.count == tags.count ? tags : unique
    }

    /// Why a tag cannot be written in an argument file, if it cannot: tags are one line,
    /// not empty, without control characters or the brackets that end them.
    public static func problem(tag: String) -> String? {
        if tag.isEmpty || tag != normalizedText(tag) { return "a tag cannot be empty, hold line breaks or tabs, or start or end with a space" }
        if tag.unicodeScalars.contains(where: { $0.isForbiddenControl || $0 == "(" || $0 == ")" || $0 == "{" || $0 == "}" }) {
            return "a tag cannot hold ( ) { } or control characters"
        }
        if tag.contains("/*") || tag.contains("//") || tag.contains("<!--") { return "a tag cannot hold a comment opener (/* // <!--)" }
        return nil
    }
}

extension Claim {
    /// Why a section (the heading a claim stands under) cannot be written, if it cannot: a
    /// heading is one line, not empty, not starting with #, without braces.
    public static func problem(section: String) -> String? {
        if section.isEmpty || section != normalizedText(section) { return "a heading cannot be empty, hold line breaks or tabs, or start or end with a space" }
        if section.hasPrefix("#") || section.contains("{") || section.contains("}") { return "a heading cannot start with # or hold { }" }
        return nil
    }
}

extension ArgumentMap {
    /// A title in its normal form: one line, blanks folded; nil when empty.
    public static func normalized(title: String?) -> String? {
        guard let title else { return nil }
        let t = Claim.normalizedText(title)
        return t.isEmpty ? nil : t
    }

    /// Frontmatter in its normal form: lines ending in LF, no blank lines at either end;
    /// nil when empty.
    public static func normalized(frontmatter: String?) -> String? {
        guard let frontmatter else { return nil }
        var lines = frontmatter.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
        while let first = lines.first, first.allSatisfy({ $0 == " " || $0 == "\t" }) { lines.removeFirst() }
        while let last = lines.last, last.allSatisfy({ $0 == " " || $0 == "\t" }) { lines.removeLast() }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    /// Checks a title and frontmatter: no control characters, and no frontmatter line that
    /// would close the frontmatter block (`===`).
    public static func validate(title: String?, frontmatter: String?) throws(MapError) {
        if let u = title?.forbiddenControl { throw .controlCharacter(claim: nil, field: "title", scalar: u.value) }
        if let u = frontmatter?.forbiddenControl { throw .controlCharacter(claim: nil, field: "frontmatter", scalar: u.value) }
        if let fm = frontmatter, fm.split(separator: "\n").contains(where: { $0.trimmingCharacters(in: " \t") == "===" }) {
            throw .invalidFrontmatter("a line of the frontmatter is '===', which would end it early")
        }
    }
}
