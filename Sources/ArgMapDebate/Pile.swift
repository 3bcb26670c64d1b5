/// A stack in memory of its own, for the inner loops of the flow's layout and of the round's
/// sweeps: a push or a pop is a few instructions, with no call to check that the storage is
/// unshared. Freed with ``free()``.
struct Pile<Element: BitwiseCopyable> {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 64) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    /// The elements, bottom first.
    var buffer: UnsafeMutableBufferPointer<Element> { UnsafeMutableBufferPointer(start: base, count: count) }

    @inline(__always) mutating func push(_ element: Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count += 1
    }

    @inline(__always) mutating func pop() -> Element? {
        guard count > 0 else { return nil }
        count -= 1
        return base[count]
    }

    @inline(__always) mutating func removeAll() { count = 0 }

    /// Keeps only the first `k` elements (bottom first).
    @inline(__always) mutating func keepFirst(_ k: Int) {
        precondition(k >= 0 && k <= count)
        count = k
    }

    func free() { base.deallocate() }

    private mutating func grow() {
        let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = larger
        capacity *= 2
    }
}

extension Pile where Element: Comparable {
    /// Sorts the elements: a few in place by insertion, more by the standard sort.
    @inline(__always) mutating func sort() {
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
