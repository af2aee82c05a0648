#!/usr/bin/env python3
"""Benchmark of `bigcert align` (paper §6): 50 players in d = 2, 10,000 pairs each, 10 rounds of bisection
dynamics (plus the affine surrogate's 2n + 5 probes, exact solve and Z3 certification, which the command always
runs). Goal: <= 60 s wall on this 2-core machine. Baseline side by side: the same run on one thread.

usage: align_bench.py BIGCERT [--players 50] [--pairs 10000] [--rounds 10]
"""
import argparse
import json
import random
import subprocess
import tempfile
import time


def config(players, pairs, rounds):
    rng = random.Random(5)
    ideals = [[f"{rng.uniform(-0.8, 0.8):.3f}", f"{rng.uniform(-0.8, 0.8):.3f}"] for _ in range(players)]
    return {"format": "bigcert-align/1", "dimension": 2, "action_set": {"box": {"lo": [-1, -1], "hi": [1, 1]}},
            "players": [{"ideal": t, "pairs": pairs} for t in ideals],
            "responses": {"uniform": {"lo": [-10, -10], "hi": [10, 10]}},
            "seed": 1, "rounds": rounds, "best_response": "bisection"}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("bigcert")
    parser.add_argument("--players", type=int, default=50)
    parser.add_argument("--pairs", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(config(args.players, args.pairs, args.rounds), f)
    print(f"{args.players} players, d = 2, {args.pairs} pairs each, {args.rounds} rounds")
    for label, threads in [("baseline: 1 thread", "1"), ("both cores", "0")]:
        start = time.perf_counter()
        result = subprocess.run([args.bigcert, "align", f.name, "--threads", threads, "--json"],
                                capture_output=True, text=True)
        wall = time.perf_counter() - start
        out = json.loads(result.stdout) if result.returncode == 0 else {}
        verdict = out.get("surrogate", {}).get("verdict", result.stderr.strip())
        print(f"{label:20s} {wall:7.2f} s  exit {result.returncode}  rounds {len(out.get('rounds', [])) - 1}  "
              f"surrogate {verdict}")


if __name__ == "__main__":
    main()
