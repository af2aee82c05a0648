"""Sweep benchmark (issue 7): 10,000 random small instances (n = 5 players, d = 2, boxes and a triangle),
solved by `bigcert batch --sweep` with one and with two worker threads; prints throughput and the speed-up.
Usage: python3 bench/sweep_bench.py BIGCERT [COUNT]"""
import json
import os
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


def main():
    bigcert = sys.argv[1]
    SPEC["random"]["count"] = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    with tempfile.TemporaryDirectory() as d:
        spec = os.path.join(d, "spec.json")
        with open(spec, "w") as f:
            json.dump(SPEC, f)
        seconds, outputs = {}, {}
        for threads in (1, 2):
            out = os.path.join(d, f"out{threads}.jsonl")
            start = time.perf_counter()
            subprocess.run([bigcert, "batch", "--sweep", spec, "--out", out, "--threads", str(threads)], check=True,
                           stderr=subprocess.DEVNULL)
            seconds[threads] = time.perf_counter() - start
            with open(out) as f:
                outputs[threads] = f.read()
        assert outputs[1] == outputs[2], "thread count changed the output"
        lines = [json.loads(l) for l in outputs[1].splitlines()]
        errors = sum("error" in l for l in lines)
        count = SPEC["random"]["count"]
        print(f"| threads | seconds | instances/s |\n|---|---|---|")
        for t in (1, 2):
            print(f"| {t} | {seconds[t]:.2f} | {count / seconds[t]:.0f} |")
        print(f"\nspeed-up 2 vs 1 threads: {seconds[1] / seconds[2]:.2f}x; {len(lines)} lines, {errors} errors; "
              f"outputs byte-identical")


if __name__ == "__main__":
    main()
