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

extension EvaluationGraph {
    /// The claims claim `c` depends on, `k`-th of ``dependencyCount(_:)``: those bearing on it,
    /// then the undercutters of its relations (which scale what it bears on others with).
    @inline(__always)
    func dependency(_ c: Int, _ k: Int) -> Int {
        let rows = offsets[c + 1] - offsets[c]
        return k < rows ? Int(source[offsets[c] + k]) : Int(undercutSource[undercutOffsets[c] + k - rows])
    }

    @inline(__always)
    func dependencyCount(_ c: Int) -> Int {
        offsets[c + 1] - offsets[c] + undercutOffsets[c + 1] - undercutOffsets[c]
    }

    /// Whether claim `c` depends on itself (bears on or undercuts itself).
    func dependsOnItself(_ c: Int) -> Bool {
        (0..<dependencyCount(c)).contains { dependency(c, $0) == c }
    }

    /// A map's strongly connected components of what each claim depends on
    /// (``EvaluationGraph/components()``).
    struct Components {
        /// The claims, one component after another; component `k`'s at
        /// `starts[k]..<starts[k + 1]`. Each component comes after every one it depends on.
        var members: [Int32] = [], starts: [Int32] = [0]
        /// Each claim's component's number.
        var component: [Int32]
        /// Whether each component is a cycle: two claims or more, or one that depends on itself.
        var isCycle: [Bool] = []
        /// Each component's depth in cycles: the most cycles on a chain of dependencies from it,
        /// itself counted when it is one. Two cycles of the same depth do not depend on each
        /// other, nor on any claim that depends on either.
        var depth: [Int32] = []

        var count: Int { starts.count - 1 }

        /// The components by depth in cycles, each depth's in their order: depth d's are
        /// `order[firsts[d]..<firsts[d + 1]]` (a counting sort).
        func byDepth() -> (order: [Int32], firsts: [Int]) {
            let deepest = Int(depth.max() ?? 0)
            var firsts = [Int](repeating: 0, count: deepest + 2)
            for d in depth { firsts[Int(d) + 1] += 1 }
            for d in 0...deepest { firsts[d + 1] += firsts[d] }
            var next = firsts, order = [Int32](repeating: 0, count: count)
            for (k, d) in depth.enumerated() {
                order[next[Int(d)]] = Int32(k)
                next[Int(d)] += 1
            }
            return (order, firsts)
        }
    }

    /// The strongly connected components of the graph of what each claim depends on
    /// (``Components``). Tarjan's algorithm, with the search's path on a stack of its own (no
    /// recursion: a chain may be a million deep). A component's depth in cycles is found as it
    /// is closed: its claims' dependencies in components closed before it were met on the way.
    /// - Complexity: O(claims + relations).
    func components() -> Components {
        let n = count
        var index = [Int32](repeating: -1, count: n), low = [Int32](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n), onItself = [Bool](repeating: false, count: n)
        // For each claim met, the greatest depth of the components closed before it that it, or
        // a claim of its component met after it, depends on.
        var reach = [Int32](repeating: 0, count: n)
        // Claims met and not yet in a component, and the search's path: each claim on it with
        // the next of its dependencies to follow.
        var open: [Int32] = [], path: [(claim: Int32, next: Int32)] = []
        var members: [Int32] = [], starts: [Int32] = [0], component = [Int32](repeating: 0, count: n)
        // By component number, as many as there may be; cut to those found at the end.
        var isCycle = [Bool](repeating: false, count: n), depth = [Int32](repeating: 0, count: n)
        members.reserveCapacity(n)
        var met: Int32 = 0
        index.withUnsafeMutableBufferPointer { index in
        low.withUnsafeMutableBufferPointer { low in
        onStack.withUnsafeMutableBufferPointer { onStack in
        reach.withUnsafeMutableBufferPointer { reach in
        onItself.withUnsafeMutableBufferPointer { onItself in
        isCycle.withUnsafeMutableBufferPointer { isCycle in
        depth.withUnsafeMutableBufferPointer { depth in
        component.withUnsafeMutableBufferPointer { component in
            func meet(_ c: Int) {
                index[c] = met
                low[c] = met
                met += 1
                open.append(Int32(c))
                onStack[c] = true
                path.append((Int32(c), 0))
            }
            for root in 0..<n where index[root] < 0 {
                meet(root)
                while let (v32, k) = path.last {
                    let v = Int(v32)
                    if Int(k) < dependencyCount(v) {
                        path[path.count - 1].next += 1
                        let w = dependency(v, Int(k))
                        if index[w] < 0 {
                            meet(w)
                        } else if onStack[w] {
                            // On the path's component: v's own.
                            low[v] = min(low[v], index[w])
                            if w == v { onItself[v] = true }
                        } else {
                            reach[v] = max(reach[v], depth[Int(component[w])])
                        }
                        continue
                    }
                    path.removeLast()
                    if low[v] == index[v] {
                        // v is the first met of its component: the claims met since are it.
                        let number = Int32(starts.count - 1), first = members.count
                        while true {
                            let w = open.removeLast()
                            onStack[Int(w)] = false
                            component[Int(w)] = number
                            members.append(w)
                            if Int(w) == v { break }
                        }
                        starts.append(Int32(members.count))
                        let cycle = members.count - first > 1 || onItself[v]
                        isCycle[Int(number)] = cycle
                        depth[Int(number)] = reach[v] + (cycle ? 1 : 0)
                    }
                    if let parent = path.last.map({ Int($0.claim) }) {
                        low[parent] = min(low[parent], low[v])
                        reach[parent] = max(reach[parent], onStack[v] ? reach[v] : depth[Int(component[v])])
                    }
                }
            }
        }}}}}}}}
        isCycle.removeLast(n - (starts.count - 1))
        depth.removeLast(n - (starts.count - 1))
        return Components(members: members, starts: starts, component: component, isCycle: isCycle, depth: depth)
    }
}
