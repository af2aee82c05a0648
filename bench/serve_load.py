#!/usr/bin/env python3
"""Load on `bigcert serve` over loopback: COUNT solve requests of one N-player game, all sent at once from
COUNT client threads (each its own connection), every answer compared with `bigcert solve --json` on the same
instance. Prints the latency percentiles (wall time from sending to the last byte) and the throughput; with
--report, also writes them into bench/REPORT.md's section "Serving". tests/serve/test_serve_load.py uses
run_load() and asserts only correctness.

  bench/serve_load.py [--bigcert build/bigcert] [--players 10000] [--count 200] [--report]
"""
import argparse
import concurrent.futures
import http.client
import os
import re
import resource
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "tests", "serve"))


def instance_text(players, seed=1):
    return subprocess.run([sys.executable, os.path.join(HERE, "solve_bench_gen.py"), "paper", str(players),
                           "--seed", str(seed)], capture_output=True, text=True, check=True).stdout


def one_request(host, port, body, timeout):
    started = time.monotonic()
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        connection.request("POST", "/api/solve", body=body, headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        data = response.read()
        return response.status, data, time.monotonic() - started
    finally:
        connection.close()


def run_load(server, body, count, timeout=300):
    """[(status, body bytes, seconds)] of `count` concurrent solve requests, and the wall time of all."""
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(count) as pool:
        futures = [pool.submit(one_request, server.host, server.port, body, timeout) for _ in range(count)]
        results = [f.result() for f in futures]
    return results, time.monotonic() - started


def percentile(sorted_values, p):
    k = min(len(sorted_values) - 1, max(0, round(p / 100 * (len(sorted_values) - 1))))
    return sorted_values[k]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bigcert", default=os.path.join(HERE, "..", "build", "bigcert"))
    parser.add_argument("--players", type=int, default=10000)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--report", action="store_true")
    args = parser.parse_args()
    os.environ["BIGCERT"] = args.bigcert
    from serve_server import Server

    text = instance_text(args.players)
    expected = subprocess.run([args.bigcert, "solve", "-", "--json"], input=text, capture_output=True,
                              text=True, check=True).stdout
    single = []
    for _ in range(5):
        started = time.monotonic()
        subprocess.run([args.bigcert, "solve", "-", "--json", "--threads", "1"], input=text.encode(), capture_output=True,
                       check=True)
        single.append(time.monotonic() - started)
    with Server() as server:
        results, wall = run_load(server, text.encode(), args.count)
        rss_kb = server_peak_rss(server)
    failed = sum(1 for status, data, _ in results if status != 200)
    wrong = sum(1 for status, data, _ in results if status == 200 and data.decode() != expected)
    latencies = sorted(seconds for _, _, seconds in results)
    lines = [
        f"- {args.count} concurrent `POST /api/solve` of one {args.players}-player d = 1 game "
        f"(`solve_bench_gen.py paper {args.players} --seed 1`, {len(text)} bytes), `bigcert serve` defaults "
        f"(workers = {os.cpu_count()} cores), client and server on one machine over loopback:",
        f"  failed {failed}, wrong {wrong} (each answer compared byte for byte with `bigcert solve --json`)",
        f"  latency p50 {percentile(latencies, 50) * 1000:.0f} ms, p90 {percentile(latencies, 90) * 1000:.0f} ms, "
        f"p99 {percentile(latencies, 99) * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms, "
        f"min {latencies[0] * 1000:.0f} ms",
        f"  all {args.count} answered in {wall:.2f} s ({args.count / wall:.1f} requests/s); the same `bigcert solve` "
        f"alone (--threads 1, from the shell): min {min(single) * 1000:.0f} ms, median "
        f"{sorted(single)[2] * 1000:.0f} ms, max {max(single) * 1000:.0f} ms",
        f"  server process peak RSS {rss_kb / 1024:.1f} MB (the commands run in child processes, each bounded by "
        f"the limits of docs/serve.md)",
    ]
    print("\n".join(lines))
    if args.report:
        write_report(lines)
    return 1 if failed or wrong else 0


def server_peak_rss(server):
    try:
        with open(f"/proc/{server.process.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def write_report(lines):
    path = os.path.join(HERE, "REPORT.md")
    with open(path) as f:
        report = f.read()
    section = ("## Serving (`bigcert serve`, `bench/serve_load.py`)\n\n"
               "Measured " + time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()) +
               " on a 2-core machine shared with other builds (absolute times inflated; the ratio to the single "
               "solve is the figure to read). Reproduce: `python3 bench/serve_load.py --report`.\n\n" +
               "\n".join(lines) + "\n")
    pattern = re.compile(r"## Serving \(`bigcert serve`.*?(?=\n## |\Z)", re.S)
    report = pattern.sub(section.rstrip("\n"), report) if pattern.search(report) else report.rstrip("\n") + "\n\n" + section
    with open(path, "w") as f:
        f.write(report)


if __name__ == "__main__":
    sys.exit(main())
