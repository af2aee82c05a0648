"""`certify --latex` (docs/cli.md): the paragraph names the proof bundle by the SHA-256 of its manifest, computed
here independently, and tells how to replay it; without --proof-log it is refused (exit 2). And every LaTeX
output (`plot --tikz`, `solve --latex`, `certify --latex`) compiles with pdflatex -halt-on-error in a minimal
document (skipped where pdflatex is not installed: texlive-latex-base, -latex-recommended, -pictures)."""
import hashlib
import json
import math
import os
import re
import shutil
import subprocess
import tempfile
import unittest
from fractions import Fraction

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


def decimal_bound(x, up):
    """x rounded outward to 6 decimals, as the table prints an enclosure's end."""
    scaled = x * 10 ** 6
    q = math.ceil(scaled) if up else math.floor(scaled)
    text = "%s%d.%06d" % ("-" if q < 0 else "", abs(q) // 10 ** 6, abs(q) % 10 ** 6)
    text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class TableContentTest(unittest.TestCase):
    """What the numbers of `solve --latex` are is said, not implied: finite games print their exact count,
    curved games print enclosures as intervals and root forms as roots, and the caption names both kinds."""

    def table(self, *args):
        with tempfile.TemporaryDirectory() as d:
            tex = os.path.join(d, "t.tex")
            r = run("solve", *args, "--latex", tex)
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(tex) as f:
                return f.read()

    def test_finite_games_print_the_exact_count(self):
        for name, count in (("likert-five-raters", "5"), ("paper-ex5-m4-k2", "48")):
            text = self.table(os.path.join(SOURCE, "examples", name + ".json"))
            self.assertIn("equilibria: $%s$ (exact count, one shown)" % count, text)
            self.assertNotIn("infinitely many", text)

    def test_curved_sets_print_enclosures_as_intervals(self):
        instance = os.path.join(SOURCE, "examples", "disc-two", "disc-two.json")
        r = run("solve", instance, "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        solution = json.loads(r.stdout)
        text = self.table(instance)
        enclosures = [c for action in solution["equilibrium"]["actions"] for c in action if isinstance(c, dict)]
        self.assertTrue(enclosures)
        for c in enclosures:  # every enclosure appears, rounded outward, so that it still contains the value
            lo, hi = (Fraction(x) for x in c["interval"])
            self.assertIn("[%s, %s]" % (decimal_bound(lo, False), decimal_bound(hi, True)), text)
        self.assertIn("enclosures proven to contain the exact values", text)
        self.assertNotIn("every number is exact", text)
        self.assertNotIn("Exact Nash equilibrium", text)

    def test_algebraic_answers_print_root_forms(self):
        instance = os.path.join(SOURCE, "examples", "disc-two", "disc-two.json")
        r = run("solve", instance, "--algebraic", "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        solution = json.loads(r.stdout)
        roots = [c for action in solution["equilibrium"]["actions"] for c in action if isinstance(c, dict) and "root" in c]
        self.assertTrue(roots)
        text = self.table(instance, "--algebraic")
        polynomial = re.sub(r"\^(\d+)", r"^{\1}", roots[0]["root"].replace("*", ""))
        self.assertRegex(text, re.escape("$r_{1} \\approx ") + r"0\.6322927\d*" + re.escape("$ is the root of $%s$ in $[" % polynomial))
        self.assertIn("exact algebraic number", text)
        self.assertNotIn("every number is exact", text)


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

    def test_finite_and_curved_tables_compile(self):
        example = lambda name: os.path.join(SOURCE, "examples", name + ".json")
        self.output("table-likert", "solve", example("likert-five-raters"), "--latex")
        self.output("table-ex5", "solve", example("paper-ex5-m4-k2"), "--latex")
        for name in ("disc-two", "disc-three", "ellipse-mixed"):
            self.output("table-" + name, "solve", os.path.join(SOURCE, "examples", name, name + ".json"), "--latex")
        self.output("table-disc-two-algebraic", "solve", os.path.join(SOURCE, "examples", "disc-two", "disc-two.json"),
                    "--algebraic", "--latex")
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
