"""The first SIGINT or SIGTERM stops the whole command (docs/cli.md "Exit codes"): exit 130 / 143 within a few
seconds, the running Z3 queries interrupted and child processes killed, and a bundle being written either
complete or absent (an older bundle in its place stays as it was)."""
import json
import os
import random
import shutil
import signal
import subprocess
import tempfile
import time
import unittest

BIGCERT = os.path.abspath(os.environ.get("BIGCERT", "build/bigcert"))
SOURCE = os.environ.get("BIGCERT_SOURCE_DIR", ".")
PROMPT = 5.0  # seconds allowed from the signal to the exit


def slow_check_instance(path, players=300):
    """A 2-D game on a box with a few hundred players: `check --method full` runs for many seconds (the structure
    method decides it at once)."""
    rng = random.Random(1)
    instance = {"format": "bigcert/1", "name": "slow-check", "dimension": 2,
                "action_set": {"box": {"lo": [-1, -1], "hi": [1, 1]}},
                "players": [{"target": ["%d/7" % rng.randint(-9, 9), "%d/5" % rng.randint(-9, 9)],
                             "weight": "%d/%d" % (rng.randint(1, 9), 3 * players)} for _ in range(players)]}
    with open(path, "w") as f:
        json.dump(instance, f)
    return path


def slow_finite_instance(path):
    """A finite 2-D game whose exhaustive enumeration takes minutes (the automatic method counts it at once)."""
    items = [[1, 0], [0, 1], [-1, -1]]
    instance = {"format": "bigcert/1", "name": "slow-finite", "dimension": 2, "players": [
        {"target": [1, 2], "weight": 1, "action_set": {"items": items, "choose": 30, "repeats": True}},
        {"target": [-2, 1], "weight": 1, "action_set": {"items": items, "choose": 30, "repeats": True}},
        {"target": [0, -1], "weight": 1, "action_set": {"items": items}}]}
    with open(path, "w") as f:
        json.dump(instance, f)
    return path


def read(path, mode="r"):
    with open(path, mode) as f:
        return f.read()


def snapshot(directory):
    return {name: read(os.path.join(directory, name), "rb") for name in sorted(os.listdir(directory))}


class StopSignals(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.tmp)
        self.game = slow_check_instance(os.path.join(self.tmp, "slow.json"))

    def stop_after(self, args, sig, delay=1.0, **kwargs):
        """Starts bigcert, sends `sig` after `delay` s; returns (exit code, seconds from signal to exit, stderr)."""
        process = subprocess.Popen([BIGCERT, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   text=True, **kwargs)
        time.sleep(delay)
        self.assertIsNone(process.poll(), "the command ended before the signal: make the instance slower")
        sent = time.monotonic()
        process.send_signal(sig)
        try:
            _, stderr = process.communicate(timeout=PROMPT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            self.fail("%s did not stop within %s s of %s" % (args[0], PROMPT, sig.name))
        return process.returncode, time.monotonic() - sent, stderr

    def test_check_stops_and_leaves_no_bundle(self):
        for sig, code in ((signal.SIGINT, 130), (signal.SIGTERM, 143)):
            with self.subTest(signal=sig.name):
                bundle = os.path.join(self.tmp, "bundle-" + sig.name)
                returncode, _, stderr = self.stop_after(["check", self.game, "--method", "full", "--proof-log", bundle], sig)
                self.assertEqual(returncode, code, stderr)
                self.assertIn(sig.name, stderr)
                self.assertFalse(os.path.exists(bundle))
                self.assertEqual(sorted(os.listdir(self.tmp)), ["slow.json"])  # no staging directory left

    def test_an_old_bundle_stays_as_it_was(self):
        bundle = os.path.join(self.tmp, "bundle")
        example = os.path.join(SOURCE, "examples", "paper-ex1a.json")
        r = subprocess.run([BIGCERT, "check", example, "--proof-log", bundle], capture_output=True, timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr)
        before = snapshot(bundle)
        returncode, _, stderr = self.stop_after(["check", self.game, "--method", "full", "--proof-log", bundle], signal.SIGINT)
        self.assertEqual(returncode, 130, stderr)
        self.assertEqual(snapshot(bundle), before)
        self.assertEqual(subprocess.run([BIGCERT, "replay", bundle], capture_output=True).returncode, 0)

    def test_certify_and_batch_stop(self):
        lines = os.path.join(self.tmp, "games.jsonl")
        # certify proves large games quickly (claim groups, cone facts): many larger lines keep it busy.
        big = read(slow_check_instance(os.path.join(self.tmp, "big.json"), players=3000))
        os.remove(os.path.join(self.tmp, "big.json"))
        with open(lines, "w") as f:
            for _ in range(60):
                f.write(big + "\n")
        out = os.path.join(self.tmp, "out.jsonl")
        returncode, _, stderr = self.stop_after(["batch", lines, "--out", out, "--certify"], signal.SIGINT, delay=0.2)
        self.assertEqual(returncode, 130, stderr)
        # certify groups its claims and may finish before the signal: then it must have succeeded.
        process = subprocess.Popen([BIGCERT, "certify", self.game, "--proof-log", os.path.join(self.tmp, "c")],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(0.3)
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=60)
        returncode = process.returncode
        self.assertIn(returncode, (143, 0), stderr)
        if returncode == 143:
            self.assertFalse(os.path.exists(os.path.join(self.tmp, "c")))

    def test_a_long_enumeration_stops(self):
        game = slow_finite_instance(os.path.join(self.tmp, "finite.json"))
        returncode, _, stderr = self.stop_after(["enumerate", game, "--count", "--method", "exhaustive"],
                                                signal.SIGINT)
        self.assertEqual(returncode, 130, stderr)

    def test_align_kills_its_receiver(self):
        config = os.path.join(SOURCE, "examples", "align-paper-section6.json")
        marker = os.path.join(self.tmp, "receiver-ran-on")
        receiver = "sleep 30; touch " + marker
        returncode, _, stderr = self.stop_after(["align", config, "--receiver-cmd", receiver], signal.SIGINT)
        self.assertEqual(returncode, 130, stderr)
        time.sleep(0.5)
        ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
        self.assertNotIn(receiver, ps)


if __name__ == "__main__":
    unittest.main()
