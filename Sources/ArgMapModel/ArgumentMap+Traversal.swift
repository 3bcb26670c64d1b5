extension ArgumentMap {
    /// The theses: claims that support, attack or undercut nothing, in claim order.
    /// - Complexity: O(claims).
    public var roots: [Int] {
        outgoing.withUnsafeLists { outgoing in claims.indices.filter { outgoing[$0].isEmpty } }
    }

    /// The theses, the top of the map: the claims that answer no other (``roots``); on a map
    /// where every claim answers another (its top claims on a cycle, as two rival theses that
    /// attack each other), its first claim, so that the top of a map with claims is never empty.
    public var theses: [Int] {
        let roots = roots
        return roots.isEmpty && !claims.isEmpty ? [0] : roots
    }

    /// Claim `c` and its first parents (the claim each one's first relation goes to) up to a
    /// thesis, nearest first; and whether the walk stopped at a claim it had passed already (a
    /// first parent on a cycle, not listed again). The lists are read in place and the claims
    /// passed kept in ``ClaimsFound``: a chain may be a million deep.
    /// - Complexity: O(the claims walked).
    public func firstParents(of c: Int) -> (claims: [Int], cycles: Bool) {
        outgoing.withUnsafeLists { outgoing in
            relations.withUnsafeBufferPointer { relations in
                // (Declared here, not outside: what a closure changes of the function's own is
                // checked for exclusive access at every change.)
                var chain = [c], found = ClaimsFound(claims: count)
                _ = found.insert(c)
                var current = c
                while let r = outgoing[current].first {
                    let parent = relations[r].to
                    guard found.insert(parent) else { return (chain, true) }
                    chain.append(parent)
                    current = parent
                }
                return (chain, false)
            }
        }
    }

    /// The way up from claim `c` through first parents, as ``firstParents(of:)`` walks it: how
    /// many steps it takes, the thesis it ends at, and each step's number among its parent's
    /// claims (1 for the first; the relation's place in the parent's list, found by halving
    /// it), from `c`'s own step up: the first `near` of them and the last `far` (every step
    /// when there are no more). Nil when the first parents go round a cycle.
    ///
    /// One walk that keeps nothing of the steps between (a chain may be a million deep, and a
    /// position names a few of them): a cycle is found as Brent's method finds one, with a
    /// claim held at each power of two of the steps taken and compared with the walk's claim.
    /// - Complexity: O(steps), no recursion; O(near + far) memory.
    public func firstParentSteps(of c: Int, near: Int = .max, far: Int = 0) -> (steps: [Int], count: Int, thesis: Int)? {
        outgoing.withUnsafeLists { outgoing in
        incoming.withUnsafeLists { incoming in
        relations.withUnsafeBufferPointer { relations in
            // The relation of each step kept (its place in its target's list is looked up at
            // the end): the first `near`, and the last `far` in a ring.
            var first: [Int] = [], last: [Int] = []
            var count = 0, current = c, held = c, power = 1, sinceHeld = 0
            while let r = outgoing[current].first {
                if count < near { first.append(r) } else if far > 0 { if last.count < far { last.append(r) } else { last[(count - near) % far] = r } }
                count += 1
                current = relations[r].to
                if current == held { return nil }
                sinceHeld += 1
                if sinceHeld == power { held = current; power *= 2; sinceHeld = 0 }
            }
            // The ring's oldest step first.
            let kept = count - first.count
            if far > 0 && kept > last.count { last = Array(last[(kept % far)...] + last[..<(kept % far)]) }
            let steps = (first + last).map { r in incoming[relations[r].to].lowerBound(r) + 1 }
            return (steps, count, current)
        }}}
    }

    /// The claims under a claim (its supporters, attackers and undercutters), with the relation
    /// that joins each, in relation order.
    public func children(of c: Int) -> [(claim: Int, relation: Int)] {
        incoming[c].map { (relations[$0].from, $0) }
    }

    /// The claims beneath claim `c` (those that bear on it, directly or through others),
    /// nearest first (breadth first, each claim's in relation order), at most `limit` of them;
    /// and whether there are more. The search stops at the limit.
    /// - Complexity: O(claims) for the marks, plus the claims and relations visited.
    public func claimsBeneath(_ c: Int, atMost limit: Int = .max) -> (claims: [Int], more: Bool) {
        var beneath: [Int] = []
        var seen = [Bool](repeating: false, count: count)
        seen[c] = true
        var queue = [c], head = 0
        while head < queue.count {
            for r in incoming[queue[head]] where !seen[relations[r].from] {
                if beneath.count == limit { return (beneath, true) }
                seen[relations[r].from] = true
                beneath.append(relations[r].from)
                queue.append(relations[r].from)
            }
            head += 1
        }
        return (beneath, false)
    }

    /// The claims that no thesis reaches: those under no thesis, all the way down (each on or
    /// above a cycle that answers no thesis), in claim order. None when the map has no thesis
    /// (every claim answers another): then ``theses`` is its first claim, and the claims that
    /// claim does not reach are not counted either.
    /// `roots` are the map's ``roots``, found already (`check` counts them).
    /// - Complexity: O(claims + relations), no recursion.
    package func claimsNoThesisReaches(from roots: [Int]) -> [Int] {
        guard !roots.isEmpty, !everyClaimAnswersAnEarlierOne() else { return [] }
        let n = count
        // The claims reached, and a queue of them, in memory of their own (`check` of a million
        // claims takes this walk: an array's append and a Bool array took 20–40 ms of it).
        let seen = UnsafeMutablePointer<Bool>.allocate(capacity: max(n, 1))
        let queue = UnsafeMutablePointer<Int32>.allocate(capacity: max(n, 1))
        defer { seen.deallocate(); queue.deallocate() }
        seen.initialize(repeating: false, count: n)
        for (k, c) in roots.enumerated() {
            seen[c] = true
            queue[k] = Int32(c)
        }
        var tail = roots.count
        incoming.withUnsafeLists { incoming in
        relations.withUnsafeBufferPointer { relations in
            var head = 0
            while head < tail {
                for r in incoming[Int(queue[head])] {
                    let from = relations[r].from
                    if !seen[from] {
                        seen[from] = true
                        queue[tail] = Int32(from)
                        tail += 1
                    }
                }
                head += 1
            }
        }}
        guard tail < n else { return [] }
        return (0..<n).filter { !seen[$0] }
    }

    /// Whether every claim but a thesis answers a claim before it: then each reaches a thesis
    /// (answering an earlier claim, then an earlier one, ends at one that answers none), and
    /// none is out of reach. So it is in a map read from its file (where a claim comes first
    /// under a claim it answers), unless some claim that answers another starts a block of its
    /// own (a cycle no thesis reaches): one pass in claim order, where the walk from the theses
    /// took 18–31 ms at a million claims.
    func everyClaimAnswersAnEarlierOne() -> Bool {
        outgoing.withUnsafeLists { outgoing in
        relations.withUnsafeBufferPointer { relations in
            (0..<count).allSatisfy { c in
                let list = outgoing[c]
                return list.isEmpty || list.contains { relations[$0].to < c }
            }
        }}
    }

    /// The ids of `claims`, the first `first` of them, then how many more (`c1, c2, … and 40
    /// more`): for a message or a line about claims that may number thousands (the claims one
    /// answers, the ids a prefix starts, the claims no thesis reaches).
    public func named(_ claims: [Int], first: Int = namedFirst) -> String {
        let names = claims.prefix(first).map { self.claims[$0].id }.joined(separator: ", ")
        return claims.count > first ? names + ", … and \(claims.count - first) more" : names
    }

    /// How many ids ``named(_:first:)`` names before it counts the rest.
    public static let namedFirst = 8

    /// The claims a claim answers, with the joining relation.
    public func parents(of c: Int) -> [(claim: Int, relation: Int)] {
        outgoing[c].map { (relations[$0].to, $0) }
    }

    /// A topological order (every claim after all the claims under it), or nil when the map
    /// has a cycle. An undercut counts as an edge into the claim whose inference it attacks.
    /// (``orderBelowCycles()``, when that is every claim.)
    /// - Complexity: O(claims + relations), no recursion.
    public func topologicalOrder() -> [Int]? {
        let (order, complete) = orderBelowCycles()
        return complete ? order : nil
    }

    /// The claims below every cycle: those under which, all the way down, no claim lies on a
    /// cycle (nor they themselves), each after all the claims under it; `complete` when that
    /// is every claim (the map is acyclic, and `order` is its ``topologicalOrder()``). An
    /// undercut counts as an edge into the claim whose inference it attacks.
    ///
    /// In a map read from its file, a claim comes after the claims it answers, so that the
    /// claims from the last to the first are each after the claims under it, but for a claim
    /// answered by one before it or by itself (as the second parent of a claim met earlier, or
    /// where a cycle closes) and every claim above one. So those are found first: the targets
    /// of such relations, then the claims above them. Every other claim has under it, all the
    /// way down, only claims after it that were not found either (one found under it would
    /// have put it among those found), and is placed as it comes, from the last to the first.
    /// Then the claims found are searched depth first from each in turn, the others as placed
    /// already: a claim is placed once all of its own are, and a claim met again while it is
    /// still open closes a cycle (the claims from it down the path are on that cycle, and they
    /// and every claim above them are not placed). The claims of one subtree stay together,
    /// so that a pass in this order reads memory nearly in sequence. (Depth first from every
    /// thesis over every claim, as this was, it took 33–38 ms on the generated cyclic map of a
    /// million claims; there the search now meets the 126,101 claims found.)
    ///
    /// The walk up from the targets is `IncrementalEvaluator.claimsAbove(_:in:)`'s, here
    /// marking the claims in the search's own states and left unsorted: the sweep lists them
    /// from the last to the first as it goes.
    /// - Complexity: O(claims + relations), no recursion.
    public func orderBelowCycles() -> (order: [Int], complete: Bool) {
        let n = claims.count
        // Read in place, with the path on a stack of its own: a list read through the lists'
        // subscript counts a reference to their storage, twice a step.
        return incoming.withUnsafeLists { incoming in
        outgoing.withUnsafeLists { outgoing in
        relations.withUnsafeBufferPointer { relations in
            // 0 placed in the first pass; for the claims found: 1 not met yet, 2 open,
            // 3 placed, 4 closed on or above a cycle.
            let state = UnsafeMutablePointer<UInt8>.allocate(capacity: max(n, 1))
            state.initialize(repeating: 0, count: n)
            // The claims found, as they are found, then from the last to the first.
            var found = Pile<Int32>(capacity: 1_024)
            // Each claim on the path but the last, with the next of its claims to follow and
            // whether a cycle was met under it.
            var path = Pile<(claim: Int32, next: Int32, cycle: Bool)>(capacity: 1_024)
            defer { state.deallocate(); found.free(); path.free() }
            for relation in relations where relation.from <= relation.to && state[relation.to] == 0 {
                state[relation.to] = 1
                found.push(Int32(relation.to))
            }
            var head = 0
            while head < found.count {
                for r in outgoing[Int(found.buffer[head])] {
                    let above = relations[r].to
                    if state[above] == 0 {
                        state[above] = 1
                        found.push(Int32(above))
                    }
                }
                head += 1
            }
            var placed = 0
            // (With room for claims added: the live scores' order takes it in place.)
            let order = [Int](unsafeUninitializedCapacity: n + RelationLists.claimsAddedRoom) { order, initialized in
                found.removeAll()
                for c in stride(from: n - 1, through: 0, by: -1) {
                    if state[c] == 0 {
                        order[placed] = c
                        placed += 1
                    } else {
                        found.push(Int32(c))
                    }
                }
                // (Inline, not in a nested function: one that captures the path has each access
                // to it checked.)
                for f in 0..<found.count {
                    let root = Int(found.buffer[f])
                    guard state[root] == 1 else { continue }
                    state[root] = 2
                    var c = root, k = 0, list = incoming[root], cycle = false
                    while true {
                        if k < list.count {
                            let x = relations[list[k]].from
                            k += 1
                            switch state[x] {
                            case 1:
                                state[x] = 2
                                path.push((Int32(c), Int32(k), cycle))
                                (c, k, list, cycle) = (x, 0, incoming[x], false)
                            case 2, 4:
                                // A cycle: that claim is open, on the path above (2), or on
                                // or above one (4).
                                cycle = true
                            default: break
                            }
                            continue
                        }
                        if cycle {
                            state[c] = 4
                        } else {
                            state[c] = 3
                            order[placed] = c
                            placed += 1
                        }
                        guard let (parent, next, parentCycle) = path.pop() else { break }
                        (c, k, list, cycle) = (Int(parent), Int(next), incoming[Int(parent)], parentCycle || cycle)
                    }
                }
                initialized = placed
            }
            return (order, placed == n)
        }}}
    }

    /// The same map with claims and relations renumbered in the order of the canonical walk,
    /// the order its argument file lists them in and `open` gives them: each subtree's claims
    /// lie together, so passes over the map read memory nearly in sequence.
    /// - Complexity: O(claims + relations).
    public func inWalkOrder() -> ArgumentMap {
        var newIndex = [Int](repeating: -1, count: claims.count)
        var ordered: [Claim] = [], links: [Relation] = []
        ordered.reserveCapacity(claims.count)
        links.reserveCapacity(relations.count)
        canonicalWalk { step in
            if newIndex[step.claim] < 0 {
                newIndex[step.claim] = ordered.count
                ordered.append(claims[step.claim])
            }
            if let r = step.relation { links.append(relations[r]) }
        }
        for i in links.indices {
            links[i].from = newIndex[links[i].from]
            links[i].to = newIndex[links[i].to]
        }
        // Every claim and relation of a valid map, renumbered: nothing the checks could refuse.
        return try! ArgumentMap(title: title, frontmatter: frontmatter, claims: ordered, relations: links)
    }

    /// One step of the canonical walk: a claim reached through a relation (nil for a thesis or
    /// a block start), at a depth, expanded here (its first visit) or only referred to.
    public struct WalkStep: Sendable {
        public var claim: Int
        public var relation: Int?
        public var depth: Int
        public var isFirstVisit: Bool
        /// A block that goes on with a claim defined earlier at the depth limit: the claim is
        /// only referred to here (depth 0, no relation), and its own claims follow under it.
        public var isContinuation = false
    }

    /// The canonical walk of the whole map: each thesis in claim order, depth first through
    /// the claims under it; a claim met again is a reference and is not expanded twice; claims
    /// that no thesis reaches (cycles) start blocks of their own. Every relation is visited
    /// exactly once. Iterative, so a chain a million deep is fine.
    ///
    /// With a `depthLimit`, a claim first met at that depth is defined there but its own claims
    /// are walked in a continuation block after the block it was met in, so that indented
    /// output stays linear in the size of the map however deep the chain.
    /// - Complexity: O(claims + relations).
    public func canonicalWalk(depthLimit: Int = .max, _ visit: (WalkStep) -> Void) {
        var expanded = Array(repeating: false, count: claims.count)
        var stack: [WalkStep] = []
        var continuations: [Int] = []
        func run(_ first: WalkStep) {
            stack.append(first)
            var next = 0
            while true {
                while let popped = stack.popLast() {
                    var step = popped
                    step.isFirstVisit = !step.isContinuation && !expanded[step.claim]
                    visit(step)
                    guard step.isFirstVisit || step.isContinuation else { continue }
                    expanded[step.claim] = true
                    if step.depth >= depthLimit, !incoming[step.claim].isEmpty {
                        continuations.append(step.claim)
                        continue
                    }
                    for r in incoming[step.claim].reversed() {
                        stack.append(WalkStep(claim: relations[r].from, relation: r, depth: step.depth + 1, isFirstVisit: true))
                    }
                }
                guard next < continuations.count else { break }
                stack.append(WalkStep(claim: continuations[next], relation: nil, depth: 0, isFirstVisit: false, isContinuation: true))
                next += 1
            }
            continuations.removeAll(keepingCapacity: true)
        }
        for c in claims.indices where outgoing[c].isEmpty { run(WalkStep(claim: c, relation: nil, depth: 0, isFirstVisit: true)) }
        for c in claims.indices where !expanded[c] { run(WalkStep(claim: c, relation: nil, depth: 0, isFirstVisit: true)) }
    }
}

extension ArgumentMap {
    /// The readable part of an id made from a text: its first five words, lower-cased and
    /// joined by hyphens, at most 48 characters (`untitled-NUMBER` for a text with no word).
    /// ``FreshIDs`` makes it unique.
    public static func idBase(from text: String, number: Int) -> String {
        let base = idBaseByBytes(text) ?? idBaseByCharacters(text)
        return base.isEmpty ? "untitled-\(number)" : base
    }

    /// The words of ``idBase(from:number:)`` (empty for a text with no word), character by
    /// character.
    static func idBaseByCharacters(_ text: String) -> String {
        var words: [String] = []
        var current = ""
        for ch in text.lowercased() {
            if ch.isLetter || ch.isNumber {
                current.append(ch)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
                if words.count == 5 { break }
            }
        }
        if !current.isEmpty, words.count < 5 { words.append(current) }
        var base = words.joined(separator: "-")
        if base.count > 48 { base = String(base.prefix(48)) }
        return base
    }

    /// ``idBaseByCharacters(_:)`` read byte by byte, for a text whose first five words are
    /// ASCII or letters of Latin-1, basic Greek or basic Cyrillic (each one character and one
    /// scalar, lower-cased to one scalar: ``lowercaseLetter(_:)``); nil where a scalar of them
    /// is anything else, which the character way reads.
    static func idBaseByBytes(_ text: String) -> String? {
        var base: [UInt8] = []
        base.reserveCapacity(64)
        var words = 0, inWord = false
        var characters = 0, cut = -1   // the bytes of the first 48 characters
        var it = text.utf8.makeIterator()
        while let b = it.next() {
            var scalar: UInt32 = 0     // a letter past ASCII, lower-cased
            if b < 0x80 {
                let lower = b >= 0x41 && b <= 0x5A ? b + 0x20 : b
                guard (lower >= 0x61 && lower <= 0x7A) || (b >= 0x30 && b <= 0x39) else {
                    if inWord {
                        inWord = false
                        if words == 5 { break }
                    }
                    continue
                }
                scalar = UInt32(lower)
            } else {
                guard b >= 0xC2, b <= 0xDF, let b2 = it.next(), b2 & 0xC0 == 0x80,
                      let letter = lowercaseLetter(UInt32(b & 0x1F) << 6 | UInt32(b2 & 0x3F)) else { return nil }
                scalar = letter
            }
            if !inWord {
                if words > 0 {
                    base.append(0x2D)
                    characters += 1
                    if characters == 48 { cut = base.count }
                }
                words += 1
                inWord = true
            }
            if scalar < 0x80 {
                base.append(UInt8(scalar))
            } else {
                base.append(0xC0 | UInt8(scalar >> 6))
                base.append(0x80 | UInt8(scalar & 0x3F))
            }
            characters += 1
            if characters == 48 { cut = base.count }
        }
        return String(decoding: cut >= 0 ? base[..<cut] : base[...], as: UTF8.self)
    }

    /// A letter of Latin-1, of the basic Greek alphabet (but Σ, whose lower case may depend on
    /// where it stands) or of the basic Cyrillic one, lower-cased as `String.lowercased()`
    /// does; nil for any other scalar of two UTF-8 bytes.
    static func lowercaseLetter(_ v: UInt32) -> UInt32? {
        switch v {
        case 0xC0...0xD6, 0xD8...0xDE: return v + 0x20   // À…Ö, Ø…Þ
        case 0xDF...0xF6, 0xF8...0xFF: return v          // ß…ö, ø…ÿ
        case 0x391...0x3A1, 0x3A4...0x3A9: return v + 0x20  // Α…Ρ, Τ…Ω
        case 0x3B1...0x3C9: return v                     // α…ω
        case 0x400...0x40F: return v + 0x50              // Ѐ…Џ
        case 0x410...0x42F: return v + 0x20              // А…Я
        case 0x430...0x45F: return v                     // а…џ
        default: return nil
        }
    }

    /// A fresh id for a new claim with this text.
    public func makeID(from text: String) -> String {
        let base = ArgumentMap.idBase(from: text, number: count + 1)
        var id = base
        var k = 2
        while index(of: id) != nil { id = "\(base)-\(k)"; k += 1 }
        return id
    }
}
