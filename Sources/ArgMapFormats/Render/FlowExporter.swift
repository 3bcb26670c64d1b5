import ArgMapDebate
import ArgMapModel

/// The debate flow as a spreadsheet (`flow-csv`: one row per flow row, a column per speech,
/// sheets one after another) and as a page (`flow-html`: one table per sheet, affirmative
/// and negative columns coloured, dropped arguments marked). A claim flowed on an earlier
/// sheet (``Flow/Cell/flowedOn``) says so, and where. Text is escaped for each format.
public enum FlowExporter {
    public static func csv(_ map: ArgumentMap) -> String {
        TextPieces.text { writeCSV(map, to: &$0) }
    }

    /// ``csv(_:)`` written into `out` a row at a time: a flow of a million rows is never one
    /// string, and goes to its file a piece at a time.
    package static func writeCSV(_ map: ArgumentMap, to out: inout TextPieces) {
        let flow = Flow(map)
        out.write((["sheet", "row"] + Speech.names).joined(separator: ",") + "\r\n")
        for sheet in flow.sheets {
            let name = CSVExporter.field(map.claims[sheet.position].id)
            var r = 0
            sheet.forEachRow { row in
                r += 1
                out.write(name); out.push(CSVExporter.comma); out.write(r)
                for cell in row {
                    out.push(CSVExporter.comma)
                    guard let cell else { continue }
                    let claim = map.claims[cell.claim]
                    let earlier = cell.flowedOn.map { " [flowed on sheet \(map.claims[$0].id)]" } ?? ""
                    CSVExporter.writeField(claim.id + ": " + claim.text + (flow.answers.isDropped(cell.claim) ? " [dropped]" : "") + earlier, to: &out)
                }
                out.write("\r\n")
            }
        }
    }

    public static func html(_ map: ArgumentMap) -> String {
        TextPieces.text { writeHTML(map, to: &$0) }
    }

    /// ``html(_:)`` written into `out` a row at a time, as ``writeCSV(_:to:)``.
    package static func writeHTML(_ map: ArgumentMap, to out: inout TextPieces) {
        let flow = Flow(map)
        let drops = flow.answers.droppedClaims()
        let e = HTMLExporter.escape
        let title = map.title ?? "Argument map"
        out.write(HTMLExporter.head(title: title + " — flow", csp: "default-src 'none'; style-src 'unsafe-inline'") + """
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
            out.write(head + "</tr>\n")
            sheet.forEachRow { row in
                out.write("<tr>")
                for (k, cell) in row.enumerated() {
                    out.write("<td class=\"")
                    out.write(Speech.allCases[k].side.rawValue)
                    guard let cell else { out.write("\"></td>"); continue }
                    let c = cell.claim
                    if flow.answers.isDropped(c) { out.write(" dropped") }
                    if !flow.round.recorded[c] { out.write(" inferred") }
                    out.write("\"><span class=\"id\">")
                    out.write(map.claims[c].id, escaping: .html)
                    out.write("</span>")
                    out.write(map.claims[c].text, escaping: .html)
                    if let earlier = cell.flowedOn {
                        out.write(" <a class=\"earlier\" href=\"#sheet-")
                        out.write(map.claims[earlier].id, escaping: .html)
                        out.write("\">flowed on sheet ")
                        out.write(map.claims[earlier].id, escaping: .html)
                        out.write("</a>")
                    }
                    out.write("</td>")
                }
                out.write("</tr>\n")
            }
            out.write("</table>\n")
        }
        out.write("</body>\n</html>\n")
    }
}
