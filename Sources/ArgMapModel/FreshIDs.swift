/// Readable ids made from texts for a whole file or import (``ArgumentMap/idBase(from:number:)``),
/// each made unique with `-2`, `-3`, … after a base already taken. For each base it remembers
/// the next number to try, so that many claims with the same first words (a thousand "I
/// agree") take a step each, not a step for every such claim before them.
public struct FreshIDs: Sendable {
    public private(set) var taken: Set<String>
    private var next: [String: Int] = [:]

    public init(taken: Set<String> = []) { self.taken = taken }

    /// A new id for a claim with this text; `number` names it where the text has no word.
    /// - Complexity: O(length of the text's first words), amortized.
    public mutating func make(from text: String, number: Int) -> String {
        let base = ArgumentMap.idBase(from: text, number: number)
        var id = base
        if taken.contains(id) {
            // Every suffix below the remembered one is taken (ids are never given back).
            var k = next[base] ?? 2
            repeat { id = "\(base)-\(k)"; k += 1 } while taken.contains(id)
            next[base] = k
        }
        taken.insert(id)
        return id
    }
}
