#!/usr/bin/env python3
"""Counting-benchmark of `bigcert enumerate` (paper §5.2). Usage: bench/enumerate_bench.py [PATH/TO/bigcert]

Prints the markdown tables of bench/REPORT.md's section "Counting pure equilibria":
  1. the goal: 200 Likert players (1 of {1..5}, distinct targets) in <= 10 s, for several seeds, equal and
     random weights, targets spread over [1, 5] or clustered (many ties), beside the receiver-DP method;
  2. the structured count against the exhaustive baseline run side by side on sizes the baseline can do;
  3. Example 5's growth (MODEL.md §4): exact counts against the paper's lower bound C(m, k), m up to 12.
Every count is printed by bigcert itself; times are wall-clock, best of 3.
"""
import math
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import json
from enumerate_bench_gen import example5, likert  # noqa: E402

BIGCERT = sys.argv[1] if len(sys.argv) > 1 else "build/bigcert"


def count(instance, method="auto", repeat=3, timeout=600):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(instance, f)
    try:
        best, value = math.inf, None
        for _ in range(repeat):
            start = time.perf_counter()
            r = subprocess.run([BIGCERT, "enumerate", f.name, "--count", "--quiet", "--method", method,
                                "--max-profiles", "100000000"], capture_output=True, text=True, timeout=timeout)
            elapsed = time.perf_counter() - start
            if r.returncode != 0:
                return None, r.stderr.strip().splitlines()[-1] if r.stderr.strip() else f"exit {r.returncode}"
            best, value = min(best, elapsed), r.stdout.strip()
        return best, value
    finally:
        os.unlink(f.name)


def fmt(t):
    return "-" if t is None else f"{t:.3f}"


def main():
    print("### Goal: 200 Likert players, distinct targets\n")
    print("| players | weights | targets | seed | pure NE (exact) | sweep s | receiver DP s | ratio |")
    print("|---:|---|---|---:|---:|---:|---:|---:|")
    for n, weights, clustered, seed in [(200, "equal", False, 1), (200, "equal", False, 2), (200, "random", False, 1),
                                        (200, "equal", True, 1), (200, "equal", True, 2), (200, "random", True, 1),
                                        (2000, "random", False, 1), (20000, "random", False, 1)]:
        inst = likert(n, seed, weights, clustered)
        t, value = count(inst, "sweep")
        td, vd = count(inst, "receivers", repeat=1) if weights == "equal" and n <= 200 else (None, None)
        if vd is not None and vd != value:
            print(f"MISMATCH: sweep {value} vs receivers {vd}")
        ratio = f"{td / t:.0f}x" if td is not None and t else "-"
        shown = value if len(value) <= 24 else f"{value[:6]}...({len(value)} digits)"
        print(f"| {n} | {weights} | {'clustered' if clustered else 'spread'} | {seed} | {shown} | {fmt(t)} | {fmt(td)} | {ratio} |")

    print("\n### Structured count against the exhaustive baseline (same binary, `--method exhaustive`)\n")
    print("| instance | profiles walked by the baseline | pure NE | sweep s | exhaustive s | ratio |")
    print("|---|---:|---:|---:|---:|---:|")
    for n in [6, 8]:
        inst = likert(n, 1, "random", True)
        t, value = count(inst, "sweep")
        te, ve = count(inst, "exhaustive", repeat=1)
        if ve != value:
            print(f"MISMATCH: sweep {value} vs exhaustive {ve}")
        print(f"| likert n={n} | {5 ** n} | {value} | {fmt(t)} | {fmt(te)} | {te / t:.0f}x |")
    for m, k in [(6, 3), (7, 3), (8, 4)]:
        inst = example5(m, k)
        t, value = count(inst, "sweep")
        te, ve = count(inst, "exhaustive", repeat=1)
        if ve != value:
            print(f"MISMATCH: sweep {value} vs exhaustive {ve}")
        strategies = math.comb(2 * m, k)
        print(f"| example 5 m={m} k={k} | {strategies}^2 selections | {value} | {fmt(t)} | {fmt(te)} | {te / t:.0f}x |")

    print("\n### Example 5: exact counts against the paper's lower bound C(m, k)\n")
    print("| m | k | C(m, k) | pure NE (exact) | ratio to C(m, k) | seconds |")
    print("|---:|---:|---:|---:|---:|---:|")
    for m in range(2, 13):
        for k in sorted({1, 2, m // 2}):
            if k > m:
                continue
            t, value = count(example5(m, k), repeat=1)
            lower = math.comb(m, k)
            print(f"| {m} | {k} | {lower} | {value} | {int(value) / lower:.1f} | {fmt(t)} |")


if __name__ == "__main__":
    main()
