"""`check --method structure` on ball and ellipsoid sets (docs/model.md §3a′, curved sets) against the whole-system
method `--method full` on small random games, degenerate ones included (zero weights, a player whose target is the
outcome, negative weights, polytope players beside curved ones, points), and the curved structure bundles replaying
with `bigcert replay` and stock z3."""
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
PROPERTIES = ("exaggeration", "receiver-unique", "count", "potential")


def run(*args, timeout=300):
    return subprocess.run([BIGCERT, *args], capture_output=True, text=True, timeout=timeout)


def check(path, method, *extra):
    r = run("check", path, "--property", "all", "--json", "--method", method, *extra)
    return r.returncode, (json.loads(r.stdout)["properties"] if r.stdout.strip() else r.stderr)


def action_set(rng):
    kind = rng.choice(["ball", "ball", "ellipsoid", "box", "point"])
    c = [rng.randint(-3, 3), rng.randint(-3, 3)]
    if kind == "ball":
        return {"ball": {"center": c, "radius": rng.choice([1, 2, "1/2"])}}
    if kind == "ellipsoid":
        return {"ellipsoid": {"center": c, "matrix": [[rng.choice([1, 4, "1/4"]), 0], [0, rng.choice([1, 2])]]}}
    if kind == "box":
        return {"box": {"lo": c, "hi": [c[0] + rng.randint(1, 2), c[1] + rng.randint(1, 2)]}}
    return {"vertices": [c]}


def random_game(rng, index):
    n = rng.randint(1, 3)
    players = [{"target": [rng.randint(-6, 6), rng.randint(-6, 6)],
                "weight": rng.choice(["1", "1/2", "1/3", "0", "-1/2", "2"]), "action_set": action_set(rng)}
               for _ in range(n)]
    if not any("ball" in p["action_set"] or "ellipsoid" in p["action_set"] for p in players):
        players[0]["action_set"] = {"ball": {"center": [0, 0], "radius": 1}}
    if rng.random() < 0.35:
        # A large disc around its own target: the player reaches the outcome, so x̂* is its target (g = 0).
        t = [rng.randint(-2, 2), rng.randint(-2, 2)]
        players.append({"target": t, "weight": rng.choice(["1", "2"]), "action_set": {"ball": {"center": t, "radius": 40}}})
    return {"format": "bigcert/1", "name": f"curved-{index}", "dimension": 2, "players": players}


class CurvedStructureAgainstFull(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def write(self, game):
        path = os.path.join(self.tmp, game["name"] + ".json")
        with open(path, "w") as f:
            json.dump(game, f)
        return path

    def compare(self, path, seen):
        code_f, full = check(path, "full")
        code_s, structure = check(path, "structure")
        if isinstance(full, str):  # the solver refuses (ties it cannot separate): both methods alike
            self.assertEqual(code_s, code_f, (structure, full))
            seen.add(("refused",))
            return
        for prop in PROPERTIES:
            s, f = structure[prop], full[prop]
            self.assertEqual(s["method"], "structure")
            self.assertNotEqual(s["verdict"], "unknown", (prop, s))  # small games: the structure decides
            if f["verdict"] != "unknown":
                self.assertEqual(s["verdict"], f["verdict"], (prop, s, f))
                self.assertEqual(s.get("value"), f.get("value"), (prop, s, f))
            seen.add((prop, s["verdict"], s.get("value")))
        if "premise" in full["exaggeration"]:
            self.assertEqual(structure["exaggeration"]["premise"], full["exaggeration"]["premise"])
        for profile in structure["count"].get("equilibria", []) + [structure["exaggeration"].get("counterexample", {})]:
            if profile:  # printed witnesses only when x* is rational; each has the one receiver
                self.assertEqual(len(profile["actions"]), len(json.load(open(path))["players"]))

    def test_random_games_agree(self):
        rng = random.Random(20261203)
        seen = set()
        for index in range(40):
            game = random_game(rng, index)
            with self.subTest(game=json.dumps(game)):
                self.compare(self.write(game), seen)
        self.assertIn(("count", "holds", "one"), seen)
        self.assertIn(("count", "holds", "infinite"), seen)
        self.assertIn(("exaggeration", "fails", None), seen)
        self.assertIn(("exaggeration", "holds", None), seen)

    def test_target_at_the_outcome(self):
        # Player 0's large disc reaches x̂* = its target (0, 0) exactly: g_0 = 0, its face is the whole disc, and the
        # receiver equation fixes it; player 1 sits at its unique (irrational) support point.
        game = {"format": "bigcert/1", "name": "pinned", "dimension": 2, "players": [
            {"target": [0, 0], "weight": "1/2", "action_set": {"ball": {"center": [0, 0], "radius": 10}}},
            {"target": [10, 3], "weight": "1/2", "action_set": {"ball": {"center": [4, 0], "radius": 1}}}]}
        code, props = check(self.write(game), "structure")
        self.assertEqual(code, 0, props)
        self.assertEqual((props["count"]["verdict"], props["count"]["value"]), ("holds", "one"))
        self.assertEqual(props["exaggeration"]["verdict"], "holds")
        self.assertEqual(props["exaggeration"]["at_unique_support_point"], [1])
        # A zero-weight disc player added: infinitely many equilibria, and it is interior with its target away.
        game["players"].append({"target": [5, 5], "weight": 0, "action_set": {"ball": {"center": [1, 1], "radius": 1}}})
        code, props = check(self.write(game), "structure")
        self.assertEqual((props["count"]["verdict"], props["count"]["value"]), ("holds", "infinite"))
        self.assertEqual(props["exaggeration"]["verdict"], "fails")
        self.assertIn("weight 0", props["exaggeration"]["reason"])

    def test_bundles_replay(self):
        for name in ("disc-two", "ellipse-mixed"):
            bundle = os.path.join(self.tmp, name)
            r = run("check", os.path.join(SOURCE, "examples", name, name + ".json"), "--property", "all",
                    "--proof-log", bundle)
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(os.path.join(bundle, "manifest.json")) as f:
                self.assertTrue(any("curved sets" in note for note in json.load(f)["reductions"]))
            r = run("replay", bundle)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            self.assertNotIn("DISAGREE", r.stdout)
            files = sorted(glob.glob(os.path.join(bundle, "*.smt2")))
            self.assertTrue(any("certify-enclosure-receiver" in f for f in files))
            for smt2 in files:
                with open(smt2) as f:
                    expected = [l.split(": ", 1)[1].strip() for l in f if l.startswith("; expected: ")]
                answer = subprocess.run(["z3", "-T:60", smt2], capture_output=True, text=True).stdout.split("\n")[0]
                if expected and expected[-1] in ("sat", "unsat"):
                    self.assertEqual(answer, expected[-1], smt2)


if __name__ == "__main__":
    unittest.main()
