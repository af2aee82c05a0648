"""`certify`/`check --z3-query FILE` and `--replay-online` (docs/cli.md): every query of the run in one SMT-LIB2 file
that stock z3 runs with the expected answers, the same queries as the proof bundle, the online re-run agreeing, and
both flags refused (exit 2) where no Z3 query runs."""
import json
import os
import re
import subprocess
import tempfile
import unittest

BIGCERT = os.environ.get("BIGCERT", "build/bigcert")
SOURCE = os.environ.get("BIGCERT_SOURCE_DIR", ".")


def example(name):
    return os.path.join(SOURCE, "examples", name)


def run(*args):
    return subprocess.run([BIGCERT, *args], capture_output=True, text=True, timeout=300)


class QueryFile(unittest.TestCase):
    def check_file(self, path, bundle):
        with open(path) as f:
            text = f.read()
        headers = re.findall(r"^; query (\S+) \((\w+)\): expected (\w+(?: or \w+)?), bigcert's Z3 answered (\w+)$",
                             text, re.M)
        self.assertGreater(len(headers), 0)
        self.assertNotIn("(set-logic", text)
        answers = subprocess.run(["z3", "-T:120", path], capture_output=True, text=True).stdout.split()
        self.assertEqual(len(answers), len(headers), answers)
        for (name, _, expected, recorded), answer in zip(headers, answers):
            self.assertEqual(answer, recorded, name)
            if expected in ("sat", "unsat"):
                self.assertEqual(answer, expected, name)
        with open(os.path.join(bundle, "manifest.json")) as f:
            manifest = json.load(f)
        logged = set()
        for entry in manifest["queries"]:
            logged.update(entry["blocks"] if "blocks" in entry else [os.path.splitext(entry["file"])[0]])
        self.assertEqual({name for name, *_ in headers}, logged)  # the file has exactly the bundle's queries

    def test_check_and_certify_write_every_query(self):
        runs = [("check", example("paper-ex2.json"), "--property", "all"),
                ("check", example("disc-two/disc-two.json"), "--property", "all"),
                ("check", example("paper-ex1a.json"), "--method", "full"),
                ("certify", example("paper-ex1b.json")),
                ("certify", example("ellipse-mixed/ellipse-mixed.json"))]
        with tempfile.TemporaryDirectory() as tmp:
            for k, args in enumerate(runs):
                with self.subTest(args=args):
                    path, bundle = os.path.join(tmp, f"q{k}.smt2"), os.path.join(tmp, f"b{k}")
                    r = run(*args, "--z3-query", path, "--replay-online", "--proof-log", bundle)
                    self.assertIn(r.returncode, (0, 1), r.stderr)
                    self.check_file(path, bundle)

    def test_refused_where_no_query_runs(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "q.smt2")
            for args, flag in [(("certify", example("finite-2d-repeats.json"), "--z3-query", path), "--z3-query"),
                               (("certify", example("finite-2d-repeats.json"), "--replay-online"), "--replay-online"),
                               (("check", example("receivers-two-models.json"), "--replay-online"), "--replay-online"),
                               (("certify", example("receivers-two-models.json"), "--z3-query", path), "--z3-query"),
                               (("check", example("paper-ex2.json"), "--z3-query", os.path.join(tmp, "no", "q")),
                                "--z3-query")]:
                with self.subTest(args=args):
                    r = run(*args)
                    self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
                    self.assertIn(flag, r.stderr)
            self.assertFalse(os.path.exists(path))


if __name__ == "__main__":
    unittest.main()
