import ArgMapModel
import Synchronization

/// Keeps a map's scores up to date as it is edited. On an acyclic map, a change of a base
/// score or a weight recomputes only the claims it can reach (the claims above it, through
/// supports, attacks and undercut relations), in topological order; so does a change of
/// structure (claims or relations removed, inserted or moved), after the evaluation graph is
/// patched in one pass rather than built again. Grounded labelling, or a new relation that
/// closes a cycle or goes against the topological order more than once, evaluates the whole
/// map again.
///
/// On a cyclic map (under a semantics with a continuous model), a change of a base score or a
/// weight solves again only the strongly connected components it can reach, each cycle from
/// its bases as the whole evaluation does, so the scores are those of a whole evaluation to
/// the last bit; so does a change of structure, after the graph is patched and only the
/// claims it reaches are sorted into components again.
public final class IncrementalEvaluator {
    public let semantics: Semantics
    public private(set) var graph: EvaluationGraph
    public private(set) var evaluation: Evaluation
    /// On an acyclic map with undercuts, each claim's undercut factor (1 where none of its
    /// relations is undercut), kept up to date with the scores; empty on a map with none (every
    /// factor 1: 8 MB at a million claims neither written nor read), made whole from the
    /// scores when an edit brings the first undercut, and dropped when one takes the last
    /// (``recompute(from:in:map:upTo:)``).
    private var undercutFactors: [Double] = []
    /// Each claim's position in the graph's topological order.
    private var rank: [Int] = []
    /// The order and ranks from before the last change of structure, when it removed claims
    /// that claims which stayed answer: the claims removed and the relations (old numbers).
    /// Putting exactly those back (an undo, with at most values changed between) cannot put
    /// the claims first in the order, where the others go; it finds the order it needs here.
    private var beforeRemoval: (claims: [Int], relations: [Int], order: [Int], rank: [Int])?
    /// On a cyclic map, the components found by its evaluation, and what each cycle took.
    private var cyclic: Evaluator.Solved?
    /// On a cyclic map, what the last change of structure solved again, as it was before that
    /// change (``cyclicStructureChanged(_:map:undoing:)``), until anything else changes the
    /// scores.
    private var beforeCyclicChange: BeforeChange?
    /// On a cyclic map scored with no components of its own (grounded labelling, QuAD), the
    /// components of the evaluator whose layout it took (``init(_:semantics:)``), to lend on
    /// to the next; dropped at any change of structure (which such an evaluator does not
    /// follow: it is worked out afresh).
    private var lentComponents: EvaluationGraph.Components?
    /// The graph's components, when known (found by a continuous evaluation of a cyclic map,
    /// or lent).
    var knownComponents: EvaluationGraph.Components? { cyclic?.components ?? lentComponents }
    /// On a cyclic map, its components as kept (for tests).
    var components: EvaluationGraph.Components? { cyclic?.components }
    /// On a cyclic map, how many cycles' layouts are kept (for tests).
    var keptLayouts: Int { cyclic?.kept.count ?? 0 }
    /// How many cycles' layouts the changes followed have made afresh to keep (for tests).
    private(set) var layoutsMade = 0
    /// The steps the cycle holding claim `c` took when last solved (nil for a claim on no
    /// cycle, or an acyclic map).
    func steps(ofCycleHolding c: Int) -> Int? {
        guard let solved = cyclic else { return nil }
        return solved.cycles[solved.components.component[c]]?.steps
    }
    /// How many undercut factors a cyclic map's evaluation keeps (``Evaluator/Solved/factors``:
    /// none on a map with no undercuts); nil on an acyclic map (for tests).
    var cyclicFactorsKept: Int? { cyclic?.factors.count }
    /// How many cycles trials solved claim by claim (``Evaluator/locally(_:_:_:_:_:log:)``; for tests).
    private(set) var solvedClaimByClaim = 0
    /// How many claims the last update recomputed (for tests and the benchmarks).
    public private(set) var lastUpdateCount = 0

    /// The evaluation's options (the defaults but in tests).
    let options: Evaluator.Options

    public convenience init(_ map: ArgumentMap, semantics: Semantics) {
        self.init(map, semantics: semantics, options: Evaluator.Options())
    }

    /// With other options than the defaults (for tests).
    public init(_ map: ArgumentMap, semantics: Semantics, options: Evaluator.Options) {
        self.semantics = semantics
        self.options = options
        graph = EvaluationGraph(map)
        evaluation = Evaluation(semantics: semantics, converged: true, iterations: 0, residual: 0, scores: [], labels: nil, note: nil, cyclic: false)
        evaluate()
    }

    /// The scores under `semantics` of the map that `other` scores, as it is now: `other`'s
    /// graph, and on a cyclic map the components its evaluation found and has kept up to date,
    /// are taken rather than laid out and searched for again (at a million claims, about half
    /// of a first scoring). They are what a fresh layout of the map gives, so the scores are
    /// those of ``init(_:semantics:)``, to the last bit (a test compares them after edits).
    /// `other` is left as it was.
    public convenience init(_ other: IncrementalEvaluator, semantics: Semantics) {
        self.init(other.layout, semantics: semantics, memory: nil)
    }

    /// The evaluations of the map of the evaluator `layout` was taken from (``layout``) under
    /// `list`, as ``evaluations(_:)`` works them out (at once on every core, each on one), each
    /// with an evaluator (``init(_:semantics:)``) to follow the changes after, where it solves
    /// the map's cycles (``solvesCycles``): for `compare`'s other semantics on a cyclic map. On
    /// any thread: they read nothing of that evaluator, which may change meanwhile.
    /// `hurried`: one after another, each on the core this runs on, leaving the other to the
    /// user's commands (work ahead of them), until it says someone waits for them: then the
    /// rest at once on every core (``Evaluator/eachAtOnce(_:onOneCoreUntil:_:)``).
    public static func evaluators(_ layout: Layout, _ list: [Semantics],
                                  onOneCoreUntil hurried: (() -> Bool)? = nil) -> [(evaluator: IncrementalEvaluator?, evaluation: Evaluation)] {
        // (On one core, an evaluation is not alone: ``Evaluator/evaluateKeeping``.)
        let alone = list.count == 1
        return Evaluator.eachAtOnce(list, onOneCoreUntil: hurried) { semantics, onOneCore in
            guard semantics != .grounded && semantics != .quad else {
                return (nil, Evaluator.evaluateKeeping(layout.graph, semantics, options: layout.options, found: layout.components, alone: alone,
                                                       onOneCore: onOneCore).evaluation)
            }
            let board = IncrementalEvaluator(layout, semantics: semantics, memory: nil, alone: alone, onOneCore: onOneCore)
            return (board.solvesCycles ? board : nil, board.evaluation)
        }
    }

    /// What another evaluator under another semantics takes of this one (``init(_:semantics:)``,
    /// ``evaluators(_:_:)``): its graph, its options, and on a cyclic map its components. A
    /// value: taken on the thread that owns this evaluator, it can be read on another while
    /// this one changes (each array this one then writes is copied first, once).
    public struct Layout: @unchecked Sendable {
        let graph: EvaluationGraph
        let options: Evaluator.Options
        let beforeRemoval: (claims: [Int], relations: [Int], order: [Int], rank: [Int])?
        let components: EvaluationGraph.Components?
        /// Which components they are (``IncrementalEvaluator/componentsStamp``).
        let stamp: UInt64
        /// How the components of the stamps before came to be these (``IncrementalEvaluator/renumberings``).
        let renumberings: [ComponentsMoved]
        /// On an acyclic map, each claim's place in the graph's order (empty otherwise, and under
        /// the grounded semantics).
        let rank: [Int]

        /// Whether the map has no cycle: its graph holds a topological order.
        public var isAcyclic: Bool { graph.order != nil }

        /// ``IncrementalEvaluator/evaluations(_:)`` on this layout; with `hurried`, on one core
        /// until it says someone waits for them (``evaluators(_:_:onOneCoreUntil:)``).
        public func evaluations(_ list: [Semantics], onOneCoreUntil hurried: (() -> Bool)? = nil) -> [Evaluation] {
            Evaluator.evaluate(graph, list, options: options, found: components, onOneCoreUntil: hurried)
        }
    }

    /// This evaluator's layout of the map, as it is now (``Layout``).
    public var layout: Layout {
        Layout(graph: graph, options: options, beforeRemoval: beforeRemoval, components: knownComponents, stamp: componentsStamp,
               renumberings: renumberings, rank: rank)
    }

    /// An evaluator of an acyclic map under `evaluation`'s semantics (not grounded), which is
    /// that semantics' evaluation on `layout` (as ``Layout/evaluations(_:onOneCoreUntil:)`` works
    /// it out), taking the layout's graph and ranks: for `compare`'s other semantics, to follow
    /// the edits after (``valuesChanged(bases:weights:map:as:)``, and on a map with no
    /// undercuts ``structureFollowed(_:as:onOneCore:)``) rather than be worked out afresh. Nil
    /// where the layout has no ranks (a cyclic map, or the grounded semantics' layout). Only
    /// the undercut factors are worked out here, on a map with undercuts.
    public init?(_ layout: Layout, following evaluation: Evaluation) {
        guard layout.isAcyclic, !layout.rank.isEmpty, evaluation.semantics != .grounded, evaluation.scores.count == layout.graph.count else { return nil }
        semantics = evaluation.semantics
        options = layout.options
        graph = layout.graph
        self.evaluation = evaluation
        rank = layout.rank
        sharedLayout = true
        undercutFactors = graph.hasUndercuts ? Self.factors(graph, evaluation.scores) : []
    }

    /// ``init(_:semantics:)``, the new scores written in the memory of `other`'s on a cyclic
    /// map (``Evaluator/Memory``): for a session's live scores changing semantics, whose old
    /// evaluator is dropped. `other` must not be read after this: its scores are taken.
    public convenience init(replacing other: IncrementalEvaluator, semantics: Semantics) {
        var memory: Evaluator.Memory?
        if other.cyclic != nil {
            let taken = Evaluator.Memory()
            swap(&taken.scores, &other.evaluation.scores)
            swap(&taken.factors, &other.cyclic!.factors)
            memory = taken
        }
        self.init(other.layout, semantics: semantics, memory: memory)
    }

    private init(_ other: Layout, semantics: Semantics, memory: Evaluator.Memory?, alone: Bool = true, onOneCore: Bool = false) {
        self.semantics = semantics
        options = other.options
        graph = other.graph
        evaluation = Evaluation(semantics: semantics, converged: true, iterations: 0, residual: 0, scores: [], labels: nil, note: nil, cyclic: false)
        beforeRemoval = other.beforeRemoval
        sharedLayout = true
        let found = other.components
        evaluate(found: found, memory: memory, alone: alone, onOneCore: onOneCore)
        if cyclic == nil, graph.order == nil { lentComponents = found }
        if found != nil { (componentsStamp, renumberings) = (other.stamp, other.renumberings) }
    }

    /// A copy of `other` for trials on another core while `other` runs its own
    /// (``impactTrials(_:on:map:stop:)``). It shares `other`'s layout of the map, and has its
    /// own copy of what a trial changes: the scores, the undercut factors, the bases and the
    /// weights (copied here, so that neither copies them while the other reads them); a kept
    /// layout of a large cycle is copied by whichever changes it first. Neither has a helper
    /// thread share a cycle's steps while both run (``helped``).
    private init(twinOf other: IncrementalEvaluator) {
        semantics = other.semantics
        options = other.options
        graph = other.graph
        graph.base = Self.copied(other.graph.base)
        graph.weight = Self.copied(other.graph.weight)
        graph.undercutWeight = Self.copied(other.graph.undercutWeight)
        evaluation = other.evaluation
        evaluation.scores = Self.copied(other.evaluation.scores)
        undercutFactors = Self.copied(other.undercutFactors)
        rank = other.rank
        cyclic = other.cyclic
        componentsStamp = other.componentsStamp
        renumberings = other.renumberings
        if let factors = other.cyclic?.factors { cyclic!.factors = Self.copied(factors) }
        lentComponents = other.lentComponents
        sharedLayout = other.sharedLayout
        summaryLags = other.summaryLags
        helped = false
    }

    /// `array` in memory of its own (not shared with `array`, as a copy of it would be until
    /// one of them changes), copied on both cores: most of the time is the new memory's first
    /// writes (at a million claims, about 33 MB in all for a twin).
    private static func copied(_ array: [Double]) -> [Double] {
        guard !array.isEmpty else { return [] }
        return array.withUnsafeBufferPointer { from in
            [Double](unsafeUninitializedCapacity: from.count) { to, made in
                let shared = Parallel.Unchecked((from.baseAddress!, to.baseAddress!))
                Parallel.forEachPiece(from.count, minimum: 1 << 16) { piece in
                    let (from, to) = shared.value
                    (to + piece.lowerBound).initialize(from: from + piece.lowerBound, count: piece.count)
                }
                made = from.count
            }
        }
    }

    /// A twin of this evaluator (``init(twinOf:)``), with this one's helper thread let go until
    /// ``twinDone()``; nil while changes are kept for an edit (``keepChanges()``), which a trial
    /// then makes and reverses in place, and which a twin would not keep.
    func twin() -> IncrementalEvaluator? {
        guard changes == nil else { return nil }
        helped = false
        return IncrementalEvaluator(twinOf: self)
    }

    /// Its twins' trials are over: a large cycle's steps are shared with a helper thread again.
    func twinDone() {
        helped = true
    }

    /// Whether a large cycle solved after a change has a helper thread share its steps
    /// (``Evaluator/rk4(_:_:_:_:_:cap:helped:)``) and read its rows: not while trials run on
    /// both cores (``twin()``).
    private var helped = true

    /// The evaluations of this map under `list`, on this evaluator's graph and, on a cyclic
    /// map, with its components (``Evaluator/evaluate(_:_:options:)``, on every core): the
    /// scores of each semantics' own evaluation, to the last bit.
    public func evaluations(_ list: [Semantics]) -> [Evaluation] {
        layout.evaluations(list)
    }

    /// Whether the graph was taken from another evaluator (``init(_:semantics:)``), not laid
    /// out from the map (for tests).
    private(set) var sharedLayout = false

    /// Which components this evaluator's are, on a cyclic map: a number drawn afresh
    /// (``newStamp()``) when they are found, and when a change of structure changes them in any
    /// way (a claim or a component put in, taken out or moved, a relation put in within a
    /// cycle); kept through one that leaves them as they are, numbered as they were, and every
    /// cycle's rows within as they were (a support or an attack put in or taken out between
    /// two components, ``followKeepingComponents(_:_:source:map:)``); taken from the layout of
    /// another evaluator whose components this one takes (``Layout/stamp``). Two evaluators of
    /// the same stamp have the same components, so that the layouts of large cycles one made
    /// hold for the other's (``structureFollowed(_:as:onOneCore:)``); so do those of two stamps
    /// that ``renumberings`` lead from one to the other, renumbered.
    private(set) var componentsStamp: UInt64 = 0

    private static let stamps = Atomic<UInt64>(0)

    /// How one stamp's components became another's through a change of structure that kept
    /// every component but for a claim on its own put in, taken out or moved, and the rows
    /// within every cycle but one's (``followKeepingComponents(_:_:source:map:)``): the
    /// components numbered `range` moved by `step` (none for a claim put in, last), and the
    /// component whose rows within changed (its new number), if any. The claims keep their
    /// numbers (a claim put in or taken out is the last).
    public struct ComponentsMoved: Sendable {
        let from: UInt64, to: UInt64
        let range: Range<Int32>, step: Int32
        let rowsChangedWithin: Int32?
    }

    /// The last changes of structure that changed the stamp but kept the components this way
    /// (``ComponentsMoved``), oldest first, at most ``renumberingsKept``: so that an evaluator
    /// that follows this one's changes later (`compare`'s) carries its large cycles' layouts
    /// across them (``structureFollowed(_:as:onOneCore:)``), renumbered as these were.
    private(set) var renumberings: [ComponentsMoved] = []
    static let renumberingsKept = 64

    /// The changes that renumbered the components of stamp `from` into those of stamp `to`,
    /// in order, from `renumberings`: none when they are the same; nil when `renumberings`
    /// do not lead from one to the other.
    static func moves(from: UInt64, to: UInt64, along renumberings: [ComponentsMoved]) -> ArraySlice<ComponentsMoved>? {
        guard from != to else { return [] }
        guard let first = renumberings.firstIndex(where: { $0.from == from }) else { return nil }
        var stamp = from
        for i in first..<renumberings.count {
            guard renumberings[i].from == stamp else { return nil }
            stamp = renumberings[i].to
            if stamp == to { return renumberings[first...i] }
        }
        return nil
    }

    /// A stamp no evaluator had before.
    private static func newStamp() -> UInt64 { stamps.add(1, ordering: .relaxed).newValue }

    public var scores: [Double] { evaluation.scores }

    /// What changes of base scores and weights changed in a cyclic map's scores, with the
    /// values from before: enough to put the scores back as they were (``putBack(_:map:)``), for
    /// undo, without solving the cycles again. About 20 bytes for each claim solved again.
    public struct Changes {
        /// The evaluator whose values these are (they put back no other).
        public private(set) weak var board: IncrementalEvaluator?
        var bases: [(Int, Double)] = [], weights: [(Int, Double)] = [], undercutWeights: [(Int, Double)] = []
        /// The claims solved again, each with its score and undercut factor from before (no
        /// factors on a map with no undercuts, where every factor is 1).
        var claims: [Int32] = [], scores: [Double] = [], factors: [Double] = []
        /// The components solved again, each with what it took before (nil: a claim on no cycle).
        var cycles: [(Int32, (steps: Int, residual: Double)?)] = []
        /// The evaluation's summary from before (``Evaluator/summary(_:_:_:_:)``), which putting
        /// every cycle back as it was gives back; nil when it was not up to date then.
        var summary: Summary?
    }
    /// The changes being kept (``keepChanges()``).
    private var changes: Changes?
    /// Whether a trial's change is being followed (``trial(_:undo:map:read:)``): its cycles start
    /// from their scores (``Evaluator/Options/startsFromScores``).
    private var trying = false
    /// Whether the evaluation's summary was left behind its scores by a trial's change
    /// (``resolve(from:map:upTo:withinLayout:)`` with a target), until the trial puts them back.
    private var summaryLags = false
    /// During `impact`'s trials on an acyclic map, a target with thousands of supports and
    /// attacks (``WideTarget``): a trial works out the claims above its change up to the
    /// target but not the target, whose score the trial reads from its row in blocks, and
    /// notes the claims it worked out. Nil otherwise.
    var wideTarget: WideTarget?
    /// During a trial on an acyclic map (``trial(_:undo:map:read:)``), the claims its change
    /// worked out, each with its score and undercut factor from before (no factors on a map
    /// with no undercuts), put back after it instead of being worked out again; nil otherwise.
    private var heldScores: (claims: [Int], scores: [Double], factors: [Double])?
    /// Whether a trial's undo is setting its values back (``trial(_:undo:map:read:)``): the
    /// scores are put back from ``heldScores``, nothing is worked out.
    private var settingBack = false

    /// Starts keeping the values that changes of base scores and weights change, on a cyclic
    /// map (on an acyclic one, a trial keeps the scores it changes itself, ``heldScores``, and an
    /// edit keeps nothing). A change of
    /// structure, or an evaluation of the whole map, ends it with nothing kept: the claims are
    /// renumbered, or every value changed.
    public func keepChanges() {
        changes = cyclic == nil ? nil : Changes(board: self, summary: summaryLags ? nil : summaryNow)
    }

    /// What an evaluation says besides its scores (``Evaluator/summary(_:_:_:_:)``).
    typealias Summary = (converged: Bool, iterations: Int, residual: Double, note: String?)

    /// The evaluation's summary as it is.
    private var summaryNow: Summary {
        (evaluation.converged, evaluation.iterations, evaluation.residual, evaluation.note)
    }

    /// Stops keeping the changes, and returns them.
    public func keptChanges() -> Changes? {
        defer { changes = nil }
        return changes
    }

    /// Puts back the values that `changes` (kept by this evaluator) hold, last changed first,
    /// so that the scores are as they were before those changes; the map must be as it was
    /// then (`map`). Returns the changes that put back what this takes away (for redo).
    ///
    /// The kept layouts of the large cycles are brought along (``bringLayouts(_:along:_:map:)``), so
    /// that a trial, or an undo, leaves them kept for the next.
    /// - Complexity: O(the values kept, and the rows of the claims of kept layouts they bear on).
    public func putBack(_ changes: Changes, map: ArgumentMap) -> Changes {
        putBack(changes, map: map, inverse: true)
    }

    /// ``putBack(_:map:)``; without `inverse` (a trial, which has no redo), the scores and
    /// factors it replaces are not kept in the changes it returns.
    private func putBack(_ changes: Changes, map: ArgumentMap, inverse keepsInverse: Bool) -> Changes {
        precondition(changes.board === self && cyclic != nil, "changes put back into another evaluator")
        beforeCyclicChange = nil
        var solved = cyclic!
        cyclic = nil  // so that `solved`'s arrays are not copied when they change
        var inverse = Changes(board: self, summary: summaryLags ? nil : summaryNow)
        /// Puts `kept` (places in `values` and their old values) back, last first; returns what
        /// they replaced, to be put back the same way.
        func putBack(_ kept: [(Int, Double)], into values: inout [Double]) -> [(Int, Double)] {
            kept.reversed().map { i, old in
                defer { values[i] = old }
                return (i, values[i])
            }
        }
        inverse.bases = putBack(changes.bases, into: &graph.base)
        inverse.weights = putBack(changes.weights, into: &graph.weight)
        inverse.undercutWeights = putBack(changes.undercutWeights, into: &graph.undercutWeight)
        var scores: [Double] = []
        swap(&scores, &evaluation.scores)  // not copied as it changes
        let factors = !changes.factors.isEmpty
        if keepsInverse {
            inverse.claims = changes.claims.reversed()
            inverse.scores.reserveCapacity(changes.claims.count)
            if factors { inverse.factors.reserveCapacity(changes.claims.count) }
        }
        for i in changes.claims.indices.reversed() {
            let c = Int(changes.claims[i])
            if keepsInverse {
                inverse.scores.append(scores[c])
                if factors { inverse.factors.append(solved.factors[c]) }
            }
            scores[c] = changes.scores[i]
            if factors { solved.factors[c] = changes.factors[i] }
        }
        for (k, old) in changes.cycles.reversed() {
            inverse.cycles.append((k, solved.cycles[k]))
            solved.cycles[k] = old
        }
        if !solved.kept.isEmpty { bringLayouts(&solved, along: changes, &scores, map: map) }
        // Every cycle as it was then: the summary as it was, when it was up to date (working it
        // out again reads every cycle).
        if let summary = changes.summary {
            evaluation.scores = scores
            (evaluation.converged, evaluation.iterations, evaluation.residual, evaluation.note) = summary
        } else {
            evaluation = Evaluator.summary(semantics, scores, solved.cycles, solved.options)
        }
        summaryLags = false
        cyclic = solved
        lastUpdateCount = 0
        return inverse
    }

    /// Brings the kept layouts of `solved` along the values `changes` put back (already in the
    /// graph, `scores` and the factors), as a change is followed into them
    /// (``resolve(from:map:upTo:withinLayout:)``): a base put back, or a weight from outside,
    /// marks its claim stale; a weight within is set in the layout; a score or factor put back
    /// marks the claims it supports or attacks in other components. Then each layout is brought
    /// up to date at once, so that it reads what the scores put back were solved with, as it
    /// did before those changes: a kept cycle that nothing changed since is not solved again.
    /// A weight within that the layout left out (it was 0 when it was laid out), or an undercut
    /// that changed, drops the layout, as a change of it does.
    private func bringLayouts(_ solved: inout Evaluator.Solved, along changes: Changes, _ scores: inout [Double], map: ArgumentMap) {
        guard changes.undercutWeights.isEmpty else { solved.kept = [:]; return }
        // A layout that kept a journal through a trial (``Evaluator/Component/startJournal()``)
        // is given back what it held; the others (made during the trial) are brought along.
        let journaled = Set(solved.kept.keys.filter { solved.kept[$0]!.keepsJournal })
        for k in journaled { solved.kept[k]!.takeBack() }
        guard journaled.count < solved.kept.count else { return }
        let component = solved.components.component
        func mark(_ t: Int) {
            let k = component[t]
            if solved.kept[k] != nil && !journaled.contains(k) { solved.kept[k]!.mark(t) }
        }
        for (c, _) in changes.bases { mark(c) }
        for (j, _) in changes.weights {
            let relation = map.relations[Int(graph.relation[j])], k = component[relation.to]
            guard solved.kept[k] != nil, !journaled.contains(k) else { continue }
            if component[relation.from] != k {
                solved.kept[k]!.mark(relation.to)
            } else if !solved.kept[k]!.setWeight(from: relation.from, to: relation.to, graph.weight[j], attack: graph.isAttack[j]) {
                solved.kept[k] = nil
            }
        }
        // (A claim bears only on components numbered after its own: one of the last kept
        // layout's component, or after it, on none kept.)
        let last = solved.kept.keys.filter { !journaled.contains($0) }.max() ?? -1
        map.outgoing.withUnsafeLists { outgoing in
        map.relations.withUnsafeBufferPointer { relations in
            for c in changes.claims.lazy.map({ Int($0) }) {
                let own = component[c]
                guard own < last else { continue }
                for r in outgoing[c] {
                    let relation = relations[r], k = component[relation.to]
                    guard k != own, solved.kept[k] != nil, !journaled.contains(k) else { continue }
                    if relation.type == .undercut { solved.kept[k] = nil } else { solved.kept[k]!.mark(relation.to) }
                }
            }
        }}
        let g = graph, semantics = semantics
        scores.withUnsafeMutableBufferPointer { s in
        solved.factors.withUnsafeMutableBufferPointer { uf in
        component.withUnsafeBufferPointer { component in
            for k in Array(solved.kept.keys) where !journaled.contains(k) {
                solved.kept[k]!.refresh(g, component, s, uf, reading: semantics)
                solved.kept[k]!.changedWithin = false
                // (Its scores were put back from outside it: whether they are settled for it is
                // checked again when a trial starts.)
                solved.kept[k]!.settled = false
            }
        }}}
    }

    /// Whether single changes of a base score or a weight can be applied incrementally.
    public var isIncremental: Bool { semantics != .grounded && (graph.order != nil || cyclic != nil) }

    /// Whether the map has cycles and this evaluator solves them, keeping what following a
    /// change of values needs (its components, and what each cycle took).
    public var solvesCycles: Bool { cyclic != nil }

    /// Evaluates the whole map again (after a change of structure).
    public func rebuild(_ map: ArgumentMap) {
        changes = nil  // they could not be put back
        beforeRemoval = nil
        beforeCyclicChange = nil
        lentComponents = nil
        graph = EvaluationGraph(map)
        sharedLayout = false
        evaluate()
        lastUpdateCount = map.count
    }

    /// Evaluates the whole graph, keeping what incremental updates need: on an acyclic map,
    /// each claim's rank in the order and undercut factor. On a large map the ranks are
    /// written on one core while the other evaluates.
    /// `found`: the graph's components, when they are known already.
    private func evaluate(found: EvaluationGraph.Components? = nil, memory: Evaluator.Memory? = nil, alone: Bool = true, onOneCore: Bool = false) {
        let g = graph, semantics = semantics, options = options
        componentsStamp = Self.newStamp()
        summaryLags = false
        guard semantics != .grounded, let order = g.order else {
            (evaluation, cyclic) = Evaluator.evaluateKeeping(g, semantics, options: options, found: found, alone: alone, onOneCore: onOneCore, memory: memory)
            // The components found are kept, and an edit brings them along with the rows: the
            // claims below every cycle as laid out would no longer hold. (Without components
            // (grounded, QuAD) any change of structure lays the map out afresh.)
            if cyclic != nil { graph.claimsBelowCycles = nil }
            rank = []
            undercutFactors = []
            return
        }
        func ranks() -> [Int] {
            // (With room for claims added, as the order has.)
            [Int](unsafeUninitializedCapacity: g.count + RelationLists.claimsAddedRoom) { rank, made in
                for (i, c) in order.enumerated() { rank[c] = i }
                made = g.count
            }
        }
        let evaluated: (Evaluation, Evaluator.Solved?)
        (evaluated, rank) = Parallel.both(if: g.count >= EvaluationGraph.sharedSize, { Evaluator.evaluateKeeping(g, semantics, options: options) }, ranks)
        (evaluation, cyclic) = evaluated
        undercutFactors = g.hasUndercuts ? Self.factors(g, evaluation.scores) : []
    }

    /// Each claim's undercut factor in `g` under the scores `scores`: 1 but where a claim's
    /// relations are undercut.
    private static func factors(_ g: EvaluationGraph, _ scores: [Double]) -> [Double] {
        var factors = [Double](repeating: 1, count: g.count)
        scores.withUnsafeBufferPointer { sp in
            for c in 0..<g.count where g.undercutOffsets[c] < g.undercutOffsets[c + 1] { factors[c] = g.undercutFactor(c, sp) }
        }
        return factors
    }

    /// A claim's base score changed.
    ///
    /// With `target`, only the claims beneath it are recomputed, those that can move its score;
    /// the scores above it are left as they were. That is for trials that put the value back
    /// before anything else reads the scores (impact): putting it back recomputes the same
    /// claims from the same values, so every score ends as it was.
    public func baseChanged(_ c: Int, to value: Double, map: ArgumentMap, upTo target: Int? = nil) {
        changes?.bases.append((c, graph.base[c]))
        graph.base[c] = value
        follow(from: [c], map: map, upTo: target, withinLayout: false)
    }

    /// A relation's weight changed (`target` as for ``baseChanged(_:to:map:upTo:)``).
    public func weightChanged(relation r: Int, to value: Double, map: ArgumentMap, upTo target: Int? = nil) {
        setWeight(r, value, map)
        follow(from: [map.relations[r].to], map: map, upTo: target, withinLayout: layoutsFollow([r], to: [value], map))
    }

    /// Several relations' weights changed at once, as ``weightChanged(relation:to:map:upTo:)``
    /// changes each, but with the claims above them worked out again once (a claim's removal
    /// tried as its relations weighing nothing: `whatif rm`, `impact`).
    public func weightsChanged(relations: [Int], to values: [Double], map: ArgumentMap, upTo target: Int? = nil) {
        precondition(relations.count == values.count)
        valuesChanged(bases: [], weights: Array(zip(relations, values)), map: map, upTo: target)
    }

    /// Several claims' bases and relations' weights changed at once (each claim or relation
    /// once, with its new value), as ``baseChanged(_:to:map:upTo:)`` and
    /// ``weightChanged(relation:to:map:upTo:)`` change each, but with the claims above them
    /// worked out again once (`compare`'s evaluators following the edits made since).
    public func valuesChanged(bases: [(claim: Int, value: Double)], weights: [(relation: Int, value: Double)], map: ArgumentMap, upTo target: Int? = nil) {
        guard !bases.isEmpty || !weights.isEmpty else { return }
        for (c, value) in bases {
            changes?.bases.append((c, graph.base[c]))
            graph.base[c] = value
        }
        for (r, value) in weights { setWeight(r, value, map) }
        followValues(bases: bases, weights: weights, map: map, upTo: target)
    }

    /// Lets go of this evaluator's bases and weights until
    /// ``valuesChanged(bases:weights:map:as:)`` lends it those of the evaluator it follows:
    /// for the evaluators that follow the live scores' one (`compare`'s). While they shared the
    /// arrays, the first edit of the live scores copied them whole, on fresh memory: on the
    /// generated cyclic map of a million claims, a base edit after `compare` took 8–9 ms, where
    /// the next took 2–4, and `compare` after it copied them once per semantics. Nothing may
    /// read the values until they are lent back.
    public func letGoOfValues() {
        precondition(changes == nil, "an evaluator that keeps its changes holds its values")
        graph.base = []
        graph.weight = []
        graph.undercutWeight = []
    }

    /// ``valuesChanged(bases:weights:map:upTo:)`` for an evaluator that let go of its values
    /// (``letGoOfValues()``): `values`, the graph of the evaluator it follows, already holds
    /// every new value (and the same as before for every other claim and relation, over the same
    /// structure). It reads them for the time it works the changes out, then lets go of them
    /// again, writing none: so no array is copied.
    public func valuesChanged(bases: [(claim: Int, value: Double)], weights: [(relation: Int, value: Double)], map: ArgumentMap, as values: EvaluationGraph) {
        takeValues(from: values)
        defer { letGoOfValues() }
        guard !bases.isEmpty || !weights.isEmpty else { return }
        followValues(bases: bases, weights: weights, map: map, upTo: nil)
    }

    /// Holds values again after ``letGoOfValues()``: those of `values`, the graph of the
    /// evaluator it follows, up to date (this evaluator must have followed every change of them).
    /// For an evaluator `compare` kept that becomes the live scores' (`set semantics`), or for
    /// the time it follows changes (``valuesChanged(bases:weights:map:as:)``).
    public func takeValues(from values: EvaluationGraph) {
        precondition(changes == nil && graph.base.isEmpty && values.count == graph.count)
        graph.base = values.base
        graph.weight = values.weight
        graph.undercutWeight = values.undercutWeight
    }

    /// Whether this evaluator keeps the changes made through it (``keepChanges()``): while it
    /// does, it holds its values.
    public var keepsChanges: Bool { changes != nil }

    /// The scores brought along changed values, already in the graph.
    private func followValues(bases: [(claim: Int, value: Double)], weights: [(relation: Int, value: Double)], map: ArgumentMap, upTo target: Int?) {
        let changed = Set(bases.map(\.claim) + weights.map { map.relations[$0.relation].to }).sorted()
        follow(from: changed, map: map, upTo: target, withinLayout: layoutsFollow(weights.map(\.relation), to: weights.map(\.value), map))
    }

    /// Brings the cycles' kept layouts along a change of the weights of `relations` to
    /// `values` (already in the graph); returns whether the layouts of their targets' components
    /// must be made afresh instead. A support or an attack between two claims of a cycle whose
    /// layout is kept is set in it, in place (``Evaluator/Component/setWeight(from:to:_:attack:)``);
    /// one from outside its target's component changes only what bears on that claim from
    /// outside, which the layout brings up to date for it alone (``Evaluator/Component/mark(_:)``).
    /// An undercut (which scales the weights of the relations from the claim it undercuts), or
    /// a relation the layout left out (of weight 0), has the layouts made afresh. (A claim's
    /// removal tried on or beneath a large cycle, as `impact` tries hundreds, then does not lay
    /// the cycle out again.)
    private func layoutsFollow(_ relations: [Int], to values: [Double], _ map: ArgumentMap) -> Bool {
        guard var solved = cyclic else { return true }
        cyclic = nil  // so that a layout's weights are changed in place, not copied
        defer { cyclic = solved }
        var afresh = false
        for (r, value) in zip(relations, values) {
            let relation = map.relations[r]
            if relation.type == .undercut { afresh = true; continue }
            let k = solved.components.component[relation.to]
            guard solved.components.component[relation.from] == k, solved.kept[k] != nil else { continue }
            if !solved.kept[k]!.setWeight(from: relation.from, to: relation.to, value, attack: relation.type == .attack) { afresh = true }
        }
        return afresh
    }

    /// Brings the scores along a change of values in the rows of the claims `changed` (their
    /// bases, or with `weightChanged` a weight in their rows): on a cyclic map by solving
    /// again the components they reach, on an acyclic one by working out again the claims
    /// above them; otherwise by evaluating the whole map.
    private func follow(from changed: [Int], map: ArgumentMap, upTo target: Int?, withinLayout: Bool) {
        guard !settingBack else { return }
        beforeCyclicChange = nil
        if cyclic != nil { return resolve(from: changed, map: map, upTo: target, withinLayout: withinLayout) }
        guard isIncremental, let order = graph.order else { rebuild(map); return }
        recompute(from: changed, in: order, map: map, upTo: target)
    }

    /// Makes a change of values (`change`: base scores and weights, through this evaluator),
    /// reads what it gives (`read`), and leaves the scores as they were: on a map with cycles
    /// by putting back the values kept (``keepChanges()``, ``putBack(_:map:)``), solving no
    /// cycle again, with the cycles' kept layouts brought back along (the next trial or edit
    /// does not lay them out again); on an acyclic map by `undo` setting the values back and
    /// the scores the change worked out put back as they were (``heldScores``), none worked
    /// out again; otherwise, or while changes are being kept for an edit, through `undo`, the
    /// change reversed. `map` is the map, which the change does not change.
    /// For trials (`whatif`, `impact`).
    public func trial<R>(_ change: () -> Void, undo: () -> Void, map: ArgumentMap, read: () -> R) -> R {
        guard changes == nil else {
            change()
            defer { undo() }
            return read()
        }
        // On an acyclic map: the scores the change worked out are kept as they were, and put
        // back after the undo has set its values back, in place of working them out again (at
        // the foot of a chain a million deep, the work of the whole chain). (Not with `impact`'s
        // wide target, which notes the claims each working out changes.)
        if cyclic == nil, wideTarget == nil, isIncremental, graph.order != nil {
            heldScores = ([], [], [])
            change()
            let result = read()
            let held = heldScores!
            heldScores = nil
            settingBack = true
            undo()
            settingBack = false
            evaluation.scores.withUnsafeMutableBufferPointer { scores in
                for i in held.claims.indices.reversed() { scores[held.claims[i]] = held.scores[i] }
            }
            if !held.factors.isEmpty {
                undercutFactors.withUnsafeMutableBufferPointer { factors in
                    for i in held.claims.indices.reversed() { factors[held.claims[i]] = held.factors[i] }
                }
            }
            return result
        }
        keepChanges()
        // The kept layouts record what the change replaces in them, to be given it back.
        if changes != nil { startJournals() }
        // The cycles the change reaches start from the scores they have (a step away from
        // where they settled), not from their bases, and are solved claim by claim where the
        // change spreads (``Evaluator/locally(_:_:_:_:_:log:)``): a trial's scores are within
        // the tolerance of the changed map's, for a fraction of the work, and are put back after.
        trying = true
        change()
        trying = false
        let result = read()
        if let kept = keptChanges() {
            _ = putBack(kept, map: map, inverse: false)
        } else {
            // (Nothing kept, so the change is reversed, and the layouts follow it.)
            undo()
            dropJournals()
        }
        return result
    }

    /// Starts the journals of the kept layouts that are up to date
    /// (``Evaluator/Component/startJournal()``).
    private func startJournals() {
        let semantics = semantics, options = options
        evaluation.scores.withUnsafeBufferPointer { s in
            changeLayouts {
                guard $0.stale.isEmpty else { return }
                if !$0.settled && options.solvesTrialsLocally && $0.solvesLocally(semantics) { $0.check(s, semantics, tolerance: options.tolerance) }
                $0.startJournal()
            }
        }
    }

    /// Stops the kept layouts' journals, keeping the layouts as they are.
    private func dropJournals() {
        changeLayouts { $0.dropJournal() }
    }

    /// Runs `change` on each kept layout, in place.
    private func changeLayouts(_ change: (inout Evaluator.Component) -> Void) {
        guard var solved = cyclic, !solved.kept.isEmpty else { return }
        cyclic = nil  // so that the layouts are not copied as they change
        for k in Array(solved.kept.keys) { change(&solved.kept[k]!) }
        cyclic = solved
    }

    /// ``trial(_:undo:map:read:)`` of claim `c`'s removal. A claim moves the others only through
    /// the relations leaving it, and a relation of weight 0 counts as none: without the claim,
    /// every other claim scores as it does with those relations at 0, all set at once. (The
    /// claim's own score, as `read` sees it, is meaningless.)
    public func trial<R>(removing c: Int, map: ArgumentMap, upTo target: Int? = nil, read: () -> R) -> R {
        let leaving = Array(map.outgoing[c]), weights = leaving.map { map.relations[$0].weight }
        return trial({ weightsChanged(relations: leaving, to: weights.map { _ in 0 }, map: map, upTo: target) },
                     undo: { weightsChanged(relations: leaving, to: weights, map: map, upTo: target) }, map: map, read: read)
    }

    /// Sets relation `r`'s weight in the graph (as a relation or as an undercut), keeping the
    /// value it replaces when changes are kept.
    private func setWeight(_ r: Int, _ value: Double, _ map: ArgumentMap) {
        let rel = map.relations[r]
        if rel.type == .undercut {
            for k in graph.undercutRow(rel.to) where Int(graph.undercutRelation[k]) == r {
                changes?.undercutWeights.append((k, graph.undercutWeight[k]))
                graph.undercutWeight[k] = value
            }
        } else {
            // (Into `impact`'s wide target, its place in the row is known, not searched for
            // among a million.)
            let entries = wideTarget?.entry(of: r).map { $0..<($0 + 1) } ?? graph.row(rel.to)
            for k in entries where Int(graph.relation[k]) == r {
                changes?.weights.append((k, graph.weight[k]))
                graph.weight[k] = value
            }
        }
    }

    /// A change of the map's structure, already applied to the map.
    public enum StructureChange: Sendable {
        /// Claims and relations removed: their numbers before the change, ascending (the
        /// relations include every one that touched a removed claim); `targets`: the claims
        /// that kept their place and lost an incoming relation, numbered as after the change.
        case removed(claims: [Int], relations: [Int], targets: [Int])
        /// Claims and relations inserted: their numbers after the change, ascending (the
        /// relations include every one that touches an inserted claim).
        case inserted(claims: [Int], relations: [Int])
        /// A relation that keeps its number now points at another claim; `from` is the claim it
        /// pointed at before.
        case retargeted(relation: Int, from: Int)

        /// The claims whose rows the change changed, in `map` as it left it, ascending, each
        /// once: those it put in, and the targets of the relations it put in, took out or moved
        /// (relations `map` does not hold are passed over).
        func rowsChanged(in map: ArgumentMap) -> [Int] {
            switch self {
            case .removed(_, _, let targets):
                return targets.sortedDistinct()
            case .inserted(let claims, let relations):
                return (claims + relations.lazy.filter { $0 < map.relations.count }.map { map.relations[$0].to }).sortedDistinct()
            case .retargeted(let r, let before):
                return ([before] + (r < map.relations.count ? [map.relations[r].to] : [])).sortedDistinct()
            }
        }
    }

    /// Brings the scores up to date after a change of structure: the graph's unchanged rows
    /// are copied (renumbered), the rows of the claims whose incoming relations changed are laid
    /// out from the map again, and only the claims those can reach are recomputed. A new
    /// relation from a claim that comes after its target in the topological order moves the
    /// claims between them that must move (Pearce and Kelly's dynamic topological order).
    ///
    /// On a cyclic map, see ``cyclicStructureChanged(_:map:)``.
    ///
    /// Returns false when the scores cannot follow incrementally: grounded labelling, QuAD on
    /// a cyclic map, a new relation that closes a cycle, more than one new relation against
    /// the order, or a change that does not match the graph. The evaluator is then out of date:
    /// discard it, or call ``rebuild(_:)``.
    /// - Complexity: O(claims + relations) in sequential passes (on both cores for a large
    ///   map), most of them over the claims after the first one changed; plus the claims
    ///   recomputed.
    public func structureChanged(_ change: StructureChange, map: ArgumentMap) -> Bool {
        changes = nil  // they could not be put back
        lentComponents = nil
        let kept = beforeRemoval
        beforeRemoval = nil
        let undoing = beforeCyclicChange
        beforeCyclicChange = nil
        if cyclic != nil { return cyclicStructureChanged(change, map: map, undoing: undoing) }
        guard isIncremental, var order = graph.order, let patch = patch(for: change, map: map) else { cyclic = nil; return false }
        graph.order = nil  // so that the order is changed in place
        let oldCount = graph.count, newCount = map.count
        switch change {
        case .removed(let claims, let relations, _):
            if answeredFromOutside(claims, patch.numbering) {
                // Kept as they are: the order and ranks after the removal are written afresh,
                // in one pass, rather than copied and then changed.
                guard let (newOrder, newRank) = Self.order(order, after: patch.numbering, count: newCount, removedRanks: claims.map { rank[$0] })
                else { return false }
                beforeRemoval = (claims, relations, order, rank)
                (order, rank) = (newOrder, newRank)
            } else if ClaimsFound.areMany(claims.count, of: oldCount) {
                // Many: the order loses the removed claims, and each other claim's position
                // is written as the order is, in the same pass (a pass at random over the
                // positions, which costs less than sorting the removed claims' positions and
                // shifting the others' when half of a chain a million deep goes).
                rank.remove(atAscending: claims)
                let kept = order.withUnsafeMutableBufferPointer { order in
                    rank.withUnsafeMutableBufferPointer { rank in
                        var w = 0
                        for i in order.indices {
                            let c = patch.numbering.claim(order[i])
                            if c >= 0 { order[w] = c; rank[c] = w; w += 1 }
                        }
                        return w
                    }
                }
                order.removeLast(order.count - kept)
            } else if !claims.isEmpty {
                // The order loses the removed claims; each other claim's position drops by the
                // number of removed claims before it.
                let gone = claims.map { rank[$0] }.sorted()
                let kept = order.withUnsafeMutableBufferPointer { order in
                    var w = 0
                    for i in order.indices {
                        let c = patch.numbering.claim(order[i])
                        if c >= 0 { order[w] = c; w += 1 }
                    }
                    return w
                }
                order.removeLast(order.count - kept)
                rank.remove(atAscending: claims)
                Self.shift(&rank, removing: gone)
            }
            evaluation.scores.remove(atAscending: claims)
            if !undercutFactors.isEmpty { undercutFactors.remove(atAscending: claims) }
            graph.base.remove(atAscending: claims)
        case .inserted(let claims, let relations):
            if let kept, kept.claims == claims, kept.relations == relations, kept.order.count == newCount,
               relations.allSatisfy({ kept.rank[map.relations[$0].from] < kept.rank[map.relations[$0].to] }) {
                // The claims and relations the last change removed, put back: the order from
                // before it holds (the relations among the others are as they were then).
                (order, rank) = (kept.order, kept.rank)
            } else {
                // The inserted claims come before every other, in a topological order of their own.
                guard let first = Self.order(of: claims, in: map) else { return false }
                if !claims.isEmpty && relations.isEmpty && claims.first == oldCount {
                    // Claims with no relations added at the end (add, before its link): last in
                    // the order too, so that nothing else moves.
                    rank.append(contentsOf: oldCount..<newCount)
                    order.append(contentsOf: claims)
                } else if !claims.isEmpty {
                    Self.add(first.count, to: &rank, from: 0)
                    rank.insert([Int](repeating: 0, count: claims.count), atAscending: claims)
                    for (i, c) in first.enumerated() { rank[c] = i }
                    order.withUnsafeMutableBufferPointer { order in
                        for i in order.indices { order[i] = patch.numbering.claim(order[i]) }
                    }
                    order.insert(contentsOf: first, at: 0)
                }
                let against = relations.filter { rank[map.relations[$0].from] >= rank[map.relations[$0].to] }
                if let r = against.first {
                    guard against.count == 1, Self.reorder(map.relations[r].from, before: map.relations[r].to, rank: &rank, order: &order, map: map) else { return false }
                }
            }
            // (Put in at the end, as by add, these are appends.)
            let bases = claims.map { map.claims[$0].base }
            evaluation.scores.insert(bases, atAscending: claims)
            if !undercutFactors.isEmpty { undercutFactors.insert([Double](repeating: 1, count: claims.count), atAscending: claims) }
            graph.base.insert(bases, atAscending: claims)
        case .retargeted(let r, _):
            let relation = map.relations[r]
            if rank[relation.from] >= rank[relation.to] {
                guard Self.reorder(relation.from, before: relation.to, rank: &rank, order: &order, map: map) else { return false }
            }
        }
        guard relayout(map, patch) else { return false }
        graph.count = newCount
        graph.order = order
        recompute(from: patch.fresh, in: order, map: map)
        return true
    }

    /// Whether a claim that stays answers one of `claims` (old numbers, the ones `numbering`
    /// removes), read from the graph's rows before the change: then putting them back would
    /// run those relations against an order with the claims put back first.
    private func answeredFromOutside(_ claims: [Int], _ numbering: Numbering) -> Bool {
        for c in claims {
            for j in graph.row(c) where numbering.claim(Int(graph.source[j])) >= 0 { return true }
            for j in graph.undercutRow(c) where numbering.claim(Int(graph.undercutSource[j])) >= 0 { return true }
        }
        return false
    }

    /// What a change of structure renumbers, and the rows it lays out.
    private struct Patch {
        let numbering: Numbering
        /// The claims whose rows are laid out afresh from the map (new numbers, ascending, each
        /// once): the claims put in, and those whose incoming relations changed.
        let fresh: [Int]
        /// The claims taken out (old numbers, ascending) or put in (new numbers, ascending),
        /// whose rows are taken out or put in where they lie.
        var removed: [Int] = [], inserted: [Int] = []
        /// The graph's claims and relations before the change.
        let oldCount: Int, oldRelations: Int
    }

    /// The renumbering and the rows of `change`, nil when it does not match the graph.
    private func patch(for change: StructureChange, map: ArgumentMap) -> Patch? {
        let oldCount = graph.count, newCount = map.count
        let oldRelations = graph.relation.count + graph.undercutRelation.count
        switch change {
        case .removed(let claims, let relations, let targets):
            guard oldCount - claims.count == newCount, oldRelations - relations.count == map.relations.count,
                  targets.allSatisfy({ $0 >= 0 && $0 < newCount }) else { return nil }
            let numbering = Numbering(count: oldCount, removingClaims: claims, relations: oldRelations, removing: relations)
            return Patch(numbering: numbering, fresh: change.rowsChanged(in: map), removed: claims, oldCount: oldCount, oldRelations: oldRelations)
        case .inserted(let claims, let relations):
            guard oldCount + claims.count == newCount, oldRelations + relations.count == map.relations.count,
                  claims.allSatisfy({ $0 < newCount }), relations.allSatisfy({ $0 < map.relations.count }) else { return nil }
            let numbering = Numbering(count: newCount, insertingClaims: claims, relations: map.relations.count, inserting: relations)
            return Patch(numbering: numbering, fresh: change.rowsChanged(in: map), inserted: claims, oldCount: oldCount, oldRelations: oldRelations)
        case .retargeted(let r, let before):
            guard oldCount == newCount, r < map.relations.count, before < newCount else { return nil }
            return Patch(numbering: Numbering(), fresh: change.rowsChanged(in: map), oldCount: oldCount, oldRelations: oldRelations)
        }
    }

    /// Lays the graph's rows out after `patch`'s change: in place where few claims move or many
    /// are put in, else afresh.
    private func relayout(_ map: ArgumentMap, _ patch: Patch) -> Bool {
        let (fresh, newCount) = (patch.fresh, map.count)
        let changed = min(patch.oldCount, newCount)..<max(patch.oldCount, newCount)
        if patch.numbering.keepsClaims(below: changed.lowerBound), fresh.lazy.filter({ !changed.contains($0) }).count <= 8 {
            return relayoutInPlace(map, patch.numbering, fresh: fresh, oldCount: patch.oldCount, oldRelations: patch.oldRelations)
        } else if !patch.inserted.isEmpty || fresh.count <= 8 {
            // Rows put in, however many: the rows written afresh only grow, and are written in
            // one pass. Rows taken out, however many, with few to write afresh (each moves the
            // rows after it).
            return relayoutInPlace(map, patch.numbering, fresh: fresh, oldCount: patch.oldCount, oldRelations: patch.oldRelations,
                                   removing: patch.removed, inserting: patch.inserted)
        }
        var marks = [Bool](repeating: false, count: newCount)
        for c in fresh { marks[c] = true }
        return relayout(map, patch.numbering, fresh: marks)
    }

    /// ``structureChanged(_:map:)`` on a cyclic map: the graph's rows are patched as on an
    /// acyclic one. A change that leaves the components as they were (see
    /// ``followKeepingComponents(_:_:source:map:)``) is then followed as a change of a value
    /// is, from the claim whose row changed. Otherwise the claims the change can reach (those
    /// whose rows changed, and every claim that depends on one of them) are sorted into
    /// components again, the other components kept as they were
    /// (``EvaluationGraph/dropComponents(_:open:removed:inserted:count:oldClaim:renumberClaims:)``,
    /// on one core while the other lays the rows out, for a change of more than one claim; then
    /// ``EvaluationGraph/searchAgain(_:_:)``); and those claims' components are solved again in order, each as a whole evaluation solves it, so
    /// the scores are a whole evaluation's to the last bit. False when the map no longer has a
    /// cycle (it is then evaluated afresh, in topological order), or when the change moves the
    /// most steps a cycle may take (``Evaluator/cap(_:_:)``) past a cycle it does not reach.
    ///
    /// The scores of the claims a change reaches (and of those it takes out) are kept as they
    /// were before it, with the steps their cycles took (``BeforeChange``). The change that
    /// undoes it next (the same claims and relations put back or taken out again, as `undo`
    /// and `redo` do), with no other change of the scores between, reaches the same claims:
    /// their components are then not solved again, and their scores are put back as they were,
    /// to the last bit.
    private func cyclicStructureChanged(_ change: StructureChange, map: ArgumentMap, undoing before: BeforeChange?) -> Bool {
        guard var solved = cyclic, let patch = patch(for: change, map: map) else { cyclic = nil; return false }
        cyclic = nil  // so that `solved`'s arrays are not copied when they change
        let stampBefore = componentsStamp
        componentsStamp = Self.newStamp()
        // (The kept layouts' claims' scores may move with the structure: whether they are
        // settled is checked again when a trial starts.)
        for k in Array(solved.kept.keys) { solved.kept[k]!.settled = false }
        // The graph's rows change: which claims below every cycle something bears on may too.
        solved.components.dropSettling()
        let newCount = map.count
        // A relation taken out: its source, read from its target's row before it is laid out again.
        var removedSource: Int?
        if case .removed(let claims, let relations, let targets) = change, claims.isEmpty, relations.count == 1, targets.count == 1 {
            let t = targets[0]
            removedSource = graph.row(t).first { Int(graph.relation[$0]) == relations[0] }.map { Int(graph.source[$0]) }
        }
        // (Read before they go, for the change that puts them back.)
        let takenOut = BeforeChange.TakenOut(change, graph, patch.numbering)
        let removedScores = patch.removed.map { evaluation.scores[$0] }
        let removedFactors = patch.removed.map { solved.factor($0) }
        let bases = patch.inserted.map { map.claims[$0].base }
        // The graph: its bases and rows.
        func layOut() -> Bool {
            graph.base.remove(atAscending: patch.removed)
            graph.base.insert(bases, atAscending: patch.inserted)
            return relayout(map, patch)
        }
        // The scores and the factors; the claims the change reaches (`open`), and the components
        // without those claims' (``EvaluationGraph/dropComponents(_:open:removed:inserted:count:oldClaim:renumberClaims:)``):
        // none of which reads the graph.
        var open: [Int] = [], kept: BeforeChange?, dropped: EvaluationGraph.ComponentsDropped?
        var found = EvaluationGraph.Components(component: [])
        let numbering = patch.numbering
        func rescore() {
            evaluation.scores.remove(atAscending: patch.removed)
            evaluation.scores.insert(bases, atAscending: patch.inserted)
            // (None on a map with no undercuts; fitted to the graph once it is laid out.)
            guard !solved.factors.isEmpty else { return }
            solved.factors.remove(atAscending: patch.removed)
            solved.factors.insert([Double](repeating: 1, count: bases.count), atAscending: patch.inserted)
        }
        func reach() {
            open = Self.claimsAbove(patch.fresh, in: map)
            kept = BeforeChange(change, open: open, numbering, removed: patch.removed, removedScores, removedFactors, takenOut,
                                scores: evaluation.scores, solved)
            // Taken from `solved`, so that they are changed in place.
            swap(&found, &solved.components)
            dropped = EvaluationGraph.dropComponents(&found, open: open, removed: patch.removed, inserted: patch.inserted, count: newCount,
                                                     oldClaim: { numbering.oldClaim($0) }, renumberClaims: { numbering.renumberClaims(&$0) })
        }
        // A change of one claim or none may leave the components as they were
        // (``followKeepingComponents(_:_:source:map:)``), which is tried once the rows are laid
        // out. A change of more never does: what it reaches is worked out on one core while the
        // other lays the rows out (on the generated cyclic map of a million claims, `rm c12`
        // takes out 11,595 claims: about 6 ms beside about 6 ms).
        let mayKeepComponents = patch.removed.count + patch.inserted.count <= 1
        let laidOut = Parallel.both(if: !mayKeepComponents && newCount >= Self.reachBesideLayoutFrom, layOut) {
            rescore()
            if !mayKeepComponents { reach() }
        }.0
        guard laidOut else { return false }
        graph.count = newCount
        Evaluator.Solved.fitted(&solved.factors, to: graph)
        let cap = Evaluator.cap(graph, solved.options)
        if mayKeepComponents {
            if cap == solved.cap, let from = followKeepingComponents(change, &solved, source: removedSource, map: map) {
                // The components as they were, and the cycles' rows within: the same stamp.
                // Otherwise, how they were renumbered, for the evaluators that follow.
                if !from.dropLayout && from.moved == nil {
                    componentsStamp = stampBefore
                } else {
                    let moved = from.moved ?? (0..<0, 0)
                    renumberings.append(ComponentsMoved(from: stampBefore, to: componentsStamp, range: moved.range, step: moved.step,
                                                    rowsChangedWithin: from.dropLayout ? from.claim.map { solved.components.component[$0] } : nil))
                    if renumberings.count > Self.renumberingsKept { renumberings.removeFirst(renumberings.count - Self.renumberingsKept) }
                }
                if let claim = from.claim {
                    resolve(from: [claim], map: map, upTo: nil, withinLayout: from.dropLayout, in: &solved)
                } else {
                    lastUpdateCount = 0
                }
                cyclic = solved
                followedKeepingComponents += 1
                return true
            }
            reach()
        }
        guard var dropped else { return false }
        graph.searchAgain(&found, &dropped)
        let (renumbered, firstOpen) = (dropped.renumbered, dropped.kept)
        // The cycles not reached keep what they took; they must have taken it under the new cap.
        var cycles: [Int32: (steps: Int, residual: Double)] = [:]
        cycles.reserveCapacity(solved.cycles.count)
        for (k, solvedCycle) in solved.cycles {
            let new = renumbered.number(Int(k))
            if new >= 0 { cycles[Int32(new)] = solvedCycle }
        }
        // (A cycle not reached is one of those.)
        guard !cycles.isEmpty || found.isCycle[firstOpen...].contains(true) else { return false }
        if cap != solved.cap, cycles.values.contains(where: { $0.steps >= min(cap, solved.cap) }) { return false }
        // The large cycles laid out here are kept for the edits after (those of before are
        // dropped: their claims and components are numbered anew).
        var layouts: [Int32: Evaluator.Component] = [:]
        if let before, before.isUndone(by: change, in: map), before.put(back: open, firstOpen, found, &evaluation.scores, &solved.factors, &cycles) {
            puttingBack += 1
        } else {
            Evaluator.withSolver(graph, semantics, solved.options, cap: cap, found, &evaluation.scores, &solved.factors) { solve in
                for k in Int32(firstOpen)..<Int32(found.count) { cycles[k] = solve(k, true, keepingIn: &layouts) }
            }
        }
        beforeCyclicChange = kept
        cyclic = Evaluator.Solved(factors: solved.factors, components: found, cycles: cycles, options: solved.options, cap: cap, kept: layouts)
        evaluation = Evaluator.summary(semantics, evaluation.scores, cycles, solved.options)
        summaryLags = false
        lastUpdateCount = open.count
        return true
    }

    /// The fewest claims for which the claims a change of more than one claim reaches are found
    /// while the graph's rows are laid out again (``cyclicStructureChanged(_:map:undoing:)``).
    static let reachBesideLayoutFrom = 1 << 16

    /// A change of structure as an evaluator that follows it later sees it
    /// (``structureFollowed(_:as:onOneCore:)``): the claims it took out (their numbers before
    /// it, ascending), those it put in and those it reaches (their numbers after it,
    /// ascending). It reaches the claims whose rows it changed
    /// (``StructureChange/rowsChanged(in:)``) and every claim that depends on one of them
    /// (``claimsAbove(_:in:)``), read from the map as it left it. Nothing of the map is kept.
    public struct Reach: Sendable {
        let removed: [Int], inserted: [Int]
        /// The claims whose rows it changed (numbered as after it, ascending).
        let rowsChanged: [Int]
        public let reached: [Int]

        /// `change`, read from `map` as it left it.
        /// - Complexity: O(the claims it reaches and their relations).
        public init(_ change: StructureChange, map: ArgumentMap) {
            switch change {
            case .removed(let claims, _, _): (removed, inserted) = (claims, [])
            case .inserted(let claims, _): (removed, inserted) = ([], claims)
            case .retargeted: (removed, inserted) = ([], [])
            }
            rowsChanged = change.rowsChanged(in: map)
            reached = IncrementalEvaluator.claimsAbove(rowsChanged, in: map)
        }

        /// Claim `c`'s number after the change, from its number before (-1 for one taken out).
        /// - Complexity: O(log of the claims taken out or put in).
        func renumbered(_ c: Int) -> Int {
            if !removed.isEmpty {
                // How many were taken out before it, by halves.
                var before = 0, end = removed.count
                while before < end {
                    let middle = (before + end) / 2
                    if removed[middle] < c { before = middle + 1 } else { end = middle }
                }
                return before < removed.count && removed[before] == c ? -1 : c - before
            }
            // How many were put in before it, by halves: the i-th put in (at inserted[i], after
            // i others) has inserted[i] - i claims from before the change ahead of it, a count
            // that never falls from one to the next.
            var before = 0, end = inserted.count
            while before < end {
                let middle = (before + end) / 2
                if inserted[middle] - middle <= c { before = middle + 1 } else { end = middle }
            }
            return c + before
        }

        /// `values`, one a claim, as the change leaves them: those of the claims it took out go,
        /// and `filler` comes in for each it put in.
        func renumber<T>(_ values: inout [T], filler: T) {
            values.remove(atAscending: removed)
            values.insert([T](repeating: filler, count: inserted.count), atAscending: inserted)
        }

        /// The claims that `reaches` (in the order made) reached, numbered as the last left them,
        /// ascending.
        static func reached(_ reaches: [Reach]) -> [Int] {
            var reached: [Int] = []
            for reach in reaches { reached = (reached.map(reach.renumbered).filter { $0 >= 0 } + reach.reached).sortedDistinct() }
            return reached
        }
    }

    /// `claims` (those of `map` among them) and every claim above them, through supports,
    /// attacks and undercuts: every claim that depends on one of them; ascending.
    /// - Complexity: O(the claims found and their relations), read at random.
    static func claimsAbove(_ claims: [Int], in map: ArgumentMap) -> [Int] {
        // (The lists and relations read in place; the claims found noted in a set, and past a
        // thousand of them marked in an array of the map's claims instead: a change under a
        // large cycle reaches its thousands of claims, and tens of thousands of relations among
        // them.)
        var found: [Int] = [], few = Set<Int>(), marks: [Bool] = []
        for c in claims where c >= 0 && c < map.count && few.insert(c).inserted { found.append(c) }
        var next = 0
        map.outgoing.withUnsafeLists { outgoing in
        map.relations.withUnsafeBufferPointer { relations in
            while next < found.count {
                let c = found[next]
                next += 1
                for r in outgoing[c] {
                    let t = relations[r].to
                    if !marks.isEmpty {
                        if !marks[t] { marks[t] = true; found.append(t) }
                    } else if few.insert(t).inserted {
                        found.append(t)
                        if few.count > 1_024 {
                            marks = [Bool](repeating: false, count: map.count)
                            for x in found { marks[x] = true }
                        }
                    }
                }
            }
        }}
        return found.sorted()
    }

    /// Brings `boards` (each under another semantics) along `reaches` onto `live`
    /// (``structureFollowed(_:as:onOneCore:)``), and `grounded`, the grounded labelling, where
    /// given (``groundedFollow(_:_:as:)``; nil where it cannot follow), at once on every core,
    /// each on one, the labelling begun first; with `hurried`, one after another on the core
    /// this runs on until it says someone waits for them
    /// (``Evaluator/eachAtOnce(_:onOneCoreUntil:_:)``). Returns the boards that followed.
    public static func following(_ boards: [IncrementalEvaluator], grounded: inout Evaluation?, _ reaches: [Reach], as live: Layout,
                                 onOneCoreUntil hurried: (() -> Bool)? = nil) -> [IncrementalEvaluator] {
        var list = boards.map(\.semantics)
        if grounded != nil { list.append(.grounded) }
        guard !list.isEmpty else { return [] }
        // (Taken out, so that it is brought along in place, held by nothing else; only the
        // grounded labelling's turn reads it.)
        final class Labelling { var evaluation: Evaluation? }
        let labelling = Labelling()
        labelling.evaluation = grounded.take()
        let followed = Evaluator.eachAtOnce(list, onOneCoreUntil: hurried) { semantics, onOneCore in
            guard semantics != .grounded else {
                guard var evaluation = labelling.evaluation.take(), groundedFollow(&evaluation, reaches, as: live) else { return false }
                labelling.evaluation = evaluation
                return true
            }
            let board = boards.first { $0.semantics == semantics }!
            return board.structureFollowed(reaches, as: live, onOneCore: onOneCore)
        }
        grounded = labelling.evaluation
        return zip(boards, followed).filter(\.1).map(\.0)
    }

    /// Brings `grounded`, the grounded labelling of a cyclic map, along changes of structure
    /// since (`reaches`, in the order made, with no change of a value between) onto `live`, the
    /// layout of an evaluator that followed them, in place: the claims no change reached keep
    /// their labels, and the components of those reached are labelled again in their order, as
    /// ``Evaluator/groundedByComponents(_:_:onOneCore:)`` labels them: the same labels. On an
    /// acyclic map (``acyclicGroundedFollow(_:_:as:)``), the claims reached are labelled again
    /// in topological order. False, `grounded` then of no use, where it cannot follow (a cyclic
    /// map's labelling onto an acyclic map or the other way round, or `grounded` is not of it).
    /// - Complexity: O(claims) to renumber the labels, plus the claims reached and their relations.
    static func groundedFollow(_ grounded: inout Evaluation, _ reaches: [Reach], as live: Layout) -> Bool {
        if live.isAcyclic { return acyclicGroundedFollow(&grounded, reaches, as: live) }
        // (Taken out, so that they are changed in place rather than copied.)
        guard grounded.semantics == .grounded, var labels = grounded.labels.take(), let found = live.components, live.graph.order == nil else { return false }
        var scores: [Double] = []
        swap(&scores, &grounded.scores)
        for reach in reaches {
            reach.renumber(&labels, filler: .in)
            reach.renumber(&scores, filler: 1)
        }
        guard labels.count == live.graph.count, scores.count == labels.count else { return false }
        Evaluator.grounded(&labels, &scores, relabelling: Reach.reached(reaches), live.graph, found)
        grounded = Evaluation(semantics: .grounded, converged: true, iterations: 1, residual: 0, scores: scores, labels: labels, note: nil, cyclic: true)
        return true
    }

    /// ``groundedFollow(_:_:as:)`` onto the layout of an acyclic map with its ranks: the claims
    /// reached are labelled again in topological order
    /// (``Evaluator/grounded(_:_:relabellingInOrder:_:)``).
    private static func acyclicGroundedFollow(_ grounded: inout Evaluation, _ reaches: [Reach], as live: Layout) -> Bool {
        guard grounded.semantics == .grounded, !grounded.cyclic, !live.rank.isEmpty, var labels = grounded.labels.take(), let order = live.graph.order
        else { return false }
        var scores: [Double] = []
        swap(&scores, &grounded.scores)
        for reach in reaches {
            reach.renumber(&labels, filler: .in)
            reach.renumber(&scores, filler: 1)
        }
        let g = live.graph, reached = Reach.reached(reaches)
        guard labels.count == g.count, scores.count == labels.count, reached.allSatisfy({ $0 < g.count }) else { return false }
        var places = reached.map { live.rank[$0] }
        places.sort()
        Evaluator.grounded(&labels, &scores, relabellingInOrder: places.map { order[$0] }, g)
        grounded = Evaluation(semantics: .grounded, converged: true, iterations: 1, residual: 0, scores: scores, labels: labels, note: nil, cyclic: false)
        return true
    }

    /// A claim of each cycle solved, with its component's number (``structureFollowed(_:as:onOneCore:)``).
    private static func cycleClaims(_ solved: Evaluator.Solved) -> [(k: Int32, claim: Int)] {
        let found = solved.components
        return solved.cycles.keys.map { (k: $0, claim: Int(found.members[Int(found.starts[Int($0)])])) }
    }

    /// What ``letGoOfLayout()`` keeps of the layout it lets go of, until
    /// ``structureFollowed(_:as:onOneCore:)``: a claim of each cycle solved, with its
    /// component's number; the layouts of the large cycles kept; and the stamp of the
    /// components they were made in.
    private var layoutLetGo: (cycleClaims: [(k: Int32, claim: Int)], layouts: [Int32: Evaluator.Component], stamp: UInt64)?

    /// Lets go of this evaluator's layout of a cyclic map (its graph's rows and its
    /// components), keeping its scores, until ``structureFollowed(_:as:onOneCore:)`` lends it
    /// the layout of the evaluator it follows, as that one has followed changes of structure:
    /// for the evaluators that follow the live scores' one (`compare`'s), which shared that
    /// layout. While they shared it, the live scores' change of structure copied its rows and
    /// components whole first (about 30 MB at a million claims). Nothing may read the layout
    /// until it is lent back. Nothing for an evaluator that solves no cycle, or that let go of
    /// it already. The layouts of its large cycles are put aside, with its components' stamp
    /// (``componentsStamp``), for changes that leave the components as they were.
    public func letGoOfLayout() {
        guard var solved = cyclic else {
            // An acyclic map's evaluator: its rows, order and ranks.
            guard changes == nil, graph.order != nil else { return }
            graph.letGoOfRows()
            rank = []
            return
        }
        guard layoutLetGo == nil else { return }
        precondition(changes == nil, "an evaluator that keeps its changes holds its layout")
        layoutLetGo = (Self.cycleClaims(solved), solved.kept, componentsStamp)
        cyclic = nil
        solved.components = EvaluationGraph.Components(component: [])
        solved.kept = [:]
        cyclic = solved
        graph.letGoOfRows()
    }

    /// Brings a cyclic map's scores along changes of structure that another evaluator of the
    /// same map, under another semantics, has followed since this one last did (`reaches`, in
    /// the order made), with no change of a value between: `live` is that evaluator's layout of
    /// the map as they left it (its graph, with every value, and its components). This
    /// evaluator takes that layout, keeps the scores of the claims no change reached (what
    /// they depend on is as it was), and solves again the components of those reached, in
    /// their order, each as a whole evaluation solves it: so the scores are a whole
    /// evaluation's, to the last bit, and only what the changes reach is worked out (for
    /// `compare`'s other semantics after an edit of structure, which were otherwise worked out
    /// afresh). An evaluator that let go of its values lets go of them again. `onOneCore`: no
    /// helper thread shares a cycle's steps (work ahead of the user's commands).
    ///
    /// An evaluator of an acyclic map follows onto an acyclic map with no undercuts
    /// (``acyclicStructureFollowed(_:as:)``).
    ///
    /// Returns false, the evaluator then out of date (discard it), where it cannot follow:
    /// the map has no cycle any more (or this evaluator solves none), values are being kept
    /// (``keepChanges()``), the layout is not of a map as large as the changes leave this one,
    /// or the most steps a cycle may take (``Evaluator/cap(_:_:)``) moved past a cycle no
    /// change reached.
    /// - Complexity: O(claims) to renumber the scores (in passes that move blocks of memory),
    ///   plus the claims reached, their relations, and each cycle among them times its steps.
    public func structureFollowed(_ reaches: [Reach], as live: Layout, onOneCore: Bool = false) -> Bool {
        if cyclic == nil { return acyclicStructureFollowed(reaches, as: live) }
        guard var solved = cyclic, changes == nil, !trying, let found = live.components, live.graph.order == nil else { cyclic = nil; return false }
        cyclic = nil  // so that `solved`'s arrays are not copied when they change
        var scores: [Double] = []
        swap(&scores, &evaluation.scores)
        let letGo = layoutLetGo.take()
        // Where the changes left the components as they were (the stamp), or but for claims on
        // their own put in, taken out or moved (``ComponentsMoved``), how this evaluator's
        // components were renumbered into the live ones: its cycles' steps and its layouts are
        // renumbered the same way. Otherwise a claim of each cycle solved before, whose new
        // number finds its component after.
        let moves = letGo.flatMap { Self.moves(from: $0.stamp, to: live.stamp, along: live.renumberings) }
        var cycleClaims = moves != nil ? [] : letGo?.cycleClaims ?? Self.cycleClaims(solved)
        // The large cycles' layouts are made again, unless the components are known (`moves`),
        // on a map with no undercuts: then each still holds but for what bears on its claims
        // from outside (``Evaluator/Component/mark(_:)``), brought up to date before it is
        // solved again (below), and for a cycle whose rows within changed.
        var layouts: [Int32: Evaluator.Component] = [:]
        if let letGo, let moves, !letGo.layouts.isEmpty, !live.graph.hasUndercuts {
            layouts = letGo.layouts
            for move in moves {
                Self.renumber(move.range, by: move.step, in: &layouts)
                if let k = move.rowsChangedWithin { layouts[k] = nil }
            }
            if !layouts.isEmpty { layoutsFollowedStructure += 1 }
        }
        for reach in reaches {
            reach.renumber(&scores, filler: 0)
            if !solved.factors.isEmpty { reach.renumber(&solved.factors, filler: 1) }
            for i in cycleClaims.indices where cycleClaims[i].claim >= 0 { cycleClaims[i].claim = reach.renumbered(cycleClaims[i].claim) }
        }
        let reached = Reach.reached(reaches)
        let g = live.graph, n = g.count
        // (None on a map with no undercuts: ``Evaluator/Solved/factors``.)
        guard scores.count == n, solved.factors.isEmpty || solved.factors.count == n, reached.allSatisfy({ $0 < n }) else { return false }
        Evaluator.Solved.fitted(&solved.factors, to: g)
        // The cycles no change reached keep what they took; they must have taken it under the new cap.
        let cap = Evaluator.cap(g, solved.options)
        let reachedComponents = reached.map { found.component[$0] }
        let ks = reachedComponents.sortedDistinct()
        var cycles: [Int32: (steps: Int, residual: Double)] = [:]
        if let moves {
            cycles = solved.cycles
            for move in moves { Self.renumber(move.range, by: move.step, in: &cycles) }
            for k in ks { cycles[k] = nil }
        } else {
            cycles.reserveCapacity(solved.cycles.count)
            let reachedSet = Set(reached)
            for (k, claim) in cycleClaims where claim >= 0 && !reachedSet.contains(claim) {
                cycles[found.component[claim]] = solved.cycles[k]
            }
        }
        if cap != solved.cap, cycles.values.contains(where: { $0.steps >= min(cap, solved.cap) }) { return false }
        // The reached claims start as a whole evaluation starts them; their components are
        // solved in order (each after every one it depends on).
        for c in reached { scores[c] = g.base[c] }
        if !solved.factors.isEmpty { for c in reached { solved.factors[c] = 1 } }
        if !layouts.isEmpty {
            // A claim of a kept layout is stale where a support or an attack into it from outside
            // its cycle was put in or taken out (its row changed), or comes from a claim reached
            // (whose score is worked out again first): one of a component before the cycle's,
            // since each is numbered after those it depends on. Where no component reached comes
            // before it (a change into the cycle, reaching only it and what is above it), only
            // the first are looked for, not every row of the cycle (which took about as long as
            // laying it out again). Otherwise the cycle's rows are read for sources among the
            // claims reached before it (a claim added under one of its claims, say), looked for in
            // their sorted list: not by each source's component, read at random, which took 5–7
            // ms for the largest cycle of the generated cyclic map of a million claims.
            var rowsChanged = Set<Int>()
            for reach in reaches { rowsChanged.formUnion(reach.rowsChanged) }
            for k in Array(layouts.keys) { layouts[k]!.settled = false }
            // (The arrays read in place: a large cycle's thousands of claims, each with its row.)
            g.offsets.withUnsafeBufferPointer { offsets in
            g.source.withUnsafeBufferPointer { source in
                for k in ks where layouts[k] != nil {
                    guard k > ks[0] else {
                        for x in rowsChanged.sorted() where x < found.component.count && found.component[x] == k { layouts[k]!.mark(x) }
                        continue
                    }
                    // The claims reached before the cycle, ascending.
                    let before = zip(reached, reachedComponents).filter { $0.1 < k }.map { Int32($0.0) }
                    for x in found.members[Int(found.starts[Int(k)])..<Int(found.starts[Int(k) + 1])].lazy.map(Int.init) {
                        var stale = rowsChanged.contains(x)
                        for j in Int(offsets[x])..<Int(offsets[x + 1]) where !stale {
                            let at = before.lowerBound(source[j])
                            stale = at < before.count && before[at] == source[j]
                        }
                        if stale { layouts[k]!.mark(x) }
                    }
                }
            }}
        }
        let heldValues = !graph.base.isEmpty
        graph = g
        Evaluator.withSolver(graph, semantics, solved.options, cap: cap, found, &scores, &solved.factors, laysOutOnBothCores: !onOneCore) { solve in
            for k in ks { cycles[k] = solve(k, helped && !onOneCore, keepingIn: &layouts) }
        }
        cyclic = Evaluator.Solved(factors: solved.factors, components: found, cycles: cycles, options: solved.options, cap: cap, kept: layouts)
        evaluation = Evaluator.summary(semantics, scores, cycles, solved.options)
        (beforeCyclicChange, beforeRemoval, lentComponents, summaryLags, sharedLayout) = (nil, nil, nil, false, true)
        componentsStamp = live.stamp
        lastUpdateCount = reached.count
        if !heldValues { letGoOfValues() }
        return true
    }

    /// ``structureFollowed(_:as:onOneCore:)`` for an evaluator of an acyclic map, which let go
    /// of its layout (``letGoOfLayout()``), onto the layout of an acyclic map with no undercuts:
    /// it takes the graph and the ranks, keeps the scores of the claims no change reached, and
    /// works out again those reached, in topological order, as a whole evaluation does. False
    /// where it cannot (the map has a cycle now, or undercuts; the grounded labelling), the
    /// evaluator then out of date.
    /// - Complexity: O(claims) to renumber the scores, plus the claims reached and their rows.
    private func acyclicStructureFollowed(_ reaches: [Reach], as live: Layout) -> Bool {
        guard changes == nil, !trying, semantics != .grounded, rank.isEmpty, graph.order == nil, live.isAcyclic, !live.rank.isEmpty,
              !live.graph.hasUndercuts, undercutFactors.isEmpty, let order = live.graph.order else { return false }
        for reach in reaches { reach.renumber(&evaluation.scores, filler: 0) }
        let reached = Reach.reached(reaches), g = live.graph
        guard evaluation.scores.count == g.count, reached.allSatisfy({ $0 < g.count }) else { return false }
        let heldValues = !graph.base.isEmpty
        (graph, rank) = (g, live.rank)
        recompute(reached, in: order)
        (beforeCyclicChange, beforeRemoval, lentComponents, summaryLags, sharedLayout) = (nil, nil, nil, false, true)
        lastUpdateCount = reached.count
        if !heldValues { letGoOfValues() }
        return true
    }

    /// How many times this evaluator kept the layouts of its large cycles as it followed
    /// changes of structure (``structureFollowed(_:as:onOneCore:)``), for tests.
    private(set) var layoutsFollowedStructure = 0

    /// How many changes of structure on a cyclic map put back the scores from before the change
    /// they undid, solving nothing (``BeforeChange``), for tests.
    private(set) var puttingBack = 0

    /// What a change of structure on a cyclic map reached, as it was before the change: the
    /// claims it reached that were there before it, and those it took out, numbered as before
    /// it (ascending), with their scores and undercut factors then, and the steps each cycle
    /// among them took, by its least claim. The change that undoes it is told by its claims and
    /// relations: put in where they were taken out (numbered as before the change), or taken
    /// out where they were put in. It reaches the same claims, whose components are the same
    /// (the map is as it was), numbered and ordered otherwise, under the same cap on their
    /// steps (``Evaluator/cap(_:_:)`` reads only the map's size).
    struct BeforeChange {
        /// Whether the change that undoes it puts claims or relations in; which ones.
        let undoneByInserting: Bool, claims: [Int], relations: [Int]
        /// What a removal took out (``TakenOut``), to tell the change that puts it back.
        let takenOut: TakenOut?
        let reached: [Int], scores: [Double], factors: [Double]
        let cycles: [Int: (steps: Int, residual: Double)]

        /// Read from an evaluation before `change` (its scores and components, renumbered as
        /// after it but for the claims it took out: `removed`, old numbers, with their scores
        /// and factors); `open` the claims it reaches, new numbers, ascending. Nil for a change
        /// no other undoes this way (a relation moved to another claim).
        init?(_ change: StructureChange, open: [Int], _ numbering: Numbering, removed: [Int], _ removedScores: [Double], _ removedFactors: [Double],
              _ takenOut: TakenOut?, scores current: [Double], _ solved: Evaluator.Solved) {
            self.takenOut = takenOut
            switch change {
            case .removed(let claims, let relations, _): (undoneByInserting, self.claims, self.relations) = (true, claims, relations)
            case .inserted(let claims, let relations): (undoneByInserting, self.claims, self.relations) = (false, claims, relations)
            case .retargeted: return nil
            }
            var reached: [Int] = [], before: [Double] = [], factors: [Double] = []
            reached.reserveCapacity(open.count + removed.count)
            before.reserveCapacity(open.count + removed.count)
            factors.reserveCapacity(open.count + removed.count)
            // Both ascending in the old numbers (a change keeps the order of the claims it
            // leaves), merged.
            var next = 0
            func takeRemoved(below o: Int) {
                while next < removed.count && removed[next] < o {
                    reached.append(removed[next]); before.append(removedScores[next]); factors.append(removedFactors[next])
                    next += 1
                }
            }
            for c in open {
                let o = numbering.oldClaim(c)
                guard o >= 0 else { continue }  // put in by the change
                takeRemoved(below: o)
                reached.append(o); before.append(current[c]); factors.append(solved.factor(c))
            }
            takeRemoved(below: Int.max)
            // A component holds only claims the change reached or took out, or none of them:
            // the first of its claims met here is its least.
            var cycles: [Int: (steps: Int, residual: Double)] = [:], seen = Set<Int32>(), last: Int32 = -1
            for o in reached {
                let k = solved.components.component[o]
                guard k != last, solved.components.isCycle[Int(k)] else { continue }
                last = k
                if seen.insert(k).inserted, let result = solved.cycles[k] { cycles[o] = result }
            }
            (self.reached, scores, self.factors, self.cycles) = (reached, before, factors, cycles)
        }

        /// Whether `change`, which left `map`, undoes the change this was kept before: it takes
        /// out the claims and relations that one put in, or puts back the claims and relations
        /// that one took out, at the same numbers and as they were (``TakenOut``). (A new claim or
        /// relation put in where one was taken out, with another weight, type or base, is not an
        /// undo: its scores are worked out.)
        func isUndone(by change: StructureChange, in map: ArgumentMap) -> Bool {
            switch change {
            case .inserted(let claims, let relations):
                undoneByInserting && claims == self.claims && relations == self.relations && takenOut?.isPutBack(in: map, claims: claims) == true
            case .removed(let claims, let relations, _): !undoneByInserting && claims == self.claims && relations == self.relations
            case .retargeted: false
            }
        }

        /// What a removal took out, as the graph held it: each relation's number, ends
        /// (old numbers), weight and type, and each claim's base, in the order of the claims. A change that puts back these claims and
        /// relations, at the same numbers, leaves the map as it was before the removal (any
        /// change between them drops what was kept): its scores are those kept.
        struct TakenOut {
            var relations: [(number: Int, from: Int, to: Int, weight: Double, type: RelationType)] = []
            var bases: [Double] = []

            /// Read from `g`, the graph before `change`, for a removal; nil otherwise. The
            /// relations are found in the rows of the claims they pointed at: the claims taken
            /// out, whose rows go whole, and those that stay and lost a relation (`numbering`
            /// gives their old numbers), whose rows' relations are looked for among those taken.
            init?(_ change: StructureChange, _ g: EvaluationGraph, _ numbering: Numbering) {
                guard case .removed(let claims, let relations, let targets) = change, claims.allSatisfy({ $0 < g.count }) else { return nil }
                bases = claims.map { g.base[$0] }
                self.relations.reserveCapacity(relations.count)
                func take(_ c: Int, all: Bool) {
                    func taken(_ r: Int32) -> Bool {
                        guard !all else { return true }
                        let at = relations.lowerBound(Int(r))
                        return at < relations.count && relations[at] == Int(r)
                    }
                    for k in g.row(c) where taken(g.relation[k]) {
                        self.relations.append((Int(g.relation[k]), Int(g.source[k]), c, g.weight[k], g.isAttack[k] ? .attack : .support))
                    }
                    for k in g.undercutRow(c) where taken(g.undercutRelation[k]) {
                        self.relations.append((Int(g.undercutRelation[k]), Int(g.undercutSource[k]), c, g.undercutWeight[k], .undercut))
                    }
                }
                for c in claims { take(c, all: true) }
                for c in targets.map({ numbering.oldClaim($0) }).filter({ $0 >= 0 && $0 < g.count }).sortedDistinct() { take(c, all: false) }
                // (Every relation taken out, found once: else no change is told an undo of it.)
                guard self.relations.count == relations.count else { return nil }
            }

            /// Whether `map` holds them again, at the same numbers (`claims`, those of the
            /// claims, ascending as they were taken out).
            func isPutBack(in map: ArgumentMap, claims: [Int]) -> Bool {
                guard claims.count == bases.count else { return false }
                for (c, base) in zip(claims, bases) where c >= map.claims.count || map.claims[c].base.bitPattern != base.bitPattern { return false }
                return relations.allSatisfy { r in
                    guard r.number < map.relations.count else { return false }
                    let m = map.relations[r.number]
                    return m.from == r.from && m.to == r.to && m.weight.bitPattern == r.weight.bitPattern && m.type == r.type
                }
            }
        }

        /// Puts the scores and factors back into `scores` and `factors`, and each cycle's steps
        /// into `cycles`, when the change that undoes this one reached the same claims (`open`,
        /// numbered as after it, which is as before the change kept), and the components from
        /// `firstOpen` on of `found` are those the kept ones were; else changes nothing.
        func put(back open: [Int], _ firstOpen: Int, _ found: EvaluationGraph.Components, _ scores: inout [Double], _ factors: inout [Double],
                 _ cycles: inout [Int32: (steps: Int, residual: Double)]) -> Bool {
            guard open == reached else { return false }
            var results: [(Int32, (steps: Int, residual: Double))] = []
            for k in firstOpen..<found.count where found.isCycle[k] {
                let least = found.members[Int(found.starts[k])..<Int(found.starts[k + 1])].min()!
                guard let result = self.cycles[Int(least)] else { return false }
                results.append((Int32(k), result))
            }
            guard results.count == self.cycles.count else { return false }
            for (i, c) in open.enumerated() {
                scores[c] = self.scores[i]
                // (A map with no undercuts has no factors: ``Evaluator/Solved/factors``.)
                if !factors.isEmpty { factors[c] = self.factors[i] }
            }
            for (k, result) in results { cycles[k] = result }
            return true
        }
    }

    /// How many changes of structure on a cyclic map were followed with the components kept
    /// (``followKeepingComponents(_:_:source:map:)``), for tests.
    private(set) var followedKeepingComponents = 0

    /// The most claims whose components move when a claim put in on its own comes to bear on
    /// a claim of a component before its own (``followKeepingComponents(_:_:source:map:)``).
    static let movedClaimsAtMost = 1 << 16

    /// Brings the components of `solved` (and their cycles' steps and kept layouts) up to date
    /// after a change of structure that leaves every component as it was, but for a claim on
    /// its own put in or taken out at the end; the graph's rows are already laid out. Returns
    /// the claim to solve again from, as for a change of its base
    /// (``resolve(from:map:upTo:withinLayout:)``; none when no score can change), whether
    /// its component's kept layout must be made again, and how the components were renumbered
    /// (those of `range` moved by `step`; nil when none was put in, taken out or moved); nil,
    /// changing nothing, for any other change (the components are then searched again). The
    /// changes followed:
    /// - a claim put in at the end, with no relations: a component of its own, last;
    /// - a claim with no relations taken out at the end (as the `undo` of `add`): its component
    ///   goes, and those after it move down one;
    /// - a support or an attack put in from a claim `s` to a claim `t` that closes no cycle: `s`'s
    ///   component comes before `t`'s, or `s` is a claim nothing bears on, whose component
    ///   (itself alone) then moves to just before `t`'s. The depth in cycles of `t`'s component
    ///   must stay as it is;
    /// - a support or an attack put in within a cycle (its layout is made again);
    /// - a support or an attack taken out between two components (its source `source`, read
    ///   before the rows were laid out again), where the source's component is not what gives
    ///   `t`'s its depth (another dependency gives as much, or the source is on no cycle and
    ///   depends on none).
    /// - Complexity: O(1), but for a move: the claims of the components moved, at most
    ///   ``movedClaimsAtMost``.
    private func followKeepingComponents(_ change: StructureChange, _ solved: inout Evaluator.Solved, source: Int?,
                                         map: ArgumentMap) -> (claim: Int?, dropLayout: Bool, moved: (range: Range<Int32>, step: Int32)?)? {
        switch change {
        case .removed(let claims, let relations, _) where claims.count == 1 && relations.isEmpty:
            // (Old numbers: the components are still those from before the change.)
            let c = claims[0], k = Int(solved.components.component[c])
            guard c == graph.count, solved.components.starts[k + 1] - solved.components.starts[k] == 1,
                  Int(solved.components.starts[solved.components.count] - solved.components.starts[k]) <= Self.movedClaimsAtMost else { return nil }
            let count = Int32(solved.components.count)
            Self.remove(k, from: &solved)
            return (nil, false, (Int32(k + 1)..<count, -1))
        case .inserted(let claims, let relations) where claims.count == 1 && relations.isEmpty:
            let c = claims[0]
            guard c == graph.count - 1, graph.dependencyCount(c) == 0, map.outgoing[c].isEmpty else { return nil }
            let k = Int32(solved.components.count)
            solved.components.members.append(Int32(c))
            solved.components.starts.append(Int32(solved.components.members.count))
            solved.components.component.append(k)
            solved.components.isCycle.append(false)
            solved.components.depth.append(0)
            return (c, false, (k..<k, 0))
        case .inserted(let claims, let relations) where claims.isEmpty && relations.count == 1:
            let relation = map.relations[relations[0]]
            let (s, t) = (relation.from, relation.to)
            guard relation.type != .undercut, s != t else { return nil }
            // (Read in place: a copy of the components held here would be copied again by the move.)
            let ks = Int(solved.components.component[s]), kt = Int(solved.components.component[t])
            if ks == kt { return (t, true, nil) }
            if ks > kt {
                // `s` alone, nothing bearing on it: its component moves before `t`'s.
                let starts = (solved.components.starts[kt], solved.components.starts[ks], solved.components.starts[ks + 1])
                guard graph.dependencyCount(s) == 0, starts.2 - starts.1 == 1, Int(starts.1 - starts.0) <= Self.movedClaimsAtMost else { return nil }
                Self.move(ks, before: kt, in: &solved)
                return (t, false, (Int32(kt)..<Int32(ks), 1))
            }
            guard Self.depth(of: kt, through: ks, solved.components) <= solved.components.depth[kt] else { return nil }
            return (t, false, nil)
        case .removed(let claims, let relations, let targets) where claims.isEmpty && relations.count == 1 && targets.count == 1:
            guard let s = source else { return nil }
            let t = targets[0]
            let ks = Int(solved.components.component[s]), kt = Int(solved.components.component[t])
            // Deeper than `s` makes it, or `s` adds nothing to the depth: some other dependency
            // (or none) gives `t`'s component its depth.
            guard ks != kt, solved.components.depth[ks] == 0 || Self.depth(of: kt, through: ks, solved.components) < solved.components.depth[kt]
            else { return nil }
            return (t, false, nil)
        default:
            return nil
        }
    }

    /// The depth in cycles that component `kt` has through a dependency on component `ks`.
    private static func depth(of kt: Int, through ks: Int, _ found: EvaluationGraph.Components) -> Int32 {
        found.depth[ks] + (found.isCycle[kt] ? 1 : 0)
    }

    /// Moves component `k`, one claim that depends on nothing, to number `before` (less than
    /// `k`): the components `before..<k` each move up one, with their cycles' steps and kept
    /// layouts.
    private static func move(_ k: Int, before: Int, in solved: inout Evaluator.Solved) {
        var found = EvaluationGraph.Components(component: [])
        swap(&found, &solved.components)  // changed in place, not copied
        let from = Int(found.starts[before]), to = Int(found.starts[k])
        let claim = found.members[to]
        found.members.withUnsafeMutableBufferPointer { members in
            let base = members.baseAddress!
            (base + from + 1).moveInitialize(from: base + from, count: to - from)  // (they overlap)
            members[from] = claim
        }
        found.component.withUnsafeMutableBufferPointer { component in
            for c in found.members[(from + 1)...to] { component[Int(c)] += 1 }
            component[Int(claim)] = Int32(before)
        }
        // Component j's claims (`before` ≤ j < k) are now component j + 1's, one place on.
        for j in stride(from: k, to: before, by: -1) { found.starts[j] = found.starts[j - 1] + 1 }
        Self.rotate(&found.isCycle, k, before: before)
        Self.rotate(&found.depth, k, before: before)
        solved.components = found
        renumber(Int32(before)..<Int32(k), by: 1, in: &solved)
    }

    /// Removes component `k`, one claim that was the last claim of the map, with no relations:
    /// the components after it each move down one, with their cycles' steps and kept layouts.
    private static func remove(_ k: Int, from solved: inout Evaluator.Solved) {
        var found = EvaluationGraph.Components(component: [])
        swap(&found, &solved.components)  // changed in place, not copied
        let at = Int(found.starts[k]), count = found.count
        found.members.remove(at: at)
        found.component.removeLast()  // the claim's: it was the last
        found.component.withUnsafeMutableBufferPointer { component in
            for c in found.members[at...] { component[Int(c)] -= 1 }
        }
        // Component j's claims (j > k) are now component j − 1's, one place back.
        for j in (k + 1)..<count { found.starts[j] = found.starts[j + 1] - 1 }
        found.starts.removeLast()
        found.isCycle.remove(at: k)
        found.depth.remove(at: k)
        solved.components = found
        renumber(Int32(k + 1)..<Int32(count), by: -1, in: &solved)
    }

    /// Renumbers the cycles' steps and the kept layouts of components `range` by `step`.
    private static func renumber(_ range: Range<Int32>, by step: Int32, in solved: inout Evaluator.Solved) {
        renumber(range, by: step, in: &solved.cycles)
        renumber(range, by: step, in: &solved.kept)
    }

    /// Renumbers the entries of components `range` by `step`, each told its new number
    /// (`renamed`: a layout holds its component's).
    private static func renumber<Value>(_ range: Range<Int32>, by step: Int32, in entries: inout [Int32: Value],
                                        renamed: (inout Value, Int32) -> Void = { _, _ in }) {
        guard !range.isEmpty, step != 0 else { return }
        let moved = entries.filter { range.contains($0.key) }
        for key in moved.keys { entries[key] = nil }
        for (key, var value) in moved {
            renamed(&value, key + step)
            entries[key + step] = value
        }
    }

    /// Renumbers the layouts of components `range` by `step`.
    private static func renumber(_ range: Range<Int32>, by step: Int32, in kept: inout [Int32: Evaluator.Component]) {
        renumber(range, by: step, in: &kept) { $0.k = $1 }
    }

    /// Moves entry `k` to place `before` (less than `k`), the entries between up one.
    private static func rotate<T>(_ values: inout [T], _ k: Int, before: Int) {
        let value = values[k]
        for j in stride(from: k, to: before, by: -1) { values[j] = values[j - 1] }
        values[before] = value
    }

    /// The topological order `order` without the claims `numbering` removes, the others
    /// renumbered, and each claim's position in it (its rank), written in one pass into new
    /// arrays: for a removal whose order from before is kept, and so is not changed in place.
    /// A large order is passed in two halves on both cores, the second writing from the place
    /// the removed claims' old positions (`removedRanks`) give it. Nil when the order does not
    /// hold each of the `count` claims that stay once.
    private static func order(_ order: [Int], after numbering: Numbering, count: Int, removedRanks: [Int]) -> (order: [Int], rank: [Int])? {
        let halves = order.count >= 1 << 16 ? 2 : 1
        let pieces = Parallel.pieces(0..<order.count, halves)
        // Where each half's claims that stay begin in the new order.
        let starts = pieces.map { piece in piece.lowerBound - removedRanks.lazy.filter { $0 < piece.lowerBound }.count }
        guard starts.allSatisfy({ $0 >= 0 }) else { return nil }
        var complete = false
        // Each claim's rank is written once when the order is complete.
        var rank = [Int](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
        let newOrder = rank.withUnsafeMutableBufferPointer { rank in
            [Int](unsafeUninitializedCapacity: count) { newOrder, initialized in
                let shared = Parallel.Unchecked((rank, newOrder))
                let ends = order.withUnsafeBufferPointer { order in
                    Parallel.map(halves) { k -> Int? in
                        let (rank, newOrder) = shared.value
                        var w = starts[k]
                        // Its claims that stay end where the next half's begin.
                        let end = k + 1 < halves ? starts[k + 1] : count
                        for old in order[pieces[k]] {
                            let c = numbering.claim(old)
                            guard c >= 0 else { continue }
                            guard c < count, w < end else { return nil }
                            newOrder[w] = c
                            rank[c] = w
                            w += 1
                        }
                        return w
                    }
                }
                complete = ends.indices.allSatisfy { k in ends[k] == (k + 1 < halves ? starts[k + 1] : count) }
                initialized = complete ? count : 0
            }
        }
        return complete ? (newOrder, rank) : nil
    }

    /// Lowers each position by the number of `gone` positions (ascending) below it
    /// (``Renumbering``: a search among their runs when they make few, else its table), on
    /// both cores for many.
    private static func shift(_ positions: inout [Int], removing gone: [Int]) {
        guard let lowest = gone.first else { return }
        let removing = Renumbering(removing: gone)
        positions.withUnsafeMutableBufferPointer { removing.apply(to: $0, from: lowest, minimum: 1 << 16) }
    }

    /// Claim and relation numbers before and after a change. Numbers below the first one
    /// changed stay; the others are mapped (-1: removed). For each new claim, its old number
    /// (-1: inserted).
    struct Numbering {
        private var firstClaim = Int.max, firstRelation = Int.max
        private var claims = Mapping(), relations = Mapping(), old = Mapping()

        /// Nothing renumbered.
        init() {}

        init(count: Int, removingClaims removed: [Int], relations: Int, removing removedRelations: [Int]) {
            let (firstClaim, firstRelation) = (removed.first ?? count, removedRelations.first ?? relations)
            (self.firstClaim, self.firstRelation) = (firstClaim, firstRelation)
            // The claims' two mappings and the relations' one, each a pass over a map's worth
            // of numbers when many change, on two cores (when both make tables: see
            // ``Mapping/searched``; else handing one to another core costs more).
            ((claims, old), self.relations) = Parallel.both(if: min(removed.count, removedRelations.count) >= Mapping.searched,
                { Mapping.pair(count: count, from: firstClaim, removing: removed) },
                { Mapping.pair(count: relations, from: firstRelation, removing: removedRelations, old: false).new })
        }

        init(count: Int, insertingClaims inserted: [Int], relations: Int, inserting insertedRelations: [Int]) {
            let (firstClaim, firstRelation) = (inserted.first ?? count, insertedRelations.first ?? relations)
            (self.firstClaim, self.firstRelation) = (firstClaim, firstRelation)
            ((old, claims), self.relations) = Parallel.both(if: min(inserted.count, insertedRelations.count) >= Mapping.searched,
                { Mapping.pair(count: count, from: firstClaim, removing: inserted) },
                { Mapping.pair(count: relations, from: firstRelation, removing: insertedRelations, new: false).old })
        }

        /// Whether every claim numbered below `count` keeps its number.
        func keepsClaims(below count: Int) -> Bool { firstClaim >= count }
        /// Whether every relation numbered below `count` keeps its number.
        func keepsRelations(below count: Int) -> Bool { firstRelation >= count }

        @inline(__always) func claim(_ c: Int) -> Int { c < firstClaim ? c : claims[c, from: firstClaim] }
        @inline(__always) func claim(_ c: Int32) -> Int32 { Int(c) < firstClaim ? c : Int32(truncatingIfNeeded: claims[Int(c), from: firstClaim]) }
        @inline(__always) func relation(_ r: Int32) -> Int32 {
            Int(r) < firstRelation ? r : Int32(truncatingIfNeeded: relations[Int(r), from: firstRelation])
        }
        /// Maps every claim (relation) number in `numbers` to its new one, in place (see
        /// ``Mapping/apply(to:from:)``).
        func renumberClaims(_ numbers: inout [Int32]) { claims.apply(to: &numbers, from: firstClaim) }
        func renumberRelations(_ numbers: inout [Int32]) { relations.apply(to: &numbers, from: firstRelation) }
        /// The old number of new claim `c`, or -1 for an inserted claim.
        @inline(__always) func oldClaim(_ c: Int) -> Int { c < firstClaim ? c : old[c, from: firstClaim] }

        /// Numbers from some first one on mapped to others: for a few numbers removed or
        /// inserted, by the model's ``Renumbering`` (arithmetic and a search among them); for
        /// many, by a table indexed from the first (whose random reads cost more than a short
        /// search, but less than a long one).
        struct Mapping {
            private var search: Renumbering?
            private var table: [Int32] = []

            /// Fewer changed numbers than this, or any number of them in one run, are searched
            /// rather than tabled.
            static let searched = 16

            /// Maps every number `first` or more in `numbers` to its new one, in place, in
            /// pieces on both cores for many: by the renumbering's own pass (one run of changed
            /// numbers moves the rest by one step, in vector code) or through the table. A number
            /// removed comes out meaningless: only rows taken out or written afresh hold one.
            func apply(to numbers: inout [Int32], from first: Int) {
                numbers.withUnsafeMutableBufferPointer { numbers in
                    if let search { search.apply(to: numbers, from: first, minimum: 1 << 16); return }
                    guard !table.isEmpty else { return }
                    table.withUnsafeBufferPointer { table in
                        let shared = Parallel.Unchecked((numbers, table))
                        Parallel.forEachPiece(numbers.count, minimum: 1 << 16) { piece in
                            let (numbers, table) = shared.value
                            for k in piece where Int(numbers[k]) >= first { numbers[k] = table[Int(numbers[k]) - first] }
                        }
                    }
                }
            }

            @inline(__always) subscript(n: Int, from first: Int) -> Int {
                if let search { return search.number(n) }
                return table.isEmpty ? n : Int(table[n - first])
            }

            /// For each number of `first..<count`, its number once `removed` (ascending, none
            /// below `first`) are taken out (-1 for those), and for each number from `first`
            /// that remains, its number before. Read the other way round, the same mappings
            /// describe an insertion. Only the sides asked for are made (`new`, `old`); the
            /// other is empty.
            static func pair(count: Int, from first: Int, removing removed: [Int], new wantsNew: Bool = true,
                             old wantsOld: Bool = true) -> (new: Mapping, old: Mapping) {
                var new = Mapping(), old = Mapping()
                guard !removed.isEmpty else { return (new, old) }
                if removed.count < searched || removed[removed.count - 1] - removed[0] == removed.count - 1 {
                    // Numbers removed from the old, read the other way round, are numbers inserted
                    // into the new. One run of them, however long, is arithmetic.
                    if wantsNew { new.search = Renumbering(removing: removed) }
                    if wantsOld { old.search = Renumbering(inserting: removed) }
                    return (new, old)
                }
                // Each table written once, a stretch between two removed numbers at a time (the
                // numbers of stretch k move down by the k removed before them), on both cores
                // (``Renumbering/forEachStretch(between:from:to:_:)``).
                if wantsNew {
                    new.table = [Int32](unsafeUninitializedCapacity: count - first) { table, initialized in
                        let shared = Parallel.Unchecked(table)
                        Renumbering.forEachStretch(between: removed, from: first, to: count) { k, stretch in
                            let table = shared.value
                            for c in stretch { table[c - first] = Int32(truncatingIfNeeded: c - k) }
                            if stretch.upperBound < count { table[stretch.upperBound - first] = -1 }
                        }
                        initialized = count - first
                    }
                }
                if wantsOld {
                    old.table = [Int32](unsafeUninitializedCapacity: count - first - removed.count) { table, initialized in
                        let shared = Parallel.Unchecked(table)
                        Renumbering.forEachStretch(between: removed, from: first, to: count) { k, stretch in
                            let table = shared.value
                            for c in stretch { table[c - k - first] = Int32(truncatingIfNeeded: c) }
                        }
                        initialized = count - first - removed.count
                    }
                }
                return (new, old)
            }
        }
    }

    /// A topological order of `claims` (sources first) over the relations among them, or nil
    /// when they hold a cycle.
    private static func order(of claims: [Int], in map: ArgumentMap) -> [Int]? {
        guard claims.count > 1 else { return claims }
        let claims = zip(claims, claims.dropFirst()).allSatisfy({ $0 < $1 }) ? claims : claims.sorted()
        // A subtree put back as an argument file lists it (each claim after the claim it
        // answers: every relation among them from a later claim to an earlier one) is in
        // topological order backwards, with no search (any topological order gives the same
        // scores).
        if let last = claims.last, last - claims[0] + 1 == claims.count {
            let run = claims[0]...last
            let backwards = map.outgoing.withUnsafeLists { outgoing in
                map.relations.withUnsafeBufferPointer { relations in
                    claims.allSatisfy { c in outgoing[c].allSatisfy { r in !run.contains(relations[r].to) || relations[r].to < c } }
                }
            }
            if backwards { return claims.reversed() }
        }
        // Each claim's place among them (ascending, as claims put back come), found by a search
        // among their runs of consecutive numbers (one for a subtree), with no hashing.
        var runStarts: [Int] = [], runPlaces: [Int] = []
        for (i, c) in claims.enumerated() where i == 0 || c != claims[i - 1] + 1 {
            runStarts.append(c)
            runPlaces.append(i)
        }
        func place(_ c: Int) -> Int? {
            let r = runStarts.lowerBound(c + 1) - 1  // the last run starting at or below c
            guard r >= 0 else { return nil }
            let i = runPlaces[r] + (c - runStarts[r]), end = r + 1 < runPlaces.count ? runPlaces[r + 1] : claims.count
            return i < end ? i : nil
        }
        var waiting = [Int](repeating: 0, count: claims.count)
        for (i, c) in claims.enumerated() {
            for r in map.incoming[c] where place(map.relations[r].from) != nil { waiting[i] += 1 }
        }
        var ready = claims.indices.filter { waiting[$0] == 0 }.map { claims[$0] }
        var order: [Int] = []
        order.reserveCapacity(claims.count)
        while let c = ready.popLast() {
            order.append(c)
            for r in map.outgoing[c] {
                guard let i = place(map.relations[r].to) else { continue }
                waiting[i] -= 1
                if waiting[i] == 0 { ready.append(claims[i]) }
            }
        }
        return order.count == claims.count ? order : nil
    }

    /// Lays the graph's rows out for the map as it is now: a claim's row is copied from its
    /// old row (sources and relations renumbered) unless it is marked fresh; a fresh row is
    /// laid out from the map, as ``EvaluationGraph/init(_:)`` does. Runs of claims that keep
    /// their rows are copied as blocks, a large map's in two halves at once. False when a
    /// copied row held a removed relation (its claim should have been marked fresh).
    private func relayout(_ map: ArgumentMap, _ numbering: Numbering, fresh: [Bool]) -> Bool {
        let g = graph, n = map.count
        // Where each row starts: a run of copied rows starts where it did, shifted.
        var offsets = [Int32](repeating: 0, count: n + 1), uOffsets = [Int32](repeating: 0, count: n + 1)
        var runs: [(new: Int, old: Int, count: Int)] = []
        var c = 0
        while c < n {
            if fresh[c] {
                var length = 0, uLength = 0
                for r in map.incoming[c] { if map.relations[r].type == .undercut { uLength += 1 } else { length += 1 } }
                offsets[c + 1] = offsets[c] + Int32(length)
                uOffsets[c + 1] = uOffsets[c] + Int32(uLength)
                c += 1
                continue
            }
            let o = numbering.oldClaim(c)
            var e = c + 1
            while e < n && !fresh[e] && numbering.oldClaim(e) == o + (e - c) { e += 1 }
            let shift = offsets[c] - g.offsets[o], uShift = uOffsets[c] - g.undercutOffsets[o]
            for i in 1...(e - c) {
                offsets[c + i] = g.offsets[o + i] + shift
                uOffsets[c + i] = g.undercutOffsets[o + i] + uShift
            }
            runs.append((c, o, e - c))
            c = e
        }
        let total = Int(offsets[n]), uTotal = Int(uOffsets[n])
        var source = [Int32](unsafeUninitializedCapacity: total) { $1 = total }
        var relation = [Int32](unsafeUninitializedCapacity: total) { $1 = total }
        var weight = [Double](unsafeUninitializedCapacity: total) { $1 = total }
        var isAttack = [Bool](unsafeUninitializedCapacity: total) { $1 = total }
        var lost = false
        source.withUnsafeMutableBufferPointer { source in
        relation.withUnsafeMutableBufferPointer { relation in
        weight.withUnsafeMutableBufferPointer { weight in
        isAttack.withUnsafeMutableBufferPointer { isAttack in
        g.source.withUnsafeBufferPointer { oldSource in
        g.relation.withUnsafeBufferPointer { oldRelation in
        g.weight.withUnsafeBufferPointer { oldWeight in
        g.isAttack.withUnsafeBufferPointer { oldAttack in
            let out = Parallel.Unchecked((source, relation, weight, isAttack, oldSource, oldRelation, oldWeight, oldAttack))
            // The fresh rows, then the runs, each cut into halves by claims.
            func write(_ claims: Range<Int>) -> Bool {
                let (source, relation, weight, isAttack, oldSource, oldRelation, oldWeight, oldAttack) = out.value
                var lost = false
                for run in runs where run.new < claims.upperBound && run.new + run.count > claims.lowerBound {
                    let from = max(run.new, claims.lowerBound), to = min(run.new + run.count, claims.upperBound)
                    let o = run.old + (from - run.new)
                    let start = Int(g.offsets[o]), end = Int(g.offsets[o + (to - from)]), at = Int(offsets[from])
                    guard end > start else { continue }
                    (weight.baseAddress! + at).update(from: oldWeight.baseAddress! + start, count: end - start)
                    (isAttack.baseAddress! + at).update(from: oldAttack.baseAddress! + start, count: end - start)
                    for k in 0..<(end - start) {
                        source[at + k] = numbering.claim(oldSource[start + k])
                        let r = numbering.relation(oldRelation[start + k])
                        relation[at + k] = r
                        lost = lost || r < 0
                    }
                }
                for c in claims where fresh[c] {
                    var w = Int(offsets[c])
                    for r in map.incoming[c] {
                        let rel = map.relations[r]
                        guard rel.type != .undercut else { continue }
                        source[w] = Int32(rel.from); relation[w] = Int32(r); weight[w] = rel.weight; isAttack[w] = rel.type == .attack
                        w += 1
                    }
                }
                return lost
            }
            let halves = Parallel.pieces(0..<n, total >= 1 << 16 ? 2 : 1)
            lost = halves.count == 1 ? write(halves[0]) : Parallel.map(halves.count) { write(halves[$0]) }.contains(true)
        }}}}}}}}
        // Undercuts are few: their rows are written in one pass.
        var uSource = [Int32](), uWeight = [Double](), uRelation = [Int32]()
        uSource.reserveCapacity(uTotal)
        uWeight.reserveCapacity(uTotal)
        uRelation.reserveCapacity(uTotal)
        if uTotal > 0 {
            for c in 0..<n where uOffsets[c] < uOffsets[c + 1] {
                if fresh[c] {
                    for r in map.incoming[c] where map.relations[r].type == .undercut {
                        uSource.append(Int32(map.relations[r].from)); uWeight.append(map.relations[r].weight); uRelation.append(Int32(r))
                    }
                } else {
                    let o = numbering.oldClaim(c)
                    for k in g.undercutRow(o) {
                        uSource.append(numbering.claim(g.undercutSource[k]))
                        uWeight.append(g.undercutWeight[k])
                        uRelation.append(numbering.relation(g.undercutRelation[k]))
                        lost = lost || uRelation[uRelation.count - 1] < 0
                    }
                }
            }
        }
        guard !lost else { return false }
        graph.offsets = offsets
        graph.source = source
        graph.weight = weight
        graph.isAttack = isAttack
        graph.relation = relation
        graph.undercutOffsets = uOffsets
        graph.undercutSource = uSource
        graph.undercutWeight = uWeight
        graph.undercutRelation = uRelation
        return true
    }

    /// ``relayout(_:_:fresh:)`` in place, for a change that keeps every claim's number (claims
    /// may be added or removed at the end) and lays out some rows again (`fresh`, ascending,
    /// each once): rows that only grow (relations put in) are written in one pass that moves
    /// the rows between them up; otherwise, for a few rows, each is replaced where it lies and
    /// the rows after it shift. Relation numbers are mapped in one pass. The common edits
    /// (add, link, unlink, mv, undo of add) take this way; it writes no new arrays. False when
    /// a row that is not fresh held a removed relation (or lacks one put in).
    ///
    /// With `removing` (old numbers) or `inserting` (new numbers), claims anywhere: their rows
    /// are taken out or put in (empty) where they lie, and every source is renumbered in one
    /// pass; the fresh rows must include every row that held a removed relation.
    private func relayoutInPlace(_ map: ArgumentMap, _ numbering: Numbering, fresh: [Int], oldCount: Int, oldRelations: Int,
                                 removing removed: [Int] = [], inserting inserted: [Int] = []) -> Bool {
        let n = map.count
        if !numbering.keepsRelations(below: oldRelations) {
            numbering.renumberRelations(&graph.relation)
            numbering.renumberRelations(&graph.undercutRelation)
        }
        if !removed.isEmpty || !inserted.isEmpty {
            moveRows(removing: removed, inserting: inserted)
            numbering.renumberClaims(&graph.source)
            numbering.renumberClaims(&graph.undercutSource)
        } else if n < oldCount {
            // Claims removed at the end: their rows go.
            let rows = Int(graph.offsets[n]), undercuts = Int(graph.undercutOffsets[n])
            graph.source.removeLast(graph.source.count - rows)
            graph.weight.removeLast(graph.weight.count - rows)
            graph.isAttack.removeLast(graph.isAttack.count - rows)
            graph.relation.removeLast(graph.relation.count - rows)
            graph.undercutSource.removeLast(graph.undercutSource.count - undercuts)
            graph.undercutWeight.removeLast(graph.undercutWeight.count - undercuts)
            graph.undercutRelation.removeLast(graph.undercutRelation.count - undercuts)
            graph.offsets.removeLast(oldCount - n)
            graph.undercutOffsets.removeLast(oldCount - n)
        } else if n > oldCount {
            // Claims added at the end: empty rows, filled below if fresh.
            graph.offsets.append(contentsOf: repeatElement(graph.offsets[oldCount], count: n - oldCount))
            graph.undercutOffsets.append(contentsOf: repeatElement(graph.undercutOffsets[oldCount], count: n - oldCount))
        }
        let rows = fresh.filter { $0 < n }
        if !fillRows(rows, from: map) {
            for c in rows {
                var new = EvaluationGraph.Rows()
                new.appendRows(of: [c], in: map)
                let row = graph.row(c), uRow = graph.undercutRow(c)
                graph.source.replaceSubrange(row, with: new.source)
                graph.weight.replaceSubrange(row, with: new.weight)
                graph.isAttack.replaceSubrange(row, with: new.isAttack)
                graph.relation.replaceSubrange(row, with: new.relation)
                graph.undercutSource.replaceSubrange(uRow, with: new.undercutSource)
                graph.undercutWeight.replaceSubrange(uRow, with: new.undercutWeight)
                graph.undercutRelation.replaceSubrange(uRow, with: new.undercutRelation)
                let delta = new.source.count - row.count, uDelta = new.undercutSource.count - uRow.count
                if delta != 0 { Self.add(delta, to: &graph.offsets, from: c + 1) }
                if uDelta != 0 { Self.add(uDelta, to: &graph.undercutOffsets, from: c + 1) }
            }
        }
        // Each of the map's relations is in its target's row, once: a row not written afresh that
        // held a removed relation (or lacks one put in) would leave the count off.
        return graph.relation.count + graph.undercutRelation.count == map.relations.count
    }

    /// Writes the rows of claims `rows` (ascending, no repeats) afresh from the map when none
    /// gets shorter, as when claims and relations are put in, or when none gets longer, as
    /// when they are taken out: every array grows or shrinks once, at its end, and the entries
    /// between the rows move in one pass, up from the last row back or down from the first
    /// on (each entry moves once, however many rows are written). False, changing nothing,
    /// when some rows would get longer and others shorter: the caller writes the rows one at
    /// a time.
    private func fillRows(_ rows: [Int], from map: ArgumentMap) -> Bool {
        guard !rows.isEmpty else { return true }
        // The new rows, one after another: where each row's entries start among them (and,
        // last, where they end) are their offsets.
        var new = EvaluationGraph.Rows()
        new.offsets.reserveCapacity(rows.count + 1)
        new.undercutOffsets.reserveCapacity(rows.count + 1)
        var longer = false, shorter = false
        // (All at once: each row on its own made room and read the map for it.)
        new.appendRows(of: rows, in: map)
        let mixed = graph.offsets.withUnsafeBufferPointer { offsets in
            graph.undercutOffsets.withUnsafeBufferPointer { undercutOffsets in
                for (i, c) in rows.enumerated() {
                    let grows = (new.offsets[i + 1] - new.offsets[i]) - (offsets[c + 1] - offsets[c])
                    let undercutsGrow = (new.undercutOffsets[i + 1] - new.undercutOffsets[i]) - (undercutOffsets[c + 1] - undercutOffsets[c])
                    longer = longer || grows > 0 || undercutsGrow > 0
                    shorter = shorter || grows < 0 || undercutsGrow < 0
                    if longer && shorter { return true }
                }
                return false
            }
        }
        if mixed { return false }
        let starts = new.offsets, uStarts = new.undercutOffsets
        // What the rows gain in all: their new entries less their old ones.
        let gain = new.source.count - rows.reduce(0) { $0 + graph.row($1).count }
        let uGain = new.undercutSource.count - rows.reduce(0) { $0 + graph.undercutRow($1).count }
        guard !shorter else {
            Self.squeeze(&graph.source, new.source, loss: -gain, rows: rows, offsets: graph.offsets, starts: starts)
            Self.squeeze(&graph.weight, new.weight, loss: -gain, rows: rows, offsets: graph.offsets, starts: starts)
            Self.squeeze(&graph.isAttack, new.isAttack, loss: -gain, rows: rows, offsets: graph.offsets, starts: starts)
            Self.squeeze(&graph.relation, new.relation, loss: -gain, rows: rows, offsets: graph.offsets, starts: starts)
            Self.squeeze(&graph.undercutSource, new.undercutSource, loss: -uGain, rows: rows, offsets: graph.undercutOffsets, starts: uStarts)
            Self.squeeze(&graph.undercutWeight, new.undercutWeight, loss: -uGain, rows: rows, offsets: graph.undercutOffsets, starts: uStarts)
            Self.squeeze(&graph.undercutRelation, new.undercutRelation, loss: -uGain, rows: rows, offsets: graph.undercutOffsets, starts: uStarts)
            Self.lengthen(&graph.offsets, rows: rows, starts: starts)
            Self.lengthen(&graph.undercutOffsets, rows: rows, starts: uStarts)
            return true
        }
        Self.spread(&graph.source, new.source, gain: gain, rows: rows, offsets: graph.offsets, starts: starts)
        Self.spread(&graph.weight, new.weight, gain: gain, rows: rows, offsets: graph.offsets, starts: starts)
        Self.spread(&graph.isAttack, new.isAttack, gain: gain, rows: rows, offsets: graph.offsets, starts: starts)
        Self.spread(&graph.relation, new.relation, gain: gain, rows: rows, offsets: graph.offsets, starts: starts)
        Self.spread(&graph.undercutSource, new.undercutSource, gain: uGain, rows: rows, offsets: graph.undercutOffsets, starts: uStarts)
        Self.spread(&graph.undercutWeight, new.undercutWeight, gain: uGain, rows: rows, offsets: graph.undercutOffsets, starts: uStarts)
        Self.spread(&graph.undercutRelation, new.undercutRelation, gain: uGain, rows: rows, offsets: graph.undercutOffsets, starts: uStarts)
        Self.lengthen(&graph.offsets, rows: rows, starts: starts)
        Self.lengthen(&graph.undercutOffsets, rows: rows, starts: uStarts)
        return true
    }

    /// Puts the entries `new[starts[i]..<starts[i + 1]]` in place of row `rows[i]` of
    /// `values` (laid out by `offsets`, the rows before any change), for rows that get no
    /// shorter and gain `gain` entries in all: the array grows at its end, and from the last
    /// row back, the entries after each row move up by what the rows before them gain.
    private static func spread<T: BitwiseCopyable>(_ values: inout [T], _ new: [T], gain: Int, rows: [Int], offsets: [Int32], starts: [Int32]) {
        guard let filler = new.first else { return }  // no entries: every row was empty and stays so
        let oldCount = values.count
        values.append(contentsOf: repeatElement(filler, count: gain))
        values.withUnsafeMutableBufferPointer { values in
        new.withUnsafeBufferPointer { new in
            let base = values.baseAddress!
            var end = oldCount, shift = gain
            for i in rows.indices.reversed() {
                let start = Int(offsets[rows[i]]), rowEnd = Int(offsets[rows[i] + 1])
                let newStart = Int(starts[i]), newCount = Int(starts[i + 1] - starts[i])
                if shift > 0 && end > rowEnd { (base + rowEnd + shift).moveInitialize(from: base + rowEnd, count: end - rowEnd) }
                shift -= newCount - (rowEnd - start)
                (base + start + shift).update(from: new.baseAddress! + newStart, count: newCount)
                end = start
            }
        }}
    }

    /// ``spread`` for rows that get no longer and lose `loss` entries in all: from the first
    /// row on, each row's new entries are written where the entries before it now end, and the
    /// entries after it move down by what it and the rows before it lost; the array shrinks at
    /// its end.
    private static func squeeze<T: BitwiseCopyable>(_ values: inout [T], _ new: [T], loss: Int, rows: [Int], offsets: [Int32], starts: [Int32]) {
        let oldCount = values.count
        values.withUnsafeMutableBufferPointer { values in
        new.withUnsafeBufferPointer { new in
            let base = values.baseAddress!
            var shift = 0  // how far down the entries after the rows so far move
            for i in rows.indices {
                let start = Int(offsets[rows[i]]), rowEnd = Int(offsets[rows[i] + 1])
                let newCount = Int(starts[i + 1] - starts[i])
                if newCount > 0 { (base + start - shift).update(from: new.baseAddress! + Int(starts[i]), count: newCount) }
                shift += (rowEnd - start) - newCount
                let next = i + 1 < rows.count ? Int(offsets[rows[i + 1]]) : oldCount
                if shift > 0 && next > rowEnd { (base + rowEnd - shift).moveInitialize(from: base + rowEnd, count: next - rowEnd) }
            }
        }}
        values.removeLast(loss)
    }

    /// Moves each row's start by what the rows before it gained, or lost (see ``spread`` and
    /// ``squeeze``).
    private static func lengthen(_ offsets: inout [Int32], rows: [Int], starts: [Int32]) {
        // Each row's gain, before any start moves.
        let gains = rows.indices.map { Int((starts[$0 + 1] - starts[$0]) - (offsets[rows[$0] + 1] - offsets[rows[$0]])) }
        var gain = 0
        for (i, c) in rows.enumerated() {
            gain += gains[i]
            if gain != 0 { add(gain, to: &offsets, from: c + 1, to: i + 1 < rows.count ? rows[i + 1] + 1 : offsets.count) }
        }
    }

    /// Adds `delta` to `numbers[from..<to]` (to the end by default).
    private static func add<T: FixedWidthInteger>(_ delta: Int, to numbers: inout [T], from: Int, to end: Int? = nil) {
        let delta = T(delta)
        numbers.withUnsafeMutableBufferPointer { numbers in
            for i in from..<(end ?? numbers.count) { numbers[i] += delta }
        }
    }

    /// Takes out the rows of the `removed` claims (old numbers, ascending) or puts in empty
    /// rows for the `inserted` ones (new numbers, ascending), moving the rows after them;
    /// sources are left as they are.
    private func moveRows(removing removed: [Int], inserting inserted: [Int]) {
        func take(_ offsets: inout [Int32], _ rows: [Int]) -> [Int] {
            // The entries of the removed rows, and each later start lowered by the lengths of
            // the removed rows before it.
            var entries: [Int] = []
            for c in rows { entries += Int(offsets[c])..<Int(offsets[c + 1]) }
            let lengths = rows.map { Int(offsets[$0 + 1] - offsets[$0]) }
            offsets.remove(atAscending: rows)
            var gone = 0
            for (j, c) in rows.enumerated() {
                gone += lengths[j]
                let to = j + 1 < rows.count ? rows[j + 1] - (j + 1) : offsets.count
                if gone > 0 { Self.add(-gone, to: &offsets, from: c - j, to: to) }
            }
            return entries
        }
        if !removed.isEmpty {
            let entries = take(&graph.offsets, removed), uEntries = take(&graph.undercutOffsets, removed)
            graph.source.remove(atAscending: entries)
            graph.weight.remove(atAscending: entries)
            graph.isAttack.remove(atAscending: entries)
            graph.relation.remove(atAscending: entries)
            graph.undercutSource.remove(atAscending: uEntries)
            graph.undercutWeight.remove(atAscending: uEntries)
            graph.undercutRelation.remove(atAscending: uEntries)
        }
        if !inserted.isEmpty {
            // An inserted claim's row starts, and ends, where the old row after it starts.
            graph.offsets.insert(inserted.enumerated().map { graph.offsets[$0.element - $0.offset] }, atAscending: inserted)
            graph.undercutOffsets.insert(inserted.enumerated().map { graph.undercutOffsets[$0.element - $0.offset] }, atAscending: inserted)
        }
    }

    /// Moves `from` before `to` in a topological order (`rank`: each claim's position in
    /// `order`) where it comes after, for a new relation between them: the claims `to` reaches
    /// that come before `from`, and those that reach `from` and come after `to`, take the same
    /// positions, the second group first (Pearce and Kelly, ACM JEA 2006). Only the claims
    /// between the two are visited. False, changing nothing, when `to` reaches `from`: the new
    /// relation closes a cycle.
    private static func reorder(_ from: Int, before to: Int, rank: inout [Int], order: inout [Int], map: ArgumentMap) -> Bool {
        guard from != to else { return false }
        let lower = rank[to], upper = rank[from]
        // A claim nothing bears on (as one just added) may go anywhere before `to`: once the
        // claims `to` reaches are found to be more than one in 8 of those between the two (up a
        // chain a million deep), it goes just before `to` and those between move up one place,
        // in one pass, in place of sorting them.
        let fromIsSource = map.incoming[from].isEmpty
        enum Found { case cycle, shift, groups(forward: [Int], backward: [Int]) }
        // (The lists and relations read in place, the claims found in ``ClaimsFound``: between
        // the two there may be a million claims.)
        let found = map.outgoing.withUnsafeLists { outgoing in
            map.incoming.withUnsafeLists { incoming in
                map.relations.withUnsafeBufferPointer { relations -> Found in
                    var forward: [Int] = [], backward: [Int] = []
                    var seen = ClaimsFound(claims: rank.count), stack = [to]
                    _ = seen.insert(to)
                    while let x = stack.popLast() {
                        forward.append(x)
                        if fromIsSource && forward.count * 8 > upper - lower { return .shift }
                        for r in outgoing[x] {
                            let y = relations[r].to
                            if y == from { return .cycle }
                            if rank[y] < upper && seen.insert(y) { stack.append(y) }
                        }
                    }
                    seen = ClaimsFound(claims: rank.count)
                    _ = seen.insert(from)
                    stack = [from]
                    while let x = stack.popLast() {
                        backward.append(x)
                        for r in incoming[x] {
                            let y = relations[r].from
                            if rank[y] > lower && seen.insert(y) { stack.append(y) }
                        }
                    }
                    return .groups(forward: forward, backward: backward)
                }
            }
        }
        let forward: [Int], backward: [Int]
        switch found {
        case .cycle:
            return false
        case .shift:
            order.withUnsafeMutableBufferPointer { order in
                for p in stride(from: upper, to: lower, by: -1) {
                    order[p] = order[p - 1]
                    rank[order[p]] = p
                }
                order[lower] = from
            }
            rank[from] = lower
            return true
        case .groups(let f, let b):
            (forward, backward) = (f, b)
        }
        // The claims moved, each group in its order, and the positions they take. (The two
        // groups share no claim: one in both would mean `to` reaches `from`.)
        let span = lower..<(upper + 1)
        let moved = Self.inOrder(backward, rank: rank, order: order, span: span) + Self.inOrder(forward, rank: rank, order: order, span: span)
        let positions = Self.inOrder(moved, rank: rank, order: order, span: span).map { rank[$0] }
        for (position, c) in zip(positions, moved) {
            rank[c] = position
            order[position] = c
        }
        return true
    }

    /// `claims` (each once, each at a position in `span` of `order`, whose positions `rank`
    /// holds) in that order. A few: their positions sorted (numbers, not claims compared
    /// through their ranks), read back through the order. Many of the span
    /// (``ClaimsFound/areMany(_:of:)``: up a chain a million deep): marked, and picked out of
    /// the span in one pass, which costs less than sorting them.
    private static func inOrder(_ claims: [Int], rank: [Int], order: [Int], span: Range<Int>) -> [Int] {
        guard ClaimsFound.areMany(claims.count, of: span.count) else { return claims.map { rank[$0] }.sorted().map { order[$0] } }
        var marked = [Bool](repeating: false, count: span.count)
        for c in claims { marked[rank[c] - span.lowerBound] = true }
        var sorted: [Int] = []
        sorted.reserveCapacity(claims.count)
        for p in span where marked[p - span.lowerBound] { sorted.append(order[p]) }
        return sorted
    }

    /// Recomputes the claims reachable upward from `start`, in topological order (`order`, the
    /// graph's, whose positions `rank` holds); with a target, only those that come before it in
    /// that order (no other can reach it).
    ///
    /// When the search meets no claim twice, each claim it reached (but those it started from)
    /// was reached from just one of them, taken off the search's stack before it: the order it
    /// took them off in is then a topological order of those it reached, and is the order they
    /// are worked out in, with no search in the graph's order (at the foot of a chain a million
    /// deep, every claim of the chain).
    ///
    /// On a large map, with no target, a search that reaches more than an eighth of the claims
    /// from the first of `start` in the order on is given up: every claim from there on is
    /// worked out again instead, in one pass in the order (``recomputeFrom(_:in:)``), which
    /// costs less a claim than the search and gives the same scores (a claim the change does
    /// not reach comes out as it is, from the same inputs).
    private func recompute(from start: [Int], in order: [Int], map: ArgumentMap, upTo target: Int? = nil) {
        let rank = rank  // (read through a local: a class's property is checked for exclusive access at every read)
        let last = target.map { rank[$0] } ?? Int.max
        let mayPass = target == nil && heldScores == nil && wideTarget == nil && order.count >= Self.passFromFirstFrom
        let first = mayPass ? start.lazy.map { rank[$0] }.min() ?? order.count : order.count
        let given = mayPass ? (order.count - first) / 8 : Int.max
        // (The lists and relations read in place: a chain may reach a million claims.)
        let searched = map.outgoing.withUnsafeLists { outgoing in
            map.relations.withUnsafeBufferPointer { relations -> (affected: [Int], metAgain: Bool)? in
                var seen = ClaimsFound(claims: rank.count, expecting: start.count)
                var stack: [Int] = [], affected: [Int] = [], metAgain = false
                for c in start where rank[c] <= last {
                    if seen.insert(c) { stack.append(c) } else { metAgain = true }
                }
                while let c = stack.popLast() {
                    affected.append(c)
                    if affected.count > given { return nil }
                    for r in outgoing[c] {
                        let t = relations[r].to
                        guard rank[t] <= last else { continue }
                        if seen.insert(t) { stack.append(t) } else { metAgain = true }
                    }
                }
                return (affected, metAgain)
            }
        }
        guard let (affected, metAgain) = searched else { return recomputeFrom(first, in: order) }
        recompute(affected, in: order, inOrderAlready: !metAgain)
    }

    /// Maps from which ``recompute(from:in:map:upTo:)`` gives a wide search up for a pass over
    /// the order: on a smaller one, the search costs little either way.
    static let passFromFirstFrom = 1 << 14

    /// Works out again every claim from position `first` of `order` on, in one pass, each from
    /// the scores of the claims that bear on it, as ``recompute(_:in:inOrderAlready:)`` works
    /// out those it is given (on a map with no undercuts, as an acyclic evaluation's pass does,
    /// to the same bits).
    private func recomputeFrom(_ first: Int, in order: [Int]) {
        let g = graph, undercuts = g.hasUndercuts
        guard undercuts else {
            undercutFactors = []
            let semantics = semantics
            evaluation.scores.withUnsafeMutableBufferPointer { sp in
            g.base.withUnsafeBufferPointer { base in
            order.withUnsafeBufferPointer { order in
            g.withUnsafeRows { offsets, source, weight, isAttack in
                let rest = UnsafeBufferPointer(rebasing: order[first...])
                let passed = Evaluator.ownPass(rest, offsets, source, weight, isAttack, sp, of: semantics, bases: base)
                precondition(passed, "the grounded labelling is not worked out claim by claim")
            }}}}
            lastUpdateCount = order.count - first
            return
        }
        recompute(Array(order[first...]), in: order, inOrderAlready: true)
    }

    /// Recomputes `claims` (every claim above one of them among them) in topological order
    /// (`order`, the graph's, whose positions `rank` holds), each from the scores of the claims
    /// that bear on it, as a whole evaluation computes it. `inOrderAlready`: `claims` are in
    /// a topological order of their own (each after those of them it depends on), which gives
    /// the same scores.
    private func recompute(_ claims: [Int], in order: [Int], inOrderAlready: Bool = false) {
        let affected = inOrderAlready ? claims : Self.inOrder(claims, rank: rank, order: order, span: order.indices)
        let g = graph, undercuts = g.hasUndercuts
        // With no undercut left, no factors (they would not follow the edits after). With the
        // first undercut, the factors made whole from the scores as they are: a claim not
        // recomputed has its undercutters' scores as they were (a claim an undercutter reaches
        // is recomputed), so its factor is right; those recomputed are made again below.
        if !undercuts {
            undercutFactors = []
        } else if undercutFactors.isEmpty {
            undercutFactors = Self.factors(g, evaluation.scores)
        }
        // (A wide target of `impact`'s trials is not worked out: the trial reads its score from
        // its row in blocks, and the claims worked out say which blocks changed.)
        let skipped = wideTarget?.claim ?? -1
        wideTarget?.recomputed = affected
        let holding = heldScores != nil
        var held: (scores: [Double], factors: [Double]) = ([], [])
        evaluation.scores.withUnsafeMutableBufferPointer { sp in
            undercutFactors.withUnsafeMutableBufferPointer { up in
                if holding {
                    // (A trial's: each score, and factor, as it was, to be put back; read in
                    // place, as the scores are worked out.)
                    held = (affected.map { sp[$0] }, undercuts ? affected.map { up[$0] } : [])
                }
                for c in affected where c != skipped {
                    if undercuts { up[c] = g.undercutFactor(c, UnsafeBufferPointer(sp)) }
                    sp[c] = Evaluator.strength(c, g, semantics, UnsafeBufferPointer(sp), UnsafeBufferPointer(up), undercuts: undercuts)
                }
            }
        }
        if holding {
            // (The first recompute of a trial hands its arrays over, with no copy.)
            if heldScores!.claims.isEmpty {
                heldScores = (affected, held.scores, held.factors)
            } else {
                heldScores!.claims += affected
                heldScores!.scores += held.scores
                heldScores!.factors += held.factors
            }
        }
        lastUpdateCount = affected.count
    }

    /// On a cyclic map: solves again the components that the claims `changed` can reach (the
    /// claims above them, through supports, attacks and undercut relations), in the evaluation's order,
    /// each as the whole evaluation solves it; with a target, only those up to the target's
    /// (no later one can reach it). Their bases changed, or the weight of a relation or undercut
    /// in their rows: with `withinLayout`, one that the kept layout of their component must be
    /// made afresh for (``layoutsFollow(_:to:_:)``).
    ///
    /// A component is solved again only when something it reads changed: the changed claims'
    /// own components, then those that a claim whose score or undercut factor came out
    /// different (to the last bit) bears on. One whose every input is as it was would come out
    /// as it is (solving is a function of them), so it is passed over, and so is all that only
    /// it leads to: a change that a saturated claim absorbs stops there. (An `impact` trial under
    /// a claim of a large cycle whose attacks and supports each add up to 1 solved that cycle,
    /// and looked at every relation leaving it, for nothing.)
    ///
    /// A large cycle's layout is kept from one solving to the next (``Evaluator/Solved/kept``):
    /// the claims whose base, or whose supports and attacks from outside (a score or a weight),
    /// changed are marked stale in it, and only they are brought up to date; a weight within it
    /// is set in it (``layoutsFollow(_:to:_:)``); a change of an undercut factor of one of its
    /// claims drops it.
    ///
    /// With a target (a trial, which puts everything back), the evaluation's summary (whether
    /// it converged, its steps) is left as it was: working it out reads every cycle.
    private func resolve(from changed: [Int], map: ArgumentMap, upTo target: Int?, withinLayout: Bool) {
        guard var solved = cyclic else { return }
        cyclic = nil  // so that `solved`'s arrays are not copied when they change
        resolve(from: changed, map: map, upTo: target, withinLayout: withinLayout, in: &solved)
        cyclic = solved
    }

    /// ``resolve(from:map:upTo:withinLayout:)`` in `solved`, taken out of the evaluator (held
    /// there too, its arrays would be copied as they change).
    private func resolve(from changed: [Int], map: ArgumentMap, upTo target: Int?, withinLayout: Bool, in solved: inout Evaluator.Solved) {
        let components = solved.components
        let last = target.map { components.component[$0] } ?? Int32.max
        // The components to solve, least first: each is numbered after every one it depends on,
        // so one taken from the queue has had all its inputs worked out.
        var queue = ComponentQueue()
        for start in changed {
            let first = components.component[start]
            if solved.kept[first] != nil {
                if withinLayout { solved.kept[first] = nil } else { solved.kept[first]!.mark(start) }
            }
            if first <= last { queue.push(first) }
        }
        var cycles: [Int32: (steps: Int, residual: Double)] = [:], count = 0
        swap(&cycles, &solved.cycles)  // not copied as it changes
        // What the changes keep (when kept): the claims that came out different, with their
        // values from before, and every component solved with what it took before. Gathered
        // here, then added at once (not through the optional, a claim at a time).
        let keeping = changes != nil
        var keptClaims: [Int32] = [], keptScores: [Double] = [], keptFactors: [Double] = []
        var keptCycles: [(Int32, (steps: Int, residual: Double)?)] = []
        var options = solved.options
        options.startsFromScores = trying
        // Solving adds layouts to those kept, and takes none away: the layouts made are the
        // ones it adds.
        let keptBefore = solved.kept.count
        // The scores and factors each component's solving replaced, as it notes them, to tell
        // which changed: every claim of one solved in steps, only the claims that moved of a
        // trial's cycle solved claim by claim (on a map with no undercuts, every factor is 1,
        // and none is compared).
        let log = ScoresBefore()
        let undercuts = graph.hasUndercuts
        Evaluator.withSolver(graph, semantics, options, cap: solved.cap, components, &evaluation.scores, &solved.factors, log: log) { solve in
        // (The lists and relations read in place: a trial of `impact` reaches a large cycle's
        // thousands of claims hundreds of times.)
        map.outgoing.withUnsafeLists { outgoing in
        map.relations.withUnsafeBufferPointer { relations in
            var previous: Int32 = -1
            while let k = queue.pop() {
                guard k != previous else { continue }  // queued again by another claim
                previous = k
                // A large cycle whose kept layout reads what it read before (a change its claims'
                // aggregates absorb) is passed over.
                if !solve.mustSolve(k, keptIn: &solved.kept) { continue }
                let group = solve.members[Int(solve.starts[Int(k)])..<Int(solve.starts[Int(k) + 1])]
                if keeping { keptCycles.append((k, cycles[k])) }
                cycles[k] = solve(k, helped, keepingIn: &solved.kept)
                count += group.count
                if log.claimByClaim { solvedClaimByClaim += 1 }
                log.withNoted { claimsBefore, before, factorsBefore in
                for j in claimsBefore.indices {
                    let c = Int(claimsBefore[j])
                    guard solve.s[c].bitPattern != before[j].bitPattern || (undercuts && solve.uf[c].bitPattern != factorsBefore[j].bitPattern) else { continue }
                    if keeping {
                        keptClaims.append(Int32(c))
                        keptScores.append(before[j])
                        if undercuts { keptFactors.append(factorsBefore[j]) }
                    }
                    // Nothing past the target's component is solved; nor are the kept layouts
                    // there marked: a change up to a target is put back (a trial, or the same
                    // change reversed), which gives them back what they read.
                    guard k < last else { continue }
                    for r in outgoing[c] {
                        let relation = relations[r], next = solve.component[relation.to]
                        guard next != k else { continue }
                        // A claim that changed bears on another component's kept layout: through
                        // a support or an attack, on that claim's aggregate from outside; through
                        // an undercut, on the weights of all the relations from that claim.
                        if !solved.kept.isEmpty && solved.kept[next] != nil {
                            if relation.type == .undercut { solved.kept[next] = nil } else { solved.kept[next]!.mark(relation.to) }
                        }
                        if next <= last { queue.push(next) }
                    }
                }}
            }
        }}}
        if keeping {
            changes!.cycles.append(contentsOf: keptCycles)
            changes!.claims.append(contentsOf: keptClaims)
            changes!.scores.append(contentsOf: keptScores)
            changes!.factors.append(contentsOf: keptFactors)
        }
        layoutsMade += solved.kept.count - keptBefore
        solved.cycles = cycles
        if target == nil {
            evaluation = Evaluator.summary(semantics, evaluation.scores, cycles, solved.options)
        } else {
            summaryLags = true
        }
        lastUpdateCount = count
    }

    /// The components a change reaches, least first (a binary heap). A component may be pushed
    /// more than once; it then comes out that many times in a row.
    private struct ComponentQueue {
        private var heap: [Int32] = []

        mutating func push(_ k: Int32) {
            heap.append(k)
            var i = heap.count - 1
            while i > 0 {
                let parent = (i - 1) / 2
                guard heap[parent] > heap[i] else { break }
                heap.swapAt(parent, i)
                i = parent
            }
        }

        mutating func pop() -> Int32? {
            guard let least = heap.first else { return nil }
            let end = heap.removeLast()
            guard !heap.isEmpty else { return least }
            heap[0] = end
            var i = 0
            while true {
                let left = 2 * i + 1, right = left + 1
                var smallest = i
                if left < heap.count && heap[left] < heap[smallest] { smallest = left }
                if right < heap.count && heap[right] < heap[smallest] { smallest = right }
                guard smallest != i else { return least }
                heap.swapAt(i, smallest)
                i = smallest
            }
        }
    }
}
