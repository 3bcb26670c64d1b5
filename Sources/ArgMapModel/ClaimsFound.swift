/// The claims a search or a walk has found, by number: in a set while they are few, then, once
/// they are more than one claim in 64 (a walk up a chain a million deep, a change that reaches
/// most of the map), in a flag per claim, which then costs less than hashing each.
package struct ClaimsFound {
    private var set = Set<Int>(), flags: [Bool]
    private let claims: Int

    /// None found yet, among `claims` claims; with `expecting` (how many the search starts
    /// from) one claim in 64 or more, flags from the start.
    package init(claims: Int, expecting: Int = 0) {
        self.claims = claims
        flags = [Bool](repeating: false, count: expecting * 64 >= claims ? claims : 0)
    }

    /// Whether claim `c` is found for the first time (it is then found).
    package mutating func insert(_ c: Int) -> Bool {
        guard flags.isEmpty else {
            defer { flags[c] = true }
            return !flags[c]
        }
        guard set.insert(c).inserted else { return false }
        if set.count * 64 >= claims {
            flags = [Bool](repeating: false, count: claims)
            for x in set { flags[x] = true }
            set = []
        }
        return true
    }
}
