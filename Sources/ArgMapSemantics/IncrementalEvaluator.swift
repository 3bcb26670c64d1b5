import ArgMapModel

/// Keeps a map's scores up to date as it is edited. A change of a base score or a weight on
/// an acyclic map recomputes only the claims it can reach (the claims above it, through
/// supports, attacks and undercut relations), in topological order; a change of structure,
/// a cyclic map, or grounded labelling evaluates the whole map again.
public final class IncrementalEvaluator {
    public let semantics: Semantics
    public private(set) var graph: EvaluationGraph
    public private(set) var evaluation: Evaluation
    private var undercutFactors: [Double] = []
    /// Position of each claim in the topological order.
    private var rank: [Int] = []
    /// For each claim, the claims it feeds directly: the claims it supports, attacks or
    /// undercuts (an undercut target's score stays, but its undercut factor changes, and so
    /// do its parents').
    /// Claim c feeds `feeds[feedOffsets[c]..<feedOffsets[c + 1]]` (compressed rows: one
    /// array for the map, not one per claim).
    private var feeds: [Int32] = []
    private var feedOffsets: [Int] = []
    /// How many claims the last update recomputed (for tests and the benchmarks).
    public private(set) var lastUpdateCount = 0

    public init(_ map: ArgumentMap, semantics: Semantics) {
        self.semantics = semantics
        graph = EvaluationGraph(map)
        evaluation = Evaluator.evaluate(graph, semantics)
        prepare(map)
    }

    public var scores: [Double] { evaluation.scores }

    /// Whether single changes can be applied incrementally.
    public var isIncremental: Bool { graph.order != nil && semantics != .grounded }

    /// Evaluates the whole map again (after a change of structure).
    public func rebuild(_ map: ArgumentMap) {
        graph = EvaluationGraph(map)
        evaluation = Evaluator.evaluate(graph, semantics)
        prepare(map)
        lastUpdateCount = map.count
    }

    private func prepare(_ map: ArgumentMap) {
        guard isIncremental, let order = graph.order else { rank = []; feeds = []; feedOffsets = []; undercutFactors = []; return }
        rank = [Int](repeating: 0, count: graph.count)
        for (i, c) in order.enumerated() { rank[c] = i }
        feedOffsets = [Int](repeating: 0, count: graph.count + 1)
        for relation in map.relations { feedOffsets[relation.from + 1] += 1 }
        for c in 0..<graph.count { feedOffsets[c + 1] += feedOffsets[c] }
        var next = feedOffsets
        feeds = [Int32](repeating: 0, count: map.relations.count)
        for relation in map.relations {
            feeds[next[relation.from]] = Int32(relation.to)
            next[relation.from] += 1
        }
        undercutFactors = [Double](repeating: 1, count: graph.count)
        evaluation.scores.withUnsafeBufferPointer { sp in
            for c in order { undercutFactors[c] = graph.undercutFactor(c, sp) }
        }
    }

    /// A claim's base score changed.
    ///
    /// With `target`, only the claims beneath it are recomputed, those that can move its score;
    /// the scores above it are left as they were. That is for trials that put the value back
    /// before anything else reads the scores (impact): putting it back recomputes the same
    /// claims from the same values, so every score ends as it was.
    public func baseChanged(_ c: Int, to value: Double, map: ArgumentMap, upTo target: Int? = nil) {
        graph.base[c] = value
        guard isIncremental else { rebuild(map); return }
        recompute(from: [c], upTo: target)
    }

    /// A relation's weight changed (`target` as for ``baseChanged(_:to:map:upTo:)``).
    public func weightChanged(relation r: Int, to value: Double, map: ArgumentMap, upTo target: Int? = nil) {
        let rel = map.relations[r]
        if rel.type == .undercut {
            for k in graph.undercutOffsets[rel.to]..<graph.undercutOffsets[rel.to + 1] where Int(graph.undercutRelation[k]) == r { graph.undercutWeight[k] = value }
        } else {
            for k in graph.offsets[rel.to]..<graph.offsets[rel.to + 1] where Int(graph.relation[k]) == r { graph.weight[k] = value }
        }
        guard isIncremental else { rebuild(map); return }
        recompute(from: [rel.to], upTo: target)
    }

    /// Recomputes the claims reachable upward from `start`, in topological order; with a
    /// target, only those that come before it in that order (no other can reach it).
    private func recompute(from start: [Int], upTo target: Int? = nil) {
        let last = target.map { rank[$0] } ?? Int.max
        var seen = Set<Int>()
        var stack: [Int] = []
        for c in start where rank[c] <= last && seen.insert(c).inserted { stack.append(c) }
        var affected: [Int] = []
        while let c = stack.popLast() {
            affected.append(c)
            for k in feedOffsets[c]..<feedOffsets[c + 1] where rank[Int(feeds[k])] <= last && seen.insert(Int(feeds[k])).inserted {
                stack.append(Int(feeds[k]))
            }
        }
        affected.sort { rank[$0] < rank[$1] }
        let g = graph
        evaluation.scores.withUnsafeMutableBufferPointer { sp in
            undercutFactors.withUnsafeMutableBufferPointer { up in
                for c in affected {
                    up[c] = g.undercutFactor(c, UnsafeBufferPointer(sp))
                    sp[c] = Evaluator.strength(c, g, semantics, UnsafeBufferPointer(sp), UnsafeBufferPointer(up))
                }
            }
        }
        lastUpdateCount = affected.count
    }
}
