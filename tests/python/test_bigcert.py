"""The Python module (docs/cli.md): exact Fractions equal to `bigcert solve --json`'s strings, loading from text
and from files, certify (certified, refuted with a deviation re-checked here in Fractions, not certified when
Z3 gives up), check equal to `bigcert check --json`, errors as typed exceptions naming the JSON path. Skipped
when the module was not built."""
import doctest
import json
import os
import subprocess
import sys
import unittest
from fractions import Fraction

sys.path.insert(0, os.environ.get("BIGCERT_PYTHON_DIR", "build/python"))
BIGCERT = os.environ.get("BIGCERT", "build/bigcert")
SOURCE = os.environ.get("BIGCERT_SOURCE_DIR", ".")
try:
    import bigcert
except ImportError:
    bigcert = None


@unittest.skipIf(bigcert is None, "bigcert Python module not built (needs pybind11-dev)")
class ModuleTest(unittest.TestCase):
    def test_solutions_equal_the_cli_with_exact_fractions(self):
        for name in ("paper-ex1a", "paper-ex1b", "paper-ex2", "paper-fig3-right", "triangle-h-rep"):
            path = os.path.join(SOURCE, "examples", name + ".json")
            solution = bigcert.solve(bigcert.load(path))
            cli = json.loads(subprocess.run([BIGCERT, "solve", "--json", path], capture_output=True, text=True).stdout)
            eq = solution["equilibrium"]
            for action, expected in zip(eq["actions"], cli["equilibrium"]["actions"]):
                self.assertTrue(all(isinstance(v, Fraction) for v in action))
                self.assertEqual(action, [Fraction(v) for v in expected])
            self.assertEqual(eq["receiver"], [Fraction(v) for v in cli["equilibrium"]["receiver"]])
            self.assertEqual(eq["potential"], Fraction(cli["equilibrium"]["potential"]))
            self.assertEqual(solution["equilibria"]["count"], cli["equilibria"]["count"])
            self.assertEqual(solution["exaggeration"]["interior"], cli["exaggeration"]["interior"])

    def test_receiver_is_the_weighted_sum_computed_here(self):
        text = json.dumps({"name": "t", "action_set": {"interval": [0, 6]},
                           "players": [{"target": 1, "weight": "1/3"}, {"target": 4, "weight": "2/7"}]})
        instance = bigcert.load(text)
        self.assertEqual((instance.name, len(instance), instance.dimension), ("t", 2, 1))
        eq = bigcert.solve(instance)["equilibrium"]
        receiver = Fraction(1, 3) * eq["actions"][0][0] + Fraction(2, 7) * eq["actions"][1][0]
        self.assertEqual(eq["receiver"], [receiver])
        self.assertEqual(eq["losses"], [(receiver - 1) ** 2, (receiver - 4) ** 2])

    def test_errors_name_the_json_path(self):
        with self.assertRaises(ValueError) as caught:
            bigcert.load('{"action_set": {"interval": [0, 1]}, "players": [{"target": "abc"}]}')
        self.assertIn("players[0].target", str(caught.exception))
        with self.assertRaises(ValueError):
            bigcert.load("/nonexistent/instance.json")

    def test_limits_are_keyword_arguments_and_errors_name_them(self):
        text = '{"action_set": {"interval": [0, 1]}, "players": [{"target": 1}, {"target": "12345"}]}'
        self.assertEqual(len(bigcert.load(text, max_players=2)), 2)
        for keywords, name in (({"max_players": 1}, "max_players="), ({"max_number_digits": 3}, "max_number_digits=")):
            with self.assertRaises(bigcert.LimitError) as caught:
                bigcert.load(text, **keywords)
            self.assertIn(name, str(caught.exception))
            self.assertNotIn("--max", str(caught.exception))  # Python has no such flags


def example(name):
    return os.path.join(SOURCE, "examples", name + ".json")


def cli_json(*args):
    return json.loads(subprocess.run([BIGCERT, *args], capture_output=True, text=True).stdout)


def loss(instance_json, actions, i):
    """Player i's squared loss |x̂ - t_i|^2, computed here with Fractions from the instance's JSON text."""
    players = instance_json["players"]
    d = instance_json.get("dimension", 1)
    coords = lambda v: [Fraction(str(c)) for c in (v if isinstance(v, list) else [v])]
    weights = [Fraction(str(p.get("weight", 1))) for p in players]
    bias = instance_json.get("bias", {"weight": 0, "point": [0] * d})
    receiver = [Fraction(str(bias["weight"])) * coords(bias["point"])[j] + sum(w * a[j] for w, a in zip(weights, actions))
                for j in range(d)]
    return sum((r - t) ** 2 for r, t in zip(receiver, coords(players[i]["target"])))


@unittest.skipIf(bigcert is None, "bigcert Python module not built (needs pybind11-dev)")
class CertifyTest(unittest.TestCase):
    def test_the_solvers_profile_is_certified_with_exact_multipliers(self):
        game = bigcert.load(example("paper-ex1a"))
        c = bigcert.certify(game)
        self.assertEqual(c["verdict"], "certified")
        self.assertEqual(c["actions"], bigcert.solve(game)["equilibrium"]["actions"])
        self.assertEqual(c["receiver"], [Fraction(3)])
        for player, target in zip(c["players"], (1, 4)):
            self.assertEqual(player["verdict"], "certified")
            self.assertEqual(player["methods"]["variational"], "unsat")
            self.assertNotIn("deviation", player)
            # The interval [0, 6] is written y <= 6, -y <= 0: stationarity g + lambda_0 - lambda_1 = 0 with
            # g = 2 w (x̂ - t), re-checked here with the multipliers the module returned.
            lam = player["lambda"]
            self.assertTrue(all(isinstance(v, Fraction) and v >= 0 for v in lam))
            g = 2 * Fraction(1, 2) * (c["receiver"][0] - target)
            self.assertEqual(g + lam[0] - lam[1], 0)

    def test_a_2d_solution_dict_is_certified(self):
        for name in ("paper-ex2", "triangle-h-rep"):
            game = bigcert.load(example(name))
            c = bigcert.certify(game, bigcert.solve(game), threads=1)
            self.assertEqual(c["verdict"], "certified", name)
            cli = cli_json("certify", "--json", example(name))
            self.assertEqual([p["verdict"] for p in c["players"]], [p["verdict"] for p in cli["players"]])

    def test_a_perturbed_profile_is_refuted_and_the_deviation_really_improves(self):
        for name, actions in (("paper-ex1a", [[1], [6]]), ("paper-ex1a", [["1/3"], [Fraction(11, 2)]]),
                              ("paper-ex2", [[Fraction(1, 2), 0], [-1, 0]])):
            with open(example(name)) as f:
                raw = json.load(f)
            c = bigcert.certify(bigcert.load(example(name)), actions)
            self.assertEqual(c["verdict"], "refuted", name)
            refuted = [p for p in c["players"] if p["verdict"] == "refuted"]
            self.assertTrue(refuted)
            profile = [[Fraction(str(v)) for v in a] for a in actions]
            for p in refuted:
                i, y = p["index"], p["deviation"]
                self.assertTrue(all(isinstance(v, Fraction) for v in y))
                moved = [list(a) for a in profile]
                moved[i] = y
                before, after = loss(raw, profile, i), loss(raw, moved, i)
                self.assertLess(after, before)
                self.assertEqual(p["improvement"], before - after)

    def test_z3_giving_up_is_not_certified(self):
        # A timeout below 50 ms is enforced as rlimit 1: Z3 answers unknown at once, which proves nothing.
        c = bigcert.certify(bigcert.load(example("paper-ex2")), timeout=0.001)
        self.assertEqual(c["verdict"], "not certified")
        for p in c["players"]:
            self.assertEqual(p["verdict"], "not certified")
            self.assertIn("unknown", p["reason"])

    def test_bad_profiles_name_the_json_path(self):
        game = bigcert.load(example("paper-ex2"))
        cases = [([[0.5, 0], [0, 0]], "equilibrium.actions[0][0]: a float is not exact"),
                 ([[0, 0]], "equilibrium.actions: 1 actions for 2 players"),
                 ([[0, 0], [0, "abc"]], "equilibrium.actions[1][1]: not a number"),
                 ([[0, 0], [0, 2]], "equilibrium.actions[1]: not in player"),
                 ([[0, 0], [0]], "equilibrium.actions[1]: expected 2 coordinates"),
                 ({"equilibrium": {}}, "equilibrium.actions: missing"),
                 ('{"equilibrium": {"actions": [[0, 0], [0, true]]}}', "equilibrium.actions[1][1]: not a number")]
        for profile, message in cases:
            with self.assertRaises(bigcert.InputError, msg=repr(profile)) as caught:
                bigcert.certify(game, profile)
            self.assertIn(message, str(caught.exception))


@unittest.skipIf(bigcert is None, "bigcert Python module not built (needs pybind11-dev)")
class CheckTest(unittest.TestCase):
    def test_check_equals_the_cli_json_on_the_paper_examples(self):
        numeric = ("counterexample", "equilibria")

        def exact(value, inside=False):
            if isinstance(value, dict):
                return {k: exact(v, inside or k in numeric) for k, v in value.items()}
            if isinstance(value, list):
                return [exact(v, inside) for v in value]
            return Fraction(value) if inside and isinstance(value, str) else value

        seen = set()
        for name in ("paper-ex1a", "paper-ex1b", "paper-ex2", "paper-fig3-right", "triangle-h-rep"):
            result = bigcert.check(bigcert.load(example(name)))
            cli = cli_json("check", "--json", example(name))
            self.assertEqual(result, exact(cli), name)
            self.assertIn(result["properties"]["exaggeration"]["verdict"], ("holds", "fails", "unknown"))
            seen.add(result["properties"]["count"]["value"])
            for profile in result["properties"]["count"].get("equilibria", []):
                self.assertTrue(all(isinstance(v, Fraction) for a in profile["actions"] for v in a))
        self.assertEqual(seen, {"one", "infinite"})  # the examples cover both kinds of equilibrium set

    def test_one_property_and_bad_names(self):
        result = bigcert.check(bigcert.load(example("paper-ex1a")), ["exaggeration", "count"])
        self.assertEqual(list(result["properties"]), ["exaggeration", "count"])
        self.assertEqual(result["properties"]["exaggeration"]["verdict"], "holds")
        with self.assertRaises(bigcert.InputError) as caught:
            bigcert.check(bigcert.load(example("paper-ex1a")), "theorem-9")
        self.assertIn('properties: unknown property "theorem-9"', str(caught.exception))

    def test_unknown_and_repeated_keys_name_their_path(self):
        for text, message in [('{"action_set": {"interval": [0, 6]}, "players": [{"target": 1, "wieght": 2}]}',
                               "players[0].wieght: unknown key"),
                              ('{"action_set": {"interval": [0, 6]}, "players": [{"target": 1}], "players": []}',
                               "players: duplicate key")]:
            with self.assertRaises(bigcert.InputError) as caught:
                bigcert.load(text)
            self.assertIn(message, str(caught.exception))
        game = bigcert.load(example("paper-ex1a"))
        solution = bigcert.solve(game)
        self.assertEqual(bigcert.certify(game, solution)["verdict"], "certified")
        with self.assertRaises(bigcert.InputError) as caught:
            bigcert.certify(game, dict(solution, equilibrium=dict(solution["equilibrium"], acions=[[1], [6]])))
        self.assertIn("equilibrium.acions: unknown key", str(caught.exception))


def exact_json(value, numeric, inside=False):
    """The CLI's JSON with the strings under the keys in `numeric` as Fractions (what the module returns)."""
    if isinstance(value, dict):
        return {k: exact_json(v, numeric, inside or k in numeric) for k, v in value.items()}
    if isinstance(value, list):
        return [exact_json(v, numeric, inside) for v in value]
    return Fraction(value) if inside and isinstance(value, str) else value


CURVED = {"disc-two": os.path.join(SOURCE, "examples/disc-two/disc-two.json"),
          "ellipse-mixed": os.path.join(SOURCE, "examples/ellipse-mixed/ellipse-mixed.json")}


@unittest.skipIf(bigcert is None, "bigcert Python module not built (needs pybind11-dev)")
class UserTextTest(unittest.TestCase):
    """Names never reach SMT-LIB (tests/cli/test_user_text.py): a line break used to raise a bare RuntimeError
    (Z3's parser) and `\n(assert false)\n` changed the verdicts."""
    NAMES = ["dup\n(assert false)\n;", "a\nb", "; x", "|q|", ")", "é名🎲", "nul\u0000", "\r\n(exit)"]

    @staticmethod
    def dup(name):
        return json.dumps({"name": name, "action_set": {"interval": [0, 10]},
                           "players": [{"name": name, "target": 3, "weight": 0.5},
                                       {"name": name + "2", "target": 3, "weight": 0.5}]})

    @staticmethod
    def verdicts(result):
        return {k: (v["verdict"], v.get("value")) for k, v in result["properties"].items()}

    def test_names_do_not_change_certify_or_check(self):
        plain = bigcert.load(self.dup("plain"))
        expected_check = self.verdicts(bigcert.check(plain))
        self.assertEqual(expected_check["count"], ("holds", "infinite"))
        self.assertEqual(expected_check["exaggeration"][0], "fails")
        expected_certify = bigcert.certify(plain, [[0], [0]])
        self.assertEqual(expected_certify["verdict"], "refuted")
        for name in self.NAMES:
            with self.subTest(name=name):
                game = bigcert.load(self.dup(name))
                self.assertEqual(game.name, name)
                self.assertEqual(self.verdicts(bigcert.check(game)), expected_check)
                c = bigcert.certify(game, [[0], [0]])
                self.assertEqual(c["verdict"], "refuted")
                self.assertEqual([p["deviation"] for p in c["players"]],
                                 [p["deviation"] for p in expected_certify["players"]])
                self.assertEqual(bigcert.certify(game)["verdict"], "certified")


@unittest.skipIf(bigcert is None, "bigcert Python module not built (needs pybind11-dev)")
class CurvedTest(unittest.TestCase):
    """Balls and ellipsoids (docs/model.md §3g), alone and mixed with a polytope player: the same verdicts as the CLI."""

    def test_certify_equals_the_cli_with_boxes_as_fractions(self):
        for name, path in CURVED.items():
            c = bigcert.certify(bigcert.load(path), timeout=10)
            cli = cli_json("certify", "--json", "--timeout", "10", path)
            self.assertEqual(c["verdict"], "certified", name)
            self.assertEqual(c["verdict"], cli["verdict"], name)
            self.assertEqual([p["verdict"] for p in c["players"]], [p["verdict"] for p in cli["players"]], name)
            self.assertEqual(c["claim"], cli["claim"])
            self.assertNotIn("actions", c)  # the claim is the boxes: no exact actions exist
            self.assertEqual(c["enclosure"], exact_json(cli, ("enclosure",))["enclosure"], name)
            for box in c["enclosure"]["actions"]:
                for b in box:
                    lo, hi = b["interval"]
                    self.assertTrue(isinstance(lo, Fraction) and lo <= hi)

    def test_a_perturbed_mixed_profile_is_refuted_like_the_cli(self):
        path = CURVED["ellipse-mixed"]
        with open(path) as f:
            raw = json.load(f)
        actions = [["4/5", "-3/5"], ["1/2", "3/2"], [-1, -1]]
        c = bigcert.certify(bigcert.load(path), actions, timeout=10)
        profile = os.path.join(os.environ.get("TMPDIR", "/tmp"), "bigcert-python-mixed-profile.json")
        with open(profile, "w") as f:
            json.dump({"equilibrium": {"actions": actions}}, f)
        cli = cli_json("certify", "--json", "--timeout", "10", "--profile", profile, path)
        os.unlink(profile)
        self.assertEqual(c["verdict"], "refuted")
        self.assertEqual(exact_json(cli, ("receiver", "deviation", "improvement")),
                         {k: v for k, v in c.items() if k != "actions"} | {"players": [
                             {k: v for k, v in p.items() if k != "lambda"} for p in c["players"]]})
        exact = [[Fraction(str(v)) for v in a] for a in actions]
        for p in c["players"]:
            if p["verdict"] != "refuted":
                continue
            moved = [list(a) for a in exact]
            moved[p["index"]] = p["deviation"]
            self.assertEqual(loss(raw, exact, p["index"]) - loss(raw, moved, p["index"]), p["improvement"])
            self.assertGreater(p["improvement"], 0)

    def test_check_equals_the_cli(self):
        for name, path in CURVED.items():
            result = bigcert.check(bigcert.load(path))
            cli = cli_json("check", "--json", path)
            self.assertEqual(result, exact_json(cli, ("counterexample", "equilibria")), name)
            props = result["properties"]
            self.assertEqual(props["exaggeration"]["verdict"], "holds", name)
            self.assertEqual(props["exaggeration"]["at_unique_support_point"], [0, 1], name)
            self.assertEqual((props["count"]["value"], props["count"]["method"]), ("one", "structure"), name)


@unittest.skipIf(bigcert is None, "bigcert Python module not built (needs pybind11-dev)")
class EveryKindTest(unittest.TestCase):
    """certify and check through the CLI's entry point (certification.hpp): inner loss and finite games too,
    with the CLI's JSON, its bundles and its refusals (keywords named as keywords)."""
    NUMERIC = ("receiver", "deviation", "improvement", "enclosure")

    def same_as_cli(self, path, profile=None, *cli_args):
        result = bigcert.certify(bigcert.load(path), profile)
        args = ["certify", "--json", *cli_args, path]
        if profile is not None:
            profile_path = os.path.join(os.environ.get("TMPDIR", "/tmp"), "bigcert-python-every-kind.json")
            with open(profile_path, "w") as f:
                json.dump({"equilibrium": {"actions": profile}}, f)
            args[2:2] = ["--profile", profile_path]
        cli = cli_json(*args)
        self.assertEqual({k: v for k, v in result.items() if k != "actions"}, exact_json(cli, self.NUMERIC), path)
        return result

    def test_inner_loss_equals_the_cli(self):
        for name in ("paper-ex4-inner", "inner-triangle"):
            c = self.same_as_cli(example(name))
            self.assertEqual(c["verdict"], "certified")
            self.assertEqual(c["lemma"], "proved")
            self.assertEqual(c["actions"], bigcert.solve(bigcert.load(example(name)))["equilibrium"]["actions"])
        c = self.same_as_cli(example("paper-ex4-inner"), [[0, 0], [1, 1]])
        self.assertEqual(c["verdict"], "refuted")
        deviation = c["players"][0]["deviation"]
        self.assertTrue(all(isinstance(v, Fraction) for v in deviation))
        self.assertGreater(deviation[0], 0)  # player 0 (target (1, 0)) gains by moving right, whatever the others do

    def test_finite_games_equal_the_cli(self):
        for name in ("paper-ex5-m4-k2", "finite-2d-repeats", "likert-five-raters"):
            c = self.same_as_cli(example(name))
            self.assertEqual(c["verdict"], "certified", name)
            self.assertNotIn("actions", c)
        c = self.same_as_cli(example("paper-ex5-m4-k2"), [[-4, -8], [4, 32]])
        self.assertEqual(c["verdict"], "refuted")
        self.assertIsInstance(c["players"][0]["improvement"], Fraction)

    def test_bundles_of_every_kind_replay(self):
        import shutil
        import tempfile
        for name, kwargs in (("paper-ex4-inner", {}), ("paper-ex5-m4-k2", {}), ("paper-ex1a", {"timeout": 10})):
            parent = tempfile.mkdtemp()
            try:
                bundle = os.path.join(parent, "bundle")
                c = bigcert.certify(bigcert.load(example(name)), proof_log=bundle, **kwargs)
                self.assertEqual(c["proof_log"], bundle)
                r = subprocess.run([BIGCERT, "replay", bundle], capture_output=True, text=True)
                self.assertEqual(r.returncode, 0, name + r.stdout + r.stderr)
            finally:
                shutil.rmtree(parent)

    def test_keywords_that_do_not_apply_are_refused_by_name(self):
        finite, convex = bigcert.load(example("paper-ex5-m4-k2")), bigcert.load(example("paper-ex1a"))
        for keywords, name in (({"timeout": 5}, "timeout="), ({"rlimit": 100}, "rlimit=")):
            with self.assertRaises(bigcert.InputError) as caught:
                bigcert.certify(finite, **keywords)
            self.assertIn(name, str(caught.exception))
        for game in (convex, bigcert.load(example("paper-ex4-inner"))):
            with self.assertRaises(bigcert.InputError) as caught:
                bigcert.certify(game, max_deviations=10)
            self.assertIn("max_deviations=", str(caught.exception))
        with self.assertRaises(bigcert.LimitError) as caught:
            bigcert.certify(finite, max_deviations=3)
        self.assertIn("max_deviations=", str(caught.exception))
        self.assertEqual(bigcert.certify(finite, max_deviations=200, threads=1)["verdict"], "certified")

    def test_check_on_inner_and_finite_games_is_not_supported(self):
        for name in ("paper-ex4-inner", "paper-ex5-m4-k2"):
            with self.assertRaises(NotImplementedError):
                bigcert.check(bigcert.load(example(name)))


@unittest.skipIf(bigcert is None, "bigcert Python module not built (needs pybind11-dev)")
class MechanismTest(unittest.TestCase):
    """mechanism(): `bigcert mechanism --json`'s object with Fractions, for the instance's rule, one rule and a
    comparison; an instance with a rule loads, and solve/certify/check refuse it; its bundles replay."""
    NUMERIC = ("report", "reports", "improvement", "outcome", "truthful_outcome", "outcome_shift_squared",
               "total_loss", "total_loss_truthful", "squared_exaggeration", "squared_from_truthful", "loss",
               "other_outcome", "phantoms", "prior", "radius")
    GAME = {"name": "five", "rule": {"kind": "median"}, "action_set": {"interval": [-4, 4]},
            "players": [{"target": t} for t in [-3, -1, "1/2", 2, 6]]}

    def setUp(self):
        import tempfile
        self.dir = tempfile.mkdtemp()
        self.path = os.path.join(self.dir, "five.json")
        with open(self.path, "w") as f:
            json.dump(self.GAME, f)

    def tearDown(self):
        import shutil
        shutil.rmtree(self.dir)

    def test_equals_the_cli_for_the_instance_rule_one_rule_and_a_comparison(self):
        game = bigcert.load(self.path)
        trimmed = {"kind": "trimmed-mean", "trim": 1}
        threshold = {"kind": "threshold", "prior": [Fraction(1, 3)], "radius": 2}
        for kwargs, args in (({}, []), ({"rule": trimmed}, ["--rule", json.dumps(trimmed)]),
                             ({"rule": '{"kind": "mean"}', "verdicts_only": True},
                              ["--rule", '{"kind": "mean"}', "--verdicts-only"]),
                             ({"compare": [trimmed, threshold]},
                              ["--compare", json.dumps(trimmed), '{"kind": "threshold", "prior": ["1/3"], "radius": 2}'])):
            result = bigcert.mechanism(game, **kwargs)
            cli = cli_json("mechanism", "--json", self.path, *args)
            self.assertEqual(result, exact_json(cli, self.NUMERIC), kwargs)
        median = bigcert.mechanism(game)
        self.assertEqual((median["truthful"]["verdict"], median["strategyproof"]["verdict"]), ("certified", "holds"))
        m = bigcert.mechanism(game, rule=trimmed)["truthful"]["manipulation"]
        self.assertIsInstance(m["improvement"], Fraction)
        self.assertGreater(m["improvement"], 0)

    def test_other_commands_refuse_the_rule_and_bad_rules_name_the_keyword(self):
        game = bigcert.load(self.path)
        for call in (bigcert.solve, bigcert.certify, bigcert.check):
            with self.assertRaises(bigcert.UnsupportedError) as caught:
                call(game)
            self.assertIn("mechanism", str(caught.exception))
        for kwargs, name in (({"rule": {"kind": "threshold", "prior": [0.5], "radius": 1}}, "rule=.prior[0]"),
                             ({"rule": {"kind": "trimmed-mean", "trim": 3}}, "rule=.trim"),
                             ({"compare": [{"kind": "median"}, {"kind": "medain"}]}, "compare=[1]"),
                             ({"rule": {"kind": "median"}, "compare": [{"kind": "mean"}]}, "compare="),
                             ({"timeout": 0}, "timeout=")):
            with self.assertRaises(bigcert.InputError) as caught:
                bigcert.mechanism(game, **kwargs)
            self.assertIn(name, str(caught.exception))

    def test_bundle_replays(self):
        bundle = os.path.join(self.dir, "bundle")
        r = bigcert.mechanism(bigcert.load(self.path), compare=[{"kind": "median"}, {"kind": "mean"}],
                              structural=False, proof_log=bundle)
        self.assertEqual(r["proof_log"], bundle)
        replay = subprocess.run([BIGCERT, "replay", bundle], capture_output=True, text=True)
        self.assertEqual(replay.returncode, 0, replay.stdout + replay.stderr)
        self.assertIn("rule0-strategyproof-player-0000000.smt2", replay.stdout)


def as_cli_text(value):
    """A module result with every Fraction written as bigcert writes exact numbers ("p/q"), to compare with
    the CLI's JSON."""
    if isinstance(value, dict):
        return {k: as_cli_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_cli_text(v) for v in value]
    return str(value) if isinstance(value, Fraction) else value


@unittest.skipIf(bigcert is None, "bigcert Python module not built (needs pybind11-dev)")
class SeveralReceiversTest(unittest.TestCase):
    """Several receivers (docs/model.md §8): solve, certify and check return the CLI's JSON, numbers as
    Fractions; mechanism() refuses them."""
    PLANE = {"name": "plane-two-models", "dimension": 2, "action_set": {"vertices": [[0, 0], [2, 0], [0, 2]]},
             "receivers": [{"name": "A", "weights": [1, "1/2"]}, {"name": "B", "weights": ["1/2", 1]}],
             "players": [{"target": [1, 1], "care": [1, "1/2"]}, {"target": [2, 0], "care": ["1/2", 1]}]}

    def instances(self):
        with open(example("receivers-two-models")) as f:
            two_models = f.read()
        one_receiver = json.dumps({"action_set": {"interval": [0, 6]}, "receivers": [{"weights": ["1/2", "1/2"]}],
                                   "players": [{"target": 1}, {"target": 4}]})
        return {"two-models": two_models, "plane": json.dumps(self.PLANE), "cycle": open_text("receivers-cycle"),
                "one-receiver": one_receiver}

    def cli(self, text, *args):
        result = subprocess.run([BIGCERT, *args, "-"], input=text, capture_output=True, text=True)
        return json.loads(result.stdout)

    def test_solve_certify_and_check_equal_the_cli(self):
        for name, text in self.instances().items():
            game = bigcert.load(text)
            solution = bigcert.solve(game)
            self.assertTrue(all(isinstance(v, Fraction) for a in solution["equilibrium"]["actions"] for v in a), name)
            self.assertEqual(as_cli_text(solution), self.cli(text, "solve", "--json"), name)
            certificate = bigcert.certify(game)
            self.assertEqual(as_cli_text(certificate), self.cli(text, "certify", "--json"), name)
            check = as_cli_text(bigcert.check(game))
            cli_check = self.cli(text, "check", "--json")
            self.assertEqual(check, cli_check, name)
        middle = bigcert.solve(bigcert.load(self.instances()["two-models"]))["equilibria"]["list"][1]
        self.assertEqual(middle["receivers"], [[Fraction(3, 2)], [Fraction(3, 2)]])

    def test_mechanism_and_profiles_are_refused_by_name(self):
        game = bigcert.load(self.instances()["two-models"])
        with self.assertRaises(bigcert.UnsupportedError) as caught:
            bigcert.mechanism(game)
        self.assertIn("receivers", str(caught.exception))
        with self.assertRaises(bigcert.UnsupportedError):
            bigcert.certify(game, profile=[[0], [1]])
        with self.assertRaises(bigcert.InputError) as caught:
            bigcert.load(self.instances()["two-models"].replace('"weights": [1, 2]', '"weights": [1]'))
        self.assertIn("receivers[0].weights", str(caught.exception))


def open_text(name):
    with open(example(name)) as f:
        return f.read()


class ManualTest(unittest.TestCase):
    def test_the_manual_python_session_runs_as_shown(self):
        with open(os.path.join(SOURCE, "docs", "cli.md")) as f:
            manual = f.read()
        section = manual[manual.index("## Python"):]
        block = section[section.index("```pycon\n") + 9:section.index("```\n", section.index("```pycon\n") + 9)]
        test = doctest.DocTestParser().get_doctest(block, {}, "manual", "docs/cli.md", 0)
        # verbose=False: doctest would otherwise follow unittest's -v in sys.argv and report every example.
        runner = doctest.DocTestRunner(verbose=False, optionflags=doctest.NORMALIZE_WHITESPACE)
        report = []
        cwd = os.getcwd()
        os.chdir(SOURCE)  # the session's paths are relative to the repository
        try:
            result = runner.run(test, out=report.append)
        finally:
            os.chdir(cwd)
        self.assertEqual(result.failed, 0, "".join(report))
        self.assertGreater(result.attempted, 8)


if __name__ == "__main__":
    unittest.main()
