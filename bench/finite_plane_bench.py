#!/usr/bin/env python3
"""Benchmark of counting pure equilibria of finite games in the plane with repeats (bench/REPORT.md, section
"Finite sets with repeats in the plane"). Usage: bench/finite_plane_bench.py [PATH/TO/bigcert] [RUNS]

Every workload is run side by side in one run with each method of `bigcert enumerate` that finishes
(auto, walk, receivers, exhaustive) and, where cheap, a plain-Python exact brute force over item-sum
profiles (Fractions); each RUNS times (default 5). Prints a markdown table: exact count, wall-clock
min/median/max, CPU seconds (median; the machine may be shared), peak memory, and the ratio of each method's
median to the automatic choice. Counts of all methods must agree (MISMATCH is printed otherwise).
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from fractions import Fraction
from itertools import combinations, combinations_with_replacement, product

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from finite_plane_bench_gen import crowd, fuzz, small  # noqa: E402

BIGCERT = sys.argv[1] if len(sys.argv) > 1 else "build/bigcert"
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 5


def measure(argv, stdin_path, timeout):
    """(wall s, user+sys s, max RSS MB, stdout, returncode) of one run."""
    with open(stdin_path) as stdin:
        start = time.perf_counter()
        p = subprocess.Popen(argv, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            out, _ = p.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            p.kill()
            p.communicate()
            return None
        wall = time.perf_counter() - start
    return wall, out.strip(), p.returncode


def run_many(argv, path, timeout):
    walls, cpus, rss, value = [], [], 0, None
    for _ in range(RUNS):
        before = os.times()
        r = measure(argv, path, timeout)
        after = os.times()
        if r is None:
            return None
        wall, out, code = r
        if code != 0:
            return None
        walls.append(wall)
        cpus.append((after.children_user - before.children_user) + (after.children_system - before.children_system))
        value = out
    return walls, statistics.median(cpus), value


def peak_memory(argv, path):
    with open(path) as stdin:
        r = subprocess.run(["/usr/bin/time", "-f", "%M", *argv], stdin=stdin, capture_output=True, text=True)
    try:
        return int(r.stderr.strip().splitlines()[-1]) / 1024
    except (ValueError, IndexError):
        return float("nan")


def python_brute_force(instance):
    """Exact count by every profile of distinct item sums (Fractions), multiplicities multiplied."""
    d = instance["dimension"]
    bias_w = Fraction(instance.get("bias", {}).get("weight", "0"))
    bias = [bias_w * Fraction(x) for x in instance.get("bias", {}).get("point", [0] * d)]
    players = []
    for p in instance["players"]:
        s = p.get("action_set", instance["action_set"])
        items = [[Fraction(x) for x in it] for it in s["items"]]
        pick = combinations_with_replacement if s.get("repeats") else combinations
        sums = {}
        for chosen in pick(range(len(items)), s.get("choose", 1)):
            key = tuple(sum(items[i][c] for i in chosen) for c in range(d))
            sums[key] = sums.get(key, 0) + 1
        players.append((Fraction(p["weight"]), [Fraction(x) for x in p["target"]], list(sums.items())))
    count = 0
    for profile in product(*[range(len(p[2])) for p in players]):
        r = list(bias)
        for (w, _, sums), j in zip(players, profile):
            r = [r[c] + w * sums[j][0][c] for c in range(d)]
        ways = 1
        for (w, t, sums), j in zip(players, profile):
            u = [r[c] - t[c] for c in range(d)]
            own = sums[j][0]
            if any(sum((u[c] + w * (o[c] - own[c])) ** 2 for c in range(d)) < sum(x * x for x in u)
                   for o, _ in sums):
                ways = 0
                break
            ways *= sums[j][1]
        count += ways
    return count


WORKLOADS = [
    ("fuzz table game, choose 12", fuzz(12), True),
    ("fuzz table game, choose 20", fuzz(20), False),
    ("fuzz table game, choose 52 (the open entry)", fuzz(52), False),
    ("4 players x 15 strategies, seed 1", small(1), False),
    ("4 players x 15 strategies, seed 2", small(2), False),
    ("10 players, 10 of 5 items, seed 1", crowd(10, 10, 1), False),
    ("10 players, 10 of 5 items, seed 2", crowd(10, 10, 2), False),
]
METHODS = ["auto", "walk", "receivers", "exhaustive"]


def main():
    print(f"{RUNS} runs per cell; wall-clock seconds min / median / max; CPU = median user+sys seconds; "
          "peak RSS in MB; ratio = median wall / median wall of auto\n")
    print("| workload | pure NE | method | wall min / med / max s | CPU s | RSS MB | ratio |")
    print("|---|---:|---|---:|---:|---:|---:|")
    for name, instance, with_python in WORKLOADS:
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump(instance, f)
        try:
            rows, counts, auto_median = [], set(), None
            for method in METHODS:
                argv = [BIGCERT, "enumerate", "-", "--count", "--quiet", "--method", method, "--threads", "1"]
                r = run_many(argv, f.name, timeout=30 if method == "exhaustive" else 120)
                if r is None:
                    rows.append((method, None, None, None, None))
                    continue
                walls, cpu, value = r
                counts.add(value)
                med = statistics.median(walls)
                auto_median = med if method == "auto" else auto_median
                rows.append((method, walls, cpu, peak_memory(argv, f.name), value))
            if with_python:
                walls = []
                for _ in range(1):  # slow: one run
                    start = time.perf_counter()
                    value = str(python_brute_force(instance))
                    walls.append(time.perf_counter() - start)
                counts.add(value)
                rows.append(("Python brute force over sum profiles (1 run)", walls, None, None, value))
            for method, walls, cpu, mem, value in rows:
                if walls is None:
                    print(f"| {name} | | {method} | refused (exit 5) or timed out (30 s exhaustive, 120 s others) | | | |")
                    continue
                med = statistics.median(walls)
                ratio = f"{med / auto_median:.1f}x" if auto_median else "-"
                cpu_text = f"{cpu:.3f}" if cpu is not None else "-"
                mem_text = f"{mem:.0f}" if mem is not None else "-"
                print(f"| {name} | {value} | {method} | {min(walls):.3f} / {med:.3f} / {max(walls):.3f} | "
                      f"{cpu_text} | {mem_text} | {ratio} |")
            if len(counts) > 1:
                print(f"MISMATCH in {name}: {sorted(counts)}")
        finally:
            os.unlink(f.name)


if __name__ == "__main__":
    main()
