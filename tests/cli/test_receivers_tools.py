"""Several receivers in `dynamics`, `plot` and `batch` (docs/cli.md, docs/model.md §8.7): exact best-response
dynamics that reach the solver's equilibria or cycle (the cycle checked by hand), figures with every
receiver's point, batch lines equal to `solve`, `certify` and `check --json`, and bad inputs exiting 2 with
their JSON path."""
import json
import os
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ET
from fractions import Fraction

BIGCERT = os.environ.get("BIGCERT", "build/bigcert")
SOURCE = os.environ.get("BIGCERT_SOURCE_DIR", ".")
TWO_MODELS = os.path.join(SOURCE, "examples/receivers-two-models.json")
CYCLE = os.path.join(SOURCE, "examples/receivers-cycle.json")
PLANE = {"name": "plane-two-models", "dimension": 2, "action_set": {"vertices": [[0, 0], [2, 0], [0, 2]]},
         "receivers": [{"name": "A", "weights": [1, "1/2"]}, {"name": "B", "weights": ["1/2", 1]}],
         "players": [{"target": [1, 1], "care": [1, "1/2"]}, {"target": [2, 0], "care": ["1/2", 1]}]}


def run(*args, stdin=None):
    return subprocess.run([BIGCERT, *args], input=stdin, capture_output=True, text=True, timeout=300)


def cli_json(*args, stdin=None):
    result = run(*args, stdin=stdin)
    return result, json.loads(result.stdout)


def receivers_of(instance, actions):
    """x̂_j = b_j + sum_i w_ji x_i in Fractions, from the instance's JSON."""
    d = instance.get("dimension", 1)
    points = []
    for r in instance["receivers"]:
        point = [Fraction(0)] * d
        if "bias" in r:
            point = [Fraction(str(r["bias"]["weight"])) * Fraction(str(c)) for c in r["bias"]["point"]]
        for w, a in zip(r["weights"], actions):
            point = [p + Fraction(str(w)) * Fraction(c) for p, c in zip(point, a)]
        points.append(point)
    return points


class Dynamics(unittest.TestCase):
    def test_each_start_reaches_one_of_the_solvers_equilibria(self):
        _, solved = cli_json("solve", TWO_MODELS, "--json")
        listed = [e["actions"] for e in solved["equilibria"]["list"]]
        with open(TWO_MODELS) as f:
            instance = json.load(f)
        for start, end in (("first", [["1"], ["0"]]), ("last", [["0"], ["1"]])):
            result, d = cli_json("dynamics", TWO_MODELS, "--start", start, "--json")
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertEqual((d["outcome"], d["potential_kind"]), ("equilibrium", "exact"))
            self.assertEqual(d["final"]["actions"], end)
            self.assertIn(end, listed)
            self.assertEqual([[Fraction(c) for c in p] for p in d["final"]["receivers"]], receivers_of(instance, end))
            potentials = [Fraction(step["potential"]) for step in d["trajectory"]]
            self.assertEqual(potentials, sorted(potentials, reverse=True))  # best responses descend Φ

    def test_a_solution_as_start_is_a_fixed_point(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "s.json")
            with open(path, "w") as f:
                f.write(run("solve", "--json", "-", stdin=json.dumps(PLANE)).stdout)
            result, d = cli_json("dynamics", "-", "--start", path, "--json", stdin=json.dumps(PLANE))
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertEqual((d["outcome"], d["moves"]), ("equilibrium", 0))
            self.assertEqual(d["final"]["actions"], [["0", "10/9"], ["2", "0"]])

    def test_polygons_converge_to_the_unique_equilibrium(self):
        _, solved = cli_json("solve", "--json", "-", stdin=json.dumps(PLANE))
        self.assertEqual(solved["equilibria"]["unique_by"], "monotonicity")
        result, d = cli_json("dynamics", "-", "--json", stdin=json.dumps(PLANE))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(d["final"]["actions"], solved["equilibrium"]["actions"])
        self.assertEqual(d["final"]["receivers"], solved["equilibrium"]["receivers"])

    def test_without_potential_the_dynamics_cycle_exactly(self):
        result, d = cli_json("dynamics", CYCLE, "--json")
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual((d["outcome"], d["potential_kind"]), ("cycle", "none"))
        self.assertEqual(d["cycle"], {"start_round": 1, "length": 2})
        # By hand: player 0 keeps 0, player 1 -> 1; then 0 -> 1, 1 -> 0; then 0 -> 0, 1 -> 1: (0, 1) again.
        moves = [(s["player"], s["action"]) for s in d["trajectory"][1:]]
        self.assertEqual(moves, [(1, ["1"]), (0, ["1"]), (1, ["0"]), (0, ["0"]), (1, ["1"])])
        self.assertTrue(all(s["potential"] is None for s in d["trajectory"]))
        text = run("dynamics", CYCLE)
        self.assertIn("cycle of length 2 from round 1", text.stdout)
        simultaneous, s = cli_json("dynamics", CYCLE, "--simultaneous", "--json")
        self.assertEqual((simultaneous.returncode, s["cycle"]), (1, {"start_round": 0, "length": 4}))
        capped = run("dynamics", CYCLE, "--max-steps", "3")
        self.assertEqual(capped.returncode, 5, capped.stderr)
        self.assertIn("step cap", capped.stdout)

    def test_bad_inputs_exit_2_naming_their_path(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "start.json")
            for start, where in (({"actions": [[2], [0]]}, "actions[0]"), ({"actions": [[0]]}, "actions"),
                                 ({"equilibrium": {"actions": [[0], [0]], "recievers": []}}, "equilibrium.recievers")):
                with open(path, "w") as f:
                    json.dump(start, f)
                result = run("dynamics", TWO_MODELS, "--start", path)
                self.assertEqual(result.returncode, 2, result.stdout + result.stderr)
                self.assertIn(where, result.stderr)
                self.assertEqual(len(result.stderr.strip().splitlines()), 1, result.stderr)
        bad = dict(PLANE, receivers=[{"weights": [1]}, {"weights": [1, 1]}])
        result = run("dynamics", "-", stdin=json.dumps(bad))
        self.assertEqual(result.returncode, 2)
        self.assertIn("receivers[0].weights", result.stderr)
        ball = dict(PLANE, action_set={"ball": {"center": [0, 0], "radius": 1}})
        result = run("dynamics", "-", stdin=json.dumps(ball))
        self.assertEqual(result.returncode, 2)
        self.assertIn("players[0].action_set", result.stderr)


class Plot(unittest.TestCase):
    def receiver_marks(self, svg):
        root = ET.parse(svg).getroot()
        marks = [e.get("data-exact") for e in root.iter() if e.get("class") == "receiver"]
        labels = [e.text for e in root.iter() if e.tag.endswith("text") and e.text]
        return marks, labels

    def test_every_receiver_is_drawn_with_its_label_at_the_exact_point(self):
        with tempfile.TemporaryDirectory() as tmp:
            with open(TWO_MODELS) as f:
                two_models = f.read()
            for instance_json in (two_models, json.dumps(PLANE)):
                svg, tikz = os.path.join(tmp, "f.svg"), os.path.join(tmp, "f.tex")
                result = run("plot", "-", "--svg", svg, "--tikz", tikz, stdin=instance_json)
                self.assertEqual(result.returncode, 0, result.stderr)
                _, solved = cli_json("solve", "--json", "-", stdin=instance_json)
                marks, labels = self.receiver_marks(svg)
                self.assertEqual(sorted(marks), sorted(" ".join(p) for p in solved["equilibrium"]["receivers"]))
                for r in json.loads(instance_json)["receivers"]:
                    self.assertIn("x̂ " + r["name"], labels)
                self.assertTrue(any("double precision" in t for t in labels))
                with open(tikz) as f:
                    self.assertIn("$\\hat{x}$ B", f.read())

    def test_a_solution_file_is_drawn_after_the_exact_re_check(self):
        with tempfile.TemporaryDirectory() as tmp:
            svg, good, bad = (os.path.join(tmp, n) for n in ("f.svg", "good.json", "bad.json"))
            _, solved = cli_json("solve", "--json", TWO_MODELS)
            middle = [e for e in solved["equilibria"]["list"] if e["interior"]][0]
            solved["equilibrium"]["actions"], solved["equilibrium"]["receivers"] = middle["actions"], middle["receivers"]
            with open(good, "w") as f:
                json.dump(solved, f)
            result = run("plot", TWO_MODELS, "--solution", good, "--svg", svg)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertEqual(self.receiver_marks(svg)[0], ["3/2", "3/2"])
            solved["equilibrium"]["actions"] = [["1/4"], ["1/2"]]
            with open(bad, "w") as f:
                json.dump(solved, f)
            result = run("plot", TWO_MODELS, "--solution", bad, "--svg", svg)
            self.assertEqual(result.returncode, 2)
            self.assertIn("not an equilibrium", result.stderr)
            for flag in ("--contour", "--compare"):
                extra = [flag, '{"kind": "median"}'] if flag == "--compare" else [flag]
                result = run("plot", TWO_MODELS, "--svg", svg, *extra)
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertIn(flag, result.stderr)


class Batch(unittest.TestCase):
    def test_lines_equal_solve_certify_and_check(self):
        with tempfile.TemporaryDirectory() as tmp:
            source, out = os.path.join(tmp, "in.jsonl"), os.path.join(tmp, "out.jsonl")
            with open(TWO_MODELS) as f:
                two_models = json.load(f)
            with open(source, "w") as f:
                for instance in (two_models, PLANE, dict(PLANE, name="bad", receivers=[{"weights": [1]}])):
                    f.write(json.dumps(instance) + "\n")
            result = run("batch", source, "--out", out, "--certify", "--check", "--threads", "1")
            self.assertEqual(result.returncode, 0, result.stderr)
            with open(out) as f:
                lines = [json.loads(line) for line in f]
            for line, instance in zip(lines[:2], (two_models, PLANE)):
                text = json.dumps(instance)
                self.assertEqual(line["solution"], cli_json("solve", "--json", "-", stdin=text)[1])
                self.assertEqual(line["certificate"], cli_json("certify", "--json", "-", stdin=text)[1])
                check = cli_json("check", "--json", "-", stdin=text)[1]
                check.pop("z3_version", None), line["check"].pop("z3_version", None)
                self.assertEqual(line["check"], check)
            self.assertEqual((lines[2]["id"], lines[2]["error_kind"]), ("bad", "input"))
            self.assertIn("receivers[0].weights", lines[2]["error"])
            summary = json.loads(run("merge", out, "--json").stdout)
            self.assertEqual(summary["count"], {"several": 1, "one": 1})
            self.assertEqual(summary["more_than_one_interior"], 1)  # (1/2, 1/2) of the two-models game

    def test_mechanism_lines_refuse_several_receivers(self):
        with tempfile.TemporaryDirectory() as tmp:
            source, out = os.path.join(tmp, "in.jsonl"), os.path.join(tmp, "out.jsonl")
            with open(source, "w") as f:
                f.write(json.dumps(PLANE) + "\n")
            self.assertEqual(run("batch", source, "--out", out, "--mechanism").returncode, 0)
            with open(out) as f:
                line = json.loads(f.read())
            self.assertEqual(line["error_kind"], "unsupported")
            self.assertIn("receivers", line["error"])


if __name__ == "__main__":
    unittest.main()
