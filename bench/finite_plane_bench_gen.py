#!/usr/bin/env python3
"""Generators for the finite-games-in-the-plane benchmark (bench/REPORT.md, "Finite sets with repeats").

  fuzz K                       the fuzz finding of docs/internals.md's table: items (1,0), (0,1), (-1,-1), choose K with
                               repeats for two players; a third player chooses 1 of 3 single items
  crowd N K [--seed S]         N players, each choosing K of 5 small plane items with repeats (random
                               targets and weights in {1/2, 1, 2}, a bias)
  small [--seed S]             4 players with 15 strategies each: 2-D items with repeats, negative weights, bias
Prints a bigcert/1 instance on standard output. Numbers are written as exact strings.
"""
import json
import random
import sys
from fractions import Fraction


def point(x, y):
    return [str(Fraction(x)), str(Fraction(y))]


def fuzz(k):
    big = {"items": [point(1, 0), point(0, 1), point(-1, -1)], "choose": k, "repeats": True}
    small = {"items": [point(2, 1), point(-1, 3), point(0, -2)], "choose": 1, "repeats": False}
    return {"format": "bigcert/1", "name": f"fuzz-plane-choose{k}", "dimension": 2, "action_set": big,
            "players": [{"target": point(Fraction(7, 3), Fraction(-5, 2)), "weight": "1/2"},
                        {"target": point(-4, Fraction(3, 2)), "weight": "1"},
                        {"target": point(1, 1), "weight": "2", "action_set": small}]}


def crowd(n, k, seed=1):
    rng = random.Random(seed)
    items = [point(1, 0), point(0, 1), point(-1, 0), point(0, -1), point(1, 1)]
    players = []
    for _ in range(n):
        players.append({"target": point(Fraction(rng.randint(-40, 40), 3), Fraction(rng.randint(-40, 40), 3)),
                        "weight": str(rng.choice([Fraction(1, 2), Fraction(1), Fraction(2)]))})
    return {"format": "bigcert/1", "name": f"crowd-{n}-choose{k}-seed{seed}", "dimension": 2,
            "action_set": {"items": items, "choose": k, "repeats": True},
            "bias": {"weight": "1/3", "point": point(1, -2)}, "players": players}


def small(seed=1):
    # 5 items choose 2 with repeats: C(6, 2) = 15 strategies per player.
    rng = random.Random(seed)
    players = []
    for _ in range(4):
        items = []
        while len(items) < 5:
            p = point(rng.randint(-3, 3), rng.randint(-3, 3))
            if p not in items:
                items.append(p)
        players.append({"target": point(Fraction(rng.randint(-20, 20), 4), Fraction(rng.randint(-20, 20), 4)),
                        "weight": rng.choice(["1", "-1/2", "2", "-3/2", "1/3"]),
                        "action_set": {"items": items, "choose": 2, "repeats": True}})
    return {"format": "bigcert/1", "name": f"small-plane-4x15-seed{seed}", "dimension": 2,
            "action_set": players[0]["action_set"], "bias": {"weight": "1/2", "point": point(-1, 2)},
            "players": players}


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    args = argv[2:]
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 1
    if argv[1] == "fuzz":
        instance = fuzz(int(args[0]))
    elif argv[1] == "crowd":
        instance = crowd(int(args[0]), int(args[1]), seed)
    elif argv[1] == "small":
        instance = small(seed)
    else:
        sys.exit(__doc__)
    json.dump(instance, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv)
