"""User text shown in text output and messages stays on one line (cli.md "Player numbering"): names and paths
are free strings, and a name holding a line break, a carriage return, a terminal escape (ESC), NUL, DEL, a C1
control or U+2028 used to be printed raw, splitting a message over lines or sending control sequences to the
terminal. Text output and messages show such characters escaped as in JSON (\\n, \\u001b); JSON output keeps
the exact names."""
import json
import os
import shutil
import subprocess
import tempfile
import unittest

BIGCERT = os.environ.get("BIGCERT", "build/bigcert")
SOURCE = os.environ.get("BIGCERT_SOURCE_DIR", ".")

HOSTILE = ["a\nb", "x\r\x1b[2J", "sep\u2028arator", "nul\u0000byte", "del\x7f", "c1\u0085", "tab\there"]
PLAIN = ["alpha", "beta"]


def run(*args):
    return subprocess.run([BIGCERT, *args], capture_output=True, text=True, timeout=300)


def control_characters(text):
    """The control characters of `text` other than the line breaks between lines."""
    return [c for c in text if c != "\n" and (ord(c) < 0x20 or 0x7f <= ord(c) <= 0x9f or c in "\u2028\u2029")]


def dup_game(names):
    """Two players with the same target on [0, 10]: Theorem 4's premise fails, naming both players."""
    return {"name": names[0] + "game", "action_set": {"interval": [0, 10]},
            "players": [{"name": names[0], "target": 3, "weight": 0.5},
                        {"name": names[1], "target": 3, "weight": 0.5}]}


def finite_game(names):
    with open(os.path.join(SOURCE, "examples", "finite-2d-repeats.json")) as f:
        game = json.load(f)
    for player, name in zip(game["players"], names + names):
        player["name"] = name
    return game


class UserTextStaysOnOneLine(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="bigcert-one-line-")
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)

    def write(self, name, obj):
        path = os.path.join(self.tmp, name)
        with open(path, "w") as f:
            json.dump(obj, f)
        return path

    def assert_one_line_output(self, result, plain):
        """No raw control character on stdout or stderr, as many stdout lines as with plain names, and stderr
        at most one line."""
        self.assertEqual(control_characters(result.stdout), [], result.stdout)
        self.assertEqual(control_characters(result.stderr), [], result.stderr)
        self.assertEqual(result.stdout.count("\n"), plain.stdout.count("\n"), result.stdout)
        self.assertLessEqual(result.stderr.count("\n"), 1, result.stderr)
        self.assertEqual(result.returncode, plain.returncode, result.stderr)

    def commands(self, hostile_name, names_of):
        hostile = [hostile_name, hostile_name + "2"]
        line = self.write("hostile.json", dup_game(hostile)), self.write("plain.json", dup_game(PLAIN))
        finite = self.write("hostile-finite.json", finite_game(hostile)), self.write(
            "plain-finite.json", finite_game(PLAIN))
        outside = self.write("outside.json", {"equilibrium": {"actions": [["11"], ["0"]]}})
        return [
            (["solve"], line),
            (["check", "--property", "all"], line),
            (["certify"], line),
            (["certify", "--profile", outside], line),  # an error naming player 0
            (["dynamics"], line),
            (["enumerate", "--list", "3"], finite),
        ]

    def test_names_with_control_characters_stay_escaped_in_text_and_messages(self):
        for name in HOSTILE:
            for args, (hostile_path, plain_path) in self.commands(name, None):
                with self.subTest(name=name, command=args[0], args=args[1:]):
                    plain = run(args[0], plain_path, *args[1:])
                    hostile = run(args[0], hostile_path, *args[1:])
                    self.assert_one_line_output(hostile, plain)

    def test_the_profile_error_names_the_player_escaped(self):
        path = self.write("hostile.json", dup_game(["x\r\x1b[2J", "b"]))
        outside = self.write("outside.json", {"equilibrium": {"actions": [["11"], ["0"]]}})
        result = run("certify", path, "--profile", outside)
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertEqual(result.stderr.count("\n"), 1, result.stderr)
        self.assertIn("player 0 (x\\r\\u001b[2J)", result.stderr)

    def test_json_output_keeps_the_exact_names(self):
        names = ["nul\u0000byte", "x\r\x1b[2J\u2028"]
        path = self.write("hostile.json", dup_game(names))
        certified = json.loads(run("certify", path, "--json").stdout)
        self.assertEqual([p["name"] for p in certified["players"]], names)
        self.assertEqual(certified["instance"], names[0] + "game")
        solved = run("solve", path, "--json")
        self.assertEqual(json.loads(solved.stdout)["instance"], names[0] + "game")
        self.assertIn("\\u0000", solved.stdout)  # nlohmann's escape, not a raw NUL

    def test_paths_in_messages_and_batch_summary_stay_on_one_line(self):
        missing = os.path.join(self.tmp, "no\nsuch\x1b[2J.json")
        result = run("solve", missing)
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stderr.count("\n"), 1, result.stderr)
        self.assertEqual(control_characters(result.stderr), [], result.stderr)
        items = os.path.join(self.tmp, "in.jsonl")
        with open(items, "w") as f:
            f.write(json.dumps({"id": "bad\nid", "instance": dup_game(["a\nb", "c"])}) + "\n")
            f.write(json.dumps({"id": "broken", "instance": {"players": "x\ny"}}) + "\n")
        out = os.path.join(self.tmp, "out\n\x1b[2J.jsonl")
        result = run("batch", items, "--out", out)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr.count("\n"), 1, result.stderr)
        self.assertEqual(control_characters(result.stderr), [], result.stderr)
        with open(out) as f:
            lines = f.read().split("\n")
        self.assertEqual(len(lines), 3)  # two JSON lines and the empty rest after the last newline
        for line in lines[:2]:
            self.assertEqual(control_characters(line), [])
            json.loads(line)

    def test_merge_summary_of_an_edited_batch_file_stays_on_one_line(self):
        # A batch output file is text anyone can edit: the keys merge counts by come from it.
        items = os.path.join(self.tmp, "in.jsonl")
        with open(items, "w") as f:
            f.write(json.dumps(dup_game(PLAIN)) + "\n")
            f.write(json.dumps({"name": "broken", "players": "x"}) + "\n")
        out = os.path.join(self.tmp, "out.jsonl")
        self.assertEqual(run("batch", items, "--out", out).returncode, 0)
        plain = run("merge", out)
        self.assertEqual(plain.returncode, 0, plain.stderr)
        with open(out) as f:
            lines = [json.loads(line) for line in f if line.strip()]
        for line in lines:
            if "error" in line:
                line["error_kind"] = "kind\n\x1b[2Jforged"
            else:
                line["solution"]["equilibria"]["count"] = "one\r\nforged"
        edited = os.path.join(self.tmp, "edited.jsonl")
        with open(edited, "w") as f:
            for line in lines:
                f.write(json.dumps(line) + "\n")
        self.assert_one_line_output(run("merge", edited), plain)


if __name__ == "__main__":
    unittest.main()
