import CPrefetch

/// For each claim, a list of relation numbers in ascending order (the relations pointing at
/// it, or those leaving it), all held in one flat array: each claim's list is a run of it,
/// with room to grow.
///
/// One array rather than one per claim: a million claims cost one allocation, not a million,
/// a pass over every list reads memory in order, and renumbering the relations after an edit
/// rewrites that array in place. A list that outgrows its room moves to the end of the array;
/// the room it leaves is reclaimed when unused room passes half of the array.
///
/// Relation numbers are kept as 32-bit integers, so a map holds fewer than 2³¹ relations (a
/// map that large would not fit in memory anyway).
public struct RelationLists: RandomAccessCollection, Sendable {
    /// Where a claim's list lies in ``storage``: `count` numbers from `start`, with room for
    /// `capacity`.
    @usableFromInline struct Span: Sendable, Equatable {
        @usableFromInline var start: Int32
        @usableFromInline var count: Int32
        @usableFromInline var capacity: Int32

        static let empty = Span(start: 0, count: 0, capacity: 0)
        @inlinable var range: Range<Int> { Int(start)..<(Int(start) + Int(count)) }
    }

    /// Internal so that tests can break the layout on purpose.
    @usableFromInline var spans: [Span] = []
    @usableFromInline private(set) var storage: [Int32] = []
    /// How many entries of ``storage`` no list holds room in.
    private var unused = 0

    /// No lists.
    public init() {}

    /// Lists holding exactly these numbers (each ascending), packed.
    package init(_ lists: [[Int]]) {
        spans.reserveCapacity(lists.count)
        for list in lists {
            spans.append(Span(start: Int32(storage.count), count: Int32(list.count), capacity: Int32(list.count)))
            storage.append(contentsOf: list.lazy.map { Int32($0) })
        }
    }

    /// For each of `count` claims, the relations pointing at it (`byTarget`) or leaving it, in
    /// relation order, packed in claim order; relations with a negative end are passed over.
    /// With `lanes` above one, the claims are cut into that many ranges, each listed by its own
    /// core straight into the result.
    /// - Complexity: O(claims + relations) on each lane.
    public init(_ relations: [Relation], count: Int, byTarget: Bool, lanes: Int = 1) {
        let ranges = Parallel.pieces(0..<count, Swift.max(1, lanes))
        // Each lane counts its claims' relations; the counts place each claim's list.
        let counts = Parallel.map(ranges.count) { k -> [Int32] in
            let range = ranges[k]
            var counts = [Int32](repeating: 0, count: range.count)
            for relation in relations where relation.from >= 0 && relation.to >= 0 {
                let c = byTarget ? relation.to : relation.from
                if range.contains(c) { counts[c - range.lowerBound] += 1 }
            }
            return counts
        }
        var spans: [Span] = []
        spans.reserveCapacity(count + RelationLists.headroom(count))
        var start = 0
        for part in counts {
            for n in part {
                spans.append(Span(start: Int32(start), count: n, capacity: n))
                start += Int(n)
            }
        }
        let total = start
        let storage = [Int32](unsafeUninitializedCapacity: total + RelationLists.headroom(total)) { buffer, initialized in
            let into = Parallel.Unchecked(buffer)
            let placed = spans
            _ = Parallel.map(ranges.count) { k in
                let range = ranges[k]
                var next = placed[range].map(\.start)
                for (r, relation) in relations.enumerated() where relation.from >= 0 && relation.to >= 0 {
                    let c = byTarget ? relation.to : relation.from
                    if range.contains(c) {
                        into.value.initializeElement(at: Int(next[c - range.lowerBound]), to: Int32(r))
                        next[c - range.lowerBound] += 1
                    }
                }
            }
            initialized = total
        }
        self.spans = spans
        self.storage = storage
    }

    /// Room left at the end of arrays built whole, so that the first edits after a load do
    /// not copy them into larger ones (room not written to costs no memory).
    package static func headroom(_ count: Int) -> Int { 1_024 + count / 16 }

    /// Room left at the end of the live scores' arrays of a value a claim, for the claims a
    /// session adds: a fixed few thousand, so that each array stays about the map's size (one
    /// a sixteenth larger, as ``headroom(_:)`` would make it, fitted less often where an array
    /// of the map's size had been freed, and had 4 MB more pages handed over afresh at a million
    /// claims: 4 ms more for a first scoring).
    @inlinable package static var claimsAddedRoom: Int { 4_096 }

    /// How many lists (claims) there are.
    @inlinable public var count: Int { spans.count }
    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { spans.count }

    /// Claim `c`'s list (inlinable, as every pass over the map reads lists in its inner loop).
    @inlinable public subscript(c: Int) -> RelationList {
        RelationList(storage[spans[c].range])
    }

    /// The lists read in place, without counting a reference to the storage at each list read:
    /// for passes over every list on several cores, where that shared count would be contended.
    /// The lists must not outlive `body`.
    @inlinable package func withUnsafeLists<R>(_ body: (UnsafeLists) -> R) -> R {
        storage.withUnsafeBufferPointer { storage in
            spans.withUnsafeBufferPointer { spans in body(UnsafeLists(storage: storage, spans: spans)) }
        }
    }

    /// ``RelationLists`` read in place; see ``withUnsafeLists(_:)``.
    @usableFromInline package struct UnsafeLists: @unchecked Sendable {
        @usableFromInline let storage: UnsafeBufferPointer<Int32>
        @usableFromInline let spans: UnsafeBufferPointer<Span>

        @inlinable init(storage: UnsafeBufferPointer<Int32>, spans: UnsafeBufferPointer<Span>) {
            self.storage = storage
            self.spans = spans
        }

        @inlinable package subscript(c: Int) -> UnsafeList {
            let span = spans[c]
            return UnsafeList(numbers: UnsafeBufferPointer(rebasing: storage[Int(span.start)..<(Int(span.start) + Int(span.count))]))
        }

        /// For a pass that visits `claims` in turn and is at `claims[k]`, asks ahead for what it
        /// will read at random a few claims on, in stages: where the list of the claim
        /// `4 × step` on is kept, that list for the claim `2 × step` on (its place asked for
        /// two stages before), and each relation's end in `ends` (a number per relation) for
        /// the claim `step` on. So the loads overlap instead of each waiting for the one
        /// before. Past the last claim, the last is asked for again: a hint, never a result.
        @inlinable package func prefetch(ahead claims: UnsafeBufferPointer<Int32>, of k: Int, step: Int, ends: UnsafeBufferPointer<UInt32>) {
            guard let last = claims.indices.last, let spanBase = spans.baseAddress, let storageBase = storage.baseAddress,
                  let endBase = ends.baseAddress else { return }
            argmap_prefetch(spanBase + Int(claims[Swift.min(k + 4 * step, last)]))
            argmap_prefetch(storageBase + Int(spans[Int(claims[Swift.min(k + 2 * step, last)])].start))
            for r in self[Int(claims[Swift.min(k + step, last)])] { argmap_prefetch(endBase + r) }
        }
    }

    /// One list read in place.
    @usableFromInline package struct UnsafeList: RandomAccessCollection {
        @usableFromInline let numbers: UnsafeBufferPointer<Int32>
        @inlinable init(numbers: UnsafeBufferPointer<Int32>) { self.numbers = numbers }
        @inlinable package var startIndex: Int { 0 }
        @inlinable package var endIndex: Int { numbers.count }
        @inlinable package subscript(k: Int) -> Int { Int(numbers[k]) }
    }

    // MARK: - Changes (the map's primitive operations call them)

    /// Adds an empty list at the end.
    mutating func appendEmpty() {
        spans.append(.empty)
    }

    /// Inserts empty lists so that each ends at its position (ascending).
    mutating func insertEmpty(atAscending positions: [Int]) {
        spans.insert(Array(repeating: .empty, count: positions.count), atAscending: positions)
    }

    /// Removes the lists at `positions` (ascending).
    mutating func remove(atAscending positions: [Int]) {
        for c in positions { unused += Int(spans[c].capacity) }
        spans.remove(atAscending: positions)
        compactIfSparse()
    }

    /// Puts relation `r` into claim `c`'s list, in order.
    package mutating func insert(_ r: Int, into c: Int) {
        if spans[c].count == spans[c].capacity { grow(c) }
        let span = spans[c]
        let k = self[c].lowerBound(r)
        storage.withUnsafeMutableBufferPointer { storage in
            var i = Int(span.start) + Int(span.count)
            let at = Int(span.start) + k
            while i > at {
                storage[i] = storage[i - 1]
                i -= 1
            }
            storage[at] = Int32(r)
        }
        spans[c].count += 1
    }

    /// Gives the lists of `claims` room for what is about to be put into them (a claim once
    /// for each number), where they lack it, all at once: the storage grows once, at its end,
    /// where putting many numbers in one at a time would move each full list as it fills,
    /// and grow the storage each time.
    package mutating func reserveRoom(for claims: [Int]) {
        compactIfSparse()
        // Often in order already (the relations of claims put back, in relation order).
        let sorted = zip(claims, claims.dropFirst()).allSatisfy({ $0 <= $1 }) ? claims : claims.sorted()
        var moves: [(claim: Int, capacity: Int)] = []
        var total = 0, i = 0
        while i < sorted.count {
            let c = sorted[i]
            var j = i + 1
            while j < sorted.count && sorted[j] == c { j += 1 }
            let span = spans[c], needed = Int(span.count) + (j - i)
            if needed > Int(span.capacity) {
                // As much as is needed (many lists put back are filled at once, and room past
                // the storage's spare end would copy it all), and no less than doubled.
                let capacity = Swift.max(needed, 2 * Int(span.capacity))
                moves.append((c, capacity))
                total += capacity
            }
            i = j
        }
        guard !moves.isEmpty else { return }
        var at = storage.count
        storage.append(contentsOf: repeatElement(0, count: total))
        storage.withUnsafeMutableBufferPointer { storage in
            for (c, capacity) in moves {
                let span = spans[c]
                for k in 0..<Int(span.count) { storage[at + k] = storage[Int(span.start) + k] }
                unused += Int(span.capacity)
                spans[c] = Span(start: Int32(at), count: span.count, capacity: Int32(capacity))
                at += capacity
            }
        }
    }

    /// Takes relation `r` out of claim `c`'s list, if it is there.
    mutating func remove(_ r: Int, from c: Int) {
        let span = spans[c]
        let k = self[c].lowerBound(r)
        guard k < Int(span.count), storage[Int(span.start) + k] == Int32(r) else { return }
        storage.withUnsafeMutableBufferPointer { storage in
            for i in (Int(span.start) + k)..<(Int(span.start) + Int(span.count) - 1) { storage[i] = storage[i + 1] }
        }
        spans[c].count -= 1
    }

    /// Maps every number `first` or more in the lists of `claims` through `newNumber`, dropping
    /// those it removes (maps to -1). A renumbering keeps order, so each list stays ascending.
    mutating func renumber(from first: Int, only claims: [Int], _ newNumber: Renumbering) {
        storage.withUnsafeMutableBufferPointer { storage in
            for c in claims { Self.rewrite(&spans[c], in: storage, from: Int32(first), newNumber) }
        }
    }

    /// Maps every number `first` or more in the storage through `newNumber` (room no list uses
    /// too, whose numbers mean nothing): one pass in order over the flat array, in pieces on
    /// both cores, for a renumbering that removes no number still listed.
    mutating func renumberAll(from first: Int, _ newNumber: Renumbering) {
        storage.withUnsafeMutableBufferPointer { newNumber.apply(to: $0, from: first, minimum: 1 << 16) }
    }

    /// Rewrites one list's numbers from `first` on in place, dropping the removed ones.
    @inline(__always)
    private static func rewrite(_ span: inout Span, in storage: UnsafeMutableBufferPointer<Int32>, from first: Int32,
                                _ newNumber: Renumbering) {
        let start = Int(span.start), end = start + Int(span.count)
        guard end > start, storage[end - 1] >= first else { return }
        let low = start + storage[start..<end].lowerBound(first)
        var w = low
        for k in low..<end {
            let n = newNumber.number(Int(storage[k]))
            if n >= 0 { storage[w] = Int32(n); w += 1 }
        }
        span.count = Int32(w - start)
    }

    /// Gives claim `c`'s full list room for more: in place when it ends the storage, otherwise
    /// at the end of the storage, with twice the room.
    private mutating func grow(_ c: Int) {
        // Packed first, if due, so that the room given here stays.
        compactIfSparse()
        let span = spans[c]
        let capacity = Swift.max(4, 2 * Int(span.capacity))
        if Int(span.start) + Int(span.capacity) == storage.count {
            storage.append(contentsOf: repeatElement(0, count: capacity - Int(span.capacity)))
        } else {
            let start = storage.count, moved = Array(storage[span.range])  // a copy: a slice would keep the storage shared
            storage.append(contentsOf: moved)
            storage.append(contentsOf: repeatElement(0, count: capacity - Int(span.count)))
            unused += Int(span.capacity)
            spans[c].start = Int32(start)
        }
        spans[c].capacity = Int32(capacity)
    }

    /// Packs the lists again once more than half of the storage is unused room.
    private mutating func compactIfSparse() {
        guard unused > 4_096, unused > storage.count / 2 else { return }
        // Each list copied in one move, read and written in place (a slice appended a list
        // at a time counted a reference to the storage, twice a list: after the removal of
        // half a chain a million deep, half a million lists).
        let room = storage.count - unused
        storage = storage.withUnsafeBufferPointer { storage in
            spans.withUnsafeMutableBufferPointer { spans in
                [Int32](unsafeUninitializedCapacity: room) { packed, made in
                    var n = 0
                    for c in spans.indices {
                        let span = spans[c], count = Int(span.count)
                        if count > 0 { (packed.baseAddress! + n).initialize(from: storage.baseAddress! + Int(span.start), count: count) }
                        spans[c] = Span(start: Int32(n), count: span.count, capacity: span.count)
                        n += count
                    }
                    made = n
                }
            }
        }
        unused = 0
    }

    /// What is wrong with the layout: a list outside the storage, holding more than its room,
    /// or sharing room with another; the unused count that does not add up. Lists laid out in
    /// claim order (as built, and most of them after edits) are checked against their
    /// neighbours; the rest are marked entry by entry.
    func layoutViolations() -> [String] {
        var problems: [String] = []
        var held = 0, end = 0
        var inOrder = true  // each list starts where the one before it ends, or after
        for (c, span) in spans.enumerated() {
            guard span.start >= 0, span.count >= 0, span.count <= span.capacity, Int(span.start) + Int(span.capacity) <= storage.count else {
                problems.append("list \(c) lies outside its storage")
                continue
            }
            held += Int(span.capacity)
            guard span.capacity > 0 else { continue }
            if Int(span.start) >= end { end = Int(span.start) + Int(span.capacity) } else { inOrder = false }
        }
        guard problems.isEmpty else { return problems }
        if !inOrder {
            // Some list lies out of order: each entry of room is marked as taken, by one list only.
            var owner = [Bool](repeating: false, count: storage.count)
            owner.withUnsafeMutableBufferPointer { owner in
                for (c, span) in spans.enumerated() {
                    for i in Int(span.start)..<(Int(span.start) + Int(span.capacity)) {
                        if owner[i] { problems.append("list \(c) overlaps another"); break }
                        owner[i] = true
                    }
                }
            }
        }
        if problems.isEmpty, held + unused != storage.count { problems.append("lists hold \(held) entries and \(unused) are unused of \(storage.count)") }
        return problems
    }
}

/// One claim's relation numbers, ascending: a view of ``RelationLists``' storage, indexed from 0.
public struct RelationList: RandomAccessCollection, Sendable, Equatable, CustomStringConvertible {
    @usableFromInline let numbers: ArraySlice<Int32>

    @inlinable init(_ numbers: ArraySlice<Int32>) { self.numbers = numbers }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { numbers.count }
    @inlinable public subscript(k: Int) -> Int { Int(numbers[numbers.startIndex + k]) }

    public var description: String { Array(self).description }
}
