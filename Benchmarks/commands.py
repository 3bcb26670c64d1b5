#!/usr/bin/env python3
"""The REPL's commands at a million claims, as a user meets them in a script: each case runs
`argmap --no-rc MAP -c "timer on" -c ...` RUNS times and reads the `time:` line (`timer on`) of
the command measured; it prints a Markdown table of medians and ranges in milliseconds, and the
peak memory of a process that opens each map and scores it (`/usr/bin/time -f %M`). Then the
same commands as a user at a terminal meets them: argmap opens the map in a terminal (a pty),
where it works the live scores, the debate round and the other semantics' evaluations out ahead
while the user reads, and each command is typed a few seconds later; with the process's peak
memory by then; and lines typed at once, as a paste, or as the map loads.

    python3 Benchmarks/commands.py ARGMAP [RUNS] [MAPS] [--claims N] [--reading SECONDS]
    python3 Benchmarks/commands.py .build/release/argmap 5 .build-maps

With --claims, the maps have N claims rather than a million (in MAPS-N: the maps in a folder
are made once, when missing), and with --reading, the commands in a terminal are typed that
many seconds after the map opened rather than three: CI runs the script once on maps of
20,000 claims, so that it cannot rot.

The maps are made in MAPS (default `.build-maps`, which git ignores) when missing: the
generated tree, DAG and cyclic map of a million claims, seed 7, saved as argument files, and
the tree's JSON, Kialo and AIF exports and the cyclic map's Kialo and AIF exports; and a chain
of as many claims, each answering the one before (made as JSON, saved as an argument file).
"""
import os
import statistics
import subprocess
import sys

CLAIMS = 1_000_000


def round_cases(shape):
    """`flow` and `drops` on a map, each first in a script (the debate round worked out with it)
    and after the other (which worked it out)."""
    return [(shape, [], "flow", "the debate round worked out with it"), (shape, ["drops"], "flow", ""),
            (shape, [], "drops", "the debate round worked out with it"), (shape, ["flow"], "drops", "")]


# (map, commands before the one measured, the command measured, what it is); a map of None
# starts argmap with no map. `{maps}` is the folder of the maps.
CASES = [
    (None, [], "open {maps}/tree.argdown", "load argdown"),
    (None, [], "open {maps}/tree.json", "load JSON"),
    ("tree", [], "save {maps}/saved.argdown", "save argdown (written, synced, renamed)"),
    ("tree", [], "export json {maps}/saved.json", "save JSON (written, synced, renamed)"),
    ("tree", [], "show c0", "first scoring (DF-QuAD)"),
    ("tree", ["show c0"], "show c3", ""),
    ("tree", ["show c0"], "tree", "folded at 2,000 lines"),
    ("tree", ["show c0"], "ls c0", "the thesis's 2,800 children"),
    ("tree", ["show c0"], "why c0", ""),
    ("tree", ["show c0"], "set c5 base 0.3", "rescoring after one edit"),
    ("tree", ["show c0", "cd c5"], "add pro a new claim", ""),
    ("tree", ["show c0"], "rm c12", "47,720 claims go"),
    ("tree", ["show c0", "rm c12"], "undo", "of that rm"),
    ("tree", ["show c0"], "whatif rm c12", ""),
    ("tree", [], "find Vostok", "275,000 claims hold it; the first scoring with it"),
    ("tree", ["show c0"], "find Vostok", ""),
    ("tree", [], "find ВОСТОК", "a word past ASCII; the first scoring with it"),
    ("tree", ["show c0"], "find ВОСТОК", ""),
    ("tree", [], "check", ""),
    ("tree", [], "check --integrity", ""),
    ("tree", ["show c0"], "compare", "seven semantics"),
    ("tree", ["show c0"], "impact", "the thesis"),
    ("tree", ["show c0"], "impacts", ""),
    ("tree", [], "flow", "3,902 sheets, folded"),
    ("tree", [], "drops", "582,505 drops, folded"),
    ("tree", [], "cd nosuch", "an id that matches no claim"),
    ("dag", [], "show c0", "first scoring (DF-QuAD)"),
    *round_cases("dag"),
    ("dag", ["show c0"], "compare", ""),
    ("dag", ["show c0", "compare"], "set c5 base 0.3", "the other semantics kept"),
    ("dag", ["show c0", "compare", "set c5 base 0.3"], "compare", "after an edit of a value: they follow it"),
    ("cyclic", [], "show c0", "first scoring (DF-QuAD)"),
    ("cyclic", ["show c0"], "compare c5", "the first compare"),
    ("cyclic", ["show c0", "compare c5", "cd c5"], "add pro a new claim", "the other semantics kept"),
    ("cyclic", ["show c0", "compare c5", "cd c5", "add pro a new claim"], "compare c5", "after a change of structure"),
    ("cyclic", ["show c0", "compare c5"], "link c1000 con c5", "a relation into the largest cycle"),
    ("cyclic", ["show c0", "compare c5", "link c1000 con c5"], "compare c5", "after it: the layouts kept"),
    ("cyclic", ["show c0"], "rm c12", "11,595 claims go"),
    ("cyclic", ["show c0", "rm c12"], "undo", "of that rm"),
    ("cyclic", ["show c0", "set c3 base 0.2"], "set c3 base 0.3", "an edit that reaches the largest cycle"),
    ("cyclic", ["show c0"], "set {last} base 0.9", "an edit that does not"),
    *round_cases("cyclic"),
    # The chain a million deep: an edit at its foot reaches every claim above it, and a removal
    # of its last fifth (from `{fifth}` on), less than the third from which a script makes the
    # rest afresh, is made in place.
    ("chain", ["show c0"], "set {last} base 0.2", "at its foot: every claim above worked out again"),
    ("chain", ["show c0", "cd {last}"], "add pro a new claim", "at its foot"),
    ("chain", ["show c0"], "rm {fifth}", "its last fifth, in place"),
    ("chain", ["show c0", "rm {fifth}"], "undo", "of that rm"),
]

# (map, commands typed before, the command measured), in a terminal: argmap opens the map, and
# the commands are typed once it has had the time to work the scores and the round out ahead.
# (map, the commands typed before, the command measured[, the seconds between the last command
# before it printing its time and the command measured being typed: 0, at once, unless given]).
TERMINAL = [
    ("tree", [], "show c0"),
    ("tree", [], "find Vostok"),
    ("tree", [], "find ВОСТОК"),
    ("tree", [], "compare"),
    ("tree", ["set c5 base 0.3"], "compare"),
    ("tree", ["set c5 base 0.3"], "compare", 1.0),
    ("tree", [], "flow"),
    ("tree", [], "drops"),
    ("dag", [], "show c0"),
    ("dag", [], "compare"),
    ("dag", [], "flow"),
    ("dag", ["cd c5", "add pro a new claim"], "flow"),
    ("dag", ["cd c5", "add pro a new claim"], "compare"),
    ("dag", ["cd c5", "add pro a new claim"], "compare", 1.0),
    ("dag", [], "drops"),
    ("cyclic", [], "show c0"),
    ("cyclic", ["set c3 base 0.3"], "show c0"),
    ("cyclic", [], "compare c5"),
    ("cyclic", ["set c3 base 0.3"], "compare c5"),
    ("cyclic", ["cd c5", "add pro a new claim"], "compare c5"),
    ("cyclic", ["cd c5", "add pro a new claim"], "compare c5", 1.0),
    ("cyclic", ["link c1000 con c5"], "compare c5"),
    ("cyclic", [], "flow"),
    ("cyclic", [], "drops"),
    # A removal of a fifth of the chain (its foot, from `{fifth}` on), which a terminal makes
    # afresh, and its undo and redo, which swap the maps back.
    ("chain", [], "rm {fifth} --yes"),
    ("chain", ["rm {fifth} --yes"], "undo", 1.0),
    ("chain", ["rm {fifth} --yes", "undo"], "redo", 2.5),
]
# Seconds between the first prompt and the first command typed.
READING = 3.0

# (map, commands typed before, lines typed at once, as a paste, when): the time of each
# command of the lines. `when`: "loading", as the map loads, before its first prompt (they run
# before the work ahead of the map begins); or seconds after the first prompt (and after the
# commands before, each typed once the one before it has printed its time), None for
# `READING`. Pasted: a command that drops the debate round (a removal with claims under it,
# once `flow` has worked the round out) has it worked out again once the last line is read,
# not under the lines after it. Typed just after the first prompt, while the work ahead holds
# the map: an edit waits for what is left of it. (`y` answers `rm`'s question, and has no
# time.)
AT_ONCE = [
    ("tree", [], ["set c5 base 0.3"], "loading"),
    ("tree", [], ["set c5 base 0.3", "show c0"], "loading"),
    ("cyclic", [], ["set c3 base 0.3"], "loading"),
    ("cyclic", ["flow"], ["rm c12", "y", "rm c20", "y", "rm c30", "y"], None),
    ("tree", [], ["set c5 base 0.3"], 0.02),
    ("tree", [], ["set c5 base 0.3"], 0.1),
    ("cyclic", [], ["set c5 base 0.3"], 0.02),
    ("cyclic", [], ["set c5 base 0.3"], 0.1),
    ("tree", [], ["score c0"], "loading"),
    ("cyclic", [], ["score c0"], "loading"),
    # Half the chain removed (made afresh: its scores worked out again at the prompt), and an
    # edit pasted after it, then a read that works those scores out.
    ("chain", [], ["rm {half}", "y", "set c3 base 0.3", "show c1"], None),
]

# (what is measured, the commands after the map is named); timed as a whole with /usr/bin/time.
WHOLE = [
    ("tree", "open, `save` and `export json`", ["save {maps}/saved.argdown", "export json {maps}/saved.json"]),
    ("tree", "open and `export html`", ["export html {maps}/saved.html"]),
    ("tree", "open and `export dot`", ["export dot {maps}/saved.dot"]),
    ("cyclic", "open and `export aif`", ["export aif {maps}/saved.aif"]),
    (None, "`import` of the tree's Kialo export", ["import {maps}/tree.kialo"]),
    (None, "`import` of the cyclic map's Kialo export", ["import {maps}/cyclic.kialo"]),
    (None, "`import` of the tree's AIF export", ["import {maps}/tree.aif"]),
    (None, "`import` of the cyclic map's AIF export", ["import {maps}/cyclic.aif"]),
]


def make_maps(argmap, folder):
    os.makedirs(folder, exist_ok=True)
    for shape in ("tree", "dag", "cyclic"):
        path = os.path.join(folder, f"{shape}.argdown")
        if not os.path.exists(path):
            subprocess.run([argmap, "--no-rc", "-c", f"generate --claims {CLAIMS} --shape {shape} --seed 7",
                            "-c", f"save {path}"], check=True, stdout=subprocess.DEVNULL)
    chain = os.path.join(folder, "chain.argdown")
    if not os.path.exists(chain):
        made = os.path.join(folder, "chain.json")
        with open(made, "w") as out:
            out.write('{"argmap": 1, "claims": [\n')
            out.write(",\n".join('{"id": "c%d", "text": "Step %d of the chain, where the argument goes one level deeper"}' % (i, i)
                                  for i in range(CLAIMS)))
            out.write('],\n"relations": [\n')
            out.write(",\n".join('{"from": "c%d", "to": "c%d", "type": "%s"}' % (i, i - 1, "attack" if i % 3 else "support")
                                  for i in range(1, CLAIMS)))
            out.write("]}\n")
        subprocess.run([argmap, "--no-rc", made, "-c", f"save {chain}"], check=True, stdout=subprocess.DEVNULL)
    for shape, formats in (("tree", ("json", "kialo", "aif")), ("cyclic", ("kialo", "aif"))):
        for format in formats:
            path = os.path.join(folder, f"{shape}.{format}")
            if not os.path.exists(path):
                subprocess.run([argmap, "--no-rc", os.path.join(folder, f"{shape}.argdown"), "-c", f"export {format} {path}"],
                               check=True, stdout=subprocess.DEVNULL)


def timed(argmap, path, before, measured):
    arguments = [argmap, "--no-rc"] + ([path] if path else []) + ["-c", "timer on"]
    for command in before + [measured]:
        arguments += ["-c", command]
    result = subprocess.run(arguments, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    times = [float(line.split()[1]) for line in result.stderr.splitlines() if line.startswith("time:")]
    # `timer on` prints a time of its own, and a command that fails still prints one.
    if len(times) != len(before) + 2:
        sys.exit(f"{' '.join(arguments)}: expected {len(before) + 2} times, got {len(times)}:\n{result.stderr[-2000:]}")
    return times[-1] * 1000


class Terminal:
    """argmap opened on `path` in a terminal (a pty of 100 columns), its output read as it
    comes, as a terminal reads it; standard error, where the times go, goes to a file."""

    def __init__(self, argmap, path):
        import pty, tempfile, threading, fcntl, struct, termios
        self.argmap, self.path = argmap, path
        self.errors = tempfile.TemporaryFile(mode="w+")
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            try:
                os.dup2(self.errors.fileno(), 2)
                os.environ["TERM"] = "xterm"
                os.execv(argmap, [argmap, "--no-rc", path])
            finally:
                os._exit(127)  # (only when argmap could not be started)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
        self.seen = bytearray()
        threading.Thread(target=self.drain, daemon=True).start()

    def drain(self):
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.seen.extend(chunk)

    def times(self):
        """The `time:` of every command so far, in milliseconds."""
        self.errors.seek(0)
        return [float(line.split()[1]) * 1000 for line in self.errors.read().splitlines() if line.startswith("time:")]

    def wait_for(self, test, what):
        import time
        deadline = time.time() + 60
        while not test():
            if os.waitpid(self.pid, os.WNOHANG) != (0, 0):
                sys.exit(f"{self.argmap} {self.path} in a terminal: it ended before the {what}:\n{self.seen.decode(errors='replace')[-2000:]}")
            if time.time() > deadline:
                os.kill(self.pid, 9)
                sys.exit(f"{self.argmap} {self.path} in a terminal: no {what} after 60 s")
            time.sleep(0.01)

    def prompt(self):
        self.wait_for(lambda: b"> " in self.seen, "prompt")

    def type(self, lines, times):
        """Types `lines` at once, as a paste, and waits until `times` more commands have
        printed their time (an answer to a question, `y`, prints none)."""
        had = len(self.times())
        os.write(self.fd, "".join(line + "\r" for line in lines).encode())
        self.wait_for(lambda: len(self.times()) >= had + times, f"time for `{lines[-1]}`")

    def close(self, what):
        """Quits; the process's peak memory in MB (VmHWM, Linux)."""
        self.errors.seek(0)
        said = [line for line in self.errors.read().splitlines() if line and not line.startswith("time:")]
        if said:
            os.kill(self.pid, 9)
            sys.exit(f"{self.argmap} {self.path} in a terminal, {what}: " + "\n".join(said[-20:]))
        with open(f"/proc/{self.pid}/status") as status:
            peak_kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
        os.write(self.fd, b"quit!\r")
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass
        os.close(self.fd)
        self.errors.close()
        return peak_kb // 1024


def in_terminal(argmap, path, before, measured, pause=0):
    """The `time:` of `measured` typed in a terminal, `READING` seconds after argmap opened
    `path` and showed its first prompt, after `timer on` and `before`, each typed once the one
    before it has printed its time (`measured`, `pause` seconds after). Returns the time in
    milliseconds and the process's peak memory then in MB."""
    import time
    terminal = Terminal(argmap, path)
    terminal.prompt()
    time.sleep(READING)
    for command in ["timer on"] + before + [measured]:
        if command is measured and before:
            time.sleep(pause)
        terminal.type([command], 1)
    result = terminal.times()[-1]
    return result, terminal.close(f"`{measured}`")


def at_once(argmap, path, before, lines, when):
    """The `time:` of each command of `lines`, typed at once, as a paste, `when` (see
    `AT_ONCE`): as the map loads, before its first prompt, with `timer on`; or that many seconds
    (`READING` for None) after the first prompt, with `timer on`, or, with `before`, after it
    (`READING` seconds after the prompt `timer on` and `before`, each typed once the one before
    it has printed its time). Returns the times in milliseconds."""
    import time
    commands = [line for line in lines if line != "y"]
    terminal = Terminal(argmap, path)
    if when == "loading":
        terminal.type(["timer on"] + lines, 1 + len(commands))
    else:
        terminal.prompt()
        wait = READING if when is None else when
        if before:
            time.sleep(READING)
            for command in ["timer on"] + before:
                terminal.type([command], 1)
            time.sleep(wait)
            terminal.type(lines, len(commands))
        else:
            time.sleep(wait)
            terminal.type(["timer on"] + lines, 1 + len(commands))
    result = terminal.times()[-len(commands):]
    terminal.close(f"`{'`, `'.join(lines)}`")
    return result


def peak(argmap, path, commands):
    arguments = ["/usr/bin/time", "-f", "%e %M", argmap, "--no-rc"] + ([path] if path else [])
    for command in commands:
        arguments += ["-c", command]
    result = subprocess.run(arguments, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True)
    seconds, kb = result.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(kb) // 1024


def main():
    global CLAIMS, READING
    import argparse
    parser = argparse.ArgumentParser(usage=__doc__)
    parser.add_argument("argmap")
    parser.add_argument("runs", nargs="?", type=int, default=5)
    parser.add_argument("maps", nargs="?", default=".build-maps")
    parser.add_argument("--claims", type=int, default=CLAIMS)
    parser.add_argument("--reading", type=float, default=READING)
    options = parser.parse_args()
    argmap, runs, folder = os.path.abspath(options.argmap), options.runs, options.maps
    if options.claims < 100:
        sys.exit("--claims: at least 100 (the commands name claims up to c12)")
    CLAIMS, READING = options.claims, options.reading
    if CLAIMS != 1_000_000:
        folder = f"{folder.rstrip('/')}-{CLAIMS}"
    make_maps(argmap, folder)
    print(f"| map | command | what | median ms | range ms |")
    print(f"|---|---|---|---|---|")
    # The claims the tables name: `{last}`, the last claim (the chain's foot); `{fifth}` and
    # `{half}`, the claims from which the chain's last fifth and last half hang.
    names = dict(last=f"c{CLAIMS - 1}", fifth=f"c{CLAIMS * 4 // 5}", half=f"c{CLAIMS // 2}")
    for shape, before, measured, what in CASES:
        path = os.path.join(folder, f"{shape}.argdown") if shape else None
        before, command = [b.format(**names) for b in before], measured.format(maps=folder, **names)
        samples = [timed(argmap, path, before, command) for _ in range(runs)]
        after = f" (after {', '.join(f'`{b}`' for b in before)})" if before else ""
        shown = measured.replace("{maps}/", "").format(**names)
        print(f"| {shape or '(none)'} | `{shown}`{after} | {what} | {statistics.median(samples):.1f} | "
              f"{min(samples):.1f}–{max(samples):.1f} |", flush=True)
    print()
    print("| map | process | seconds | peak MB |")
    print("|---|---|---|---|")
    for shape in ("tree", "dag", "cyclic"):
        path = os.path.join(folder, f"{shape}.argdown")
        seconds, mb = peak(argmap, path, ["show c0"])
        print(f"| {shape} | open and score (`argmap MAP -c \"show c0\"`) | {seconds:.2f} | {mb} |", flush=True)
    for shape, what, commands in WHOLE:
        path = os.path.join(folder, f"{shape}.argdown") if shape else None
        seconds, mb = peak(argmap, path, [c.format(maps=folder) for c in commands])
        print(f"| {shape or '(none)'} | {what} | {seconds:.2f} | {mb} |", flush=True)
    print()
    print(f"| map | command, typed {READING:g} s after the map opened | median ms | range ms | peak MB |")
    print("|---|---|---|---|---|")
    for shape, before, measured, *rest in TERMINAL:
        pause = rest[0] if rest else 0
        path = os.path.join(folder, f"{shape}.argdown")
        before, measured = [b.format(**names) for b in before], measured.format(**names)
        runs_made = [in_terminal(argmap, path, before, measured, pause) for _ in range(runs)]
        samples = [ms for ms, _ in runs_made]
        after = f" (after {', '.join(f'`{b}`' for b in before)}{f'; typed {pause:g} s after' if pause else ''})" if before else ""
        print(f"| {shape} | `{measured}`{after} | {statistics.median(samples):.1f} | {min(samples):.1f}–{max(samples):.1f} | "
              f"{max(mb for _, mb in runs_made)} |", flush=True)
    print()
    print("| map | lines typed at once | command | median ms | range ms |")
    print("|---|---|---|---|---|")
    for shape, before, lines, when in AT_ONCE:
        path = os.path.join(folder, f"{shape}.argdown")
        lines = [line.format(**names) for line in lines]
        runs_made = [at_once(argmap, path, before, lines, when) for _ in range(runs)]
        shown = ("as the map loads" if when == "loading" else f"after {', '.join(f'`{b}`' for b in before)}" if before
                 else f"{READING if when is None else when:g} s after the first prompt")
        commands = [line for line in lines if line != "y"]
        for k, command in enumerate(commands):
            samples = [times[k] for times in runs_made]
            print(f"| {shape} | {shown} | `{command}` | {statistics.median(samples):.1f} | {min(samples):.1f}–{max(samples):.1f} |", flush=True)


if __name__ == "__main__":
    main()
