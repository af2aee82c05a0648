"""Command-line behaviour of `bigcert solve` and `bigcert demo`: outputs, exit codes, one-line errors."""
import json
import os
import subprocess
import tempfile
import unittest

BIGCERT = os.environ.get("BIGCERT", "build/bigcert")
SOURCE = os.environ.get("BIGCERT_SOURCE_DIR", ".")


def run(*args, stdin=None):
    return subprocess.run([BIGCERT, *args], input=stdin, capture_output=True, text=True, timeout=120)


class SolveOutput(unittest.TestCase):
    def test_json_solution_of_example_1(self):
        r = run("solve", os.path.join(SOURCE, "examples/paper-ex1a.json"), "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        s = json.loads(r.stdout)
        self.assertEqual(s["format"], "bigcert-solution/1")
        self.assertEqual(s["status"], "solved")
        self.assertEqual(s["equilibrium"]["actions"], [["0"], ["6"]])
        self.assertEqual(s["equilibrium"]["receiver"], ["3"])
        self.assertEqual(s["equilibrium"]["losses"], ["4", "1"])
        self.assertEqual(s["equilibrium"]["potential"], "-15")
        self.assertEqual(s["equilibria"]["count"], "one")
        self.assertEqual(s["exaggeration"]["interior"], [])
        self.assertTrue(s["exaggeration"]["at_most_one_interior"])

    def test_infinite_set_lists_the_faces(self):
        r = run("solve", os.path.join(SOURCE, "examples/paper-ex2.json"), "--json")
        s = json.loads(r.stdout)
        self.assertEqual(s["equilibria"]["count"], "infinite")
        faces = {f["player"]: f["vertices"] for f in s["equilibria"]["faces"]}
        self.assertEqual(sorted(faces[0]), [["1", "-1"], ["1", "1"]])
        self.assertEqual(sorted(faces[1]), [["-1", "-1"], ["-1", "1"]])

    def test_table_and_standard_input(self):
        text = open(os.path.join(SOURCE, "examples/paper-ex1b.json")).read()
        r = run("solve", "-", stdin=text)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("x̂* = 2", r.stdout)
        self.assertIn("interior", r.stdout)
        self.assertIn("exactly one", r.stdout)

    def test_decimals_are_exact(self):
        text = '{"action_set": {"interval": [0, 0.3]}, "players": [{"target": 0.5, "weight": 0.1}, {"target": 2}]}'
        r = run("solve", "-", "--json", stdin=text)
        s = json.loads(r.stdout)
        # both push up: 0.1 * 0.3 + 0.3 is 33/100 exactly (in binary floating point it is not)
        self.assertEqual(s["equilibrium"]["receiver"], ["33/100"])
        self.assertEqual(s["equilibrium"]["actions"], [["3/10"], ["3/10"]])

    def test_demo(self):
        r = run("demo")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("paper-example-1", r.stdout)
        self.assertIn("x̂* = 3", r.stdout)


class BadInput(unittest.TestCase):
    CASES = [
        ('{"action_set": {"interval": [0, 1]}, "players": [{"target": "abc"}]}', 'players[0].target: not a number: "abc"'),
        ('{"dimension": 2, "action_set": {"box": {"lo": [0, 0], "hi": [1, 1]}}, "players": [{"target": [1]}]}',
         "players[0].target: expected 2 coordinates, got 1"),
        ('{"action_set": {"interval": [2, 1]}, "players": [{"target": 1}]}', "action_set.interval: empty set"),
        ('{"dimension": 2, "action_set": {"halfspaces": [{"a": [1, 0], "b": 1}]}, "players": [{"target": [0, 0]}]}',
         "action_set.halfspaces: unbounded set"),
        ('{"action_set": {"interval": [0, 1]}, "players": [{"target": 1}', "invalid JSON"),
        ('not json at all', "invalid JSON"),
        ('{"action_set": {"interval": [0, 1]}, "players": [{"target": NaN}]}', "invalid JSON"),
        ('{"action_set": {"interval": [0, 1]}, "players": [{"target": 1}]} {}', "invalid JSON: trailing content"),
        ('[' * 100000 + ']' * 100000, "invalid JSON: nesting deeper than"),
    ]

    def test_each_bad_input_gives_one_line_and_exit_2(self):
        for text, message in self.CASES:
            with self.subTest(message=message):
                r = run("solve", "-", stdin=text)
                self.assertEqual(r.returncode, 2, r.stderr)
                self.assertEqual(r.stdout, "")
                lines = r.stderr.strip().splitlines()
                self.assertEqual(len(lines), 1, r.stderr)
                self.assertIn(message, lines[0])

    def test_missing_file(self):
        r = run("solve", "/nonexistent/instance.json")
        self.assertEqual(r.returncode, 2)
        self.assertIn("cannot read", r.stderr)

    def test_size_limit_has_its_own_exit_code(self):
        with tempfile.NamedTemporaryFile("w", suffix=".json") as f:
            f.write(open(os.path.join(SOURCE, "examples/paper-ex1a.json")).read())
            f.flush()
            r = run("solve", f.name, "--max-input-bytes", "10")
            self.assertEqual(r.returncode, 5)
            self.assertIn("exceeds the limit", r.stderr)

    def test_caps_are_limits_with_exit_5(self):
        for text, message in [
                ('{"action_set": {"interval": [0, 1]}, "players": [{"target": 1e99999999}]}', "players[0].target: number too large"),
                ('{"dimension": 100000, "action_set": {"interval": [0, 1]}, "players": [{"target": 1}]}',
                 "dimension: 100000 exceeds the limit 64 (raise --max-dimension)")]:
            with self.subTest(message=message):
                r = run("solve", "-", stdin=text)
                self.assertEqual(r.returncode, 5, r.stderr)
                self.assertIn(message, r.stderr)
        game = '{"action_set": {"interval": [0, 1]}, "players": [{"target": "123456789"}]}'
        self.assertEqual(run("solve", "-", "--max-number-digits", "5", stdin=game).returncode, 5)
        self.assertEqual(run("solve", "-", "--max-number-digits", "9", stdin=game).returncode, 0)

    def test_unknown_option(self):
        r = run("solve", os.path.join(SOURCE, "examples/paper-ex1a.json"), "--frobnicate")
        self.assertEqual(r.returncode, 2)


if __name__ == "__main__":
    unittest.main()
