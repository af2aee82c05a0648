#!/usr/bin/env python3
"""`bigcert mechanism` benchmark: each rule's truthful-equilibrium and strategyproofness verdicts (plus the
equilibrium search) on d = 1, n = 1000 (goal <= 10 s) and d = 2, n = 20 polygons (goal <= 60 s); min/median/max
wall and CPU (user + system) time of R runs and peak memory (/usr/bin/time -v): on a loaded machine the CPU time
is the figure to read. Usage: bench/mechanism_bench.py [BIGCERT] [R] [verdicts|all]"""
import json
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
BIGCERT = sys.argv[1] if len(sys.argv) > 1 else "build/bigcert"
REPEATS = int(sys.argv[2]) if len(sys.argv) > 2 else 3
MODES = [["--verdicts-only"]] if len(sys.argv) > 3 and sys.argv[3] == "verdicts" else [["--verdicts-only"], []]

LINE_RULES = [{"kind": "mean"}, {"kind": "median"}, {"kind": "generalized-median", "phantoms": [[0]]},
              {"kind": "trimmed-mean", "trim": 100}, {"kind": "threshold", "prior": [0], "radius": 40}]
PLANE_RULES = [{"kind": "mean"}, {"kind": "median"}, {"kind": "generalized-median", "phantoms": [[0, 0]]},
               {"kind": "trimmed-mean", "trim": 3}, {"kind": "threshold", "prior": [0, 0], "radius": 5}]


def timed(args):
    r = subprocess.run(["/usr/bin/time", "-v", BIGCERT, *args], capture_output=True, text=True)
    wall = peak = None
    cpu = 0.0
    for line in r.stderr.splitlines():
        line = line.strip()
        if line.startswith("User time (seconds)") or line.startswith("System time (seconds)"):
            cpu += float(line.split(": ")[-1])
        if line.startswith("Elapsed (wall clock) time"):
            parts = line.split(": ")[-1].split(":")
            wall = sum(float(x) * 60 ** k for k, x in enumerate(reversed(parts)))
        if line.startswith("Maximum resident set size"):
            peak = int(line.split(": ")[-1])
    return r, wall, cpu, peak


def bench(name, path, rules, goal, extra):
    print(f"\n{name}, {' '.join(extra) or 'verdicts and equilibrium'} (goal <= {goal} s per rule for the verdicts)")
    print("rule | truthful | strategyproof | equilibrium | wall min / median / max (s) | CPU min / median / max (s) | peak MB")
    for rule in rules:
        walls, cpus, peaks, verdicts = [], [], [], None
        for _ in range(REPEATS):
            r, wall, cpu, peak = timed(["mechanism", path, "--rule", json.dumps(rule), "--json", "--timeout", "60", *extra])
            if r.returncode not in (0, 4):
                print(rule["kind"], "failed:", r.stderr.strip())
                break
            out = json.loads(r.stdout)
            verdicts = (out["truthful"]["verdict"], out["strategyproof"]["verdict"], out["equilibrium"]["status"])
            walls.append(wall)
            cpus.append(cpu)
            peaks.append(peak)
        if walls:
            print(f"{rule['kind']} | {verdicts[0]} | {verdicts[1]} | {verdicts[2]} | "
                  f"{min(walls):.2f} / {statistics.median(walls):.2f} / {max(walls):.2f} | "
                  f"{min(cpus):.2f} / {statistics.median(cpus):.2f} / {max(cpus):.2f} | {max(peaks) / 1024:.0f}")


def main():
    d = tempfile.mkdtemp()
    line = os.path.join(d, "line.json")
    plane = os.path.join(d, "plane.json")
    with open(line, "w") as f:
        f.write(subprocess.run([sys.executable, os.path.join(HERE, "mechanism_bench_gen.py"), "--players", "1000"],
                               capture_output=True, text=True, check=True).stdout)
    with open(plane, "w") as f:
        f.write(subprocess.run([sys.executable, os.path.join(HERE, "mechanism_bench_gen.py"), "--players", "20", "--polygons"],
                               capture_output=True, text=True, check=True).stdout)
    for extra in MODES:
        bench("d = 1, n = 1000, random intervals", line, LINE_RULES, 10, extra)
        bench("d = 2, n = 20, random polygons", plane, PLANE_RULES, 60, extra)


if __name__ == "__main__":
    main()
