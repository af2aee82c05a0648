"""proofs/ (docs/cli.md): the general results with symbolic parameters must give their expected answer in stock
z3 (and in cvc5 when installed and it decides them), and every golden proof bundle must replay."""
import glob
import os
import shutil
import subprocess
import unittest

BIGCERT = os.environ.get("BIGCERT", "build/bigcert")
SOURCE = os.environ.get("BIGCERT_SOURCE_DIR", ".")
PROOFS = os.path.join(SOURCE, "proofs")


def expected_answer(path):
    with open(path) as f:
        for line in f:
            if line.startswith("; expected: "):
                return line.split(": ", 1)[1].strip()
    return None


def first_line(command):
    r = subprocess.run(command, capture_output=True, text=True, timeout=300)
    return r.stdout.split("\n")[0].strip()


class GeneralProofs(unittest.TestCase):
    def files(self):
        files = sorted(glob.glob(os.path.join(PROOFS, "general", "*.smt2")))
        self.assertGreaterEqual(len(files), 42)  # Theorem 1 (n <= 4, d <= 3, every player), Theorem 4 (n = 2, 3), MODEL.md 3a, the structure identity (n, d <= 3)
        return files

    def test_z3_gives_the_expected_answer(self):
        for path in self.files():
            with self.subTest(file=os.path.basename(path)):
                self.assertEqual(first_line(["z3", "-T:120", path]), expected_answer(path))

    @unittest.skipUnless(shutil.which("cvc5"), "cvc5 not installed")
    def test_cvc5_never_contradicts(self):
        for path in self.files():
            with self.subTest(file=os.path.basename(path)):
                self.assertIn(first_line(["cvc5", "--tlimit=60000", path]), (expected_answer(path), "unknown"))


class GoldenBundles(unittest.TestCase):
    def test_every_bundle_replays(self):
        bundles = sorted(os.path.dirname(m) for m in glob.glob(os.path.join(PROOFS, "golden", "*", "*", "manifest.json")))
        self.assertGreaterEqual(len(bundles), 10)  # five paper examples, certify and check each
        for bundle in bundles:
            with self.subTest(bundle=os.path.relpath(bundle, PROOFS)):
                r = subprocess.run([BIGCERT, "replay", bundle], capture_output=True, text=True, timeout=600)
                self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
                self.assertNotIn("DISAGREE", r.stdout)


if __name__ == "__main__":
    unittest.main()
