import Testing
import Synchronization
import ArgMapModel
@testable import ArgMapSemantics

/// Evaluations worked out ahead of the user's commands keep to one core, leaving the other to
/// the commands, until someone waits for them: then the rest take every core.
struct WorkAheadTests {
    /// One after another, each told it is on one core, in the list's order, until hurried;
    /// then the rest at once, told they are not; the results in the list's order either way.
    @Test func oneCoreUntilHurried() {
        let list: [Semantics] = [.quad, .euler, .qe, .mlp, .hcat, .grounded]
        for hurryAfter in [0, 1, 3, list.count] {
            let calls = Mutex<[(Semantics, Bool)]>([])
            let made = Evaluator.eachAtOnce(list, onOneCoreUntil: { calls.withLock { $0.count } >= hurryAfter }) { semantics, onOneCore in
                calls.withLock { $0.append((semantics, onOneCore)) }
                return semantics
            }
            #expect(made == list, "hurried after \(hurryAfter)")
            let seen = calls.withLock { $0 }
            #expect(seen.count == list.count)
            #expect(seen.prefix(hurryAfter).map(\.0) == Array(list.prefix(hurryAfter)), "in the list's order until hurried (\(hurryAfter))")
            #expect(seen.prefix(hurryAfter).allSatisfy(\.1) && !seen.dropFirst(hurryAfter).contains { $0.1 }, "hurried after \(hurryAfter)")
        }
    }

    /// The evaluators worked out on one core on a cyclic map whose components an evaluation
    /// found (its cycles solved with no helper, a depth's cycles on one core), never hurried or
    /// hurried midway, give each semantics' own evaluation, to the last bit; so do the
    /// evaluations of an acyclic map asked for on one core (whose passes take both cores all
    /// the same).
    @Test func onOneCoreTheScoresAreTheSame() {
        for shape in [MapGenerator.Shape.cyclic, .dag] {
            let map = MapGenerator.generate(.init(claims: 30_000, shape: shape, seed: 47))
            let live = IncrementalEvaluator(map, semantics: .dfquad)
            let list = Semantics.allCases.filter { $0 != .dfquad }
            // (Asked once before each semantics: hurried after more asks than there are
            // semantics is never hurried.)
            for hurryAfter in [list.count + 1, 2] {
                let done = Mutex(0)
                let hurried = { done.withLock { $0 >= hurryAfter } }
                let made: [Evaluation]
                if shape == .cyclic {
                    made = IncrementalEvaluator.evaluators(live.layout, list, onOneCoreUntil: {
                        done.withLock { $0 += 1 }
                        return hurried()
                    }).map(\.evaluation)
                } else {
                    made = live.layout.evaluations(list, onOneCoreUntil: hurried)
                }
                for (s, e) in zip(list, made) {
                    let own = Evaluator.evaluate(map, s)
                    #expect(e.semantics == s && e.scores == own.scores && e.labels == own.labels, "\(shape), \(s), hurried after \(hurryAfter)")
                }
            }
        }
    }
}
