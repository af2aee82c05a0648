"""`bigcert batch` records what produced its lines ("run": input and options fingerprints, cli.md "batch"):
resuming into a file of another run (other options, a changed sweep spec with the same ids, another input) is
refused with exit 2 naming --out and what differs; the same run resumes; `merge` refuses shards of different
runs."""
import json
import os
import subprocess
import tempfile
import unittest

BIGCERT = os.environ.get("BIGCERT", "build/bigcert")

SPEC = {"format": "bigcert-sweep/1",
        "base": {"name": "ex1", "action_set": {"interval": [0, 6]},
                 "players": [{"target": 1, "weight": 0.5}, {"target": 4, "weight": 0.5}]},
        "grid": {"players[0].target": [0, 1, "5/2"]}}


def run(*args):
    return subprocess.run([BIGCERT, *args], capture_output=True, text=True, timeout=300)


class BatchRuns(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.spec = self.write("spec.json", SPEC)
        self.out = self.path("out.jsonl")

    def tearDown(self):
        self.dir.cleanup()

    def path(self, name):
        return os.path.join(self.dir.name, name)

    def write(self, name, spec):
        with open(self.path(name), "w") as f:
            json.dump(spec, f)
        return self.path(name)

    def lines(self, path):
        with open(path) as f:
            return [json.loads(line) for line in f]

    def test_every_line_carries_the_run_and_the_same_run_resumes(self):
        self.assertEqual(run("batch", "--sweep", self.spec, "--out", self.out, "--shard", "1/2").returncode, 0)
        r = run("batch", "--sweep", self.spec, "--out", self.out, "--threads", "1")  # threads do not matter
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("1 new lines, 2 already", r.stderr)
        runs = {line["run"] for line in self.lines(self.out)}
        self.assertEqual(len(runs), 1)
        self.assertRegex(runs.pop(), r"^[0-9a-f]{32}-[0-9a-f]{32}$")

    def test_resume_without_check_into_a_check_run_is_refused(self):
        self.assertEqual(run("batch", "--sweep", self.spec, "--out", self.out, "--check", "--shard", "1/2").returncode, 0)
        with open(self.out, "a") as f:
            f.write('{"id": "ex1#3", "ru')  # a torn last line: not repaired by a refused run either
        before = open(self.out).read()
        r = run("batch", "--sweep", self.spec, "--out", self.out)
        self.assertEqual(r.returncode, 2)
        self.assertIn("--out", r.stderr)
        self.assertIn("options", r.stderr)
        self.assertEqual(open(self.out).read(), before)  # nothing appended, nothing cut
        r = run("batch", "--sweep", self.spec, "--out", self.out, "--check")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("1 new lines", r.stderr)

    def test_a_changed_sweep_spec_with_the_same_ids_is_refused(self):
        self.assertEqual(run("batch", "--sweep", self.spec, "--out", self.out, "--shard", "1/2").returncode, 0)
        changed = dict(SPEC, grid={"players[0].target": [0, 2, 3]})  # same ids ex1#1..3, other instances
        r = run("batch", "--sweep", self.write("changed.json", changed), "--out", self.out)
        self.assertEqual(r.returncode, 2)
        self.assertIn("--out", r.stderr)
        self.assertIn("input", r.stderr)

    def test_another_limit_is_another_run(self):
        self.assertEqual(run("batch", "--sweep", self.spec, "--out", self.out, "--shard", "1/2").returncode, 0)
        r = run("batch", "--sweep", self.spec, "--out", self.out, "--max-number-digits", "100")
        self.assertEqual(r.returncode, 2)
        self.assertIn("options", r.stderr)

    def test_a_file_without_run_fingerprints_is_refused(self):
        with open(self.out, "w") as f:
            f.write('{"id": "ex1#1", "error": "x"}\n')
        r = run("batch", "--sweep", self.spec, "--out", self.out)
        self.assertEqual(r.returncode, 2)
        self.assertIn("fingerprint", r.stderr)

    def test_merge_refuses_shards_of_different_runs(self):
        one, two = self.path("one.jsonl"), self.path("two.jsonl")
        self.assertEqual(run("batch", "--sweep", self.spec, "--out", one, "--shard", "1/2", "--check").returncode, 0)
        self.assertEqual(run("batch", "--sweep", self.spec, "--out", two, "--shard", "2/2").returncode, 0)
        r = run("merge", one, two)
        self.assertEqual(r.returncode, 2)
        self.assertIn("options", r.stderr)
        # a changed spec, shards with disjoint ids: refused too, unless asked for; an id in both is always refused
        changed = self.write("changed.json", dict(SPEC, grid={"players[0].target": [0, 2, 3]}))
        os.remove(two)
        self.assertEqual(run("batch", "--sweep", changed, "--out", two, "--shard", "2/2", "--check").returncode, 0)
        r = run("merge", one, two)
        self.assertEqual(r.returncode, 2)
        self.assertIn("input", r.stderr)
        self.assertEqual(run("merge", one, two, "--allow-different-inputs").returncode, 0)
        three = self.path("three.jsonl")
        self.assertEqual(run("batch", "--sweep", changed, "--out", three, "--shard", "1/2", "--check").returncode, 0)
        r = run("merge", one, three, "--allow-different-inputs")
        self.assertEqual(r.returncode, 2)
        self.assertIn("another batch run", r.stderr)
        # shards of one run merge
        os.remove(two)
        self.assertEqual(run("batch", "--sweep", self.spec, "--out", two, "--shard", "2/2", "--check").returncode, 0)
        r = run("merge", one, two, "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(json.loads(r.stdout)["lines"], 3)


if __name__ == "__main__":
    unittest.main()
