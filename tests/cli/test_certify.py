"""Command-line behaviour of `certify`, `check` and `replay` (docs/cli.md). Every refutation and counterexample
bigcert prints is re-checked here in exact arithmetic (Python fractions), independently of bigcert."""
import json
import os
import random
import shutil
import subprocess
import tempfile
import unittest
from fractions import Fraction

BIGCERT = os.environ.get("BIGCERT", "build/bigcert")
SOURCE = os.environ.get("BIGCERT_SOURCE_DIR", ".")
PAPER = ["paper-ex1a", "paper-ex1b", "paper-ex2", "paper-fig3-right", "triangle-h-rep"]


def run(*args, stdin=None):
    return subprocess.run([BIGCERT, *args], input=stdin, capture_output=True, text=True, timeout=300)


def example(name):
    return os.path.join(SOURCE, "examples", name + ".json")


def write(directory, name, obj):
    path = os.path.join(directory, name)
    with open(path, "w") as f:
        json.dump(obj, f)
    return path


def interval_instance(targets, weights, lo=-1, hi=1):
    return {"format": "bigcert/1", "name": "random-1d", "dimension": 1,
            "action_set": {"interval": [lo, hi]},
            "players": [{"target": [str(t)], "weight": str(w)} for t, w in zip(targets, weights)]}


def loss_1d(instance, actions, i, deviation=None):
    """Exact squared loss of player i in a 1-D interval game with no background term."""
    ws = [Fraction(p["weight"]) for p in instance["players"]]
    xs = [Fraction(a[0]) for a in actions]
    if deviation is not None:
        xs[i] = Fraction(deviation)
    receiver = sum(w * x for w, x in zip(ws, xs))
    return (receiver - Fraction(instance["players"][i]["target"][0])) ** 2


def is_equilibrium_1d(instance, actions):
    """Support-point condition (MODEL.md 3b) in 1-D: the player is at the end toward which its target pulls."""
    lo, hi = (Fraction(v) for v in instance["action_set"]["interval"])
    ws = [Fraction(p["weight"]) for p in instance["players"]]
    xs = [Fraction(a[0]) for a in actions]
    receiver = sum(w * x for w, x in zip(ws, xs))
    for i, p in enumerate(instance["players"]):
        pull = ws[i] * (Fraction(p["target"][0]) - receiver)
        if not lo <= xs[i] <= hi or (pull > 0 and xs[i] != hi) or (pull < 0 and xs[i] != lo):
            return False
    return True


class Certify(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="bigcert-certify-")

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def test_paper_examples_are_certified_by_every_method(self):
        for name in PAPER:
            with self.subTest(name=name):
                r = run("certify", example(name), "--json")
                self.assertEqual(r.returncode, 0, r.stderr + r.stdout)
                c = json.loads(r.stdout)
                self.assertEqual(c["format"], "bigcert-certificate/1")
                self.assertEqual(c["verdict"], "certified")
                for p in c["players"]:
                    self.assertEqual(p["methods"], {"variational": "unsat", "definition": "unsat", "multipliers": "verified"})

    def test_random_solved_instances_are_certified(self):
        rng = random.Random(3)
        for trial in range(6):
            n = rng.randint(2, 7)
            inst = interval_instance([Fraction(rng.randint(-12, 12), 8) for _ in range(n)],
                                     [Fraction(rng.choice([-3, -1, 1, 2, 5]), rng.randint(1, 4) * n) for _ in range(n)])
            path = write(self.tmp, f"r{trial}.json", inst)
            solved = run("solve", path, "--json")
            self.assertEqual(solved.returncode, 0, solved.stderr)
            actions = json.loads(solved.stdout)["equilibrium"]["actions"]
            self.assertTrue(is_equilibrium_1d(inst, actions))  # independent check of what is being certified
            r = run("certify", path, "--profile", write(self.tmp, f"s{trial}.json", json.loads(solved.stdout)), "--json")
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            self.assertEqual(json.loads(r.stdout)["verdict"], "certified")

    def test_perturbed_profile_is_refuted_with_an_exact_improving_deviation(self):
        rng = random.Random(5)
        for trial in range(5):
            n = rng.randint(2, 5)
            inst = interval_instance([Fraction(rng.randint(-8, 8), 4) for _ in range(n)], [Fraction(1, n)] * n)
            path = write(self.tmp, f"p{trial}.json", inst)
            solution = json.loads(run("solve", path, "--json").stdout)
            actions = solution["equilibrium"]["actions"]
            actions = [[str(Fraction(rng.randint(-7, 7), 8))] for _ in actions]
            if is_equilibrium_1d(inst, actions):
                continue
            solution["equilibrium"]["actions"] = actions
            r = run("certify", path, "--profile", write(self.tmp, f"q{trial}.json", solution), "--json")
            self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
            c = json.loads(r.stdout)
            self.assertEqual(c["verdict"], "refuted")
            refuted = [p for p in c["players"] if p["verdict"] == "refuted"]
            self.assertTrue(refuted)
            for p in refuted:
                i, y = p["index"], Fraction(p["deviation"][0])
                self.assertTrue(-1 <= y <= 1)
                gain = loss_1d(inst, actions, i) - loss_1d(inst, actions, i, y)
                self.assertGreater(gain, 0)
                self.assertEqual(gain, Fraction(p["improvement"]))

    def test_tiny_resource_limit_gives_not_certified_with_a_reason(self):
        r = run("certify", example("paper-fig3-right"), "--rlimit", "1", "--json")
        self.assertEqual(r.returncode, 4, r.stdout + r.stderr)
        c = json.loads(r.stdout)
        self.assertEqual(c["verdict"], "not certified")
        self.assertTrue(all("reason" in p for p in c["players"] if p["verdict"] == "not certified"))

    def test_bad_profiles_exit_2_naming_the_json_path(self):
        cases = [({"equilibrium": {"actions": [["1", "0"]]}}, "equilibrium.actions"),
                 ({"equilibrium": {"actions": [["1", "0"], ["x", "0"]]}}, "equilibrium.actions[1][0]"),
                 ({"equilibrium": {"actions": [["1", "0"], ["0"]]}}, "equilibrium.actions[1]"),
                 ({"equilibrium": {"actions": [["1", "0"], ["5", "0"]]}}, "equilibrium.actions[1]")]
        for k, (profile, where) in enumerate(cases):
            with self.subTest(where=where):
                r = run("certify", example("paper-ex2"), "--profile", write(self.tmp, f"b{k}.json", profile))
                self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
                self.assertIn(where, r.stderr)

    def test_profile_numbers_are_read_exactly_from_json_numbers(self):
        solution = {"equilibrium": {"actions": [[1, 0.0], [-1, 0]]}}
        r = run("certify", example("paper-ex2"), "--profile", write(self.tmp, "n.json", solution), "--json")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)


class ProofLogAndReplay(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="bigcert-replay-")
        self.log = os.path.join(self.tmp, "log")
        r = run("certify", example("paper-ex1a"), "--proof-log", self.log)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def test_manifest_lists_every_query_with_its_digest(self):
        import hashlib
        with open(os.path.join(self.log, "manifest.json")) as f:
            manifest = json.load(f)
        self.assertEqual(manifest["z3_version"].count("."), 2)
        with open(example("paper-ex1a"), "rb") as f:
            self.assertEqual(manifest["instance"]["sha256"], hashlib.sha256(f.read()).hexdigest())
        self.assertEqual(len(manifest["queries"]), 4)
        for q in manifest["queries"]:
            with open(os.path.join(self.log, q["file"]), "rb") as f:
                text = f.read()
            self.assertEqual(q["sha256"], hashlib.sha256(text).hexdigest())
            self.assertIn(b"(set-logic", text)
            self.assertEqual((q["expected"], q["z3_answer"]), ("unsat", "unsat"))

    def test_stock_z3_agrees_and_replay_passes(self):
        r = run("replay", self.log)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("4 of 4 queries agree", r.stdout)
        with open(os.path.join(self.log, "manifest.json")) as f:
            queries = json.load(f)["queries"]
        for q in queries:
            z3 = subprocess.run(["z3", os.path.join(self.log, q["file"])], capture_output=True, text=True, timeout=60)
            self.assertEqual(z3.stdout.split("\n")[0], "unsat")

    def test_replay_fails_on_an_edited_file(self):
        path = os.path.join(self.log, "certify-player-0000000-variational.smt2")
        with open(path) as f:
            text = f.read()
        with open(path, "w") as f:
            f.write(text.replace("(check-sat)", "(assert false)\n(check-sat)"))
        r = run("replay", self.log)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("edited", r.stdout)

    def test_replay_fails_on_a_missing_or_extra_file(self):
        os.remove(os.path.join(self.log, "certify-player-0000001-definition.smt2"))
        self.assertNotEqual(run("replay", self.log).returncode, 0)
        self.tearDown()
        self.setUp()
        with open(os.path.join(self.log, "stray.smt2"), "w") as f:
            f.write("(check-sat)\n")
        r = run("replay", self.log)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("extra file", r.stdout)


class Check(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="bigcert-check-")

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def check(self, path, *extra):
        r = run("check", path, "--property", "all", "--json", *extra)
        self.assertIn(r.returncode, (0, 1), r.stdout + r.stderr)
        return json.loads(r.stdout)["properties"]

    def test_paper_examples_count_matches_the_solver(self):
        for name in PAPER:
            with self.subTest(name=name):
                props = self.check(example(name))
                solved = json.loads(run("solve", example(name), "--json").stdout)
                expected = "one" if solved["equilibria"]["count"] in ("1", "one", 1) else "infinite"
                self.assertEqual(props["count"], {**props["count"], "verdict": "holds", "value": expected})
                for p in ("exaggeration", "receiver-unique", "potential"):
                    self.assertEqual(props[p]["verdict"], "holds")
                self.assertEqual(props["exaggeration"]["premise"], "met")

    def test_count_query_records_the_answer_its_verdict_rests_on_and_replays(self):
        # The whole-system method: its one count query (the structure method's bundles: test_check_structure.py).
        for name, value, answer in (("paper-ex2", "infinite", "sat"), ("paper-ex1a", "one", "unsat")):
            with self.subTest(name=name):
                log = os.path.join(self.tmp, name)
                r = run("check", example(name), "--property", "count", "--json", "--method", "full", "--proof-log", log)
                self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
                self.assertEqual(json.loads(r.stdout)["properties"]["count"]["value"], value)
                with open(os.path.join(log, "manifest.json")) as f:
                    (query,) = json.load(f)["queries"]
                self.assertEqual((query["expected"], query["z3_answer"]), (answer, answer))
                replay = run("replay", log)
                self.assertEqual(replay.returncode, 0, replay.stdout + replay.stderr)

    def test_duplicate_targets_both_interior_fail_theorem_4_with_a_valid_counterexample(self):
        inst = interval_instance([0, 0], [Fraction(1, 2), Fraction(1, 2)])
        path = write(self.tmp, "dup.json", inst)
        r = run("check", path, "--property", "all", "--json", "--proof-log", os.path.join(self.tmp, "log"))
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        props = json.loads(r.stdout)["properties"]
        ex = props["exaggeration"]
        self.assertEqual((ex["verdict"], ex["premise"]), ("fails", "not met"))
        actions = ex["counterexample"]["actions"]
        self.assertTrue(is_equilibrium_1d(inst, actions))
        self.assertEqual(sum(1 for a in actions if -1 < Fraction(a[0]) < 1), 2)
        self.assertEqual(props["receiver-unique"]["verdict"], "holds")
        self.assertEqual(props["count"]["value"], "infinite")
        for profile in props["count"]["equilibria"]:
            self.assertTrue(is_equilibrium_1d(inst, profile["actions"]))
        self.assertEqual(run("replay", os.path.join(self.tmp, "log")).returncode, 0)

    def test_duplicate_targets_with_one_free_player_still_satisfy_the_conclusion(self):
        # Premise not met (same target), but a third player pulls the receiver away: both duplicates sit at an end.
        inst = interval_instance([1, 1, -3], [Fraction(1, 3)] * 3)
        props = self.check(write(self.tmp, "dup2.json", inst))
        self.assertEqual((props["exaggeration"]["verdict"], props["exaggeration"]["premise"]), ("holds", "not met"))

    def test_unknown_property_is_bad_input(self):
        r = run("check", example("paper-ex2"), "--property", "bogus")
        self.assertEqual(r.returncode, 2)
        self.assertIn("--property", r.stderr)


if __name__ == "__main__":
    unittest.main()
