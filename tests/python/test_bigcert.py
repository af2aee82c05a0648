"""The Python module (issue 7): exact Fractions equal to `bigcert solve --json`'s strings, loading from text
and from files, errors as typed exceptions naming the JSON path. Skipped when the module was not built."""
import json
import os
import subprocess
import sys
import unittest
from fractions import Fraction

sys.path.insert(0, os.environ.get("BIGCERT_PYTHON_DIR", "build/python"))
BIGCERT = os.environ.get("BIGCERT", "build/bigcert")
SOURCE = os.environ.get("BIGCERT_SOURCE_DIR", ".")
try:
    import bigcert
except ImportError:
    bigcert = None


@unittest.skipIf(bigcert is None, "bigcert Python module not built (needs pybind11-dev)")
class ModuleTest(unittest.TestCase):
    def test_solutions_equal_the_cli_with_exact_fractions(self):
        for name in ("paper-ex1a", "paper-ex1b", "paper-ex2", "paper-fig3-right", "triangle-h-rep"):
            path = os.path.join(SOURCE, "examples", name + ".json")
            solution = bigcert.solve(bigcert.load(path))
            cli = json.loads(subprocess.run([BIGCERT, "solve", "--json", path], capture_output=True, text=True).stdout)
            eq = solution["equilibrium"]
            for action, expected in zip(eq["actions"], cli["equilibrium"]["actions"]):
                self.assertTrue(all(isinstance(v, Fraction) for v in action))
                self.assertEqual(action, [Fraction(v) for v in expected])
            self.assertEqual(eq["receiver"], [Fraction(v) for v in cli["equilibrium"]["receiver"]])
            self.assertEqual(eq["potential"], Fraction(cli["equilibrium"]["potential"]))
            self.assertEqual(solution["equilibria"]["count"], cli["equilibria"]["count"])
            self.assertEqual(solution["exaggeration"]["interior"], cli["exaggeration"]["interior"])

    def test_receiver_is_the_weighted_sum_computed_here(self):
        text = json.dumps({"name": "t", "action_set": {"interval": [0, 6]},
                           "players": [{"target": 1, "weight": "1/3"}, {"target": 4, "weight": "2/7"}]})
        instance = bigcert.load(text)
        self.assertEqual((instance.name, len(instance), instance.dimension), ("t", 2, 1))
        eq = bigcert.solve(instance)["equilibrium"]
        receiver = Fraction(1, 3) * eq["actions"][0][0] + Fraction(2, 7) * eq["actions"][1][0]
        self.assertEqual(eq["receiver"], [receiver])
        self.assertEqual(eq["losses"], [(receiver - 1) ** 2, (receiver - 4) ** 2])

    def test_errors_name_the_json_path(self):
        with self.assertRaises(ValueError) as caught:
            bigcert.load('{"action_set": {"interval": [0, 1]}, "players": [{"target": "abc"}]}')
        self.assertIn("players[0].target", str(caught.exception))
        with self.assertRaises(ValueError):
            bigcert.load("/nonexistent/instance.json")


if __name__ == "__main__":
    unittest.main()
