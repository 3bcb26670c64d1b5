/// A stack in memory of its own, for the inner loops of the flow's layout, the round's sweeps
/// and the search for a map's cycles: a push or a pop is a few instructions, with no call to
/// check that the storage is unshared. Freed with ``free()``. (Inlinable, for the loops in
/// other modules.) A pile of bytes is also where output written a row at a time in such a
/// loop goes (`score --json` of a million claims): a value's `write(to:)` writes into it.
@usableFromInline
package struct Pile<Element: BitwiseCopyable> {
    @usableFromInline var base: UnsafeMutablePointer<Element>
    @usableFromInline var capacity: Int
    @usableFromInline package internal(set) var count = 0

    @inlinable
    package init(capacity: Int = 64) {
        // (At least one: a pile grows by doubling.)
        self.capacity = max(capacity, 1)
        base = .allocate(capacity: self.capacity)
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

    /// Pushes `elements`, in order.
    @inlinable @inline(__always) package mutating func push(contentsOf elements: UnsafeBufferPointer<Element>) {
        guard let from = elements.baseAddress else { return }
        while count + elements.count > capacity { grow() }
        (base + count).initialize(from: from, count: elements.count)
        count += elements.count
    }

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

extension Pile: TextOutputStream where Element == UInt8 {
    @inlinable package mutating func write(_ string: String) {
        var string = string
        string.withUTF8 { push(contentsOf: $0) }
    }

    /// Where the standard library hands a stream the text of a number, as bytes in a buffer of
    /// its own: taken as they are (`"\(d)"` makes a string of them first, which for a score of
    /// 16 digits or more is an allocation, and took half the time of formatting a million).
    @inlinable package mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
        push(contentsOf: buffer)
    }
}

/// Where output goes a byte or a run of bytes at a time: an array of bytes, or a pile of them
/// in the hot loops (`score --json`), so that a writer such as `JSONWriter.appendQuoted` is
/// written once for both.
package protocol ByteSink {
    mutating func push(_ byte: UInt8)
    mutating func push(contentsOf bytes: UnsafeBufferPointer<UInt8>)
}

extension Pile: ByteSink where Element == UInt8 {}

extension Array: ByteSink where Element == UInt8 {
    @inlinable @inline(__always) package mutating func push(_ byte: UInt8) { append(byte) }
    @inlinable @inline(__always) package mutating func push(contentsOf bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }
}
