"""bigcert align (paper §6, docs/cli.md): the paper's §6 run, its JSON and figure, bad configs, the external receiver protocol."""
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

    def test_unknown_and_repeated_config_keys_exit_2_with_path(self):
        cases = [
            ({"seeed": 3}, "seeed: unknown key"),
            ({"players": [{"ideal": 0.1, "pairs": 100, "pears": 5}]}, "players[0].pears: unknown key"),
            ({"responses": {"uniform": {"lo": [-1], "hi": [1], "mid": [0]}}}, "responses.uniform.mid: unknown key"),
            ({"responses": {"uniform": {"lo": [-1], "hi": [1]}, "samplng": "iid"}}, "responses.samplng: unknown key"),
            ({"action_set": {"interval": [-1, 1], "box": {"lo": [-1], "hi": [1]}}}, "action_set: "),
        ]
        for changes, message in cases:
            result = run(config(**changes))
            self.assertEqual(result.returncode, 2, (changes, result.stderr))
            self.assertIn(message, result.stderr)
            self.assertEqual(len(result.stderr.strip().splitlines()), 1, result.stderr)
        with open(PAPER) as f:
            text = f.read()
        for old, new, message in [('"seed": 3', '"seed": 3, "seed": 4', "seed: duplicate key"),
                                  ('"pairs": 10000}', '"pairs": 10000, "pairs": 5}', "players[0].pairs: duplicate key")]:
            with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
                handle.write(text.replace(old, new, 1))
            result = run(handle.name)
            os.unlink(handle.name)
            self.assertEqual(result.returncode, 2, result.stderr)
            self.assertIn(message, result.stderr)

    def test_external_receiver_errors_are_one_line(self):
        cases = [("printf 'not\\na\\nnumber\\n'", "not\\na\\nnumber\\n"),  # its output, escaped
                 ("printf '[1, 2]\\n'", "expected a JSON array of 1 numbers"),
                 ("exit 3\n# a second line of the command", "exited with status 3")]
        for command, message in cases:
            result = run(PAPER, "--receiver-cmd", command)
            self.assertEqual(result.returncode, 2, result.stderr)
            self.assertEqual(len(result.stderr.strip().splitlines()), 1, result.stderr)
            self.assertIn(message, result.stderr)

    def test_huge_pair_counts_are_refused_up_front(self):
        # 2 x 10^8 pairs would need ~5.8 GB; refused before anything is drawn, within an address-space cap
        # of 1 GB (an allocation would fail), naming the flag that raises the limit.
        import resource
        import time

        def cap():
            # AddressSanitizer reserves terabytes of shadow address space at start: no cap in that build.
            if "ASAN_OPTIONS" not in os.environ:
                resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

        path = config(players=[{"ideal": -0.1, "pairs": 100000000}, {"ideal": 0.3, "pairs": 100000000}])
        started = time.monotonic()
        result = subprocess.run([BIGCERT, "align", path], capture_output=True, text=True, timeout=60,
                                preexec_fn=cap)
        self.assertEqual(result.returncode, 5, result.stderr)
        self.assertLess(time.monotonic() - started, 10)
        self.assertIn("--max-memory-mb", result.stderr)
        self.assertEqual(len(result.stderr.strip().splitlines()), 1, result.stderr)
        # Many players times many rounds is refused too, and the limit is the flag's.
        many = config(players=[{"ideal": 0, "pairs": 1}] * 20000, rounds=100000)
        self.assertEqual(run(many).returncode, 5)
        medium = config(players=[{"ideal": -0.1, "pairs": 100000}, {"ideal": 0.3, "pairs": 100000}])
        self.assertEqual(run(medium, "--max-memory-mb", "1").returncode, 5)  # ~6 MB of pairs
        self.assertEqual(run(PAPER, "--max-memory-mb", "0").returncode, 2)  # a limit of 0 is no limit to meet


if __name__ == "__main__":
    unittest.main()
