#!/usr/bin/env python3
"""Instances for bench/mechanism_bench.py: d = 1 with n players on random intervals (random rational targets,
some outside their sets), or d = 2 with n players on random convex polygons (5-8 vertices, sampled on
circles and rounded to rationals). Deterministic for a given --seed."""
import argparse
import json
import math
import random


def line(n, rng):
    players = []
    for _ in range(n):
        a = rng.randint(-100, 60)
        b = a + rng.randint(1, 60)
        players.append({"target": f"{rng.randint(-1200, 1200)}/{rng.randint(1, 9)}", "action_set": {"interval": [a, b]}})
    return {"format": "bigcert/1", "name": f"mechanism-line-{n}", "players": players}


def polygon(rng):
    cx, cy, r = rng.randint(-6, 6), rng.randint(-6, 6), rng.randint(2, 5)
    k = rng.randint(5, 8)
    angles = sorted(rng.uniform(0, 2 * math.pi) for _ in range(k))
    return [[f"{round(8 * (cx + r * math.cos(t)))}/8", f"{round(8 * (cy + r * math.sin(t)))}/8"] for t in angles]


def plane(n, rng):
    players = [{"target": [f"{rng.randint(-80, 80)}/8", f"{rng.randint(-80, 80)}/8"],
                "action_set": {"vertices": polygon(rng)}} for _ in range(n)]
    return {"format": "bigcert/1", "name": f"mechanism-polygons-{n}", "dimension": 2, "players": players}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--players", type=int, default=1000)
    p.add_argument("--polygons", action="store_true")
    p.add_argument("--seed", type=int, default=16)
    a = p.parse_args()
    rng = random.Random(a.seed)
    print(json.dumps(plane(a.players, rng) if a.polygons else line(a.players, rng)))


if __name__ == "__main__":
    main()
