"""Command-line behaviour of the paper's variants (paper §5): `enumerate`, `export-nfg`, `dynamics`, and
`solve` on inner-loss and finite instances. Counts are cross-checked against an independent brute force
over the exported .nfg table, written here in Python with exact fractions."""
import itertools
import json
import os
import subprocess
import tempfile
import unittest
from fractions import Fraction

BIGCERT = os.environ.get("BIGCERT", "build/bigcert")
SOURCE = os.environ.get("BIGCERT_SOURCE_DIR", ".")
EX5 = os.path.join(SOURCE, "examples/paper-ex5-m4-k2.json")


def run(*args, stdin=None):
    return subprocess.run([BIGCERT, *args], input=stdin, capture_output=True, text=True, timeout=300)


def example5(m, k):
    step = [2 * k * 2 ** j for j in range(m)]
    w = f"1/{2 * k}"
    return json.dumps({"action_set": {"items": [-x for x in step] + step, "choose": k},
                       "players": [{"target": "-1/4", "weight": w}, {"target": "1/4", "weight": w}]})


def nfg_pure_equilibria(text):
    """Counts pure equilibria from the payoff table only (player 1's strategy varies fastest)."""
    header, _, rest = text.partition("\n{ ")
    counts = [int(c) for c in rest[:rest.index("}")].split()]
    body = rest[rest.index("}") + 1:]
    first = body.index('"')
    end = first + 1
    while body[end] != '"' or body[end - 1] == "\\":
        end += 1
    numbers = [Fraction(t) for t in body[end + 1:].split()]
    n = len(counts)
    table = {}
    profiles = list(itertools.product(*[range(c) for c in reversed(counts)]))
    for index, profile in enumerate(profiles):
        table[tuple(reversed(profile))] = numbers[index * n:(index + 1) * n]
    count = 0
    for profile, payoff in table.items():
        if all(table[profile[:i] + (s,) + profile[i + 1:]][i] <= payoff[i]
               for i in range(n) for s in range(counts[i])):
            count += 1
    return count


class Enumerate(unittest.TestCase):
    def test_example_5_count_and_listing(self):
        r = run("enumerate", EX5, "--list", "3")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("pure equilibria: 48", r.stdout)
        self.assertEqual(r.stdout.count("receiver (0)"), 3)
        self.assertEqual(run("enumerate", EX5, "--count").stdout.strip(), "48")

    def test_json_count_is_a_decimal_string_and_listed_profiles_are_item_lists(self):
        r = run("enumerate", EX5, "--json", "--list", "5")
        self.assertEqual(r.returncode, 0, r.stderr)
        s = json.loads(r.stdout)
        self.assertEqual(s["format"], "bigcert-solution/1")
        self.assertEqual(s["equilibria"]["count"], "48")
        self.assertEqual(len(s["listed"]), 5)
        for e in s["listed"]:
            self.assertEqual(e["receiver"], ["0"])
            self.assertEqual([len(a) for a in e["actions"]], [2, 2])

    def test_counting_methods_agree_with_the_nfg_table(self):
        for m, k in [(3, 1), (3, 2), (4, 2), (5, 2)]:
            with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
                f.write(example5(m, k))
            try:
                expected = nfg_pure_equilibria(run("export-nfg", f.name).stdout)
                self.assertGreaterEqual(expected, 1)
                for method in ["auto", "sweep", "receivers", "walk", "exhaustive"]:
                    r = run("enumerate", f.name, "--count", "--method", method)
                    self.assertEqual(r.returncode, 0, r.stderr)
                    self.assertEqual(int(r.stdout), expected, (m, k, method))
            finally:
                os.unlink(f.name)

    def test_large_counts_are_exact_integers(self):
        # 70 indifferent players (weight 0), 5 items each: 5^70 equilibria, beyond any machine integer.
        players = [{"target": 0, "weight": 0} for _ in range(70)]
        instance = json.dumps({"action_set": {"items": [1, 2, 3, 4, 5]}, "players": players})
        r = run("enumerate", "-", "--count", stdin=instance)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.strip(), str(5 ** 70))

    def test_finite_plane_game_with_repeats_is_counted_in_seconds(self):
        # The fuzz table's slow finite 2-D game (choose 52 with repeats): no answer in 100 s before.
        big = {"items": [[1, 0], [0, 1], [-1, -1]], "choose": 52, "repeats": True}
        small = {"items": [[2, 1], [-1, 3], [0, -2]], "choose": 1}
        instance = json.dumps({"dimension": 2, "action_set": big, "players": [
            {"target": ["7/3", "-5/2"], "weight": "1/2"}, {"target": [-4, "3/2"], "weight": 1},
            {"target": [1, 1], "weight": 2, "action_set": small}]})
        r = subprocess.run([BIGCERT, "solve", "-", "--json"], input=instance, capture_output=True, text=True,
                           timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        s = json.loads(r.stdout)
        self.assertEqual(s["equilibria"]["count"], "4")
        for method in ["walk", "receivers"]:
            r = run("enumerate", "-", "--count", "--quiet", "--method", method, stdin=instance)
            self.assertEqual((r.returncode, r.stdout.strip()), (0, "4"), (method, r.stderr))

    def test_counts_out_of_reach_are_refused_up_front(self):
        players = [{"target": [i, "1/3"], "weight": 1} for i in range(12)]
        instance = json.dumps({"dimension": 2, "action_set": {
            "items": [[1, 0], [0, 1], [-1, 0], [0, -1], [1, 1]], "choose": 30, "repeats": True},
            "players": players})
        r = subprocess.run([BIGCERT, "enumerate", "-", "--count", "--max-work", "1000000"], input=instance,
                           capture_output=True, text=True, timeout=30)
        self.assertEqual(r.returncode, 5, r.stderr)
        self.assertEqual(len(r.stderr.strip().splitlines()), 1, r.stderr)
        self.assertIn("--max-work", r.stderr)
        r = run("enumerate", "-", "--method", "nearest", stdin=instance)
        self.assertEqual(r.returncode, 2)
        self.assertIn("--method", r.stderr)

    def test_convex_instances_are_refused(self):
        r = run("enumerate", os.path.join(SOURCE, "examples/paper-ex1a.json"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("finite action spaces", r.stderr)


class BadFiniteInputs(unittest.TestCase):
    def check_error(self, action_set, expected):
        instance = json.dumps({"action_set": action_set, "players": [{"target": 0}]})
        r = run("solve", "-", stdin=instance)
        self.assertEqual(r.returncode, 2, r.stdout)
        self.assertEqual(len(r.stderr.strip().splitlines()), 1, r.stderr)
        self.assertIn(expected, r.stderr)

    def test_errors_name_the_json_path(self):
        self.check_error({"items": []}, "action_set.items: empty set: no items")
        self.check_error({"items": [1, 2], "choose": 0}, "action_set.choose: must be at least 1")
        self.check_error({"items": [1, 2], "choose": 5}, "action_set.choose: cannot choose 5 of 2 items")
        self.check_error({"items": [1, 1]}, "action_set.items: duplicate item")
        self.check_error({"items": list(range(100001))}, "action_set.items: 100001 items exceed the limit")
        self.check_error({"items": [1, 2], "choose": -1}, "action_set.choose")

    def test_absurd_strategy_spaces_hit_a_limit_instead_of_hanging(self):
        instance = json.dumps({"action_set": {"items": [1, 2, 3, 4, 5], "choose": 100000, "repeats": True},
                               "players": [{"target": 0}]})
        r = run("solve", "-", stdin=instance)
        self.assertEqual(r.returncode, 5, r.stderr)
        self.assertIn("needs more than", r.stderr)


class SolveVariants(unittest.TestCase):
    def test_example_4_inner_loss_has_infinitely_many_dominant_equilibria(self):
        r = run("solve", os.path.join(SOURCE, "examples/paper-ex4-inner.json"), "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        s = json.loads(r.stdout)
        self.assertEqual(s["equilibria"]["count"], "infinite")
        faces = {f["player"]: sorted(f["vertices"]) for f in s["equilibria"]["faces"]}
        self.assertEqual(faces[0], [["1", "-1"], ["1", "1"]])  # right edge
        self.assertEqual(faces[1], [["-1", "1"], ["1", "1"]])  # top edge

    def test_finite_solution_lists_chosen_items(self):
        r = run("solve", EX5, "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        s = json.loads(r.stdout)
        self.assertEqual(s["equilibria"]["count"], "48")
        self.assertEqual(s["equilibrium"]["receiver"], ["0"])
        items = [int(x[0]) for a in s["equilibrium"]["actions"] for x in a]
        self.assertEqual(sum(items), 0)


class BundledExamples(unittest.TestCase):
    def test_counts_of_the_variant_examples(self):
        # Expected counts from an independent brute force over all profiles (Python, exact fractions).
        for name, count in [("paper-ex5-m6-k3", "708"), ("likert-five-raters", "5"),
                            ("finite-2d-repeats", "1"), ("inner-triangle", "infinite")]:
            r = run("solve", os.path.join(SOURCE, "examples", name + ".json"), "--json")
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(json.loads(r.stdout)["equilibria"]["count"], count, name)


class ExportNfg(unittest.TestCase):
    def test_header_and_refusal_of_large_tables(self):
        r = run("export-nfg", EX5)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(r.stdout.startswith('NFG 1 R "paper-example-5-m4-k2" { "0" "1" }\n{ 28 28 }\n'))
        self.assertEqual(nfg_pure_equilibria(r.stdout), 48)
        big = run("export-nfg", "-", stdin=example5(12, 6))
        self.assertEqual(big.returncode, 5)
        self.assertIn("18116083216 profiles x 2 players = 36232166432 payoffs", big.stderr)
        self.assertIn("payoffs (limit", big.stderr)

    def test_convex_instances_are_refused(self):
        r = run("export-nfg", os.path.join(SOURCE, "examples/paper-ex1a.json"))
        self.assertEqual(r.returncode, 2)


class Dynamics(unittest.TestCase):
    def test_round_robin_reaches_example_1(self):
        r = run("dynamics", os.path.join(SOURCE, "examples/paper-ex1a.json"), "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        d = json.loads(r.stdout)
        self.assertEqual(d["outcome"], "equilibrium")
        self.assertEqual(d["final"]["actions"], [["0"], ["6"]])
        self.assertEqual(d["final"]["receiver"], ["3"])
        self.assertEqual(d["trajectory"][-1]["potential"], "-15")

    def test_simultaneous_cycle_is_reported(self):
        r = run("dynamics", EX5, "--simultaneous")
        self.assertEqual(r.returncode, 1)
        self.assertIn("cycle of length 2", r.stdout)

    def test_step_cap_is_a_limit_with_an_honest_distance(self):
        instance = json.dumps({"action_set": {"interval": [-10, 10]},
                               "players": [{"target": 1}, {"target": 2}, {"target": 0, "weight": "1/2"}]})
        r = run("dynamics", "-", "--max-steps", "30", "--json", stdin=instance)
        self.assertEqual(r.returncode, 5)
        d = json.loads(r.stdout)
        self.assertEqual(d["outcome"], "step cap")
        self.assertGreater(d["approximate"]["distance_to_equilibrium_receiver"], 0)

    def test_start_from_a_file(self):
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump({"actions": [[-4, 32], [4, 8]]}, f)
        try:
            r = run("dynamics", EX5, "--start", f.name, "--json")
            self.assertEqual(r.returncode, 0, r.stderr)
            d = json.loads(r.stdout)
            self.assertEqual(d["trajectory"][0]["actions"], [[["-4"], ["32"]], [["4"], ["8"]]])
            self.assertEqual(d["final"]["receiver"], ["0"])
            with open(f.name, "w") as g:
                json.dump({"actions": [[-4, 33], [4, 8]]}, g)
            bad = run("dynamics", EX5, "--start", f.name)
            self.assertEqual(bad.returncode, 2)
            self.assertIn("actions[0][1]: not one of the items", bad.stderr)
        finally:
            os.unlink(f.name)


if __name__ == "__main__":
    unittest.main()
