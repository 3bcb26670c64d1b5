#!/usr/bin/env python3
"""Turns `swift package benchmark --format markdown` output into the table in
docs/PERFORMANCE.md: the median wall-clock time, allocations and peak memory of each benchmark.

    swift package --package-path Benchmarks benchmark --format markdown > out.md
    python3 Benchmarks/summarize.py out.md
"""
import re
import sys

def main(path):
    name, rows, current = None, [], {}
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        m = re.match(r"^### (.+)$", line)
        if m:
            if name and current:
                rows.append((name, current))
            name, current = m.group(1).strip(), {}
            continue
        if not line.startswith("|") or name is None:
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) < 4 or cells[0] in ("Metric", "") or set(cells[0]) <= set("-:"):
            continue
        # Columns: metric, p0, p25, p50, ...
        current[cells[0]] = cells[3]
    if name and current:
        rows.append((name, current))
    print("| benchmark | median wall clock | allocations | peak resident memory |")
    print("|---|---|---|---|")
    for name, m in rows:
        def find(prefix):
            for k, v in m.items():
                if k.startswith(prefix):
                    unit = re.search(r"\(([^)]*)\)\s*\*?$", k)
                    return v + (" " + unit.group(1) if unit and unit.group(1) not in ("#", "total") else "")
            return ""
        print(f"| {name} | {find('Time (wall clock)')} | {find('Malloc (total)')} | {find('Memory (resident peak)')} |")

if __name__ == "__main__":
    main(sys.argv[1])
