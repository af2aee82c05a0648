#!/usr/bin/env python3
"""Instances for the certification benchmark. Deterministic for a given seed (third argument, default n).

  certify_bench_gen.py 1d N        N players on [-1, 1], random exact targets, weight 1/N
  certify_bench_gen.py 2d N        N players in the plane, each with its own random hexagon, weight 1/N
  certify_bench_gen.py 1d-hard N   per-player intervals, random rational weights with unrelated denominators
                                   (5% negative) and a bias: the receiver and every g_i = 2 w_i (x̂ - t_i)
                                   then have hundreds to thousands of digits, the normal case at scale
  certify_bench_gen.py 2d-hard N   the same in the plane, each player with its own random convex 8-gon
"""
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


def hard_weight(rng, n):
    """A weight of size about 1/n with a random denominator (5% negative): sums of many of them are huge."""
    w = Fraction(rng.randint(1, 1000), rng.randint(500, 1000) * n)
    return -w if rng.random() < 0.05 else w


def octagon(rng):
    """8 vertices in thousandths, strictly convex (counter-clockwise)."""
    while True:
        cx, cy = rng.randint(-3000, 3000), rng.randint(-3000, 3000)
        radius = rng.randint(500, 2000)
        points = []
        for k in range(8):
            angle = (k + rng.uniform(-0.2, 0.2)) * math.pi / 4
            points.append((cx + round(radius * math.cos(angle)), cy + round(radius * math.sin(angle))))
        turns = [(points[(k + 1) % 8][0] - points[k][0]) * (points[(k + 2) % 8][1] - points[k][1]) -
                 (points[(k + 1) % 8][1] - points[k][1]) * (points[(k + 2) % 8][0] - points[k][0]) for k in range(8)]
        if all(t > 0 for t in turns):
            return [[str(Fraction(x, 1000)), str(Fraction(y, 1000))] for x, y in points]


def one_d_hard(n, rng):
    players = []
    for _ in range(n):
        lo = Fraction(rng.randint(-3000, 1000), rng.randint(1, 1000))
        hi = lo + Fraction(rng.randint(1, 3000), rng.randint(1, 1000))
        players.append({"target": str(Fraction(rng.randint(-5000, 5000), rng.randint(1, 1000))),
                        "weight": str(hard_weight(rng, n)), "action_set": {"interval": [str(lo), str(hi)]}})
    return {"format": "bigcert/1", "name": f"certify-bench-1d-hard-{n}", "dimension": 1,
            "bias": {"weight": "7/13", "point": ["-5/17"]}, "players": players}


def two_d_hard(n, rng):
    players = [{"target": [str(Fraction(rng.randint(-5000, 5000), rng.randint(1, 1000))) for _ in range(2)],
                "weight": str(hard_weight(rng, n)), "action_set": {"vertices": octagon(rng)}} for _ in range(n)]
    return {"format": "bigcert/1", "name": f"certify-bench-2d-hard-{n}", "dimension": 2,
            "bias": {"weight": "7/13", "point": ["-5/17", "3/11"]}, "players": players}


if __name__ == "__main__":
    kind, n = sys.argv[1], int(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else n)
    kinds = {"1d": one_d, "2d": two_d, "1d-hard": one_d_hard, "2d-hard": two_d_hard}
    if kind not in kinds:
        sys.exit(f"unknown kind {kind!r}: one of {', '.join(kinds)}")
    json.dump(kinds[kind](n, rng), sys.stdout)
