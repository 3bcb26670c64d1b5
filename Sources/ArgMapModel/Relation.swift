/// What a relation does to its target.
public enum RelationType: String, Sendable, CaseIterable {
    /// The source supports the target.
    case support
    /// The source attacks the target.
    case attack
    /// The source attacks the target's inference: every relation going out of the target
    /// (Argdown's `_`). Its strength lowers the weight of those relations.
    case undercut
}

/// A relation from one claim to another, by index into the map's claims.
public struct Relation: Equatable, Hashable, Sendable {
    public var from: Int
    public var to: Int
    public var type: RelationType
    /// The weight in [0, 1]: 1 counts the source in full, 0 is the same as no relation.
    public var weight: Double

    public static let defaultWeight = 1.0

    public init(from: Int, to: Int, type: RelationType, weight: Double = Relation.defaultWeight) {
        self.from = from
        self.to = to
        self.type = type
        self.weight = weight
    }
}

/// A relation named by the ids of its ends, as edits, files and tests speak of it.
public struct RelationSpec: Equatable, Hashable, Sendable {
    public var from: String
    public var to: String
    public var type: RelationType
    public var weight: Double

    public init(from: String, to: String, type: RelationType, weight: Double = Relation.defaultWeight) {
        self.from = from
        self.to = to
        self.type = type
        self.weight = weight
    }
}
