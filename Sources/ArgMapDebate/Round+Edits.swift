import ArgMapModel

/// The round brought along the edits of its map, so that the flow, `drops` and `impacts` after
/// an edit do not work the whole round out again.
///
/// A claim's facts come from its parent (``Round/answered``), and the search from the theses
/// meets the claims in an order set by the theses, each claim's parent and the order of the
/// relation lists. An edit that leaves every other claim's parent as it was therefore leaves
/// every other claim's facts as they were, and the order in which the search meets them:
///
/// - adding a claim: nothing answers it, and it answers nothing yet (`add` links it after);
/// - linking a claim that nothing answers and that answered nothing: it takes its facts from
///   the claim it answers now; moving such a claim to another parent likewise;
/// - removing a relation or claims, when no claim that stays had its parent among them: a
///   claim that answered several others and was reached through one that stays is reached
///   through it still.
///
/// The first answers of the claims that gained or lost an answer are worked out again from
/// their answers. Any other edit has the round worked out afresh. A test compares the round
/// followed through random edits with the round worked out afresh after each.
extension Round {
    /// Whether a map's round is the same after `edit` as before. The round reads only the
    /// claims and relations, the relations' kinds, and the claims' `speech` data: an edit of
    /// texts, ids, base scores, weights, or other data moves no claim's side or speech.
    public static func survives(_ edit: Edit) -> Bool {
        switch edit {
        case .setText, .rename, .setWeight:
            return true
        case .setValue(_, let value):
            if case .data(let key, _) = value { return key != "speech" }
            return true
        case .batch(let edits):
            return edits.allSatisfy(survives)
        default:
            return false
        }
    }

    /// Brings the round along one edit of its map: a step, not a batch (as
    /// `ArgumentMap.apply(_:step:)` gives them), with `map` as the edit left it and `inverse`
    /// what applying it returned. Returns false, with the round unchanged, when the edit can
    /// move claims it does not touch (see above): the round is then to be worked out afresh.
    /// - Complexity: O(1) for a claim added at the end; a pass over the claims' facts (a byte
    ///   each) for the latest speech after a link, an unlink or a move; a few passes over the
    ///   claims' and relations' packed numbers for a claim put in before others, or a removal
    ///   (whose check reads only the relations that went). Where the round keeps an order of
    ///   its claims (``order``), a link or a move also looks for the claim in it from its end,
    ///   and a claim put in before others or a removal renumbers it in one more pass.
    public mutating func follow(_ edit: Edit, inverse: Edit, in map: ArgumentMap) -> Bool {
        if Round.survives(edit) { return true }
        guard allReached else { return false }
        switch (edit, inverse) {
        case (.addClaim(let claim, _), _):
            guard let c = map.index(of: claim.id) else { return false }
            return added(c, in: map)
        case (.link(let spec, _), _):
            return linked(spec, in: map)
        case (.unlink, .link(let spec, let r?)):
            return unlinked(spec, at: r, in: map)
        case (.move(let id, let from, let to), _):
            return moved(id, from: from, to: to, in: map)
        case (.removeClaim, .restoreClaim(_, let c, let placed)):
            return removed(at: [c], relations: placed.map(\.position).sorted(), in: map)
        case (.removeClaims, .restoreClaims(_, let positions, let placed)):
            return removed(at: positions, relations: placed.map(\.position).sorted(), in: map)
        default:
            return false
        }
    }

    /// Claim `c`, just added with no relation: a thesis.
    private mutating func added(_ c: Int, in map: ArgumentMap) -> Bool {
        guard map.outgoing[c].isEmpty, map.incoming[c].isEmpty, c <= facts.count else { return false }
        if c < facts.count {
            // Every claim number from c on moves up by one.
            let after = Renumbering(inserting: [c]), claims = facts.count
            Round.renumber(&answered, after, claims: claims)
            Round.renumber(&sources, after, claims: claims)
            Round.renumber(&targets, after, claims: claims)
            order.withUnsafeMutableBufferPointer { after.apply(to: $0, from: c, minimum: 1 << 16) }
        }
        // It answers nothing, and nothing answers it: anywhere in the order, the end among them.
        if !order.isEmpty { order.append(Int32(c)) }
        facts.insert(Round.thesis(Round.own(map.claims[c])), at: c)
        firstAnswers.insert(0, at: c)
        answered.insert(RelationEnds.none, at: c)
        lastSpeech = max(lastSpeech, Facts.speech(facts[c]))
        return true
    }

    /// A relation just added: followed when its source was a thesis nothing answers.
    private mutating func linked(_ spec: RelationSpec, in map: ArgumentMap) -> Bool {
        guard let a = map.index(of: spec.from), let b = map.index(of: spec.to), let r = map.relationIndex(from: a, to: b),
              map.incoming[a].isEmpty, map.outgoing[a].count == 1 else { return false }
        let relation = map.relations[r]
        if !sources.isEmpty {
            sources.insert(Round.source(relation), at: r)
            targets.insert(RelationEnds.end(relation), at: r)
        }
        answer(a, to: relation, in: map)
        return true
    }

    /// The relation from `spec.from` to `spec.to`, which was relation `r`, just removed.
    private mutating func unlinked(_ spec: RelationSpec, at r: Int, in map: ArgumentMap) -> Bool {
        guard let a = map.index(of: spec.from), let b = map.index(of: spec.to) else { return false }
        let wasParent = RelationEnds.claim(answered[a]) == b
        // A claim left with answers, or with other claims to answer, may be reached otherwise.
        if wasParent && !(map.incoming[a].isEmpty && map.outgoing[a].isEmpty) { return false }
        if !sources.isEmpty {
            sources.remove(at: r)
            targets.remove(at: r)
        }
        if wasParent {
            facts[a] = Round.thesis(Round.own(facts[a]))
            answered[a] = RelationEnds.none
        }
        firstAnswers[b] = firstAnswer(of: b, in: map)
        lastSpeech = Round.latest(facts)
        return true
    }

    /// Claim `id`'s relation just moved from `from` to `to`: followed when it is the claim's
    /// only relation and nothing answers the claim.
    private mutating func moved(_ id: String, from: String, to: String, in map: ArgumentMap) -> Bool {
        guard let c = map.index(of: id), let p = map.index(of: from), let q = map.index(of: to),
              let r = map.relationIndex(from: c, to: q), map.incoming[c].isEmpty, map.outgoing[c].count == 1 else { return false }
        let relation = map.relations[r]
        if !targets.isEmpty { targets[r] = RelationEnds.end(relation) }
        firstAnswers[p] = firstAnswer(of: p, in: map)
        answer(c, to: relation, in: map)
        return true
    }

    /// Claim `a`, whom nothing answers, now answering through `relation` only: its facts from
    /// its new parent's. In the order of the claims (``order``) it goes last, after the claim
    /// it answers now (nothing answers it, so no claim has to come after it).
    private mutating func answer(_ a: Int, to relation: Relation, in map: ArgumentMap) {
        if let last = order.last, last != Int32(a), let k = order.lastIndex(of: Int32(a)) {
            order.remove(at: k)
            order.append(Int32(a))
        }
        let b = relation.to
        facts[a] = Round.answering(facts[b], supports: relation.type == .support, own: Round.own(facts[a]), Facts.NextCodes())
        answered[a] = RelationEnds.end(relation)
        var first = firstAnswers[b] == 0 ? Facts.noAnswer : firstAnswers[b]
        Round.answers(facts[a], parent: facts[b], &first)
        firstAnswers[b] = first == Facts.noAnswer ? 0 : first
        if b > a { answersComeAfter = false }
        lastSpeech = Round.latest(facts)
    }

    /// The claims that stood at `positions` (ascending), just removed with the relations that
    /// stood at `relations` (ascending): followed when no claim that stays had its parent
    /// among them. Read from the round's own numbers, with no id looked up.
    private mutating func removed(at positions: [Int], relations: [Int], in map: ArgumentMap) -> Bool {
        let n = facts.count
        guard let last = positions.last, last < n, positions.count + map.count == n else { return false }
        let after = Renumbering(removing: positions)
        // Every claim that stays is reached through one that stays: no relation that went ran
        // from a claim that stays to its parent. On a tree, where each claim's one relation is
        // its parent, none ran from a claim that stays at all: each that went left a claim
        // that went.
        let intact: Bool
        if sources.isEmpty {
            intact = relations.count == positions.count { answered[$0] != RelationEnds.none }
        } else {
            intact = relations.allSatisfy { r in
                let s = RelationEnds.claim(sources[r])
                return after.number(s) < 0 || RelationEnds.claim(answered[s]) != RelationEnds.claim(targets[r])
            }
        }
        guard intact else { return false }
        // The claims that stay and lost an answer, by their numbers now: the targets that stay
        // of the relations that went (on a tree, each claim's one relation is its parent).
        var lostAnswers: [Int] = []
        if sources.isEmpty {
            for x in positions where answered[x] != RelationEnds.none {
                let t = after.number(RelationEnds.claim(answered[x]))
                if t >= 0 { lostAnswers.append(t) }
            }
        } else {
            for r in relations {
                let t = after.number(RelationEnds.claim(targets[r]))
                if t >= 0 { lostAnswers.append(t) }
            }
        }
        // Only claims that went can have taken the latest speech with them.
        let latest = lastSpeech
        let tookLatest = positions.contains { Facts.speech(facts[$0]) == latest }
        Round.remove(positions, from: &facts)
        Round.remove(positions, from: &firstAnswers)
        Round.remove(positions, from: &answered)
        Round.renumber(&answered, after, claims: n)
        // The claims that stay keep their order, by their numbers now.
        if !order.isEmpty {
            let kept = order.withUnsafeMutableBufferPointer { order in
                var kept = 0
                if let (at, by) = after.shift {
                    // One run, at + by..<at, went; the claims after it move down by its length:
                    // arithmetic, with no branch.
                    let low = Int32(at + by), high = Int32(at), step = Int32(by)
                    for k in order.indices {
                        let c = order[k]
                        order[kept] = c >= high ? c &+ step : c
                        kept &+= c >= low && c < high ? 0 : 1
                    }
                } else {
                    for k in order.indices {
                        let c = after.number(Int(order[k]))
                        if c >= 0 { order[kept] = Int32(c); kept += 1 }
                    }
                }
                return kept
            }
            order.removeLast(order.count - kept)
        }
        if !sources.isEmpty {
            Round.remove(relations, from: &sources)
            Round.remove(relations, from: &targets)
            Round.renumber(&sources, after, claims: n)
            Round.renumber(&targets, after, claims: n)
        }
        for t in lostAnswers { firstAnswers[t] = firstAnswer(of: t, in: map) }
        if tookLatest { lastSpeech = Round.latest(facts) }
        return true
    }

    /// Claim `b`'s first answer (a speech code, 0 for none) from its answers as they are.
    private func firstAnswer(of b: Int, in map: ArgumentMap) -> UInt8 {
        var first = Facts.noAnswer
        for r in map.incoming[b] { Round.answers(facts[map.relations[r].from], parent: facts[b], &first) }
        return first == Facts.noAnswer ? 0 : first
    }

    /// Removes the elements at `positions` (ascending), keeping the others in order: the
    /// stretches between them moved down a block at a time.
    static func remove<T: BitwiseCopyable>(_ positions: [Int], from array: inout [T]) {
        guard let first = positions.first else { return }
        array.withUnsafeMutableBufferPointer { a in
            guard let base = a.baseAddress else { return }
            var write = first, k = 0
            while k < positions.count {
                // The stretch that stays after positions[k] (and any run of positions from it).
                var start = positions[k] + 1
                k += 1
                while k < positions.count && positions[k] == start { start += 1; k += 1 }
                let end = k < positions.count ? positions[k] : a.count
                (base + write).update(from: base + start, count: end - start)
                write += end - start
            }
        }
        array.removeLast(positions.count)
    }

    /// Maps the claim number of every end (not ``RelationEnds/none``) through `renumbering`
    /// of `claims` claims: for claims removed or put in at one place, by arithmetic, and not
    /// at all when nothing comes after them.
    static func renumber(_ ends: inout [UInt32], _ renumbering: Renumbering, claims: Int) {
        if let (at, by) = renumbering.shift {
            guard at < claims else { return }
            let at = UInt32(at), by = UInt32(bitPattern: Int32(by))
            ends.withUnsafeMutableBufferPointer { ends in
                let shared = Parallel.Unchecked(ends)
                Parallel.forEachPiece(ends.count, minimum: 1 << 16) { piece in
                    let ends = shared.value
                    // `none` is past every claim number, and stays: it is not moved.
                    for i in piece where ends[i] & ~RelationEnds.supportBit >= at && ends[i] != RelationEnds.none { ends[i] &+= by }
                }
            }
            return
        }
        ends.withUnsafeMutableBufferPointer { ends in
            for i in ends.indices where ends[i] != RelationEnds.none {
                let end = ends[i]
                ends[i] = UInt32(renumbering(RelationEnds.claim(end))) | end & RelationEnds.supportBit
            }
        }
    }

    /// A claim's own facts before the round: its recorded speech, if any.
    static func own(_ claim: Claim) -> UInt8 {
        guard !claim.isPlain, let name = claim.dataValue("speech")?.string, let s = Speech(name: name) else { return 0 }
        return Facts.code(s) | Facts.recorded
    }

    /// A claim's own facts (its recorded speech, if any) from its facts in a round.
    static func own(_ facts: UInt8) -> UInt8 {
        facts & Facts.recorded != 0 ? facts & (Facts.speech | Facts.recorded) : 0
    }

    /// The latest speech among claims' facts.
    static func latest(_ facts: [UInt8]) -> Speech? {
        var latest: UInt8 = 0
        facts.withUnsafeBufferPointer { for f in $0 { latest = max(latest, f & Facts.speech) } }
        return Facts.speech(latest)
    }

    /// A relation's source and whether it supports (``RelationEnds``).
    static func source(_ relation: Relation) -> UInt32 {
        UInt32(relation.from) | (relation.type == .support ? RelationEnds.supportBit : 0)
    }
}

private func max(_ a: Speech?, _ b: Speech?) -> Speech? {
    guard let a else { return b }
    guard let b else { return a }
    return a.order >= b.order ? a : b
}
