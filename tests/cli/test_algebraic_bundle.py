"""`solve --algebraic --proof-log`: the exact answer travels in the bundle as re-checkable artifacts (a claim in
JSON and its QF_NRA query), `bigcert replay` re-derives it, and a bundle that re-checks nothing fails. The
curved-only flags are refused where they do not apply."""
import hashlib
import json
import os
import subprocess
import tempfile
import unittest

BIGCERT = os.environ.get("BIGCERT", "build/bigcert")
SOURCE = os.environ.get("BIGCERT_SOURCE_DIR", ".")
DISC_TWO = os.path.join(SOURCE, "examples/disc-two/disc-two.json")
DISC_THREE = os.path.join(SOURCE, "examples/disc-three/disc-three.json")
PAPER = os.path.join(SOURCE, "examples/paper-ex1a.json")


def run(*args):
    return subprocess.run([BIGCERT, *args], capture_output=True, text=True, timeout=300)


def read(bundle, name):
    with open(os.path.join(bundle, name)) as f:
        return f.read()


def rewrite(bundle, name, text):
    """Writes a file of the bundle and puts its new digest into manifest.json (a consistent forgery)."""
    with open(os.path.join(bundle, name), "w") as f:
        f.write(text)
    manifest = json.loads(read(bundle, "manifest.json"))
    for entry in manifest["artifacts"]:
        if entry["file"] == name:
            entry["sha256"] = hashlib.sha256(text.encode()).hexdigest()
    with open(os.path.join(bundle, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)


class AlgebraicBundle(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.bundle = os.path.join(self.tmp.name, "log")
        r = run("solve", "--algebraic", "--proof-log", self.bundle, DISC_TWO)
        self.assertEqual(r.returncode, 0, r.stderr)

    def tearDown(self):
        self.tmp.cleanup()

    def replay(self):
        return run("replay", self.bundle)

    def test_replay_rechecks_the_exact_answer(self):
        manifest = json.loads(read(self.bundle, "manifest.json"))
        kinds = {a["file"]: (a.get("kind"), a.get("expected")) for a in manifest["artifacts"]}
        self.assertEqual(kinds["algebraic-claim.smt2"], ("smt2", "unsat"))
        self.assertEqual(kinds["algebraic-claim.json"][0], "algebraic-claim")
        claim = json.loads(read(self.bundle, "algebraic-claim.json"))
        r1 = claim["coordinates"][1]
        self.assertEqual(r1["variable"], "r_1")
        self.assertEqual(r1["polynomial"], ["-4", "4", "4", "-4", "1"])  # y^4 - 4y^3 + 4y^2 + 4y - 4
        r = self.replay()
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("2 of 2 exact artifacts re-checked", r.stdout)
        # The query is a stock z3 file, with players by index only.
        query = read(self.bundle, "algebraic-claim.smt2")
        self.assertEqual(subprocess.run(["z3", "-T:60", os.path.join(self.bundle, "algebraic-claim.smt2")],
                                        capture_output=True, text=True).stdout.split("\n")[0], "unsat")
        self.assertNotIn("right", query)
        self.assertNotIn("left", query)

    def test_bundle_without_artifacts_fails(self):
        manifest = json.loads(read(self.bundle, "manifest.json"))
        for entry in manifest["artifacts"]:
            os.unlink(os.path.join(self.bundle, entry["file"]))
        manifest["artifacts"] = []
        with open(os.path.join(self.bundle, "manifest.json"), "w") as f:
            json.dump(manifest, f)
        r = self.replay()
        self.assertNotEqual(r.returncode, 0, r.stdout)
        self.assertIn("nothing to re-check", r.stdout)

    def test_deleted_artifact_fails(self):
        os.unlink(os.path.join(self.bundle, "algebraic-claim.json"))
        r = self.replay()
        self.assertNotEqual(r.returncode, 0, r.stdout)

    def test_tampered_coefficient_fails_even_with_a_fixed_digest(self):
        claim = json.loads(read(self.bundle, "algebraic-claim.json"))
        claim["coordinates"][1]["polynomial"][0] = "-5"
        rewrite(self.bundle, "algebraic-claim.json", json.dumps(claim, indent=2))
        r = self.replay()
        self.assertNotEqual(r.returncode, 0, r.stdout)
        self.assertIn("FAILED", r.stdout)

    def test_interval_without_a_root_fails(self):
        claim = json.loads(read(self.bundle, "algebraic-claim.json"))
        claim["coordinates"][1]["interval"] = ["1", "2"]  # y^4 - 4y^3 + 4y^2 + 4y - 4 > 0 on [1, 2]
        rewrite(self.bundle, "algebraic-claim.json", json.dumps(claim, indent=2))
        r = self.replay()
        self.assertNotEqual(r.returncode, 0, r.stdout)
        self.assertIn("0 real roots", r.stdout)

    def test_consistent_forgery_of_claim_and_query_fails_in_z3(self):
        # r_0 = 1/1000 instead of 0, in the claim and in its query alike: the digests and the regenerated text
        # agree, the roots are isolated, and only z3 finds the profile is not an equilibrium.
        claim = json.loads(read(self.bundle, "algebraic-claim.json"))
        self.assertEqual(claim["coordinates"][0], {"variable": "r_0", "value": "0"})
        claim["coordinates"][0]["value"] = "1/1000"
        rewrite(self.bundle, "algebraic-claim.json", json.dumps(claim, indent=2))
        query = read(self.bundle, "algebraic-claim.smt2")
        self.assertIn("(assert (= r_0 0.0))", query)
        rewrite(self.bundle, "algebraic-claim.smt2", query.replace("(assert (= r_0 0.0))", "(assert (= r_0 (/ 1.0 1000.0)))"))
        r = self.replay()
        self.assertNotEqual(r.returncode, 0, r.stdout)
        self.assertIn("re-checked algebraic-claim.json", r.stdout)
        self.assertIn("FAILED     algebraic-claim.smt2", r.stdout)
        self.assertIn("found sat", r.stdout)

    def test_query_not_of_the_claim_fails(self):
        rewrite(self.bundle, "algebraic-claim.smt2", "(set-logic QF_NRA)\n(assert false)\n(check-sat)\n")
        r = self.replay()
        self.assertNotEqual(r.returncode, 0, r.stdout)
        self.assertIn("not the query of this claim", r.stdout)


class RationalWithPolytope(unittest.TestCase):
    """A rational equilibrium with a polytope player: the claim holds values only, and the query's polytope
    branch (no y in the box with g.(y - x) > 0) is what catches a forged action."""

    GAME = {"format": "bigcert/1", "dimension": 2, "players": [
        {"target": [0, 0], "weight": "1/2", "action_set": {"ball": {"center": [0, 0], "radius": 1}}},
        {"target": [3, 3], "weight": "1/2", "action_set": {"box": {"lo": ["-1/2", "-1/2"], "hi": ["1/2", "1/2"]}}}]}

    def test_replays_and_a_forged_vertex_fails(self):
        with tempfile.TemporaryDirectory() as tmp:
            game, bundle = os.path.join(tmp, "game.json"), os.path.join(tmp, "log")
            with open(game, "w") as f:
                json.dump(self.GAME, f)
            self.assertEqual(run("solve", "--algebraic", "--proof-log", bundle, game).returncode, 0)
            claim = json.loads(read(bundle, "algebraic-claim.json"))
            self.assertEqual([c.get("value") for c in claim["coordinates"]], ["0", "0", "-1/2", "-1/2", "1/2", "1/2"])
            r = run("replay", bundle)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            self.assertIn("2 of 2 exact artifacts re-checked", r.stdout)
            # Player 1 moved off its vertex to (1/2, 1/4), player 0 to (-1/2, -1/4): the receiver is still 0.
            claim["coordinates"][3]["value"], claim["coordinates"][5]["value"] = "-1/4", "1/4"
            rewrite(bundle, "algebraic-claim.json", json.dumps(claim, indent=2))
            query = read(bundle, "algebraic-claim.smt2")
            query = query.replace("(assert (= x_0_1 (- (/ 1.0 2.0))))", "(assert (= x_0_1 (- (/ 1.0 4.0))))")
            query = query.replace("(assert (= x_1_1 (/ 1.0 2.0)))", "(assert (= x_1_1 (/ 1.0 4.0)))")
            rewrite(bundle, "algebraic-claim.smt2", query)
            r = run("replay", bundle)
            self.assertNotEqual(r.returncode, 0, r.stdout)
            self.assertIn("re-checked algebraic-claim.json", r.stdout)
            self.assertIn("found sat", r.stdout)


class ThreeDiscs(unittest.TestCase):
    def test_three_discs_replay(self):
        with tempfile.TemporaryDirectory() as tmp:
            bundle = os.path.join(tmp, "log")
            self.assertEqual(run("solve", "--algebraic", "--proof-log", bundle, DISC_THREE).returncode, 0)
            r = run("replay", bundle)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            self.assertIn("2 of 2 exact artifacts re-checked", r.stdout)


class CurvedFlagsRefused(unittest.TestCase):
    def test_on_polytope_only_game(self):
        with tempfile.TemporaryDirectory() as tmp:
            query = os.path.join(tmp, "q.smt2")
            for args in (["--z3-query", query], ["--algebraic"], ["--algebraic", "--json"]):
                with self.subTest(args=args):
                    r = run("solve", *args, PAPER)
                    self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
                    self.assertIn(args[0], r.stderr)
                    self.assertEqual(len(r.stderr.strip().splitlines()), 1)
            self.assertFalse(os.path.exists(query))

    def test_finite_and_inner_loss_games(self):
        for example in ("finite-2d-repeats.json", "paper-ex4-inner.json"):
            with self.subTest(example=example):
                r = run("solve", "--algebraic", os.path.join(SOURCE, "examples", example))
                self.assertEqual(r.returncode, 2, r.stdout + r.stderr)

    def test_z3_query_needs_every_player_curved(self):
        with tempfile.TemporaryDirectory() as tmp:
            query = os.path.join(tmp, "q.smt2")
            r = run("solve", "--z3-query", query, os.path.join(SOURCE, "examples/ellipse-mixed/ellipse-mixed.json"))
            self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
            self.assertFalse(os.path.exists(query))
            r = run("solve", "--z3-query", query, DISC_TWO)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertTrue(os.path.getsize(query) > 0)


if __name__ == "__main__":
    unittest.main()
