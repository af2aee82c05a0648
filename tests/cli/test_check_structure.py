"""`check --method structure` (docs/model.md "Checking every equilibrium from the certified structure") against
the whole-system encoding `--method full` on many small random games, degenerate ones included (duplicate
targets, zero and negative weights, bias, targets equal to the outcome, interior players, infinite equilibrium
sets, per-player sets, d = 1/2/3, H- and V-representations, points and segments), on the paper's examples, and
the structure bundles replaying with `bigcert replay` and stock z3."""
import glob
import json
import os
import random
import shutil
import subprocess
import tempfile
import unittest
from fractions import Fraction

BIGCERT = os.environ.get("BIGCERT", "build/bigcert")
SOURCE = os.environ.get("BIGCERT_SOURCE_DIR", ".")
EXAMPLES = ["paper-ex1a", "paper-ex1b", "paper-ex2", "paper-fig3-right", "triangle-h-rep"]


def run(*args, timeout=300):
    return subprocess.run([BIGCERT, *args], capture_output=True, text=True, timeout=timeout)


def check(path, method, *extra):
    r = run("check", path, "--property", "all", "--json", "--method", method, *extra)
    assert r.returncode in (0, 1, 3, 4), r.stderr  # verdict exit codes only (no crash, no input error)
    return json.loads(r.stdout)["properties"]


def frac(rng, lo, hi, den=4):
    return str(Fraction(rng.randint(lo * den, hi * den), den))


def action_set(rng, d):
    """An interval, a box, a polygon/polytope by vertices or halfspaces, a segment or a single point."""
    kind = rng.choice(["box", "vertices", "halfspaces", "segment", "point"] if d > 1 else ["interval", "point"])
    if kind == "interval":
        lo = rng.randint(-3, 2)
        return {"interval": [lo, lo + rng.choice([1, 2, 3])]}
    if kind == "point":
        return {"vertices": [[frac(rng, -2, 2) for _ in range(d)]]} if d > 1 else {"interval": [1, 1]}
    if kind == "box":
        lo = [rng.randint(-3, 1) for _ in range(d)]
        return {"box": {"lo": lo, "hi": [v + rng.randint(1, 3) for v in lo]}}
    if kind == "segment":
        return {"vertices": [[frac(rng, -2, 2) for _ in range(d)] for _ in range(2)]}
    if kind == "vertices":
        return {"vertices": [[frac(rng, -3, 3, 2) for _ in range(d)] for _ in range(d + 2)]}
    # halfspaces: a box written as halfspaces, cut by one random plane through its centre region
    rows = []
    for j in range(d):
        e = [0] * d
        e[j] = 1
        rows.append({"a": e, "b": 2})
        rows.append({"a": [-v for v in e], "b": 2})
    rows.append({"a": [rng.choice([-1, 1, 2]) for _ in range(d)], "b": rng.choice([0, 1, 2])})
    return {"halfspaces": rows}


def random_game(rng, index):
    d = rng.choice([1, 1, 2, 2, 3])
    n = rng.randint(1, 4)
    common = rng.random() < 0.4
    targets = [[frac(rng, -3, 3) for _ in range(d)] for _ in range(n)]
    for i in range(1, n):
        if rng.random() < 0.3:
            targets[i] = list(targets[rng.randrange(i)])  # duplicate target
    players = []
    for i in range(n):
        p = {"target": targets[i], "weight": rng.choice(["1", "1/2", "1/3", "0", "-1/2", "2"])}
        if not common:
            p["action_set"] = action_set(rng, d)
        players.append(p)
    game = {"format": "bigcert/1", "name": f"random-{index}", "dimension": d, "players": players}
    if common:
        game["action_set"] = action_set(rng, d)
    if rng.random() < 0.4:
        game["bias"] = {"weight": rng.choice(["1/2", "1", "-1/3"]), "point": [frac(rng, -2, 2) for _ in range(d)]}
    return game


def aim_at_outcome(game):
    """Moves some targets onto the solved outcome: players with g_i = 0 (interior players, infinite sets)."""
    path = game["_path"]
    r = run("solve", path, "--json")
    if r.returncode != 0:
        return False
    receiver = json.loads(r.stdout)["equilibrium"]["receiver"]
    for p in game["players"][: max(1, len(game["players"]) // 2)]:
        p["target"] = receiver
    return True


class StructureAgainstFull(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def write(self, game):
        path = os.path.join(self.tmp, game["name"] + ".json")
        with open(path, "w") as f:
            json.dump({k: v for k, v in game.items() if not k.startswith("_")}, f)
        game["_path"] = path
        return path

    def compare(self, path, seen):
        full = check(path, "full")
        structure = check(path, "structure")
        for prop in ("exaggeration", "receiver-unique", "count", "potential"):
            s, f = structure[prop], full[prop]
            self.assertEqual(s["method"], "structure")
            self.assertNotEqual(s["verdict"], "unknown", (prop, s))  # small games: the structure decides
            if f["verdict"] != "unknown":
                self.assertEqual(s["verdict"], f["verdict"], (prop, s, f))
                self.assertEqual(s.get("value"), f.get("value"), (prop, s, f))
            seen.add((prop, s["verdict"], s.get("value")))
        self.assertEqual(structure["exaggeration"].get("premise"), full["exaggeration"].get("premise"))
        self.assertEqual(structure["receiver-unique"]["verdict"], "holds")

    def test_random_games_agree(self):
        rng = random.Random(20261202)
        seen = set()
        for index in range(60):
            game = random_game(rng, index)
            path = self.write(game)
            if rng.random() < 0.4 and aim_at_outcome(game):
                path = self.write(game)
            with self.subTest(game=json.dumps({k: v for k, v in game.items() if k != "_path"})):
                self.compare(path, seen)
        # The sample covers the non-trivial verdicts, not only "holds".
        self.assertIn(("count", "holds", "infinite"), seen)
        self.assertIn(("count", "holds", "one"), seen)
        self.assertIn(("exaggeration", "fails", None), seen)
        self.assertIn(("exaggeration", "holds", None), seen)

    def test_paper_examples_agree(self):
        seen = set()
        for name in EXAMPLES:
            with self.subTest(example=name):
                self.compare(os.path.join(SOURCE, "examples", name + ".json"), seen)

    def test_counterexamples_are_equilibria(self):
        # Two zero-weight players on [0, 2] with targets away from the outcome: infinitely many equilibria and
        # Theorem 4's conclusion fails; the witnesses must be equilibria of the game (solve agrees on x̂*).
        game = {"format": "bigcert/1", "name": "zero-weights", "action_set": {"interval": [0, 2]},
                "players": [{"target": 5, "weight": 1}, {"target": 1, "weight": 0}, {"target": -3, "weight": 0}]}
        props = check(self.write(game), "structure")
        self.assertEqual((props["count"]["verdict"], props["count"]["value"]), ("holds", "infinite"))
        self.assertEqual(props["exaggeration"]["verdict"], "fails")
        self.assertEqual(props["exaggeration"]["premise"], "not met")
        for profile in props["count"]["equilibria"] + [props["exaggeration"]["counterexample"]]:
            self.assertEqual(profile["receiver"], ["2"])
        self.assertNotEqual(props["count"]["equilibria"][0]["actions"], props["count"]["equilibria"][1]["actions"])

    def test_method_is_validated(self):
        r = run("check", os.path.join(SOURCE, "examples", "paper-ex2.json"), "--method", "fast")
        self.assertEqual(r.returncode, 2)
        self.assertIn("--method", r.stderr)


class StructureBundles(unittest.TestCase):
    def test_bundles_replay(self):
        with tempfile.TemporaryDirectory() as tmp:
            game = {"format": "bigcert/1", "name": "shared", "dimension": 2, "bias": {"weight": "1/2", "point": [1, 0]},
                    "action_set": {"box": {"lo": [-1, -1], "hi": [1, 1]}},
                    "players": [{"target": [3, 3], "weight": "1/4"}, {"target": [3, 3], "weight": "1/4"},
                                {"target": [-2, 1], "weight": "-1/3"}, {"target": [0, 0], "weight": 0}]}
            path = os.path.join(tmp, "g.json")
            with open(path, "w") as f:
                json.dump(game, f)
            for name in ("paper-fig3-right", "g"):
                source = path if name == "g" else os.path.join(SOURCE, "examples", name + ".json")
                bundle = os.path.join(tmp, name + "-bundle")
                r = run("check", source, "--property", "all", "--method", "structure", "--proof-log", bundle)
                self.assertIn(r.returncode, (0, 1), r.stderr)
                with open(os.path.join(bundle, "manifest.json")) as f:
                    manifest = json.load(f)
                self.assertTrue(any("Phi(x) - Phi(x*)" in note for note in manifest["reductions"]))
                r = run("replay", bundle)
                self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
                self.assertNotIn("DISAGREE", r.stdout)
                files = sorted(glob.glob(os.path.join(bundle, "*.smt2")))
                self.assertTrue(any("check-face" in f for f in files))
                for smt2 in files:
                    with open(smt2) as f:
                        expected = [l.split(": ", 1)[1].strip() for l in f if l.startswith("; expected: ")]
                    answer = subprocess.run(["z3", "-T:60", smt2], capture_output=True, text=True).stdout.split("\n")[0]
                    if expected and expected[-1] in ("sat", "unsat"):
                        self.assertEqual(answer, expected[-1], smt2)


if __name__ == "__main__":
    unittest.main()
