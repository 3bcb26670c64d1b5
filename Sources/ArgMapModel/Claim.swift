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
