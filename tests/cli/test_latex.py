"""`certify --latex` (issue 7): the paragraph names the proof bundle by the SHA-256 of its manifest, computed
here independently, and tells how to replay it; without --proof-log it is refused (exit 2). And every LaTeX
output (`plot --tikz`, `solve --latex`, `certify --latex`) compiles with pdflatex -halt-on-error in a minimal
document (skipped where pdflatex is not installed: texlive-latex-base, -latex-recommended, -pictures)."""
import hashlib
import json
import os
import re
import shutil
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
                text = f.read().replace("\\allowbreak{}", "")  # break points inside long typewriter text
            self.assertIn("\\texttt{" + digest + "}", text)
            self.assertIn("certified", text)
            self.assertIn("bigcert replay", text)
            self.assertEqual(run("replay", bundle).returncode, 0)

    def test_latex_needs_a_proof_log(self):
        with tempfile.TemporaryDirectory() as d:
            r = run("certify", os.path.join(SOURCE, "examples", "paper-ex1a.json"), "--latex", os.path.join(d, "c.tex"))
            self.assertEqual(r.returncode, 2)
            self.assertIn("--latex", r.stderr)


PREAMBLE = "\\documentclass{article}\n\\usepackage{amsmath}\n\\usepackage{booktabs}\n\\usepackage{tikz}\n"


@unittest.skipIf(shutil.which("pdflatex") is None, "pdflatex not installed (Debian texlive-latex-base)")
class CompileTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.inputs = []

    def tearDown(self):
        self.dir.cleanup()

    def output(self, stem, *args):
        """Runs bigcert with the file name `stem`.tex appended to args and remembers it for the document."""
        r = run(*args, os.path.join(self.dir.name, stem + ".tex"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.inputs.append(stem)

    def compile(self):
        body = "\n\n".join("\\section*{%s}\n\\noindent\\input{%s}" % (stem.replace("-", " "), stem)
                             for stem in self.inputs)
        with open(os.path.join(self.dir.name, "paper.tex"), "w") as f:
            f.write(PREAMBLE + "\\begin{document}\n" + body + "\n\\end{document}\n")
        r = subprocess.run(["pdflatex", "-halt-on-error", "-interaction=nonstopmode", "paper.tex"], cwd=self.dir.name,
                           capture_output=True, text=True, timeout=300)
        self.assertEqual(r.returncode, 0, r.stdout[-3000:])
        with open(os.path.join(self.dir.name, "paper.log"), errors="replace") as f:
            log = f.read()
        self.assertNotIn("Missing character", log)  # a glyph the font lacks is dropped silently otherwise
        # Figures scale to \\linewidth, long digests and paths may break: nothing runs into the margin.
        overfull = [float(w) for w in re.findall(r"Overfull \\hbox \(([0-9.]+)pt too wide\)", log)]
        self.assertTrue(all(w < 1 for w in overfull), overfull)
        with open(os.path.join(self.dir.name, "paper.pdf"), "rb") as f:
            self.assertTrue(f.read(5) == b"%PDF-")

    def test_figures_tables_and_certificate_compile(self):
        example = lambda name: os.path.join(SOURCE, "examples", name + ".json")
        for name in ("paper-ex1a", "paper-ex2", "paper-fig3-right", "triangle-h-rep"):
            self.output("plot-" + name, "plot", example(name), "--tikz")
            self.output("table-" + name, "solve", example(name), "--latex")
        self.output("plot-contour", "plot", example("paper-ex1a"), "--contour", "--tikz")
        bundle = os.path.join(self.dir.name, "bundle_ex2")  # an underscore, which LaTeX text must escape
        self.output("certificate", "certify", example("paper-ex2"), "--proof-log", bundle, "--latex")
        self.compile()

    def test_long_numbers_and_many_players_compile(self):
        players = [{"name": "p_%d & co" % i, "target": "%d/%d" % (10 ** 15 + i, 7 ** 19), "weight": "1/%d" % (i + 3)}
                   for i in range(12)]
        path = os.path.join(self.dir.name, "long.json")
        with open(path, "w") as f:
            f.write('{"name": "long_#1", "action_set": {"interval": [-1, 1]}, "players": %s}' % json.dumps(players))
        self.output("table-long", "solve", path, "--latex")
        self.output("plot-long", "plot", path, "--tikz")
        self.compile()


if __name__ == "__main__":
    unittest.main()
