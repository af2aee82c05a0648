"""bigcert align (issue 5): the paper's §6 run, its JSON and figure, bad configs, the external receiver protocol."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

BIGCERT = os.environ["BIGCERT"]
SOURCE = os.environ["BIGCERT_SOURCE_DIR"]
PAPER = os.path.join(SOURCE, "examples", "align-paper-section6.json")


def run(*args, timeout=120):
    return subprocess.run([BIGCERT, "align", *args], capture_output=True, text=True, timeout=timeout)


def config(**changes):
    with open(PAPER) as f:
        value = json.load(f)
    value.update(changes)
    handle = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
    json.dump(value, handle)
    handle.close()
    return handle.name


class AlignTest(unittest.TestCase):
    def test_paper_section6_json(self):
        with tempfile.TemporaryDirectory() as tmp:
            svg = os.path.join(tmp, "fig.svg")
            result = run(PAPER, "--json", "--svg", svg)
            self.assertEqual(result.returncode, 0, result.stderr)
            out = json.loads(result.stdout)
            rounds = out["rounds"]
            self.assertIsNone(rounds[0]["player"])
            self.assertEqual(rounds[1]["player"], 0)
            self.assertAlmostEqual(float(rounds[0]["receiver"][0]), 0.103, delta=0.03)
            self.assertAlmostEqual(float(rounds[1]["reports"][0][0]), -0.536, delta=0.03)
            self.assertAlmostEqual(float(rounds[1]["receiver"][0]), -0.101, delta=0.03)
            self.assertEqual(rounds[2]["reports"][1], ["1"])
            self.assertAlmostEqual(float(rounds[2]["receiver"][0]), 0.209, delta=0.03)
            self.assertEqual(rounds[3]["reports"][0], ["-1"])
            self.assertAlmostEqual(float(rounds[3]["receiver"][0]), 0.024, delta=0.03)
            self.assertTrue(out["converged"])
            surrogate = out["surrogate"]
            self.assertEqual(surrogate["equilibrium"]["actions"], [["-1"], ["1"]])
            self.assertEqual(surrogate["verdict"], "certified")
            for w in surrogate["fitted_weights"]:
                self.assertAlmostEqual(float(w), 0.5, delta=0.05)
            with open(svg) as f:
                text = f.read()
            self.assertIn("<svg", text)
            self.assertIn("polyline", text)

    def test_readable_table(self):
        result = run(PAPER)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("converged", result.stdout)
        self.assertIn("approximations", result.stdout)
        self.assertIn("surrogate verdict (Z3): certified", result.stdout)

    def test_bad_configs_exit_2_with_path(self):
        cases = [
            ({"players": [{"ideal": "x", "pairs": 10}]}, "players[0].ideal"),
            ({"players": [{"ideal": 0.1, "pairs": -3}]}, "players[0].pairs"),
            ({"best_response": "guess"}, "best_response"),
            ({"format": "nope"}, "format"),
            ({"dimension": 2}, "action_set.interval"),
        ]
        for changes, path in cases:
            result = run(config(**changes))
            self.assertEqual(result.returncode, 2, (changes, result.stderr))
            self.assertIn(path, result.stderr)
            self.assertEqual(len(result.stderr.strip().splitlines()), 1, result.stderr)

    def test_no_mle_with_a_single_pair(self):
        result = run(config(players=[{"ideal": 0.2, "pairs": 1}]))
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("no maximiser", result.stderr)

    def test_external_receiver_affine(self):
        script = "import json,sys; r=json.load(sys.stdin)['reports']; print(json.dumps([0.5*r[0][0]+0.5*r[1][0]]))"
        result = run(PAPER, "--json", "--receiver-cmd", f"{sys.executable} -c \"{script}\"")
        self.assertEqual(result.returncode, 0, result.stderr)
        out = json.loads(result.stdout)
        self.assertAlmostEqual(float(out["rounds"][0]["receiver"][0]), 0.1, delta=1e-9)
        self.assertAlmostEqual(float(out["rounds"][1]["reports"][0][0]), -0.5, delta=1e-6)
        self.assertEqual(out["surrogate"]["weights"], ["1/2", "1/2"])
        self.assertEqual(out["surrogate"]["verdict"], "certified")

    def test_external_receiver_failures(self):
        failing = run(PAPER, "--receiver-cmd", "exit 7")
        self.assertEqual(failing.returncode, 2)
        self.assertIn("exited with status 7", failing.stderr)
        garbage = run(PAPER, "--receiver-cmd", "echo not-a-number")
        self.assertEqual(garbage.returncode, 2)
        self.assertIn("expected a JSON array", garbage.stderr)
        slow = run(PAPER, "--receiver-cmd", "sleep 20", "--receiver-timeout", "0.5", timeout=30)
        self.assertEqual(slow.returncode, 5)
        self.assertIn("timed out", slow.stderr)


if __name__ == "__main__":
    unittest.main()
