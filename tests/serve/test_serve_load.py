"""Load on `bigcert serve` over loopback (bench/serve_load.py measures the latencies; bench/REPORT.md): 200
concurrent solve requests of a 10^4-player game all answer 200 with exactly `bigcert solve --json`'s bytes,
within a bound on the whole run."""
import os
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "bench"))
from serve_server import BIGCERT, Server  # noqa: E402
from serve_load import instance_text, run_load  # noqa: E402

COUNT = 200
PLAYERS = 10_000


class ServeLoadTest(unittest.TestCase):
    def test_concurrent_solves_all_right(self):
        text = instance_text(PLAYERS)
        expected = subprocess.run([BIGCERT, "solve", "-", "--json"], input=text, capture_output=True, text=True,
                                  check=True).stdout
        with Server() as server:
            results, wall = run_load(server, text.encode(), COUNT, timeout=600)
            self.assertEqual(server.post("solve", "{")[0], 400)  # still answering afterwards
        self.assertEqual(len(results), COUNT)
        for status, body, _ in results:
            self.assertEqual(status, 200, body[:200])
            self.assertEqual(body.decode(), expected)
        self.assertLess(wall, 600)


if __name__ == "__main__":
    unittest.main()
