"""`certify --latex` (issue 7): the paragraph names the proof bundle by the SHA-256 of its manifest, computed
here independently, and tells how to replay it; without --proof-log it is refused (exit 2)."""
import hashlib
import os
import subprocess
import tempfile
import unittest

BIGCERT = os.environ.get("BIGCERT", "build/bigcert")
SOURCE = os.environ.get("BIGCERT_SOURCE_DIR", ".")


def run(*args, cwd=None):
    return subprocess.run([BIGCERT, *args], capture_output=True, text=True, timeout=300, cwd=cwd)


class CertificateParagraphTest(unittest.TestCase):
    def test_paragraph_names_the_manifest_digest(self):
        with tempfile.TemporaryDirectory() as d:
            bundle, tex = os.path.join(d, "bundle"), os.path.join(d, "cert.tex")
            r = run("certify", os.path.join(SOURCE, "examples", "paper-ex1a.json"), "--proof-log", bundle, "--latex", tex)
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(os.path.join(bundle, "manifest.json"), "rb") as f:
                digest = hashlib.sha256(f.read()).hexdigest()
            with open(tex) as f:
                text = f.read()
            self.assertIn("\\texttt{" + digest + "}", text)
            self.assertIn("certified", text)
            self.assertIn("bigcert replay", text)
            self.assertEqual(run("replay", bundle).returncode, 0)

    def test_latex_needs_a_proof_log(self):
        with tempfile.TemporaryDirectory() as d:
            r = run("certify", os.path.join(SOURCE, "examples", "paper-ex1a.json"), "--latex", os.path.join(d, "c.tex"))
            self.assertEqual(r.returncode, 2)
            self.assertIn("--latex", r.stderr)


if __name__ == "__main__":
    unittest.main()
