#!/usr/bin/env python3
"""Generators for the enumeration benchmark (bench/REPORT.md, section "Counting pure equilibria").

  likert N [--seed S] [--weights equal|random] [--clustered]
                                                 N players, each picks 1 of the Likert values {1..5};
                                                 pairwise distinct targets in [1, 5] (clustered: all
                                                 within 1/500 of 3, so that many players tie)
  example5 M K                                   the paper's Example 5 (MODEL.md §4) with m = M, k = K
Prints a bigcert/1 instance on standard output. Numbers are written as exact strings.
"""
import json
import random
import sys
from fractions import Fraction


def likert(n, seed=1, weights="equal", clustered=False):
    rng = random.Random(seed)
    # Distinct targets: n different multiples of 1/(1000 n) in [1, 5] (or in [3 - 1/500, 3 + 1/500]).
    if clustered:
        grid = rng.sample(range(3000 * n - 2 * n, 3000 * n + 2 * n + 1), n)
    else:
        grid = rng.sample(range(1000 * n * 1, 1000 * n * 5 + 1), n)
    players = []
    for g in grid:
        w = Fraction(1, n) if weights == "equal" else Fraction(rng.randint(1, 9), 5 * n)
        players.append({"target": str(Fraction(g, 1000 * n)), "weight": str(w)})
    return {"format": "bigcert/1", "name": f"likert-{n}-{weights}{'-clustered' if clustered else ''}-seed{seed}", "dimension": 1,
            "action_set": {"items": [1, 2, 3, 4, 5], "choose": 1, "repeats": False}, "players": players}


def example5(m, k):
    step = [2 * k * 2 ** j for j in range(m)]
    return {"format": "bigcert/1", "name": f"paper-example-5-m{m}-k{k}", "dimension": 1,
            "action_set": {"items": [-x for x in step] + step, "choose": k, "repeats": False},
            "players": [{"target": "-1/4", "weight": str(Fraction(1, 2 * k))},
                        {"target": "1/4", "weight": str(Fraction(1, 2 * k))}]}


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    if argv[1] == "likert":
        args = argv[2:]
        seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 1
        weights = args[args.index("--weights") + 1] if "--weights" in args else "equal"
        instance = likert(int(args[0]), seed, weights, "--clustered" in args)
    elif argv[1] == "example5":
        instance = example5(int(argv[2]), int(argv[3]))
    else:
        sys.exit(__doc__)
    json.dump(instance, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv)
