/// A stack in memory of its own, for the inner loops of the flow's layout, the round's sweeps
/// and the search for a map's cycles: a push or a pop is a few instructions, with no call to
/// check that the storage is unshared. Freed with ``free()``. (Inlinable, for the loops in
/// other modules.)
@usableFromInline
package struct Pile<Element: BitwiseCopyable> {
    @usableFromInline var base: UnsafeMutablePointer<Element>
    @usableFromInline var capacity: Int
    @usableFromInline package internal(set) var count = 0

    @inlinable
    package init(capacity: Int = 64) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    /// The elements, bottom first.
    @inlinable package var buffer: UnsafeMutableBufferPointer<Element> { UnsafeMutableBufferPointer(start: base, count: count) }

    @inlinable @inline(__always) package mutating func push(_ element: Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count += 1
    }

    @inlinable @inline(__always) package mutating func pop() -> Element? {
        guard count > 0 else { return nil }
        count -= 1
        return base[count]
    }

    @inlinable @inline(__always) package mutating func removeAll() { count = 0 }

    /// Keeps only the first `k` elements (bottom first).
    @inlinable @inline(__always) package mutating func keepFirst(_ k: Int) {
        precondition(k >= 0 && k <= count)
        count = k
    }

    @inlinable package func free() { base.deallocate() }

    @usableFromInline mutating func grow() {
        let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = larger
        capacity *= 2
    }
}

extension Pile where Element: Comparable {
    /// Sorts the elements: a few in place by insertion, more by the standard sort.
    @inlinable @inline(__always) package mutating func sort() {
        guard count > 1 else { return }
        guard count <= 16 else {
            var all = UnsafeMutableBufferPointer(start: base, count: count)
            all.sort()
            return
        }
        for i in 1..<count {
            let x = base[i]
            var j = i
            while j > 0 && base[j - 1] > x {
                base[j] = base[j - 1]
                j -= 1
            }
            base[j] = x
        }
    }
}
