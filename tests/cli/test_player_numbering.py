"""One player numbering in all text output (cli.md "Player numbering"): the 0-based index of the JSON output,
with the player's name in parentheses when the instance names it; long lists of players are cut."""
import json
import os
import subprocess
import tempfile
import unittest

BIGCERT = os.environ.get("BIGCERT", "build/bigcert")
SOURCE = os.environ.get("BIGCERT_SOURCE_DIR", ".")


def run(*args, stdin=None):
    return subprocess.run([BIGCERT, *args], input=stdin, capture_output=True, text=True, timeout=300)


def example(name):
    return os.path.join(SOURCE, "examples", name + ".json")


def table_players(text):
    """The player column of `solve`'s table (the rows between the header and the receiver line)."""
    lines = text.splitlines()
    start = next(k for k, line in enumerate(lines) if line.startswith("player")) + 1
    end = next(k for k, line in enumerate(lines) if line.startswith("receiver"))
    return [line[:14].strip() for line in lines[start:end]]


class NumberingTest(unittest.TestCase):
    def test_named_and_unnamed_players_are_numbered_alike(self):
        named, unnamed = run("solve", example("paper-ex1a")), run("solve", example("paper-ex1b"))
        self.assertEqual(named.returncode, 0, named.stderr)
        self.assertEqual(unnamed.returncode, 0, unnamed.stderr)
        # paper-ex1a names its players "1" and "2": they are players 0 and 1, like paper-ex1b's.
        self.assertEqual(table_players(named.stdout), ["0 (1)", "1 (2)"])
        self.assertEqual(table_players(unnamed.stdout), ["0", "1"])
        # paper-ex1b's player 1 is interior: the text says so with the index of exaggeration.interior.
        interior = json.loads(run("solve", example("paper-ex1b"), "--json").stdout)["exaggeration"]["interior"]
        self.assertEqual(interior, [1])
        self.assertIn("interior somewhere: player 1 ", unnamed.stdout)

    def test_certify_and_dynamics_use_the_same_numbers(self):
        r = run("certify", example("paper-ex1a"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("player 0 (1): certified", r.stdout)
        self.assertIn("player 1 (2): certified", r.stdout)
        r = run("dynamics", example("paper-ex1b"))
        self.assertEqual(r.returncode, 0, r.stderr)
        moves = [line.split()[3] for line in r.stdout.splitlines() if " player " in line]
        self.assertTrue(moves)
        self.assertTrue(set(moves) <= {"0", "1"}, moves)

    def test_many_repeated_targets_give_one_short_message(self):
        players = [{"target": 1, "weight": "1/200", "action_set": {"interval": [0, 2]}} for _ in range(200)]
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "many.json")
            with open(path, "w") as f:
                json.dump({"players": players}, f)
            r = run("check", path, "--property", "exaggeration", "--json", "--timeout", "2")
            self.assertIn(r.returncode, (0, 1, 4), r.stderr)
            detail = json.loads(r.stdout)["properties"]["exaggeration"]["premise_detail"]
        self.assertEqual(detail, "players 1, 2, 3 and 196 others repeat a target")


if __name__ == "__main__":
    unittest.main()
