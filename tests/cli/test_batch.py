"""`bigcert batch` and `bigcert merge` (docs/cli.md): results equal `solve --json`, resume after a kill or a torn
line, deterministic shards whose merge equals the unsharded run, sweeps (grid and seeded random) that change
exactly the addressed numbers, and spec errors that name the JSON path."""
import json
import os
import signal
import subprocess
import tempfile
import time
import unittest

BIGCERT = os.environ.get("BIGCERT", "build/bigcert")
SOURCE = os.environ.get("BIGCERT_SOURCE_DIR", ".")
EXAMPLES = ["paper-ex1a", "paper-ex1b", "paper-ex2", "paper-fig3-right", "triangle-h-rep"]


def run(*args):
    return subprocess.run([BIGCERT, *args], capture_output=True, text=True, timeout=300)


def lines_of(path):
    with open(path) as f:
        return [json.loads(line) for line in f]


def example_lines():
    out = []
    for name in EXAMPLES:
        with open(os.path.join(SOURCE, "examples", name + ".json")) as f:
            out.append(json.dumps(json.load(f)))
    return out


GRID_SPEC = {"format": "bigcert-sweep/1",
             "base": {"name": "ex1", "dimension": 1, "action_set": {"interval": [0, 6]},
                      "players": [{"target": 1, "weight": 0.5}, {"target": 4, "weight": 0.5}]},
             "grid": {"players[0].target": [0, 1, "2.5"], "players[*].weight": ["1/2", 1]}}


def random_spec(count, seed=7):
    return {"base": {"name": "r", "dimension": 2, "action_set": {"box": {"lo": [0, 0], "hi": [1, 1]}},
                     "players": [{"target": [0, 0]}, {"target": [1, 2]}, {"target": [2, -1]}, {"target": [0.5, 0.5]},
                                 {"target": [-1, 1]}]},
            "random": {"count": count, "seed": seed,
                       "ranges": {"players[0].target[0]": {"lo": -2, "hi": 2},
                                  "players[3].target[1]": {"lo": -1, "hi": 3, "denominator": 7},
                                  "players[*].weight": {"lo": "1/10", "hi": 1, "denominator": 10},
                                  "action_set.box.hi[0]": {"lo": 1, "hi": 3}}}}


class BatchTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.input = self.path("in.jsonl")
        with open(self.input, "w") as f:
            f.write("\n".join(example_lines() + ['{"players": [}', '{"players": [{"target": 1}]}']) + "\n")

    def tearDown(self):
        self.dir.cleanup()

    def path(self, name):
        return os.path.join(self.dir.name, name)

    def write_spec(self, spec, name="spec.json"):
        with open(self.path(name), "w") as f:
            json.dump(spec, f)
        return self.path(name)

    def test_lines_equal_solve_json_and_errors_carry_line_numbers(self):
        r = run("batch", self.input, "--out", self.path("out.jsonl"))
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = lines_of(self.path("out.jsonl"))
        self.assertEqual(len(lines), 7)
        for name, line in zip(EXAMPLES, lines):
            solved = json.loads(run("solve", "--json", os.path.join(SOURCE, "examples", name + ".json")).stdout)
            self.assertEqual(line["solution"], solved)
            self.assertEqual(line["id"], solved["instance"])
        self.assertEqual(lines[5]["id"], 6)
        self.assertIn("invalid JSON", lines[5]["error"])
        self.assertEqual(lines[6]["id"], 7)
        self.assertIn("players[0]", lines[6]["error"])

    def test_resume_skips_done_ids_and_cuts_a_torn_line(self):
        out = self.path("out.jsonl")
        run("batch", self.input, "--out", out)
        with open(out) as f:
            full = f.read()
        with open(out, "w") as f:  # keep 3 lines, then a torn fourth
            kept = full.splitlines(keepends=True)
            f.write("".join(kept[:3]) + kept[3][:40])
        r = run("batch", self.input, "--out", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("4 new lines, 3 already", r.stderr)
        with open(out) as f:
            self.assertEqual(f.read(), full)
        r = run("batch", self.input, "--out", out)
        self.assertIn("0 new lines", r.stderr)

    def test_refuses_to_append_to_a_foreign_file(self):
        out = self.path("notes.txt")
        with open(out, "w") as f:
            f.write("my notes\n")
        r = run("batch", self.input, "--out", out)
        self.assertEqual(r.returncode, 2)
        self.assertIn("not a batch result line", r.stderr)

    def test_kill_leaves_valid_lines_and_resume_completes_the_same_output(self):
        spec = self.write_spec(random_spec(3000))
        reference = self.path("reference.jsonl")
        self.assertEqual(run("batch", "--sweep", spec, "--out", reference).returncode, 0)
        out = self.path("killed.jsonl")
        process = subprocess.Popen([BIGCERT, "batch", "--sweep", spec, "--out", out], stderr=subprocess.DEVNULL)
        deadline = time.time() + 60
        while time.time() < deadline and (not os.path.exists(out) or os.path.getsize(out) < 20000):
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
        process.wait()
        with open(out) as f:
            text = f.read()
        self.assertLess(len(text), os.path.getsize(reference))  # really killed mid-run
        complete = text[:text.rfind("\n") + 1]
        for line in complete.splitlines():
            json.loads(line)
        self.assertEqual(run("batch", "--sweep", spec, "--out", out).returncode, 0)
        with open(out) as f, open(reference) as g:
            self.assertEqual(f.read(), g.read())

    def test_shards_partition_the_work_and_merge_equals_the_full_run(self):
        spec = self.write_spec(random_spec(40))
        full = self.path("full.jsonl")
        self.assertEqual(run("batch", "--sweep", spec, "--out", full, "--threads", "1").returncode, 0)
        shards = []
        for k in (1, 2, 3):
            shards.append(self.path(f"shard{k}.jsonl"))
            self.assertEqual(run("batch", "--sweep", spec, "--out", shards[-1], "--shard", f"{k}/3").returncode, 0)
        sizes = [len(lines_of(s)) for s in shards]
        self.assertEqual(sizes, [14, 13, 13])
        merged = self.path("merged.jsonl")
        r = run("merge", *shards, shards[0], "--out", merged, "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        summary = json.loads(r.stdout)
        self.assertEqual(summary["duplicates"], 14)
        by_id = {line["id"]: line for line in lines_of(merged)}
        self.assertEqual(by_id, {line["id"]: line for line in lines_of(full)})
        # The summary against a count made here from the lines themselves.
        lines = lines_of(full)
        self.assertEqual(summary["solved"], sum("solution" in l for l in lines))
        interior = {}
        for l in lines:
            k = str(len(l["solution"]["exaggeration"]["interior"]))
            interior[k] = interior.get(k, 0) + 1
        self.assertEqual(summary["interior_players"], interior)
        self.assertEqual(summary["count"].get("infinite", 0),
                         sum(l["solution"]["equilibria"]["count"] == "infinite" for l in lines))

    def test_thread_count_does_not_change_the_bytes(self):
        spec = self.write_spec(random_spec(30, seed=11))
        outs = []
        for threads in ("1", "2"):
            outs.append(self.path(f"t{threads}.jsonl"))
            self.assertEqual(run("batch", "--sweep", spec, "--out", outs[-1], "--threads", threads).returncode, 0)
        with open(outs[0]) as f, open(outs[1]) as g:
            self.assertEqual(f.read(), g.read())

    def test_merge_summary_counts_premise_failures_and_errors(self):
        out = self.path("out.jsonl")
        with open(self.path("dup.jsonl"), "w") as f:  # duplicate targets: Theorem 4's premise fails
            f.write(json.dumps({"name": "dup", "action_set": {"interval": [0, 1]},
                                "players": [{"target": 2}, {"target": 2}]}) + "\n")
        run("batch", self.input, "--out", out)
        run("batch", self.path("dup.jsonl"), "--out", self.path("dup-out.jsonl"))
        summary = json.loads(run("merge", out, self.path("dup-out.jsonl"), "--json", "--allow-different-inputs").stdout)
        self.assertEqual(summary["lines"], 8)
        self.assertEqual(summary["errors"], 2)
        self.assertEqual(summary["errors_by_kind"], {"input": 2})
        self.assertEqual(summary["premise_not_met"], 1)

    def test_certify_adds_a_z3_verdict_per_solved_line(self):
        out = self.path("cert.jsonl")
        r = run("batch", self.input, "--out", out, "--certify")
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = lines_of(out)
        for line in lines:
            if "solution" in line:
                self.assertEqual(line["certificate"]["verdict"], "certified", line["id"])
            else:
                self.assertNotIn("certificate", line)

    def test_check_adds_the_cli_check_per_line_and_merge_counts_theorem_4(self):
        with open(self.path("more.jsonl"), "w") as f:
            f.write(json.dumps({"name": "dup", "action_set": {"interval": [0, 1]},  # Theorem 4's premise fails
                                "players": [{"target": 2}, {"target": 2}]}) + "\n")
            f.write(json.dumps({"name": "inner", "loss": "inner", "action_set": {"interval": [0, 1]},
                                "players": [{"target": 2}, {"target": -1}]}) + "\n")
        out, more = self.path("check.jsonl"), self.path("check-more.jsonl")
        r = run("batch", self.input, "--out", out, "--check", "--certify", "--threads", "2")
        self.assertEqual(r.returncode, 0, r.stderr)
        # the same options as `out` (merge refuses runs with different options)
        self.assertEqual(run("batch", self.path("more.jsonl"), "--out", more, "--check", "--certify").returncode, 0)
        lines = lines_of(out)
        for name, line in zip(EXAMPLES, lines):
            cli = json.loads(run("check", "--json", os.path.join(SOURCE, "examples", name + ".json")).stdout)
            self.assertEqual(line["check"], cli, name)  # z3_version included: same library, same answers
            self.assertEqual(line["certificate"]["verdict"], "certified", name)
        self.assertTrue(all("check" not in line for line in lines[5:]))  # input errors are not checked
        dup, inner = lines_of(more)
        self.assertEqual(dup["check"]["properties"]["exaggeration"]["premise"], "not met")
        self.assertEqual(inner["check"]["properties"], {})
        self.assertIn("not supported", inner["check"]["reason"])
        # certify covers the inner loss through the same entry point as `bigcert certify` (weak dominance)
        self.assertEqual(inner["certificate"]["verdict"], "certified")
        self.assertEqual(inner["certificate"]["lemma"], "proved")

        summary = json.loads(run("merge", out, more, "--json", "--allow-different-inputs").stdout)["check"]
        self.assertEqual(summary["lines"], 7)
        self.assertEqual(summary["not_checked"], 1)
        theorem = summary["theorem4"]
        self.assertEqual(theorem["premise_met"], {"holds": 5})
        self.assertEqual(theorem["premise_not_met"], 1)
        self.assertEqual(sum(theorem["premise_not_met_verdicts"].values()), 1)
        self.assertEqual(summary["verdicts"]["count"], {"holds": 6})
        self.assertEqual(sum(summary["verdicts"]["exaggeration"].values()), 6)
        readable = run("merge", out, more, "--allow-different-inputs").stdout
        self.assertIn("Theorem 4          premise met: holds: 5", readable)

    def test_merge_rejects_a_torn_line(self):
        with open(self.path("torn.jsonl"), "w") as f:
            f.write('{"id": 1, "error": "x"}\n{"id": 2, "err')
        r = run("merge", self.path("torn.jsonl"))
        self.assertEqual(r.returncode, 2)


class SweepTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.dir.cleanup()

    def sweep(self, spec, *extra):
        path = os.path.join(self.dir.name, "spec.json")
        out = os.path.join(self.dir.name, "out.jsonl")
        if os.path.exists(out):
            os.remove(out)
        with open(path, "w") as f:
            f.write(spec if isinstance(spec, str) else json.dumps(spec))
        r = run("batch", "--sweep", path, "--out", out, *extra)
        return r, (lines_of(out) if r.returncode == 0 else None)

    def test_grid_is_the_product_and_each_point_solves_like_the_instance_written_by_hand(self):
        r, lines = self.sweep(GRID_SPEC)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual([l["id"] for l in lines], [f"ex1#{k}" for k in range(6)])
        self.assertEqual(lines[5]["params"], {"players[0].target": "5/2", "players[*].weight": "1"})
        by_hand = {"name": "ex1#5", "dimension": 1, "action_set": {"interval": [0, 6]},
                   "players": [{"target": "5/2", "weight": 1}, {"target": 4, "weight": 1}]}
        solved = subprocess.run([BIGCERT, "solve", "--json", "-"], input=json.dumps(by_hand), capture_output=True,
                                text=True).stdout
        self.assertEqual(lines[5]["solution"], json.loads(solved))

    def test_random_is_reproducible_and_within_range(self):
        _, first = self.sweep(random_spec(20))
        _, again = self.sweep(random_spec(20))
        _, other = self.sweep(random_spec(20, seed=8))
        self.assertEqual(first, again)
        self.assertNotEqual([l["params"] for l in first], [l["params"] for l in other])
        from fractions import Fraction
        for line in first:
            t = Fraction(line["params"]["players[0].target[0]"])
            self.assertTrue(-2 <= t <= 2 and (t * 100).denominator == 1)
            self.assertEqual(((Fraction(line["params"]["players[3].target[1]"]) + 1) * 7 / 4).denominator, 1)

    def test_spec_errors_name_the_path(self):
        cases = [
            ({"base": {"players": [{"target": 1}]}, "grid": {"players[0].target": ["abc"]}},
             "grid.players[0].target[0]: not a number"),
            ({"base": {"players": [{"target": 1}]}, "grid": {"players[3].target": [1]}}, "index 3 out of range"),
            ({"base": {"players": [{"target": 1}]}, "grid": {"players[0].tagret": [1]}}, "no \"tagret\""),
            ({"base": {"players": [{"target": 1}]}, "grid": {"players": [1]}}, "addresses a array"),
            ({"base": {"players": []}, "random": {"count": 0, "ranges": {}}}, "random.count"),
            ({"base": {"players": []}, "random": {"count": 2, "ranges": {"x": {"lo": 2, "hi": 1}}}},
             "random.ranges.x: hi < lo"),
            ({"base": {}, "grid": {}, "random": {}}, "exactly one"),
            ({"base": {}, "grdi": {}}, "grdi: unknown key"),
            ('{"base": ', "invalid JSON"),
        ]
        for spec, message in cases:
            r, _ = self.sweep(spec)
            self.assertEqual(r.returncode, 2, (spec, r.stderr))
            self.assertIn(message, r.stderr)
            self.assertEqual(len(r.stderr.strip().splitlines()), 1)


if __name__ == "__main__":
    unittest.main()
