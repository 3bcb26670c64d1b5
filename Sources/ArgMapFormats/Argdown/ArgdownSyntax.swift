import ArgMapModel

/// The syntax tree of an Argdown document, as far as argmap's subset goes: elements
/// (statements and arguments, defined or referred to), the relations written between them, the
/// headings, and the frontmatter.
public struct ArgdownDocument: Sendable {
    /// The YAML between the `===` lines, verbatim.
    public var frontmatter: String?
    public var elements: [ArgdownElement] = []
    public var relations: [ArgdownRelation] = []
}

/// One occurrence of a statement or argument in the text.
public struct ArgdownElement: Sendable {
    public var kind: ClaimKind
    /// The title in brackets, or nil for an untitled statement.
    public var title: String?
    /// True for `[Title]` / `<Title>` without a colon.
    public var isReference: Bool
    /// The text with escapes resolved, tags removed and blanks folded.
    public var text: String
    public var tags: [String]
    public var data: [DataEntry]
    /// The heading in force.
    public var section: String?
    public var location: SourceLocation
    /// Where the data (`{`) started, for messages about its values.
    public var dataLocation: SourceLocation?
}

/// A relation as written: a symbol on a line under its parent element.
public struct ArgdownRelation: Sendable {
    public enum Symbol: String, Sendable {
        case support = "+", attack = "-", undercut = "_"
        case supportOf = "+>", attackOf = "->", undercutOf = "_>"
    }

    public var symbol: Symbol
    /// Index of the element on the line above with less indentation.
    public var parent: Int
    /// Index of the element on this line.
    public var child: Int
    public var location: SourceLocation
}
