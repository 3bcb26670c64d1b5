import ArgMapModel
import Synchronization

/// The map laid out for evaluation: for each claim, its incoming supports and attacks and its
/// incoming undercuts in contiguous arrays (compressed rows), plus a topological order when
/// the map is acyclic. Built once per structure; every pass over it is a flat loop.
public struct EvaluationGraph: Sendable {
    public internal(set) var count: Int
    public var base: [Double]
    /// Incoming supports and attacks of claim c are at offsets[c]..<offsets[c+1] (``row(_:)``).
    /// (Offsets of 32 bits, as the sources are: a map's relations are numbered in 32 bits, and
    /// at a million claims the graph then writes 8 MB less, with both offsets, than with 64.)
    public internal(set) var offsets: [Int32]
    public internal(set) var source: [Int32]
    public var weight: [Double]
    public internal(set) var isAttack: [Bool]
    /// The relation index of each entry, for explanations and weight updates.
    public internal(set) var relation: [Int32]
    /// Incoming undercuts of claim c are at undercutOffsets[c]..<undercutOffsets[c+1]
    /// (``undercutRow(_:)``).
    public internal(set) var undercutOffsets: [Int32]
    public internal(set) var undercutSource: [Int32]
    public var undercutWeight: [Double]
    public internal(set) var undercutRelation: [Int32]
    /// A topological order (sources first), or nil when the map has a cycle.
    public internal(set) var order: [Int]?
    /// On a map with a cycle, as laid out: its claims below every cycle, each after those it
    /// depends on (``ArgumentMap/orderBelowCycles()``, found on one core
    /// while the other lays out the rows). The search for components takes each as a
    /// component of its own and searches only the others (``components()``): on the generated
    /// cyclic map of a million claims, 938,957 claims are not searched. Dropped (nil) by an
    /// evaluator that changes the rows, for which it would no longer hold.
    var claimsBelowCycles: [Int]?

    /// Whether any relation is undercut. With none (most maps), every undercut factor is 1
    /// and a relation's effective weight is its weight: the passes then read no factor.
    var hasUndercuts: Bool { !undercutSource.isEmpty }

    /// Runs `body` with the rows of supports and attacks (offsets, sources, weights and whether
    /// each attacks) as buffers, for the passes that read them in a hot loop: no bounds checks,
    /// no copies. The buffers must not outlive `body`.
    @inline(__always)
    func withUnsafeRows<R>(_ body: (UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Double>, UnsafeBufferPointer<Bool>) -> R) -> R {
        offsets.withUnsafeBufferPointer { offsets in
            source.withUnsafeBufferPointer { source in
                weight.withUnsafeBufferPointer { weight in
                    isAttack.withUnsafeBufferPointer { isAttack in body(offsets, source, weight, isAttack) }
                }
            }
        }
    }

    /// - Complexity: O(claims + relations), on both cores for a large map.
    public init(_ map: ArgumentMap) {
        count = map.count
        let all = count, shared = all >= Self.sharedSize
        // The rows of each quarter of the claims (of all of them, for a small map) are written
        // straight into the graph's arrays, each quarter's from where the rows before it end:
        // after the relations into the claims before it, counted first, less the undercuts
        // among those, which go into rows of their own (the quarters after are moved down by
        // as many, in the few maps that have any). (Written into arrays of their own and then
        // joined, the quarters' rows took 5 ms more at a million claims, on one core.)
        let parts = Parallel.pieces(0..<all, shared ? 4 : 1)
        let counted = map.incoming.withUnsafeLists { incoming in
            let lists = Parallel.Unchecked(incoming)
            return shared ? Parallel.map(parts.count) { k in parts[k].reduce(0) { $0 + lists.value[$1].count } } : [map.relations.count]
        }
        var starts = [0]
        for n in counted { starts.append(starts.last! + n) }
        // Made with room for claims and relations added after (an array with no room left is
        // copied whole to take one more).
        let claimsRoom = all + 1 + all / 64, rowsRoom = starts.last! + map.relations.count / 64
        var bases: [Double] = [], order: (order: [Int], complete: Bool) = ([], true), written: [WrittenRows] = []
        var rows: (offsets: [Int32], undercutOffsets: [Int32], source: [Int32], weight: [Double], isAttack: [Bool], relation: [Int32]) = ([], [], [], [], [], [])
        rows.offsets = [Int32](unsafeUninitializedCapacity: claimsRoom) { offsets, offsetsMade in
        rows.undercutOffsets = [Int32](unsafeUninitializedCapacity: claimsRoom) { undercutOffsets, undercutOffsetsMade in
        rows.source = [Int32](unsafeUninitializedCapacity: rowsRoom) { source, sourceMade in
        rows.weight = [Double](unsafeUninitializedCapacity: rowsRoom) { weight, weightMade in
        rows.isAttack = [Bool](unsafeUninitializedCapacity: rowsRoom) { isAttack, isAttackMade in
        rows.relation = [Int32](unsafeUninitializedCapacity: rowsRoom) { relation, relationMade in
            let into = RowsTarget(offsets: offsets, undercutOffsets: undercutOffsets, source: source, weight: weight, isAttack: isAttack, relation: relation)
            offsets[0] = 0
            undercutOffsets[0] = 0
            map.incoming.withUnsafeLists { incoming in
            map.relations.withUnsafeBufferPointer { relations in
                let lists = Parallel.Unchecked((incoming, relations))
                func write(_ k: Int) -> WrittenRows {
                    Self.writeRows(of: parts[k], from: starts[k], lists.value.0, lists.value.1, into: into)
                }
                if shared {
                    // Six pieces of work for the two cores, each taken by the first core free:
                    // the topological order (on a map with a cycle, the claims below every
                    // cycle: a search that cannot be cut up), the bases, and each quarter's
                    // rows. (The rows in halves, one a core, with the search after them, left a
                    // core idle for as long as the search took: 20–29 ms at a million claims.)
                    enum Piece { case rows(WrittenRows), bases([Double]), order((order: [Int], complete: Bool)) }
                    let pieces = Parallel.map(2 + parts.count) { k -> Piece in
                        switch k {
                        case 0: return .order(map.orderBelowCycles())
                        case 1: return .bases(Self.bases(of: map))
                        default: return .rows(write(k - 2))
                        }
                    }
                    for piece in pieces {
                        switch piece {
                        case .order(let found): order = found
                        case .bases(let made): bases = made
                        case .rows(let rows): written.append(rows)
                        }
                    }
                } else {
                    written = [write(0)]
                    bases = Self.bases(of: map)
                    order = map.orderBelowCycles()
                }
            }}
            let made = Self.closeUp(written, parts, starts, into)
            offsetsMade = all + 1
            undercutOffsetsMade = all + 1
            (sourceMade, weightMade, isAttackMade, relationMade) = (made, made, made, made)
        }}}}}}
        (offsets, undercutOffsets, source, weight, isAttack, relation) = rows
        undercutSource = written.flatMap(\.undercutSource)
        undercutWeight = written.flatMap(\.undercutWeight)
        undercutRelation = written.flatMap(\.undercutRelation)
        base = bases
        (self.order, claimsBelowCycles) = order.complete ? (order.order, nil) : (nil, order.order)
    }

    /// Lets go of the rows and the order (an evaluator that follows another's layout:
    /// ``IncrementalEvaluator/letGoOfLayout()``); the count, bases and weights stay.
    mutating func letGoOfRows() {
        (offsets, source, isAttack, relation) = ([], [], [], [])
        (undercutOffsets, undercutSource, undercutRelation) = ([], [], [])
        order = nil
        claimsBelowCycles = nil
    }

    /// The graph's arrays of rows being written, in place (``init(_:)``), shared by the cores
    /// that write them, each its own claims' entries.
    struct RowsTarget: @unchecked Sendable {
        let offsets: UnsafeMutableBufferPointer<Int32>, undercutOffsets: UnsafeMutableBufferPointer<Int32>
        let source: UnsafeMutableBufferPointer<Int32>, weight: UnsafeMutableBufferPointer<Double>
        let isAttack: UnsafeMutableBufferPointer<Bool>, relation: UnsafeMutableBufferPointer<Int32>
    }

    /// What writing some claims' rows in place left (``writeRows(of:from:_:_:into:)``): where
    /// their supports and attacks end, and their undercuts, in rows of their own.
    struct WrittenRows {
        var end: Int
        var undercutSource: [Int32] = [], undercutWeight: [Double] = [], undercutRelation: [Int32] = []
    }

    /// Writes the rows of `claims` into `into`, their supports and attacks from entry `start`
    /// on, each claim's incoming relations in relation order, read from the map's lists and
    /// relations in place; their offsets are written as if their undercuts' rows started at
    /// 0 (``closeUp(_:_:_:_:)`` puts them right).
    static func writeRows(of claims: Range<Int>, from start: Int, _ incoming: RelationLists.UnsafeLists, _ relations: UnsafeBufferPointer<Relation>,
                          into: RowsTarget) -> WrittenRows {
        var written = WrittenRows(end: start), next = start
        for c in claims {
            for r in incoming[c] {
                let rel = relations[r]
                if rel.type == .undercut {
                    written.undercutSource.append(Int32(rel.from)); written.undercutWeight.append(rel.weight); written.undercutRelation.append(Int32(r))
                } else {
                    into.source[next] = Int32(rel.from); into.weight[next] = rel.weight; into.isAttack[next] = rel.type == .attack; into.relation[next] = Int32(r)
                    next += 1
                }
            }
            into.offsets[c + 1] = Int32(next)
            into.undercutOffsets[c + 1] = Int32(written.undercutSource.count)
        }
        written.end = next
        return written
    }

    /// Closes up the rows written part by part (``writeRows(of:from:_:_:into:)``, part `k`'s
    /// claims `parts[k]` from entry `starts[k]`): each part's supports and attacks are moved
    /// down to follow the part's before (by the undercuts of the parts before, which the
    /// starts counted), and its undercuts' offsets up past theirs. Returns how many supports
    /// and attacks there are.
    static func closeUp(_ written: [WrittenRows], _ parts: [Range<Int>], _ starts: [Int], _ into: RowsTarget) -> Int {
        var end = 0, undercuts: Int32 = 0
        for (k, part) in parts.enumerated() {
            let from = starts[k], n = written[k].end - from, down = from - end
            if down > 0 && n > 0 {
                func move<T>(_ rows: UnsafeMutableBufferPointer<T>) {
                    // (The two stretches may overlap: copied as memmove copies.)
                    UnsafeMutableRawPointer(rows.baseAddress! + end).copyMemory(from: rows.baseAddress! + from, byteCount: n * MemoryLayout<T>.stride)
                }
                move(into.source); move(into.weight); move(into.isAttack); move(into.relation)
            }
            if down > 0 || undercuts > 0 {
                for c in part {
                    into.offsets[c + 1] -= Int32(down)
                    into.undercutOffsets[c + 1] += undercuts
                }
            }
            end += n
            undercuts += Int32(written[k].undercutSource.count)
        }
        return end
    }

    /// The claims' bases, with room for claims added (``RelationLists/claimsAddedRoom``), which
    /// the live scores' graph takes in place.
    static func bases(of map: ArgumentMap) -> [Double] {
        let n = map.count
        return [Double](unsafeUninitializedCapacity: n + RelationLists.claimsAddedRoom) { base, initialized in
            map.claims.withUnsafeBufferPointer { claims in
                for c in 0..<n { base[c] = claims[c].base }
            }
            initialized = n
        }
    }

    /// The fewest claims whose rows are laid out on both cores.
    static let sharedSize = 1 << 16

    /// The rows of some claims, in claim order, as the graph holds them (their offsets from 0),
    /// for the claims an edit changes (``IncrementalEvaluator``):
    /// each claim's incoming relations in relation order, its supports and attacks in one row,
    /// its undercuts in the other.
    struct Rows {
        var offsets: [Int32] = [0], source: [Int32] = [], weight: [Double] = [], isAttack: [Bool] = [], relation: [Int32] = []
        var undercutOffsets: [Int32] = [0], undercutSource: [Int32] = [], undercutWeight: [Double] = [], undercutRelation: [Int32] = []

        init() {}

        /// Appends the rows of each of `claims` in turn from `map`. The supports and attacks are
        /// written in place, in room made at once for every incoming relation of them all (a
        /// thesis may have a million; an `undo` may put back half a million claims), each list
        /// read in place; the room left by undercuts (few), which go in rows of their own, is
        /// then cut off.
        mutating func appendRows(of claims: [Int], in map: ArgumentMap) {
            map.incoming.withUnsafeLists { incoming in
            map.relations.withUnsafeBufferPointer { relations in
                let start = source.count, room = claims.reduce(0) { $0 + incoming[$1].count }
                source.append(contentsOf: repeatElement(0, count: room))
                weight.append(contentsOf: repeatElement(0, count: room))
                isAttack.append(contentsOf: repeatElement(false, count: room))
                relation.append(contentsOf: repeatElement(0, count: room))
                offsets.reserveCapacity(offsets.count + claims.count)
                undercutOffsets.reserveCapacity(undercutOffsets.count + claims.count)
                var end = start
                source.withUnsafeMutableBufferPointer { source in
                weight.withUnsafeMutableBufferPointer { weight in
                isAttack.withUnsafeMutableBufferPointer { isAttack in
                relation.withUnsafeMutableBufferPointer { relation in
                    for c in claims {
                        for r in incoming[c] {
                            let rel = relations[r]
                            if rel.type == .undercut {
                                undercutSource.append(Int32(rel.from)); undercutWeight.append(rel.weight); undercutRelation.append(Int32(r))
                            } else {
                                source[end] = Int32(rel.from); weight[end] = rel.weight; isAttack[end] = rel.type == .attack; relation[end] = Int32(r)
                                end += 1
                            }
                        }
                        offsets.append(Int32(end))
                        undercutOffsets.append(Int32(undercutSource.count))
                    }
                }}}}
                if end < source.count {
                    let unused = source.count - end
                    source.removeLast(unused); weight.removeLast(unused); isAttack.removeLast(unused); relation.removeLast(unused)
                }
            }}
        }
    }

    /// Where claim `c`'s incoming supports and attacks lie in the rows.
    @inline(__always)
    public func row(_ c: Int) -> Range<Int> { Int(offsets[c])..<Int(offsets[c + 1]) }

    /// Where claim `c`'s incoming undercuts lie in the undercut rows.
    @inline(__always)
    public func undercutRow(_ c: Int) -> Range<Int> { Int(undercutOffsets[c])..<Int(undercutOffsets[c + 1]) }

    /// The factor by which undercuts scale every relation leaving claim x: Π (1 − ω_u·s_u).
    @inline(__always)
    public func undercutFactor(_ x: Int, _ s: UnsafeBufferPointer<Double>) -> Double {
        var f = 1.0
        for k in undercutRow(x) {
            f *= 1 - undercutWeight[k] * s[Int(undercutSource[k])]
        }
        return f
    }
}

extension EvaluationGraph {
    /// The claims claim `c` depends on, `k`-th of ``dependencyCount(_:)``: those bearing on it,
    /// then the undercutters of its relations (which scale what it bears on others with).
    @inline(__always)
    func dependency(_ c: Int, _ k: Int) -> Int {
        let row = row(c)
        return k < row.count ? Int(source[row.lowerBound + k]) : Int(undercutSource[Int(undercutOffsets[c]) + k - row.count])
    }

    @inline(__always)
    func dependencyCount(_ c: Int) -> Int {
        row(c).count + undercutRow(c).count
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
        var members: [Int32] = []
        var starts: [Int32] = [0]
        /// Each claim's component's number.
        var component: [Int32]
        /// Whether each component is a cycle: two claims or more, or one that depends on itself.
        var isCycle: [Bool] = []
        /// Each component's depth in cycles: the most cycles on a chain of dependencies from it,
        /// itself counted when it is one. Two cycles of the same depth do not depend on each
        /// other, nor on any claim that depends on either.
        var depth: [Int32] = [] { didSet { ordered = DepthOrder(); settling = KeptSettling() } }
        /// ``byDepth()``, worked out once for these components, by the first evaluation that
        /// asks for it, on whichever thread. Every change of the components changes `depth`
        /// (one entry a component, in their order), which starts afresh; a copy of the
        /// components that is not changed keeps its own.
        private var ordered = DepthOrder()
        /// ``Settling``, made by the first evaluation that works the claims below every cycle
        /// out (``keptSettling``); dropped with ``ordered``, and by ``dropSettling()`` when the
        /// graph's rows change under the same components.
        private var settling = KeptSettling()

        /// No components yet; `component`, each claim's component's number, to be filled.
        init(component: [Int32]) {
            self.component = component
        }

        var count: Int { starts.count - 1 }

        /// The components by depth in cycles, each depth's in their order: depth d's are
        /// `order[firsts[d]..<firsts[d + 1]]`. Worked out once (a counting sort, 5 ms at a
        /// million claims) for every semantics evaluated on these components, until they change.
        func byDepth() -> (order: [Int32], firsts: [Int]) {
            ordered.value.withLock { kept in
                if let kept { return kept }
                let made = sortedByDepth()
                kept = made
                return made
            }
        }

        /// The claims below every cycle that an evaluation works out, as the first to work them
        /// out kept them (``keep(_:)``); nil before.
        var keptSettling: Settling? { settling.value.withLock { $0 } }

        /// Keeps `made` as these components' ``Settling`` unless one is kept already.
        func keep(_ made: Settling) {
            settling.value.withLock { if $0 == nil { $0 = made } }
        }

        /// Drops the kept ``Settling``: the graph's rows changed (a claim something now bears
        /// on, or no longer does) while the components stayed as they were.
        mutating func dropSettling() {
            settling = KeptSettling()
        }

        /// Whether ``byDepth()`` is worked out and kept (for tests).
        var orderedByDepth: Bool { ordered.value.withLock { $0 != nil } }

        /// ``byDepth()`` worked out. The components of depth 0 at the front (on a cyclic map,
        /// the claims below every cycle, each a component of its own, 94% of the generated map
        /// of a million claims) keep their places, and are not counted one by one.
        func sortedByDepth() -> (order: [Int32], firsts: [Int]) {
            let lead = depth.firstIndex { $0 != 0 } ?? depth.count, rest = depth[lead...]
            let deepest = Int(rest.max() ?? 0)
            var firsts = [Int](repeating: 0, count: deepest + 2)
            for d in rest { firsts[Int(d) + 1] += 1 }
            firsts[1] += lead
            for d in 0...deepest { firsts[d + 1] += firsts[d] }
            var next = firsts
            next[0] = lead
            let order = [Int32](unsafeUninitializedCapacity: depth.count) { order, made in
                for k in 0..<lead { order[k] = Int32(k) }
                for k in lead..<depth.count {
                    let d = Int(depth[k])
                    order[next[d]] = Int32(k)
                    next[d] += 1
                }
                made = depth.count
            }
            return (order, firsts)
        }
    }

    /// The claims of the components of depth 0 (on no cycle, below every cycle) that something
    /// bears on or undercuts, in their order, in three runs: `first` and `second` depend on no
    /// claim of each other (they may be worked out at once, one a core), and `after` on claims
    /// of either, worked out after both. The other claims of depth 0 keep their bases (and an
    /// undercut factor of 1). A cyclic map's evaluations read these runs instead of every
    /// component of depth 0: on the generated cyclic map, 406,828 claims of 938,957.
    struct Settling: Sendable {
        var first: [Int32] = [], second: [Int32] = [], after: [Int32] = []
    }

    /// ``Components/keptSettling``, shared as ``DepthOrder`` is.
    final class KeptSettling: Sendable {
        let value = Mutex<Settling?>(nil)
    }

    /// ``Components/byDepth()`` once it is worked out, for components that may be read on
    /// several threads at once (the semantics of `compare` are evaluated two at a time).
    final class DepthOrder: Sendable {
        let value = Mutex<(order: [Int32], firsts: [Int])?>(nil)
    }

    /// The strongly connected components of the graph of what each claim depends on
    /// (``Components``). Tarjan's algorithm, with the search's path on a stack of its own (no
    /// recursion: a chain may be a million deep). A component's depth in cycles is found as it
    /// is closed: its claims' dependencies in components closed before it were met on the way.
    /// With ``claimsBelowCycles``, each of those is a component of its own, first, and the
    /// search meets only the other claims (same components, their claims in the same order).
    /// - Complexity: O(claims + relations).
    func components() -> Components {
        // (With room for claims added at the end, which would otherwise copy the arrays.)
        var component: [Int32] = []
        component.reserveCapacity(count + count / 64)
        component.append(contentsOf: repeatElement(0, count: count))
        // (Consumed, here and below, so that no local copy still holds the arrays when the
        // search writes to them: each write would copy an array whole first, 4 MB apiece at a
        // million claims, which took half the search's time.)
        var found = Components(component: consume component)
        var index = [Int32](repeating: -1, count: count)
        guard let below = claimsBelowCycles else {
            search(&found, &index, from: 0..<count, meeting: count)
            return found
        }
        // Each claim below every cycle is a component of its own, of depth 0, in the order
        // found (each after those it depends on), closed before the search, which meets only
        // the others: their components come after these. Written on both cores (most of the
        // time is the page faults of the new arrays), with room for the whole map's.
        let room = count + 1 + count / 64, n = below.count
        var members = [Int32](unsafeUninitializedCapacity: room) { $1 = n }
        var starts = [Int32](unsafeUninitializedCapacity: room) { $0[0] = 0; $1 = n + 1 }
        var isCycle = [Bool](unsafeUninitializedCapacity: room) { $1 = n }
        var depth = [Int32](unsafeUninitializedCapacity: room) { $1 = n }
        members.withUnsafeMutableBufferPointer { members in
        starts.withUnsafeMutableBufferPointer { starts in
        isCycle.withUnsafeMutableBufferPointer { isCycle in
        depth.withUnsafeMutableBufferPointer { depth in
        index.withUnsafeMutableBufferPointer { index in
        found.component.withUnsafeMutableBufferPointer { component in
        below.withUnsafeBufferPointer { below in
            let all = Parallel.Unchecked((members, starts, isCycle, depth, index, component))
            Parallel.forEachPiece(n, minimum: Self.sharedSize) { piece in
                let (members, starts, isCycle, depth, index, component) = all.value
                for k in piece {
                    let c = below[k]
                    members[k] = Int32(c)
                    starts[k + 1] = Int32(k + 1)
                    isCycle[k] = false
                    depth[k] = 0
                    index[c] = Self.closedAtDepth0
                    component[c] = Int32(k)
                }
            }
        }}}}}}}
        (found.members, found.starts, found.isCycle, found.depth) = (consume members, consume starts, consume isCycle, consume depth)
        search(&found, &index, from: 0..<count, meeting: count - n)
        return found
    }

    /// The components after a change of structure, from those before it (`found`, changed in
    /// place, so that its arrays are not copied when it holds them alone), in two halves: this
    /// one, which reads nothing of the graph (so that it may run while the graph's rows are laid
    /// out again after the change), then ``searchAgain(_:_:)``, which reads the new rows.
    /// `open`: the claims the change can reach through what depends on what (the claims whose
    /// rows changed, those put in, and every claim that depends on one of them), in new numbers;
    /// `removed` (old numbers) and `inserted` (new numbers), ascending, the claims taken out
    /// and put in; `count` the claims after the change; `oldClaim` an open claim's number before
    /// the change (-1 for one put in), and `renumberClaims` every claim number of an array, in
    /// place, from before the change to after.
    ///
    /// A cycle through an open claim holds only open claims, so every component with an open
    /// claim holds only open claims (or is a claim taken out), and every other component is as
    /// it was: those keep their order, renumbered past the ones dropped, and only the open
    /// claims are searched again, their components coming after the others (nothing else
    /// depends on an open claim). Returns each old component's new number (-1 for one
    /// dropped), how many were kept (the open claims' components come after them), and what
    /// the search reads.
    /// - Complexity: O(claims) in passes that move or renumber blocks of memory.
    static func dropComponents(_ found: inout Components, open: [Int], removed: [Int], inserted: [Int], count: Int,
                               oldClaim: (Int) -> Int, renumberClaims: (inout [Int32]) -> Void) -> ComponentsDropped {
        // (Listed, then sorted: a set of them took longer than the sort.)
        var dropped: [Int] = []
        dropped.reserveCapacity(open.count + removed.count)
        for c in open { let o = oldClaim(c); if o >= 0 { dropped.append(Int(found.component[o])) } }
        for o in removed { dropped.append(Int(found.component[o])) }
        let gone = dropped.sortedDistinct(), renumbered = Renumbering(removing: gone), oldCount = found.count
        // The dropped components' members, and their entries, go; every other component's
        // number drops by the number of dropped ones before it.
        var places: [Int] = []
        for k in gone { places += Int(found.starts[k])..<Int(found.starts[k + 1]) }
        found.members.remove(atAscending: places)
        renumberClaims(&found.members)
        if let first = gone.first { found.starts.withUnsafeMutableBufferPointer { starts in
            // Those before the first dropped stay.
            var next = 0, lost: Int32 = 0, w = first + 1
            for k in first..<oldCount {
                if next < gone.count && gone[next] == k {
                    lost += starts[k + 1] - starts[k]
                    next += 1
                    continue
                }
                starts[w] = starts[k + 1] - lost
                w += 1
            }
        }}
        found.starts.removeLast(gone.count)
        found.isCycle.remove(atAscending: gone)
        found.depth.remove(atAscending: gone)
        found.component.remove(atAscending: removed)
        found.component.insert([Int32](repeating: 0, count: inserted.count), atAscending: inserted)
        if let first = gone.first {
            found.component.withUnsafeMutableBufferPointer { renumbered.apply(to: $0, from: first, minimum: 1 << 16) }
        }
        // Every claim not open is closed, in the component it has.
        var index = [Int32](repeating: closed, count: count)
        for c in open { index[c] = -1 }
        return ComponentsDropped(renumbered: renumbered, kept: found.count, open: open, index: index)
    }

    /// What ``dropComponents(_:open:removed:inserted:count:oldClaim:renumberClaims:)`` leaves
    /// for ``searchAgain(_:_:)``: each old component's new number (-1 for one dropped), how many
    /// components were kept, the open claims, and the search's index of every claim (-1 for an
    /// open one, else ``closed``).
    struct ComponentsDropped {
        let renumbered: Renumbering, kept: Int, open: [Int]
        fileprivate var index: [Int32]
    }

    /// The second half of a change's components (``dropComponents(_:open:removed:inserted:count:oldClaim:renumberClaims:)``):
    /// the open claims searched again, their components added after those kept, from this
    /// graph's rows as the change left them.
    /// - Complexity: O(the open claims and their relations).
    func searchAgain(_ found: inout Components, _ dropped: inout ComponentsDropped) {
        search(&found, &dropped.index, from: dropped.open, meeting: dropped.open.count)
    }

    /// What ``search(_:_:from:meeting:)`` reads as the index of a claim already in a
    /// component: of any depth, or of depth 0 (a claim that depends on nothing, whose depth
    /// is then not read at random).
    private static let closed = Int32.max, closedAtDepth0 = Int32.max - 1

    /// Tarjan's search from each of `roots` not met yet (`index` -1), which meets at most
    /// `meeting` claims: the components it closes are added to `found`, after those already
    /// there. A claim with the index ``closed`` is in the component `found.component` gives
    /// it. What the search keeps of each claim it meets is kept by the order it met them in
    /// (`index`), so that it takes memory for those claims only. A claim that depends on
    /// nothing (most of a map: its leaves) is a component of its own as soon as it is found,
    /// without being met.
    private func search<Roots: Sequence<Int>>(_ found: inout Components, _ index: inout [Int32], from roots: Roots, meeting: Int) {
        let m = max(meeting, 1)
        // Of each claim met, by the order met: the least index its search reached, whether it
        // is open, whether it depends on itself, and the greatest depth of the components
        // closed before it that it, or a claim of its component met after it, depends on.
        let low = UnsafeMutablePointer<Int32>.allocate(capacity: m), reach = UnsafeMutablePointer<Int32>.allocate(capacity: m)
        let onStack = UnsafeMutablePointer<Bool>.allocate(capacity: m), onItself = UnsafeMutablePointer<Bool>.allocate(capacity: m)
        // Claims met and not yet in a component, and the search's path: each claim on it but
        // the last with the next of its dependencies to follow (the last's is kept apart).
        var open = Pile<Int32>(capacity: 1_024), path = Pile<(claim: Int32, next: Int32)>(capacity: 1_024)
        defer { low.deallocate(); reach.deallocate(); onStack.deallocate(); onItself.deallocate(); open.free(); path.free() }
        // Taken out of `found` while they grow, so that they are not copied.
        var members = found.members, starts = found.starts, isCycle = found.isCycle, depth = found.depth
        (found.members, found.starts, found.isCycle, found.depth) = ([], [], [], [])
        members.reserveCapacity(members.count + meeting + meeting / 64)
        if isCycle.isEmpty {
            // A whole search: a component for each claim at most, and room for claims added
            // after. (Not after a change, where a room just large enough would be made again,
            // and copied, at every change.)
            starts.reserveCapacity(meeting + 1 + meeting / 64)
            isCycle.reserveCapacity(meeting + meeting / 64)
            depth.reserveCapacity(meeting + meeting / 64)
        }
        var met: Int32 = 0
        let undercuts = hasUndercuts
        index.withUnsafeMutableBufferPointer { index in
        found.component.withUnsafeMutableBufferPointer { component in
        withUnsafeRows { offsets, source, _, _ in
        undercutOffsets.withUnsafeBufferPointer { undercutOffsets in
        undercutSource.withUnsafeBufferPointer { undercutSource in
            // Claim c's `end` dependencies, in ``dependency(_:_:)``'s order: the k-th is
            // source[first + k] for k below `rows` (its row's), then undercutSource[under + k]
            // (its undercutters').
            func dependencies(of c: Int) -> (rows: Int, end: Int, first: Int, under: Int) {
                let row = offsets.row(c), first = row.lowerBound, rows = row.count
                guard undercuts else { return (rows, rows, first, 0) }
                let undercutRow = undercutOffsets.row(c)
                return (rows, rows + undercutRow.count, first, undercutRow.lowerBound - rows)
            }
            // (No nested function changes the search's state: one that captures the stacks
            // would have every access to them checked at run time.)
            for root in roots where index[root] < 0 {
                var v = root, next = 0
                // Meet the root.
                index[v] = met
                low[Int(met)] = met; reach[Int(met)] = 0; onStack[Int(met)] = true; onItself[Int(met)] = false
                met += 1
                open.push(Int32(v))
                var (rows, end, first, under) = dependencies(of: v)
                while true {
                    let iv = Int(index[v])
                    if next < end {
                        let w = Int(next < rows ? source[first + next] : undercutSource[under + next])
                        next += 1
                        let iw = index[w]
                        if iw < 0 {
                            let ahead = dependencies(of: w)
                            if ahead.end == 0 {
                                // It depends on nothing: its own component, of depth 0, at once.
                                index[w] = Self.closedAtDepth0
                                component[w] = Int32(starts.count - 1)
                                members.append(Int32(w))
                                starts.append(Int32(members.count))
                                isCycle.append(false)
                                depth.append(0)
                                continue
                            }
                            // Meet it: its index is the order met; it goes on the stack, and
                            // the path goes on from it.
                            path.push((Int32(v), Int32(next)))
                            index[w] = met
                            low[Int(met)] = met; reach[Int(met)] = 0; onStack[Int(met)] = true; onItself[Int(met)] = false
                            met += 1
                            open.push(Int32(w))
                            v = w; next = 0
                            (rows, end, first, under) = ahead
                        } else if iw < Self.closedAtDepth0 && onStack[Int(iw)] {
                            // On the path's component: v's own.
                            low[iv] = min(low[iv], iw)
                            if w == v { onItself[iv] = true }
                        } else if iw != Self.closedAtDepth0 {
                            reach[iv] = max(reach[iv], depth[Int(component[w])])
                        }
                        continue
                    }
                    if low[iv] == Int32(iv) {
                        // v is the first met of its component: the claims met since are it.
                        let number = Int32(starts.count - 1), firstMember = members.count
                        while let w = open.pop() {
                            onStack[Int(index[Int(w)])] = false
                            component[Int(w)] = number
                            members.append(w)
                            if Int(w) == v { break }
                        }
                        starts.append(Int32(members.count))
                        let cycle = members.count - firstMember > 1 || onItself[iv]
                        isCycle.append(cycle)
                        depth.append(reach[iv] + (cycle ? 1 : 0))
                    }
                    guard let (parent, parentNext) = path.pop() else { break }
                    let ip = Int(index[Int(parent)])
                    low[ip] = min(low[ip], low[iv])
                    reach[ip] = max(reach[ip], onStack[iv] ? reach[iv] : depth[Int(component[v])])
                    v = Int(parent); next = Int(parentNext)
                    (rows, end, first, under) = dependencies(of: v)
                }
            }
        }}}}}
        (found.members, found.starts, found.isCycle, found.depth) = (members, starts, isCycle, depth)
    }
}

extension UnsafeBufferPointer<Int32> {
    /// Where claim `c`'s entries lie, read from offsets (``EvaluationGraph/offsets``,
    /// ``EvaluationGraph/undercutOffsets``) in a hot loop.
    @inline(__always)
    func row(_ c: Int) -> Range<Int> { Int(self[c])..<Int(self[c + 1]) }
}
