import ArgMapModel

/// One step of the canonical walk, in 12 bytes rather than ``ArgumentMap/WalkStep``'s 40: the
/// exporters that follow the walk take it whole first, then write its steps on several cores.
struct ShortWalkStep {
    var claim: UInt32
    /// The relation to the claim above, `UInt32.max` for none.
    var relation: UInt32
    var depth: UInt8
    var isFirstVisit: Bool
    var isContinuation: Bool

    init(_ step: ArgumentMap.WalkStep) {
        claim = UInt32(step.claim)
        relation = step.relation.map(UInt32.init) ?? .max
        depth = UInt8(clamping: step.depth)  // 255 for deeper (the argdown printer's limit is lower)
        isFirstVisit = step.isFirstVisit
        isContinuation = step.isContinuation
    }
}

extension ShortWalkStep {
    /// The whole canonical walk of `map`, in order.
    static func walk(_ map: ArgumentMap, depthLimit: Int = .max) -> [ShortWalkStep] {
        var steps: [ShortWalkStep] = []
        steps.reserveCapacity(map.relations.count + map.count / 8 + 16)
        map.canonicalWalk(depthLimit: depthLimit) { steps.append(ShortWalkStep($0)) }
        return steps
    }
}
