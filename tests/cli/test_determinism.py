"""Determinism (docs/internals.md): the same input gives byte-identical output on every run and thread count."""
import json
import os
import random
import subprocess
import tempfile
import unittest

BIGCERT = os.environ.get("BIGCERT", "build/bigcert")


def solve(path, threads):
    r = subprocess.run([BIGCERT, "solve", path, "--json", "--threads", str(threads)], capture_output=True, timeout=300)
    assert r.returncode == 0, r.stderr.decode()
    return r.stdout


class Determinism(unittest.TestCase):
    def check(self, game):
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump(game, f)
        try:
            first = solve(f.name, 1)
            self.assertEqual(first, solve(f.name, 2))
            self.assertEqual(first, solve(f.name, 2))
            self.assertEqual(first, solve(f.name, 0))
        finally:
            os.unlink(f.name)

    def test_one_dimension_with_ties(self):
        rng = random.Random(11)
        players = [{"target": f"{rng.randint(-50, 50)}/{rng.randint(1, 7)}", "weight": f"1/{rng.randint(1, 9)}"}
                   for _ in range(30000)]
        players += [{"target": "0", "weight": "1/2"} for _ in range(5)]  # several players tied at one target
        self.check({"action_set": {"interval": [-3, 3]}, "players": players})

    def test_polygons(self):
        rng = random.Random(12)
        square = {"vertices": [[-1, -1], [1, -1], [1, 1], [-1, 1], [0, "3/2"]]}
        players = [{"target": [f"{rng.randint(-30, 30)}/10", f"{rng.randint(-30, 30)}/10"], "weight": "1/3000"}
                   for _ in range(3000)]
        self.check({"dimension": 2, "action_set": square, "players": players})


if __name__ == "__main__":
    unittest.main()
