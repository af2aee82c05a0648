"""`bigcert solve` with an interior curved player next to a polytope player whose face at the equilibrium is a
whole edge (docs/internals.md, curved sets): the receiver is the interior player's target exactly, the edge is listed as a
face, the count is "infinite", and every printed box is re-checked here with exact fractions."""
import json
import os
import subprocess
import tempfile
import unittest
from fractions import Fraction

BIGCERT = os.environ.get("BIGCERT", "build/bigcert")


def run(*args):
    return subprocess.run([BIGCERT, *args], capture_output=True, text=True, timeout=120)


def value(v):
    """An exact string, or an enclosure as (lo, hi)."""
    if isinstance(v, dict):
        return Fraction(v["interval"][0]), Fraction(v["interval"][1])
    return Fraction(v), Fraction(v)


def instance(radius, target0, third=None):
    players = [{"target": target0, "weight": 1, "action_set": {"ball": {"center": [0, 0], "radius": radius}}},
               # its target is level with the receiver: w (t - x*) = (>0, 0), so its whole right edge is optimal
               {"target": [5, target0[1]], "weight": "1/4", "action_set": {"box": {"lo": [-1, -1], "hi": [1, 1]}}}]
    if third:
        players.append(third)
    return {"name": "disc-edge", "dimension": 2, "players": players}


class CurvedFaces(unittest.TestCase):
    def solve(self, game, *flags):
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump(game, f)
        try:
            return run("solve", *flags, f.name)
        finally:
            os.unlink(f.name)

    def check_infinite(self, game):
        r = self.solve(game, "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        s = json.loads(r.stdout)
        t0 = [Fraction(x) for x in game["players"][0]["target"]]
        self.assertEqual([value(x) for x in s["equilibrium"]["receiver"]], [(t, t) for t in t0])
        self.assertEqual(s["equilibria"]["count"], "infinite")
        self.assertEqual(s["equilibria"]["faces"], [{"player": 1, "vertices": [["1", "-1"], ["1", "1"]]}])
        # Player 1 on the edge x = 1 (its whole edge as a box, or one exact point of it); player 0's box holds
        # t0 - x_1/4 - x_2/10 for every x_1, x_2 in the other boxes (interval arithmetic, exact).
        boxes = [[value(x) for x in action] for action in s["equilibrium"]["actions"]]
        self.assertEqual(boxes[1][0], (1, 1))
        self.assertTrue(-1 <= boxes[1][1][0] <= boxes[1][1][1] <= 1)
        weights = [None, Fraction(1, 4), Fraction(1, 10)]
        for j in range(2):
            lo = hi = t0[j]
            for i in range(1, len(boxes)):
                lo -= weights[i] * boxes[i][j][1]
                hi -= weights[i] * boxes[i][j][0]
            self.assertLessEqual(boxes[0][j][0], lo)
            self.assertGreaterEqual(boxes[0][j][1], hi)
            if boxes[0][j][0] == boxes[0][j][1]:
                self.assertEqual(lo, hi)
        return s

    def test_interior_disc_and_a_whole_edge(self):
        s = self.check_infinite(instance(1, ["1/5", "1/10"]))
        self.assertEqual(s["equilibrium"]["losses"][0], "0")
        self.assertIn("faces are exact", s["enclosure"]["proof"])

    def test_only_part_of_the_edge_fits_in_a_small_disc(self):
        # x_0 = (-3/20, -y/4) lies in the disc of radius 1/5 only for |y| <= 0.53: the vertices do not fit,
        # the edge's midpoint does, strictly inside.
        self.check_infinite(instance("1/5", ["1/10", 0]))

    def test_a_third_curved_player_with_an_irrational_support_point(self):
        third = {"target": [3, 4], "weight": "1/10", "action_set": {"ball": {"center": [1, 2], "radius": 1}}}
        self.check_infinite(instance(1, ["1/5", "1/10"], third))

    def test_readable_output(self):
        r = self.solve(instance(1, ["1/5", "1/10"]))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("infinitely many", r.stdout)

    def test_undecided_count_is_refused_naming_the_players(self):
        # radius 3/20: only y = 0 fits, on the disc's boundary (one equilibrium, not proven here): refused.
        r = self.solve(instance("3/20", ["1/10", 0]), "--json")
        self.assertEqual(r.returncode, 2)
        self.assertIn("player(s) 1 have a whole edge", r.stderr)
        self.assertIn("not decided", r.stderr)
        self.assertIn("docs/internals.md", r.stderr)
        self.assertEqual(r.stdout, "")


if __name__ == "__main__":
    unittest.main()
