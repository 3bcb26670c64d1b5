import ArgMapDebate
import ArgMapModel

/// The debate flow as a spreadsheet (`flow-csv`: one row per flow row, a column per speech,
/// sheets one after another) and as a page (`flow-html`: one table per sheet, affirmative
/// and negative columns coloured, dropped arguments marked). A claim flowed on an earlier
/// sheet (``Flow/Cell/flowedOn``) says so, and where. Text is escaped for each format.
public enum FlowExporter {
    public static func csv(_ map: ArgumentMap) -> String {
        String(decoding: csvPieces(map).concatenated, as: UTF8.self)
    }

    /// ``csv(_:)`` as UTF-8, in pieces of about a megabyte written one after another: a
    /// flow of a million rows is never one string, nor copied whole to be written.
    public static func csvPieces(_ map: ArgumentMap) -> [[UInt8]] {
        let flow = Flow(map)
        var out = Pieces()
        out.append((["sheet", "row"] + Speech.names).joined(separator: ",") + "\r\n")
        for sheet in flow.sheets {
            let name = CSVExporter.field(map.claims[sheet.position].id)
            var r = 0
            sheet.forEachRow { row in
                r += 1
                let cells = row.map { cell -> String in
                    guard let cell else { return "" }
                    let claim = map.claims[cell.claim]
                    let earlier = cell.flowedOn.map { " [flowed on sheet \(map.claims[$0].id)]" } ?? ""
                    return CSVExporter.field(claim.id + ": " + claim.text + (flow.answers.isDropped(cell.claim) ? " [dropped]" : "") + earlier)
                }
                out.append(([name, String(r)] + cells).joined(separator: ",") + "\r\n")
            }
        }
        return out.done()
    }

    public static func html(_ map: ArgumentMap) -> String {
        String(decoding: htmlPieces(map).concatenated, as: UTF8.self)
    }

    /// ``html(_:)`` as UTF-8, in pieces, as ``csvPieces(_:)``.
    public static func htmlPieces(_ map: ArgumentMap) -> [[UInt8]] {
        let flow = Flow(map)
        let drops = flow.answers.droppedClaims()
        let e = HTMLExporter.escape
        let title = map.title ?? "Argument map"
        var out = Pieces()
        out.append(HTMLExporter.head(title: title + " — flow", csp: "default-src 'none'; style-src 'unsafe-inline'") + """
        <style>
        body { font: 13px/1.35 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 1rem; color: #222; }
        h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin: 1.5rem 0 .4rem; }
        table { border-collapse: collapse; table-layout: fixed; width: 100%; }
        th, td { border: 1px solid #ccc; vertical-align: top; padding: .3rem .4rem; word-wrap: break-word; }
        th.aff, td.aff { background: #eef4fb; } th.neg, td.neg { background: #fbeeee; }
        td:empty { background: #fafafa; }
        .id { font-weight: 600; display: block; }
        .dropped { outline: 2px solid #c62828; }
        .dropped .id::after { content: " · dropped"; color: #c62828; font-weight: 400; }
        .inferred { color: #666; font-style: italic; }
        .earlier { display: block; font-size: .9em; color: #555; }
        </style>
        </head>
        <body>
        <h1>\(e(title))</h1>
        <p>\(flow.sheets.count) sheet\(flow.sheets.count == 1 ? "" : "s"), \(drops.count) dropped argument\(drops.count == 1 ? "" : "s"). Italic: speech inferred, not recorded.</p>

        """)
        for sheet in flow.sheets {
            let position = map.claims[sheet.position]
            var head = "<h2 id=\"sheet-\(e(position.id))\">\(e(position.id)): \(e(position.text))</h2>\n<table>\n<tr>"
            for s in Speech.allCases { head += "<th class=\"\(s.side.rawValue)\">\(s.rawValue)</th>" }
            out.append(head + "</tr>\n")
            sheet.forEachRow { row in
                var line = "<tr>"
                for (k, cell) in row.enumerated() {
                    let side = Speech.allCases[k].side.rawValue
                    guard let cell else { line += "<td class=\"\(side)\"></td>"; continue }
                    let c = cell.claim
                    var classes = [side]
                    if flow.answers.isDropped(c) { classes.append("dropped") }
                    if !flow.round.recorded[c] { classes.append("inferred") }
                    let earlier = cell.flowedOn.map { " <a class=\"earlier\" href=\"#sheet-\(e(map.claims[$0].id))\">flowed on sheet \(e(map.claims[$0].id))</a>" } ?? ""
                    line += "<td class=\"\(classes.joined(separator: " "))\"><span class=\"id\">\(e(map.claims[c].id))</span>\(e(map.claims[c].text))\(earlier)</td>"
                }
                line += "</tr>\n"
                out.append(line)
            }
            out.append("</table>\n")
        }
        out.append("</body>\n</html>\n")
        return out.done()
    }

    /// Text gathered as UTF-8 in pieces of about a megabyte.
    struct Pieces {
        private var pieces: [[UInt8]] = [], current: [UInt8] = []

        mutating func append(_ text: String) {
            current.append(contentsOf: text.utf8)
            if current.count >= 1 << 20 {
                pieces.append(current)
                current = []
                current.reserveCapacity(1 << 20 + 4_096)
            }
        }

        consuming func done() -> [[UInt8]] {
            if !current.isEmpty { pieces.append(current) }
            return pieces
        }
    }
}
