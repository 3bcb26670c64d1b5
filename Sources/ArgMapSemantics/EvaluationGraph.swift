import ArgMapModel

/// The map laid out for evaluation: for each claim, its incoming supports and attacks and its
/// incoming undercuts in contiguous arrays (compressed rows), plus a topological order when
/// the map is acyclic. Built once per structure; every pass over it is a flat loop.
public struct EvaluationGraph: Sendable {
    public internal(set) var count: Int
    public var base: [Double]
    /// Incoming supports and attacks of claim c are at offsets[c]..<offsets[c+1].
    public internal(set) var offsets: [Int]
    public internal(set) var source: [Int32]
    public var weight: [Double]
    public internal(set) var isAttack: [Bool]
    /// The relation index of each entry, for explanations and weight updates.
    public internal(set) var relation: [Int32]
    /// Incoming undercuts of claim c are at undercutOffsets[c]..<undercutOffsets[c+1].
    public internal(set) var undercutOffsets: [Int]
    public internal(set) var undercutSource: [Int32]
    public var undercutWeight: [Double]
    public internal(set) var undercutRelation: [Int32]
    /// A topological order (sources first), or nil when the map has a cycle.
    public internal(set) var order: [Int]?

    /// Runs `body` with the rows of supports and attacks (offsets, sources, weights and whether
    /// each attacks) as buffers, for the passes that read them in a hot loop: no bounds checks,
    /// no copies. The buffers must not outlive `body`.
    @inline(__always)
    func withUnsafeRows<R>(_ body: (UnsafeBufferPointer<Int>, UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Double>, UnsafeBufferPointer<Bool>) -> R) -> R {
        offsets.withUnsafeBufferPointer { offsets in
            source.withUnsafeBufferPointer { source in
                weight.withUnsafeBufferPointer { weight in
                    isAttack.withUnsafeBufferPointer { isAttack in body(offsets, source, weight, isAttack) }
                }
            }
        }
    }

    /// - Complexity: O(claims + relations).
    public init(_ map: ArgumentMap) {
        count = map.count
        base = map.claims.map(\.base)
        var offsets = [0], source: [Int32] = [], weight: [Double] = [], isAttack: [Bool] = [], relation: [Int32] = []
        var uOffsets = [0], uSource: [Int32] = [], uWeight: [Double] = [], uRelation: [Int32] = []
        offsets.reserveCapacity(count + 1)
        source.reserveCapacity(map.relations.count)
        for c in 0..<count {
            EvaluationGraph.appendRows(of: c, in: map, &source, &weight, &isAttack, &relation, &uSource, &uWeight, &uRelation)
            offsets.append(source.count)
            uOffsets.append(uSource.count)
        }
        self.offsets = offsets
        self.source = source
        self.weight = weight
        self.isAttack = isAttack
        self.relation = relation
        undercutOffsets = uOffsets
        undercutSource = uSource
        undercutWeight = uWeight
        undercutRelation = uRelation
        order = map.topologicalOrder()
    }

    /// Appends claim `c`'s incoming relations in relation order: its supports and attacks to
    /// one row, its undercuts to the other.
    @inline(__always)
    static func appendRows(of c: Int, in map: ArgumentMap, _ source: inout [Int32], _ weight: inout [Double], _ isAttack: inout [Bool],
                           _ relation: inout [Int32], _ uSource: inout [Int32], _ uWeight: inout [Double], _ uRelation: inout [Int32]) {
        for r in map.incoming[c] {
            let rel = map.relations[r]
            if rel.type == .undercut {
                uSource.append(Int32(rel.from)); uWeight.append(rel.weight); uRelation.append(Int32(r))
            } else {
                source.append(Int32(rel.from)); weight.append(rel.weight); isAttack.append(rel.type == .attack); relation.append(Int32(r))
            }
        }
    }

    /// The factor by which undercuts scale every relation leaving claim x: Π (1 − ω_u·s_u).
    @inline(__always)
    public func undercutFactor(_ x: Int, _ s: UnsafeBufferPointer<Double>) -> Double {
        var f = 1.0
        var k = undercutOffsets[x]
        let end = undercutOffsets[x + 1]
        while k < end {
            f *= 1 - undercutWeight[k] * s[Int(undercutSource[k])]
            k += 1
        }
        return f
    }
}
