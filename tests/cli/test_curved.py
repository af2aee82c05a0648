"""Command-line behaviour of `bigcert solve` on curved sets (model.md §3g): enclosures in FORMAT.md's interval
form, checked in Python with exact fractions against the closed form; bad ellipsoids; --precision."""
import json
import os
import subprocess
import sys
import tempfile
import unittest
from fractions import Fraction

BIGCERT = os.environ.get("BIGCERT", "build/bigcert")
SOURCE = os.environ.get("BIGCERT_SOURCE_DIR", ".")


def run(*args, stdin=None):
    return subprocess.run([BIGCERT, *args], input=stdin, capture_output=True, text=True, timeout=120)


def interval(value):
    return Fraction(value["interval"][0]), Fraction(value["interval"][1])


class CurvedSolve(unittest.TestCase):
    def test_disc_two_encloses_the_closed_form(self):
        r = run("solve", "--json", os.path.join(SOURCE, "examples/disc-two/disc-two.json"))
        self.assertEqual(r.returncode, 0, r.stderr)
        s = json.loads(r.stdout)
        lo, hi = interval(s["equilibrium"]["receiver"][1])
        self.assertLessEqual(hi - lo, Fraction(1, 2**64))

        # y is the root in (0, 1) of y^2 (1 + (2 - y)^2) = (2 - y)^2: f changes sign on [lo, hi].
        def f(y):
            return y * y * (1 + (2 - y) ** 2) - (2 - y) ** 2

        self.assertLessEqual(f(lo) * f(hi), 0)
        self.assertIn("unsat", s["enclosure"]["proof"])
        self.assertEqual(s["equilibria"]["count"], "one")

    def test_precision_sets_the_width(self):
        for p in (10, 11, 40):
            r = run("solve", "--json", "--precision", str(p), os.path.join(SOURCE, "examples/ellipse-mixed/ellipse-mixed.json"))
            self.assertEqual(r.returncode, 0, r.stderr)
            s = json.loads(r.stdout)
            for action in s["equilibrium"]["actions"]:
                for x in action:
                    if isinstance(x, dict):
                        lo, hi = interval(x)
                        self.assertLessEqual(hi - lo, Fraction(1, 2**p))

    def test_singular_ellipsoid_is_bad_input(self):
        instance = {"dimension": 2, "players": [{"target": [0, 0], "action_set": {
            "ellipsoid": {"center": [0, 0], "matrix": [[2, 2], [2, 2]]}}}]}
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump(instance, f)
        r = run("solve", f.name)
        os.unlink(f.name)
        self.assertEqual(r.returncode, 2)
        self.assertIn("players[0].action_set.ellipsoid.matrix: the matrix is singular", r.stderr)
        self.assertEqual(len(r.stderr.strip().splitlines()), 1)


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0]])
