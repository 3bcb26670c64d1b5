/// Reproducible synthetic maps shaped like real debates, for tests and benchmarks: one thesis,
/// wide fan-out near it, most claims shallow, some long chains, texts of realistic length with
/// non-ASCII words; `dag` adds second parents, `cyclic` adds relations that close cycles.
public enum MapGenerator {
    public enum Shape: String, CaseIterable, Sendable {
        case tree, dag, cyclic
    }

    public struct Options: Sendable {
        public var claims: Int
        public var shape: Shape = .tree
        public var seed: UInt64 = 1
        public var maxDepth = 1_000_000
        /// Put characters in the texts that formats must escape (`#`, braces, quotes, `//`, `<!--`).
        public var awkwardText = false

        public init(claims: Int, shape: Shape = .tree, seed: UInt64 = 1, maxDepth: Int = 1_000_000, awkwardText: Bool = false) {
            self.claims = claims
            self.shape = shape
            self.seed = seed
            self.maxDepth = maxDepth
            self.awkwardText = awkwardText
        }
    }

    static let words = ["policy", "trade", "region", "ports", "investment", "growth", "evidence", "the", "of", "and",
                        "Moscow", "Beijing", "exports", "because", "rail", "energy", "Сибирь", "восток", "развитие",
                        "torg", "Dalniy", "Vostok", "market", "costs", "jobs", "will", "not", "reduce", "raise",
                        "schools", "lanes", "risk", "impact", "harm", "benefit", "Ärger", "naïve", "café", "über"]
    static let awkward = ["#tag", "{brace}", "\"quoted\"", "back\\slash", "a//b", "<!--", "-->", "<script>", "`tick`", "a|b", "[x]", "<y>", "50%", "@[m]"]

    /// - Complexity: O(claims).
    public static func generate(_ options: Options) -> ArgumentMap {
        var rng = SplitMix64(seed: options.seed)
        var map = ArgumentMap(title: "Generated map (\(options.claims) claims, \(options.shape.rawValue), seed \(options.seed))")
        guard options.claims > 0 else { return map }
        var depth: [Int32] = []
        depth.reserveCapacity(options.claims)
        func text(_ i: Int) -> String {
            let n = 8 + Int(rng.next() % 10)
            var parts: [String] = []
            parts.reserveCapacity(n)
            for _ in 0..<n { parts.append(words[Int(rng.next() % UInt64(words.count))]) }
            if options.awkwardText && rng.next() % 3 == 0 { parts.insert(awkward[Int(rng.next() % UInt64(awkward.count))], at: Int(rng.next() % UInt64(parts.count))) }
            return parts.joined(separator: " ")
        }
        for i in 0..<options.claims {
            var claim = Claim(id: "c\(i)", text: text(i), kind: rng.next() % 4 == 0 ? .argument : .statement)
            if rng.next() % 3 == 0 { claim.base = Double(rng.next() % 101) / 100 }
            try! map.apply(.addClaim(claim))
            guard i > 0 else { depth.append(0); continue }
            let roll = rng.next() % 100
            var parent: Int
            if roll < 25 {
                parent = Int(rng.next() % UInt64(min(i, 64)))          // fan-out near the thesis
            } else if roll < 30 {
                parent = i - 1                                          // chains
            } else {
                parent = Int(rng.next() % UInt64(i))                    // anywhere before
            }
            if Int(depth[parent]) >= options.maxDepth { parent = 0 }
            depth.append(depth[parent] + 1)
            let type: RelationType = rng.next() % 2 == 0 ? .support : .attack
            let weight = rng.next() % 5 == 0 ? Double(rng.next() % 101) / 100 : 1
            try! map.apply(.link(RelationSpec(from: "c\(i)", to: "c\(parent)", type: type, weight: weight)))
            if options.shape != .tree, i > 2, rng.next() % 20 == 0 {
                // A second parent earlier in the map (a DAG), or later-made back edge (a cycle).
                let other = Int(rng.next() % UInt64(i))
                if other != i, other != parent, map.relationIndex(from: i, to: other) == nil, map.relationIndex(from: other, to: i) == nil {
                    try! map.apply(.link(RelationSpec(from: "c\(i)", to: "c\(other)", type: rng.next() % 2 == 0 ? .support : .attack)))
                }
            }
            if options.shape == .cyclic, i > 2, rng.next() % 50 == 0 {
                let ancestor = parent
                if map.relationIndex(from: ancestor, to: i) == nil, ancestor != i {
                    try! map.apply(.link(RelationSpec(from: "c\(ancestor)", to: "c\(i)", type: .attack, weight: 0.5)))
                }
            }
        }
        // Claims in the order their argument file would list them, as a map a user opens.
        return map.inWalkOrder()
    }
}

/// A small, fast, seedable random number generator (SplitMix64), so that generated maps are
/// the same on every machine.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
