import ArgMapDebate
import ArgMapModel
import ArgMapSemantics

/// Live scores for a session: the evaluation under the session's semantics, updated after
/// every edit (incrementally where the edit allows), and their display.
extension Session {
    public var semantics: Semantics { Semantics(rawValue: settings.semantics) ?? .dfquad }

    /// The current evaluation under the session's semantics.
    public func currentEvaluation() -> Evaluation {
        if let board = scoreBoard, board.semantics == semantics { return board.evaluation }
        let board = IncrementalEvaluator(settings.conceded ? Drops.conceded(map) : map, semantics: semantics)
        scoreBoard = board
        return board.evaluation
    }

    /// The evaluations under several semantics: the session's is the live one; the others
    /// are computed on the live scores' graph (which is the map as `evaluation(_:)` would lay
    /// it out), built once, on every core.
    public func evaluations(_ list: [Semantics]) -> [Evaluation] {
        let current = currentEvaluation(), mine = semantics
        guard let graph = scoreBoard?.graph else { return list.map(evaluation) }
        let others = Parallel.map(list.count) { k in list[k] == mine ? nil : Evaluator.evaluate(graph, list[k]) }
        return list.indices.map { others[$0] ?? current }
    }

    /// The live scores' evaluator under `semantics`, for trials that change values and put
    /// them back (impact); nil when the session scores under another semantics or concedes
    /// drops.
    func liveBoard(_ semantics: Semantics) -> IncrementalEvaluator? {
        guard !settings.conceded, semantics == self.semantics else { return nil }
        _ = currentEvaluation()
        return scoreBoard
    }

    /// The evaluation under any semantics (the session's is kept live; others are computed).
    public func evaluation(_ s: Semantics) -> Evaluation {
        s == semantics ? currentEvaluation() : Evaluator.evaluate(settings.conceded ? Drops.conceded(map) : map, s)
    }

    /// The evaluation under the session's semantics after one base or weight change, leaving
    /// the map and the live scores as they were: the change and its reversal both go through
    /// the live scores incrementally, with no copy of the map. Nil where that cannot be done
    /// (cycles, conceded scoring, other edits): evaluate a changed copy in full instead.
    func evaluation(trying edit: Edit) -> Evaluation? {
        guard !settings.conceded else { return nil }
        _ = currentEvaluation()
        guard let board = scoreBoard, board.isIncremental else { return nil }
        switch edit {
        case .setValue(let id, .base(let value)):
            guard let c = map.index(of: id) else { return nil }
            let old = map.claims[c].base
            board.baseChanged(c, to: value, map: map)
            defer { board.baseChanged(c, to: old, map: map) }
            return board.evaluation
        case .setWeight(let from, let to, let value):
            guard let f = map.index(of: from), let t = map.index(of: to), let r = map.relationIndex(from: f, to: t) else { return nil }
            let old = map.relations[r].weight
            board.weightChanged(relation: r, to: value, map: map)
            defer { board.weightChanged(relation: r, to: old, map: map) }
            return board.evaluation
        default:
            return nil
        }
    }

    /// Brings the live scores up to date after an edit was applied to the map.
    func noteScores(_ edit: Edit) {
        guard let board = scoreBoard else { return }
        // Drops change with any edit: with conceded scoring, start again.
        if settings.conceded { scoreBoard = nil; return }
        switch edit {
        case .setText, .rename:
            return
        case .setValue(let id, let value):
            if case .base(let b) = value, let c = map.index(of: id) { board.baseChanged(c, to: b, map: map) }
        case .setWeight(let from, let to, let w):
            if let f = map.index(of: from), let t = map.index(of: to), let r = map.relationIndex(from: f, to: t) {
                board.weightChanged(relation: r, to: w, map: map)
            } else {
                scoreBoard = nil
            }
        case .batch(let edits) where edits.allSatisfy({ if case .setValue = $0 { return true }; if case .setWeight = $0 { return true }; if case .setText = $0 { return true }; return false }):
            for e in edits { noteScores(e) }
        default:
            scoreBoard = nil
        }
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

