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

    /// The new number of a number that stays.
    func callAsFunction(_ n: Int) -> Int {
        removing ? n - count(below: n) : n + count(below: n + 1)
    }

    /// The new number, or -1 for a removed one.
    func number(_ n: Int) -> Int {
        let k = count(below: n)
        if removing, k < marks.count, marks[k] == n { return -1 }
        return removing ? n - k : n + count(below: n + 1)
    }

    /// How many marks are less than `n`.
    private func count(below n: Int) -> Int { marks.lowerBound(n) }
}
