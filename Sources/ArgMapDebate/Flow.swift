import ArgMapModel

/// The map laid out as a debate flow: one sheet per position (each argument directly under
/// a thesis), one column per speech, and each answer on the row of what it answers (or the
/// first free row below it). A claim is flowed, with the answers under it, on the first sheet
/// that reaches it; a later sheet that reaches it too shows it as a cross-reference to that
/// sheet, without its answers again. So a flow holds each claim once, and once more for each
/// relation at most, however the sheets' claims overlap (on a map whose cycles join every
/// sheet, each sheet flowed whole would hold most of the map).
public struct Flow: Sendable {
    public struct Cell: Sendable, Equatable {
        public var claim: Int
        public var row: Int
        public var speech: Speech
        /// The claim it answers on this sheet (nil for the position itself).
        public var answers: Int?
        /// For a claim flowed on an earlier sheet, shown here as a cross-reference: the
        /// position of that sheet (where its answers are). Nil for a claim flowed here.
        public var flowedOn: Int? = nil
    }

    public struct Sheet: Sendable {
        public let position: Int
        public let thesis: Int
        public let cells: [Cell]
        /// One more than the lowest cell's row.
        public let rows: Int

        /// The cells' claims as a grid: rows × eight speeches.
        public var grid: [[Int?]] { grid(rows: rows) }

        /// The first `count` rows of the grid (fewer when the sheet has fewer).
        public func grid(rows count: Int) -> [[Int?]] {
            var g: [[Int?]] = []
            forEachRow(upTo: count) { row in g.append(row.map { $0?.claim }) }
            return g
        }

        /// The grid's first `count` rows (all of them by default) in turn, each a cell or none
        /// a speech, handed to `body` in one array that is filled again for the next: for the
        /// exports of a whole flow, where a sheet may have a million rows, without an array for
        /// each. (The cells, in the order they were laid out, are put in row order first by
        /// counting.)
        public func forEachRow(upTo count: Int = .max, _ body: ([Cell?]) -> Void) {
            let shown = min(count, rows)
            var starts = [Int32](repeating: 0, count: shown + 1)
            for cell in cells where cell.row < shown { starts[cell.row + 1] += 1 }
            for r in 0..<shown { starts[r + 1] += starts[r] }
            var byRow = [Int32](repeating: 0, count: Int(starts[shown])), next = starts
            for (k, cell) in cells.enumerated() where cell.row < shown {
                byRow[Int(next[cell.row])] = Int32(k)
                next[cell.row] += 1
            }
            var row = [Cell?](repeating: nil, count: Speech.allCases.count)
            for r in 0..<shown {
                for k in row.indices { row[k] = nil }
                for i in Int(starts[r])..<Int(starts[r + 1]) {
                    let cell = cells[Int(byRow[i])]
                    row[cell.speech.order] = cell
                }
                body(row)
            }
        }
    }

    public let round: Round
    /// What each claim was answered with: which claims the flow marks dropped.
    public let answers: Drops.Answers
    /// The sheets laid out: all of them, or as many as `rows` asked for.
    public let sheets: [Sheet]
    /// How many sheets the flow has, laid out or not.
    public let sheetCount: Int

    /// The flow of the whole map, or only of the sheet of `position` (no sheet when it is not
    /// a position). With `rows`, sheets are laid out in order only until they hold that many
    /// rows together, and keep only the cells of those rows (each sheet's ``Sheet/rows`` still
    /// counts all of its rows); the rest are counted in ``sheetCount``, not laid out. The
    /// sheets are laid out on one core while the answers are worked out on the other. `round`,
    /// when given, is the map's (worked out before).
    public init(_ map: ArgumentMap, only position: Int? = nil, rows limit: Int = .max, round given: Round? = nil) {
        let round = given ?? Round(map)
        let positions = Flow.positions(map)
        let (laidOut, answers) = Parallel.both({ () -> (sheets: [Sheet], count: Int) in
            // Each relation's source in 4 bytes, not its 32-byte record.
            let sources = round.relationSources(map)
            var sheets: [Sheet] = []
            var rows = 0, count = 0
            // The sheet (its number among the positions) each claim is flowed on, as the sheets
            // are laid out in order (-1 before); one sheet alone knows it from the first
            // sheets of the whole flow.
            var flowed: [Int32]
            if let position, let number = positions.firstIndex(where: { $0.position == position }) {
                // Those of the sheets before it; the sheet's own are given it as it is laid out.
                flowed = Flow.firstSheets(map, positions: positions, round: round)
                flowed.withUnsafeMutableBufferPointer { flowed in
                    for c in flowed.indices where flowed[c] >= Int32(number) { flowed[c] = -1 }
                }
            } else {
                flowed = [Int32](repeating: -1, count: map.count)
            }
            var shown: [Int32] = []
            for (number, (thesis, p)) in positions.enumerated() where position == nil || p == position {
                count += 1
                guard rows < limit else { continue }
                sheets.append(Flow.layOut(p, thesis: thesis, map: map, round: round, sources: sources, positions: positions, number: Int32(number),
                                          flowed: &flowed, shown: &shown, keeping: limit - rows))
                rows += sheets[sheets.count - 1].rows
            }
            return (sheets, count)
        }, { Drops.Answers(map, round: round) })
        self.round = round
        self.answers = answers
        sheets = laidOut.sheets
        sheetCount = laidOut.count
    }

    /// Each sheet's position and its thesis, in order: the arguments directly under each
    /// thesis (a thesis with nothing under it is a sheet of its own).
    /// (Written in place, each thesis's relations read where they lie: a thesis may have a
    /// million arguments under it.)
    public static func positions(_ map: ArgumentMap) -> [(thesis: Int, position: Int)] {
        let theses = map.theses
        let count = theses.reduce(0) { $0 + max(map.incoming[$1].count, 1) }
        return [(thesis: Int, position: Int)](unsafeUninitializedCapacity: count) { out, written in
            map.relations.withUnsafeBufferPointer { relations in
                for thesis in theses {
                    let under = map.incoming[thesis]
                    if under.isEmpty {
                        out.initializeElement(at: written, to: (thesis, thesis)); written += 1
                    }
                    for r in under {
                        out.initializeElement(at: written, to: (thesis, relations[r].from)); written += 1
                    }
                }
            }
        }
    }

    /// Sheet `number` (its number among `positions`), of `position`; only its cells in rows
    /// before `keeping` are kept. `sources` holds each relation's source (``RelationEnds``).
    /// `flowed` holds the sheet each claim is flowed on, where known (-1 where not yet): a
    /// claim flowed on an earlier sheet is a cross-reference here, its answers not followed;
    /// the others are given this sheet. `shown` marks the claims shown on each sheet by its
    /// number, made when a sheet first holds a cross-reference.
    static func layOut(_ position: Int, thesis: Int, map: ArgumentMap, round: Round, sources: [UInt32], positions: [(thesis: Int, position: Int)], number: Int32,
                       flowed: inout [Int32], shown: inout [Int32], keeping: Int) -> Sheet {
        var nextFree = [Int](repeating: 0, count: Speech.allCases.count)
        var cells: [Cell] = []
        // (A position that answers an earlier sheet's claims is flowed there: its sheet is
        // then a cross-reference.)
        if flowed[position] < 0 || flowed[position] > number { flowed[position] = number }
        // Depth first, explicitly: each answer goes on its parent's row or the first free row
        // below it in its speech's column. A claim's answers go on the stack in speech order,
        // then claim order: each as its speech's order above its number, so that they sort as
        // numbers. (Piles push, pop and sort a few numbers without a call: at a sheet of half a
        // million claims, the calls an array makes for them were a quarter of the time.)
        var stack = Pile<(claim: Int, parentRow: Int, answers: Int)>()
        var children = Pile<Int>()
        defer { stack.free(); children.free() }
        stack.push((position, 0, -1))
        round.facts.withUnsafeBufferPointer { facts in
        map.incoming.withUnsafeLists { incoming in
        sources.withUnsafeBufferPointer { sources in
        flowed.withUnsafeMutableBufferPointer { flowed in
            func order(_ c: Int) -> Int { max(Int(facts[c] & Round.Facts.speech), 1) - 1 }
            while let (c, parentRow, answers) = stack.pop() {
                let column = order(c)
                let row = max(parentRow, nextFree[column])
                nextFree[column] = row + 1
                // A cross-reference: its answers are on the sheet it is flowed on.
                let earlier = flowed[c] < number
                if row < keeping {
                    cells.append(Cell(claim: c, row: row, speech: Speech(order: column)!, answers: answers < 0 ? nil : answers,
                                      flowedOn: earlier ? positions[Int(flowed[c])].position : nil))
                }
                guard !earlier else { continue }
                children.removeAll()
                for r in incoming[c] {
                    let child = RelationEnds.claim(sources[r])
                    let sheet = flowed[child]
                    if sheet == number { continue }
                    if sheet < 0 || sheet > number {
                        flowed[child] = number
                    } else {
                        // Flowed on an earlier sheet: shown here once.
                        if shown.isEmpty { shown = [Int32](repeating: -1, count: flowed.count) }
                        guard shown[child] != number else { continue }
                        shown[child] = number
                    }
                    children.push(order(child) << 32 | child)
                }
                children.sort()
                let answers = children.buffer
                for k in answers.indices.reversed() { stack.push((answers[k] & 0xFFFF_FFFF, row, c)) }
            }
        }}}}
        // Each column's next free row is one past its lowest cell.
        return Sheet(position: position, thesis: thesis, cells: cells, rows: nextFree.max() ?? 0)
    }

    /// For each of a map's claims, the number of the first sheet of its whole flow that holds
    /// it (-1 for none), without laying the sheets out (`positions` as ``positions(_:)`` gives
    /// them, `round` the map's): a sheet holds every claim that reaches its position, so the
    /// first sheet of a claim is the first whose position it reaches. In a tree whose claims
    /// each come after the claim they answer (``Round/answersComeAfter``, as an Argdown file
    /// nests them), one pass in claim order hands each position's number down; on a map with no
    /// cycle whose round keeps an order of its claims (``Round/order``), one pass in that order
    /// does; otherwise a search from the positions does. A test compares each with the
    /// laid-out flow.
    /// - Complexity: O(claims + relations).
    public static func firstSheets(_ map: ArgumentMap, positions: [(thesis: Int, position: Int)], round: Round) -> [Int32] {
        if round.answersComeAfter { return firstSheetsInTree(map, positions: positions, round: round) }
        return round.order.isEmpty ? firstSheetsBySearch(map, positions: positions, round: round) : firstSheetsInOrder(map, positions: positions, round: round)
    }

    /// Each position's number, the first where a position is under several theses.
    private static func numbered(_ positions: [(thesis: Int, position: Int)], claims: Int) -> [Int32] {
        var first = [Int32](repeating: -1, count: claims)
        for (i, (_, position)) in positions.enumerated() where first[position] < 0 { first[position] = Int32(i) }
        return first
    }

    /// ``firstSheets(_:positions:round:)`` in a tree whose claims each come after the claim
    /// they answer: a claim reaches only the position above it, whose number is handed down
    /// in claim order.
    static func firstSheetsInTree(_ map: ArgumentMap, positions: [(thesis: Int, position: Int)], round: Round) -> [Int32] {
        var first = numbered(positions, claims: map.count)
        round.answered.withUnsafeBufferPointer { answered in
            first.withUnsafeMutableBufferPointer { first in
                for x in first.indices where first[x] < 0 && answered[x] != RelationEnds.none {
                    first[x] = first[RelationEnds.claim(answered[x])]
                }
            }
        }
        return first
    }

    /// ``firstSheets(_:positions:round:)`` on a map with no cycle, in an order in which each
    /// claim comes after every claim it answers (``Round/order``): a claim's first sheet is
    /// the first of those of the claims it answers (a thesis is on none) and its own number,
    /// if it is a position.
    static func firstSheetsInOrder(_ map: ArgumentMap, positions: [(thesis: Int, position: Int)], round: Round) -> [Int32] {
        var first = numbered(positions, claims: map.count)
        let targets = round.relationTargets(map)
        round.order.withUnsafeBufferPointer { order in
        targets.withUnsafeBufferPointer { targets in
        map.outgoing.withUnsafeLists { outgoing in
        first.withUnsafeMutableBufferPointer { first in
            for x in order {
                let x = Int(x)
                var sheet = first[x]
                for r in outgoing[x] {
                    let up = first[RelationEnds.claim(targets[r])]
                    if up >= 0 && (sheet < 0 || up < sheet) { sheet = up }
                }
                first[x] = sheet
            }
        }}}}
        return first
    }

    /// ``firstSheets(_:positions:round:)`` on any map: one search from the positions in
    /// order, never entering a claim twice (a claim an earlier sheet took reaches that
    /// sheet's position, and so does everything under it).
    static func firstSheetsBySearch(_ map: ArgumentMap, positions: [(thesis: Int, position: Int)], round: Round) -> [Int32] {
        var first = [Int32](repeating: -1, count: map.count)
        var stack: [Int] = []
        let sources = round.relationSources(map)
        sources.withUnsafeBufferPointer { sources in
        map.incoming.withUnsafeLists { incoming in
        first.withUnsafeMutableBufferPointer { first in
            for (i, (_, position)) in positions.enumerated() where first[position] < 0 {
                first[position] = Int32(i)
                stack.append(position)
                while let c = stack.popLast() {
                    for r in incoming[c] {
                        let child = RelationEnds.claim(sources[r])
                        if first[child] < 0 { first[child] = Int32(i); stack.append(child) }
                    }
                }
            }
        }}}
        return first
    }
}
