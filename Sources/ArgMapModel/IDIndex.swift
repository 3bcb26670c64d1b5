import CPrefetch

/// A map's id index: for each claim id, the claim's number.
///
/// An open-addressing table with linear probing. Each slot is one `UInt64`: the claim's number
/// plus one in the high half (0 for an empty slot), and 32 bits of the id's hash in the low
/// half, from which the slot the entry belongs in is found again. The ids themselves stay in the
/// claims: a lookup compares hashes first and reads the claim only when they match. A million
/// claims take 16 MB (a `[String: Int]` took 48 MB, and a reference to each id's storage).
///
/// Hashes are ``IDHash``'s, the same for two ids exactly when `==` says they are the same
/// (canonical equivalence, as with a dictionary), and seeded per process, so that no file can
/// be written to make the table slow.
///
/// Renumbering after a claim is inserted or removed in the middle is one pass over the slots,
/// with no hashing.
package struct IDIndex: Sendable {
    private var slots: [UInt64]
    private var mask: Int
    package private(set) var count = 0

    /// An empty index with room for `capacity` ids before it grows.
    package init(capacity: Int = 0) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: 0, count: size)
        mask = size - 1
    }

    /// The index of `claims`, or the number of the first claim whose id an earlier claim has.
    /// - Complexity: O(claims).
    ///
    /// A large map's ids are hashed first, all of them, in pieces on every core; then each core
    /// fills its own stretch of the table with the ids whose slot falls there, reading only
    /// hashes until two match. (With the hashing out of the way the processor has many slots
    /// in flight at once: on one core this alone takes a third of the time one insertion after
    /// another does.) An id whose run of neighbours would cross into the next stretch is left
    /// for one pass at the end, which places it as ``insert(_:id:in:)`` would. When any core
    /// meets an id twice, the table is built again one id at a time, to name the first claim
    /// that repeats one.
    ///
    /// - Parameter lanes: how many cores to use (1 when the caller keeps the others busy).
    package static func of(_ claims: [Claim], lanes: Int = 2) -> Result<IDIndex, Duplicate> {
        if claims.count >= parallelThreshold, let index = hashedFirst(claims, lanes: lanes) { return .success(index) }
        var index = IDIndex(capacity: claims.count)
        for c in claims.indices where index.insert(c, id: claims[c].id, in: claims) != nil { return .failure(Duplicate(claim: c)) }
        return .success(index)
    }

    /// From how many claims ``of(_:)`` uses every core.
    package static let parallelThreshold = 50_000

    /// The index built with the hashes first, or nil when an id is met twice.
    package static func hashedFirst(_ claims: [Claim], lanes: Int) -> IDIndex? {
        var index = IDIndex(capacity: claims.count)
        let n = claims.count
        let hashes = hashes(claims, lanes: lanes)
        let size = index.slots.count, mask = index.mask
        let stretches = Parallel.pieces(0..<size, lanes)
        // Each lane writes only the slots of its own stretch, and reads nothing another writes.
        let left = index.slots.withUnsafeMutableBufferPointer { table in
            let table = Parallel.Unchecked(table)
            return Parallel.map(lanes) { k -> [Int]? in
                let stretch = stretches[k], slots = table.value
                var left: [Int] = []
                for c in 0..<n {
                    let h = hashes[c]
                    var s = Int(h) & mask
                    guard stretch.contains(s) else { continue }
                    while true {
                        let slot = slots[s]
                        if slot == 0 { slots[s] = UInt64(c + 1) << 32 | UInt64(h); break }
                        if UInt32(truncatingIfNeeded: slot) == h, claims[Int(slot >> 32) - 1].id == claims[c].id { return nil }
                        s += 1
                        if s == stretch.upperBound { left.append(c); break }
                    }
                }
                return left
            }
        }
        guard left.allSatisfy({ $0 != nil }) else { return nil }
        let rest = left.flatMap { $0! }.sorted()
        index.count = n - rest.count
        for c in rest where index.insert(c, id: claims[c].id, in: claims) != nil { return nil }
        return index
    }

    package struct Duplicate: Error { package let claim: Int }

    @inline(__always) package static func hash(_ id: String) -> UInt32 {
        IDHash.of(id)
    }

    /// Each id hashed, for the calls that take hashes: an edit that finds, removes or inserts
    /// many ids hashes each once, and knows each id's slot before it is looked up.
    package static func hashes(of ids: [String]) -> [UInt32] {
        let seeds = IDHash.seeds
        return ids.map { IDHash.of($0, seeds) }
    }

    /// Every claim's id hashed, in pieces on `lanes` cores.
    static func hashes(_ claims: [Claim], lanes: Int) -> [UInt32] {
        let n = claims.count
        return [UInt32](unsafeUninitializedCapacity: n) { buffer, initialized in
            let out = Parallel.Unchecked(buffer.baseAddress!)
            _ = Parallel.map(lanes) { k in
                let seeds = IDHash.seeds
                for c in Parallel.pieces(0..<n, lanes)[k] { (out.value + c).initialize(to: IDHash.of(claims[c].id, seeds)) }
            }
            initialized = n
        }
    }

    /// The claims the index does not find where they are (in order, each once), and how many
    /// entries it holds: for each claim number listed, a lookup of its id would not answer
    /// that number (another claim has the id, or the entry is missing, stale or out of reach).
    /// The index is exactly the claims' ids when none is listed and it holds one entry per
    /// claim.
    ///
    /// One pass down the table instead of a lookup per claim: each entry must name a claim not
    /// named before, under that claim's hash, with no empty slot between the slot the hash
    /// points at and the entry, and no entry there for the same id; and there must be one
    /// entry per claim. (Two claims with one id have one hash, so one of their entries lies on
    /// the other's way.) `hashes` holds each claim's id hashed (``hash(_:)``), which the caller
    /// works out on its way over the claims. Only a map found faulty is checked so
    /// (``checksum(of:claims:key:)`` says whether one is), so the pass is kept simple.
    /// - Complexity: O(claims + size of the table).
    package func misplaced(_ claims: [Claim], hashes: [UInt32]) -> (claims: [Int], entries: Int) {
        let n = claims.count
        var named = [Bool](repeating: false, count: n)
        var misplaced: [Int] = []
        var entries = 0
        slots.withUnsafeBufferPointer { slots in
            for s in slots.indices where slots[s] != 0 {
                entries += 1
                let c = Int(slots[s] >> 32) - 1, h = UInt32(truncatingIfNeeded: slots[s])
                guard (0..<n).contains(c) else { continue }  // no such claim: one entry too many
                if named[c] || hashes[c] != h { misplaced.append(c); continue }
                named[c] = true
                var p = Int(h) & mask
                while p != s {
                    let other = slots[p]
                    if other == 0 || (UInt32(truncatingIfNeeded: other) == h && (0..<n).contains(Int(other >> 32) - 1)
                                      && claims[Int(other >> 32) - 1].id == claims[c].id) {
                        misplaced.append(c)
                        break
                    }
                    p = (p + 1) & mask
                }
            }
        }
        for c in 0..<n where !named[c] { misplaced.append(c) }
        // A claim can be listed both where an entry names it and for being named by none.
        return (Set(misplaced).sorted(), entries)
    }

    /// How many slots the table has (for ``checksum(of:claims:key:)``'s stretches).
    package var size: Int { slots.count }

    /// What one entry, for claim `c` with hash `h`, adds to ``checksum(of:claims:key:)``'s sum:
    /// the entry mixed with `key` (``mix(_:_:)``).
    @inline(__always) package static func entryChecksum(claim c: Int, hash h: UInt32, key: UInt64) -> UInt64 {
        mix(UInt64(c + 1) << 32 | UInt64(h), key)
    }

    /// `x` mixed with `key` for a checksum: x ⊕ key folded with an odd constant, as ``IDHash``
    /// folds (one multiplication; every bit of x reaches the middle bits).
    @inline(__always) package static func mix(_ x: UInt64, _ key: UInt64) -> UInt64 {
        IDHash.fold(x ^ key, 0x9E37_79B9_7F4A_7C15)
    }

    /// Slots `stretch` checked as a lookup would read them, in one pass in order with no claim
    /// read at random: each entry names a claim, lies where its hash's slot leads with no empty
    /// slot between, and has no entry for the same id on its way. Returns whether they do, how
    /// many entries the stretch holds, and the sum of ``entryChecksum(claim:hash:key:)`` over
    /// them. When every stretch says so, and the entries' count and sum are those of the
    /// claims, the table holds exactly one entry per claim under its id's hash (another set of
    /// entries would give the same sum with odds of about 2⁻⁶⁴), which a lookup finds:
    /// ``misplaced(_:hashes:)``'s finding, without its reads at random.
    package func checksum(of stretch: Range<Int>, claims: [Claim], key: UInt64) -> (sound: Bool, entries: Int, sum: UInt64) {
        let n = claims.count, size = slots.count
        return slots.withUnsafeBufferPointer { slots in
            // The last empty slot before the stretch (the table is never full when sound).
            var empty = (stretch.lowerBound - 1) & mask, looked = 0
            while slots[empty] != 0 {
                looked += 1
                guard looked < size else { return (false, 0, 0) }
                empty = (empty - 1) & mask
            }
            var entries = 0, sum: UInt64 = 0
            for s in stretch {
                let entry = slots[s]
                if entry == 0 { empty = s; continue }
                entries += 1
                sum &+= IDIndex.mix(entry, key)
                let c = Int(entry >> 32) - 1, h = UInt32(truncatingIfNeeded: entry)
                // Its slot lies in the run of entries that ends here, and no entry between has
                // the same id.
                let home = Int(h) & mask, distance = (s - home) & mask
                guard (0..<n).contains(c), distance < (s - empty) & mask else { return (false, entries, sum) }
                var p = home
                while p != s {
                    let other = slots[p]
                    if UInt32(truncatingIfNeeded: other) == h {
                        let o = Int(other >> 32) - 1
                        if o >= n || claims[o].id == claims[c].id { return (false, entries, sum) }
                    }
                    p = (p + 1) & mask
                }
            }
            return (true, entries, sum)
        }
    }

    /// The number of the claim with this id.
    /// - Complexity: O(1) on average.
    package func find(_ id: String, in claims: [Claim]) -> Int? {
        probe(id, in: claims).claim
    }

    /// Where `id` stands in the table (the claim holding it), or the empty slot where it would
    /// go (nil claim).
    private func probe(_ id: String, in claims: [Claim]) -> (slot: Int, claim: Int?, hash: UInt32) {
        let h = IDIndex.hash(id)
        let (s, c) = probe(id, hash: h, first: slots[Int(h) & mask], in: claims)
        return (s, c, h)
    }

    /// ``probe(_:in:)`` with the id's hash and its first slot already read.
    @inline(__always) private func probe(_ id: String, hash h: UInt32, first: UInt64, in claims: [Claim]) -> (slot: Int, claim: Int?) {
        var s = Int(h) & mask
        var slot = first
        while slot != 0 {
            if UInt32(truncatingIfNeeded: slot) == h {
                let c = Int(slot >> 32) - 1
                if claims[c].id == id { return (s, c) }
            }
            s = (s + 1) & mask
            slot = slots[s]
        }
        return (s, nil)
    }

    /// The numbers of the claims with these ids (-1 where there is none), looked up together:
    /// every id hashed first, then each looked up while the slot of the id sixteen on is asked
    /// for ahead. One lookup at a time waits for its slot before the next begins; so, the
    /// processor has many slots on their way at once. (Reading every first slot into an array
    /// first, which the processor overlaps by itself, took twice as long.)
    package func find(all ids: [String], in claims: [Claim]) -> [Int] {
        find(all: ids, hashes: IDIndex.hashes(of: ids), in: claims)
    }

    /// ``find(all:in:)`` with the ids' hashes (``hashes(of:)``) at hand.
    package func find(all ids: [String], hashes: [UInt32], in claims: [Claim]) -> [Int] {
        ids.indices.map { k in
            prefetchSlot(hashes[min(k + 16, hashes.count - 1)])
            return probe(ids[k], hash: hashes[k], first: slots[Int(hashes[k]) & mask], in: claims).claim ?? -1
        }
    }

    /// The number of the claim with this id, trying `guesses` first: a reader that knows where
    /// an id probably is (the claim after the last one found, say) reads one claim instead of
    /// hashing and probing. A guess only counts when the claim there has the id.
    package func find(_ id: String, in claims: [Claim], guesses: (Int, Int)) -> Int? {
        if claims.indices.contains(guesses.0), claims[guesses.0].id == id { return guesses.0 }
        if claims.indices.contains(guesses.1), claims[guesses.1].id == id { return guesses.1 }
        return find(id, in: claims)
    }

    /// Starts loading the slot where an id with hash `h` would be looked for or go, for a
    /// caller that will insert or find it a few ids on.
    @inline(__always) package func prefetchSlot(_ h: UInt32) {
        slots.withUnsafeBufferPointer { argmap_prefetch($0.baseAddress! + (Int(h) & mask)) }
    }

    /// Adds claim `c` under `id`; if a claim already has this id, changes nothing and returns
    /// its number.
    @discardableResult
    package mutating func insert(_ c: Int, id: String, in claims: [Claim]) -> Int? {
        insert(c, id: id, hash: IDIndex.hash(id), in: claims)
    }

    /// ``insert(_:id:in:)`` with the id's hash at hand.
    @discardableResult
    package mutating func insert(_ c: Int, id: String, hash h: UInt32, in claims: [Claim]) -> Int? {
        if (count + 1) * 2 > slots.count { grow() }
        let (s, existing) = probe(id, hash: h, first: slots[Int(h) & mask], in: claims)
        if let existing { return existing }
        slots[s] = UInt64(c + 1) << 32 | UInt64(h)
        count += 1
        return nil
    }

    /// Removes the entry for `id`, if any (the claims still hold it).
    package mutating func remove(_ id: String, in claims: [Claim]) {
        let (s, found, _) = probe(id, in: claims)
        guard found != nil else { return }
        delete(at: s)
    }

    /// Removes the entries of every claim marked in `gone` (by claim number) with no id read
    /// or hashed: one pass down the table marks their entries, and a second empties each
    /// marked slot as a deletion does (moving back the entries after it in its run). Removing
    /// many claims so costs passes over the table instead of a lookup's miss each; a large
    /// table is passed in two pieces on both cores.
    /// - Complexity: O(size of the table).
    package mutating func remove(marked gone: [Bool]) {
        mark(gone, renumbering: nil)
        deleteMarked()
    }

    /// ``remove(marked:)`` that also gives every other claim its number once `newNumber`'s
    /// removed claims (the marked ones) are gone, in the same pass: when they make one run (a
    /// claim removed with everything under it), as arithmetic the compiler turns into vector
    /// code; else each entry from the first removed claim on is marked or renumbered.
    package mutating func remove(marked gone: [Bool], renumbering newNumber: Renumbering) {
        guard let (at, by) = newNumber.shift else {
            mark(gone, renumbering: newNumber)
            deleteMarked()
            return
        }
        // Claims first..<at go (their entries hold first + 1...at in the high half); the
        // claims after them move down by the run's length.
        let low = UInt64(at + by + 1) << 32, high = UInt64(at) << 32 | 0xFFFF_FFFF
        let step = UInt64(bitPattern: Int64(by) << 32)
        slots.withUnsafeMutableBufferPointer { slots in
            let table = Parallel.Unchecked(slots)
            Parallel.forEachPiece(slots.count, minimum: 1 << 17) { piece in
                let slots = table.value
                for s in piece {
                    let slot = slots[s]
                    let gone = slot >= low && slot <= high, moves = slot > high
                    slots[s] = gone ? IDIndex.removedMark | slot & 0xFFFF_FFFF : moves ? slot &+ step : slot
                }
            }
        }
        deleteMarked()
    }

    /// Marks the entries of the claims marked in `gone` removed (for ``deleteMarked()``), in
    /// one pass down the table, on both cores for a large one; with `newNumber`, every other
    /// entry from the first removed claim on is given its claim's new number in the same pass.
    private mutating func mark(_ gone: [Bool], renumbering newNumber: Renumbering?) {
        // Entries below the first removed claim (and empty slots) stay as they are.
        let lowest = UInt64((newNumber?.removed.first ?? 0) + 1) << 32
        slots.withUnsafeMutableBufferPointer { slots in
        gone.withUnsafeBufferPointer { gone in
            let shared = Parallel.Unchecked((slots, gone))
            Parallel.forEachPiece(slots.count, minimum: 1 << 17) { piece in
                let (slots, gone) = shared.value
                for s in piece where slots[s] >= lowest {
                    let slot = slots[s], c = Int(slot >> 32) - 1
                    if c < gone.count && gone[c] {
                        slots[s] = IDIndex.removedMark | slot & 0xFFFF_FFFF
                    } else if let newNumber {
                        slots[s] = UInt64(newNumber(c) + 1) << 32 | slot & 0xFFFF_FFFF
                    }
                }
            }
        }}
    }

    /// The high half of an entry whose claim is removed, until ``deleteMarked()`` empties its
    /// slot: no claim's number (plus one, as entries hold it) is this. The low half keeps the
    /// hash, so that the deletion moves the entries after it as it would a claim's.
    private static let removedMark: UInt64 = 0xFFFF_FFFF << 32

    /// Empties every slot marked removed, as ``delete(at:)`` does (each marked entry is one to
    /// delete, the others after it in its run move back), in one pass down the table: in two
    /// pieces on both cores for a large table, each from an empty slot to an empty slot, which
    /// no run crosses.
    private mutating func deleteMarked() {
        let size = slots.count, mask = self.mask
        let removed = slots.withUnsafeMutableBufferPointer { slots -> Int in
            // Each piece runs from the first empty slot at or after its start to the first at
            // or after the next piece's start (the table always has an empty slot).
            func emptyFrom(_ s: Int) -> Int {
                var s = s & mask
                while slots[s] != 0 { s = (s + 1) & mask }
                return s
            }
            var lanes = size >= 1 << 17 ? 2 : 1
            var starts = Parallel.pieces(0..<size, lanes).map { emptyFrom($0.lowerBound) }
            // One run from the first piece's start past the second's: one piece.
            if lanes == 2 && starts[0] >= starts[1] { lanes = 1; starts = [starts[0]] }
            let table = Parallel.Unchecked(slots)
            return Parallel.map(lanes) { k -> Int in
                let slots = table.value
                let end = starts[(k + 1) % lanes]
                // With one lane, the piece goes round the whole table back to its start.
                let length = (end - starts[k] + size - 1) & mask + 1
                var removed = 0
                var walked = 1
                while walked < length {
                    let s = (starts[k] + walked) & mask
                    // An entry moved into the emptied slot is looked at again.
                    guard slots[s] & IDIndex.removedMark == IDIndex.removedMark else { walked += 1; continue }
                    IDIndex.delete(at: s, in: slots, mask: mask)
                    removed += 1
                }
                return removed
            }.reduce(0, +)
        }
        count -= removed
    }

    /// Empties slot `s` of `slots`, moving back the entries after it that belong before it.
    private static func delete(at s: Int, in slots: UnsafeMutableBufferPointer<UInt64>, mask: Int) {
        // Backward-shift deletion: entries after the hole that may move into it do.
        var hole = s
        var next = (s + 1) & mask
        while slots[next] != 0 {
            let home = Int(UInt32(truncatingIfNeeded: slots[next])) & mask
            // The entry can move back if its home is not in the cyclic range (hole, next].
            if (next - home) & mask >= (next - hole) & mask {
                slots[hole] = slots[next]
                hole = next
            }
            next = (next + 1) & mask
        }
        slots[hole] = 0
    }

    /// Empties slot `s`, moving back the entries after it that belong before it.
    private mutating func delete(at s: Int) {
        let mask = self.mask
        slots.withUnsafeMutableBufferPointer { IDIndex.delete(at: s, in: $0, mask: mask) }
        count -= 1
    }

    /// Changes every claim number from `first` on to its new one under `newNumber`. A large
    /// table is renumbered in pieces on both cores.
    /// - Complexity: O(size of the table), with no hashing.
    mutating func renumber(from first: Int = 0, _ newNumber: Renumbering) {
        // Entries below `first` are left as they are; empty slots are below every entry.
        let lowest = UInt64(first + 1) << 32
        slots.withUnsafeMutableBufferPointer { slots in
            if let (at, by) = newNumber.shift {
                // Claims removed or inserted in one run: the number in the high half moves by
                // the same step from one claim on.
                Parallel.shift(slots, from: UInt64(at + 1) << 32, by: UInt64(bitPattern: Int64(by) << 32), minimum: 1 << 17)
                return
            }
            let table = Parallel.Unchecked(slots)
            Parallel.forEachPiece(slots.count, minimum: 1 << 17) { piece in
                let slots = table.value
                for s in piece where slots[s] >= lowest {
                    let c = Int(slots[s] >> 32) - 1
                    slots[s] = UInt64(newNumber(c) + 1) << 32 | (slots[s] & 0xFFFF_FFFF)
                }
            }
        }
    }

    /// Doubles the table; entries keep their hashes, so nothing is hashed again.
    private mutating func grow() {
        let old = slots
        slots = Array(repeating: 0, count: old.count * 2)
        mask = slots.count - 1
        for slot in old where slot != 0 {
            var s = Int(UInt32(truncatingIfNeeded: slot)) & mask
            while slots[s] != 0 { s = (s + 1) & mask }
            slots[s] = slot
        }
    }
}
