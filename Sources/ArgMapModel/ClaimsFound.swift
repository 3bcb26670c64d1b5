/// The claims a search or a walk has found, by number: in a set while they are few, then, once
/// they are many (``areMany(_:of:)``: a walk up a chain a million deep, a change that reaches
/// most of the map), in a flag per claim, which then costs less than hashing each.
package struct ClaimsFound {
    /// Whether `count` claims among `total` are one in 64 or more: from there, a pass over all
    /// `total` with a mark per claim costs less than working on the `count` one by one
    /// (hashing, looking up or sorting each). The line every such choice draws: the claims
    /// found here, the relations and ids a removal takes out, the order a removal leaves, the
    /// claims worked out again put in order.
    @inline(__always) package static func areMany(_ count: Int, of total: Int) -> Bool { count * 64 >= total }

    private var set = Set<Int>(), flags: [Bool]
    private let claims: Int

    /// None found yet, among `claims` claims; with `expecting` (how many the search starts
    /// from) many, flags from the start.
    package init(claims: Int, expecting: Int = 0) {
        self.claims = claims
        flags = [Bool](repeating: false, count: Self.areMany(expecting, of: claims) ? claims : 0)
    }

    /// Whether claim `c` is found for the first time (it is then found).
    package mutating func insert(_ c: Int) -> Bool {
        guard flags.isEmpty else {
            defer { flags[c] = true }
            return !flags[c]
        }
        guard set.insert(c).inserted else { return false }
        if Self.areMany(set.count, of: claims) {
            flags = [Bool](repeating: false, count: claims)
            for x in set { flags[x] = true }
            set = []
        }
        return true
    }
}
