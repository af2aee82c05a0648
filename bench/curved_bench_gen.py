#!/usr/bin/env python3
"""Generates the curved-set benchmark instance (model.md §3g): n players in 2-D on discs (or, with --boxes, on the
bounding squares of the same discs, the polytope baseline). Exact numbers only: integers and fractions."""
import argparse
import json
import random


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--players", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--boxes", action="store_true", help="squares instead of discs (baseline)")
    parser.add_argument("--ellipses", action="store_true", help="axis-parallel ellipses, half-axes 1..10")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    players = []
    for i in range(args.players):
        cx, cy, r = rng.randint(-50, 50), rng.randint(-50, 50), rng.randint(1, 10)
        if args.boxes:
            action_set = {"box": {"lo": [cx - r, cy - r], "hi": [cx + r, cy + r]}}
        elif args.ellipses:
            a, b = r, rng.randint(1, 10)
            action_set = {"ellipsoid": {"center": [cx, cy], "matrix": [[f"1/{a * a}", 0], [0, f"1/{b * b}"]]}}
        else:
            action_set = {"ball": {"center": [cx, cy], "radius": r}}
        players.append({"target": [rng.randint(-100, 100), rng.randint(-100, 100)],
                        "weight": f"{rng.randint(1, 9)}/{10 * args.players}", "action_set": action_set})
    print(json.dumps({"format": "bigcert/1", "name": f"curved-bench-{args.players}", "dimension": 2,
                      "players": players}))


if __name__ == "__main__":
    main()
