"""`bigcert mechanism` (docs/model.md section 6): the JSON shape of docs/format.md, every manipulation and
counterexample re-checked here with Python fractions (an independent evaluation of the rules), bundles of every
query kind that `bigcert replay` and stock z3 replay, --compare and its figure, `batch --mechanism` and
`merge` over its lines, and bad input."""
import json
import os
import shutil
import subprocess
import tempfile
import unittest
from fractions import Fraction

BIGCERT = os.environ.get("BIGCERT", "build/bigcert")


def run(*args, stdin=None):
    return subprocess.run([BIGCERT, *args], input=stdin, capture_output=True, text=True, timeout=300)


def median(values):
    v = sorted(values)
    n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2


def outcome_1d(rule, reports):
    kind = rule["kind"]
    if kind == "mean":  # the paper's receiver; GAME has the default weights 1 and no bias
        return sum(reports)
    if kind == "median":
        return median(reports)
    if kind == "generalized-median":
        return median(reports + [Fraction(p[0]) for p in rule["phantoms"]])
    if kind == "trimmed-mean":
        k, v = rule["trim"], sorted(reports)
        kept = v[k:len(v) - k]
        return sum(kept) / len(kept)
    inside = [r for r in reports if abs(r - Fraction(rule["prior"][0])) <= Fraction(rule["radius"])]
    return sum(inside) / len(inside) if inside else Fraction(rule["prior"][0])


GAME = {"format": "bigcert/1", "name": "five", "action_set": {"interval": [-4, 4]},
        "players": [{"target": t} for t in [-3, -1, "1/2", 2, 6]]}
TARGETS = [Fraction(-3), Fraction(-1), Fraction(1, 2), Fraction(2), Fraction(6)]
TRUTHFUL = [Fraction(-3), Fraction(-1), Fraction(1, 2), Fraction(2), Fraction(4)]


class Mechanism(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.path = os.path.join(self.dir, "five.json")
        with open(self.path, "w") as f:
            json.dump(GAME, f)

    def tearDown(self):
        shutil.rmtree(self.dir)

    def loss(self, rule, reports, i):
        return (outcome_1d(rule, reports) - TARGETS[i]) ** 2

    def check_manipulation(self, rule, player, reports, report, improvement):
        moved = list(reports)
        moved[player] = Fraction(report[0])
        self.assertEqual(reports[player], TRUTHFUL[player])
        self.assertEqual(self.loss(rule, reports, player) - self.loss(rule, moved, player), Fraction(improvement))
        self.assertGreater(Fraction(improvement), 0)

    def test_json_shape_and_exact_counterexamples_for_every_rule(self):
        rules = [{"kind": "mean"}, {"kind": "median"}, {"kind": "generalized-median", "phantoms": [[0], [1]]},
                 {"kind": "trimmed-mean", "trim": 1}, {"kind": "threshold", "prior": [0], "radius": 2}]
        for rule in rules:
            with self.subTest(rule=rule["kind"]):
                r = run("mechanism", self.path, "--rule", json.dumps(rule), "--json")
                self.assertIn(r.returncode, (0, 4), r.stderr)
                out = json.loads(r.stdout)
                self.assertEqual(set(out) >= {"truthful", "strategyproof", "equilibrium"}, True)
                t = out["truthful"]
                self.assertIn(t["verdict"], ("certified", "refuted", "not certified"))
                if t["verdict"] == "refuted":
                    m = t["manipulation"]
                    self.check_manipulation(rule, m["player"], TRUTHFUL, m["report"], m["improvement"])
                s = out["strategyproof"]
                self.assertIn(s["verdict"], ("holds", "fails", "unknown"))
                if s["verdict"] == "fails":
                    c = s["counterexample"]
                    reports = [Fraction(x[0]) for x in c["reports"]]
                    self.check_manipulation(rule, c["player"], reports, c["report"], c["improvement"])
                e = out["equilibrium"]
                if e["status"] == "found":
                    reports = [Fraction(x[0]) for x in e["reports"]]
                    self.assertEqual(Fraction(e["outcome"][0]), outcome_1d(rule, reports))
                    # An equilibrium: no report on a fine grid helps anyone.
                    for i in range(5):
                        here = self.loss(rule, reports, i)
                        for k in range(-64, 65):
                            moved = list(reports)
                            moved[i] = Fraction(k, 16)
                            self.assertLessEqual(here, self.loss(rule, moved, i))
        # n = 5 odd: the median is strategyproof; the mean is not (Theorem 4).
        median = json.loads(run("mechanism", self.path, "--rule", '{"kind": "median"}', "--json").stdout)
        self.assertEqual(median["strategyproof"]["verdict"], "holds")
        self.assertEqual(median["truthful"]["verdict"], "certified")
        mean = json.loads(run("mechanism", self.path, "--rule", '{"kind": "mean"}', "--json").stdout)
        self.assertEqual(mean["strategyproof"]["verdict"], "fails")

    def test_bundles_replay(self):
        bundle = os.path.join(self.dir, "bundle")
        r = run("mechanism", self.path, "--compare", '{"kind": "median"}', '{"kind": "trimmed-mean", "trim": 1}',
                "--no-structural", "--proof-log", bundle)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("strategyproof", r.stdout)
        replay = run("replay", bundle)
        self.assertEqual(replay.returncode, 0, replay.stdout + replay.stderr)
        files = [f for f in os.listdir(bundle) if f.endswith(".smt2")]
        self.assertTrue(any(f.startswith("rule0-strategyproof") for f in files))
        if shutil.which("z3"):
            one = os.path.join(bundle, sorted(f for f in files if "strategyproof" in f)[0])
            self.assertEqual(subprocess.run(["z3", one], capture_output=True, text=True).stdout.strip(), "unsat")

    def test_rule_in_the_instance_and_refusals(self):
        game = dict(GAME, rule={"kind": "median"})
        path = os.path.join(self.dir, "ruled.json")
        with open(path, "w") as f:
            json.dump(game, f)
        self.assertEqual(run("mechanism", path).returncode, 0)
        solve = run("solve", path)
        self.assertEqual(solve.returncode, 2)
        self.assertIn("bigcert mechanism", solve.stderr)
        bad = run("mechanism", self.path, "--rule", '{"kind": "median", "phantoms": [[1]]}')
        self.assertEqual(bad.returncode, 2)
        self.assertIn("--rule.phantoms", bad.stderr)
        bad = run("mechanism", self.path, "--rule", '{"kind": "trimmed-mean", "trim": 3}')
        self.assertEqual(bad.returncode, 2)
        self.assertIn("--rule.trim", bad.stderr)
        weighted = dict(GAME, players=[{"target": 1, "weight": 2}, {"target": 2}])
        with open(path, "w") as f:
            json.dump(weighted, f)
        bad = run("mechanism", path, "--rule", '{"kind": "median"}')
        self.assertEqual(bad.returncode, 2)
        self.assertIn("players[0].weight", bad.stderr)


ZEROS = {"name": "zeros", "action_set": {"interval": [-4, 4]}, "players": [{"target": 0}] * 4}
ZEROS_PLANE = {"name": "zeros-plane", "dimension": 2, "action_set": {"box": {"lo": [-2, -2], "hi": [2, 2]}},
               "players": [{"target": [0, 0]}] * 3}
TRIANGLE = {"name": "triangle", "dimension": 2, "action_set": {"box": {"lo": [-2, -2], "hi": [2, 2]}},
            "players": [{"target": [1, 1], "action_set": {"vertices": [[0, 0], [1, 0], [0, 1]]}},
                        {"target": [0, -1]}, {"target": [0, 2]}]}
EVERY_RULE_1D = [{"kind": "mean"}, {"kind": "median"}, {"kind": "generalized-median", "phantoms": [[0], [1]]},
                 {"kind": "trimmed-mean", "trim": 1}, {"kind": "threshold", "prior": [0], "radius": 2}]


class MechanismBundlesAndBatch(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()

    def tearDown(self):
        shutil.rmtree(self.dir)

    def write(self, name, game):
        path = os.path.join(self.dir, name + ".json")
        with open(path, "w") as f:
            json.dump(game, f)
        return path

    def test_every_kind_of_bundle_replays_with_bigcert_and_stock_z3(self):
        """Truthful queries (unsat and sat), all-reports strategyproofness queries (unsat and sat, QF_LRA and
        QF_NRA), the fixed-others confirmation of a candidate counterexample, and the equilibrium queries."""
        runs = [(GAME, [json.dumps(r) for r in EVERY_RULE_1D], []),
                (ZEROS, ['{"kind": "median"}', '{"kind": "threshold", "prior": [0], "radius": 1}'], []),
                (ZEROS_PLANE, ['{"kind": "median"}', '{"kind": "generalized-median", "phantoms": [[1, 1]]}'],
                 ["--verdicts-only"]),
                (TRIANGLE, ['{"kind": "median"}', '{"kind": "mean"}'], [])]
        kinds, logics, answers = set(), set(), set()
        for game, rules, extra in runs:
            bundle = os.path.join(self.dir, game["name"] + "-bundle")
            r = run("mechanism", self.write(game["name"], game), "--compare", *rules, "--no-structural",
                    "--timeout", "60", "--proof-log", bundle, *extra)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            replay = run("replay", bundle)
            self.assertEqual(replay.returncode, 0, replay.stdout + replay.stderr)
            with open(os.path.join(bundle, "manifest.json")) as f:
                manifest = json.load(f)
            self.assertEqual(manifest["parameters"]["command"], "mechanism")
            for q in manifest["queries"]:
                kinds.add(q["file"].split("-player-")[0].split("-", 1)[1])
                logics.add(q["logic"])
                answers.add(q["expected"])
                self.assertEqual(q["z3_answer"], q["expected"], q["file"])
                if shutil.which("z3"):
                    z3 = subprocess.run(["z3", "-T:60", os.path.join(bundle, q["file"])], capture_output=True,
                                        text=True)
                    self.assertEqual(z3.stdout.split("\n")[0].strip(), q["expected"], q["file"])
        self.assertEqual(kinds, {"truthful", "strategyproof", "strategyproof-counterexample", "equilibrium"})
        self.assertEqual(logics, {"QF_LRA", "QF_NRA"})
        self.assertEqual(answers, {"sat", "unsat"})

    def test_batch_lines_carry_the_mechanism_object_and_merge_counts_them(self):
        lines = [dict(GAME, name="five-median", rule={"kind": "median"}), dict(GAME, name="five-mean"),
                 dict(ZEROS, rule={"kind": "trimmed-mean", "trim": 1}), dict(GAME, name="bad", rule={"kind": "x"})]
        source = os.path.join(self.dir, "in.jsonl")
        with open(source, "w") as f:
            f.write("".join(json.dumps(line) + "\n" for line in lines))
        out = os.path.join(self.dir, "out.jsonl")
        r = run("batch", source, "--out", out, "--mechanism", "--threads", "2")
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out) as f:
            results = [json.loads(line) for line in f]
        self.assertEqual([x["id"] for x in results], ["five-median", "five-mean", "zeros", "bad"])
        for line, result in zip(lines[:3], results):
            alone = run("mechanism", self.write("line", line), "--json")
            self.assertEqual(result["mechanism"], json.loads(alone.stdout), line["name"])
            self.assertNotIn("solution", result)
        self.assertEqual(results[0]["mechanism"]["strategyproof"]["verdict"], "holds")
        self.assertEqual(results[1]["mechanism"]["strategyproof"]["verdict"], "fails")
        self.assertIn("rule.kind", results[3]["error"])
        again = run("batch", source, "--out", out, "--mechanism", "--threads", "2")
        self.assertIn("0 new lines, 4 already", again.stderr)
        other = run("batch", source, "--out", out, "--mechanism", "--verdicts-only")
        self.assertEqual(other.returncode, 2)
        self.assertIn("--mechanism", other.stderr)
        compared = os.path.join(self.dir, "compared.jsonl")
        rules = ['{"kind": "median"}', '{"kind": "trimmed-mean", "trim": 1}']
        r = run("batch", source, "--out", compared, "--mechanism", "--compare", *rules)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(compared) as f:
            first = json.loads(f.readline())
        alone = run("mechanism", self.write("line", lines[0]), "--json", "--compare", *rules)
        self.assertEqual(first["mechanism"], json.loads(alone.stdout))
        merged = run("merge", out, "--json")
        self.assertEqual(merged.returncode, 0, merged.stderr)
        summary = json.loads(merged.stdout)
        mechanism = summary["mechanism"]
        self.assertEqual(mechanism["lines"], 3)
        self.assertEqual(mechanism["rules"]["median"]["strategyproof"], {"holds": 1})
        self.assertEqual(mechanism["rules"]["mean"]["truthful"], {"refuted": 1})
        for flags, name in ((["--rule", '{"kind": "median"}'], "--rule"), (["--verdicts-only"], "--verdicts-only"),
                            (["--mechanism", "--certify"], "--certify"), (["--mechanism", "--check"], "--check")):
            bad = run("batch", source, "--out", os.path.join(self.dir, "x.jsonl"), *flags)
            self.assertEqual(bad.returncode, 2, flags)
            self.assertIn(name, bad.stderr)

    def test_the_comparison_figure_draws_the_table(self):
        svg, tikz = os.path.join(self.dir, "rules.svg"), os.path.join(self.dir, "rules.tex")
        path = self.write("five", GAME)
        r = run("mechanism", path, "--compare", *[json.dumps(x) for x in EVERY_RULE_1D], "--json", "--svg", svg,
                "--tikz", tikz)
        self.assertEqual(r.returncode, 0, r.stderr)
        reports = json.loads(r.stdout)["rules"]
        with open(svg) as f:
            drawing = f.read()
        found = [x for x in reports if x["equilibrium"]["status"] == "found"]
        self.assertEqual(drawing.count('class="bar"'), 4 * len(found))
        for x in reports:  # each rule's verdicts and exact integer totals are written under its bars
            self.assertIn(">truthful: %s, SP: %s<" % (x["truthful"]["verdict"], x["strategyproof"]["verdict"]),
                          drawing)
        mean = reports[0]["equilibrium"]
        self.assertIn(">loss %s (truthful %s)<" % (mean["total_loss"], mean["total_loss_truthful"]), drawing)
        self.assertIn("approximate", drawing)
        with open(tikz) as f:
            self.assertIn("\\begin{tikzpicture}", f.read())
        plane = run("mechanism", self.write("triangle", TRIANGLE), "--compare", '{"kind": "median"}',
                    '{"kind": "mean"}', "--svg", svg)
        self.assertEqual(plane.returncode, 0, plane.stderr)
        with open(svg) as f:
            drawing = f.read()
        # Both rules' equilibria are computed (on the triangle by the cell search of docs/model.md §6.5) ...
        self.assertEqual(drawing.count('class="bar"'), 8)
        # ... the threshold rule's in d = 2 is not: its bars are missing and the figure says why.
        plane = run("mechanism", self.write("triangle", TRIANGLE), "--compare",
                    '{"kind": "threshold", "prior": [0, 0], "radius": 1}', '{"kind": "mean"}', "--svg", svg)
        self.assertEqual(plane.returncode, 0, plane.stderr)
        with open(svg) as f:
            drawing = f.read()
        self.assertEqual(drawing.count('class="bar"'), 4)
        self.assertIn(">equilibrium: not computed<", drawing)
        bad = run("mechanism", path, "--verdicts-only", "--svg", svg)
        self.assertEqual(bad.returncode, 2)
        self.assertIn("--svg", bad.stderr)
        # `plot --compare` draws the same figure from the same run.
        rules = [json.dumps(x) for x in EVERY_RULE_1D]
        by_plot = os.path.join(self.dir, "plot.svg")
        self.assertEqual(run("mechanism", path, "--compare", *rules, "--svg", svg).returncode, 0)
        self.assertEqual(run("plot", path, "--compare", *rules, "--svg", by_plot).returncode, 0)
        with open(svg) as a, open(by_plot) as b:
            self.assertEqual(a.read(), b.read())
        bad = run("plot", path, "--compare", rules[0], "--contour", "--svg", by_plot)
        self.assertEqual(bad.returncode, 2)
        self.assertIn("--compare", bad.stderr)


if __name__ == "__main__":
    unittest.main()
