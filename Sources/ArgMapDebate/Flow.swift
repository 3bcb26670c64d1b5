import ArgMapModel

/// The map laid out as a debate flow: one sheet per position (each argument directly under
/// a thesis), one column per speech, and each answer on the row of what it answers (or the
/// first free row below it).
public struct Flow: Sendable {
    public struct Cell: Sendable, Equatable {
        public var claim: Int
        public var row: Int
        public var speech: Speech
        /// The claim it answers on this sheet (nil for the position itself).
        public var answers: Int?
    }

    public struct Sheet: Sendable {
        public var position: Int
        public var thesis: Int
        public var cells: [Cell]
        public var rows: Int { (cells.map(\.row).max() ?? -1) + 1 }

        /// The cells as a grid: rows × eight speeches.
        public var grid: [[Int?]] {
            var g = [[Int?]](repeating: [Int?](repeating: nil, count: Speech.allCases.count), count: rows)
            for cell in cells { g[cell.row][cell.speech.order] = cell.claim }
            return g
        }
    }

    public let round: Round
    public let sheets: [Sheet]

    public init(_ map: ArgumentMap) {
        let round = Round(map)
        var sheets: [Sheet] = []
        for thesis in map.roots {
            let positions = map.children(of: thesis).map(\.claim)
            // A thesis with nothing under it is a sheet of its own.
            for position in positions.isEmpty ? [thesis] : positions {
                sheets.append(Flow.layOut(position, thesis: thesis, map: map, round: round))
            }
        }
        self.round = round
        self.sheets = sheets
    }

    static func layOut(_ position: Int, thesis: Int, map: ArgumentMap, round: Round) -> Sheet {
        var nextFree = [Int](repeating: 0, count: Speech.allCases.count)
        var cells: [Cell] = []
        var onSheet: Set<Int> = [position]
        // Depth first, explicitly: each answer goes on its parent's row or the first free row
        // below it in its speech's column.
        var stack: [(claim: Int, parentRow: Int, answers: Int?)] = [(position, 0, nil)]
        while let (c, parentRow, answers) = stack.popLast() {
            let speech = round.speech[c] ?? .firstAffirmativeConstructive
            let column = speech.order
            let row = max(parentRow, nextFree[column])
            nextFree[column] = row + 1
            cells.append(Cell(claim: c, row: row, speech: speech, answers: answers))
            let children = map.children(of: c).map(\.claim).filter { onSheet.insert($0).inserted }
                .sorted { (round.speech[$0]?.order ?? 0, $0) < (round.speech[$1]?.order ?? 0, $1) }
            for child in children.reversed() { stack.append((child, row, c)) }
        }
        return Sheet(position: position, thesis: thesis, cells: cells)
    }

    /// For each of a map's claims, the sheet it first appears on (nil for none), in one pass.
    public func firstSheets(claims count: Int) -> [Int?] {
        var first = [Int?](repeating: nil, count: count)
        for (i, sheet) in sheets.enumerated() {
            for cell in sheet.cells where first[cell.claim] == nil { first[cell.claim] = i }
        }
        return first
    }
}
