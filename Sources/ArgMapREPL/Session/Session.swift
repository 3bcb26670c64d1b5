import ArgMapModel
import ArgMapFormats
import ArgMapSemantics
import ArgMapDebate

/// The state of one argmap session: the open map and its file, the focus, the undo and redo
/// stacks, the log of edits, and the settings.
public final class Session {
    public private(set) var map: ArgumentMap {
        // (Observed without reading the old map, so that an edit still changes it in place.)
        didSet { dropOtherEvaluations() }
    }
    /// Evaluations of the map under semantics other than the session's (`compare`, `score
    /// --semantics`, `why --semantics`), kept until the map changes or conceded scoring is
    /// set on or off, so that comparing claim after claim evaluates the map once.
    var otherEvaluations: [Semantics: Evaluation] = [:]
    /// On a map with cycles, the evaluators under the other semantics that solve them, made by
    /// `compare` (``evaluations(_:)``) and kept through edits of base scores and weights, and
    /// through changes of structure (``otherEvaluatorsReach``), which they follow when next
    /// read (``otherEvaluatorsFollow()``), as the live scores follow them: solving again only
    /// what the edits reach. An edit of a value while changes of structure wait, or conceded
    /// scoring, drops them.
    var otherEvaluators: [Semantics: IncrementalEvaluator] = [:]
    /// The claims whose bases, and the relations (from, to) whose weights, edits changed since
    /// the other evaluators last followed; in order.
    var otherEvaluatorsBehind: [(claim: String?, relation: (from: String, to: String)?)] = []
    /// The changes of structure the other evaluators are to follow when next read
    /// (``otherEvaluatorsFollow()``), in order: they let go of their layout of the map as the
    /// first began (``IncrementalEvaluator/letGoOfLayout()``), and take the live scores' when they
    /// follow. Nil when they follow no such change (or there are none).
    var otherEvaluatorsReach: [IncrementalEvaluator.Reach]?
    /// The grounded labelling as it was before those changes, to follow them with the other
    /// evaluators (``IncrementalEvaluator/groundedFollow(_:_:as:)``), where there was one.
    var groundedToFollow: Evaluation?
    /// The other evaluators handed over to follow changes of structure on another thread, until
    /// that work takes them (``handOtherEvaluatorsToFollow()``).
    var otherEvaluatorsHanded: FollowingOthers?
    /// The evaluations under every other semantics (and their evaluators, as `compare` keeps
    /// them) being worked out on other threads, begun by the live scores worked out ahead as
    /// an interactive session opened a large map (``warmUp()``), on their layout of the map:
    /// so that `compare` finds them ready. Taken into ``otherEvaluations`` and
    /// ``otherEvaluators`` when first read (``takeOtherSemanticsAhead()``); dropped, as they are,
    /// at the map's first change, and worked out again once the session is back at the prompt
    /// (``workAhead(lineWaiting:)``).
    var othersAhead: Ahead<OtherSemantics>?
    /// Whether the evaluations under other semantics, dropped by the last edit, are to be
    /// worked out again on other threads once the session is back at the prompt
    /// (``workAhead(lineWaiting:)``).
    var othersAgain = false
    /// Work ahead that waits for the session to be back at the prompt with no line waiting
    /// (``workAhead(lineWaiting:)``): lines typed ahead or pasted after the command that made
    /// it due run first, and none of them, made while the work held the map, has the map
    /// copied whole to change it, or waits for work the next one drops.
    struct WorkDue {
        /// The live scores (``warmUp()``, ``scoresDue(othersToo:)``), with the evaluations
        /// under the other semantics or not.
        var scores = false, othersToo = false
        /// The debate round (``warmUp()``, ``warmRound(ifKept:)``); `roundFollowsEdit`: worked
        /// out again after an edit, for the next edit to wait for and keep (``settleRound()``).
        var round = false, roundFollowsEdit = false
        var isEmpty: Bool { !scores && !round }
    }
    var workDue = WorkDue()
    /// The evaluations under other semantics that the live scores following the edit being
    /// applied on another thread begin once they have followed it
    /// (``noteScores(_:inverse:in:behind:othersToo:)``), for ``othersAhead`` once the edit is done.
    var othersFollowing: Ahead<OtherSemantics>?
    /// What ``othersAhead`` works out.
    struct OtherSemantics {
        var evaluations: [(Semantics, Evaluation)] = []
        var evaluators: [(Semantics, IncrementalEvaluator)] = []
    }
    /// Whether the edit being applied changes only base scores and weights, which the other
    /// evaluators follow (``apply(_:)``).
    private var followingValues = false
    /// Whether the other evaluators follow the edit being applied, which may change the map's
    /// structure (``otherEvaluatorsReach``).
    var followingStructure = false

    /// Drops the evaluations under other semantics, and their evaluators unless the edit being
    /// applied changes only values they follow, or they follow its changes of structure.
    private func dropOtherEvaluations() {
        if followingValues || followingStructure { otherEvaluations = [:]; dropOtherSemanticsAhead() } else { forgetOtherSemantics() }
    }
    /// The file the map was opened from or last saved to.
    public var file: String?
    /// The format `save` writes (the one the file was read in, where it can be written).
    public var fileFormat: FileFormat?
    /// The focus as a path of claim ids from a thesis; empty at the top of the map.
    public var focusPath: [String] = []
    public var settings = Settings()
    /// Set by quit: the REPL ends after this command.
    public var quitRequested = false
    /// Live scores under the session's semantics, kept up to date edit by edit; nil when they
    /// must be computed afresh.
    var scoreBoard: IncrementalEvaluator?
    /// The options the live scores are worked out with (the defaults but in tests).
    var scoringOptions = Evaluator.Options()
    /// Live scores being worked out on another thread since the map was opened (``warmUp()``),
    /// and the semantics they are under.
    var warming: (semantics: Semantics, scores: Ahead<IncrementalEvaluator>)?
    /// Whether ``warming`` holds the live scores following the last edit on another thread
    /// (``noteScores(_:inverse:in:behind:)``), rather than scores worked out afresh: the next
    /// edit waits for them and takes them (``settleScores()``), where it drops scores worked
    /// out afresh.
    var warmingFollows: Bool { warming?.scores.followsEdit == true }
    /// The debate round of the map as it is (each claim's side and speech), kept until the map
    /// changes (``round()``), and the round being worked out on another thread since the map
    /// was opened.
    var keptRound: Round?, roundAhead: Ahead<Round>?
    /// Whether ``roundAhead`` is being worked out again after an edit the kept round could not
    /// follow (``warmRound(ifKept:)``), rather than as the map opened: the next edit waits for
    /// it and keeps it (``settleRound()``), so that the edit changes a map no other thread
    /// holds.
    var roundAheadFollows: Bool { roundAhead?.followsEdit == true }
    /// What the session kept of the map as it was before the step on top of the undo stack
    /// (``beforeUndo``), and as it is after the step on top of the redo stack (``afterRedo``):
    /// undo (or redo) brings the map back to what it was, and these with it, rather than work
    /// them out again. Only the top step's, so that the stacks hold none.
    struct Kept {
        /// The round, where it could not follow the step (``Round/follow(_:inverse:in:)``) or
        /// the step swapped the whole map (``Step/swap(other:removal:summary:)``).
        var round: Round?
        /// What the step changed in the live scores, with the values from before, on a map with
        /// cycles, where following an edit solves again every cycle it reaches: put back with the
        /// map (``IncrementalEvaluator/putBack(_:map:)``).
        var scores: IncrementalEvaluator.Changes?
        /// The live scores themselves, where the step swapped the whole map.
        var board: IncrementalEvaluator?
    }
    var beforeUndo = Kept(), afterRedo = Kept()
    /// The round as it was before the edit ``apply(_:)`` made last, when the round could not
    /// follow it (nil when it followed, or none was kept); and, while an edit is applied,
    /// whether a step of it has changed the round kept. (The round the edit began with is not
    /// held beside the one that follows it: following would then copy it.)
    private var roundDropped: Round?, roundMoved = false
    /// What the edit ``apply(_:)`` made last changed in the live scores, on a map with cycles.
    private var scoresKept: IncrementalEvaluator.Changes?
    /// Whether opening a map begins working its scores out ahead (interactive sessions: a
    /// script's next command would only wait for them, with a core taken from it meanwhile).
    public var warmsUp = false

    public struct Settings {
        public var semantics = "dfquad"
        public var timer = false
        /// Keep the previous version of a saved file as FILE~.
        public var backup = true
        /// Score dropped arguments as conceded (their base raised; see Drops).
        public var conceded = false
    }

    /// The crash journal of the map's file, when it has one and journaling is on.
    public private(set) var journal: Journal?
    /// Whether edits are journaled (off in tests that run in-process).
    public var journaling = false
    /// What the journal should record for the current command, when that is not the line as
    /// typed (edit on a terminal records the text that was typed into the editor).
    public var journalLine: String?
    /// The file's modification time and size when it was read or last saved, to notice a
    /// change made by someone else.
    public var fileStamp: FileIO.Stamp?

    /// One undoable step: a command's edits, a replacement of the whole map (import), or a
    /// removal of a large part of the map.
    enum Step {
        case edit(forward: Edit, inverse: Edit, summary: String)
        /// A replacement of the whole map: the map as it was before it on the undo stack, and
        /// as it was after it on the redo stack (the one the session does not hold, as for
        /// ``swap(other:removal:summary:)``), and the files before and after it.
        case replace(other: ArgumentMap, files: (before: String?, after: String?), summary: String)
        /// A removal of a third of the map or more (``ArgumentMap/remainder(without:)``): the
        /// map as it was before it on the undo stack, and as it was after it on the redo stack:
        /// the one the session does not hold, which undo and redo swap with the session's.
        /// (Never both: a map held twice would be copied whole at its next change.)
        case swap(other: ArgumentMap, removal: Edit, summary: String)

        var summary: String {
            switch self {
            case .edit(_, _, let s), .replace(_, _, let s), .swap(_, _, let s): return s
            }
        }
    }

    private(set) var undoStack: [Step] = []
    private(set) var redoStack: [Step] = []
    /// The undo depth at the last save or load; nil when no depth matches the file.
    private var savedDepth: Int? = 0
    /// Every edit of the session, in order, undo and redo included.
    public private(set) var log: [String] = []

    public init(map: ArgumentMap = ArgumentMap(), file: String? = nil, format: FileFormat? = nil) {
        self.map = map
        self.file = file
        self.fileFormat = format
    }

    public var isDirty: Bool { savedDepth != undoStack.count }
    public var undoDepth: Int { undoStack.count }
    public var redoDepth: Int { redoStack.count }

    /// The map's short name: the file's name without its extension, or the title.
    public var name: String {
        if let file {
            let base = file.split(separator: "/").last.map(String.init) ?? file
            if let dot = base.lastIndex(of: "."), dot != base.startIndex { return String(base[..<dot]) }
            return base
        }
        return map.title ?? "untitled"
    }

    // MARK: Editing

    /// From how large a share of the map a removal makes the rest afresh in an interactive
    /// session that works the scores out ahead (``worksAhead``), where ``ArgumentMap/remainderFrom``
    /// (a third) weighs the first scoring a script pays after it: one claim in five. There, the
    /// fresh map's scores are worked out while the user reads, and its `undo` and `redo` are
    /// instant, against the edit's `undo` and `redo` bringing every claim back and taking it out
    /// again. On the chain a million deep, in a terminal (the chain's rows of
    /// Benchmarks/commands.py), `rm c800000` (a fifth) took 93–101 ms made afresh against
    /// 63–70 ms in place, its `undo` 0.6–1.4 ms against 110–119 ms, its `redo` 1.2–1.4 ms
    /// against 56–61 ms. At a tenth (`rm c900000`, in a script) the removal itself took
    /// 82–95 ms against 61–72 ms: every such removal would pay a fifth more, where its `undo`
    /// (105 ms in place) is paid only when it is undone.
    static let remainderFromAhead = 5

    /// Applies a command's edit as one undoable step.
    public func perform(_ edit: Edit, summary: String? = nil) throws(MapError) {
        if case .removeClaims(let ids) = edit,
           let kept = try map.remainder(without: ids, share: worksAhead ? Session.remainderFromAhead : ArgumentMap.remainderFrom) {
            return swap(in: kept, removal: edit, summary: summary ?? edit.summary)
        }
        let (inverse, roundWasKept) = try apply(edit)
        warmRound(ifKept: roundWasKept)
        record(.edit(forward: edit, inverse: inverse, summary: summary ?? edit.summary))
        beforeUndo = Kept(round: roundDropped, scores: scoresKept)
        roundDropped = nil
        scoresKept = nil
    }

    /// Makes `newMap`, the map without a large part of its claims, the session's (`removal`
    /// the edit that takes them out): as one undoable step that holds the map as it was, for
    /// undo to swap back (``Step/swap(other:removal:summary:)``). The live scores and the
    /// round of the map as it was are kept aside for undo (the evaluations under other
    /// semantics are dropped), and those of the new map worked out again, ahead where they
    /// were there, as when a map opens: laid out and worked out afresh for the claims kept,
    /// where bringing them along would move every one of them.
    private func swap(in newMap: ArgumentMap, removal: Edit, summary: String) {
        let was = swapState()
        let before = map
        map = newMap
        record(.swap(other: before, removal: removal, summary: summary))
        beforeUndo = Kept(round: was.round, board: was.board)
        warmAfterSwap(was)
    }

    /// The undo (or, not `undoing`, the redo) of a ``Step/swap(other:removal:summary:)``: the
    /// map `other` swapped in, with the live scores and the round kept for it; the map it
    /// replaces, with its scores and round, kept in the step pushed on the other stack.
    private func swapBack(to other: ArgumentMap, removal: Edit, summary: String, undoing: Bool) {
        let was = swapState()
        let kept = undoing ? beforeUndo : afterRedo
        let left = map
        map = other
        let step = Step.swap(other: left, removal: removal, summary: summary)
        let keptNow = Kept(round: was.round, board: was.board)
        if undoing {
            redoStack.append(step)
            (beforeUndo, afterRedo) = (Kept(), keptNow)
        } else {
            undoStack.append(step)
            (beforeUndo, afterRedo) = (keptNow, Kept())
        }
        warmAfterSwap(was, board: kept.board, round: kept.round)
    }

    /// What the session held of the map it swaps out (``swapState()``): its live scores and
    /// round, settled, for the step to keep; and whether scores, evaluations under other
    /// semantics and a round were there, to be worked out again ahead for the map swapped in
    /// (``warmAfterSwap(_:board:round:)``).
    private struct SwapState {
        let board: IncrementalEvaluator?, round: Round?
        let wasLive: Bool, hadOthers: Bool, hadRound: Bool
    }

    /// Before a swap of the whole map (``Step/swap(other:removal:summary:)``): what the session
    /// holds of the map as it is; the session's forgotten, with the evaluations under other
    /// semantics.
    private func swapState() -> SwapState {
        settleScores()
        settleRound()
        takeWhatIsAhead(waiting: false)
        let was = SwapState(board: scoreBoard, round: keptRound, wasLive: scoreBoard != nil || warming != nil,
                            hadOthers: worksAhead && !settings.conceded
                                && (othersAgain || othersAhead != nil || !otherEvaluations.isEmpty || !otherEvaluators.isEmpty),
                            hadRound: keptRound != nil || roundAhead != nil)
        forgetScores()
        forgetRound()
        forgetOtherSemantics()
        return was
    }

    /// After a swap of the whole map (`was`: what the session held of the map swapped out):
    /// the live scores and the round that the step kept for the map now held, when still good
    /// (the same semantics, nothing conceded), or else worked out again ahead where they were
    /// there before the swap (the scores once the session is back at the prompt); the
    /// evaluations under other semantics worked out again at the prompt, on the scores kept,
    /// or with the scores worked out ahead.
    private func warmAfterSwap(_ was: SwapState, board: IncrementalEvaluator? = nil, round: Round? = nil) {
        if let board, board.semantics == semantics, !settings.conceded {
            scoreBoard = board
            othersAgain = was.hadOthers
        }
        keptRound = round
        if was.wasLive { scoresDue(othersToo: was.hadOthers) }
        if round == nil { warmRound(ifKept: was.hadRound) }
    }

    /// Replaces the whole map as one undoable step (import). The new map has no file until
    /// it is saved; undo brings back the old map and its file. (The step holds the old map
    /// only: the new one held there too would be copied whole at its first edit.)
    public func replaceMap(_ newMap: ArgumentMap, summary: String) {
        let before = map
        map = newMap
        forgetScores()
        forgetRound()
        focusPath = []
        let files = (before: file, after: nil as String?)
        file = nil
        record(.replace(other: before, files: files, summary: summary))
    }

    /// Applies an edit to the map and brings the live scores and the debate round along, a
    /// batch step by step (each step's scores and round follow the map as that step left it);
    /// returns its inverse, and whether a round was kept as it began (``warmRound(ifKept:)``).
    /// Live scores that could not follow it are worked out again ahead once the session is
    /// back at the prompt (``scoresDue(othersToo:)``). (An undo or a redo that puts the scores
    /// back takes them out of the session while it applies, so they are not worked out again.)
    /// One edit, not a batch, in an interactive session (``warmsUp``) with a map of
    /// ``warmingSize`` claims or more, may leave the live scores to follow it on another thread
    /// (``noteScores(_:inverse:in:behind:)``).
    private func apply(_ edit: Edit) throws(MapError) -> (inverse: Edit, roundWasKept: Bool) {
        // Live scores still following the edit before, and a round being worked out again
        // after it, are waited for: this edit changes the map they read.
        settleScores()
        settleRound()
        takeWhatIsAhead(waiting: true)
        // The evaluations under other semantics were there (kept, worked out ahead, or to be
        // worked out again after the edit before): if the edit drops them, they are worked out
        // again on other threads (``workAhead(lineWaiting:)``).
        let othersWere = worksAhead && !settings.conceded
            && (othersAgain || othersAhead != nil || !otherEvaluations.isEmpty || !otherEvaluators.isEmpty)
        othersAgain = false
        othersFollowing = nil
        let roundWasKept = keptRound != nil
        let live = scoreBoard != nil
        roundDropped = nil
        roundMoved = false
        scoresKept = nil
        var behind = worksAhead
        if case .batch = edit { behind = false }
        // The live scores keep what the edit changes where that can be put back (changes of
        // values on a map with cycles; see ``IncrementalEvaluator/keepChanges()``).
        let keeping = scoreBoard
        keeping?.keepChanges()
        defer {
            // Kept only while the scores followed the whole edit on this thread. (Scores that
            // follow it on another stop keeping as they begin: a change of structure keeps
            // nothing.)
            if let keeping, scoreBoard === keeping {
                scoresKept = keeping.keptChanges()
            } else if !warmingFollows {
                _ = keeping?.keptChanges()
            }
        }
        // The evaluations under other semantics are dropped before the map changes, rather than
        // once it has changed: the memory they free is then there for the change's own arrays
        // (after `compare` on the generated cyclic map, `rm c12` took 3–4 ms longer). The other
        // evaluators are kept through an edit of a base score or a weight, which they follow
        // when next read. So is the grounded labelling through an edit of a base score, or of a
        // weight that stays above 0 or at 0: it reads only which attacks and undercuts weigh
        // more than 0.
        var labels: Evaluation?
        switch edit {
        case .setValue(let id, .base):
            followingValues = otherEvaluatorsWillFollow()
            if followingValues { otherEvaluatorsBehind.append((id, nil)) }
            labels = settings.conceded ? nil : otherEvaluations[.grounded]
        case .setWeight(let from, let to, let weight):
            followingValues = otherEvaluatorsWillFollow()
            if followingValues { otherEvaluatorsBehind.append((nil, (from, to))) }
            if let f = map.index(of: from), let t = map.index(of: to), let r = map.relationIndex(from: f, to: t), (map.relations[r].weight > 0) == (weight > 0) {
                labels = settings.conceded ? nil : otherEvaluations[.grounded]
            }
        default:
            followingStructure = otherEvaluatorsWillFollowStructure()
        }
        dropOtherEvaluations()
        defer { (followingValues, followingStructure) = (false, false) }
        // (Also when the edit fails, having dropped them.)
        defer {
            if let others = othersFollowing {
                othersFollowing = nil
                othersAhead = others
            } else if othersWere, othersAhead == nil, otherEvaluators.isEmpty || otherEvaluatorsReach != nil {
                othersAgain = true
            }
        }
        let inverse = try map.apply(edit) { map, step, inverse in
            noteScores(step, inverse: inverse, in: map, behind: behind, othersToo: othersWere)
            noteRound(step, inverse: inverse, in: map)
        }
        if let labels { otherEvaluations[.grounded] = labels }
        if live { scoresDue(othersToo: othersWere) }
        return (inverse, roundWasKept)
    }

    /// The debate round of the map as it is: worked out once until the map changes (the flow,
    /// `drops` and `impacts` read it), or ahead, as the map was opened (``warmUp()``).
    public func round() -> Round {
        if let keptRound { return keptRound }
        // (On a map the live scores know has a cycle, the round's search is made at once.)
        let round = roundAhead?.wait() ?? Round(map, hasCycle: scoreBoard?.solvesCycles ?? false)
        roundAhead = nil
        keptRound = round
        return round
    }

    /// Brings the debate round along one edit (``Round/follow(_:inverse:in:)``), or forgets it
    /// when the edit may have moved claims it did not touch. A round being worked out ahead is
    /// forgotten unless the edit cannot change it.
    func noteRound(_ edit: Edit, inverse: Edit, in map: ArgumentMap) {
        guard !Round.survives(edit) else { return }
        roundAhead = nil
        guard keptRound != nil else { return }
        if keptRound!.follow(edit, inverse: inverse, in: map) {
            roundMoved = true
        } else {
            // Unchanged by the failed step: the round before the edit, if no step moved it.
            if !roundMoved { roundDropped = keptRound }
            keptRound = nil
        }
    }

    /// Takes the live scores and the round worked out ahead (``workDue``) that nothing has
    /// read yet, as the first command to read them would (``currentEvaluation()``, ``round()``):
    /// so that an edit made first brings them along, rather than drop them and leave the next
    /// command to work them out again (on the generated cyclic map of a million claims, `set c3
    /// base 0.3` typed first, then `compare`, waited 86 ms for the scores). With `waiting` (an
    /// edit of the map, which that work holds), what is not ready yet is waited for: else the
    /// edit would have the whole map copied first, and drop the work (`set c3 base 0.3` typed
    /// 0.1 s after the cyclic map's first prompt took 90–125 ms so). Such work begins only at a
    /// prompt with no line waiting (``workAhead(lineWaiting:)``), so that no edit pasted after
    /// another waits for it. Without (a swap of the whole map, which changes no map that work
    /// holds), only what is ready is taken. (Called once work that follows the edit before is
    /// settled.)
    private func takeWhatIsAhead(waiting: Bool) {
        if let ahead = warming, ahead.semantics == semantics, !settings.conceded, waiting || ahead.scores.isReady {
            _ = currentEvaluation()
        }
        if let ahead = roundAhead, waiting || ahead.isReady { _ = round() }
    }

    /// Whether the other evaluators follow the edit of a base score or a weight being applied
    /// (any are kept), once those worked out ahead as the map opened are taken where ready.
    private func otherEvaluatorsWillFollow() -> Bool {
        takeBackOtherEvaluatorsHanded()
        if othersAhead?.isReady == true { takeOtherSemanticsAhead() }
        return !otherEvaluators.isEmpty && otherEvaluatorsReach == nil
    }

    /// Whether the other evaluators follow the edit being applied, one that may change the
    /// map's structure (any are kept, with no change of a value for them to follow first, on
    /// a map whose cycles they solve), once those worked out ahead are taken where ready; they
    /// then let go of their layout of the map before the live scores change it
    /// (``IncrementalEvaluator/letGoOfLayout()``: on an acyclic map, their graph's rows, order
    /// and ranks, which the live scores' change would otherwise copy), and follow its changes
    /// when next read.
    private func otherEvaluatorsWillFollowStructure() -> Bool {
        takeBackOtherEvaluatorsHanded()
        if othersAhead?.isReady == true { takeOtherSemanticsAhead() }
        guard !otherEvaluators.isEmpty, otherEvaluatorsBehind.isEmpty, !settings.conceded else { return false }
        for board in otherEvaluators.values { board.letGoOfLayout() }
        if otherEvaluatorsReach == nil { (otherEvaluatorsReach, groundedToFollow) = ([], otherEvaluations[.grounded]) }
        return true
    }

    /// Forgets the debate round: the map changed.
    func forgetRound() {
        keptRound = nil
        roundAhead = nil
    }

    /// The debate round worked out again on another thread, as ``warmUp()`` works it out when
    /// a map opens, after an edit the kept round could not follow (one that can move claims it
    /// does not touch, such as a claim taken out with the claims under it), in an interactive
    /// session with a large map: so that `flow` or `drops` typed next finds it ready. Only where
    /// a round was kept before the edit (`wasKept`: one of them was used since the map last
    /// changed), and not where undo or redo brought the round back. Begun once the session is
    /// back at the prompt (``workDue``): an edit pasted after this one does not wait for it.
    private func warmRound(ifKept wasKept: Bool) {
        guard wasKept, worksAhead, keptRound == nil, roundAhead == nil else { return }
        workDue.round = true
        workDue.roundFollowsEdit = true
    }

    /// Begins working the round out on another thread (``roundAhead``), the map handed over
    /// (``Handed``) so that no reference to it outlives the work.
    func workRoundOutAhead(followsEdit: Bool) {
        let handed = Handed(map)
        roundAhead = Ahead(followsEdit: followsEdit) { Round(handed.take()) }
    }

    /// Waits for the round being worked out again after the last edit
    /// (``warmRound(ifKept:)``), and keeps it; nothing when none is.
    func settleRound() {
        guard let ahead = roundAhead, ahead.followsEdit else { return }
        roundAhead = nil
        keptRound = ahead.wait()
    }

    /// The live scores and what to put back into them for undo or redo (`kept`), when they
    /// are the live scores that kept it.
    private func usable(_ kept: IncrementalEvaluator.Changes?) -> (IncrementalEvaluator, IncrementalEvaluator.Changes)? {
        guard let kept, let board = scoreBoard, kept.board === board, !settings.conceded else { return nil }
        return (board, kept)
    }

    private func record(_ step: Step) {
        if let s = savedDepth, s > undoStack.count { savedDepth = nil }
        undoStack.append(step)
        redoStack.removeAll()
        (beforeUndo, afterRedo) = (Kept(), Kept())
        log.append(step.summary)
        repairFocus(after: step)
    }

    /// Undoes the last step; returns what it undid.
    public func undo() -> String? {
        guard let step = undoStack.popLast() else { return nil }
        switch step {
        case .edit(_, let inverse, _):
            let (_, kept) = replay(inverse, kept: beforeUndo, "the inverse of an applied edit")
            (beforeUndo, afterRedo) = (Kept(), kept)
            redoStack.append(step)
        case .replace(let before, let files, let summary):
            let after = map
            map = before
            file = files.before
            forgetScores()
            forgetRound()
            (beforeUndo, afterRedo) = (Kept(), Kept())
            redoStack.append(.replace(other: after, files: files, summary: summary))
        case .swap(let before, let removal, let summary):
            swapBack(to: before, removal: removal, summary: summary, undoing: true)
        }
        log.append("undo: " + step.summary)
        repairFocus(after: step, undone: true)
        return step.summary
    }

    /// Applies `edit`, the inverse of the step undone or the step redone, which brings the map
    /// back to what it was when `kept` was kept: the round is brought back where it could not
    /// follow the edit, and the scores are put back rather than brought along. Returns the
    /// edit's inverse, and the round and the scores to keep for going back the other way.
    private func replay(_ edit: Edit, kept: Kept, _ what: String) -> (inverse: Edit, kept: Kept) {
        settleScores()
        let restoring = usable(kept.scores)
        if restoring != nil { scoreBoard = nil }
        let inverse: Edit, roundWasKept: Bool
        do { (inverse, roundWasKept) = try apply(edit) } catch { preconditionFailure("\(what) failed: \(error)") }
        if keptRound == nil, roundAhead == nil { keptRound = kept.round }
        warmRound(ifKept: roundWasKept)
        defer { roundDropped = nil; scoresKept = nil }
        guard let (board, changes) = restoring else { return (inverse, Kept(round: roundDropped, scores: scoresKept)) }
        scoreBoard = board
        return (inverse, Kept(round: roundDropped, scores: board.putBack(changes, map: map)))
    }

    /// Redoes the last undone step; returns what it redid.
    public func redo() -> String? {
        guard let step = redoStack.popLast() else { return nil }
        switch step {
        case .edit(let forward, _, let summary):
            let (inverse, kept) = replay(forward, kept: afterRedo, "redoing an undone edit")
            undoStack.append(.edit(forward: forward, inverse: inverse, summary: summary))
            (beforeUndo, afterRedo) = (kept, Kept())
        case .replace(let after, let files, let summary):
            let before = map
            map = after
            file = files.after
            forgetScores()
            forgetRound()
            (beforeUndo, afterRedo) = (Kept(), Kept())
            undoStack.append(.replace(other: before, files: files, summary: summary))
        case .swap(let after, let removal, let summary):
            swapBack(to: after, removal: removal, summary: summary, undoing: false)
        }
        log.append("redo: " + step.summary)
        repairFocus(after: step)
        return step.summary
    }

    // MARK: Files

    /// Replaces the session with a map read from a file (not an undoable step).
    public func load(_ newMap: ArgumentMap, file: String?, format: FileFormat?) {
        journal?.discard()
        journal = nil
        map = newMap
        forgetScores()
        forgetRound()
        (beforeUndo, afterRedo) = (Kept(), Kept())
        self.file = file
        fileFormat = format
        focusPath = []
        undoStack.removeAll()
        redoStack.removeAll()
        savedDepth = file == nil ? nil : 0
        log.removeAll()
        fileStamp = file.flatMap { FileIO.stamp($0) }
        warmUp()
    }

    /// Records a command that changed the map in the crash journal.
    public func journal(_ command: String) {
        guard journaling else { return }
        let target = file.flatMap { Journal.absolute($0) }
        if journal == nil || journal?.file != target { journal = Journal(file: file) }
        journal?.record(command)
    }

    /// Removes the journal: the work is saved, or the user chose to leave without it.
    public func discardJournal() {
        journal?.discard()
    }

    /// Marks the current state as saved in `file`.
    public func markSaved(file: String, format: FileFormat) {
        self.file = file
        fileFormat = format
        savedDepth = undoStack.count
        fileStamp = FileIO.stamp(file)
        journal?.discard()
    }

    // MARK: Focus

    public var focus: Int? {
        focusPath.last.flatMap { map.index(of: $0) }
    }

    /// Drops the part of the focus path that no longer exists or no longer joins up.
    func repairFocus() {
        var kept: [String] = []
        for id in focusPath {
            guard let c = map.index(of: id) else { break }
            if let parent = kept.last.flatMap({ map.index(of: $0) }), map.relationIndex(from: c, to: parent) == nil { break }
            kept.append(id)
        }
        focusPath = kept
    }

    /// The focus repaired after the edit `step` made (or, `undone`, after its inverse);
    /// after a step that replaced the whole map, ``repairFocus()``.
    private func repairFocus(after step: Step, undone: Bool = false) {
        switch step {
        case .edit(let forward, let inverse, _): repairFocus(after: undone ? inverse : forward)
        // (Undone, a removal only puts claims back.)
        case .swap(_, let removal, _): if !undone { repairFocus(after: removal) }
        case .replace: repairFocus()
        }
    }

    /// ``repairFocus()`` after `edit`, from what it changed, without walking the focus path's
    /// claims in the map (a path may be a million claims deep): an edit that only puts claims
    /// or relations in, or changes values, leaves it as it was; one that takes out a claim on
    /// it, or the relation between two claims next on it, cuts it there; a renamed claim keeps
    /// its place on it under its new id.
    func repairFocus(after edit: Edit) {
        func cut(at i: Int?) { if let i { focusPath.removeSubrange(i...) } }
        func unlinked(_ from: String, _ to: String) {
            guard let f = focusPath.firstIndex(of: from), f > 0, focusPath[f - 1] == to else { return }
            if let c = map.index(of: from), let parent = map.index(of: to), map.relationIndex(from: c, to: parent) != nil { return }
            cut(at: f)
        }
        switch edit {
        case .addClaim, .restoreClaim, .restoreClaims, .setText, .setValue, .link, .setWeight:
            return
        case .batch(let edits):
            for e in edits { repairFocus(after: e) }
        case .removeClaim(let id):
            cut(at: focusPath.firstIndex(of: id))
        case .removeClaims:
            // The first claim on it the map no longer has: read from the map's index of ids,
            // not from a set of the ids taken out (half a million of them, hashed, for `rm` of
            // half a chain a million deep: about 100 ms).
            cut(at: focusPath.firstIndex { map.index(of: $0) == nil })
        case .rename(let old, let new):
            if let i = focusPath.firstIndex(of: old) { focusPath[i] = new }
        case .unlink(let from, let to):
            unlinked(from, to)
        case .move(let id, let from, _):
            unlinked(id, from)
        }
    }

    /// Sets the focus to a claim, keeping the current path where the claim is a child of the
    /// focus or on the path, else walking up through first parents to a thesis.
    public func setFocus(_ c: Int?) {
        guard let c else { focusPath = []; return }
        let id = map.claims[c].id
        if let i = focusPath.firstIndex(of: id) { focusPath = Array(focusPath[...i]); return }
        if let f = focus, map.relationIndex(from: c, to: f) != nil { focusPath.append(id); return }
        focusPath = map.firstParents(of: c).claims.reversed().map { map.claims[$0].id }
    }
}
