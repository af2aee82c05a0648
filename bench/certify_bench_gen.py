#!/usr/bin/env python3
"""Instances for the certification benchmark (bench/REPORT.md): `1d N` writes N players on [-1, 1] with random
exact targets and weight 1/N; `2d N` writes N players in the plane, each with its own random convex polygon
(6 points on a jittered circle, exact rationals) and a random target. Deterministic for a given seed."""
import json
import math
import random
import sys
from fractions import Fraction


def one_d(n, rng):
    return {"format": "bigcert/1", "name": f"certify-bench-1d-{n}", "dimension": 1, "action_set": {"interval": [-1, 1]},
            "players": [{"target": str(Fraction(rng.randint(-1000, 1000), 997)), "weight": f"1/{n}"} for _ in range(n)]}


def polygon(rng):
    cx, cy = rng.randint(-50, 50), rng.randint(-50, 50)
    points = []
    for k in range(6):
        angle = 2 * math.pi * (k + rng.random() * 0.5) / 6
        points.append([str(Fraction(round(100 * math.cos(angle)) + 100 * cx, 100)),
                       str(Fraction(round(100 * math.sin(angle)) + 100 * cy, 100))])
    return {"vertices": points}


def two_d(n, rng):
    return {"format": "bigcert/1", "name": f"certify-bench-2d-{n}", "dimension": 2,
            "players": [{"target": [str(Fraction(rng.randint(-3000, 3000), 97)), str(Fraction(rng.randint(-3000, 3000), 97))],
                         "weight": f"1/{n}", "action_set": polygon(rng)} for _ in range(n)]}


if __name__ == "__main__":
    kind, n = sys.argv[1], int(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else n)
    json.dump(one_d(n, rng) if kind == "1d" else two_d(n, rng), sys.stdout)
