#!/usr/bin/env python3
"""Several-receivers games for bench/REPORT.md ("Several receivers"): m receivers, n players on random
polygons (d = 2) or intervals (d = 1), with a potential (care the same for every player) or without one
(random care per player).

usage: receivers_gen.py N M D potential|none [SEED] > game.json"""
import json
import random
import sys


def polygon(rng):
    cx, cy = rng.randint(-5, 5), rng.randint(-5, 5)
    return {"vertices": [[cx, cy], [cx + rng.randint(1, 4), cy], [cx, cy + rng.randint(1, 4)],
                         [cx + rng.randint(1, 3), cy + rng.randint(1, 3)]]}


def main():
    n, m, d, kind = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    rng = random.Random(int(sys.argv[5]) if len(sys.argv) > 5 else 1)
    shared_care = [rng.randint(1, 3) for _ in range(m)]
    receivers = [{"name": f"r{j}", "weights": [f"{rng.randint(-9, 9)}/{10 * n}" for _ in range(n)]}
                 for j in range(m)]
    players = []
    for _ in range(n):
        target = [f"{rng.randint(-20, 20)}/4" for _ in range(d)]
        care = shared_care if kind == "potential" else [rng.randint(0, 3) for _ in range(m)]
        lo = rng.randint(-3, 2)
        action_set = polygon(rng) if d == 2 else {"interval": [lo, lo + rng.randint(1, 3)]}
        players.append({"target": target if d > 1 else target[0], "care": care, "action_set": action_set})
    json.dump({"format": "bigcert/1", "name": f"receivers-n{n}-m{m}-d{d}-{kind}", "dimension": d,
               "receivers": receivers, "players": players}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
