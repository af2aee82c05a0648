"""FORMAT.md: in every input, a key that is not defined (a misspelt "wieght") or a key given twice is an error
naming its JSON path (exit 2), never silently ignored, overridden or merged; a receiver list and
per-player `care` are read by `solve` only and refused as not supported yet elsewhere. Instances (general loader and the
d = 1 fast path of `solve --json`), batch lines, sweep specs, profiles, start files, solutions to plot."""
import json
import os
import subprocess
import tempfile
import unittest

BIGCERT = os.environ.get("BIGCERT", "build/bigcert")
SOURCE = os.environ.get("BIGCERT_SOURCE_DIR", ".")


def run(*args, stdin=None):
    return subprocess.run([BIGCERT, *args], input=stdin, capture_output=True, text=True, timeout=300)


SET = '"action_set": {"interval": [0, 6]}'


class StrictKeys(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.dir.cleanup()

    def path(self, name):
        return os.path.join(self.dir.name, name)

    def write(self, name, text):
        with open(self.path(name), "w") as f:
            f.write(text if isinstance(text, str) else json.dumps(text))
        return self.path(name)

    def assert_bad_input(self, result, message, code=2):
        self.assertEqual(result.returncode, code, result.stderr)
        self.assertEqual(len(result.stderr.strip().splitlines()), 1, result.stderr)
        self.assertIn(message, result.stderr)

    def test_solve_refuses_unknown_and_repeated_keys_on_both_paths(self):
        cases = [
            ('{%s, "players": [{"target": 1}, {"target": 4, "wieght": 2}]}' % SET, "players[1].wieght: unknown key"),
            ('{%s, "players": [{"target": 1}, {"target": 2}], "players": [{"target": 3}]}' % SET,
             "players: duplicate key"),
            ('{%s, "players": [{"target": 1, "weight": 1, "weight": 2}]}' % SET, "players[0].weight: duplicate key"),
            ('{"action_set": {"interval": [0, 6], "interval": [0, 1]}, "players": [{"target": 1}]}',
             "action_set.interval: duplicate key"),
            ('{"action_set": {"interval": [0, 6], "interval2": [0, 1]}, "players": [{"target": 1}]}',
             "action_set.interval2: unknown key"),
            ('{%s, "bias": {"weight": 1, "point": 0, "wieght": 2}, "players": [{"target": 1}]}' % SET,
             "bias.wieght: unknown key"),
            ('{"dimension": 2, "action_set": {"box": {"lo": [0, 0], "hi": [1, 1], "hi": [2, 2]}}, '
             '"players": [{"target": [0, 0]}]}', "action_set.box.hi: duplicate key"),
            ('{%s, "receivers": [{"name": "m", "weights": ["1/2", "1/2"], "wieght": 1}], "players": [{"target": 1}, '
             '{"target": 2}]}' % SET, "receivers[0].wieght: unknown key"),
            ('{%s, "players": [{"target": 1, "care": [1]}]}' % SET, "players[0].care: "),
        ]
        for text, message in cases:
            for args in (["--json"], []):  # --json tries the d = 1 fast path first
                with self.subTest(text=text, args=args):
                    self.assert_bad_input(run("solve", "-", *args, stdin=text), message)
        valid = '{%s, "receivers": [{"weights": [1]}], "players": [{"target": 1}]}' % SET
        self.assertEqual(run("solve", "-", "--json", stdin=valid).returncode, 0)
        receivers = run("enumerate", "-", stdin=valid)
        self.assertEqual(receivers.returncode, 2)
        self.assertIn("not supported yet", receivers.stderr)

    def test_a_large_d1_instance_read_by_the_fast_path_names_the_unknown_key(self):
        # More than 1 MB: the fast path splits the players between two threads; the misspelt key is in the
        # second half, the duplicated one at the end.
        players = [{"target": k % 7, "weight": "1/3"} for k in range(120000)]
        players[90000]["wieght"] = 2
        text = json.dumps({"format": "bigcert/1", "action_set": {"interval": [0, 6]}, "players": players})
        self.assertGreater(len(text), 1 << 21)
        self.assert_bad_input(run("solve", self.write("big.json", text), "--json"), "players[90000].wieght: unknown key")
        del players[90000]["wieght"]
        good = json.dumps({"format": "bigcert/1", "action_set": {"interval": [0, 6]}, "players": players})
        self.assertEqual(run("solve", self.write("good.json", good), "--json").returncode, 0)
        doubled = good[:-1] + ', "action_set": {"interval": [0, 5]}}'
        self.assert_bad_input(run("solve", self.write("doubled.json", doubled), "--json"), "action_set: duplicate key")

    def test_description_is_free_text(self):
        text = '{"description": "two players", %s, "players": [{"target": 1, "description": "left"}, {"target": 4}]}' % SET
        for args in (["--json"], []):
            self.assertEqual(run("solve", "-", *args, stdin=text).returncode, 0)
        self.assert_bad_input(run("solve", "-", stdin='{"description": 1, %s, "players": [{"target": 1}]}' % SET),
                              "description: expected a string")

    def test_batch_lines_are_instances(self):
        lines = ['{"name": "a", %s, "players": [{"target": 1, "wieght": 2}]}' % SET,
                 '{"name": "b", %s, "players": [{"target": 1}], "players": [{"target": 2}]}' % SET,
                 '{"name": "c", %s, "players": [{"target": 1}]}' % SET]
        out = self.path("out.jsonl")
        r = run("batch", self.write("in.jsonl", "\n".join(lines) + "\n"), "--out", out)
        with open(out) as f:
            results = {line["id"]: line for line in map(json.loads, f)}
        self.assertIn("players[0].wieght: unknown key", results["a"]["error"])
        self.assertEqual(results["a"]["error_kind"], "input")
        self.assertEqual(results["b"]["error"], "players: duplicate key")
        self.assertIn("solution", results["c"])
        self.assertNotEqual(r.returncode, 3, r.stderr)

    def test_sweep_specs(self):
        base = {"name": "s", "action_set": {"interval": [0, 6]}, "players": [{"target": 1}, {"target": 4}]}
        ranges = {"players[0].target": {"lo": 0, "hi": 1}}
        cases = [
            ({"base": base, "grid": {"players[0].target": [1]}, "gird": {}}, "gird: unknown key"),
            ({"base": base, "random": {"count": 2, "ranges": ranges, "sede": 3}}, "random.sede: unknown key"),
            ({"base": base, "random": {"count": 2, "ranges": {"players[0].target": {"lo": 0, "hi": 1, "denom": 3}}}},
             "random.ranges.players[0].target.denom: unknown key"),
        ]
        for k, (spec, message) in enumerate(cases):
            with self.subTest(spec=spec):
                self.assert_bad_input(run("batch", "--sweep", self.write(f"s{k}.json", spec), "--out", self.path(f"o{k}")),
                                      message)
        doubled = ('{"base": %s, "grid": {"players[0].target": [1], "players[0].target": [2, 3]}}' % json.dumps(base))
        self.assert_bad_input(run("batch", "--sweep", self.write("d.json", doubled), "--out", self.path("od")),
                              "grid.players[0].target: duplicate key")
        nested = ('{"base": {"action_set": {"interval": [0, 6]}, "players": [{"target": 1, "weight": 1, "weight": 2}]},'
                  ' "grid": {"players[0].target": [1]}}')
        self.assert_bad_input(run("batch", "--sweep", self.write("n.json", nested), "--out", self.path("on")),
                              "base.players[0].weight: duplicate key")
        # An unknown key in the base is the spec's error, not every line's.
        misspelt = {"base": dict(base, players=[{"target": 1, "wieght": 2}]), "grid": {"players[0].target": [1, 2]}}
        self.assert_bad_input(run("batch", "--sweep", self.write("m.json", misspelt), "--out", self.path("om")),
                              "base.players[0].wieght: unknown key")
        # Errors that depend on the values stay per line: here the first point's set is empty.
        empty = {"base": base, "grid": {"action_set.interval[0]": [7, 0]}}
        out = self.path("oe")
        run("batch", "--sweep", self.write("e.json", empty), "--out", out)
        with open(out) as f:
            lines = [json.loads(line) for line in f]
        self.assertEqual(len(lines), 2)
        self.assertIn("empty set", lines[0]["error"])
        self.assertIn("solution", lines[1])

    def test_profiles_start_files_and_solutions_to_plot(self):
        example = os.path.join(SOURCE, "examples", "paper-ex1a.json")
        solution = json.loads(run("solve", example, "--json").stdout)
        self.assertEqual(run("certify", example, "--profile", self.write("ok.json", solution)).returncode, 0)
        unknown = dict(solution, equilibrium=dict(solution["equilibrium"], acions=[["1"], ["6"]]))
        self.assert_bad_input(run("certify", example, "--profile", self.write("u.json", unknown)),
                              "equilibrium.acions: unknown key")
        self.assert_bad_input(run("certify", example, "--profile", self.write("t.json", dict(solution, actions=[]))),
                              "actions: unknown key")
        text = json.dumps(solution)
        doubled = text.replace('"equilibrium": {', '"equilibrium": {"actions": [["1"], ["6"]], ', 1)
        self.assert_bad_input(run("certify", example, "--profile", self.write("d.json", doubled)),
                              "equilibrium.actions: duplicate key")
        self.assert_bad_input(run("plot", example, "--solution", self.write("pd.json", doubled), "--svg", self.path("x.svg")),
                              "equilibrium.actions: duplicate key")
        self.assert_bad_input(run("plot", example, "--solution", self.write("pu.json", unknown), "--svg", self.path("y.svg")),
                              "equilibrium.acions: unknown key")
        self.assertEqual(run("plot", example, "--solution", self.write("pok.json", solution), "--svg",
                             self.path("z.svg")).returncode, 0)
        start = '{"actions": [[0], [6]], "actions": [[1], [6]]}'
        self.assert_bad_input(run("dynamics", example, "--start", self.write("s.json", start)), "actions: duplicate key")
        self.assert_bad_input(run("dynamics", example, "--start", self.write("s2.json", {"actions": [[0], [6]], "x": 1})),
                              "x: unknown key")
        self.assertEqual(run("dynamics", example, "--start", self.write("s3.json", {"actions": [[0], [6]]})).returncode, 0)


if __name__ == "__main__":
    unittest.main()
