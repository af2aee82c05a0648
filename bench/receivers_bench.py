#!/usr/bin/env python3
"""Several receivers (bench/REPORT.md "Several receivers"): wall-clock and CPU (user + system) min/median/max of 3
runs and peak memory of `bigcert solve --json` on games from receivers_gen.py: Lemke's method against the face
enumeration (baseline), and the lifted method on games with a potential.

usage: receivers_bench.py [PATH/TO/bigcert]"""
import json
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
BIGCERT = sys.argv[1] if len(sys.argv) > 1 else "build/bigcert"
CASES = [  # (n, m, d, kind, extra solve flags)
    (5, 3, 2, "none", []), (5, 3, 2, "none", ["--max-face-combinations", "0"]),
    (50, 3, 2, "none", []), (100, 3, 2, "none", []), (100, 3, 2, "potential", []),
    (1000, 3, 2, "potential", []), (10000, 3, 2, "potential", []), (1000, 3, 1, "potential", []),
]


def run_once(path, flags):
    result = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", BIGCERT, "solve", path, "--json", *flags],
                            capture_output=True, text=True, timeout=600)
    seconds, user, system, kb = result.stderr.strip().splitlines()[-1].split()
    summary = "exit %d" % result.returncode
    if result.returncode == 0:
        s = json.loads(result.stdout)
        summary = "%s, potential %s, count %s" % (s["method"], s["potential"]["kind"], s["equilibria"]["count"])
    return float(seconds), float(user) + float(system), int(kb), summary


def main():
    with tempfile.TemporaryDirectory() as tmp:
        for n, m, d, kind, flags in CASES:
            path = os.path.join(tmp, "game.json")
            with open(path, "w") as f:
                subprocess.run([sys.executable, os.path.join(HERE, "receivers_gen.py"), str(n), str(m), str(d), kind],
                               stdout=f, check=True)
            runs = [run_once(path, flags) for _ in range(3)]
            times, cpu = [r[0] for r in runs], [r[1] for r in runs]
            print("n=%d m=%d d=%d %s %s: wall min %.2f / median %.2f / max %.2f s, CPU %.2f / %.2f / %.2f s, "
                  "peak %d MB; %s" % (n, m, d, kind, " ".join(flags) or "(defaults)", min(times),
                                      statistics.median(times), max(times), min(cpu), statistics.median(cpu),
                                      max(cpu), max(r[2] for r in runs) // 1024, runs[0][3]))


if __name__ == "__main__":
    main()
