import ArgMapModel

/// Writes a map as Argdown in one canonical layout: the frontmatter, then each thesis with the
/// claims under it as an indented tree (two spaces a level, one relation a line), a claim
/// defined in full where the canonical walk first meets it and referred to by title after
/// that. argmap's values go into data: `base` on the definition, `weight` on the relation line.
/// Scores are never written. The output is valid Argdown.
public enum ArgdownPrinter {
    /// How deep the indented tree goes before a claim's own claims continue in a block of
    /// their own (under a reference to it): keeps lines short and a million-deep chain linear.
    public static let depthLimit = 48

    /// - Complexity: O(claims + relations + text), no recursion.
    public static func print(_ map: ArgumentMap) -> String {
        String(decoding: bytes(map), as: UTF8.self)
    }

    /// The file's bytes, as `save` writes them, in one buffer.
    /// - Complexity: O(claims + relations + text), no recursion.
    public static func bytes(_ map: ArgumentMap) -> [UInt8] {
        pieces(map).concatenated
    }

    /// From this many steps of the walk on, the file is written on both cores.
    static let parallelThreshold = 20_000

    /// The file's bytes in pieces to be written one after another, all in memory.
    /// - Complexity: O(claims + relations + text), no recursion.
    public static func pieces(_ map: ArgumentMap, lanes: Int = 2) -> [[UInt8]] {
        TextPieces.collect { write(map, lanes: lanes, to: &$0) }
    }

    /// The file written into `out` as `save` writes it, a piece at a time: the canonical walk
    /// is taken first, then its steps are written out a window at a time, each window in
    /// `lanes` stretches at once (one for a small map), with the common values (a base, a
    /// weight) written without building data entries.
    /// - Complexity: O(claims + relations + text), no recursion.
    package static func write(_ map: ArgumentMap, lanes: Int = 2, to out: inout TextPieces) {
        let hasHead = map.title != nil || map.frontmatter != nil
        if hasHead {
            out.write("===\n")
            if let title = map.title { out.write("title: "); out.write(FlowData.string(title)); out.push(newline) }
            if let fm = map.frontmatter { out.write(fm); if !fm.hasSuffix("\n") { out.push(newline) } }
            out.write("===\n")
        }
        let steps = ShortWalkStep.walk(map, depthLimit: depthLimit)
        // What a stretch needs of the steps before it: the section last named at the margin.
        var namings: [(step: Int, section: String)] = []
        for (k, step) in steps.enumerated() where step.depth == 0 && !step.isContinuation {
            if let s = map.claims[Int(step.claim)].section { namings.append((k, s)) }
        }
        func section(before k: Int) -> String? {
            var low = 0, high = namings.count  // the first naming at k or after
            while low < high { let mid = (low + high) / 2; if namings[mid].step < k { low = mid + 1 } else { high = mid } }
            return low == 0 ? nil : namings[low - 1].section
        }
        out.writeEachStretch(steps.count, lanes: max(1, lanes), minimum: parallelThreshold) { stretch, bytes in
            bytes.reserveCapacity(steps[stretch].reduce(0) { $0 + (!$1.isFirstVisit ? 24 : map.claims[Int($1.claim)].text.utf8.count + 40) })
            write(map, steps[stretch], section: section(before: stretch.lowerBound), after: hasHead || stretch.lowerBound > 0, to: &bytes)
        }
    }

    /// Writes a stretch of the walk's steps. `section` is the section last named before it, and
    /// `after` says whether anything was written before it.
    static func write(_ map: ArgumentMap, _ steps: ArraySlice<ShortWalkStep>, section: String?, after: Bool, to out: inout [UInt8]) {
        var section = section
        let after = after || !out.isEmpty
        for step in steps {
            let claim = map.claims[Int(step.claim)]
            let (open, close): (UInt8, UInt8) = claim.kind == .argument ? (0x3C, 0x3E) : (0x5B, 0x5D)  // < > or [ ]
            if step.isContinuation {
                // A claim defined at the depth limit: its own claims go on under a reference.
                out.append(newline); out.append(open); out.append(contentsOf: claim.id.utf8); out.append(close); out.append(newline)
                continue
            }
            if step.depth == 0 {
                if let s = claim.section, s != section {
                    if after || !out.isEmpty { out.append(newline) }
                    out.append(contentsOf: "# ".utf8); out.append(contentsOf: escapeText(s).utf8); out.append(newline)
                    section = s
                }
                if after || !out.isEmpty { out.append(newline) }
            } else {
                out.append(contentsOf: indentation[0..<min(2 * Int(step.depth), indentation.count)])
            }
            var weight = Relation.defaultWeight
            if step.relation != .max {
                let relation = map.relations[Int(step.relation)]
                weight = relation.weight
                switch relation.type {
                case .support: out.append(0x2B)
                case .attack: out.append(0x2D)
                case .undercut: out.append(0x5F)
                }
                out.append(space)
            }
            out.append(open); out.append(contentsOf: claim.id.utf8); out.append(close)
            // Data entries as `{key: value, …}`, the values already written as text.
            var entries: [(String, String)] = []
            if step.isFirstVisit {
                out.append(0x3A)  // :
                if !claim.text.isEmpty { out.append(space); appendEscaped(claim.text, to: &out) }
                for tag in claim.tags { out.append(space); out.append(contentsOf: tagText(tag).utf8) }
                if claim.base != Claim.defaultBase { entries.append(("base", DataValue.format(claim.base))) }
            }
            if weight != Relation.defaultWeight { entries.append(("weight", DataValue.format(weight))) }
            if step.isFirstVisit {
                if let note = claim.note { entries.append(("note", FlowData.string(note))) }
                if !claim.sources.isEmpty { entries.append(("sources", FlowData.write(.list(claim.sources.map(sourceValue))))) }
                for e in claim.data { entries.append((FlowData.key(e.key), FlowData.write(e.value))) }
            }
            for (k, (key, value)) in entries.enumerated() {
                out.append(contentsOf: (k == 0 ? " {" : ", ").utf8)
                out.append(contentsOf: key.utf8)
                out.append(contentsOf: ": ".utf8)
                out.append(contentsOf: value.utf8)
            }
            if !entries.isEmpty { out.append(0x7D) }  // }
            out.append(newline)
        }
    }

    static func sourceValue(_ s: Source) -> DataValue {
        if s.date == nil && s.url == nil { return .string(s.citation) }
        var entries = [DataEntry(key: "citation", value: .string(s.citation))]
        if let d = s.date { entries.append(DataEntry(key: "date", value: .string(d))) }
        if let u = s.url { entries.append(DataEntry(key: "url", value: .string(u))) }
        return .map(entries)
    }

    static func tagText(_ tag: String) -> String {
        if !tag.isEmpty, tag.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D || $0 == 0x5F || $0 >= 0x80 }),
           !tag.contains(where: { $0.isWhitespace || $0.isPunctuation && $0 != "-" && $0 != "_" }) {
            return "#" + tag
        }
        return "#(" + tag + ")"
    }

    static func special(_ b: UInt8) -> Bool {
        b == 0x5C || b == 0x23 || b == 0x7B || b == 0x7D || b == 0x2F || b == 0x3C || b == 0x0A || b == 0x0D || b == 0x09
    }

    /// The first byte of `bytes` that ``special(_:)`` holds, looked for eight bytes at a time:
    /// a word is passed over when none of its bytes is below 0x20 or equal to # / < \\ { or }.
    static func firstSpecial(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        @inline(__always) func hasZero(_ x: UInt64) -> Bool { (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0 }
        @inline(__always) func has(_ w: UInt64, _ b: UInt64) -> Bool { hasZero(w ^ (b &* 0x0101_0101_0101_0101)) }
        var i = 0
        while i + 8 <= bytes.count {
            let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            // A byte below 0x20: with its top three bits clear, masking them leaves a zero.
            let low = hasZero(w & 0xE0E0_E0E0_E0E0_E0E0)
            if !low && !has(w, 0x23) && !has(w, 0x2F) && !has(w, 0x3C) && !has(w, 0x5C) && !has(w, 0x7B) && !has(w, 0x7D) {
                i += 8
                continue
            }
            for k in i..<(i + 8) where special(bytes[k]) { return k }
            i += 8
        }
        while i < bytes.count {
            if special(bytes[i]) { return i }
            i += 1
        }
        return nil
    }

    /// Escapes what Argdown would otherwise read as syntax inside a claim's text: backslashes,
    /// tags, data braces and comment openers. Line breaks become spaces (a claim is one paragraph).
    /// Works on UTF-8 bytes (everything it escapes is ASCII).
    static func escapeText(_ text: String) -> String {
        var out: [UInt8] = []
        appendEscaped(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends a claim's text escaped (see ``escapeText(_:)``); text that needs nothing, which is
    /// almost all, is copied as it is: this runs once per claim on every save.
    static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            guard let first = firstSpecial(bytes) else { out.append(contentsOf: bytes); return }
            out.append(contentsOf: bytes[..<first])
            var i = first
            while i < bytes.count {
                let b = bytes[i]
                let next: UInt8 = i + 1 < bytes.count ? bytes[i + 1] : 0
                switch b {
                case 0x5C, 0x23, 0x7B, 0x7D:  // \ # { }
                    out.append(0x5C); out.append(b)
                case 0x2F where next == 0x2F || next == 0x2A:  // // or /*
                    out.append(0x5C); out.append(b)
                case 0x3C where next == 0x21:  // <!
                    out.append(0x5C); out.append(b)
                case 0x0A, 0x0D, 0x09:
                    out.append(0x20)
                default:
                    out.append(b)
                }
                i += 1
            }
        }
    }
}

private let newline: UInt8 = 0x0A, space: UInt8 = 0x20
/// The deepest indentation the printer writes (two spaces a level, to the depth limit).
private let indentation = [UInt8](repeating: space, count: 2 * ArgdownPrinter.depthLimit)
