/// The new numbers of claims (or relations) after a few are removed or inserted, keeping
/// order, found by binary search in the changed numbers rather than in a table the size of the
/// map (whose random reads would cost a cache miss each).
struct Renumbering {
    /// Removing: the removed numbers, ascending. Inserting: for each inserted number, how many
    /// old numbers come before it (its final position minus the inserted ones before it).
    private let marks: [Int]
    private let removing: Bool

    init(removing numbers: [Int]) {
        marks = numbers
        removing = true
    }

    /// `positions`: where the inserted ones end, ascending.
    init(inserting positions: [Int]) {
        marks = positions.enumerated().map { $0.element - $0.offset }
        removing = false
    }

    /// For one number removed or inserted, where the numbers that move start and by how much
    /// each moves (-1 or +1).
    var shift: (at: Int, by: Int)? {
        guard marks.count == 1 else { return nil }
        return removing ? (marks[0] + 1, -1) : (marks[0], 1)
    }

    /// The new number of a number that stays.
    @inline(__always)
    func callAsFunction(_ n: Int) -> Int {
        if marks.count == 1 {
            let m = marks[0]
            return n < m ? n : removing ? n - 1 : n + 1
        }
        return removing ? n - count(below: n) : n + count(below: n + 1)
    }

    /// The new number, or -1 for a removed one.
    @inline(__always)
    func number(_ n: Int) -> Int {
        if marks.count == 1 {
            // One edit's claim or relation: no search.
            let m = marks[0]
            return n < m ? n : removing ? (n == m ? -1 : n - 1) : n + 1
        }
        let k = count(below: n)
        if removing, k < marks.count, marks[k] == n { return -1 }
        return removing ? n - k : n + count(below: n + 1)
    }

    /// How many marks are less than `n`.
    private func count(below n: Int) -> Int { marks.lowerBound(n) }
}
