"""Sweep benchmark (`bigcert batch --sweep`): 10,000 random small instances (n = 5 players, d = 2, boxes and a triangle),
solved and certified (Z3, `--certify`) by `bigcert batch --sweep` with one and with two worker threads, side by
side; prints throughput, the speed-up, the certificate verdicts, and the machine's load: the load average
before and after each run and the CPU time the run got (user + sys of the child, from getrusage) divided by its
wall time, which says how much of the second core the run actually had on a shared machine.
Usage: python3 bench/sweep_bench.py BIGCERT [COUNT] [--solve-only]"""
import collections
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

SPEC = {"format": "bigcert-sweep/1",
        "base": {"name": "bench", "dimension": 2, "action_set": {"box": {"lo": [-1, -1], "hi": [1, 1]}},
                 "players": [{"target": [0, 0]}, {"target": [1, 0]}, {"target": [0, 1]},
                             {"target": [1, 1], "action_set": {"vertices": [[0, 0], [2, 0], [0, 2]]}},
                             {"target": [-1, 1]}]},
        "random": {"count": 10000, "seed": 2026,
                   "ranges": {"players[0].target[0]": {"lo": -3, "hi": 3}, "players[1].target[1]": {"lo": -3, "hi": 3},
                              "players[2].target[0]": {"lo": -3, "hi": 3}, "players[3].target[1]": {"lo": -3, "hi": 3},
                              "players[4].target[0]": {"lo": -3, "hi": 3},
                              "players[*].weight": {"lo": "1/10", "hi": 2, "denominator": 20},
                              "action_set.box.hi[0]": {"lo": "1/2", "hi": 2, "denominator": 8}}}}


def timed_run(command):
    """Wall seconds, child CPU seconds (user + sys) and the 1-minute load average before and after."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    subprocess.run(command, check=True, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, load_before, os.getloadavg()[0]


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    certify = "--solve-only" not in sys.argv
    bigcert = args[0]
    count = int(args[1]) if len(args) > 1 else 10000
    SPEC["random"]["count"] = count
    with tempfile.TemporaryDirectory() as d:
        spec = os.path.join(d, "spec.json")
        with open(spec, "w") as f:
            json.dump(SPEC, f)
        runs, outputs = {}, {}
        for threads in (1, 2):
            out = os.path.join(d, f"out{threads}.jsonl")
            command = [bigcert, "batch", "--sweep", spec, "--out", out, "--threads", str(threads)]
            runs[threads] = timed_run(command + (["--certify"] if certify else []))
            with open(out) as f:
                outputs[threads] = f.read()
        assert outputs[1] == outputs[2], "thread count changed the output"
        lines = [json.loads(l) for l in outputs[1].splitlines()]
        errors = sum("error" in l for l in lines)
        verdicts = collections.Counter(l["certificate"]["verdict"] for l in lines if "certificate" in l)
        print(f"{'solve + certify' if certify else 'solve'}, {count} instances, {os.cpu_count()} CPUs\n")
        print("| threads | wall s | instances/s | CPU s (user+sys) | CPU/wall | load avg before → after |")
        print("|---:|---:|---:|---:|---:|---|")
        for t in (1, 2):
            wall, cpu, l0, l1 = runs[t]
            print(f"| {t} | {wall:.2f} | {count / wall:.0f} | {cpu:.2f} | {cpu / wall:.2f} | {l0:.2f} → {l1:.2f} |")
        print(f"\nspeed-up 2 vs 1 threads: {runs[1][0] / runs[2][0]:.2f}x; {len(lines)} lines, {errors} errors; "
              f"certificates {dict(verdicts)}; outputs byte-identical")


if __name__ == "__main__":
    main()
