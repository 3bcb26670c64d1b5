/// Why an edit of the map was refused. Every message says what to do instead.
public enum MapError: Error, Equatable, CustomStringConvertible, Sendable {
    case unknownClaim(String)
    case duplicateID(String)
    case invalidID(String, reason: String)
    case valueOutOfRange(name: String, value: Double)
    case relationExists(from: String, to: String, type: RelationType)
    case noRelation(from: String, to: String)
    case controlCharacter(claim: String?, field: String, scalar: UInt32)
    case invalidTag(claim: String, tag: String, reason: String)
    case invalidFrontmatter(String)
    case invalidSection(claim: String, section: String, reason: String)

    public var description: String {
        switch self {
        case .unknownClaim(let id):
            return "no claim with id '\(id)'"
        case .duplicateID(let id):
            return "a claim with id '\(id)' already exists; choose another id"
        case .invalidID(let id, let reason):
            return "'\(id)' cannot be an id: \(reason)"
        case .valueOutOfRange(let name, let value):
            return "\(name) must be a number from 0 to 1, not \(DataValue.format(value))"
        case .relationExists(let from, let to, let type):
            return "'\(from)' already has a relation to '\(to)' (\(type.rawValue)); unlink it first"
        case .noRelation(let from, let to):
            return "'\(from)' has no relation to '\(to)'"
        case .invalidTag(let claim, let tag, let reason):
            return "'\(claim)' cannot have the tag \(String(reflecting: tag)): \(reason)"
        case .invalidSection(let claim, let section, let reason):
            return "'\(claim)' cannot stand under the heading \(String(reflecting: section)): \(reason)"
        case .invalidFrontmatter(let reason):
            return "the frontmatter cannot be written: \(reason)"
        case .controlCharacter(let claim, let field, let scalar):
            let code = String(scalar, radix: 16, uppercase: true)
            let name = "U+" + String(repeating: "0", count: max(0, 4 - code.count)) + code
            let owner = claim.map { "the \(field) of '\($0)'" } ?? "the \(field)"
            return "\(owner) holds the control character \(name); remove it (control characters are invisible and can disturb a terminal)"
        }
    }
}
