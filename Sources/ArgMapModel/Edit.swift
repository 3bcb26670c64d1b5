/// One change to a map. Every change to an ``ArgumentMap`` is an edit: applying one returns its
/// inverse, which is what undo, the crash journal and incremental scoring build on.
public enum Edit: Equatable, Sendable {
    /// Adds a claim (at the end, or at a position).
    case addClaim(Claim, at: Int? = nil)
    /// Removes a claim and every relation that touches it.
    case removeClaim(String)
    /// Puts back a removed claim at its old position with its old relations (the inverse of
    /// `removeClaim`).
    case restoreClaim(Claim, at: Int, relations: [PlacedRelation])
    /// Removes several claims and every relation that touches them, in one pass over the map
    /// (a subtree of a hundred thousand claims is one linear step, not one per claim).
    case removeClaims([String])
    /// Puts back removed claims at their old positions (ascending) and their relations at
    /// theirs (ascending), in one pass (the inverse of `removeClaims`).
    case restoreClaims([Claim], at: [Int], relations: [PlacedRelation])
    /// Replaces a claim's text.
    case setText(String, String)
    /// Sets one of a claim's values.
    case setValue(String, ClaimValue)
    /// Renames a claim (its relations follow).
    case rename(String, to: String)
    /// Adds a relation (at the end of the relation list, or at a position).
    case link(RelationSpec, at: Int? = nil)
    /// Removes the relation from one claim to another.
    case unlink(from: String, to: String)
    /// Sets the weight of the relation from one claim to another.
    case setWeight(from: String, to: String, Double)
    /// Moves a claim's relation from one parent to another, keeping its type and weight.
    case move(String, from: String, to: String)
    /// Several edits as one step (one command, one undo).
    case batch([Edit])
}

/// A value of a claim that `Edit.setValue` changes.
public enum ClaimValue: Equatable, Sendable {
    case base(Double)
    case kind(ClaimKind)
    case tags([String])
    case sources([Source])
    case note(String?)
    case section(String?)
    case data(key: String, DataValue?)
}

extension Claim {
    /// Sets one value, unchecked.
    public mutating func set(_ value: ClaimValue) {
        switch value {
        case .base(let b): base = b
        case .kind(let k): kind = k
        case .tags(let t): tags = t
        case .sources(let s): sources = s
        case .note(let n): note = n
        case .section(let s): section = s
        case .data(let key, let v): setData(key, v)
        }
    }
}

/// A relation together with its position in the relation list.
public struct PlacedRelation: Equatable, Sendable {
    public var relation: RelationSpec
    public var position: Int

    public init(_ relation: RelationSpec, at position: Int) {
        self.relation = relation
        self.position = position
    }

    /// Where the ends of the relations `placed[range]` stand among `claims` (-1: not among
    /// them), for relations and claims in map order, as a removal lists them: handed to `each`
    /// one by one (relation, source, target) until it returns false. A relation's source is
    /// most often the claim after the one the relation before came from, its target that
    /// relation's target or source. Those are compared first (an id compared, nothing hashed);
    /// `find` is asked only for an id at neither (nil: not among them). A long list can be
    /// cut into pieces, one on each core, each guessing from its own first relation on, where
    /// `find` knows the claims (else a piece that starts past the first claim never guesses).
    @inline(__always)
    package static func forEachEnds(of placed: [PlacedRelation], in range: Range<Int>, among claims: [Claim],
                                    find: (String) -> Int?, _ each: (Int, Int, Int) -> Bool) {
        func at(_ k: Int, _ id: String) -> Bool { claims.indices.contains(k) && claims[k].id == id }
        var last = (from: -1, to: -1)
        for k in range {
            let (source, target) = (placed[k].relation.from, placed[k].relation.to)
            let from = at(last.from + 1, source) ? last.from + 1 : at(last.from, source) ? last.from : find(source) ?? -1
            let to = at(last.to, target) ? last.to : at(last.from, target) ? last.from : find(target) ?? -1
            guard each(k, from, to) else { return }
            last = (from >= 0 ? from : last.from, to >= 0 ? to : last.to)
        }
    }
}

extension ArgumentMap {
    /// The relations numbered `numbers`, each named by its ends' ids, with its number: what
    /// the undo of their removal puts back. Many (a removal of half a chain a million deep
    /// names half a million) are named in two pieces on both cores.
    func placedRelations(_ numbers: [Int]) -> [PlacedRelation] {
        let n = numbers.count
        return [PlacedRelation](unsafeUninitializedCapacity: n) { placed, made in
            let out = Parallel.Unchecked(placed.baseAddress!)
            Parallel.forEachPiece(n, minimum: 1 << 14) { piece in
                for k in piece { (out.value + k).initialize(to: PlacedRelation(spec(of: relations[numbers[k]]), at: numbers[k])) }
            }
            made = n
        }
    }
}

extension ArgumentMap {
    /// Checks an edit, performs it, and returns the edit that undoes it.
    ///
    /// A refused edit throws a ``MapError`` and leaves the map as it was (a refused step of a
    /// batch undoes the steps before it).
    /// - Complexity: O(1) amortized for adding claims, links and value changes; O(claims +
    ///   relations) for removals, restores and insertions at a position.
    @discardableResult
    public mutating func apply(_ edit: Edit) throws(MapError) -> Edit {
        try apply(edit) { _, _, _ in }
    }

    /// ``apply(_:)``, calling `step` after each edit that is not a batch is performed (a
    /// batch's steps one by one, and the inverses that take back the steps before a refused
    /// one) with the map as that edit left it, the edit and its inverse: for what must follow
    /// the map step by step, such as live scores.
    @discardableResult
    public mutating func apply(_ edit: Edit, step: (ArgumentMap, Edit, Edit) -> Void) throws(MapError) -> Edit {
        guard case .batch(let edits) = edit else {
            let inverse = try applyOne(edit)
            step(self, edit, inverse)
            return inverse
        }
        var inverses: [Edit] = []
        for edit in edits {
            do {
                inverses.append(try apply(edit, step: step))
            } catch {
                for inverse in inverses.reversed() { _ = try? apply(inverse, step: step) }
                throw error
            }
        }
        return .batch(inverses.reversed())
    }

    /// The claims `ids` name, marked by number, and their numbers ascending, each once;
    /// throws for an id no claim has.
    private func removal(of ids: [String]) throws(MapError) -> (gone: [Bool], positions: [Int]) {
        var gone = [Bool](repeating: false, count: claims.count)
        var positions: [Int] = []
        positions.reserveCapacity(ids.count)
        // Each id is tried first at the claim after the last one found, and else looked
        // up: ids listed in claim order, as rm lists a subtree, are found with one
        // comparison each, no hashing.
        var last = -1
        for id in ids {
            let c = try last + 1 < claims.count && claims[last + 1].id == id ? last + 1 : require(id)
            if !gone[c] { gone[c] = true; positions.append(c) }
            last = c
        }
        positions.sort()
        return (gone, positions)
    }

    /// From how large a share of the map a removal makes the rest afresh
    /// (``remainder(without:)``): one claim in three. On the chain a million deep (see
    /// docs/PERFORMANCE.md), a removal of a quarter took about as long either way and its first
    /// scoring after it made the fresh map slower, while the edit's `undo` took twice as long
    /// as the removal; from a third on, the fresh map is as fast or faster, and `undo` swaps it
    /// back at once.
    public static let remainderFrom = 3
    /// The fewest claims a map must have for a removal to make the rest afresh: on a smaller
    /// one either way takes well under a millisecond, and the edit's inverse then holds only
    /// what it took out, not the whole map.
    public static let remainderMinimum = 2_048

    /// The map without the claims `ids` name and the relations that touch them, when they are
    /// at least one claim in `share` (``remainderFrom`` unless given) of it, of
    /// ``remainderMinimum`` claims or more;
    /// nil (and nothing done) otherwise. Made afresh from the claims and relations kept, in
    /// their order, as a reader makes a map: what ``apply(_:)`` would leave, at a cost that
    /// grows with what is kept rather than with what goes and the renumbering of the rest, and
    /// with the map as it was left whole for undo to take back (where the edit's inverse holds
    /// every claim taken out, named, and puts each back). Throws, as the edit does, for an id
    /// no claim has.
    /// - Complexity: O(ids + claims kept + relations), and O(claims) for a mark each.
    public func remainder(without ids: [String], share: Int = remainderFrom) throws(MapError) -> ArgumentMap? {
        guard claims.count >= Self.remainderMinimum, ids.count * share >= claims.count else { return nil }
        let (gone, positions) = try removal(of: ids)
        guard positions.count * share >= claims.count else { return nil }
        let n = claims.count, keeping = n - positions.count
        if keeping == 0 { return ArgumentMap(title: title, frontmatter: frontmatter, checked: [], relations: []) }
        // Each claim's number among those kept (how many are kept before it), and the claims
        // and relations kept, copied in pieces on both cores: a piece's first claim kept goes
        // where its number says, and the pieces' relations are put together after.
        let number = [Int](unsafeUninitializedCapacity: n) { number, made in
            var k = 0
            for c in 0..<n {
                number[c] = k
                k += gone[c] ? 0 : 1
            }
            made = n
        }
        let minimum = 1 << 14
        let survivors = [Claim](unsafeUninitializedCapacity: keeping) { out, made in
            let into = Parallel.Unchecked(out.baseAddress)
            claims.withUnsafeBufferPointer { claims in
                Parallel.forEachPiece(n, minimum: minimum) { piece in
                    var k = number[piece.lowerBound]
                    for c in piece where !gone[c] {
                        (into.value! + k).initialize(to: claims[c])
                        k += 1
                    }
                }
            }
            made = keeping
        }
        let links = relations.withUnsafeBufferPointer { relations in
            let pieces = Parallel.pieces(0..<relations.count, relations.count >= minimum ? 2 : 1)
            return Parallel.concatenating(capacities: pieces.map(\.count)) { p, out in
                var kept = 0
                for r in pieces[p] {
                    let relation = relations[r]
                    guard !gone[relation.from] && !gone[relation.to] else { continue }
                    (out + kept).initialize(to: Relation(from: number[relation.from], to: number[relation.to], type: relation.type, weight: relation.weight))
                    kept += 1
                }
                return (kept, true)
            }!
        }
        return ArgumentMap(title: title, frontmatter: frontmatter, checked: survivors, relations: links)
    }

    private mutating func applyOne(_ edit: Edit) throws(MapError) -> Edit {
        switch edit {
        case .addClaim(var claim, let position):
            claim.text = Claim.normalizedText(claim.text)
            claim.tags = Claim.uniqueTags(claim.tags)
            try ArgumentMap.validate(id: claim.id)
            guard indexByIDContains(claim.id) == false else { throw .duplicateID(claim.id) }
            try ArgumentMap.validate(value: claim.base, name: "base")
            try ArgumentMap.validate(controls: claim)
            insertClaimUnchecked(claim, at: min(position ?? claims.count, claims.count))
            return .removeClaim(claim.id)

        case .removeClaim(let id):
            let c = try require(id)
            let touching = relations(touching: [c])
            let placed = placedRelations(touching)
            let claim = claims[c]
            removeClaimsUnchecked(nil, positions: [c], relations: touching)
            return .restoreClaim(claim, at: c, relations: placed)

        case .restoreClaim(let claim, let position, let placed):
            // One claim restored as several are: checked first, then in one pass.
            let inOrder = placed.enumerated().sorted { ($0.element.position, $0.offset) < ($1.element.position, $1.offset) }.map(\.element)
            try apply(.restoreClaims([claim], at: [min(max(position, 0), claims.count)], relations: inOrder))
            return .removeClaim(claim.id)

        case .removeClaims(let ids):
            let (gone, positions) = try removal(of: ids)
            let touching = relations(touching: positions, gone: gone)
            let placed = placedRelations(touching)
            let removed = removeClaimsUnchecked(gone, positions: positions, relations: touching)
            return .restoreClaims(removed, at: positions, relations: placed)

        case .restoreClaims(let restored, let positions, let placed):
            // Everything is checked before anything changes.
            guard restored.count == positions.count, zip(positions, positions.dropFirst()).allSatisfy({ $0 < $1 }),
                  positions.enumerated().allSatisfy({ $0.element >= 0 && $0.element <= claims.count + $0.offset }) else {
                throw .unknownClaim(restored.first?.id ?? "#")
            }
            // Each id put back, with its place among them (in an index of their own): none
            // twice, none already in the map (looked up together, on the other core where
            // many are put back). Each id is hashed once.
            let many = restored.count >= ArgumentMap.movesBesideIndexFrom
            let (ids, hashes) = Parallel.both(if: many, { restored.map(\.id) }, { IDIndex.hashes(restored, lanes: 1) })
            let (inMap, (back, twice)) = Parallel.both(if: many, { indices(of: ids, hashes: hashes) }) {
                var back = IDIndex(capacity: restored.count)
                for k in restored.indices {
                    // (Each slot a read at random: the slot of the id sixteen on asked for ahead.)
                    back.prefetchSlot(hashes[min(k + 16, hashes.count - 1)])
                    if back.insert(k, id: ids[k], hash: hashes[k], in: restored) != nil { return (back, k) }
                }
                return (back, restored.count)
            }
            if let k = inMap.prefix(twice).firstIndex(where: { $0 >= 0 }) ?? (twice < restored.count ? twice : nil) { throw .duplicateID(ids[k]) }
            // Each relation by its ends' numbers once the claims are in: a claim put back (its
            // position) or one in the map (looked up, and renumbered as the claims put back
            // will move it); a large list in pieces on both cores.
            let newClaim = Renumbering(inserting: positions)
            let n = placed.count, pieces = Parallel.pieces(0..<n, n >= 1 << 15 ? 2 : 1)
            let (inMapIndex, inMapClaims) = (indexByID, self.claims)
            var unknown: [String?] = [], numbers: [Int] = []
            let links = [Relation](unsafeUninitializedCapacity: n) { links, madeLinks in
                numbers = [Int](unsafeUninitializedCapacity: n) { numbers, madeNumbers in
                    let out = Parallel.Unchecked((links.baseAddress!, numbers.baseAddress!))
                    unknown = Parallel.map(pieces.count) { p -> String? in
                        var unknown: String?
                        PlacedRelation.forEachEnds(of: placed, in: pieces[p], among: restored, find: { back.find($0, in: restored) }) { k, from, to in
                            let relation = placed[k].relation
                            guard let source = from >= 0 ? positions[from] : inMapIndex.find(relation.from, in: inMapClaims).map({ newClaim($0) }) else {
                                unknown = relation.from
                                return false
                            }
                            guard let target = to >= 0 ? positions[to] : inMapIndex.find(relation.to, in: inMapClaims).map({ newClaim($0) }) else {
                                unknown = relation.to
                                return false
                            }
                            (out.value.0 + k).initialize(to: Relation(from: source, to: target, type: relation.type, weight: relation.weight))
                            (out.value.1 + k).initialize(to: placed[k].position)
                            return true
                        }
                        return unknown
                    }
                    // (Plain numbers: nothing to destroy if a piece stopped short.)
                    madeNumbers = n
                }
                madeLinks = n
            }
            if let id = unknown.lazy.compactMap({ $0 }).first { throw .unknownClaim(id) }
            insertClaimsUnchecked(restored, at: positions, hashes: hashes, newClaim, relations: links, at: numbers)
            return .removeClaims(ids)

        case .setText(let id, let written):
            let text = Claim.normalizedText(written)
            let c = try require(id)
            if let u = text.forbiddenControl { throw .controlCharacter(claim: id, field: "text", scalar: u.value) }
            let old = claims[c].text
            updateClaimUnchecked(at: c) { $0.text = text }
            return .setText(id, old)

        case .setValue(let id, let value):
            let c = try require(id)
            let old = claims[c]
            var changed = old
            changed.set(value)
            changed.tags = Claim.uniqueTags(changed.tags)
            try ArgumentMap.validate(controls: changed)
            let inverse: ClaimValue
            switch value {
            case .base(let b):
                try ArgumentMap.validate(value: b, name: "base")
                inverse = .base(old.base)
                updateClaimUnchecked(at: c) { $0.base = b }
            case .kind(let k):
                inverse = .kind(old.kind)
                updateClaimUnchecked(at: c) { $0.kind = k }
            case .tags:
                inverse = .tags(old.tags)
                updateClaimUnchecked(at: c) { $0.tags = changed.tags }
            case .sources(let s):
                inverse = .sources(old.sources)
                updateClaimUnchecked(at: c) { $0.sources = s }
            case .note(let n):
                inverse = .note(old.note)
                updateClaimUnchecked(at: c) { $0.note = n }
            case .section(let s):
                inverse = .section(old.section)
                updateClaimUnchecked(at: c) { $0.section = s }
            case .data(let key, let v):
                inverse = .data(key: key, old.dataValue(key))
                updateClaimUnchecked(at: c) { $0.setData(key, v) }
            }
            return .setValue(id, inverse)

        case .rename(let id, let newID):
            let c = try require(id)
            if newID == id { return .rename(id, to: id) }
            try ArgumentMap.validate(id: newID)
            guard indexByIDContains(newID) == false else { throw .duplicateID(newID) }
            renameUnchecked(at: c, to: newID)
            return .rename(newID, to: id)

        case .link(let spec, let position):
            let f = try require(spec.from)
            let t = try require(spec.to)
            try ArgumentMap.validate(value: spec.weight, name: "weight")
            if let existing = relationIndex(from: f, to: t) {
                throw .relationExists(from: spec.from, to: spec.to, type: relations[existing].type)
            }
            let relation = Relation(from: f, to: t, type: spec.type, weight: spec.weight)
            insertRelationUnchecked(relation, at: min(position ?? relations.count, relations.count))
            return .unlink(from: spec.from, to: spec.to)

        case .unlink(let from, let to):
            let f = try require(from)
            let t = try require(to)
            guard let r = relationIndex(from: f, to: t) else { throw .noRelation(from: from, to: to) }
            let spec = spec(of: relations[r])
            removeRelationUnchecked(at: r)
            return .link(spec, at: r)

        case .setWeight(let from, let to, let weight):
            let f = try require(from)
            let t = try require(to)
            guard let r = relationIndex(from: f, to: t) else { throw .noRelation(from: from, to: to) }
            try ArgumentMap.validate(value: weight, name: "weight")
            let old = relations[r].weight
            setWeightUnchecked(relation: r, weight)
            return .setWeight(from: from, to: to, old)

        case .move(let id, let oldParent, let newParent):
            let c = try require(id)
            let p = try require(oldParent)
            let q = try require(newParent)
            guard let r = relationIndex(from: c, to: p) else { throw .noRelation(from: id, to: oldParent) }
            if p == q { return .move(id, from: newParent, to: oldParent) }
            if let existing = relationIndex(from: c, to: q) {
                throw .relationExists(from: id, to: newParent, type: relations[existing].type)
            }
            retargetRelationUnchecked(r, to: q)
            return .move(id, from: newParent, to: oldParent)

        case .batch:
            preconditionFailure("apply(_:step:) takes a batch step by step")
        }
    }

    private func indexByIDContains(_ id: String) -> Bool { index(of: id) != nil }

    private func require(_ id: String) throws(MapError) -> Int {
        guard let c = index(of: id) else { throw .unknownClaim(id) }
        return c
    }

    /// Checks that a string can be a claim id: not empty, no surrounding blanks, no line
    /// breaks, and none of the brackets that delimit Argdown titles.
    /// - Complexity: O(length of the id), over its UTF-8 bytes.
    public static func validate(id: String) throws(MapError) {
        // Most ids pass a test of eight bytes at a time (as a map is read or checked, every
        // id is); the rest are scanned byte by byte, to say what is wrong.
        if id.utf8.withContiguousStorageIfAvailable(IDScan.isPlain) == true { return }
        // The bytes are read in place (copied only from a string stored otherwise), by a
        // function that captures nothing, so that the string is not retained for it.
        let found = id.utf8.withContiguousStorageIfAvailable(IDScan.init) ?? Array(id.utf8).withUnsafeBufferPointer(IDScan.init)
        if found.empty { throw .invalidID(id, reason: "an id cannot be empty") }
        if found.spaceAtEnd || (found.wideAtEnd && (id.first!.isWhitespace || id.last!.isWhitespace)) {
            throw .invalidID(id, reason: "an id cannot start or end with a space")
        }
        // Only past ASCII can a control character from U+0080 on be there.
        if found.bad || (found.wide && id.forbiddenControl != nil) {
            throw .invalidID(id, reason: "an id cannot contain [ ] < > { } or control characters")
        }
        // `<- x>` at the start of a line is an attack, not an argument named "- x": an id
        // starting with a relation symbol and a blank could not be written as an argument.
        if found.relationSymbol { throw .invalidID(id, reason: "an id cannot start with +, - or _ followed by a space (<- reads as an attack)") }
        // An argument file is stripped of comments before it is read: an id holding a comment
        // opener could not be written.
        if found.comment { throw .invalidID(id, reason: "an id cannot contain // or /* (they open comments in an argument file)") }
    }

    /// What one pass over an id's UTF-8 bytes finds for ``validate(id:)``.
    private struct IDScan {
        /// Whether an id's bytes make a valid id with nothing to look at closer: not empty, all
        /// ASCII, no control character, DEL, [ ] < > { } or / (so no comment opener), no space
        /// at either end, no relation symbol and a space at the start. Eight bytes at a time,
        /// each test a borrow into each byte's top bit (a byte equal to v leaves x ^ v zero,
        /// and only a zero byte, or one above a zero byte, borrows into its top bit: no false
        /// "none", the only answer that lets an id through).
        static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            let n = bytes.count
            guard n > 0, let base = bytes.baseAddress else { return false }
            guard !spaceAtEnd(bytes) && !relationSymbol(bytes) else { return false }
            let first = bytes[0], last = bytes[n - 1]
            let p = UnsafeRawPointer(base)
            // Eight bytes hold neither a byte past ASCII nor a byte below 0x20 nor one of the rest.
            @inline(__always) func clean(_ w: UInt64) -> Bool {
                let ones: UInt64 = 0x0101_0101_0101_0101
                @inline(__always) func has(_ v: UInt64) -> UInt64 { let y = w ^ (v &* ones); return (y &- ones) & ~y }
                let below20 = (w &- 0x20 &* ones) & ~w
                let found = w | below20 | has(0x3C) | has(0x3E) | has(0x5B) | has(0x5D) | has(0x7B) | has(0x7D) | has(0x7F) | has(0x2F)
                return found & 0x8080_8080_8080_8080 == 0
            }
            // Words that overlap where the id is not a multiple of eight long; an id shorter
            // than four bytes is its bytes repeated.
            if n >= 8 {
                var i = 0
                while i + 8 < n {
                    guard clean(p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) else { return false }
                    i += 8
                }
                return clean(p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self))
            }
            if n >= 4 {
                return clean(UInt64(p.loadUnaligned(as: UInt32.self)) | UInt64(p.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)) << 32)
            }
            let w = UInt64(first) | UInt64(bytes[n / 2]) << 8 | UInt64(last) << 16
            return clean(w | w << 24 | (w & 0xFFFF) << 48)
        }

        /// A space at the first or the last byte (of bytes that are not empty).
        @inline(__always) static func spaceAtEnd(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            bytes[0] == 0x20 || bytes[bytes.count - 1] == 0x20
        }

        /// +, - or _ and a space at the start (of bytes that are not empty).
        @inline(__always) static func relationSymbol(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            bytes.count >= 2 && (bytes[0] == 0x2B || bytes[0] == 0x2D || bytes[0] == 0x5F) && bytes[1] == 0x20
        }

        var empty = false, spaceAtEnd = false, wideAtEnd = false
        /// A character an id cannot hold, a comment opener, a byte past ASCII.
        var bad = false, comment = false, wide = false
        /// +, - or _ and a space at the start.
        var relationSymbol = false

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let first = bytes.first, let last = bytes.last else { empty = true; return }
            spaceAtEnd = IDScan.spaceAtEnd(bytes)
            wideAtEnd = first >= 0x80 || last >= 0x80
            relationSymbol = IDScan.relationSymbol(bytes)
            // Each byte is looked up in a 128-bit set, with no branch: every id the eight-byte
            // test does not let through (any id past ASCII, as in a map of Cyrillic ids) is
            // scanned here, as a map is read or checked.
            // The ASCII an id cannot hold, as bits: control characters, < and > below 64; [ ] { }
            // and DEL from 64 (less 64). Literals, so that the loop reads no global.
            let below64: UInt64 = 0xFFFF_FFFF | 1 << 0x3C | 1 << 0x3E
            let from64: UInt64 = 1 << (0x5B - 64) | 1 << (0x5D - 64) | 1 << (0x7B - 64) | 1 << (0x7D - 64) | 1 << (0x7F - 64)
            var badBits: UInt64 = 0, wideBits: UInt8 = 0, commentBits: UInt8 = 0, slash: UInt8 = 0
            for b in bytes {
                let set = b < 64 ? below64 : from64
                let ascii: UInt64 = b < 0x80 ? 1 : 0
                badBits |= (set >> UInt64(b & 63)) & ascii
                let isSlash: UInt8 = b == 0x2F ? 1 : 0, isStar: UInt8 = b == 0x2A ? 1 : 0
                commentBits |= slash & (isSlash | isStar)
                wideBits |= b >> 7
                slash = isSlash
            }
            bad = badBits != 0
            comment = commentBits != 0
            wide = wideBits != 0
        }
    }

    /// Checks that no text of a claim holds a forbidden control character.
    public static func validate(controls claim: Claim) throws(MapError) {
        if let (field, u) = claim.forbiddenControl { throw .controlCharacter(claim: claim.id, field: field, scalar: u.value) }
        for tag in claim.tags {
            if let reason = Claim.problem(tag: tag) { throw .invalidTag(claim: claim.id, tag: tag, reason: reason) }
        }
        if let section = claim.section, let reason = Claim.problem(section: section) {
            throw .invalidSection(claim: claim.id, section: section, reason: reason)
        }
    }

    /// Checks that a base score or weight lies in [0, 1] (NaN does not).
    public static func validate(value: Double, name: String) throws(MapError) {
        guard value >= 0, value <= 1 else { throw .valueOutOfRange(name: name, value: value) }
    }
}

extension Edit {
    /// One line saying what the edit does, for `log`.
    public var summary: String {
        switch self {
        case .addClaim(let c, _): return "add \(c.kind == .argument ? "<\(c.id)>" : "[\(c.id)]")"
        case .removeClaim(let id): return "remove \(id)"
        case .restoreClaim(let c, _, _): return "restore \(c.id)"
        case .removeClaims(let ids): return ids.count == 1 ? "remove \(ids[0])" : "remove \(ids.count) claims"
        case .restoreClaims(let claims, _, _): return claims.count == 1 ? "restore \(claims[0].id)" : "restore \(claims.count) claims"
        case .setText(let id, _): return "edit the text of \(id)"
        case .setValue(let id, let v):
            switch v {
            case .base(let b): return "set \(id) base \(DataValue.format(b))"
            case .kind(let k): return "set \(id) kind \(k.rawValue)"
            case .tags(let t): return "set \(id) tags \(t.joined(separator: ", "))"
            case .sources: return "set \(id) sources"
            case .note: return "set \(id) note"
            case .section(let s): return "set \(id) section \(s ?? "(none)")"
            case .data(let k, let v): return "set \(id) \(k) \(v?.text ?? "(none)")"
            }
        case .rename(let a, let b): return "rename \(a) to \(b)"
        case .link(let s, _): return "link \(s.from) \(s.type.rawValue) \(s.to)"
        case .unlink(let f, let t): return "unlink \(f) from \(t)"
        case .setWeight(let f, let t, let w): return "set weight of \(f) → \(t) to \(DataValue.format(w))"
        case .move(let id, let a, let b): return "move \(id) from \(a) to \(b)"
        case .batch(let edits): return edits.map(\.summary).joined(separator: "; ")
        }
    }
}
