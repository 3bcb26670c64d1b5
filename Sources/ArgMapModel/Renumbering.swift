/// The new numbers of claims (or relations) after a few are removed or inserted, keeping
/// order, found by binary search in the changed numbers rather than in a table the size of the
/// map (whose random reads would cost a cache miss each); one run of them by arithmetic.
/// The search is over runs of changed numbers: a claim removed with everything under it, or
/// put back so, is one run however many claims it holds.
package struct Renumbering: Sendable {
    /// Removing: the removed numbers, ascending. Inserting: for each inserted number, how many
    /// old numbers come before it (its final position minus the inserted ones before it);
    /// none for numbers inserted in one run (``shift`` maps them).
    @usableFromInline let marks: [Int]
    /// The marks in runs, each mark of a run one more than the one before (removing) or the
    /// same (inserting): each run's first mark, and how many marks come before its end.
    @usableFromInline let runStarts: [Int], runEnds: [Int]
    @usableFromInline let removing: Bool
    /// When the changed numbers make one run (one number is a run): where the numbers that
    /// move start, and by how much each moves (the run's length, down for a removal, up for
    /// an insertion); nil for several runs. A claim removed with everything under it, or put
    /// back so, is this: every number after it moves by the same step, with no search.
    @usableFromInline package let shift: (at: Int, by: Int)?
    /// For marks in more runs than ``tabled``: how many marks are below each number from the
    /// first mark to the last (`below[n - marks.first]`), so that a number is mapped by one
    /// read rather than a search among thousands of runs (a large subtree whose claims are
    /// scattered through the file); empty otherwise.
    @usableFromInline let below: [Int32]
    /// The most runs searched rather than tabled.
    static let tabled = 64

    package init(removing numbers: [Int]) {
        marks = numbers
        removing = true
        // (Ascending and distinct: one run when the last is the first plus their count less
        // one, with no pass over them; a removal of a claim and everything under it, most often.)
        if let first = numbers.first, numbers[numbers.count - 1] - first == numbers.count - 1 {
            (runStarts, runEnds) = ([first], [numbers.count])
        } else {
            (runStarts, runEnds) = Renumbering.runs(numbers, step: 1)
        }
        // The run start, start + 1, …: the numbers after it move down by its length.
        shift = runStarts.count == 1 ? (runStarts[0] + numbers.count, -numbers.count) : nil
        below = Renumbering.table(marks, runs: runStarts.count)
    }

    /// `positions`: where the inserted ones end, ascending.
    package init(inserting positions: [Int]) {
        removing = false
        if let first = positions.first, positions[positions.count - 1] - first == positions.count - 1 {
            // One run (positions ascending and distinct, so consecutive): every mark is the
            // first position, and with ``shift`` set none is read, so none is written (the
            // undo of a removal of 300,000 claims wrote and scanned 300,000).
            marks = []
            (runStarts, runEnds) = ([first], [positions.count])
        } else {
            marks = positions.enumerated().map { $0.element - $0.offset }
            (runStarts, runEnds) = Renumbering.runs(marks, step: 0)
        }
        // Inserted together at one place: the numbers from there move up by their count.
        shift = runStarts.count == 1 ? (runStarts[0], positions.count) : nil
        below = Renumbering.table(marks, runs: runStarts.count)
    }

    /// ``below`` for `marks` (ascending) in `runs` runs: the numbers after mark k - 1 up to
    /// mark k have k marks below them, each stretch written at once (``forEachStretch(between:from:to:_:)``).
    private static func table(_ marks: [Int], runs: Int) -> [Int32] {
        guard runs > tabled, let first = marks.first, let last = marks.last else { return [] }
        return [Int32](unsafeUninitializedCapacity: last - first + 1) { below, initialized in
            let shared = Parallel.Unchecked(below)
            forEachStretch(between: marks, from: first, to: last + 1) { k, stretch in
                // The stretch, and mark k itself (k marks below it too).
                let through = k < marks.count ? stretch.upperBound + 1 : stretch.upperBound
                UnsafeMutableBufferPointer(rebasing: shared.value[(stretch.lowerBound - first)..<(through - first)])
                    .initialize(repeating: Int32(truncatingIfNeeded: k))
            }
            initialized = last - first + 1
        }
    }

    /// Calls `body` with each stretch of `first..<end` between `marks` (ascending, within it)
    /// and how many marks come before it: stretch k runs from the number after mark k - 1 (or
    /// `first`) up to mark k (or `end`), not including it (none for a mark that repeats the one
    /// before: its first is the one called); the stretches shared between both
    /// cores for thousands of marks. For the tables of a renumbering, written a stretch at a
    /// time (a fill, or a run of consecutive numbers) rather than a number at a time with a test
    /// for the next mark.
    package static func forEachStretch(between marks: [Int], from first: Int, to end: Int, _ body: (_ k: Int, _ stretch: Range<Int>) -> Void) {
        marks.withUnsafeBufferPointer { marks in
            let shared = Parallel.Unchecked(marks)
            Parallel.forEachPiece(marks.count + 1, minimum: 1 << 12) { piece in
                let marks = shared.value
                for k in piece where k == 0 || k == marks.count || marks[k - 1] < marks[k] {
                    body(k, (k == 0 ? first : marks[k - 1] + 1)..<(k == marks.count ? end : marks[k]))
                }
            }
        }
    }

    /// `marks` cut where one is not the one before plus `step`.
    private static func runs(_ marks: [Int], step: Int) -> (starts: [Int], ends: [Int]) {
        var starts: [Int] = [], ends: [Int] = []
        for (k, mark) in marks.enumerated() {
            if k > 0 && mark == marks[k - 1] + step {
                ends[ends.count - 1] = k + 1
            } else {
                starts.append(mark)
                ends.append(k + 1)
            }
        }
        return (starts, ends)
    }

    /// How many runs the marks make: what a search costs (its steps grow with their
    /// logarithm).
    package var runCount: Int { runStarts.count }

    /// The numbers removed, ascending (none for an insertion).
    var removed: [Int] { removing ? marks : [] }

    /// Maps every number `first` or more of `numbers` (all of them numbers that stay) to its
    /// new one, in place, in pieces on both cores from `minimum` numbers on: by
    /// ``Parallel/shift(_:from:by:minimum:)`` for changed numbers in one run.
    /// (Compiled for `Int` and `Int32` here too, for the evaluator's positions and graph: a
    /// generic loop called from another module would go through the protocol for every number.)
    @_specialize(exported: true, where T == Int)
    @_specialize(exported: true, where T == Int32)
    package func apply<T: FixedWidthInteger>(to numbers: UnsafeMutableBufferPointer<T>, from first: Int, minimum: Int) {
        if let (at, by) = shift {
            Parallel.shift(numbers, from: T(truncatingIfNeeded: at), by: T(truncatingIfNeeded: by), minimum: minimum)
            return
        }
        let shared = Parallel.Unchecked(numbers)
        Parallel.forEachPiece(numbers.count, minimum: minimum) { piece in
            let numbers = shared.value
            let first = T(truncatingIfNeeded: first)
            for i in piece where numbers[i] >= first {
                numbers[i] = T(truncatingIfNeeded: self(Int(numbers[i])))
            }
        }
    }

    /// The new number of a number that stays. (Inlinable, as the next two are, for the
    /// passes in other modules that map every number of a graph through it.)
    @inlinable @inline(__always)
    package func callAsFunction(_ n: Int) -> Int {
        if let (at, by) = shift { return n < at ? n : n + by }
        return removing ? n - count(below: n) : n + count(below: n + 1)
    }

    /// The new number, or -1 for a removed one.
    @inlinable @inline(__always)
    package func number(_ n: Int) -> Int {
        if let (at, by) = shift {
            // Below a removed run's end, the run itself (from at + by) is removed.
            if n < at { return removing && n >= at + by ? -1 : n }
            return n + by
        }
        let k = count(below: n)
        if removing, k < marks.count, marks[k] == n { return -1 }
        return removing ? n - k : n + count(below: n + 1)
    }

    /// How many marks are less than `n`: every mark of the runs that start below it, except
    /// that of the last such run of removed numbers (start, start + 1, …) only those below `n`.
    @inlinable @inline(__always)
    func count(below n: Int) -> Int {
        if !below.isEmpty {
            let first = marks[0]
            return n <= first ? 0 : n - first < below.count ? Int(below[n - first]) : marks.count
        }
        let r = runStarts.lowerBound(n)
        guard r > 0 else { return 0 }
        let end = runEnds[r - 1]
        // Of a run of removed numbers, n - start are below n, at most the whole run.
        return removing ? end - max(0, (end - (r > 1 ? runEnds[r - 2] : 0)) - (n - runStarts[r - 1])) : end
    }
}
