"""What each limit bounds (cli.md "Exit codes"): numeric flags take only sensible values (exit 2 naming the
flag), --time-limit bounds the whole command (exit 5 naming it), and a query with very long numbers names
each of them once, since Z3 reads a numeral in time quadratic in its length, outside every timeout."""
import json
import os
import random
import re
import shutil
import subprocess
import tempfile
import time
import unittest

BIGCERT = os.path.abspath(os.environ.get("BIGCERT", "build/bigcert"))
SOURCE = os.environ.get("BIGCERT_SOURCE_DIR", ".")
EXAMPLE = os.path.join(SOURCE, "examples", "paper-ex1a.json")
ALIGN = os.path.join(SOURCE, "examples", "align-paper-section6.json")


def run(*args, timeout=300):
    return subprocess.run([BIGCERT, *args], capture_output=True, text=True, timeout=timeout)


def write(directory, name, obj):
    path = os.path.join(directory, name)
    with open(path, "w") as f:
        json.dump(obj, f)
    return path


class RunLimits(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.tmp)

    def test_nonsense_values_of_numeric_flags_are_refused(self):
        bundle = os.path.join(self.tmp, "bundle")
        self.assertEqual(run("check", EXAMPLE, "--proof-log", bundle).returncode, 0)
        lines = write(self.tmp, "in.jsonl", {})
        seconds = [(["certify", EXAMPLE], "--timeout"), (["check", EXAMPLE], "--timeout"),
                   (["replay", bundle], "--timeout"),
                   (["batch", lines, "--out", os.path.join(self.tmp, "o.jsonl")], "--timeout"),
                   (["align", ALIGN], "--timeout"), (["align", ALIGN], "--receiver-timeout"),
                   (["check", EXAMPLE], "--time-limit"), (["solve", EXAMPLE], "--time-limit")]
        for command, flag in seconds:
            for value in ("-1", "0", "nan", "inf", "-inf", "1e999", "abc", ""):
                with self.subTest(command=command[0], flag=flag, value=value):
                    r = run(*command, flag + "=" + value, timeout=60)
                    self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
                    self.assertIn(flag, r.stderr)
                    self.assertEqual(len(r.stderr.strip().splitlines()), 1, r.stderr)
        for flag in ("--max-players", "--max-number-digits", "--max-input-bytes", "--max-dimension",
                     "--max-exponent"):
            for value in ("-1", "0", "nan", "x"):
                with self.subTest(flag=flag, value=value):
                    r = run("solve", EXAMPLE, flag + "=" + value, timeout=60)
                    self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
                    self.assertIn(flag, r.stderr)
        self.assertEqual(run("check", EXAMPLE, "--timeout", "0.5").returncode, 0)

    def test_the_time_limit_bounds_the_whole_command(self):
        rng = random.Random(1)
        players = [{"target": ["%d/7" % rng.randint(-9, 9), "%d/5" % rng.randint(-9, 9)],
                    "weight": "%d/900" % rng.randint(1, 9)} for _ in range(300)]
        game = write(self.tmp, "slow.json", {"format": "bigcert/1", "dimension": 2, "players": players,
                                             "action_set": {"box": {"lo": [-1, -1], "hi": [1, 1]}}})
        bundle = os.path.join(self.tmp, "bundle")
        start = time.monotonic()
        # The whole-system method: the structure method decides this game in well under a second.
        r = run("check", game, "--method", "full", "--time-limit", "1", "--proof-log", bundle)
        self.assertEqual(r.returncode, 5, r.stderr)
        self.assertLess(time.monotonic() - start, 6)
        self.assertIn("--time-limit", r.stderr)
        self.assertEqual(os.listdir(self.tmp), ["slow.json"])  # no bundle, no staging directory

    def test_a_long_numeral_is_parsed_once_per_query(self):
        rng = random.Random(2)

        def digits(k):
            return str(rng.randint(1, 9)) + "".join(rng.choice("0123456789") for _ in range(k - 1))
        players = [{"target": digits(19990), "weight": "1/" + digits(19990)} for _ in range(3)]
        game = write(self.tmp, "huge.json", {"format": "bigcert/1", "dimension": 1, "players": players,
                                             "action_set": {"interval": ["-" + digits(19990), digits(19990)]}})
        bundle = os.path.join(self.tmp, "bundle")
        r = run("check", game, "--property", "exaggeration", "--method", "full", "--timeout", "0.5", "--proof-log", bundle)
        self.assertIn(r.returncode, (0, 4), r.stderr)
        with open(os.path.join(bundle, "check-exaggeration.smt2")) as f:
            query = f.read()
        long_numerals = re.findall(r"[0-9]{1000,}", query)
        self.assertTrue(long_numerals)
        self.assertEqual(len(long_numerals), len(set(long_numerals)), "a long numeral is repeated")
        cvc5 = shutil.which("cvc5")
        if cvc5:  # the shared form is still plain QF_LRA for another solver
            answer = subprocess.run([cvc5, "--tlimit=60000", os.path.join(bundle, "check-exaggeration.smt2")],
                                    capture_output=True, text=True, timeout=120).stdout.strip()
            self.assertIn(answer, ("unsat", "unknown"))


if __name__ == "__main__":
    unittest.main()
