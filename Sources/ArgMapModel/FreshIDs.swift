/// Readable ids made from texts for a whole file or import (``ArgumentMap/idBase(from:number:)``),
/// each made unique with `-2`, `-3`, … after a base already taken. For each base it remembers
/// the next number to try, so that many claims with the same first words (a thousand "I
/// agree") take a step each, not a step for every such claim before them.
public struct FreshIDs: Sendable {
    public private(set) var taken: Set<String>
    private var next: [String: Int] = [:]

    /// - Parameter capacity: how many ids are to be made, room for which is made at once.
    public init(taken: Set<String> = [], capacity: Int = 0) {
        self.taken = taken
        self.taken.reserveCapacity(taken.count + capacity)
    }

    /// A new id for a claim with this text; `number` names it where the text has no word.
    /// - Complexity: O(length of the text's first words), amortized.
    public mutating func make(from text: String, number: Int) -> String {
        let base = ArgumentMap.idBase(from: text, number: number)
        guard !taken.insert(base).inserted else { return base }
        // Every suffix below the remembered one is taken (ids are never given back).
        var k = next[base] ?? 2
        var id: String
        repeat { id = "\(base)-\(k)"; k += 1 } while !taken.insert(id).inserted
        next[base] = k
        return id
    }
}
