"""`bigcert certify`, `check` and `solve --algebraic` on curved sets (docs/model.md §3g), checked with exact fractions."""
import json
import os
import subprocess
import sys
import tempfile
import unittest
from fractions import Fraction

BIGCERT = os.environ.get("BIGCERT", "build/bigcert")
SOURCE = os.environ.get("BIGCERT_SOURCE_DIR", ".")
DISC_TWO = os.path.join(SOURCE, "examples/disc-two/disc-two.json")


def run(*args):
    return subprocess.run([BIGCERT, *args], capture_output=True, text=True, timeout=300)


def loss(receiver, target):
    return sum((r - t) ** 2 for r, t in zip(receiver, target))


class CurvedCertify(unittest.TestCase):
    def test_enclosure_certified_without_profile(self):
        r = run("certify", "--json", DISC_TWO)
        self.assertEqual(r.returncode, 0, r.stderr)
        c = json.loads(r.stdout)
        self.assertEqual(c["verdict"], "certified")
        self.assertIn("boxes", c["claim"])
        self.assertEqual(len(c["enclosure"]["actions"]), 2)

    def test_rational_profile_refuted_with_exact_deviation(self):
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump({"equilibrium": {"actions": [["3/5", "4/5"], ["-3/5", "4/5"]]}}, f)
        r = run("certify", "--json", DISC_TWO, "--profile", f.name)
        os.unlink(f.name)
        self.assertEqual(r.returncode, 1, r.stderr)
        c = json.loads(r.stdout)
        actions = [[Fraction(3, 5), Fraction(4, 5)], [Fraction(-3, 5), Fraction(4, 5)]]
        targets = [[1, 2], [-1, 2]]
        for p in c["players"]:
            i = p["index"]
            y = [Fraction(v) for v in p["deviation"]]
            self.assertLessEqual(y[0] ** 2 + y[1] ** 2, 1)  # inside the unit disc, exactly
            before = [sum(Fraction(1, 2) * a[j] for a in actions) for j in range(2)]
            moved = list(actions)
            moved[i] = y
            after = [sum(Fraction(1, 2) * a[j] for a in moved) for j in range(2)]
            self.assertLess(loss(after, targets[i]), loss(before, targets[i]))

    def test_check_exaggeration_refinement(self):
        r = run("check", "--json", DISC_TWO)
        self.assertEqual(r.returncode, 0, r.stderr)
        props = json.loads(r.stdout)["properties"]
        self.assertEqual(props["exaggeration"]["verdict"], "holds")
        self.assertEqual(props["exaggeration"]["at_unique_support_point"], [0, 1])
        self.assertEqual(props["count"]["value"], "one")

    def test_algebraic_receiver_root_form(self):
        r = run("solve", "--json", "--algebraic", DISC_TWO)
        self.assertEqual(r.returncode, 0, r.stderr)
        y = json.loads(r.stdout)["equilibrium"]["receiver"][1]
        # Closed form: y^2 (1 + (2 - y)^2) = (2 - y)^2, i.e. y^4 - 4y^3 + 4y^2 + 4y - 4 = 0.
        self.assertEqual(y["root"], "x^4 - 4*x^3 + 4*x^2 + 4*x - 4")
        lo, hi = (Fraction(v) for v in y["interval"])
        f = lambda v: v ** 4 - 4 * v ** 3 + 4 * v ** 2 + 4 * v - 4
        self.assertLess(f(lo) * f(hi), 0)


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0]])
