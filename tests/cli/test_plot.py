"""`bigcert plot` (docs/cli.md): the SVG is parsed and every mark is mapped back through the figure's declared
data-to-canvas frame to the instance's and the solution's exact numbers; TikZ compiles when pdflatex exists
(skipped otherwise); `solve --latex` tables carry the exact fractions."""
import json
import os
import shutil
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ET
from fractions import Fraction

BIGCERT = os.environ.get("BIGCERT", "build/bigcert")
SOURCE = os.environ.get("BIGCERT_SOURCE_DIR", ".")
SVG = "{http://www.w3.org/2000/svg}"


def example(name):
    return os.path.join(SOURCE, "examples", name + ".json")


def run(*args):
    return subprocess.run([BIGCERT, *args], capture_output=True, text=True, timeout=300)


class PlotTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.dir.cleanup()

    def path(self, name):
        return os.path.join(self.dir.name, name)

    def plot(self, instance, *extra):
        out = self.path("f.svg")
        r = run("plot", instance, "--svg", out, *extra)
        self.assertEqual(r.returncode, 0, r.stderr)
        return ET.parse(out).getroot()

    def frame(self, root):
        left, right, top, bottom, x0, x1, y0, y1 = map(float, root.get("data-frame").split())
        return lambda x, y: (left + (x - x0) / (x1 - x0) * (right - left), bottom - (y - y0) / (y1 - y0) * (bottom - top))

    def centre(self, element):
        if element.tag == SVG + "circle":
            return float(element.get("cx")), float(element.get("cy"))
        points = [tuple(map(float, p.split(","))) for p in element.get("points").split()]
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2

    def marks(self, root, role):
        return [e for e in root.iter() if e.get("class") == role]

    def test_number_line_marks_sit_at_the_exact_numbers(self):
        with open(example("paper-ex1a")) as f:
            instance = json.load(f)
        solution = json.loads(run("solve", "--json", example("paper-ex1a")).stdout)
        root = self.plot(example("paper-ex1a"))
        to_canvas = self.frame(root)
        n = len(instance["players"])
        actions = sorted(self.marks(root, "action"), key=lambda e: int(e.get("data-player")))
        targets = sorted(self.marks(root, "target"), key=lambda e: int(e.get("data-player")))
        self.assertEqual(len(actions), n)
        for i, (a, t) in enumerate(zip(actions, targets)):
            exact = Fraction(solution["equilibrium"]["actions"][i][0])
            self.assertEqual(Fraction(a.get("data-exact")), exact)
            cx, cy = self.centre(a)
            ex, ey = to_canvas(float(exact), n - i)
            self.assertAlmostEqual(cx, ex, delta=0.6)
            self.assertAlmostEqual(cy, ey, delta=1.5)
            target = instance["players"][i]["target"]
            self.assertEqual(Fraction(t.get("data-exact")), Fraction(str(target)))
        (receiver,) = self.marks(root, "receiver")
        self.assertEqual(Fraction(receiver.get("data-exact")), Fraction(solution["equilibrium"]["receiver"][0]))
        self.assertAlmostEqual(self.centre(receiver)[0], to_canvas(float(Fraction(receiver.get("data-exact"))), 0)[0],
                               delta=0.6)

    def test_plane_figure_has_sets_arrows_and_faces(self):
        solution = json.loads(run("solve", "--json", example("paper-ex2")).stdout)
        root = self.plot(example("paper-ex2"))
        to_canvas = self.frame(root)
        for a in self.marks(root, "action"):
            i = int(a.get("data-player"))
            exact = [Fraction(v) for v in solution["equilibrium"]["actions"][i]]
            self.assertEqual([Fraction(v) for v in a.get("data-exact").split()], exact)
            cx, cy = self.centre(a)
            ex, ey = to_canvas(*map(float, exact))
            self.assertAlmostEqual(cx, ex, delta=1.0)
            self.assertAlmostEqual(cy, ey, delta=1.0)
        faces = self.marks(root, "face")
        self.assertEqual(solution["equilibria"]["count"], "infinite")
        self.assertEqual(sorted(int(f.get("data-player")) for f in faces),
                         sorted(f["player"] for f in solution["equilibria"]["faces"]))
        self.assertGreater(len(self.marks(root, "set")), 0)
        with open(example("paper-ex2")) as f:
            players = json.load(f)["players"]
        moved = [i for i, p in enumerate(players)
                 if [Fraction(str(v)) for v in p["target"]] != [Fraction(v) for v in solution["equilibrium"]["actions"][i]]]
        self.assertEqual(sorted(int(a.get("data-player")) for a in self.marks(root, "exaggeration")), moved)

    def test_labels_of_ten_players_do_not_overlap_much(self):
        players = [{"name": f"p{i}", "target": [i % 3, i // 3], "action_set": {"box": {"lo": [0, 0], "hi": [1, 1]}}}
                   for i in range(10)]
        path = self.path("ten.json")
        with open(path, "w") as f:
            json.dump({"dimension": 2, "players": players}, f)
        root = self.plot(path)
        labels = [e for e in root.iter(SVG + "text") if e.text and e.text.startswith("p")]
        self.assertEqual(len(labels), 10)

    def test_many_players_are_aggregated(self):
        path = self.path("many.json")
        with open(path, "w") as f:
            json.dump({"action_set": {"interval": [0, 1]}, "players": [{"target": 2} for _ in range(30)]}, f)
        root = self.plot(path)
        solution = json.loads(run("solve", "--json", path).stdout)
        distinct = {a[0] for a in solution["equilibrium"]["actions"]}
        self.assertEqual({e.get("data-exact") for e in self.marks(root, "action")}, distinct)
        self.assertEqual(len(self.marks(root, "action")), len(distinct))  # one marker per distinct point
        self.assertIn("×30", [e.text for e in root.iter(SVG + "text")])  # the 30 equal targets

    def test_contour_marks_the_equilibrium(self):
        root = self.plot(example("paper-ex1a"), "--contour")
        (eq,) = self.marks(root, "action")
        solution = json.loads(run("solve", "--json", example("paper-ex1a")).stdout)
        self.assertEqual([Fraction(v) for v in eq.get("data-exact").split()],
                         [Fraction(a[0]) for a in solution["equilibrium"]["actions"]])
        self.assertGreater(len(self.marks(root, "contour")), 20)

    def test_solution_file_is_rechecked(self):
        solution = json.loads(run("solve", "--json", example("paper-ex1a")).stdout)
        solution["equilibrium"]["actions"][0] = ["1/3"]
        path = self.path("wrong.json")
        with open(path, "w") as f:
            json.dump(solution, f)
        r = run("plot", example("paper-ex1a"), "--solution", path, "--svg", self.path("x.svg"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("not an equilibrium", r.stderr)

    def test_three_dimensions_is_refused(self):
        path = self.path("d3.json")
        with open(path, "w") as f:
            json.dump({"dimension": 3, "action_set": {"box": {"lo": [0, 0, 0], "hi": [1, 1, 1]}},
                       "players": [{"target": [2, 2, 2]}]}, f)
        self.assertEqual(run("plot", path, "--svg", self.path("x.svg")).returncode, 2)

    @unittest.skipUnless(shutil.which("pdflatex"), "pdflatex not installed (texlive-latex-base + texlive-pictures)")
    def test_tikz_compiles(self):
        for name, extra in (("paper-ex1a", []), ("paper-fig3-right", []), ("paper-ex1a", ["--contour"])):
            tikz = self.path("fig.tex")
            self.assertEqual(run("plot", example(name), "--tikz", tikz, *extra).returncode, 0)
            doc = self.path("doc.tex")
            with open(doc, "w") as f:
                f.write("\\documentclass{article}\\usepackage{tikz}\\begin{document}\\input{fig.tex}\\end{document}\n")
            r = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"], cwd=self.dir.name,
                               capture_output=True, text=True, timeout=120)
            self.assertEqual(r.returncode, 0, r.stdout[-2000:])

    @unittest.skipUnless(shutil.which("pdflatex"), "pdflatex not installed")
    def test_latex_table_compiles(self):
        table = self.path("table.tex")
        self.assertEqual(run("solve", example("paper-ex2"), "--latex", table).returncode, 0)
        with open(self.path("doc.tex"), "w") as f:
            f.write("\\documentclass{article}\\usepackage{booktabs,amsmath}\\begin{document}\\input{table.tex}\\end{document}\n")
        r = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"], cwd=self.dir.name,
                           capture_output=True, text=True, timeout=120)
        self.assertEqual(r.returncode, 0, r.stdout[-2000:])

    def test_latex_table_has_the_exact_fractions(self):
        table = self.path("table.tex")
        self.assertEqual(run("solve", example("paper-ex1a"), "--latex", table).returncode, 0)
        solution = json.loads(run("solve", "--json", example("paper-ex1a")).stdout)
        with open(table) as f:
            text = f.read()
        self.assertIn("\\toprule", text)
        for action in solution["equilibrium"]["actions"]:
            value = Fraction(action[0])
            expected = str(value.numerator) if value.denominator == 1 else \
                f"\\tfrac{{{abs(value.numerator)}}}{{{value.denominator}}}"
            self.assertIn(expected, text)


if __name__ == "__main__":
    unittest.main()
