import ArgMapModel

/// Arguments the other side never answered by the last speech in which it could have: an
/// argument made in a speech must be answered in the other side's next speech (the 2NC and
/// 1NR count as one). An answer that comes later is new, and does not count. Arguments whose
/// deadline the round has not reached yet are not dropped. An answer to one of a claim's own
/// supporters (a disadvantage's link) contests the claim as well.
public struct Drop: Sendable, Equatable {
    public var claim: Int
    public var side: Side
    public var speech: Speech
    /// The speech that should have answered it.
    public var deadline: Speech
    /// Answers that came too late, if any.
    public var lateAnswers: [Int]
}

/// Dropped claims grouped by sheet (``Drops/Answers/droppedClaims(bySheet:sheets:keeping:)``),
/// in flat arrays: group `g` is on sheet `sheets[g]`, with claims `claims[starts[g]..<starts[g + 1]]`.
/// Each group's claims are listed as it is read.
public struct DropGroups: RandomAccessCollection, Sendable {
    let sheets: [Int32], starts: [Int32], claims: [Int32]

    public var startIndex: Int { 0 }
    public var endIndex: Int { sheets.count }

    public subscript(g: Int) -> (sheet: Int, claims: [Int]) {
        (Int(sheets[g]), claims[Int(starts[g])..<Int(starts[g + 1])].map(Int.init))
    }
}

public enum Drops {
    /// The base score a dropped argument takes when drops are scored as conceded: a judge who
    /// votes on concessions treats an unanswered argument as true.
    public static let concededBase = 1.0

    /// Every dropped argument, in claim order.
    /// - Complexity: O(claims + relations).
    public static func find(in map: ArgumentMap, round: Round? = nil) -> [Drop] {
        let answers = Answers(map, round: round ?? Round(map))
        return answers.droppedClaims().map { answers.drop($0, in: map)! }
    }

    /// What a round's claims were answered with, worked out once (O(claims + relations)), so
    /// that whether a claim is dropped is then a look-up: the flow marks the claims it shows
    /// without listing every drop, and `drops` makes a ``Drop`` only for the ones it lists.
    public struct Answers: Sendable {
        public let round: Round
        /// Each claim's earliest answer's speech code (0 for none; see `Round.Facts`).
        let earliestCodes: [UInt8]
        /// For each speech code, the code of the speech that must answer it when the round has
        /// reached that speech, and `never` otherwise (a claim is dropped when no answer with
        /// a code up to this one reached it).
        let deadlines: [UInt8]
        static let never: UInt8 = 0x0F

        public init(_ map: ArgumentMap, round: Round) {
            self.round = round
            earliestCodes = Drops.earliestAnswers(map, round)
            deadlines = (0...Int(Round.Facts.speech)).map { code in
                guard let last = round.lastSpeech, let deadline = Speech(order: code - 1)?.answeredBy, deadline <= last else { return Answers.never }
                return Round.Facts.code(deadline)
            }
        }

        /// Whether a claim whose earliest answer and deadline have these codes was dropped: no
        /// answer (code 0) counts as later than any deadline, and `never` as no deadline.
        @inline(__always) static func isDropped(earliest: UInt8, deadline: UInt8) -> Bool {
            (earliest == 0 ? never : earliest) > deadline
        }

        /// Whether claim `c` was dropped: its answering speech has come, and no answer reached
        /// it by then.
        public func isDropped(_ c: Int) -> Bool {
            Answers.isDropped(earliest: earliestCodes[c], deadline: deadlines[Int(round.facts[c] & Round.Facts.speech)])
        }

        /// Whether each claim was dropped, read from the answers' bytes in place: for the
        /// passes over every claim.
        struct DropTest: @unchecked Sendable {
            let facts: UnsafeBufferPointer<UInt8>, earliest: UnsafeBufferPointer<UInt8>, deadlines: UnsafeBufferPointer<UInt8>
            @inline(__always) func callAsFunction(_ c: Int) -> Bool {
                Answers.isDropped(earliest: earliest[c], deadline: deadlines[Int(facts[c] & Round.Facts.speech)])
            }
        }

        /// Runs `body` with a ``DropTest`` that must not outlive it.
        func withDropTest<R>(_ body: (DropTest) -> R) -> R {
            round.facts.withUnsafeBufferPointer { facts in
                earliestCodes.withUnsafeBufferPointer { earliest in
                    deadlines.withUnsafeBufferPointer { deadlines in body(DropTest(facts: facts, earliest: earliest, deadlines: deadlines)) }
                }
            }
        }

        /// The dropped claims, in claim order.
        public func droppedClaims() -> [Int] {
            // A first pass counts them (a read in order of two bytes a claim), so the list is
            // made at its size.
            withDropTest { dropped in
                var count = 0
                for c in dropped.facts.indices where dropped(c) { count += 1 }
                return [Int](unsafeUninitializedCapacity: count) { buffer, initialized in
                    for c in dropped.facts.indices where dropped(c) {
                        buffer[initialized] = c
                        initialized += 1
                    }
                }
            }
        }

        /// The dropped claims grouped by sheet, as `drops` lists them: `firstSheets[c]` is claim
        /// `c`'s sheet (-1 for none; those group under `sheets`, after every sheet's number).
        /// Groups come in the order of their first drop, each with only its first `keeping`
        /// claims in claim order; `count` is every dropped claim. One pass over the claims, in
        /// two pieces on both cores, without a list of every drop; the groups are kept in flat
        /// arrays (``DropGroups``), not an array each: a map may have a sheet for each of a
        /// million claims.
        public func droppedClaims(bySheet firstSheets: [Int32], sheets: Int, keeping: Int) -> (count: Int, groups: DropGroups) {
            // Each piece's groups in the order of their first drop (numbered by sheet in
            // `groupOf`), how many claims each keeps, and the claims kept, in claim order, each
            // with its group.
            struct Piece { var count = 0, groupOf: [Int32] = [], sheets: [Int32] = [], kept: [Int32] = [], entryGroup: [Int32] = [], entryClaim: [Int32] = [] }
            let n = round.facts.count
            let pieces = Parallel.pieces(0..<n, n >= 1 << 16 ? 2 : 1)
            var found = withDropTest { dropped in
                firstSheets.withUnsafeBufferPointer { firstSheets in
                    let shared = Parallel.Unchecked((dropped, firstSheets))
                    return Parallel.map(pieces.count) { k -> Piece in
                        let (dropped, firstSheets) = shared.value
                        var piece = Piece(groupOf: [Int32](repeating: -1, count: sheets + 1))
                        // (Room for a group and an entry for each claim, as when every claim has
                        // a sheet of its own: grown as they are appended, they were copied over
                        // and over. Room never written costs no memory.)
                        piece.sheets.reserveCapacity(pieces[k].count); piece.kept.reserveCapacity(pieces[k].count)
                        piece.entryGroup.reserveCapacity(pieces[k].count); piece.entryClaim.reserveCapacity(pieces[k].count)
                        for c in pieces[k] where dropped(c) {
                            piece.count += 1
                            let sheet = firstSheets[c] < 0 ? sheets : Int(firstSheets[c])
                            if piece.groupOf[sheet] < 0 {
                                piece.groupOf[sheet] = Int32(piece.sheets.count)
                                piece.sheets.append(Int32(sheet))
                                piece.kept.append(0)
                            }
                            let g = Int(piece.groupOf[sheet])
                            if piece.kept[g] < keeping {
                                piece.kept[g] += 1
                                piece.entryGroup.append(Int32(g)); piece.entryClaim.append(Int32(c))
                            }
                        }
                        return piece
                    }
                }
            }
            // The pieces' groups one after the other, a sheet's claims in piece order. The first
            // piece's groups come first, numbered as it numbered them; each later piece's are
            // found among them by sheet (in an array, as in each piece: a map may have a sheet
            // for each of a million claims, which a dictionary took 0.1 s to gather), their
            // sizes cut to `keeping`; then the claims are written in place.
            var groupOf: [Int32] = [], groupSheets: [Int32] = [], sizes: [Int32] = []
            swap(&groupOf, &found[0].groupOf); swap(&groupSheets, &found[0].sheets); swap(&sizes, &found[0].kept)
            let numbered = found.dropFirst().map { piece in
                piece.sheets.indices.map { l -> Int32 in
                    let sheet = Int(piece.sheets[l])
                    if groupOf[sheet] < 0 {
                        groupOf[sheet] = Int32(groupSheets.count)
                        groupSheets.append(Int32(sheet)); sizes.append(0)
                    }
                    let g = Int(groupOf[sheet])
                    sizes[g] = Int32(min(keeping, Int(sizes[g]) + Int(piece.kept[l])))
                    return Int32(g)
                }
            }
            var starts = [Int32](repeating: 0, count: sizes.count + 1)
            for g in sizes.indices { starts[g + 1] = starts[g] + sizes[g] }
            var next = starts, claims = [Int32](repeating: 0, count: Int(starts[sizes.count]))
            for (k, piece) in found.enumerated() {
                for (l, c) in zip(piece.entryGroup, piece.entryClaim) {
                    let g = k == 0 ? Int(l) : Int(numbered[k - 1][Int(l)])
                    guard next[g] < starts[g + 1] else { continue }
                    claims[Int(next[g])] = c
                    next[g] += 1
                }
            }
            return (found.reduce(0) { $0 + $1.count }, DropGroups(sheets: groupSheets, starts: starts, claims: claims))
        }

        /// Claim `c`'s drop (nil when it is not dropped), with the answers that came too late.
        public func drop(_ c: Int, in map: ArgumentMap) -> Drop? {
            guard isDropped(c), let speech = round.speech[c], let deadline = speech.answeredBy else { return nil }
            let side = round.side[c]
            // Only a claim answered directly has answers that came too late.
            var late: [Int] = []
            if round.firstAnswer[c] != nil {
                for r in map.incoming[c] where round.side[map.relations[r].from] != side { late.append(map.relations[r].from) }
            }
            return Drop(claim: c, side: side, speech: speech, deadline: deadline, lateAnswers: late)
        }
    }

    /// The earliest answer from the other side that reaches each claim, directly or through
    /// the claims of its own side that support it (answering a disadvantage's link contests the
    /// disadvantage), as speech codes (0 for none; see `Round.Facts`). Claims answered directly
    /// (``Round/firstAnswer``) are taken earliest answer first, and each hands its answer on to
    /// the same-side claims it supports that have none yet, so every claim gets the earliest
    /// answer it can reach: one pass, with cycles or without, no recursion.
    /// - Complexity: O(claims + relations).
    static func earliestAnswers(_ map: ArgumentMap, _ round: Round) -> [UInt8] {
        if round.answersComeAfter { return earliestAnswersInTree(map, round) }
        return round.order.isEmpty ? earliestAnswersInAnyMap(map, round) : earliestAnswersInOrder(map, round)
    }

    /// ``earliestAnswers(_:_:)`` on any map, by the speech of each answer.
    static func earliestAnswersInAnyMap(_ map: ArgumentMap, _ round: Round) -> [UInt8] {
        let n = map.count
        let speeches = Speech.allCases.count
        var earliest = [UInt8](repeating: 0, count: n)
        let targets = round.relationTargets(map)
        targets.withUnsafeBufferPointer { targets in
        map.outgoing.withUnsafeLists { outgoing in
        round.facts.withUnsafeBufferPointer { facts in
        round.firstAnswers.withUnsafeBufferPointer { firstAnswer in
        earliest.withUnsafeMutableBufferPointer { earliest in
            // The claims answered directly, by the code of that answer (a counting sort): those
            // with code k are answered[starts[k - 1]..<starts[k]].
            var starts = [Int](repeating: 0, count: speeches + 1)
            for y in 0..<n where firstAnswer[y] != 0 { starts[Int(firstAnswer[y])] += 1 }
            for k in 0..<speeches { starts[k + 1] += starts[k] }
            var next = starts
            var answered = [Int32](repeating: 0, count: starts[speeches])
            for y in 0..<n where firstAnswer[y] != 0 {
                let code = Int(firstAnswer[y])
                answered[next[code - 1]] = Int32(y)
                next[code - 1] += 1
            }
            var stack: [Int] = []
            answered.withUnsafeBufferPointer { answered in
                for code in 1...speeches {
                    for k in starts[code - 1]..<starts[code] {
                        // The claims a few places on are read at random: what they will read is
                        // asked for ahead.
                        outgoing.prefetch(ahead: answered, of: k, step: 4, ends: targets)
                        guard earliest[Int(answered[k])] == 0 else { continue }
                        let y = Int(answered[k])
                        earliest[y] = UInt8(code)
                        stack.append(y)
                        while let x = stack.popLast() {
                            let side = facts[x] & Round.Facts.negative
                            for r in outgoing[x] {
                                let target = targets[r]
                                let parent = RelationEnds.claim(target)
                                if RelationEnds.supports(target) && earliest[parent] == 0 && facts[parent] & Round.Facts.negative == side {
                                    earliest[parent] = UInt8(code)
                                    stack.append(parent)
                                }
                            }
                        }
                    }
                }
            }
        }}}}}
        return earliest
    }

    /// ``earliestAnswers(_:_:)`` on a tree whose claims each come after the claim they answer
    /// (``Round/answersComeAfter``): from the last claim to the first, each claim has every
    /// answer under it by the time it is met, and hands the earliest on to the claim it
    /// supports on its own side. One pass over the claims in order, backwards.
    static func earliestAnswersInTree(_ map: ArgumentMap, _ round: Round) -> [UInt8] {
        var earliest = round.firstAnswers
        round.answered.withUnsafeBufferPointer { answered in
        earliest.withUnsafeMutableBufferPointer { earliest in
            for x in earliest.indices.reversed() where earliest[x] != 0 {
                // In a tree a support is on its target's side (a claim that answers nothing
                // supports nothing).
                let up = answered[x]
                guard RelationEnds.supports(up) else { continue }
                let parent = RelationEnds.claim(up)
                if earliest[parent] == 0 || earliest[x] < earliest[parent] { earliest[parent] = earliest[x] }
            }
        }}
        return earliest
    }

    /// ``earliestAnswers(_:_:)`` on a map with no cycle whose round keeps an order of its
    /// claims (``Round/order``): backwards through it, each claim has every answer under it by
    /// the time it is met, and hands the earliest on to the claims it supports on its own
    /// side. One pass over the claims and their relations.
    static func earliestAnswersInOrder(_ map: ArgumentMap, _ round: Round) -> [UInt8] {
        var earliest = round.firstAnswers
        let targets = round.relationTargets(map)
        round.order.withUnsafeBufferPointer { order in
        targets.withUnsafeBufferPointer { targets in
        map.outgoing.withUnsafeLists { outgoing in
        round.facts.withUnsafeBufferPointer { facts in
        earliest.withUnsafeMutableBufferPointer { earliest in
            for k in order.indices.reversed() {
                let x = Int(order[k]), code = earliest[x]
                guard code != 0 else { continue }
                let side = facts[x] & Round.Facts.negative
                for r in outgoing[x] {
                    let target = targets[r]
                    let parent = RelationEnds.claim(target)
                    guard RelationEnds.supports(target), facts[parent] & Round.Facts.negative == side else { continue }
                    if earliest[parent] == 0 || code < earliest[parent] { earliest[parent] = code }
                }
            }
        }}}}}
        return earliest
    }

    /// The map with every dropped argument's base raised to ``concededBase``.
    public static func conceded(_ map: ArgumentMap) -> ArgumentMap {
        var m = map
        for c in Answers(map, round: Round(map)).droppedClaims() where m.claims[c].base < concededBase {
            _ = try? m.apply(.setValue(m.claims[c].id, .base(concededBase)))
        }
        return m
    }
}
