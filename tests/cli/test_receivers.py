"""Several receivers on the command line (docs/format.md "Several receivers", docs/model.md §8): the answers,
the one-receiver spelling of every paper example against the paper's format, bad inputs naming their JSON
path, and every other command that reads an instance refusing such an instance cleanly."""
import glob
import json
import os
import subprocess
import tempfile
import unittest

BIGCERT = os.environ.get("BIGCERT", "build/bigcert")
SOURCE = os.environ.get("BIGCERT_SOURCE_DIR", ".")
TWO_MODELS = os.path.join(SOURCE, "examples/receivers-two-models.json")


def run(*args, stdin=None):
    return subprocess.run([BIGCERT, *args], input=stdin, capture_output=True, text=True, timeout=300)


def solve_json(instance):
    result = run("solve", "-", "--json", stdin=json.dumps(instance))
    return result, (json.loads(result.stdout) if result.returncode == 0 else None)


def as_receiver_list(instance):
    """The same game written with one receiver: the player weights and the bias move into the list."""
    copy = json.loads(json.dumps(instance))
    receiver = {"name": "model", "weights": [p.pop("weight", 1) for p in copy["players"]]}
    if "bias" in copy:
        receiver["bias"] = copy.pop("bias")
    copy["receivers"] = [receiver]
    return copy


class SolveSeveralReceivers(unittest.TestCase):
    def test_three_isolated_equilibria_are_all_found_and_uniqueness_never_claimed(self):
        result = run("solve", TWO_MODELS, "--json")
        self.assertEqual(result.returncode, 0, result.stderr)
        s = json.loads(result.stdout)
        self.assertEqual(s["potential"], {"kind": "exact"})
        self.assertEqual(s["equilibria"]["count"], "several")
        self.assertNotIn("unique_by", s["equilibria"])
        found = sorted(e["actions"] for e in s["equilibria"]["list"])
        self.assertEqual(found, [[["0"], ["1"]], [["1"], ["0"]], [["1/2"], ["1/2"]]])
        middle = [e for e in s["equilibria"]["list"] if e["actions"] == [["1/2"], ["1/2"]]][0]
        self.assertEqual(middle["receivers"], [["3/2"], ["3/2"]])
        self.assertEqual(middle["interior"], [0, 1])
        self.assertIn("receivers", s["equilibrium"])
        text = run("solve", TWO_MODELS)
        self.assertEqual(text.returncode, 0)
        self.assertIn("potential: exact, equilibria: several (3 found)", text.stdout)

    def test_one_receiver_list_answers_as_the_paper_format_on_every_example(self):
        checked = 0
        for path in sorted(glob.glob(os.path.join(SOURCE, "examples", "*.json"))):
            with open(path) as f:
                instance = json.load(f)
            if "players" not in instance or "rule" in instance or "receivers" in instance:
                continue
            with self.subTest(example=os.path.basename(path)):
                classic = run("solve", path, "--json")
                if classic.returncode != 0:
                    continue
                result, listed = solve_json(as_receiver_list(instance))
                self.assertEqual(result.returncode, 0, result.stderr)
                expected = json.loads(classic.stdout)
                for key in ("actions", "receiver", "losses", "potential"):
                    self.assertEqual(listed["equilibrium"].get(key), expected["equilibrium"].get(key), key)
                self.assertEqual(listed["equilibria"], expected["equilibria"])
                self.assertEqual(listed["exaggeration"], expected["exaggeration"])
                self.assertEqual(listed["equilibrium"]["receivers"], [expected["equilibrium"]["receiver"]])
                self.assertEqual(listed["potential"], {"kind": "exact"})
                checked += 1
        self.assertGreaterEqual(checked, 8)

    def test_zero_and_negative_weights(self):
        instance = {"action_set": {"interval": [-1, 1]},
                    "receivers": [{"weights": [0, -2]}, {"weights": ["1/2", 0]}],
                    "players": [{"target": 1, "care": [1, 1]}, {"target": "-1/2", "care": [1, 0]}]}
        result, s = solve_json(instance)
        self.assertEqual(result.returncode, 0, result.stderr)
        # C = [[1/4, 0], [0, 4]]: positive definite, so one equilibrium; player 0 can only move B toward 1,
        # player 1 moves A = -2 x_1 to -1/2.
        self.assertEqual(s["equilibria"]["count"], "one")
        self.assertEqual(s["equilibria"]["unique_by"], "monotonicity")
        self.assertEqual(s["equilibrium"]["actions"], [["1"], ["1/4"]])
        self.assertEqual(s["equilibrium"]["receivers"], [["-1/2"], ["1/2"]])

    def test_beyond_the_enumeration_lemke_answers_without_claiming_a_count(self):
        result = run("solve", TWO_MODELS, "--json", "--max-face-combinations", "3")
        self.assertEqual(result.returncode, 0, result.stderr)
        s = json.loads(result.stdout)
        self.assertEqual(s["method"], "lemke")
        self.assertEqual(s["equilibria"]["count"], "not decided")
        self.assertIn(s["equilibrium"]["actions"], [[["0"], ["1"]], [["1"], ["0"]], [["1/2"], ["1/2"]]])

    def test_a_convex_potential_of_receiver_form_goes_to_the_lifted_method(self):
        # bench/receivers_gen.py's potential games: the same care for every player (docs/model.md §8.3).
        game = subprocess.run(["python3", os.path.join(SOURCE, "bench/receivers_gen.py"), "300", "3", "2",
                               "potential"], capture_output=True, text=True, check=True).stdout
        result = run("solve", "-", "--json", stdin=game)
        self.assertEqual(result.returncode, 0, result.stderr)
        s = json.loads(result.stdout)
        self.assertEqual(s["method"], "lifted-potential")
        self.assertEqual(s["potential"], {"kind": "exact"})
        self.assertIn(s["equilibria"]["count"], ["one", "infinite"])
        self.assertEqual(len(s["equilibrium"]["receivers"]), 3)
        checked = run("check", "-", "--json", "--property", "count", stdin=game)
        self.assertEqual(checked.returncode, 0, checked.stderr)
        count = json.loads(checked.stdout)["properties"]["count"]
        self.assertEqual((count["verdict"], count["value"], count["method"]),
                         ("holds", s["equilibria"]["count"], "lifted potential"))

    def test_the_lifted_method_lists_one_point_of_a_continuum_and_check_says_no_more(self):
        # x̂ = x_0 + ... + x_8 on [0, 1]^9, every target 1 and care 2: every profile with sum 1 is an equilibrium.
        # Nine players (3^9 face combinations: over 10^4, so the lifted method runs).
        game = {"action_set": {"interval": [0, 1]}, "receivers": [{"weights": [1] * 9}],
                "players": [{"target": 1, "care": [2]} for _ in range(9)]}
        result, s = solve_json(game)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual((s["method"], s["equilibria"]["count"]), ("lifted-potential", "infinite"))
        self.assertEqual(s["equilibrium"]["receivers"], [["1"]])
        checked = run("check", "-", "--json", stdin=json.dumps(game))
        self.assertEqual(checked.returncode, 1, checked.stderr)  # exaggeration fails at the listed point
        properties = json.loads(checked.stdout)["properties"]
        self.assertEqual(properties["exaggeration"]["verdict"], "fails")
        self.assertEqual((properties["count"]["verdict"], properties["count"]["value"]), ("holds", "infinite"))
        self.assertEqual(properties["receiver-unique"]["verdict"], "unknown")
        self.assertIn("one point of it is listed", properties["receiver-unique"]["reason"])

    def test_limits_name_their_flags(self):
        result = run("solve", TWO_MODELS, "--max-face-combinations", "3", "--max-lcp-rows", "3")
        self.assertEqual(result.returncode, 5)
        self.assertEqual(len(result.stderr.strip().splitlines()), 1, result.stderr)
        self.assertIn("--max-face-combinations", result.stderr)
        self.assertIn("--max-lcp-rows", result.stderr)


class BadInputs(unittest.TestCase):
    BASE = {"action_set": {"interval": [0, 1]},
            "receivers": [{"weights": [1, 2]}, {"weights": [2, 1]}],
            "players": [{"target": 1}, {"target": 0}]}

    def refused(self, instance, path):
        result = run("solve", "-", "--json", stdin=json.dumps(instance))
        self.assertEqual(result.returncode, 2, result.stdout + result.stderr)
        self.assertEqual(len(result.stderr.strip().splitlines()), 1, result.stderr)
        self.assertIn(path, result.stderr)

    def variant(self, change):
        instance = json.loads(json.dumps(self.BASE))
        change(instance)
        return instance

    def test_each_bad_input_names_its_path(self):
        self.refused(self.variant(lambda g: g["players"][1].update(weight=2)), "players[1].weight")
        self.refused(self.variant(lambda g: g.update(bias={"weight": 1, "point": [0]})), "bias")
        self.refused(self.variant(lambda g: g["receivers"][0].update(weights=[1])), "receivers[0].weights")
        self.refused(self.variant(lambda g: g["players"][0].update(care=[1])), "players[0].care")
        self.refused(self.variant(lambda g: g["receivers"][1].update(wieghts=[1, 1])), "receivers[1].wieghts")
        self.refused(self.variant(lambda g: g["receivers"][1].pop("weights")), "receivers[1]")
        self.refused(self.variant(lambda g: g.update(receivers=[])), "receivers")
        self.refused(self.variant(lambda g: g["receivers"][0].update(weights=[1, "x"])), "receivers[0].weights[1]")
        self.refused(self.variant(lambda g: g["receivers"][0].update(bias={"weight": 1})), "receivers[0].bias")
        self.refused(self.variant(lambda g: g["players"][0].update(care=[1, "1/0"])), "players[0].care[1]")
        no_list = {"action_set": {"interval": [0, 1]}, "players": [{"target": 1, "care": [1]}]}
        self.refused(no_list, "players[0].care")

    def test_unsupported_sets_and_losses_are_refused(self):
        self.refused(self.variant(lambda g: g.update(action_set={"items": [0, 1]})), "not supported")
        self.refused(self.variant(lambda g: g.update(loss="inner")), "loss")
        concave = self.variant(lambda g: g["players"][0].update(care=[-1, 0]))
        self.refused(concave, "players[0].care")


class Certify(unittest.TestCase):
    GAMES = [TWO_MODELS,
             json.dumps({"action_set": {"interval": [0, 4]},
                         "receivers": [{"weights": [1, 0]}, {"weights": [1, 1], "bias": {"weight": 1, "point": [-1]}}],
                         "players": [{"target": 1, "care": [1, 0]}, {"target": 3, "care": [0, 1]}]}),
             json.dumps({"dimension": 2, "action_set": {"vertices": [[0, 0], [2, 0], [0, 2]]},
                         "receivers": [{"weights": [1, "1/2"]}, {"weights": ["1/2", -1]}],
                         "players": [{"target": [3, 3], "care": [1, 2]}, {"target": [-1, 1]}]})]

    def test_each_player_is_certified_and_the_bundle_replays_in_stock_z3(self):
        for k, game in enumerate(self.GAMES):
            with self.subTest(game=k), tempfile.TemporaryDirectory() as tmp:
                bundle = os.path.join(tmp, "bundle")
                if game == TWO_MODELS:
                    result = run("certify", game, "--json", "--proof-log", bundle)
                else:
                    result = run("certify", "-", "--json", "--proof-log", bundle, stdin=game)
                self.assertEqual(result.returncode, 0, result.stderr)
                c = json.loads(result.stdout)
                self.assertEqual(c["verdict"], "certified")
                if game == TWO_MODELS:
                    solved = run("solve", TWO_MODELS, "--json")
                else:
                    solved = run("solve", "-", "--json", stdin=game)
                self.assertEqual(c["actions"], json.loads(solved.stdout)["equilibrium"]["actions"])
                if game == TWO_MODELS:  # at (0, 1): g_0 = 1/2 against x_0 >= 0, g_1 = -1/2 against x_1 <= 1
                    self.assertEqual(c["players"][0]["multipliers"],
                                     [{"normal": ["-1"], "offset": "0", "multiplier": "1/2"}])
                    self.assertEqual(c["players"][1]["multipliers"],
                                     [{"normal": ["1"], "offset": "1", "multiplier": "1/2"}])
                for player in c["players"]:
                    self.assertIsInstance(player["multipliers"], list)
                    self.assertEqual(player["methods"], {"variational inequality (linear)": "unsat",
                                                         "definition (nonlinear)": "unsat"})
                replay = run("replay", bundle)
                self.assertEqual(replay.returncode, 0, replay.stdout + replay.stderr)
                queries = sorted(f for f in os.listdir(bundle) if f.endswith(".smt2"))
                self.assertEqual(len(queries), 2 * len(c["players"]))
                for query in queries:
                    z3 = subprocess.run(["z3", os.path.join(bundle, query)], capture_output=True, text=True)
                    self.assertEqual(z3.stdout.split()[0], "unsat", query)

    def test_a_query_about_a_non_equilibrium_is_sat(self):
        """The queries can fail: the linear query with player 0 moved from 0 to 1/4 in the first equilibrium."""
        with tempfile.TemporaryDirectory() as tmp:
            bundle = os.path.join(tmp, "bundle")
            self.assertEqual(run("certify", TWO_MODELS, "--proof-log", bundle).returncode, 0)
            with open(os.path.join(bundle, "player-0-vi.smt2")) as f:
                text = f.read()
            # At (0, 1): g_0 = 1/2 and the claim is 'no y in [0, 1] with g_0 y < g_0 x_0 = 0'; asking for
            # g_0 y < 1/8 (what x_0 = 1/4 would need) has the witness y = 0.
            self.assertIn("(< (* (/ 1.0 2.0) y0) 0.0)", text)
            moved = os.path.join(tmp, "moved.smt2")
            with open(moved, "w") as f:
                f.write(text.replace("(< (* (/ 1.0 2.0) y0) 0.0)", "(< (* (/ 1.0 2.0) y0) (/ 1.0 8.0))"))
            z3 = subprocess.run(["z3", moved], capture_output=True, text=True)
            self.assertEqual(z3.stdout.split()[0], "sat")


class Check(unittest.TestCase):
    def test_three_isolated_equilibria_count_several_and_receivers_differ(self):
        result = run("check", TWO_MODELS, "--json")
        self.assertEqual(result.returncode, 1, result.stderr)  # receiver-unique fails
        p = json.loads(result.stdout)["properties"]
        self.assertEqual((p["count"]["verdict"], p["count"]["value"]), ("holds", "several"))
        self.assertEqual(len(p["count"]["equilibria"]), 3)
        self.assertEqual(p["receiver-unique"]["verdict"], "fails")
        self.assertEqual(p["receiver-unique"]["counterexample"][1]["receivers"], [["3/2"], ["3/2"]])
        self.assertEqual(p["exaggeration"]["verdict"], "holds")
        self.assertEqual((p["potential"]["verdict"], p["potential"]["value"]), ("holds", "exact"))

    def test_a_monotone_game_without_potential(self):
        game = json.dumps({"action_set": {"interval": [0, 4]},
                           "receivers": [{"weights": [1, 0]}, {"weights": [1, 1]}],
                           "players": [{"target": 1, "care": [1, 0]}, {"target": 3, "care": [0, 1]}]})
        result = run("check", "-", "--json", stdin=game)
        self.assertEqual(result.returncode, 1, result.stderr)  # no potential
        p = json.loads(result.stdout)["properties"]
        self.assertEqual((p["count"]["verdict"], p["count"]["value"], p["count"]["method"]),
                         ("holds", "one", "monotonicity"))
        self.assertEqual(p["receiver-unique"]["verdict"], "holds")
        self.assertEqual((p["potential"]["verdict"], p["potential"]["value"]), ("fails", "none"))
        only_count = run("check", "-", "--property", "count", stdin=game)
        self.assertEqual(only_count.returncode, 0, only_count.stderr)


class OtherCommandsRefuse(unittest.TestCase):
    def test_every_command_reading_an_instance_works_or_refuses_in_one_line(self):
        commands = [["certify", "--profile", TWO_MODELS], ["check", "--proof-log", "x.dir"], ["plot", "--contour", "--svg", "x.svg"], ["enumerate"],
                    ["mechanism"], ["export-nfg"], ["solve", "--latex", "x.tex"]]
        with tempfile.TemporaryDirectory() as tmp:
            for command in commands:
                with self.subTest(command=command[0]):
                    args = [os.path.join(tmp, a) if a.startswith("x.") else a for a in command[1:]]
                    result = run(command[0], TWO_MODELS, *args)
                    self.assertEqual(result.returncode, 2, result.stdout + result.stderr)
                    self.assertEqual(len(result.stderr.strip().splitlines()), 1, result.stderr)
                    self.assertIn("receivers", result.stderr)
                    self.assertIn("not supported", result.stderr)

    def test_certify_refuses_the_finite_games_option_rather_than_ignoring_it(self):
        # certify() decides the kind once (docs/internals.md "Game kinds"): --max-deviations is for finite games.
        result = run("certify", TWO_MODELS, "--max-deviations", "5")
        self.assertEqual(result.returncode, 2, result.stdout + result.stderr)
        self.assertIn("--max-deviations: applies to finite action spaces only", result.stderr)
        self.assertEqual(result.stdout, "")


if __name__ == "__main__":
    unittest.main()
