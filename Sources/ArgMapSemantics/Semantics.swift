/// The evaluation semantics argmap offers. Each computes a claim's strength from its base
/// score and the strengths of its supporters and attackers; `grounded` labels instead.
///
/// argmap's weight convention: a relation of weight ω contributes ω·s of its source (ω = 1
/// everywhere gives the published definitions; ω = 0 is no relation). An undercut of weight
/// ω_u by a claim of strength s_u multiplies the weight of every relation leaving its target by
/// (1 − ω_u·s_u).
public enum Semantics: String, CaseIterable, Sendable {
    /// DF-QuAD (Rago, Toni, Aurisicchio, Baroni, KR 2016).
    case dfquad
    /// QuAD (Baroni, Romano, Toni, Aurisicchio, Bertanza, Argument & Computation 2015).
    case quad
    /// Euler-based semantics (Amgoud & Ben-Naim, ECSQARU 2017).
    case euler
    /// Quadratic energy (Potyka, KR 2018).
    case qe
    /// MLP-based semantics (Potyka, AAAI 2021).
    case mlp
    /// Weighted h-categorizer (Besnard & Hunter 2001; Amgoud, Ben-Naim, Doder, Vesic, IJCAI 2017); attacks only.
    case hcat
    /// Dung's grounded labelling (1995); attacks only.
    case grounded

    public var title: String {
        switch self {
        case .dfquad: return "DF-QuAD"
        case .quad: return "QuAD"
        case .euler: return "Euler-based"
        case .qe: return "quadratic energy"
        case .mlp: return "MLP-based"
        case .hcat: return "weighted h-categorizer"
        case .grounded: return "grounded labelling"
        }
    }

    public var citation: String {
        switch self {
        case .dfquad: return "Rago, Toni, Aurisicchio and Baroni, KR 2016"
        case .quad: return "Baroni, Romano, Toni, Aurisicchio and Bertanza, Argument & Computation 2015"
        case .euler: return "Amgoud and Ben-Naim, ECSQARU 2017"
        case .qe: return "Potyka, KR 2018"
        case .mlp: return "Potyka, AAAI 2021"
        case .hcat: return "Besnard and Hunter 2001; Amgoud, Ben-Naim, Doder and Vesic, IJCAI 2017"
        case .grounded: return "Dung, Artificial Intelligence 1995"
        }
    }

    /// Whether supports count (hcat and grounded consider attacks only).
    public var usesSupports: Bool { self != .hcat && self != .grounded }
}

/// A grounded label.
public enum Label: String, Sendable {
    case `in`, out, undec
}

/// The result of evaluating a map.
public struct Evaluation: Sendable {
    public var semantics: Semantics
    /// False when the iteration on a cyclic map stopped at its cap before settling.
    public var converged: Bool
    /// Steps taken: 1 for the exact pass on an acyclic map.
    public var iterations: Int
    /// The largest change per step when the iteration stopped (0 for an exact pass).
    public var residual: Double
    /// Strength of each claim, by claim index. For grounded: 1 in, 0 out, 0.5 undecided.
    public var scores: [Double]
    public var labels: [Label]?
    /// Why there is no answer, when there is none (QuAD on a cycle).
    public var note: String?
    /// Whether the map had a cycle (the continuous model was used).
    public var cyclic: Bool
}
