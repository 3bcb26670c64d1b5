import ArgMapModel
import CPrefetch

/// Each claim's side and speech in a map: the side from its stance toward the thesis (a
/// support of an attack is negative, and so on), the speech from its `speech` data, or, where
/// none is recorded, inferred: a claim on its parent's side was made in its parent's speech, an
/// answer in the other side's next speech. A claim's parent is the claim through which a search
/// breadth first from the theses first reaches it; claims no thesis reaches (on a cycle with no
/// thesis) count as theses.
///
/// Each claim's facts are packed in one byte (``Facts``), read through ``Column``s: `side[c]`,
/// `speech[c]`, `recorded[c]` and `firstAnswer[c]` as they would be from arrays.
public struct Round: Sendable {
    /// One claim's facts in a byte: bits 0–3 its speech (0 none, else its order plus one),
    /// bit 4 set for the negative, bit 5 for a recorded speech, bit 7 once the search that
    /// works the round out has reached it.
    enum Facts {
        static let speech: UInt8 = 0x0F, negative: UInt8 = 0x10, recorded: UInt8 = 0x20, reached: UInt8 = 0x80

        /// Marks, while the round is worked out, claims found to be out of every thesis's
        /// reach (and, in a tree, the claims of the climb under way).
        static let unreached: UInt8 = 0x40
        /// No answer, while answers are compared: past every speech's code (the eight speeches'
        /// codes are 1–8; a literal, so that inner loops read no global).
        static let noAnswer: UInt8 = 9

        @inline(__always) static func speech(_ facts: UInt8) -> Speech? { Speech(order: Int(facts & speech) - 1) }
        @inline(__always) static func code(_ speech: Speech) -> UInt8 { UInt8(speech.order + 1) }

        /// For a claim on each side answering a claim in the speech with each code (0–15), the
        /// code of that side's next speech (the same speech when none follows), as sixteen
        /// 4-bit codes a side: read in a search's inner loop without a table in memory.
        struct NextCodes {
            let aff: UInt64, neg: UInt64
            init() {
                func table(_ side: Side) -> UInt64 {
                    (0..<16).reduce(0) { table, code in
                        let next = Speech(order: code - 1)?.next(of: side).map(Facts.code) ?? UInt8(code)
                        return table | UInt64(next) << (4 * UInt64(code))
                    }
                }
                aff = table(.aff)
                neg = table(.neg)
            }
            @inline(__always) func code(after code: UInt8, negative: Bool) -> UInt8 {
                UInt8(truncatingIfNeeded: ((negative ? neg : aff) >> (4 * UInt64(code))) & 0xF)
            }
        }
    }

    /// Each claim's facts (see ``Facts``).
    var facts: [UInt8]
    /// Each claim's first answer's speech code (see ``Facts``: 0 for none).
    var firstAnswers: [UInt8]
    /// The claim through which the search from the theses reaches each claim, its parent, and
    /// whether the relation to it supports (see ``RelationEnds``; `RelationEnds.none` for a
    /// thesis, and for a claim no thesis reaches). On a map where no claim answers more than
    /// one other, that is the other end of each claim's one relation, so that passes over such
    /// a map read 4 bytes a claim instead of its lists and relations; following an edit
    /// (``follow(_:inverse:in:)``), it tells which claims' facts the edit can move.
    var answered: [UInt32]
    /// On other maps, each relation's source and whether it supports (see ``RelationEnds``),
    /// which the search read and the passes after it read again; empty on a tree.
    var sources: [UInt32]

    /// On maps other than trees, each relation's target and whether it supports, which the
    /// round read and ``Drops`` reads again; empty on a tree.
    var targets: [UInt32]

    /// Each relation's source (see ``RelationEnds``): the ones the round kept, or, on a tree,
    /// where it kept none, packed now.
    func relationSources(_ map: ArgumentMap) -> [UInt32] {
        sources.isEmpty ? RelationEnds.sources(map) : sources
    }
    /// Each relation's target (see ``RelationEnds``), kept or packed now, as
    /// ``relationSources(_:)``.
    func relationTargets(_ map: ArgumentMap) -> [UInt32] {
        targets.isEmpty ? RelationEnds.targets(map) : targets
    }
    /// Whether the map is a tree whose claims each come after the claim they answer (as an
    /// Argdown file's nesting gives them): then a pass over the claims from the last to the
    /// first meets every claim after all the claims under it.
    var answersComeAfter: Bool

    /// Whether a thesis reaches every claim (no claim is on, or only under, a cycle with no
    /// thesis): only such a round follows edits (``follow(_:inverse:in:)``).
    var allReached: Bool

    /// On a map with no cycle whose round was worked out in sweeps, every claim in an order in
    /// which each comes after every claim it answers (the order the sweeps worked them out):
    /// a pass in this order meets every claim after the claims it answers, and a pass
    /// backwards after the claims that answer it, as a pass in claim order does on a tree
    /// whose claims come after what they answer (``answersComeAfter``). Empty otherwise. Kept
    /// through the edits the round follows (``follow(_:inverse:in:)``).
    var order: [Int32]

    /// How the round was worked out: from the one claim each claim answers, in sweeps, or by
    /// the search.
    enum Method { case tree, sweeps, search }
    let method: Method

    /// The latest speech in the map.
    public internal(set) var lastSpeech: Speech?

    /// Each claim's side.
    public var side: Column<Side> { Column(facts) { $0 & Facts.negative == 0 ? .aff : .neg } }
    /// Each claim's speech (never nil once the round is worked out: optional for the readers
    /// that expect it so).
    public var speech: Column<Speech?> { Column(facts, Facts.speech) }
    /// Whether each claim's speech is recorded (not inferred).
    public var recorded: Column<Bool> { Column(facts) { $0 & Facts.recorded != 0 } }
    /// The earliest speech in which the other side answers each claim directly (nil for a
    /// claim nothing of the other side answers): what ``Drops`` starts from.
    public var firstAnswer: Column<Speech?> { Column(firstAnswers, Facts.speech) }

    /// One fact of every claim, read from packed bytes. The passes over every claim read the
    /// bytes themselves; these are for reading claims one at a time.
    public struct Column<Element>: RandomAccessCollection, Sendable {
        let bytes: [UInt8]
        let read: @Sendable (UInt8) -> Element
        init(_ bytes: [UInt8], _ read: @escaping @Sendable (UInt8) -> Element) {
            self.bytes = bytes
            self.read = read
        }
        public var startIndex: Int { 0 }
        public var endIndex: Int { bytes.count }
        public subscript(c: Int) -> Element { read(bytes[c]) }
    }

    /// - Complexity: O(claims + relations), no recursion: on a map where no claim answers more
    ///   than one other (a tree, or trees and loops), each claim takes its facts from the one
    ///   claim it answers, in claim order; otherwise, on a map with no cycle, in sweeps in
    ///   claim order (``workOutAcyclic(_:_:_:_:_:order:)``), else by one search breadth first. Each
    ///   claim's first answer is found while its answers' facts are at hand.
    ///
    /// `hasCycle`: whether the map is known to have a cycle (the live scores know it): the
    /// search is then made at once, the sweeps, which would find the cycle only by working
    /// nothing out, not tried. (On the generated cyclic map of a million claims, they took
    /// about a third of the round's samples.) So it is on a map with no thesis, where every
    /// claim answers another: the generated cyclic map is one.
    public init(_ map: ArgumentMap, hasCycle: Bool = false) {
        let n = map.count
        // Recorded speeches are found on both cores, and with them what each claim answers
        // (``RelationEnds/several`` for a claim that answers more than one): passes over memory
        // in order. Where no claim answers more than one other (a tree), the first claim a
        // search from the theses reaches a claim through is the only one it answers, so the
        // search's order does not matter.
        var state = [UInt8](repeating: 0, count: n)
        var answered = [UInt32](repeating: 0, count: n)
        // The claims that answer several, each with what it answers (see
        // ``RelationEnds/answered(_:_:into:several:)``), in claim order.
        var several: [UInt32] = []
        state.withUnsafeMutableBufferPointer { state in
            answered.withUnsafeMutableBufferPointer { answered in
                let shared = Parallel.Unchecked((state: state, answered: answered))
                // In eight pieces taken by both cores as each finishes one: the claims that
                // answer several, which cost the most, need not be spread evenly.
                let pieces = Parallel.pieces(0..<n, n >= 1 << 16 ? 8 : 1)
                for part in Parallel.map(pieces.count, { k in
                    Round.recordSpeeches(map, pieces[k], into: shared.value.state)
                    var several: [UInt32] = []
                    RelationEnds.answered(map, pieces[k], into: shared.value.answered, several: &several)
                    return several
                }) { several += part }
            }
        }
        var firstAnswers = [UInt8](repeating: Facts.noAnswer, count: n)
        var sources: [UInt32] = [], targets: [UInt32] = []
        var order: [Int32] = []
        if several.isEmpty {
            (answersComeAfter, allReached) = Round.workOutTree(answered, &state, &firstAnswers)
            method = .tree
        } else {
            // Each relation's source and target (for the passes after the round) are packed on
            // one core, while the other, on a map with no cycle, works the round out in sweeps;
            // on a map with one, the search does, after. Where the map is known to have one, the
            // search is made at once, the ends packed on both cores before it.
            let walked: Bool
            // A map where every claim answers another has a cycle (following what each answers
            // never ends): the sweeps would find it only by working nothing out.
            if hasCycle || !answered.contains(RelationEnds.none) {
                walked = false
                (sources, targets) = Parallel.both(if: n >= 1 << 16, { RelationEnds.sources(map, parts: 1) }, { RelationEnds.targets(map, parts: 1) })
            } else {
                (walked, (sources, targets)) = Round.workOutAcyclic(map, several, &answered, &state, &firstAnswers, order: &order) {
                    (RelationEnds.sources(map, parts: 1), RelationEnds.targets(map, parts: 1))
                }
            }
            allReached = walked || Round.search(map, sources, &state, &firstAnswers, &answered)
            method = walked ? .sweeps : .search
            answersComeAfter = false
        }
        self.answered = answered
        self.sources = sources
        self.targets = targets
        self.order = order
        // No answer is stored as 0.
        firstAnswers.withUnsafeMutableBufferPointer { first in
            for c in first.indices where first[c] == Facts.noAnswer { first[c] = 0 }
        }
        facts = state
        self.firstAnswers = firstAnswers
        lastSpeech = Round.latest(state)
    }

    /// Marks the recorded speeches of claims `range` in `state` (only claims with data can
    /// have one).
    static func recordSpeeches(_ map: ArgumentMap, _ range: Range<Int>, into state: UnsafeMutableBufferPointer<UInt8>) {
        map.claims.withUnsafeBufferPointer { claims in
            for c in range where !claims[c].isPlain { state[c] = own(claims[c]) }
        }
    }

    /// The facts of a claim that answers a claim with facts `parent` through a relation that
    /// supports or not: the parent's side or the other, and, unless recorded, the parent's
    /// speech on the same side or the other side's next speech.
    @inline(__always) static func answering(_ parent: UInt8, supports: Bool, own facts: UInt8, _ next: Facts.NextCodes) -> UInt8 {
        let parentSide = parent & Facts.negative
        let side = supports ? parentSide : parentSide ^ Facts.negative
        if facts & Facts.speech != 0 { return facts | side | Facts.reached }
        let code = parent & Facts.speech
        return facts | side | Facts.reached | (side == parentSide ? code : next.code(after: code, negative: side != 0))
    }

    /// A claim no thesis reaches (or a thesis): affirmative, in the 1AC unless recorded.
    @inline(__always) static func thesis(_ facts: UInt8) -> UInt8 {
        (facts & Facts.speech == 0 ? facts | Facts.code(.firstAffirmativeConstructive) : facts) | Facts.reached
    }

    /// Lowers a claim's first answer (`first`, a speech code) to the speech of an answer to it
    /// with `facts`, when that answer is of the other side.
    @inline(__always) static func answers(_ facts: UInt8, parent: UInt8, _ first: inout UInt8) {
        if facts & Facts.negative != parent & Facts.negative { first = min(first, facts & Facts.speech) }
    }

    /// Each claim's facts on a map where no claim answers more than one other, in claim order:
    /// a claim not worked out yet climbs to the nearest claim that is (or to a thesis), keeping
    /// the climb in a list, and the list is worked out from the top down. A climb that comes
    /// back on itself found a loop no thesis reaches, and one that ends on a claim of such a
    /// loop (or under one) found claims no thesis reaches either: every claim of it is a thesis
    /// of its own, and stays marked `unreached` until the end, for later climbs to see.
    /// Returns whether every claim comes after the claim it answers (see ``answersComeAfter``),
    /// and whether a thesis reaches every claim.
    static func workOutTree(_ answered: [UInt32], _ state: inout [UInt8], _ firstAnswers: inout [UInt8]) -> (comeAfter: Bool, allReached: Bool) {
        let next = Facts.NextCodes()
        // Set on the claims of the climb under way; with `reached`, on claims no thesis reaches.
        let marked = Facts.unreached
        // The climb: its claims, bottom first.
        let climb = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(state.count, 1))
        defer { climb.deallocate() }
        var anyUnreached = false, answersComeAfter = true
        answered.withUnsafeBufferPointer { answered in
        state.withUnsafeMutableBufferPointer { state in
        firstAnswers.withUnsafeMutableBufferPointer { firstAnswers in
            for c in 0..<state.count where state[c] & Facts.reached == 0 {
                // Most claims answer a claim already worked out (in a file's nesting, every
                // claim does): no climb.
                let up = answered[c]
                if up != RelationEnds.none {
                    let parent = RelationEnds.claim(up), parentFacts = state[parent]
                    if parentFacts & (Facts.reached | marked) == Facts.reached {
                        if parent > c { answersComeAfter = false }
                        let facts = answering(parentFacts, supports: RelationEnds.supports(up), own: state[c], next)
                        state[c] = facts
                        answers(facts, parent: parentFacts, &firstAnswers[parent])
                        continue
                    }
                }
                var x = c, top = 0, unreached = false
                while state[x] & Facts.reached == 0 {
                    let up = answered[x]
                    guard up != RelationEnds.none else {
                        state[x] = thesis(state[x])
                        break
                    }
                    guard state[x] & marked == 0 else { unreached = true; break }
                    state[x] |= marked
                    climb[top] = Int32(x)
                    top += 1
                    let parent = RelationEnds.claim(up)
                    if parent > x { answersComeAfter = false }
                    x = parent
                }
                if unreached || state[x] & marked != 0 {
                    anyUnreached = true
                    for k in 0..<top { let y = Int(climb[k]); state[y] = thesis(state[y]) }
                    for k in 0..<top {
                        let y = Int(climb[k]), parent = RelationEnds.claim(answered[y])
                        answers(state[y], parent: state[parent], &firstAnswers[parent])
                    }
                } else {
                    while top > 0 {
                        top -= 1
                        let y = Int(climb[top]), up = answered[y], parent = RelationEnds.claim(up)
                        let facts = answering(state[parent], supports: RelationEnds.supports(up), own: state[y] & ~marked, next)
                        state[y] = facts
                        answers(facts, parent: state[parent], &firstAnswers[parent])
                    }
                }
            }
            if anyUnreached {
                for c in 0..<state.count { state[c] &= ~marked }
            }
        }}}
        return (answersComeAfter && !anyUnreached, !anyUnreached)
    }

    /// Each claim's facts on a map with no cycle, as the search (``search(_:_:_:_:)``) gives
    /// them, without it: in sweeps over the claims in claim order, each claim worked out once
    /// every claim it answers is. The first sweep meets every claim; a claim that answers one
    /// not worked out yet waits for the next sweep, with the others waiting, and so on. (In a
    /// file's nesting, most claims come after what they answer, and the first sweep works
    /// out most of them.)
    ///
    /// On such a map every claim leads to a thesis, and the search reaches a claim first
    /// through the claim it answers that is nearest a thesis; of several at the same
    /// distance, through the one it met first. That is found by climbing from both, a claim at
    /// a time, through the claims each was reached through, to where the climbs meet: the one
    /// reached there through the relation listed first came first (or, where the climbs end at
    /// two theses, the one under the first thesis).
    ///
    /// The claims are ordered and given their parents on the calling thread; their facts and
    /// first answers follow on the other core, in that order, as the claims are ordered
    /// (``Parallel/Relay``): a claim's facts need only its parent's, which come before it. That
    /// core first runs `meanwhile`, whose result is returned with whether the sweeps worked
    /// the round out.
    ///
    /// `answered` and `several` hold what each claim answers
    /// (``RelationEnds/answered(_:_:into:several:)``); each claim that answers several is given
    /// in `answered` the one the search reaches it through (its parent). `order` is given the
    /// claims in the order they were worked out (``order``). Returns false, with the facts and
    /// first answers as they came and no order, on a map with a cycle (a sweep then works
    /// nothing out), or once the sweeps and climbs have taken more steps than four for each
    /// claim and one for each relation (the search is then cheaper).
    /// - Complexity: O(claims + relations).
    static func workOutAcyclic<T>(_ map: ArgumentMap, _ several: [UInt32], _ answered: inout [UInt32], _ state: inout [UInt8], _ firstAnswers: inout [UInt8],
                                  order: inout [Int32], meanwhile: () -> T) -> (walked: Bool, meanwhile: T) {
        let n = state.count
        // The claims as they are worked out, and for each, where its entry is in `several`
        // (-1 for a claim that answers one or none).
        let worked = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)
        let entries = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)
        defer { worked.deallocate(); entries.deallocate() }
        let next = Facts.NextCodes()
        // Each claim's distance from the nearest thesis; -1 before it is worked out.
        var depth = [Int32](repeating: -1, count: n)
        // The claims met by the sweeps after the first and by the climbs.
        var steps = 0
        let budget = 3 * n + map.relations.count
        // The claims waiting for a claim they answer to be worked out, in claim order, each
        // with where its entry is in `several` (past its end for a claim that answers one).
        var waiting = Pile<(claim: Int32, at: Int32)>()
        defer { waiting.free() }
        let (made, result) = map.outgoing.withUnsafeLists { outgoing in
        map.relations.withUnsafeBufferPointer { relations in
        several.withUnsafeBufferPointer { several in
        answered.withUnsafeMutableBufferPointer { answered in
        depth.withUnsafeMutableBufferPointer { depth in
        state.withUnsafeMutableBufferPointer { state in
        firstAnswers.withUnsafeMutableBufferPointer { firstAnswers in
            /// The ends of what a claim that answers several answers, from its entry at `at`.
            @inline(__always) func ends(_ at: Int) -> UnsafeBufferPointer<UInt32> {
                UnsafeBufferPointer(rebasing: several[(at + 1)..<(at + 1 + Int(several[at]))])
            }
            return Parallel.Relay.run(meanwhile: meanwhile, make: { relay -> Int? in
                var done = 0
                /// Whether the search meets claim `a` before claim `b`, both at distance `d`; nil
                /// once the climbs have run past the budget.
                func first(_ a: Int, _ b: Int, _ d: Int32) -> Bool? {
                    var a = a, b = b, d = d
                    while d > 0 {
                        let pa = RelationEnds.claim(answered[a]), pb = RelationEnds.claim(answered[b])
                        if pa == pb {
                            // The relations are listed in order: the first to the meeting point.
                            let ra = outgoing[a].first { relations[$0].to == pa }!, rb = outgoing[b].first { relations[$0].to == pb }!
                            return ra < rb
                        }
                        a = pa
                        b = pb
                        d -= 1
                        steps += 1
                        if steps > budget { return nil }
                    }
                    return a < b
                }
                /// Whether every claim that claim `x` answers is worked out (`at` as for `waiting`).
                @inline(__always) func ready(_ x: Int, _ at: Int) -> Bool {
                    let up = answered[x]
                    if up == RelationEnds.none { return true }
                    if up != RelationEnds.several { return depth[RelationEnds.claim(up)] >= 0 }
                    return ends(at).allSatisfy { depth[RelationEnds.claim($0)] >= 0 }
                }
                /// Asks for the depths of what claim `x` answers ahead (`at` as for `waiting`):
                /// they are read at random, and a map's worth of them is more than the cache holds.
                @inline(__always) func prefetch(_ x: Int, _ at: Int) {
                    guard let depth = depth.baseAddress else { return }
                    let up = answered[x]
                    if up == RelationEnds.several {
                        for e in ends(at) { argmap_prefetch(depth + RelationEnds.claim(e)) }
                    } else if up != RelationEnds.none {
                        argmap_prefetch(depth + RelationEnds.claim(up))
                    }
                }
                /// Works claim `x` out, every claim it answers being worked out: its depth, and,
                /// for a claim that answers several, its parent; false past the budget. Its facts
                /// follow on the other core.
                @inline(__always) func workOut(_ x: Int, _ at: Int) -> Bool {
                    worked[done] = Int32(x)
                    var up = answered[x]
                    entries[done] = up == RelationEnds.several ? Int32(at) : -1
                    done += 1
                    if up == RelationEnds.none {
                        depth[x] = 0
                        return true
                    }
                    guard up == RelationEnds.several else {
                        depth[x] = depth[RelationEnds.claim(up)] + 1
                        return true
                    }
                    let list = ends(at)
                    up = list[0]
                    var parent = RelationEnds.claim(up), d = depth[parent]
                    for k in 1..<list.count {
                        let e = list[k], p = RelationEnds.claim(e), dp = depth[p]
                        guard dp <= d, p != parent else { continue }
                        if dp == d {
                            guard let earlier = first(p, parent, d) else { return false }
                            guard earlier else { continue }
                        }
                        (up, parent, d) = (e, p, dp)
                    }
                    answered[x] = up
                    depth[x] = d + 1
                    return true
                }
                /// ``workOut``, then, now and then, the count worked out published: once the
                /// claim is worked out whole (its parent chosen), as the follower reads it on
                /// another core.
                @inline(__always) func workOutAndPublish(_ x: Int, _ at: Int) -> Bool {
                    guard workOut(x, at) else { return false }
                    if done & 63 == 0 { relay.publish(done) }
                    return true
                }
                // Most claims answer only claims already worked out (in a file's nesting, most
                // come after what they answer). The others wait for another sweep, in claim
                // order. The claim `ahead` on from the one being worked out, and its entry in
                // `several`.
                let ahead = 16
                var at = 0, aheadAt = 0
                for c in 0..<min(ahead, n) where answered[c] == RelationEnds.several { aheadAt += 1 + Int(several[aheadAt]) }
                for c in 0..<n {
                    if c + ahead < n {
                        prefetch(c + ahead, aheadAt)
                        if answered[c + ahead] == RelationEnds.several { aheadAt += 1 + Int(several[aheadAt]) }
                    }
                    var mine = several.count
                    if answered[c] == RelationEnds.several {
                        mine = at
                        at += 1 + Int(several[at])
                    }
                    if ready(c, mine) {
                        guard workOutAndPublish(c, mine) else { return nil }
                    } else {
                        waiting.push((Int32(c), Int32(mine)))
                    }
                }
                while waiting.count > 0 {
                    let claims = waiting.buffer
                    var kept = 0
                    for k in claims.indices {
                        if k + ahead < claims.count { prefetch(Int(claims[k + ahead].claim), Int(claims[k + ahead].at)) }
                        let (c, at) = (Int(claims[k].claim), Int(claims[k].at))
                        if ready(c, at) {
                            guard workOutAndPublish(c, at) else { return nil }
                        } else {
                            claims[kept] = claims[k]
                            kept += 1
                        }
                    }
                    // A sweep that works nothing out found a cycle (each claim left waits for
                    // another left).
                    steps += claims.count
                    guard kept < claims.count, steps <= budget else { return nil }
                    waiting.keepFirst(kept)
                }
                return done
            }, follow: { stretch in
                // Each claim's facts from its parent's, which come before it; its first answer
                // lowered in each claim it answers.
                for i in stretch {
                    let x = Int(worked[i]), up = answered[x]
                    if up == RelationEnds.none {
                        state[x] = thesis(state[x])
                        continue
                    }
                    let parent = RelationEnds.claim(up)
                    let facts = answering(state[parent], supports: RelationEnds.supports(up), own: state[x], next)
                    state[x] = facts
                    guard entries[i] >= 0 else {
                        answers(facts, parent: state[parent], &firstAnswers[parent])
                        continue
                    }
                    for e in ends(Int(entries[i])) {
                        let p = RelationEnds.claim(e)
                        answers(facts, parent: state[p], &firstAnswers[p])
                    }
                }
            })
        }}}}}}}
        if let made {
            order = Array(UnsafeBufferPointer(rebasing: worked[..<made]))
        } else {
            // As they came: recorded speeches only, no answers.
            state.withUnsafeMutableBufferPointer { state in
                for c in state.indices { state[c] = state[c] & Facts.recorded != 0 ? state[c] & (Facts.speech | Facts.recorded) : 0 }
            }
            firstAnswers.withUnsafeMutableBufferPointer { $0.update(repeating: Facts.noAnswer) }
        }
        return (made != nil, result)
    }

    /// Each claim's facts by a search breadth first from the theses, in place: each claim
    /// enters the queue once, with its facts, given when it is reached; when it leaves, every
    /// claim under it has them. Claims no thesis reaches are theses of their own. Each claim's
    /// parent goes in `answered` (``answered``). Returns whether a thesis reaches every claim.
    static func search(_ map: ArgumentMap, _ sources: [UInt32], _ state: inout [UInt8], _ firstAnswers: inout [UInt8], _ answered: inout [UInt32]) -> Bool {
        let n = state.count
        let next = Facts.NextCodes()
        var queue = [Int32](repeating: 0, count: n)
        answered.withUnsafeMutableBufferPointer { $0.update(repeating: RelationEnds.none) }
        var reachedAll = true
        answered.withUnsafeMutableBufferPointer { answered in
        sources.withUnsafeBufferPointer { sources in
        map.incoming.withUnsafeLists { incoming in
        map.outgoing.withUnsafeLists { outgoing in
        state.withUnsafeMutableBufferPointer { state in
        firstAnswers.withUnsafeMutableBufferPointer { firstAnswers in
        queue.withUnsafeMutableBufferPointer { queue in
            var tail = 0
            for r in 0..<n where outgoing[r].isEmpty {
                state[r] = thesis(state[r])
                queue[tail] = Int32(r)
                tail += 1
            }
            var head = 0
            while head < tail {
                // The claims a few places on in the queue are read at random: what they will
                // read is asked for ahead. Places past the queue's tail hold 0 until filled: a
                // wasted hint, never a wrong result.
                incoming.prefetch(ahead: UnsafeBufferPointer(queue), of: head, step: 6, ends: sources)
                let c = Int(queue[head])
                head += 1
                let parent = state[c]
                var first = Facts.noAnswer
                for r in incoming[c] {
                    let source = sources[r]
                    let child = RelationEnds.claim(source)
                    var facts = state[child]
                    if facts & Facts.reached == 0 {
                        facts = answering(parent, supports: RelationEnds.supports(source), own: facts, next)
                        state[child] = facts
                        answered[child] = UInt32(c) | source & RelationEnds.supportBit
                        queue[tail] = Int32(child)
                        tail += 1
                    }
                    answers(facts, parent: parent, &first)
                }
                firstAnswers[c] = first
            }
            guard tail < n else { return }
            reachedAll = false
            for c in 0..<n where state[c] & Facts.reached == 0 { state[c] = thesis(state[c]) | Facts.unreached }
            for c in 0..<n where state[c] & Facts.unreached != 0 {
                state[c] &= ~Facts.unreached
                var first = Facts.noAnswer
                for r in incoming[c] { answers(state[RelationEnds.claim(sources[r])], parent: state[c], &first) }
                firstAnswers[c] = first
            }
        }}}}}}}
        return reachedAll
    }
}

/// Relations' ends packed for passes that follow relations at random: one 32-bit number per
/// relation, the claim at one end and, in the top bit, whether the relation is a support. The
/// passes over a whole round read these instead of the relations themselves (32 bytes each),
/// so that what they read at random stays in the cache.
enum RelationEnds {
    static let supportBit: UInt32 = 1 << 31
    /// No relation's end: what a claim that answers nothing answers.
    static let none: UInt32 = ~supportBit
    /// What a claim that answers more than one other answers, where one end is kept a claim.
    static let several: UInt32 = ~supportBit - 1

    /// Each relation's source, on `parts` cores.
    static func sources(_ map: ArgumentMap, parts: Int = 2) -> [UInt32] {
        packed(map, sources: true, parts: parts)
    }

    /// Each relation's target, on `parts` cores.
    static func targets(_ map: ArgumentMap, parts: Int = 2) -> [UInt32] {
        packed(map, sources: false, parts: parts)
    }

    /// The sources or the targets of every relation, on `parts` cores.
    private static func packed(_ map: ArgumentMap, sources: Bool, parts: Int) -> [UInt32] {
        let count = map.relations.count
        return [UInt32](unsafeUninitializedCapacity: count) { ends, initialized in
            map.relations.withUnsafeBufferPointer { relations in
                let shared = Parallel.Unchecked((relations: relations, ends: ends))
                Parallel.forEachPiece(count, parts: parts, minimum: 1 << 16) { piece in
                    let (relations, ends) = shared.value
                    for r in piece {
                        let relation = relations[r]
                        ends[r] = sources ? UInt32(relation.from) | (relation.type == .support ? supportBit : 0) : end(relation)
                    }
                }
            }
            initialized = count
        }
    }

    /// Writes, for claims `range`, the target of each claim's one outgoing relation (``none``
    /// for a claim with none, ``several`` for one with more) into `answered`, and appends, for
    /// each claim with more, how many it answers and their ends to `several`.
    static func answered(_ map: ArgumentMap, _ range: Range<Int>, into answered: UnsafeMutableBufferPointer<UInt32>, several: inout [UInt32]) {
        map.outgoing.withUnsafeLists { outgoing in
            map.relations.withUnsafeBufferPointer { relations in
                for c in range {
                    // A claim that answers several has relations listed far from its own (where
                    // the file names it again): those of the claim sixteen on are asked for
                    // ahead.
                    if c + 16 < range.upperBound, let base = relations.baseAddress {
                        let ahead = outgoing[c + 16]
                        if ahead.count > 1 { for r in ahead { argmap_prefetch(base + r) } }
                    }
                    let up = outgoing[c]
                    if up.isEmpty { answered[c] = none; continue }
                    guard up.count == 1 else {
                        answered[c] = RelationEnds.several
                        several.append(UInt32(up.count))
                        for r in up { several.append(end(relations[r])) }
                        continue
                    }
                    answered[c] = end(relations[up[0]])
                }
            }
        }
    }

    /// A relation's target and whether it supports.
    @inline(__always) static func end(_ relation: Relation) -> UInt32 {
        UInt32(relation.to) | (relation.type == .support ? supportBit : 0)
    }

    @inline(__always) static func claim(_ end: UInt32) -> Int { Int(end & ~supportBit) }
    @inline(__always) static func supports(_ end: UInt32) -> Bool { end & supportBit != 0 }
}
