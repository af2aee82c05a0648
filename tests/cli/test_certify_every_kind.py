"""certify on every game kind through one pipeline: inner-loss and finite bundles have a manifest that
`bigcert replay` and stock z3 re-run (the inner loss once wrote files without one; finite games wrote
nothing), a forged finite claim fails the replay, the algebraic path's binary queries are in its manifest,
and an option that does not apply to a game kind is refused with exit 2 naming it (never ignored)."""
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import unittest

BIGCERT = os.environ.get("BIGCERT", "build/bigcert")
SOURCE = os.environ.get("BIGCERT_SOURCE_DIR", ".")
INNER = [os.path.join(SOURCE, "examples", n) for n in ("paper-ex4-inner.json", "inner-triangle.json")]
FINITE = [os.path.join(SOURCE, "examples", n)
          for n in ("paper-ex5-m4-k2.json", "finite-2d-repeats.json", "likert-five-raters.json")]
EX5 = FINITE[0]
CONVEX = os.path.join(SOURCE, "examples", "paper-ex1a.json")
DISC_TWO = os.path.join(SOURCE, "examples", "disc-two", "disc-two.json")


def run(*args, timeout=300):
    return subprocess.run([BIGCERT, *args], capture_output=True, text=True, timeout=timeout)


def z3_answer(path):
    r = subprocess.run(["z3", "-T:120", path], capture_output=True, text=True, timeout=300)
    return r.stdout.split("\n")[0].strip()


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


class Bundle:
    """A fresh directory for one bundle, removed afterwards."""

    def __enter__(self):
        self.parent = tempfile.mkdtemp()
        return os.path.join(self.parent, "bundle")

    def __exit__(self, *exc):
        shutil.rmtree(self.parent)


class ReplayMixin:
    def assert_replays(self, bundle):
        """bigcert replay passes, and stock z3 gives every query's recorded answer and every smt2 artifact's
        expected one; returns the manifest."""
        with open(os.path.join(bundle, "manifest.json")) as f:
            manifest = json.load(f)
        r = run("replay", bundle)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        for q in manifest["queries"]:
            if q["z3_answer"] in ("sat", "unsat"):
                self.assertEqual(z3_answer(os.path.join(bundle, q["file"])), q["z3_answer"], q["file"])
        for a in manifest.get("artifacts", []):
            if a.get("kind") == "smt2":
                self.assertEqual(z3_answer(os.path.join(bundle, a["file"])), a["expected"], a["file"])
        return manifest


class InnerLossBundles(unittest.TestCase, ReplayMixin):
    def test_certified_bundles_replay(self):
        for path in INNER:
            with self.subTest(instance=os.path.basename(path)), Bundle() as bundle:
                r = run("certify", "--json", "--proof-log", bundle, path)
                self.assertEqual(r.returncode, 0, r.stderr)
                c = json.loads(r.stdout)
                self.assertEqual(c["verdict"], "certified")
                self.assertEqual(c["proof_log"], bundle)
                self.assertEqual(c["manifest_sha256"], sha256(os.path.join(bundle, "manifest.json")))
                manifest = self.assert_replays(bundle)
                files = [q["file"] for q in manifest["queries"]]
                self.assertIn("dominance-lemma-d2.smt2", files)
                self.assertEqual(sum(f.endswith("-reduced.smt2") for f in files), len(c["players"]))
                self.assertTrue(all(q["z3_answer"] == "unsat" for q in manifest["queries"]))
                self.assertTrue(manifest["reductions"])

    def test_refuted_bundle_replays_its_sat_answer(self):
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump({"equilibrium": {"actions": [[0, 0], [1, 1]]}}, f)
        try:
            with Bundle() as bundle:
                r = run("certify", "--json", "--proof-log", bundle, "--profile", f.name, INNER[0])
                self.assertEqual(r.returncode, 1, r.stderr)
                c = json.loads(r.stdout)
                self.assertEqual(c["players"][0]["verdict"], "refuted")
                manifest = self.assert_replays(bundle)
                answers = {q["file"]: q["z3_answer"] for q in manifest["queries"]}
                self.assertEqual(answers["dominance-player-0000000-reduced.smt2"], "sat")
        finally:
            os.unlink(f.name)

    def test_threads_and_json_are_honoured(self):
        one = run("certify", "--json", "--threads", "1", INNER[1])
        two = run("certify", "--json", "--threads", "2", INNER[1])
        self.assertEqual((one.returncode, two.returncode), (0, 0), one.stderr + two.stderr)
        self.assertEqual(json.loads(one.stdout), json.loads(two.stdout))
        self.assertEqual(json.loads(one.stdout)["format"], "bigcert-certificate/1")

    def test_latex_names_the_bundle(self):
        with Bundle() as bundle:
            tex = bundle + ".tex"
            r = run("certify", "--proof-log", bundle, "--latex", tex, INNER[0])
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(tex) as f:
                text = f.read().replace("\\allowbreak{}", "")
            self.assertIn(sha256(os.path.join(bundle, "manifest.json")), text)
            os.unlink(tex)


def profile_file(actions):
    f = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
    json.dump({"equilibrium": {"actions": actions}}, f)
    f.close()
    return f.name


class FiniteBundles(unittest.TestCase, ReplayMixin):
    def test_certified_bundles_replay(self):
        for path in FINITE:
            with self.subTest(instance=os.path.basename(path)), Bundle() as bundle:
                r = run("certify", "--json", "--proof-log", bundle, path)
                self.assertEqual(r.returncode, 0, r.stderr)
                self.assertEqual(json.loads(r.stdout)["verdict"], "certified")
                manifest = self.assert_replays(bundle)
                kinds = {a["file"]: (a.get("kind"), a.get("expected")) for a in manifest["artifacts"]}
                self.assertEqual(kinds["finite-deviations.json"], ("finite-deviations", "certified"))
                self.assertEqual(kinds["finite-deviations.smt2"], ("smt2", "unsat"))
                r = run("replay", bundle)
                self.assertIn("every deviation compared again", r.stdout)
                self.assertTrue(any("every distinct" in n for n in manifest["reductions"]) or manifest["reductions"])

    def test_refuted_bundle_replays_and_a_forged_certificate_does_not(self):
        profile = profile_file([[-4, -8], [4, 32]])
        try:
            with Bundle() as bundle:
                r = run("certify", "--json", "--proof-log", bundle, "--profile", profile, EX5)
                self.assertEqual(r.returncode, 1, r.stderr)
                self.assertEqual(json.loads(r.stdout)["verdict"], "refuted")
                self.assert_replays(bundle)
                # Forge: claim "certified" with consistent digests. The exact re-check and z3 must both object.
                claim_path = os.path.join(bundle, "finite-deviations.json")
                with open(claim_path) as f:
                    claim = json.load(f)
                claim["verdict"] = "certified"
                for p in claim["players"]:
                    p["verdict"] = "certified"
                    p.pop("deviation", None), p.pop("improvement", None)
                with open(claim_path, "w") as f:
                    json.dump(claim, f)
                manifest_path = os.path.join(bundle, "manifest.json")
                with open(manifest_path) as f:
                    manifest = json.load(f)
                for a in manifest["artifacts"]:
                    if a["file"] == "finite-deviations.json":
                        a["expected"], a["sha256"] = "certified", sha256(claim_path)
                    if a["file"] == "finite-deviations.smt2":
                        a["expected"] = "unsat"
                with open(manifest_path, "w") as f:
                    json.dump(manifest, f)
                r = run("replay", bundle)
                self.assertEqual(r.returncode, 1, r.stdout)
                self.assertIn("not an equilibrium", r.stdout)
        finally:
            os.unlink(profile)

    def test_too_many_deviations_is_exit_5_naming_the_flag(self):
        r = run("certify", "--max-deviations", "3", EX5)
        self.assertEqual(r.returncode, 5, r.stdout + r.stderr)
        self.assertIn("--max-deviations", r.stderr)
        with Bundle() as bundle:
            r = run("certify", "--max-deviations", "20", "--proof-log", bundle, EX5)
            self.assertEqual(r.returncode, 5, r.stdout + r.stderr)
            self.assertIn("--max-deviations", r.stderr)
            self.assertFalse(os.path.exists(bundle))
        self.assertEqual(run("certify", "--max-deviations", "200", EX5).returncode, 0)

    def test_the_finite_json_is_the_same_with_and_without_threads(self):
        one = run("certify", "--json", "--threads", "1", FINITE[1])
        two = run("certify", "--json", "--threads", "2", FINITE[1])
        self.assertEqual(json.loads(one.stdout), json.loads(two.stdout))


class AlgebraicBundle(unittest.TestCase, ReplayMixin):
    def test_the_binary_queries_are_in_the_manifest_and_replay(self):
        with Bundle() as bundle:
            r = run("solve", "--algebraic", "--proof-log", bundle, DISC_TWO)
            self.assertEqual(r.returncode, 0, r.stderr)
            manifest = self.assert_replays(bundle)
            kinds = {a.get("kind") for a in manifest["artifacts"]}
            self.assertEqual(kinds, {"algebraic-claim", "smt2"})
            for q in manifest["queries"]:
                self.assertEqual(q["purpose"], "solve:algebraic")
                self.assertEqual(q["sha256"], sha256(os.path.join(bundle, q["file"])))


class RefusedOptions(unittest.TestCase):
    def assert_refused(self, args, flag, why=""):
        r = run(*args)
        self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
        self.assertIn(flag, r.stderr)
        self.assertIn(why, r.stderr)
        self.assertEqual(len(r.stderr.strip().split("\n")), 1, r.stderr)
        self.assertEqual(r.stdout, "")

    def test_z3_limits_on_finite_games(self):
        for flag, value in (("--timeout", "5"), ("--rlimit", "1000")):
            self.assert_refused(["certify", flag, value, EX5], flag, "does not apply to finite action spaces")

    def test_max_deviations_outside_finite_games(self):
        for path in (CONVEX, INNER[0], DISC_TWO):
            self.assert_refused(["certify", "--max-deviations", "10", path], "--max-deviations",
                                "applies to finite action spaces only")

    def test_latex_without_a_bundle(self):
        for path in (CONVEX, INNER[0], EX5):
            self.assert_refused(["certify", "--latex", "/tmp/bigcert-unused.tex", path], "--latex")

    def test_check_on_inner_and_finite_games_is_unsupported(self):
        for path in (INNER[0], EX5):
            r = run("check", "--json", path)
            self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
            self.assertIn("not supported", r.stderr)


if __name__ == "__main__":
    unittest.main()
