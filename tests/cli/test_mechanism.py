"""`bigcert mechanism` (docs/model.md section 5): the JSON shape of docs/format.md, every manipulation and
counterexample re-checked here with Python fractions (an independent evaluation of the rules), bundles that
`bigcert replay` and stock z3 replay, --compare, and bad input."""
import json
import os
import shutil
import subprocess
import tempfile
import unittest
from fractions import Fraction

BIGCERT = os.environ.get("BIGCERT", "build/bigcert")


def run(*args, stdin=None):
    return subprocess.run([BIGCERT, *args], input=stdin, capture_output=True, text=True, timeout=300)


def median(values):
    v = sorted(values)
    n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2


def outcome_1d(rule, reports):
    kind = rule["kind"]
    if kind == "mean":  # the paper's receiver; GAME has the default weights 1 and no bias
        return sum(reports)
    if kind == "median":
        return median(reports)
    if kind == "generalized-median":
        return median(reports + [Fraction(p[0]) for p in rule["phantoms"]])
    if kind == "trimmed-mean":
        k, v = rule["trim"], sorted(reports)
        kept = v[k:len(v) - k]
        return sum(kept) / len(kept)
    inside = [r for r in reports if abs(r - Fraction(rule["prior"][0])) <= Fraction(rule["radius"])]
    return sum(inside) / len(inside) if inside else Fraction(rule["prior"][0])


GAME = {"format": "bigcert/1", "name": "five", "action_set": {"interval": [-4, 4]},
        "players": [{"target": t} for t in [-3, -1, "1/2", 2, 6]]}
TARGETS = [Fraction(-3), Fraction(-1), Fraction(1, 2), Fraction(2), Fraction(6)]
TRUTHFUL = [Fraction(-3), Fraction(-1), Fraction(1, 2), Fraction(2), Fraction(4)]


class Mechanism(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.path = os.path.join(self.dir, "five.json")
        with open(self.path, "w") as f:
            json.dump(GAME, f)

    def tearDown(self):
        shutil.rmtree(self.dir)

    def loss(self, rule, reports, i):
        return (outcome_1d(rule, reports) - TARGETS[i]) ** 2

    def check_manipulation(self, rule, player, reports, report, improvement):
        moved = list(reports)
        moved[player] = Fraction(report[0])
        self.assertEqual(reports[player], TRUTHFUL[player])
        self.assertEqual(self.loss(rule, reports, player) - self.loss(rule, moved, player), Fraction(improvement))
        self.assertGreater(Fraction(improvement), 0)

    def test_json_shape_and_exact_counterexamples_for_every_rule(self):
        rules = [{"kind": "mean"}, {"kind": "median"}, {"kind": "generalized-median", "phantoms": [[0], [1]]},
                 {"kind": "trimmed-mean", "trim": 1}, {"kind": "threshold", "prior": [0], "radius": 2}]
        for rule in rules:
            with self.subTest(rule=rule["kind"]):
                r = run("mechanism", self.path, "--rule", json.dumps(rule), "--json")
                self.assertIn(r.returncode, (0, 4), r.stderr)
                out = json.loads(r.stdout)
                self.assertEqual(set(out) >= {"truthful", "strategyproof", "equilibrium"}, True)
                t = out["truthful"]
                self.assertIn(t["verdict"], ("certified", "refuted", "not certified"))
                if t["verdict"] == "refuted":
                    m = t["manipulation"]
                    self.check_manipulation(rule, m["player"], TRUTHFUL, m["report"], m["improvement"])
                s = out["strategyproof"]
                self.assertIn(s["verdict"], ("holds", "fails", "unknown"))
                if s["verdict"] == "fails":
                    c = s["counterexample"]
                    reports = [Fraction(x[0]) for x in c["reports"]]
                    self.check_manipulation(rule, c["player"], reports, c["report"], c["improvement"])
                e = out["equilibrium"]
                if e["status"] == "found":
                    reports = [Fraction(x[0]) for x in e["reports"]]
                    self.assertEqual(Fraction(e["outcome"][0]), outcome_1d(rule, reports))
                    # An equilibrium: no report on a fine grid helps anyone.
                    for i in range(5):
                        here = self.loss(rule, reports, i)
                        for k in range(-64, 65):
                            moved = list(reports)
                            moved[i] = Fraction(k, 16)
                            self.assertLessEqual(here, self.loss(rule, moved, i))
        # n = 5 odd: the median is strategyproof; the mean is not (Theorem 4).
        median = json.loads(run("mechanism", self.path, "--rule", '{"kind": "median"}', "--json").stdout)
        self.assertEqual(median["strategyproof"]["verdict"], "holds")
        self.assertEqual(median["truthful"]["verdict"], "certified")
        mean = json.loads(run("mechanism", self.path, "--rule", '{"kind": "mean"}', "--json").stdout)
        self.assertEqual(mean["strategyproof"]["verdict"], "fails")

    def test_bundles_replay(self):
        bundle = os.path.join(self.dir, "bundle")
        r = run("mechanism", self.path, "--compare", '{"kind": "median"}', '{"kind": "trimmed-mean", "trim": 1}',
                "--no-structural", "--proof-log", bundle)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("strategyproof", r.stdout)
        replay = run("replay", bundle)
        self.assertEqual(replay.returncode, 0, replay.stdout + replay.stderr)
        files = [f for f in os.listdir(bundle) if f.endswith(".smt2")]
        self.assertTrue(any(f.startswith("rule0-strategyproof") for f in files))
        if shutil.which("z3"):
            one = os.path.join(bundle, sorted(f for f in files if "strategyproof" in f)[0])
            self.assertEqual(subprocess.run(["z3", one], capture_output=True, text=True).stdout.strip(), "unsat")

    def test_rule_in_the_instance_and_refusals(self):
        game = dict(GAME, rule={"kind": "median"})
        path = os.path.join(self.dir, "ruled.json")
        with open(path, "w") as f:
            json.dump(game, f)
        self.assertEqual(run("mechanism", path).returncode, 0)
        solve = run("solve", path)
        self.assertEqual(solve.returncode, 2)
        self.assertIn("bigcert mechanism", solve.stderr)
        bad = run("mechanism", self.path, "--rule", '{"kind": "median", "phantoms": [[1]]}')
        self.assertEqual(bad.returncode, 2)
        self.assertIn("--rule.phantoms", bad.stderr)
        bad = run("mechanism", self.path, "--rule", '{"kind": "trimmed-mean", "trim": 3}')
        self.assertEqual(bad.returncode, 2)
        self.assertIn("--rule.trim", bad.stderr)
        weighted = dict(GAME, players=[{"target": 1, "weight": 2}, {"target": 2}])
        with open(path, "w") as f:
            json.dump(weighted, f)
        bad = run("mechanism", path, "--rule", '{"kind": "median"}')
        self.assertEqual(bad.returncode, 2)
        self.assertIn("players[0].weight", bad.stderr)


if __name__ == "__main__":
    unittest.main()
