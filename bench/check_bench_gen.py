#!/usr/bin/env python3
"""Instances for the `check` benchmark (docs/model.md "Checking every equilibrium from the certified structure").
Usage: check_bench_gen.py KIND N [SEED]. Deterministic for a given seed. Exact rationals throughout.
  1d        N players on the common interval [-1, 1], random targets, weights of both signs, a bias
  1d-own    N players, each with its own random interval (denominators up to 40·997), weights of both signs, a bias
  2d        N players in the plane, each with its own random convex 8-gon, weights of both signs, a bias
  1d-shared N players on [-1, 1] sharing 10 targets (Theorem 4's premise fails), 1% with weight 0
            (infinitely many equilibria, Theorem 4's conclusion fails)
  1d-aim    N players in opposing pairs on [-1, 1] around the outcome 0 plus N/100 players (at least 2) whose
            target is the outcome: infinitely many equilibria, two interior players (conclusion fails)"""
import json
import math
import random
import sys
from fractions import Fraction


def weight(rng, n):
    return str(Fraction(rng.choice([-1, 1]) * rng.randint(1, 1000), 1000 * n))


def bias(rng, d):
    return {"weight": str(Fraction(rng.randint(1, 9), 10)), "point": [str(Fraction(rng.randint(-50, 50), 37)) for _ in range(d)]}


def one_d(n, rng):
    return {"format": "bigcert/1", "name": f"check-bench-1d-{n}", "dimension": 1, "action_set": {"interval": [-1, 1]},
            "bias": bias(rng, 1),
            "players": [{"target": str(Fraction(rng.randint(-3 * 10**9, 3 * 10**9), 997 * 10**6)), "weight": weight(rng, n)}
                        for _ in range(n)]}


def one_d_own(n, rng):
    players = []
    for _ in range(n):
        lo = Fraction(rng.randint(-10**6, 10**6), rng.randint(1, 40) * 997)
        hi = lo + Fraction(rng.randint(1, 10**6), rng.randint(1, 40) * 991)
        players.append({"target": str(Fraction(rng.randint(-3000, 3000), 997)), "weight": weight(rng, n),
                        "action_set": {"interval": [str(lo), str(hi)]}})
    return {"format": "bigcert/1", "name": f"check-bench-1d-own-{n}", "dimension": 1, "bias": bias(rng, 1), "players": players}


def octagon(rng):
    cx, cy = rng.randint(-50, 50), rng.randint(-50, 50)
    points = []
    for k in range(8):
        angle = 2 * math.pi * (k + rng.random() * 0.5) / 8
        points.append([str(Fraction(round(100 * math.cos(angle)) + 100 * cx, 100)),
                       str(Fraction(round(100 * math.sin(angle)) + 100 * cy, 100))])
    return {"vertices": points}


def two_d(n, rng):
    return {"format": "bigcert/1", "name": f"check-bench-2d-{n}", "dimension": 2, "bias": bias(rng, 2),
            "players": [{"target": [str(Fraction(rng.randint(-3000, 3000), 97)), str(Fraction(rng.randint(-3000, 3000), 97))],
                         "weight": weight(rng, n), "action_set": octagon(rng)} for _ in range(n)]}


def one_d_shared(n, rng):
    targets = [str(Fraction(rng.randint(-3000, 3000), 997)) for _ in range(10)]
    players = [{"target": rng.choice(targets), "weight": "0" if rng.random() < 0.01 else weight(rng, n)} for _ in range(n)]
    return {"format": "bigcert/1", "name": f"check-bench-1d-shared-{n}", "dimension": 1, "action_set": {"interval": [-1, 1]},
            "players": players}


def one_d_aim(n, rng):
    # Pairs (target 2 + a, weight w) and (target -2 - a, weight w) sit at +1 and -1 and cancel, so with no bias the
    # outcome is 0; players with target 0 then have g_i = 0 and may sit anywhere with sum of weighted actions 0.
    players = []
    for _ in range(n // 2):
        a, w = Fraction(rng.randint(1, 10**6), 997), Fraction(rng.randint(1, 1000), 1000 * n)
        players += [{"target": str(2 + a), "weight": str(w)}, {"target": str(-2 - a), "weight": str(w)}]
    players += [{"target": 0, "weight": str(Fraction(rng.randint(1, 1000), 1000 * n))} for _ in range(max(2, n // 100))]
    return {"format": "bigcert/1", "name": f"check-bench-1d-aim-{n}", "dimension": 1, "action_set": {"interval": [-1, 1]},
            "players": players}


KINDS = {"1d": one_d, "1d-own": one_d_own, "2d": two_d, "1d-shared": one_d_shared, "1d-aim": one_d_aim}

if __name__ == "__main__":
    kind, n = sys.argv[1], int(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else n)
    json.dump(KINDS[kind](n, rng), sys.stdout)
