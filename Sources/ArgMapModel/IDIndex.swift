/// A map's id index: for each claim id, the claim's number.
///
/// An open-addressing table with linear probing. Each slot is one `UInt64`: the claim's number
/// plus one in the high half (0 for an empty slot), and 32 bits of the id's hash in the low
/// half, from which the slot the entry belongs in is found again. The ids themselves stay in the
/// claims: a lookup compares hashes first and reads the claim only when they match. A million
/// claims take 16 MB (a `[String: Int]` took 48 MB, and a reference to each id's storage).
///
/// Hashes are Swift's own for strings, so that two ids are the same exactly when `==` says so
/// (canonical equivalence, as before), and seeded per process, so that no file can be written
/// to make the table slow.
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
    package static func of(_ claims: [Claim]) -> Result<IDIndex, Duplicate> {
        var index = IDIndex(capacity: claims.count)
        for c in claims.indices where index.insert(c, id: claims[c].id, in: claims) != nil { return .failure(Duplicate(claim: c)) }
        return .success(index)
    }

    package struct Duplicate: Error { package let claim: Int }

    @inline(__always) static func hash(_ id: String) -> UInt32 {
        UInt32(truncatingIfNeeded: id.hashValue)
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
        var s = Int(h) & mask
        while true {
            let slot = slots[s]
            if slot == 0 { return (s, nil, h) }
            if UInt32(truncatingIfNeeded: slot) == h {
                let c = Int(slot >> 32) - 1
                if claims[c].id == id { return (s, c, h) }
            }
            s = (s + 1) & mask
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

    /// Adds claim `c` under `id`; if a claim already has this id, changes nothing and returns
    /// its number.
    @discardableResult
    package mutating func insert(_ c: Int, id: String, in claims: [Claim]) -> Int? {
        if (count + 1) * 2 > slots.count { grow() }
        let (s, existing, h) = probe(id, in: claims)
        if let existing { return existing }
        slots[s] = UInt64(c + 1) << 32 | UInt64(h)
        count += 1
        return nil
    }

    /// Removes the entry for `id`, if any (the claims still hold it).
    package mutating func remove(_ id: String, in claims: [Claim]) {
        let (s, found, _) = probe(id, in: claims)
        guard found != nil else { return }
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
        count -= 1
    }

    /// Changes every claim number: `transform` maps an old number to its new one.
    /// - Complexity: O(size of the table), with no hashing.
    package mutating func renumber(_ transform: (Int) -> Int) {
        slots.withUnsafeMutableBufferPointer { slots in
            for s in slots.indices where slots[s] != 0 {
                let c = Int(slots[s] >> 32) - 1
                slots[s] = UInt64(transform(c) + 1) << 32 | (slots[s] & 0xFFFF_FFFF)
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
