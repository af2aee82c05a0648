#!/usr/bin/env python3
"""Deterministic random instances for the solve benchmark (bench/REPORT.md, "Solving").

  solve_bench_gen.py paper N [--seed S]     d = 1, common interval [-1, 1], weights 1/N (the paper's setting)
  solve_bench_gen.py hard N [--seed S]      d = 1, random rational weights (5% negative), per-player intervals
  solve_bench_gen.py polygons N [--seed S]  d = 2, weights 1/N, a random convex 8-gon per player
  solve_bench_gen.py polygons-hard N         d = 2, a random convex 8-gon per player, weights ±k/(1000 N)
                                            (5% negative), a bias w0·x0
  solve_bench_gen.py polygons-common N       d = 2, one common random convex 8-gon, the weights and bias of
                                            polygons-hard
  solve_bench_gen.py boxes N [--dimension D] [--seed S]
                                            d = D (default 2), common box [-1, 1]^D, weights 1/N
  solve_bench_gen.py boxes-hard N [--dimension D] [--seed S]
                                            d = D, a box per player (integer bounds), weights ±k/(50 N)
                                            (5% negative), a bias w0·x0
  solve_bench_gen.py octahedra N [--seed S]  d = 3, an octahedron per player (integer vertices), weights
                                            k/(50 N): polytopes that are not boxes
  solve_bench_gen.py octahedra-halfspaces N [--seed S]
                                            the same kind of octahedra written as their 8 facets' halfspaces

Targets are pairwise distinct rationals with denominators up to 1000 (written as "p/q" strings), so every
instance meets Theorem 4's premise. The output is an instance of FORMAT.md on stdout.
"""
import argparse
import math
import random
import sys


def fraction(num, den):
    g = math.gcd(num, den)
    num, den = num // g, den // g
    return str(num) if den == 1 else f"{num}/{den}"


def random_rational(rng, lo, hi, max_den=1000):
    """A uniformly placed rational in [lo, hi] with a random denominator <= max_den, as (num, den)."""
    den = rng.randint(1, max_den)
    return rng.randint(math.ceil(lo * den), math.floor(hi * den)), den


def distinct_targets(rng, count, dimension, spread):
    seen = set()
    targets = []
    while len(targets) < count:
        point = tuple(fraction(*random_rational(rng, -spread, spread)) for _ in range(dimension))
        if point not in seen:
            seen.add(point)
            targets.append(point)
    return targets


def number_list(values):
    return "[" + ",".join(f'"{v}"' for v in values) + "]"


def paper(rng, n):
    yield f'"dimension":1,"action_set":{{"interval":[-1,1]}},"players":['
    weight = fraction(1, n)
    for i, (t,) in enumerate(distinct_targets(rng, n, 1, 5)):
        yield ("," if i else "") + f'{{"target":"{t}","weight":"{weight}"}}'
    yield "]"


def hard(rng, n):
    yield '"dimension":1,"players":['
    for i, (t,) in enumerate(distinct_targets(rng, n, 1, 5)):
        num, den = rng.randint(1, 1000), rng.randint(500, 1000) * n
        if rng.random() < 0.05:
            num = -num
        lo_num, lo_den = random_rational(rng, -3, 1)
        width_num, width_den = random_rational(rng, 0.001, 3)
        hi_num, hi_den = lo_num * width_den + width_num * lo_den, lo_den * width_den
        yield (("," if i else "") + f'{{"target":"{t}","weight":"{fraction(num, den)}",'
               f'"action_set":{{"interval":["{fraction(lo_num, lo_den)}","{fraction(hi_num, hi_den)}"]}}}}')
    yield "]"


def convex_octagon(rng):
    """8 vertices (counter-clockwise) with coordinates in thousandths, strictly convex."""
    while True:
        cx, cy = rng.randint(-3000, 3000), rng.randint(-3000, 3000)
        radius = rng.randint(500, 2000)
        points = []
        for k in range(8):
            angle = (k + rng.uniform(-0.2, 0.2)) * math.pi / 4
            points.append((cx + round(radius * math.cos(angle)), cy + round(radius * math.sin(angle))))
        if all(cross(points[k], points[(k + 1) % 8], points[(k + 2) % 8]) > 0 for k in range(8)):
            return points


def cross(a, b, c):
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def polygons(rng, n):
    yield '"dimension":2,"players":['
    weight = fraction(1, n)
    for i, t in enumerate(distinct_targets(rng, n, 2, 5)):
        vertices = ",".join(number_list([fraction(x, 1000), fraction(y, 1000)]) for x, y in convex_octagon(rng))
        yield (("," if i else "") + f'{{"target":{number_list(t)},"weight":"{weight}",'
               f'"action_set":{{"vertices":[{vertices}]}}}}')
    yield "]"


def octagon_text(rng):
    return "[" + ",".join(number_list([fraction(x, 1000), fraction(y, 1000)]) for x, y in convex_octagon(rng)) + "]"


def polygon_weight(rng, n):
    """±k/(1000 n), k <= 1000, 5% negative: denominators share 1000 n, so x̂* stays short at n = 10^6 (with
    hard's unrelated denominators the receiver, and so every loss, grows to thousands of digits)."""
    num = rng.randint(1, 1000)
    return fraction(-num if rng.random() < 0.05 else num, 1000 * n)


def polygons_hard(rng, n, common):
    yield f'"dimension":2,"bias":{{"weight":"1/3","point":["-7/2","5/4"]}},'
    if common:
        yield f'"action_set":{{"vertices":{octagon_text(rng)}}},'
    yield '"players":['
    for i, t in enumerate(distinct_targets(rng, n, 2, 5)):
        own = "" if common else f',"action_set":{{"vertices":{octagon_text(rng)}}}'
        yield ("," if i else "") + f'{{"target":{number_list(t)},"weight":"{polygon_weight(rng, n)}"{own}}}'
    yield "]"


def boxes(rng, n, dimension):
    yield (f'"dimension":{dimension},"action_set":{{"box":{{"lo":{[-1] * dimension},"hi":{[1] * dimension}}}}},'
           '"players":[')
    weight = fraction(1, n)
    for i, t in enumerate(distinct_targets(rng, n, dimension, 5)):
        yield ("," if i else "") + f'{{"target":{number_list(t)},"weight":"{weight}"}}'
    yield "]"


def boxes_hard(rng, n, dimension):
    """Per-player boxes (integer bounds), weights k/(50n) with 5 % negative, a bias: the nasty box case."""
    yield (f'"dimension":{dimension},"bias":{{"weight":"1/2","point":{number_list(["1/3"] * dimension)}}},'
           '"players":[')
    for i, t in enumerate(distinct_targets(rng, n, dimension, 5)):
        k = rng.randint(1, 100)
        weight = fraction(-k if rng.random() < 0.05 else k, 50 * n)
        lo = [rng.randint(-3, 0) for _ in range(dimension)]
        hi = [low + rng.randint(1, 3) for low in lo]
        yield (("," if i else "") + f'{{"target":{number_list(t)},"weight":"{weight}",'
               f'"action_set":{{"box":{{"lo":{lo},"hi":{hi}}}}}}}')
    yield "]"


def octahedra(rng, n):
    """d = 3, an octahedron per player (6 integer vertices around an integer centre): polytopes that are not boxes."""
    yield '"dimension":3,"players":['
    for i, t in enumerate(distinct_targets(rng, n, 3, 5)):
        centre = [rng.randint(-3, 3) for _ in range(3)]
        vertices = []
        for axis in range(3):
            for side in (-1, 1):
                v = list(centre)
                v[axis] += side * rng.randint(1, 3)
                vertices.append(number_list(v))
        yield (("," if i else "") + f'{{"target":{number_list(t)},"weight":"{fraction(rng.randint(1, 100), 50 * n)}",'
               f'"action_set":{{"vertices":[{",".join(vertices)}]}}}}')
    yield "]"


def octahedra_halfspaces(rng, n):
    """d = 3, the octahedron of `octahedra` (vertices c ± r_j e_j) as its 8 facets: for every sign pattern s,
    sum_j s_j (r1 r2 r3 / r_j) (y_j - c_j) <= r1 r2 r3."""
    yield '"dimension":3,"players":['
    for i, t in enumerate(distinct_targets(rng, n, 3, 5)):
        centre = [rng.randint(-3, 3) for _ in range(3)]
        radii = [rng.randint(1, 3) for _ in range(3)]
        volume = radii[0] * radii[1] * radii[2]
        halfspaces = []
        for signs in [(a, b, c) for a in (1, -1) for b in (1, -1) for c in (1, -1)]:
            normal = [s * volume // r for s, r in zip(signs, radii)]
            offset = volume + sum(a * x for a, x in zip(normal, centre))
            halfspaces.append(f'{{"a":{normal},"b":{offset}}}'.replace(" ", ""))
        yield (("," if i else "") + f'{{"target":{number_list(t)},"weight":"{fraction(rng.randint(1, 100), 50 * n)}",'
               f'"action_set":{{"halfspaces":[{",".join(halfspaces)}]}}}}')
    yield "]"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kind", choices=["paper", "hard", "polygons", "polygons-hard", "polygons-common", "boxes",
                                             "boxes-hard", "octahedra", "octahedra-halfspaces"])
    parser.add_argument("players", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dimension", type=int, default=2, help="boxes and boxes-hard only")
    args = parser.parse_args()
    rng = random.Random(f"{args.kind}-{args.players}-{args.seed}")
    out = sys.stdout
    out.write(f'{{"format":"bigcert/1","name":"{args.kind}-n{args.players}-s{args.seed}","loss":"squared",')
    kinds = {"paper": paper, "hard": hard, "polygons": polygons,
             "polygons-hard": lambda rng, n: polygons_hard(rng, n, False),
             "polygons-common": lambda rng, n: polygons_hard(rng, n, True),
             "boxes": lambda rng, n: boxes(rng, n, args.dimension),
             "boxes-hard": lambda rng, n: boxes_hard(rng, n, args.dimension),
             "octahedra": octahedra, "octahedra-halfspaces": octahedra_halfspaces}
    for chunk in kinds[args.kind](rng, args.players):
        out.write(chunk)
        out.write("\n" if chunk.startswith(",") or chunk.startswith("{") else "")
    out.write("}\n")


if __name__ == "__main__":
    main()
