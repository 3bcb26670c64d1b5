import ArgMapModel

/// One self-contained HTML page, usable offline with no external requests: the map's picture
/// (inline SVG from Graphviz, when it is installed), a collapsible tree with support and attack
/// marked by colour and by sign, scores as bars, sources, and a search box. Every piece of
/// claim text is HTML-escaped; the only script is the page's own search.
public enum HTMLExporter {
    /// The start of every page argmap writes, up to its title: UTF-8, a viewport for phones,
    /// and a Content-Security-Policy that allows nothing beyond `csp` (no requests at all).
    static func head(title: String, csp: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="\(csp)">
        <title>\(escape(title))</title>

        """
    }

    public static func write(_ map: ArgumentMap, _ options: ExportOptions = ExportOptions()) -> String {
        TextPieces.text { write(map, options, to: &$0) }
    }

    /// The page, written into `out`: the canonical walk taken first, then its steps written
    /// on both cores for a large map.
    /// - Complexity: O(claims + relations + text).
    package static func write(_ map: ArgumentMap, _ options: ExportOptions, to out: inout TextPieces) {
        let title = map.title ?? "Argument map"
        out.write(head(title: title, csp: "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:") + """
        <style>
        body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem 1.5rem 4rem; color: #222; }
        h1 { font-size: 1.5rem; margin-bottom: .25rem; }
        .meta { color: #666; margin-top: 0; }
        #search { width: 100%; font-size: 1rem; padding: .4rem .6rem; margin: .75rem 0 1rem; box-sizing: border-box; border: 1px solid #bbb; border-radius: 4px; }
        details { margin: .2rem 0 .2rem 1.1rem; border-left: 3px solid #ddd; padding-left: .6rem; }
        details.support { border-left-color: #2e7d32; }
        details.attack { border-left-color: #c62828; border-left-style: dashed; }
        details.undercut { border-left-color: #ef6c00; border-left-style: dotted; }
        details.thesis { margin-left: 0; border-left: 4px double #8a6d00; background: #fffbea; padding: .3rem .6rem; }
        summary { cursor: pointer; list-style-position: outside; }
        .mark { font-weight: 700; display: inline-block; min-width: 4.5rem; }
        .support > summary .mark { color: #2e7d32; }
        .attack > summary .mark { color: #c62828; }
        .undercut > summary .mark { color: #b45300; }
        .id { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .8rem; color: #555; }
        .bar { display: inline-block; width: 5rem; height: .55rem; background: #e6e6e6; border-radius: 3px; vertical-align: middle; margin-left: .4rem; overflow: hidden; }
        .bar > span { display: block; height: 100%; background: #3a7bd5; }
        .score { font-variant-numeric: tabular-nums; color: #333; font-size: .85rem; margin-left: .3rem; }
        .sources, .note { font-size: .85rem; color: #555; margin: .15rem 0 .3rem 4.5rem; }
        .ref { color: #666; font-style: italic; }
        .hidden { display: none; }
        .hit > summary { background: #fff3a8; }
        figure { margin: 0 0 1rem; overflow: auto; border: 1px solid #eee; max-height: 36rem; }
        figure svg { max-width: 100%; height: auto; }
        .legend span { margin-right: 1.2rem; }
        </style>
        </head>
        <body>
        <h1>\(escape(title))</h1>
        <p class="meta">\(map.count) claims, \(map.relations.count) relations\(options.semantics.map { ", scores under " + escape($0) } ?? "")</p>
        <p class="legend"><span style="color:#2e7d32">+ Pro: supports</span><span style="color:#c62828">− Con: attacks</span><span style="color:#b45300">⊘ Undercut</span></p>

        """)
        if let svg = options.picture {
            out.write("<figure>\n" + svg + "\n</figure>\n")
        }
        out.write("<input id=\"search\" type=\"search\" placeholder=\"Search the claims…\" aria-label=\"Search the claims\">\n<div id=\"tree\">\n")
        // The walk with, for each step, how many open claims close before it.
        var steps: [ShortWalkStep] = [], closes: [UInt32] = []
        var open: [Int] = []   // depths of open <details>
        steps.reserveCapacity(map.relations.count + map.count / 8 + 16)
        closes.reserveCapacity(map.relations.count + map.count / 8 + 16)
        map.canonicalWalk { step in
            var n: UInt32 = 0
            while let d = open.last, d >= step.depth { open.removeLast(); n += 1 }
            closes.append(n)
            steps.append(ShortWalkStep(step))
            if step.isFirstVisit { open.append(step.depth) }
        }
        out.writeEach(steps.count) { k, out in
            for _ in 0..<closes[k] { out.write("</details>\n") }
            let step = steps[k]
            let c = Int(step.claim)
            let claim = map.claims[c]
            var cls: StaticString = "thesis", mark: StaticString = "Thesis"
            if step.relation != .max {
                switch map.relations[Int(step.relation)].type {
                case .support: (cls, mark) = ("support", "+ Pro")
                case .attack: (cls, mark) = ("attack", "− Con")
                case .undercut: (cls, mark) = ("undercut", "⊘ Undercut")
                }
            }
            func label() {
                out.write(claim.kind == .argument ? "&lt;" : "[")
                out.write(claim.id, escaping: .html)
                out.write(claim.kind == .argument ? "&gt;" : "]")
            }
            out.write("<details class=\""); out.write(cls)
            if !step.isFirstVisit {
                out.write("\"><summary><span class=\"mark\">"); out.write(mark)
                out.write("</span> <span class=\"ref\">see <span class=\"id\">"); label(); out.write("</span> above</span></summary></details>\n")
                return
            }
            out.write(step.depth < 2 ? "\" open><summary><span class=\"mark\">" : "\"><summary><span class=\"mark\">")
            out.write(mark); out.write("</span> ")
            out.write(claim.text, escaping: .html)
            out.write(" <span class=\"id\">"); label(); out.write("</span>")
            if let score = options.scoreText(c) {
                if let s = options.scores?[c], s.isFinite {
                    out.write("<span class=\"bar\" title=\"score "); out.write(score); out.write("\"><span style=\"width:")
                    out.write(Int((s * 100).rounded())); out.write("%\"></span></span>")
                }
                out.write("<span class=\"score\">"); out.write(score, escaping: .html); out.write("</span>")
            }
            out.write("</summary>\n")
            if !claim.sources.isEmpty {
                out.write("<div class=\"sources\">Sources: ")
                for (i, s) in claim.sources.enumerated() {
                    if i > 0 { out.write("; ") }
                    out.write(s.citation, escaping: .html)
                    if let d = s.date { out.write(", "); out.write(d, escaping: .html) }
                    if let u = s.url, u.hasPrefix("https://") || u.hasPrefix("http://") {
                        out.write(" <a href=\""); out.write(u, escaping: .html); out.write("\" rel=\"noreferrer\">link</a>")
                    }
                }
                out.write("</div>\n")
            }
            if let note = claim.note { out.write("<div class=\"note\">Note: "); out.write(note, escaping: .html); out.write("</div>\n") }
        }
        for _ in open { out.write("</details>\n") }
        out.write("""
        </div>
        <script>
        (function () {
          var box = document.getElementById('search');
          var all = Array.prototype.slice.call(document.querySelectorAll('#tree details'));
          box.addEventListener('input', function () {
            var q = box.value.trim().toLowerCase();
            all.forEach(function (d) { d.classList.remove('hit'); d.classList.remove('hidden'); });
            if (!q) { return; }
            all.forEach(function (d) {
              var own = d.querySelector('summary').textContent.toLowerCase();
              var inside = d.textContent.toLowerCase();
              if (inside.indexOf(q) < 0) { d.classList.add('hidden'); return; }
              d.open = true;
              if (own.indexOf(q) >= 0) { d.classList.add('hit'); }
            });
          });
          document.body.setAttribute('data-ready', 'yes');
        })();
        </script>
        </body>
        </html>

        """)
    }

    /// Escapes text for HTML element content and attribute values.
    public static func escape(_ s: String) -> String {
        Escapes.html.apply(s)
    }

    /// Graphviz's SVG without its XML prolog and doctype, ready to inline.
    public static func inlineSVG(_ svg: String) -> String {
        guard let start = svg.firstRange(of: "<svg") else { return "" }
        return String(svg[start.lowerBound...])
    }
}
