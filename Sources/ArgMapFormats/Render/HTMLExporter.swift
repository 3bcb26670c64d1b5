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
        let title = map.title ?? "Argument map"
        var out = head(title: title, csp: "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:") + """
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

        """
        if let svg = options.picture {
            out += "<figure>\n" + svg + "\n</figure>\n"
        }
        out += "<input id=\"search\" type=\"search\" placeholder=\"Search the claims…\" aria-label=\"Search the claims\">\n<div id=\"tree\">\n"
        var open: [Int] = []   // depths of open <details>
        map.canonicalWalk { step in
            while let d = open.last, d >= step.depth { out += "</details>\n"; open.removeLast() }
            let claim = map.claims[step.claim]
            var cls = "thesis", mark = "Thesis"
            if let r = step.relation {
                switch map.relations[r].type {
                case .support: (cls, mark) = ("support", "+ Pro")
                case .attack: (cls, mark) = ("attack", "− Con")
                case .undercut: (cls, mark) = ("undercut", "⊘ Undercut")
                }
            }
            let label = claim.kind == .argument ? "&lt;" + escape(claim.id) + "&gt;" : "[" + escape(claim.id) + "]"
            if !step.isFirstVisit {
                out += "<details class=\"\(cls)\"><summary><span class=\"mark\">\(mark)</span> <span class=\"ref\">see <span class=\"id\">\(label)</span> above</span></summary></details>\n"
                return
            }
            out += "<details class=\"\(cls)\"\(step.depth < 2 ? " open" : "")><summary><span class=\"mark\">\(mark)</span> "
            out += escape(claim.text) + " <span class=\"id\">\(label)</span>"
            if let score = options.scoreText(step.claim) {
                if let s = options.scores?[step.claim], s.isFinite {
                    out += "<span class=\"bar\" title=\"score \(score)\"><span style=\"width:\(Int((s * 100).rounded()))%\"></span></span>"
                }
                out += "<span class=\"score\">\(escape(score))</span>"
            }
            out += "</summary>\n"
            if !claim.sources.isEmpty {
                out += "<div class=\"sources\">Sources: " + claim.sources.map { s in
                    var t = escape(s.citation)
                    if let d = s.date { t += ", " + escape(d) }
                    if let u = s.url, u.hasPrefix("https://") || u.hasPrefix("http://") { t += " <a href=\"\(escape(u))\" rel=\"noreferrer\">link</a>" }
                    return t
                }.joined(separator: "; ") + "</div>\n"
            }
            if let note = claim.note { out += "<div class=\"note\">Note: \(escape(note))</div>\n" }
            open.append(step.depth)
        }
        for _ in open { out += "</details>\n" }
        out += """
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

        """
        return out
    }

    /// Escapes text for HTML element content and attribute values.
    public static func escape(_ s: String) -> String {
        s.escaping { ch in
            switch ch {
            case "&": return "&amp;"
            case "<": return "&lt;"
            case ">": return "&gt;"
            case "\"": return "&quot;"
            case "'": return "&#39;"
            default: return nil
            }
        }
    }

    /// Graphviz's SVG without its XML prolog and doctype, ready to inline.
    public static func inlineSVG(_ svg: String) -> String {
        guard let start = svg.firstRange(of: "<svg") else { return "" }
        return String(svg[start.lowerBound...])
    }
}
