"""Every file a command writes or reads is checked (docs/cli.md "Exit codes"): a missing directory, a directory, or a
path the system refuses is exit 2 with `FLAG: cannot write PATH: REASON`, before the work starts; never an
"internal error" or a raw C++ stream message. `batch` takes `solve`'s limit flags, which its messages name."""
import json
import os
import subprocess
import tempfile
import unittest

BIGCERT = os.environ.get("BIGCERT", "build/bigcert")
SOURCE = os.environ.get("BIGCERT_SOURCE_DIR", ".")
EX1 = os.path.join(SOURCE, "examples", "paper-ex1a.json")
FINITE = os.path.join(SOURCE, "examples", "paper-ex5-m4-k2.json")
ALIGN = os.path.join(SOURCE, "examples", "align-paper-section6.json")


def run(*args):
    return subprocess.run([BIGCERT, *args], capture_output=True, text=True, timeout=300)


class OutputPaths(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.input = os.path.join(self.dir.name, "in.jsonl")
        with open(EX1) as f, open(self.input, "w") as g:
            g.write(json.dumps(json.load(f)) + "\n")
        self.log = os.path.join(self.dir.name, "log")
        # the commands with their output flag; PATH is replaced
        self.commands = [
            ("--out", ["batch", self.input, "--out", "PATH"]),
            ("--out", ["merge", self.input, "--out", "PATH"]),
            ("--latex", ["solve", EX1, "--latex", "PATH"]),
            ("--latex", ["certify", EX1, "--proof-log", self.log, "--latex", "PATH"]),
            ("--svg", ["plot", EX1, "--svg", "PATH"]),
            ("--tikz", ["plot", EX1, "--tikz", "PATH"]),
            ("--output", ["export-nfg", FINITE, "-o", "PATH"]),
            ("--svg", ["align", ALIGN, "--svg", "PATH"]),
        ]

    def tearDown(self):
        self.dir.cleanup()

    def refused(self, path, reason):
        for flag, command in self.commands:
            with self.subTest(command=command[0], flag=flag, path=path):
                r = run(*[path if a == "PATH" else a for a in command])
                self.assertEqual(r.returncode, 2, r.stderr)
                self.assertIn(f"{flag}: cannot write {path}: {reason}", r.stderr)
                self.assertEqual(len(r.stderr.strip().splitlines()), 1, r.stderr)

    def test_missing_directory(self):
        self.refused("/nonexistent/x.out", "no directory /nonexistent")

    def test_a_directory(self):
        self.refused(self.dir.name, "is a directory")

    def test_a_path_the_system_refuses(self):
        # a file inside a regular file: refused by the system, whoever runs the test (root included)
        self.refused(self.input + "/x", "Not a directory")

    def test_batch_output_must_be_a_regular_file(self):
        r = run("batch", self.input, "--out", "/dev/null")  # batch reads its output back to resume
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("--out: cannot write /dev/null: not a regular file", r.stderr)

    def test_unreadable_inputs_name_the_path(self):
        for command in (["batch", self.dir.name, "--out", os.path.join(self.dir.name, "o.jsonl")],
                        ["batch", "--sweep", self.dir.name, "--out", os.path.join(self.dir.name, "o.jsonl")],
                        ["merge", self.dir.name]):
            with self.subTest(command=command):
                r = run(*command)
                self.assertEqual(r.returncode, 2, r.stderr)
                self.assertIn(f"cannot read {self.dir.name}: is a directory", r.stderr)
                self.assertNotIn("basic_filebuf", r.stderr)

    def test_batch_takes_the_limit_flags_its_messages_name(self):
        big = os.path.join(self.dir.name, "big.jsonl")
        with open(big, "w") as f:
            f.write(json.dumps({"name": "big", "action_set": {"interval": [0, 6]},
                                "players": [{"target": "123456789"}, {"target": 1}]}) + "\n")
        out = os.path.join(self.dir.name, "out.jsonl")
        r = run("batch", big, "--out", out, "--max-number-digits", "5")
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out) as f:
            line = json.loads(f.readline())
        self.assertEqual(line["error_kind"], "limit")
        self.assertIn("raise --max-number-digits", line["error"])
        os.remove(out)
        r = run("batch", big, "--out", out, "--max-number-digits", "9")
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out) as f:
            self.assertIn("solution", json.loads(f.readline()))


if __name__ == "__main__":
    unittest.main()
