import ArgMapModel

/// One row per relation: `from,to,type,weight,from_text,to_text` (and the two scores when
/// given). Fields are quoted as RFC 4180 says; a field that a spreadsheet would take for a
/// formula (starting with = + - @ or a tab) gets a leading apostrophe.
public enum CSVExporter {
    public static func write(_ map: ArgumentMap, _ options: ExportOptions = ExportOptions()) -> String {
        TextPieces.text { write(map, options, to: &$0) }
    }

    /// The rows, written into `out` (on both cores for a large map).
    /// - Complexity: O(relations + text).
    package static func write(_ map: ArgumentMap, _ options: ExportOptions, to out: inout TextPieces) {
        let scored = options.scores != nil || options.labels != nil
        out.write(scored ? "from,to,type,weight,from_text,to_text,from_score,to_score\r\n" : "from,to,type,weight,from_text,to_text\r\n")
        out.writeEach(map.relations.count) { r, out in
            let relation = map.relations[r]
            let from = map.claims[relation.from], to = map.claims[relation.to]
            writeField(from.id, to: &out); out.push(comma)
            writeField(to.id, to: &out); out.push(comma)
            out.write(relation.type.rawValue); out.push(comma)
            writeField(DataValue.format(relation.weight), to: &out); out.push(comma)
            writeField(from.text, to: &out); out.push(comma)
            writeField(to.text, to: &out)
            if scored {
                out.push(comma); writeField(options.scoreText(relation.from) ?? "", to: &out)
                out.push(comma); writeField(options.scoreText(relation.to) ?? "", to: &out)
            }
            out.write("\r\n")
        }
    }

    static let comma: UInt8 = 0x2C

    /// One field as ``writeField(_:to:)`` writes it.
    static func field(_ s: String) -> String {
        TextPieces.text { writeField(s, to: &$0) }
    }

    /// A field, quoted when it holds a comma, a quote or a line break (its quotes doubled),
    /// with an apostrophe first when it starts as a formula would (and is not a number).
    static func writeField(_ s: String, to out: inout TextPieces) {
        var s = s
        s.withUTF8 { bytes in
            let formula = bytes.first.map { $0 == 0x3D || $0 == 0x2B || $0 == 0x2D || $0 == 0x40 || $0 == 0x09 || $0 == 0x0D } == true
                && Double(String(decoding: bytes, as: UTF8.self)) == nil
            guard bytes.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
                if formula { out.push(0x27) }
                out.push(contentsOf: bytes)
                return
            }
            out.push(0x22)
            if formula { out.push(0x27) }
            for b in bytes {
                out.push(b)
                if b == 0x22 { out.push(0x22) }
            }
            out.push(0x22)
        }
    }
}
