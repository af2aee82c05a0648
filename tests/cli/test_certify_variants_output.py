"""`bigcert certify` on the inner loss (Theorem 5) and on finite action spaces (paper §5.2) prints like every other
kind: readable text without --json, FORMAT.md's verdict object with --json; options that do not apply are refused
(exit 2 naming the flag) instead of being ignored."""
import json
import os
import subprocess
import tempfile
import unittest

BIGCERT = os.environ.get("BIGCERT", "build/bigcert")
SOURCE = os.environ.get("BIGCERT_SOURCE_DIR", ".")
INNER = os.path.join(SOURCE, "examples", "paper-ex4-inner.json")
FINITE = os.path.join(SOURCE, "examples", "paper-ex5-m4-k2.json")


def run(*args):
    return subprocess.run([BIGCERT, *args], capture_output=True, text=True, timeout=300)


class CertifyVariantsOutput(unittest.TestCase):
    def test_text_without_json_and_json_with_it(self):
        for path, method in ((INNER, "weak dominance"), (FINITE, "every deviation compared")):
            with self.subTest(path=path):
                text = run("certify", path)
                self.assertEqual(text.returncode, 0, text.stderr)
                self.assertTrue(text.stdout.startswith("certify    "), text.stdout)
                self.assertIn(": certified", text.stdout)
                self.assertIn(method, text.stdout)
                with self.assertRaises(json.JSONDecodeError):
                    json.loads(text.stdout)
                r = run("certify", "--json", path)
                self.assertEqual(r.returncode, 0, r.stderr)
                c = json.loads(r.stdout)
                self.assertEqual(c["format"], "bigcert-certificate/1")
                self.assertEqual(c["verdict"], "certified")
                self.assertEqual(len(c["players"]), 2)

    def test_refuted_profile_text_shows_the_deviation(self):
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            # Example 4: player 0 at the left edge instead of the right one
            json.dump({"equilibrium": {"actions": [[-1, 0], [0, 1]]}}, f)
        try:
            r = run("certify", INNER, "--profile", f.name)
        finally:
            os.unlink(f.name)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("player 0: refuted", r.stdout)
        self.assertIn("deviation (", r.stdout)

    def test_inner_loss_takes_timeout_threads_and_rlimit(self):
        r = run("certify", INNER, "--json", "--timeout", "5", "--threads", "1", "--rlimit", "100000000")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(json.loads(r.stdout)["verdict"], "certified")
        r = run("certify", INNER, "--rlimit", "1")  # Z3 gives up: never "certified"
        self.assertEqual(r.returncode, 4, r.stderr)
        self.assertIn("not certified", r.stdout)

    def test_options_that_do_not_apply_are_refused(self):
        with tempfile.TemporaryDirectory() as tmp:
            log, tex = os.path.join(tmp, "log"), os.path.join(tmp, "p.tex")
            # Both kinds write a bundle now (--proof-log, --latex with it: tests/cli/test_certify_every_kind.py).
            cases = [(FINITE, ["--timeout", "5"], "--timeout"), (FINITE, ["--rlimit", "10"], "--rlimit"),
                     (FINITE, ["--proof-log", log, "--timeout", "5"], "--timeout"),
                     (FINITE, ["--latex", tex], "--latex"), (INNER, ["--latex", tex], "--latex"),
                     (INNER, ["--max-deviations", "10"], "--max-deviations")]
            for path, flags, named in cases:
                with self.subTest(path=path, flags=flags):
                    r = run("certify", path, *flags)
                    self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
                    self.assertIn(named, r.stderr)
                    self.assertEqual(r.stdout, "")
                    self.assertFalse(os.path.exists(tex))
                    self.assertFalse(os.path.exists(log))
        r = run("certify", FINITE, "--threads", "2")  # used by the solve that finds the profile
        self.assertEqual(r.returncode, 0, r.stderr)


if __name__ == "__main__":
    unittest.main()
