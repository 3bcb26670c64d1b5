#!/usr/bin/env python3
"""What `timer` does not count: how long an argmap process takes in all, and how long it takes
to end after its last command printed its `time:` line. Runs each build in turn, RUNS times, on
FILE, with the commands given (`timer on` is put first), and prints the medians and ranges.

    python3 Benchmarks/process-end.py FILE RUNS "cmd|cmd" ARGMAP [ARGMAP ...]
    python3 Benchmarks/process-end.py tree.argdown 5 "cd c0" .build/release/argmap old/argmap

"""
import statistics
import subprocess
import sys
import time


def run(binary, path, commands):
    arguments = [binary, "--no-rc", path, "-c", "timer on"]
    for command in commands:
        arguments += ["-c", command]
    start = time.monotonic()
    process = subprocess.Popen(arguments, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    last = None
    for line in process.stderr:
        if line.startswith("time:"):
            last = time.monotonic()
    process.wait()
    end = time.monotonic()
    if process.returncode != 0 or last is None:
        sys.exit(f"{binary} failed (exit {process.returncode})")
    return (end - start) * 1000, (end - last) * 1000


def main(path, runs, commands, binaries):
    results = {b: [] for b in binaries}
    for _ in range(runs):
        for binary in binaries:
            results[binary].append(run(binary, path, commands))
    for binary, measured in results.items():
        whole = [w for w, _ in measured]
        after = [a for _, a in measured]
        print(f"{binary}: whole {statistics.median(whole):.0f} ms ({min(whole):.0f}-{max(whole):.0f}), "
              f"after the last command {statistics.median(after):.0f} ms ({min(after):.0f}-{max(after):.0f})")


if __name__ == "__main__":
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3].split("|"), sys.argv[4:])
