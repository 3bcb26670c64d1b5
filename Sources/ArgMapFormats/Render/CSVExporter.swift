import ArgMapModel

/// One row per relation: `from,to,type,weight,from_text,to_text` (and the two scores when
/// given). Fields are quoted as RFC 4180 says; a field that a spreadsheet would take for a
/// formula (starting with = + - @ or a tab) gets a leading apostrophe.
public enum CSVExporter {
    public static func write(_ map: ArgumentMap, _ options: ExportOptions = ExportOptions()) -> String {
        let scored = options.scores != nil || options.labels != nil
        var out = "from,to,type,weight,from_text,to_text" + (scored ? ",from_score,to_score" : "") + "\r\n"
        for relation in map.relations {
            let from = map.claims[relation.from], to = map.claims[relation.to]
            var fields = [from.id, to.id, relation.type.rawValue, DataValue.format(relation.weight), from.text, to.text]
            if scored { fields += [options.scoreText(relation.from) ?? "", options.scoreText(relation.to) ?? ""] }
            out += fields.map(field).joined(separator: ",") + "\r\n"
        }
        return out
    }

    static func field(_ s: String) -> String {
        var value = s
        if let first = value.first, "=+-@\t\r".contains(first), Double(value) == nil { value = "'" + value }
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            return "\"" + value.replacingOccurrences("\"", with: "\"\"") + "\""
        }
        return value
    }
}
