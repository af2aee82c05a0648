"""User text never reaches SMT-LIB (docs/cli.md "certify", "check"): names of instances and players are free
strings, and a name holding a line break followed by `(assert false)` used to become a command of the query
(check answered "one equilibrium" for a game with infinitely many; certify saw both queries unsat for a
non-equilibrium), and a bare line break made Z3 fail to parse (exit 3). Queries name players by index; names
live in manifest.json. Every verdict, and every query text byte for byte, must be the same whatever the names."""
import glob
import json
import os
import shutil
import subprocess
import tempfile
import unittest
from fractions import Fraction

BIGCERT = os.environ.get("BIGCERT", "build/bigcert")
SOURCE = os.environ.get("BIGCERT_SOURCE_DIR", ".")

# The instance of the report: two players with the same target on [0, 10], hence infinitely many equilibria
# (any x_1 + x_2 = 6) and Theorem 4's conclusion fails (both interior).
INJECTED = "dup\n(assert false)\n;"
HOSTILE = [INJECTED, "a\nb", "x ; (assert false)", "|quoted| symbol", ")", "(check-sat)(exit)",
           "é名🎲 non-ASCII", "nul\u0000byte", "\"quote\\backslash", "\r\n(exit)\r\n", "-T:0", "line\u2028sep",
           "; (pop 1)\n(push 1)\n(assert (= 1 0))\n"]


def run(*args, stdin=None):
    return subprocess.run([BIGCERT, *args], input=stdin, capture_output=True, text=True, timeout=300)


def dup_game(name=None, player_names=None):
    game = {"action_set": {"interval": [0, 10]},
            "players": [{"target": 3, "weight": 0.5}, {"target": 3, "weight": 0.5}]}
    if name is not None:
        game = {"name": name, **game}
    for player, pname in zip(game["players"], player_names or []):
        player["name"] = pname
    return game


def example(name):
    with open(os.path.join(SOURCE, "examples", name + ".json")) as f:
        return json.load(f)


def renamed(game, name):
    """The game with the instance and every player named `name` (+ the player's index)."""
    game = json.loads(json.dumps(game))
    game["name"] = name
    for i, player in enumerate(game["players"]):
        player["name"] = name + str(i)
    return game


def without_names(verdict):
    """A certify/check object without the keys that carry names or paths (they may differ by design)."""
    if isinstance(verdict, dict):
        return {k: without_names(v) for k, v in verdict.items()
                if k not in ("instance", "name", "premise_detail", "proof_log", "manifest_sha256")}
    if isinstance(verdict, list):
        return [without_names(v) for v in verdict]
    return verdict


def smt2_files(directory):
    out = {}
    for path in sorted(glob.glob(os.path.join(directory, "*.smt2"))):
        with open(path, "rb") as f:
            out[os.path.basename(path)] = f.read()
    return out


class UserTextStaysOutOfQueries(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="bigcert-user-text-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def write(self, name, obj):
        path = os.path.join(self.tmp, name)
        with open(path, "w") as f:
            json.dump(obj, f)
        return path

    def test_injected_name_does_not_change_check(self):
        plain = run("check", self.write("plain.json", dup_game("dup")), "--property", "all", "--json")
        hostile = run("check", self.write("hostile.json", dup_game(INJECTED)), "--property", "all", "--json")
        self.assertEqual(hostile.returncode, plain.returncode, hostile.stdout + hostile.stderr)
        self.assertEqual(hostile.returncode, 1, hostile.stdout + hostile.stderr)  # exaggeration fails
        props = json.loads(hostile.stdout)["properties"]
        self.assertEqual(props["count"]["value"], "infinite")
        self.assertEqual(props["exaggeration"]["verdict"], "fails")
        self.assertEqual(json.loads(hostile.stdout)["instance"], INJECTED)
        self.assertEqual(without_names(json.loads(hostile.stdout)), without_names(json.loads(plain.stdout)))

    def test_injected_name_does_not_certify_a_non_equilibrium(self):
        profile = self.write("profile.json", {"equilibrium": {"actions": [["0"], ["0"]]}})
        for name in ("dup", INJECTED):
            with self.subTest(name=name):
                r = run("certify", self.write("game.json", dup_game(name, [name, name])), "--profile", profile,
                        "--json")
                self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
                c = json.loads(r.stdout)
                self.assertEqual(c["verdict"], "refuted")
                self.assertEqual([p["verdict"] for p in c["players"]], ["refuted", "refuted"])
                for player in c["players"]:  # receiver 0, target 3: the deviation d helps, re-checked exactly
                    d = Fraction(player["deviation"][0])
                    improvement = 9 - (d / 2 - 3) ** 2
                    self.assertTrue(0 <= d <= 10)
                    self.assertGreater(improvement, 0)
                    self.assertEqual(Fraction(player["improvement"]), improvement)
                self.assertEqual([p["methods"]["variational"] for p in c["players"]], ["sat", "sat"])

    def test_injected_name_gives_consistent_batch_check(self):
        jsonl = os.path.join(self.tmp, "in.jsonl")
        with open(jsonl, "w") as f:
            f.write(json.dumps(dup_game(INJECTED)) + "\n" + json.dumps(dup_game("plain")) + "\n")
        out = os.path.join(self.tmp, "out.jsonl")
        r = run("batch", jsonl, "--out", out, "--check")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        with open(out) as f:
            lines = [json.loads(line) for line in f]
        self.assertEqual([line["id"] for line in lines], [INJECTED, "plain"])
        for line in lines:
            self.assertEqual(line["solution"]["equilibria"]["count"], "infinite")
            self.assertEqual(line["check"]["properties"]["count"]["value"], "infinite")
            self.assertEqual(line["check"]["properties"]["exaggeration"]["verdict"], "fails")
        self.assertEqual(without_names(lines[0]["check"]), without_names(lines[1]["check"]))

    def test_hostile_names_leave_verdicts_and_query_texts_unchanged(self):
        """Every hostile name, as the instance's and every player's name: the same exit code and verdict as
        the plain game, byte-identical .smt2 files, and the names intact (JSON-escaped) in manifest.json."""
        for base in ("paper-ex1a", "paper-ex2"):
            game = example(base)
            plain_path = self.write(base + ".json", renamed(game, "plain"))
            expected = {}
            for command in ("certify", "check"):
                log = os.path.join(self.tmp, base + "-plain-" + command)
                r = run(command, plain_path, "--json", "--proof-log", log)
                expected[command] = (r.returncode, without_names(json.loads(r.stdout)), smt2_files(log))
                self.assertTrue(expected[command][2], "no query files in " + log)
            for k, name in enumerate(HOSTILE):
                path = self.write(f"{base}-{k}.json", renamed(game, name))
                for command in ("certify", "check"):
                    with self.subTest(base=base, name=name, command=command):
                        log = os.path.join(self.tmp, f"{base}-{k}-{command}")
                        r = run(command, path, "--json", "--proof-log", log)
                        code, verdict, queries = expected[command]
                        self.assertEqual(r.returncode, code, r.stdout + r.stderr)
                        self.assertEqual(without_names(json.loads(r.stdout)), verdict)
                        self.assertEqual(smt2_files(log), queries)
                        with open(os.path.join(log, "manifest.json"), encoding="utf-8") as f:
                            manifest = json.load(f)
                        self.assertEqual(manifest["instance"]["name"], name)
                        if command == "certify":
                            subjects = {q["subject"] for q in manifest["queries"]}
                            self.assertEqual(subjects, {name + str(i) for i in range(len(game["players"]))})

    def test_bundle_with_hostile_names_replays(self):
        path = self.write("g.json", renamed(example("paper-ex2"), INJECTED))
        for command in ("certify", "check"):
            with self.subTest(command=command):
                log = os.path.join(self.tmp, "replay-" + command)
                r = run(command, path, "--proof-log", log)
                self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
                r = run("replay", log)
                self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

    def test_curved_queries_are_the_same_whatever_the_names(self):
        """Curved sets: certify's enclosure steps, solve --z3-query and solve --algebraic's proof log."""
        with open(os.path.join(SOURCE, "examples", "disc-two", "disc-two.json")) as f:
            disc = json.load(f)
        texts = {}
        for label, name in (("plain", "plain"), ("hostile", INJECTED)):
            path = self.write(label + ".json", renamed(disc, name))
            certify_log, algebraic_log = (os.path.join(self.tmp, label + suffix) for suffix in ("-c", "-a"))
            query = os.path.join(self.tmp, label + ".smt2")
            r = run("certify", path, "--json", "--proof-log", certify_log)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            verdict = without_names(json.loads(r.stdout))
            r = run("solve", path, "--z3-query", query)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            r = run("solve", path, "--algebraic", "--proof-log", algebraic_log, "--json")
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            with open(query, "rb") as f:
                texts[label] = (verdict, smt2_files(certify_log), smt2_files(algebraic_log), f.read())
        self.assertTrue(texts["plain"][1])
        self.assertEqual(texts["hostile"], texts["plain"])

if __name__ == "__main__":
    unittest.main()
