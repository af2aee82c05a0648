#!/usr/bin/env python3
"""Several receivers (bench/REPORT.md "Several receivers"): wall-clock min/median/max of 3 runs and peak memory of
`bigcert solve --json` on games from receivers_gen.py, Lemke's method against the face enumeration (baseline).

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
    (1000, 3, 2, "potential", []),
]


def run_once(path, flags):
    result = subprocess.run(["/usr/bin/time", "-f", "%e %M", BIGCERT, "solve", path, "--json", *flags],
                            capture_output=True, text=True, timeout=600)
    seconds, kb = result.stderr.strip().splitlines()[-1].split()
    summary = "exit %d" % result.returncode
    if result.returncode == 0:
        s = json.loads(result.stdout)
        summary = "%s, potential %s, count %s" % (s["method"], s["potential"]["kind"], s["equilibria"]["count"])
    return float(seconds), int(kb), summary


def main():
    with tempfile.TemporaryDirectory() as tmp:
        for n, m, d, kind, flags in CASES:
            path = os.path.join(tmp, "game.json")
            with open(path, "w") as f:
                subprocess.run([sys.executable, os.path.join(HERE, "receivers_gen.py"), str(n), str(m), str(d), kind],
                               stdout=f, check=True)
            runs = [run_once(path, flags) for _ in range(3)]
            times = [r[0] for r in runs]
            print("n=%d m=%d d=%d %s %s: min %.2f s, median %.2f s, max %.2f s, peak %d MB; %s" % (
                n, m, d, kind, " ".join(flags) or "(defaults)", min(times), statistics.median(times), max(times),
                max(r[1] for r in runs) // 1024, runs[0][2]))


if __name__ == "__main__":
    main()
