import ArgMapDebate
import ArgMapModel
import ArgMapSemantics
import Synchronization

/// Live scores for a session: the evaluation under the session's semantics, updated after
/// every edit (incrementally where the edit allows), and their display.
extension Session {
    public var semantics: Semantics { Semantics(rawValue: settings.semantics) ?? .dfquad }

    /// The current evaluation under the session's semantics.
    public func currentEvaluation() -> Evaluation {
        if let board = scoreBoard, board.semantics == semantics { return board.evaluation }
        if let warming, warming.semantics == semantics, !settings.conceded {
            self.warming = nil
            let board = warming.scores.wait()
            scoreBoard = board
            return board.evaluation
        }
        warming = nil
        if let kept = adoptKeptEvaluator() { return kept.evaluation }
        // Live scores under another semantics lend their layout of the map: its graph, and a
        // cyclic map's components (``IncrementalEvaluator/init(_:semantics:)``).
        // (The scores it replaces, held by nothing else, lend their memory too.)
        let board: IncrementalEvaluator
        if var old = scoreBoard {
            scoreBoard = nil
            board = isKnownUniquelyReferenced(&old) ? IncrementalEvaluator(replacing: old, semantics: semantics) : IncrementalEvaluator(old, semantics: semantics)
        } else {
            board = IncrementalEvaluator(settings.conceded ? Drops.conceded(map) : map, semantics: semantics, options: scoringOptions)
        }
        scoreBoard = board
        return board.evaluation
    }

    /// The evaluator `compare` kept under the session's semantics (``otherEvaluators``), made
    /// the live scores' when the semantics changes to it: brought along the edits since, its
    /// evaluation is what the live scores would be worked out to, to the last bit, and it is
    /// not worked out again (on the generated cyclic map of a million claims, that took 80 ms or
    /// more). The live scores it replaces take its place among the others. Nil where there is
    /// no such evaluator, or no live scores ready to lend it their values.
    func adoptKeptEvaluator() -> IncrementalEvaluator? {
        guard !settings.conceded, warming == nil, let old = scoreBoard, old.semantics != semantics else { return nil }
        // (Following can drop them all.)
        otherEvaluatorsFollow()
        guard let kept = otherEvaluators[semantics] else { return nil }
        otherEvaluators[semantics] = nil
        otherEvaluations[semantics] = nil
        kept.takeValues(from: old.graph)
        scoreBoard = kept
        if old.solvesCycles && !old.keepsChanges {
            old.letGoOfValues()
            otherEvaluators[old.semantics] = old
            otherEvaluations[old.semantics] = old.evaluation
        }
        return kept
    }

    /// The evaluations under several semantics: the session's is the live one; the others
    /// are computed on the live scores' layout of the map (their graph, and a cyclic map's
    /// components: what `evaluation(_:)` would find again), on every core.
    /// Each is kept until the map changes (``otherEvaluations``).
    public func evaluations(_ list: [Semantics]) -> [Evaluation] {
        let current = currentEvaluation(), mine = semantics
        otherEvaluatorsFollow()
        var missing: [Semantics] = []
        for s in list where s != mine && otherEvaluations[s] == nil && !missing.contains(s) { missing.append(s) }
        if !missing.isEmpty, let live = scoreBoard {
            keep(Session.otherSemantics(missing, on: live.layout, solvingCycles: live.solvesCycles && !settings.conceded, keepingEvaluators: !settings.conceded))
        } else if !missing.isEmpty {
            for s in missing { otherEvaluations[s] = evaluation(s) }
        }
        return list.map { $0 == mine ? current : otherEvaluations[$0]! }
    }

    /// Brings the other evaluators (``otherEvaluators``) along the edits of values made since
    /// they last followed, at once on every core, and keeps their evaluations; first takes
    /// those worked out ahead (``takeOtherSemanticsAhead()``).
    func otherEvaluatorsFollow() {
        takeOtherSemanticsAhead()
        if otherEvaluatorsReach != nil { otherEvaluatorsFollowStructure() }
        guard !otherEvaluatorsBehind.isEmpty else { return }
        let behind = otherEvaluatorsBehind, map = map
        otherEvaluatorsBehind = []
        // They read the live evaluator's values (``IncrementalEvaluator/letGoOfValues()``).
        guard let live = scoreBoard, live.graph.count == map.count, otherEvaluators.values.allSatisfy({ $0.graph.count == map.count }) else {
            return forgetOtherSemantics()
        }
        // Each claim and relation once, with its value as it is now, followed at once (however
        // many edits there were, the claims above them are worked out again once).
        var claims = Set<Int>(), relations = Set<Int>()
        for (claim, relation) in behind {
            if let claim, let c = map.index(of: claim) { claims.insert(c) }
            if let relation, let f = map.index(of: relation.from), let t = map.index(of: relation.to), let r = map.relationIndex(from: f, to: t) {
                relations.insert(r)
            }
        }
        let bases = claims.sorted().map { (claim: $0, value: map.claims[$0].base) }
        let weights = relations.sorted().map { (relation: $0, value: map.relations[$0].weight) }
        let boards = Array(otherEvaluators.values)
        let values = live.graph
        _ = Parallel.map(boards.count) { boards[$0].valuesChanged(bases: bases, weights: weights, map: map, as: values) }
        for (s, board) in otherEvaluators { otherEvaluations[s] = board.evaluation }
    }

    /// Brings the other evaluators along the changes of structure made since they last followed
    /// (``otherEvaluatorsReach``), on the live scores' layout of the map as those changes left
    /// it, at once on every core, and keeps their evaluations; drops those that cannot follow.
    private func otherEvaluatorsFollowStructure() {
        settleScores()
        if scoreBoard == nil { _ = currentEvaluation() }
        guard let following = takeOtherEvaluatorsToFollow(), let live = scoreBoard, live.solvesCycles || live.graph.order != nil,
              live.graph.count == map.count else {
            return forgetOtherSemantics()
        }
        keep(Session.followed(following, on: live.layout))
    }

    /// The evaluators, and the grounded labelling, of `following` brought along its changes of
    /// structure onto `layout` (the live scores') with their evaluations, at once on every core
    /// (``IncrementalEvaluator/following(_:grounded:_:as:onOneCoreUntil:)``); those that cannot
    /// follow them are left out. `hurried`: as ``otherSemantics(_:on:solvingCycles:keepingEvaluators:following:onOneCoreUntil:)``.
    /// (Consumed: the grounded labelling, held by nothing else, is brought along in place.)
    static func followed(_ following: consuming FollowingOthers.Payload, on layout: IncrementalEvaluator.Layout,
                         onOneCoreUntil hurried: (() -> Bool)? = nil) -> OtherSemantics {
        var made = OtherSemantics(), grounded = following.grounded.take()
        for board in IncrementalEvaluator.following(following.boards, grounded: &grounded, following.reaches, as: layout, onOneCoreUntil: hurried) {
            made.evaluations.append((board.semantics, board.evaluation))
            made.evaluators.append((board.semantics, board))
        }
        if let grounded { made.evaluations.append((.grounded, grounded)) }
        return made
    }

    /// The other evaluators, the grounded labelling, and the changes of structure they are to
    /// follow (``otherEvaluatorsReach``), taken out of the session; nil where they follow none.
    private func takeOtherEvaluatorsToFollow() -> FollowingOthers.Payload? {
        guard let reaches = otherEvaluatorsReach else { return nil }
        defer { (otherEvaluators, otherEvaluatorsReach, groundedToFollow) = ([:], nil, nil) }
        return FollowingOthers.Payload(boards: Array(otherEvaluators.values), grounded: groundedToFollow, reaches: reaches)
    }

    /// ``takeOtherEvaluatorsToFollow()``, handed over for work on another thread
    /// (``beginOtherSemantics(_:on:following:)``). Until that work takes them, the next edit
    /// takes them back (``takeBackOtherEvaluatorsHanded()``): lines pasted one after another, whose
    /// edits would each drop work held until the prompt, then do not drop them with it.
    func handOtherEvaluatorsToFollow() -> FollowingOthers? {
        guard let payload = takeOtherEvaluatorsToFollow() else { return nil }
        let handed = FollowingOthers(payload)
        otherEvaluatorsHanded = handed
        return handed
    }

    /// Takes back the other evaluators handed over to follow changes of structure on another
    /// thread (``handOtherEvaluatorsToFollow()``) where that work has not taken them yet.
    func takeBackOtherEvaluatorsHanded() {
        guard let handed = otherEvaluatorsHanded else { return }
        otherEvaluatorsHanded = nil
        guard let payload = handed.take() else { return }
        for board in payload.boards { otherEvaluators[board.semantics] = board }
        (otherEvaluatorsReach, groundedToFollow) = (payload.reaches, payload.grounded)
    }

    /// Other evaluators, and the grounded labelling, with the changes of structure they are to
    /// follow, handed to the thread that brings them along, which takes them once (``take()``),
    /// unless the session takes them back first.
    final class FollowingOthers: @unchecked Sendable {
        struct Payload {
            let boards: [IncrementalEvaluator]
            var grounded: Evaluation?
            let reaches: [IncrementalEvaluator.Reach]
        }
        private var payload: Payload?
        /// Whether one has asked (the one that set it alone reads the payload).
        private let asked = Mutex(false)

        init(_ payload: Payload) {
            self.payload = payload
        }

        /// What was handed over, for the first to ask.
        func take() -> Payload? {
            guard asked.withLock({ asked in defer { asked = true }; return !asked }) else { return nil }
            return payload.take()
        }
    }

    /// Drops the evaluations under other semantics and their evaluators (``otherEvaluations``,
    /// ``otherEvaluators``).
    func forgetOtherSemantics() {
        (otherEvaluatorsReach, groundedToFollow, otherEvaluatorsHanded) = (nil, nil, nil)
        othersAgain = false
        otherEvaluations = [:]
        otherEvaluators = [:]
        otherEvaluatorsBehind = []
        dropOtherSemanticsAhead()
    }

    /// Drops the evaluations under other semantics being worked out ahead (``othersAhead``).
    func dropOtherSemanticsAhead() {
        othersAhead?.drop()
        othersAhead = nil
    }

    /// Takes the evaluations under other semantics worked out ahead (``othersAhead``), waiting
    /// for what is left of them, as ``evaluations(_:)`` keeps those it works out (``keep(_:)``).
    func takeOtherSemanticsAhead() {
        guard let ahead = othersAhead else { return }
        othersAhead = nil
        otherEvaluatorsHanded = nil
        keep(ahead.wait())
    }

    /// Keeps evaluations under other semantics and their evaluators (``otherEvaluations``,
    /// ``otherEvaluators``); none under the live scores' semantics (the session's, but while
    /// `set semantics` takes the one it names), nor any already kept.
    private func keep(_ made: OtherSemantics) {
        let live = scoreBoard?.semantics ?? semantics
        for (s, e) in made.evaluations where s != live && otherEvaluations[s] == nil {
            otherEvaluations[s] = e
        }
        for (s, board) in made.evaluators where s != live && otherEvaluators[s] == nil {
            // It follows the live evaluator's values, lent as it follows; held meanwhile, the
            // live scores' next edit would copy them whole.
            board.letGoOfValues()
            otherEvaluators[s] = board
        }
    }

    /// The live scores' evaluator under `semantics`, for trials that change values and put
    /// them back (impact); nil when the session scores under another semantics or concedes
    /// drops.
    func liveBoard(_ semantics: Semantics) -> IncrementalEvaluator? {
        guard !settings.conceded, semantics == self.semantics else { return nil }
        _ = currentEvaluation()
        return scoreBoard
    }

    /// The evaluation under any semantics (the session's is kept live; others are computed,
    /// on the live scores' layout of the map when there are live scores).
    public func evaluation(_ s: Semantics) -> Evaluation {
        if s == semantics { return currentEvaluation() }
        otherEvaluatorsFollow()
        if let kept = otherEvaluations[s] { return kept }
        let e = scoreBoard.map { $0.evaluations([s])[0] } ?? Evaluator.evaluate(settings.conceded ? Drops.conceded(map) : map, s)
        otherEvaluations[s] = e
        return e
    }

    /// An evaluator of the map under `semantics`: on the live scores' layout of the map when
    /// there are live scores (``IncrementalEvaluator/init(_:semantics:)``), else laid out
    /// afresh. Not kept.
    func board(under semantics: Semantics) -> IncrementalEvaluator {
        if let board = scoreBoard { return IncrementalEvaluator(board, semantics: semantics) }
        return IncrementalEvaluator(settings.conceded ? Drops.conceded(map) : map, semantics: semantics, options: scoringOptions)
    }

    /// The evaluation under the session's semantics after one base or weight change, or
    /// without one claim, leaving the map and the live scores as they were: the change and its
    /// reversal both go through the live scores incrementally, with no copy of the map. Nil
    /// where that cannot be done (cycles, conceded scoring, other edits): evaluate a changed
    /// copy in full instead.
    func evaluation(trying edit: Edit) -> Evaluation? {
        guard !settings.conceded else { return nil }
        _ = currentEvaluation()
        guard let board = scoreBoard, board.isIncremental else { return nil }
        switch edit {
        // Each trial leaves the live scores as they were (``IncrementalEvaluator/trial(_:undo:map:read:)``).
        case .setValue(let id, .base(let value)):
            guard let c = map.index(of: id) else { return nil }
            let old = map.claims[c].base
            return board.trial({ board.baseChanged(c, to: value, map: map) }, undo: { board.baseChanged(c, to: old, map: map) }, map: map) { board.evaluation }
        case .setWeight(let from, let to, let value):
            guard let f = map.index(of: from), let t = map.index(of: to), let r = map.relationIndex(from: f, to: t) else { return nil }
            let old = map.relations[r].weight
            return board.trial({ board.weightChanged(relation: r, to: value, map: map) }, undo: { board.weightChanged(relation: r, to: old, map: map) }, map: map) {
                board.evaluation
            }
        case .removeClaim(let id):
            guard let c = map.index(of: id) else { return nil }
            return board.trial(removing: c, map: map) { board.evaluation }
        default:
            return nil
        }
    }

    /// Brings the live scores up to date after one edit (not a batch: ``apply(_:)`` gives its
    /// steps one by one) made `map` (the session's map, as that edit left it); `inverse` is what
    /// applying it returned. Changes of structure are followed incrementally where the scores
    /// allow; otherwise the scores are computed afresh when next read. With `behind`, a change
    /// of structure may be followed on another thread (see below).
    /// `othersToo`: the live scores that follow a change of structure on another thread then
    /// begin the evaluations under every other semantics on their layout of the map, as they do
    /// as a map opens (``warmScores(othersToo:)``), held until the session is back at the
    /// prompt (``othersFollowing``).
    func noteScores(_ edit: Edit, inverse: Edit, in map: ArgumentMap, behind: Bool, othersToo: Bool = false) {
        // (With no live scores, as after a step of a batch they could not follow, the other
        // evaluators cannot note what this step reaches either.)
        guard let board = scoreBoard else { warming = nil; if followingStructure { forgetOtherSemantics() }; return }
        // Drops change with any edit: with conceded scoring, start again.
        if settings.conceded { forgetScores(); return }
        var change: IncrementalEvaluator.StructureChange?
        switch (edit, inverse) {
        case (.setText, _), (.rename, _):
            return
        case (.setValue(let id, let value), _):
            if case .base(let b) = value, let c = map.index(of: id) {
                // (The other evaluators following changes of structure follow no value.)
                if followingStructure { forgetOtherSemantics() }
                board.baseChanged(c, to: b, map: map)
            }
            return
        case (.setWeight(let from, let to, let w), _):
            guard let f = map.index(of: from), let t = map.index(of: to), let r = map.relationIndex(from: f, to: t) else { break }
            if followingStructure { forgetOtherSemantics() }
            board.weightChanged(relation: r, to: w, map: map)
            return
        case (.removeClaim, .restoreClaim(_, let c, let placed)):
            change = .removed(claims: [c], relations: placed.map(\.position), targets: targets(of: placed, in: map))
        case (.removeClaims, .restoreClaims(let claims, let positions, let placed)):
            // (Else nil: worked out afresh.)
            guard !remakesScores(board, changing: claims.count, of: map.count + claims.count) else { break }
            change = .removed(claims: positions, relations: placed.map(\.position), targets: targets(of: placed, removing: claims, in: map))
        case (.unlink, .link(let spec, let r?)):
            change = .removed(claims: [], relations: [r], targets: targets(of: [PlacedRelation(spec, at: r)], in: map))
        case (.addClaim(let claim, _), _):
            if let c = map.index(of: claim.id) { change = .inserted(claims: [c], relations: []) }
        case (.restoreClaim(let claim, let position, let placed), _):
            change = inserted([claim], at: [position], placed, in: map)
        case (.restoreClaims(let claims, let positions, let placed), _):
            // (Else nil: worked out afresh.)
            guard !remakesScores(board, changing: claims.count, of: map.count) else { break }
            change = inserted(claims, at: positions, placed, in: map)
        case (.link(let spec, _), _):
            change = inserted([], [PlacedRelation(spec, at: 0)], in: map)
        case (.move(let id, let from, let to), _):
            if let c = map.index(of: id), let p = map.index(of: from), let q = map.index(of: to), let r = map.relationIndex(from: c, to: q) {
                change = .retargeted(relation: r, from: p)
            }
        default:
            break
        }
        guard let change else { forgetScores(); forgetOtherSemantics(); return }
        // The other evaluators follow it when next read (``otherEvaluatorsFollow()``), or on
        // another thread after the live scores (below, and ``workAhead(lineWaiting:)``).
        if followingStructure, otherEvaluatorsReach != nil { otherEvaluatorsReach!.append(IncrementalEvaluator.Reach(change, map: map)) }
        if behind, board.isIncremental {
            // On a large map in a terminal, the scores follow the change on another thread,
            // so that the command ends with the map's own change: the next command that reads
            // them, or edits the map, waits for what is left (``settleScores()``), and the
            // prompt shows `score …` until they are ready. Where they cannot follow it (a
            // change they give up on), the same thread works them out afresh.
            scoreBoard = nil
            let semantics = board.semantics, options = scoringOptions
            let handed = Handed((board, map))
            let others = othersToo ? Ahead<OtherSemantics>(held: true) : nil
            let following = others == nil ? nil : handOtherEvaluatorsToFollow()
            warming = (semantics, Ahead(followsEdit: true) {
                let (board, map) = handed.take()
                let followed = board.structureChanged(change, map: map) ? board : IncrementalEvaluator(map, semantics: semantics, options: options)
                if let others { Session.beginOtherSemantics(others, on: followed, following: following) }
                return followed
            })
            othersFollowing = others
            return
        }
        if board.structureChanged(change, map: map) { return }
        forgetScores()
    }

    /// Waits for live scores following an edit on another thread
    /// (``noteScores(_:inverse:in:behind:)``), and takes them; nothing when none are.
    func settleScores() {
        guard let warming, warming.scores.followsEdit else { return }
        self.warming = nil
        scoreBoard = warming.scores.wait()
    }

    /// Whether the live scores are still following an edit on another thread (the prompt
    /// shows `score …` rather than wait for them).
    var scoresFollowing: Bool {
        warmingFollows && warming?.scores.isReady == false
    }

    /// Forgets the live scores, and any being worked out: they are computed afresh when next
    /// read.
    func forgetScores() {
        scoreBoard = nil
        warming = nil
    }

    /// A map has opened: in an interactive session (``warmsUp``) with a map large enough for
    /// their first computation to be felt, its live scores, the evaluations under every other
    /// semantics and its debate round are to be worked out on other threads, once the session
    /// is back at the prompt with no line waiting to be read (``workAhead(lineWaiting:)``).
    /// A line typed while the map loaded runs first, on cores of its own: an edit made while
    /// that work held the map would copy it whole (`set c5 base 0.3` typed as the tree of a
    /// million claims loaded took 75–326 ms; it now takes about 1 ms), and a command that reads
    /// the scores works them out sooner than that work, sharing the cores with the round, would
    /// have. An edit typed once the work has begun waits for what is left of it and takes it
    /// (``takeWhatIsAhead(waiting:)``).
    public func warmUp() {
        workDue = worksAhead ? WorkDue(scores: true, othersToo: true, round: true) : WorkDue()
    }

    /// The live scores (`othersToo`: and the evaluations under the other semantics) to be
    /// worked out ahead once the session is back at the prompt, as ``warmUp()`` has them worked
    /// out: after an edit (a command's, its undo or its redo) that the live scores could not
    /// follow, where they were live before it. Not at once: the lines pasted after it would
    /// each drop the work, and an edit among them, made while the work held the map, would
    /// copy the map whole.
    func scoresDue(othersToo: Bool) {
        guard worksAhead else { return }
        workDue.scores = true
        workDue.othersToo = workDue.othersToo || othersToo
    }

    /// Begins the work due (``workDue``): the live scores, and with them the evaluations under
    /// every other semantics (``warmScores(othersToo:)``), or, where a command has worked the
    /// scores out since, those evaluations on their layout (``othersAgain``); and the round,
    /// unless a command has worked it out.
    private func beginWorkDue() {
        let due = workDue
        workDue = WorkDue()
        guard worksAhead else { return }
        if due.scores {
            if scoreBoard == nil { warmScores(othersToo: due.othersToo) } else if due.othersToo { othersAgain = true }
        }
        if due.round, keptRound == nil, roundAhead == nil { workRoundOutAhead(followsEdit: due.roundFollowsEdit) }
    }

    /// Begins working out the live scores on another thread, when there are none and none are
    /// being worked out: as a map opens, or after an edit they could not follow, once the
    /// session is back at the prompt (``beginWorkDue()``); or after `set semantics`.
    ///
    /// With `othersToo`, the live scores then begin the evaluations under every other
    /// semantics on their layout of the map (``othersAhead``), as `compare` would work them out
    /// (on both cores, each semantics on one), while the user reads: on the generated cyclic
    /// map of a million claims, whose every semantics solves 14,000 cycles, the first `compare`
    /// took 130–150 ms.
    func warmScores(othersToo: Bool = false) {
        guard worksAhead, scoreBoard == nil, warming == nil, !settings.conceded else { return }
        let map = map, semantics = semantics, options = scoringOptions
        let others = othersToo ? Ahead<OtherSemantics>() : nil
        let following = others == nil ? nil : handOtherEvaluatorsToFollow()
        warming = (semantics, Ahead {
            let board = IncrementalEvaluator(map, semantics: semantics, options: options)
            if let others { Session.beginOtherSemantics(others, on: board, following: following) }
            return board
        })
        dropOtherSemanticsAhead()
        othersAhead = others
    }

    /// Begins `others`, the evaluations under every semantics but `board`'s on its layout of
    /// the map (``otherSemantics(_:on:solvingCycles:keepingEvaluators:following:onOneCoreUntil:)``): on the thread
    /// that owns `board`, before the session has it and may change it. `following`: evaluators
    /// under some of them, brought along changes of structure rather than worked out afresh.
    static func beginOtherSemantics(_ others: Ahead<OtherSemantics>, on board: IncrementalEvaluator, following: FollowingOthers? = nil) {
        let layout = board.layout, solves = board.solvesCycles, semantics = board.semantics
        // On one core, leaving the other to the user's commands, until a command waits for them.
        let hurry = others.hurry
        others.begin {
            Session.otherSemantics(Semantics.allCases.filter { $0 != semantics }, on: layout, solvingCycles: solves, keepingEvaluators: true, following: following,
                                   onOneCoreUntil: { hurry.isOn })
        }
    }

    /// The session is back at the prompt: the work on other threads that waits for it begins.
    /// Not while a line is waiting to be read (`lineWaiting`: lines typed ahead, or pasted one
    /// after another, whose edits would each drop it): then at the next prompt with none.
    /// (`lineWaiting` is asked only where there is such work.)
    /// - The work ahead of a map just opened (``warmUp()``), or after an edit the live scores
    ///   or the round could not follow (``workDue``).
    /// - The evaluations under other semantics that the last edit dropped, worked out again as
    ///   they are as a map opens (``othersAhead``), so that `compare` typed next finds them
    ///   ready: on the generated cyclic map of a million claims, `compare` after a change of
    ///   structure took 118–127 ms. Those begun by the live scores as they follow the edit,
    ///   held until now, are let begin; others begin on the live scores' layout of the map.
    public func workAhead(lineWaiting: @autoclosure () -> Bool) {
        if !workDue.isEmpty {
            guard !lineWaiting() else { return }
            beginWorkDue()
        }
        if let ahead = othersAhead {
            if ahead.isHeld, !lineWaiting() { ahead.open() }
            return
        }
        guard othersAgain, let board = scoreBoard, warming == nil, !settings.conceded else { return }
        // (A command since the edit, `compare` say, may have worked them all out.)
        if otherEvaluatorsReach == nil, Semantics.allCases.allSatisfy({ $0 == board.semantics || otherEvaluations[$0] != nil }) {
            othersAgain = false
            return
        }
        guard !lineWaiting() else { return }
        othersAgain = false
        let others = Ahead<OtherSemantics>()
        Session.beginOtherSemantics(others, on: board, following: handOtherEvaluatorsToFollow())
        othersAhead = others
    }

    /// The evaluations under `list` on `layout` (the live scores'), at once on every core: on a
    /// map whose cycles the live scores solve (`solvingCycles`), with an evaluator for each
    /// semantics that solves them, to follow the edits after; on an acyclic map, with
    /// `keepingEvaluators`, with an evaluator for each but the grounded labelling, made on its
    /// evaluation (``IncrementalEvaluator/init(_:following:)``), for the same.
    /// `following`: evaluators under some of them, brought along changes of structure onto
    /// `layout` (``IncrementalEvaluator/following(_:grounded:_:as:onOneCoreUntil:)``) rather than worked
    /// out afresh, where they can follow them.
    /// `hurried` (for work ahead): on one core until it says a command waits for them.
    static func otherSemantics(_ list: [Semantics], on layout: IncrementalEvaluator.Layout, solvingCycles: Bool, keepingEvaluators: Bool = false,
                               following: FollowingOthers? = nil,
                               onOneCoreUntil hurried: (() -> Bool)? = nil) -> OtherSemantics {
        var made = OtherSemantics(), list = list
        if var following = following?.take() {
            made = followed(FollowingOthers.Payload(boards: following.boards.filter { list.contains($0.semantics) },
                                                    grounded: list.contains(.grounded) ? following.grounded.take() : nil, reaches: following.reaches),
                            on: layout, onOneCoreUntil: hurried)
            list.removeAll { s in made.evaluations.contains { $0.0 == s } }
        }
        if solvingCycles {
            for (s, (evaluator, evaluation)) in zip(list, IncrementalEvaluator.evaluators(layout, list, onOneCoreUntil: hurried)) {
                made.evaluations.append((s, evaluation))
                if let evaluator { made.evaluators.append((s, evaluator)) }
            }
        } else if !list.isEmpty {
            let fresh = Array(zip(list, layout.evaluations(list, onOneCoreUntil: hurried)))
            made.evaluations += fresh
            // On an acyclic map, an evaluator for each but the grounded labelling, on the
            // evaluation made, to follow the edits after: each takes the layout and the scores
            // as they are, working out nothing more.
            if keepingEvaluators, layout.isAcyclic {
                for (s, e) in fresh { if let board = IncrementalEvaluator(layout, following: e) { made.evaluators.append((s, board)) } }
            }
        }
        return made
    }

    /// The session's semantics changed (`set semantics`): in an interactive session, the
    /// scores under the new one are worked out on another thread as ``warmUp()`` works them
    /// out when a map opens, so that the command typed next finds them ready; those under the
    /// old one lend them their layout of the map and are dropped. Nothing changes when the
    /// live scores are already under it, or on a smaller map, whose scores under the new
    /// semantics are worked out on the old ones' layout when next read.
    func semanticsChanged() {
        if adoptKeptEvaluator() != nil { return }
        guard worksAhead, (scoreBoard?.semantics ?? warming?.semantics) != semantics else { return }
        // The scores under the old semantics lend their layout of the map (its graph, and a
        // cyclic map's components), whether they are ready, worked out ahead or following an
        // edit: then the new scores wait for them, on that other thread. Nothing there holds
        // the map, which an edit would copy while it is held.
        let semantics = semantics
        if let board = scoreBoard, !settings.conceded {
            let handed = Handed(board)
            forgetScores()
            warming = (semantics, Ahead { IncrementalEvaluator(handed.take(), semantics: semantics) })
        } else if let old = warming?.scores, !settings.conceded {
            forgetScores()
            warming = (semantics, Ahead { IncrementalEvaluator(old.wait(), semantics: semantics) })
        } else {
            forgetScores()
            warmScores()
        }
    }

    /// The fewest claims for which ``warmUp()`` works the scores out ahead.
    static let warmingSize = 20_000

    /// Whether this session works things out ahead of its commands, on other threads: an
    /// interactive one (``warmsUp``) with a map of ``warmingSize`` claims or more.
    var worksAhead: Bool { warmsUp && map.count >= Session.warmingSize }

    /// Whether the live scores are better worked out afresh than made to follow a change that
    /// puts `count` claims into the map or takes them out of it, of `total` claims with them:
    /// one claim in ``remainderFromAhead`` (a fifth) or more, on a map without cycles.
    /// Following renumbers and lays the whole graph out again, and works out every claim above
    /// those claims (and those put in); a whole evaluation is one pass, paid by the next
    /// command that reads the scores (in a terminal, on another thread as the prompt comes
    /// back). On the generated chain a million deep, where every claim is above them: `rm
    /// c700000` (30%) spent 18–22 ms following, its `undo` 39–41 ms, the `undo` of `rm c800000`
    /// (a fifth) 39 ms, where a whole evaluation of the million takes 22–23 ms. The line is the
    /// one from which a terminal makes a removal's rest afresh (and works its scores out so,
    /// ahead), so that an undo there is a swap. (On a map with cycles, the undo of a removal
    /// puts the scores from before back instead.) Not on a map of fewer than
    /// ``ArgumentMap/remainderMinimum`` claims, as with that line, where either takes well
    /// under a millisecond.
    private func remakesScores(_ board: IncrementalEvaluator, changing count: Int, of total: Int) -> Bool {
        !board.solvesCycles && count * Session.remainderFromAhead >= total && total >= ArgumentMap.remainderMinimum
    }

    /// The claims still in the map that removed relations pointed at. Most of them pointed at
    /// claims removed with them (`claims`): a target found among those where the removal's
    /// order puts it (``PlacedRelation/forEachEnds(of:in:among:find:_:)``, comparing ids) is not looked up
    /// in the map.
    private func targets(of removed: [PlacedRelation], removing claims: [Claim] = [], in map: ArgumentMap) -> [Int] {
        var lookups: [String] = []
        PlacedRelation.forEachEnds(of: removed, in: removed.indices, among: claims, find: { _ in nil }) { k, _, to in
            if to < 0 { lookups.append(removed[k].relation.to) }
            return true
        }
        return map.indices(of: lookups).filter { $0 >= 0 }
    }

    /// The claims and relations an edit put back at `positions` and the relations' own
    /// positions, by their numbers in the map now: those positions, when the claims there have
    /// the ids put back (one claim read for each, where looking every id up hashes it); else
    /// as looked up.
    private func inserted(_ claims: [Claim], at positions: [Int], _ placed: [PlacedRelation], in map: ArgumentMap) -> IncrementalEvaluator.StructureChange? {
        func holds(_ c: Int, _ id: String) -> Bool { map.claims.indices.contains(c) && map.claims[c].id == id }
        let putBack = positions.count == claims.count && zip(claims, positions).allSatisfy { holds($1, $0.id) }
            && placed.allSatisfy { p in
                map.relations.indices.contains(p.position)
                    && holds(map.relations[p.position].from, p.relation.from) && holds(map.relations[p.position].to, p.relation.to)
            }
        guard putBack else { return inserted(claims, placed, in: map) }
        return .inserted(claims: positions.sorted(), relations: placed.map(\.position).sorted())
    }

    /// The claims and relations an edit put back, by their numbers in the map now.
    private func inserted(_ claims: [Claim], _ placed: [PlacedRelation], in map: ArgumentMap) -> IncrementalEvaluator.StructureChange? {
        var c: [Int] = [], r: [Int] = []
        for claim in claims {
            guard let i = map.index(of: claim.id) else { return nil }
            c.append(i)
        }
        for p in placed {
            guard let f = map.index(of: p.relation.from), let t = map.index(of: p.relation.to), let i = map.relationIndex(from: f, to: t) else { return nil }
            r.append(i)
        }
        return .inserted(claims: c.sorted(), relations: r.sorted())
    }

    /// A claim's score as shown beside it: `score 0.42`, a grounded label, or `score ?` when the
    /// evaluation did not converge.
    public func scoreText(_ c: Int) -> String? {
        let e = currentEvaluation()
        guard c < e.scores.count else { return nil }
        if let labels = e.labels { return labels[c].rawValue }
        guard e.converged else { return "score ?" }
        return "score " + Session.format(e.scores[c])
    }
}

