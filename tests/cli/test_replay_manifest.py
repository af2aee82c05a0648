"""`bigcert replay DIR` reads a bundle someone else may have made: its manifest is input like any other. A
field of the wrong type or a file name that leaves the bundle is bad input (exit 2, one line naming the
manifest's path), never an internal error, and never a file read or handed to z3 from outside the bundle."""
import json
import os
import shutil
import subprocess
import tempfile
import unittest

BIGCERT = os.path.abspath(os.environ.get("BIGCERT", "build/bigcert"))
SOURCE = os.environ.get("BIGCERT_SOURCE_DIR", ".")


def run(*args, cwd=None):
    return subprocess.run([BIGCERT, *args], capture_output=True, text=True, timeout=300, cwd=cwd)


class ReplayManifest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.tmp)
        self.bundle = os.path.join(self.tmp, "bundle")
        made = run("certify", os.path.join(SOURCE, "examples", "paper-ex1a.json"), "--proof-log", self.bundle)
        self.assertEqual(made.returncode, 0, made.stderr)
        with open(os.path.join(self.bundle, "manifest.json")) as f:
            self.manifest = json.load(f)

    def replay_with(self, edit):
        manifest = json.loads(json.dumps(self.manifest))
        edit(manifest)
        with open(os.path.join(self.bundle, "manifest.json"), "w") as f:
            json.dump(manifest, f)
        return run("replay", self.bundle)

    def assert_bad_input(self, result, path_fragment):
        self.assertEqual(result.returncode, 2, result.stdout + result.stderr)
        self.assertEqual(len(result.stderr.strip().splitlines()), 1, result.stderr)
        self.assertIn(path_fragment, result.stderr)

    def test_the_unedited_bundle_replays(self):
        result = run("replay", self.bundle)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_file_names_outside_the_bundle_are_refused(self):
        for name in ["../outside.smt2", "/etc/passwd", "..", ".", "sub/dir.smt2", ""]:
            def edit(m, name=name):
                m["queries"][0]["file"] = name
            self.assert_bad_input(self.replay_with(edit), "queries[0].file")

        def instance(m):
            m["instance"]["file"] = "../instance.json"
        self.assert_bad_input(self.replay_with(instance), "instance.file")

    def test_fields_of_the_wrong_type_are_refused(self):
        cases = [
            (lambda m: m["queries"][0].__setitem__("file", 7), "queries[0].file"),
            (lambda m: m["queries"][0].__setitem__("sha256", None), "queries[0].sha256"),
            (lambda m: m["queries"][0].__setitem__("z3_answer", ["unsat"]), "queries[0].z3_answer"),
            (lambda m: m.__setitem__("queries", {"a": 1}), "manifest.json"),
            (lambda m: m["queries"].__setitem__(0, "q.smt2"), "queries[0]"),
            (lambda m: m.__setitem__("artifacts", "x"), "artifacts"),
            (lambda m: m["instance"].__setitem__("sha256", 1), "instance.sha256"),
        ]
        for edit, fragment in cases:
            self.assert_bad_input(self.replay_with(edit), fragment)

    def test_a_bundle_whose_path_reads_as_an_option_replays(self):
        # z3 takes "-T:1" style options: a relative bundle path starting with '-' must stay a path.
        shutil.move(self.bundle, os.path.join(self.tmp, "-T:0"))
        result = run("replay", "--", "-T:0", cwd=self.tmp)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("queries agree", result.stdout)


if __name__ == "__main__":
    unittest.main()
