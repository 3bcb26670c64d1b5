#!/usr/bin/env python3
"""Two builds of argmap beside each other, command by command, as "What changed" in
docs/PERFORMANCE.md measures a round: for each command, RUNS processes of each build in turn,
`argmap --no-rc MAP -c "show c1" [-c BEFORE ...] -c "timer on" -c COMMAND`, the command's
`time:` read from each (`timer on`); prints a Markdown row per command, with the median and
range in milliseconds of each build. A process that prints no `time:` (the command or one
before it failed) stops the script with what it printed, rather than count as no time.

    python3 Benchmarks/beside.py OLD NEW MAP RUNS [--first] [--before "CMD;CMD"] COMMAND ...
    python3 Benchmarks/beside.py old/argmap .build/release/argmap chain.argdown 5 "whatif c999999 base 0.1"
    python3 Benchmarks/beside.py old/argmap .build/release/argmap chain.argdown 5 --before "rm c500000" undo
    python3 Benchmarks/beside.py old/argmap .build/release/argmap cyclic.argdown 9 --first "show c0"

`show c1` scores the map first, so that the command does not pay for the first scoring; the
commands given with --before run after it, untimed. With --first there is no `show c1`: the
command (or the first of --before) is the first the process runs on the map, and pays for what
a session works out the first time a command needs it (the scores, the debate round).
"""
import statistics
import subprocess
import sys


def timed(argmap, map_path, before, command, first=False):
    """The command's time in milliseconds, in one process."""
    args = [argmap, "--no-rc", map_path] + ([] if first else ["-c", "show c1"])
    for b in before:
        args += ["-c", b]
    args += ["-c", "timer on", "-c", command]
    run = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    times = [line.split()[1] for line in run.stderr.splitlines() if line.startswith("time:")]
    if run.returncode != 0 or not times:
        sys.exit(f"{argmap}: `{command}` gave no time (exit {run.returncode}):\n{run.stderr[-2000:]}")
    return float(times[-1]) * 1000


def summary(times):
    return f"{statistics.median(times):.1f} ms ({min(times):.1f}–{max(times):.1f})"


def main(argv):
    before = []
    first = "--first" in argv
    if first:
        argv.remove("--first")
    if "--before" in argv:
        i = argv.index("--before")
        before = [c.strip() for c in argv[i + 1].split(";") if c.strip()]
        del argv[i:i + 2]
    if len(argv) < 5:
        sys.exit(__doc__)
    old, new, map_path, runs, commands = argv[0], argv[1], argv[2], int(argv[3]), argv[4:]
    label = f" (after {', '.join(before)})" if before else ""
    if first:
        label = f" (after {', '.join(before)}, with no `show c1` before)" if before else " (the process's first command)"
    print(f"| command | {old} | {new} |")
    print("|---|---|---|")
    for command in commands:
        a, b = [], []
        for _ in range(runs):
            a.append(timed(old, map_path, before, command, first))
            b.append(timed(new, map_path, before, command, first))
        print(f"| `{command}`{label} | {summary(a)} | {summary(b)} |", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
