/// Inlinable, so that each array type they are used on, in any module, gets its own compiled
/// copy: a generic copy would move every element through its type's witness functions.
extension Array {
    /// Removes the elements at `positions` (ascending, no repeats), moving each run of the
    /// others down in one block: no element is copied, so a million claims cost a `memmove`,
    /// not a million reference-count changes. The last elements (a removal of a map's last
    /// claims, and their relations) are dropped from the end, with nothing moved.
    /// - Complexity: O(count).
    @inlinable
    package mutating func remove(atAscending positions: [Int]) {
        guard !positions.isEmpty else { return }
        if positions[0] == count - positions.count {
            removeLast(positions.count)
            return
        }
        let removed = UnsafeMutablePointer<Element>.allocate(capacity: positions.count)
        let tail = moveOut(atAscending: positions, into: removed)
        // The removed elements fill the tail again, for removeLast to release.
        withUnsafeMutableBufferPointer { $0.baseAddress!.advanced(by: tail).moveInitialize(from: removed, count: positions.count) }
        removed.deallocate()
        removeLast(positions.count)
    }

    /// ``remove(atAscending:)`` that hands the removed elements back, in order, moved rather
    /// than copied: for a claim, no reference count changes on the way out, where a copy
    /// kept and the original released would change several. Their slots are filled with
    /// `filler` (a value with nothing to release, such as an empty claim) before the array
    /// shrinks.
    /// - Complexity: O(count).
    @inlinable
    package mutating func remove(atAscending positions: [Int], leaving filler: Element) -> [Element] {
        guard !positions.isEmpty else { return [] }
        let removed = [Element](unsafeUninitializedCapacity: positions.count) { removed, initialized in
            let tail = moveOut(atAscending: positions, into: removed.baseAddress!)
            withUnsafeMutableBufferPointer { $0.baseAddress!.advanced(by: tail).initialize(repeating: filler, count: positions.count) }
            initialized = positions.count
        }
        removeLast(positions.count)
        return removed
    }

    /// Moves the elements at `positions` (ascending, no repeats) into `removed`, in order, and
    /// each run of the others down in one block; returns where the tail the removed elements
    /// left starts (its slots are uninitialized, and the caller fills them).
    @usableFromInline
    mutating func moveOut(atAscending positions: [Int], into removed: UnsafeMutablePointer<Element>) -> Int {
        let n = count
        return withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            var w = positions[0]
            for (k, p) in positions.enumerated() {
                (removed + k).moveInitialize(from: base + p, count: 1)
                let next = k + 1 < positions.count ? positions[k + 1] : n
                let run = next - p - 1
                if run > 0 { (base + w).moveInitialize(from: base + p + 1, count: run) }
                w += run
            }
            return w
        }
    }

    /// Inserts `elements` so that each ends at its position (`positions` ascending), moving the
    /// runs of old elements up in blocks, as ``remove(atAscending:)`` does. Elements that all go
    /// at the end (the claims a removal of a map's last claims took, put back) are appended,
    /// with nothing moved.
    /// - Complexity: O(count).
    @inlinable
    package mutating func insert(_ elements: [Element], atAscending positions: [Int]) {
        guard !elements.isEmpty else { return }
        let oldCount = count
        append(contentsOf: elements)
        guard positions[0] < oldCount else { return }
        withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            let inserted = UnsafeMutablePointer<Element>.allocate(capacity: elements.count)
            inserted.moveInitialize(from: base + oldCount, count: elements.count)
            // Old elements [0, end) are not placed yet; element j has p - j old ones before it.
            var end = oldCount
            for j in stride(from: elements.count - 1, through: 0, by: -1) {
                let p = positions[j], firstAfter = p - j
                if end > firstAfter { (base + p + 1).moveInitialize(from: base + firstAfter, count: end - firstAfter) }
                (base + p).moveInitialize(from: inserted + j, count: 1)
                end = firstAfter
            }
            inserted.deallocate()
        }
    }
}

extension RandomAccessCollection where Element: Comparable, Index == Int {
    /// In an ascending collection (an array, a relation list, a run of a flat array), how many
    /// elements are below `n`: from the start, the offset of the first that is at least `n`
    /// (`count` when none is). A binary search.
    @inlinable
    package func lowerBound(_ n: Element) -> Int {
        var low = startIndex, high = endIndex
        while low < high {
            let mid = low + (high - low) / 2
            if self[mid] < n { low = mid + 1 } else { high = mid }
        }
        return low - startIndex
    }
}

extension Array where Element: Comparable {
    /// The elements in ascending order, each once.
    @inlinable
    package func sortedDistinct() -> [Element] {
        var sorted = self.sorted()
        guard !sorted.isEmpty else { return sorted }
        var w = 1
        for i in 1..<sorted.count where sorted[i] != sorted[w - 1] {
            sorted[w] = sorted[i]
            w += 1
        }
        sorted.removeLast(sorted.count - w)
        return sorted
    }
}

extension Array where Element: BitwiseCopyable {
    /// A copy of `source` with room after it for ``RelationLists/claimsAddedRoom`` more elements:
    /// for the arrays of a value a claim that an edit of the map appends to. (A copy made
    /// exactly its size, as `var copy = source` makes one when it is first changed, is copied
    /// whole into a larger array by the first `add` after it.)
    @inlinable
    package init(roomyCopyOf source: [Element]) {
        let n = source.count
        self.init(unsafeUninitializedCapacity: n + RelationLists.claimsAddedRoom) { buffer, initialized in
            source.withUnsafeBufferPointer { source in
                if n > 0 { buffer.baseAddress!.initialize(from: source.baseAddress!, count: n) }
            }
            initialized = n
        }
    }

    /// `count` copies of `value`, with room after them for ``RelationLists/claimsAddedRoom`` more
    /// (see ``init(roomyCopyOf:)``).
    @inlinable
    package init(roomyRepeating value: Element, count n: Int) {
        self.init(unsafeUninitializedCapacity: n + RelationLists.claimsAddedRoom) { buffer, initialized in
            if n > 0 { buffer.baseAddress!.initialize(repeating: value, count: n) }
            initialized = n
        }
    }
}
