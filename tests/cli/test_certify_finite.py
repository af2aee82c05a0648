"""certify on finite games (paper §5.2): certified at the solver's equilibrium, refuted with a better strategy."""
import json
import os
import subprocess
import tempfile
import unittest
from fractions import Fraction

BIGCERT = os.environ.get("BIGCERT", "build/bigcert")
SOURCE = os.environ.get("BIGCERT_SOURCE_DIR", ".")
EX5 = os.path.join(SOURCE, "examples/paper-ex5-m4-k2.json")


def run(*args):
    return subprocess.run([BIGCERT, *args], capture_output=True, text=True, timeout=120)


class CertifyFinite(unittest.TestCase):
    def test_solver_equilibrium_is_certified(self):
        r = run("certify", "--json", EX5)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(json.loads(r.stdout)["verdict"], "certified")

    def test_bad_profile_is_refuted_with_a_better_strategy(self):
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump({"equilibrium": {"actions": [[-4, -8], [4, 32]]}}, f)
        try:
            r = run("certify", "--json", EX5, "--profile", f.name)
        finally:
            os.unlink(f.name)
        self.assertEqual(r.returncode, 1, r.stderr)
        c = json.loads(r.stdout)
        self.assertEqual(c["verdict"], "refuted")
        # Re-check the first refuted player's deviation independently: x̂ = (sum of all chosen items) / (2k) = sum / 4.
        game = json.load(open(EX5))
        profile = [[-4, -8], [4, 32]]
        for p in c["players"]:
            if p["verdict"] != "refuted":
                continue
            i = p["index"]
            target = Fraction(game["players"][i]["target"])
            weight = Fraction(game["players"][i]["weight"])
            others = sum(Fraction(x) for j, items in enumerate(profile) if j != i for x in items)
            def loss(items):
                receiver = weight * others + weight * sum(Fraction(x[0] if isinstance(x, list) else x) for x in items)
                return (receiver - target) ** 2
            before, after = loss(profile[i]), loss(p["deviation"])
            self.assertLess(after, before)
            self.assertEqual(before - after, Fraction(p["improvement"]))


if __name__ == "__main__":
    unittest.main()
