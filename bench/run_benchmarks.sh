#!/usr/bin/env bash
# Solve benchmark (bench/REPORT.md): generates the instances, then per instance
#  1. `bigcert solve --json INSTANCE` to a file, end to end (wall clock, CPU time, peak memory: /usr/bin/time),
#  2. bigcert_solve_bench: the exact path's phases next to the paper's double-precision best-response dynamics
#     (parsing included on both sides), with the ratio baseline / exact.
# Usage: bench/run_benchmarks.sh BUILD_DIR [WORK_DIR]
#   BENCH_RUNS="kind:n ..." overrides the default list below.
# Results: WORK_DIR/results.jsonl (one line per instance) and a Markdown table on stdout.
set -euo pipefail
build=${1:?usage: run_benchmarks.sh BUILD_DIR [WORK_DIR]}
work=${2:-/tmp/bigcert-bench}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work"
# hard stops at 10^5: its exact solution file grows like n^2 (see bench/REPORT.md).
runs=(${BENCH_RUNS:-"paper:10000 paper:100000 paper:1000000 hard:10000 hard:100000 polygons:1000 polygons:10000 polygons:100000"})
: > "$work/results.jsonl"
echo "| instance | n | d | solve --json wall s | solve --json CPU s | peak MB | exact parse / solve / write CPU s | baseline parse / dynamics CPU s | sweeps | baseline / exact (CPU) | baseline / exact (wall) |"
echo "|---|---:|---:|---:|---:|---:|---|---|---:|---:|---:|"
for run in "${runs[@]}"; do
    kind=${run%%:*}; n=${run##*:}
    file="$work/$kind-$n.json"
    [[ -s "$file" ]] || python3 "$here/solve_bench_gen.py" "$kind" "$n" > "$file"
    /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$build/bigcert" solve --json "$file" > "$work/$kind-$n.solution.json"
    read -r cli_wall cli_user cli_system cli_kb < "$work/time.txt"
    line=$("$build/bench/bigcert_solve_bench" "$file")
    echo "$line" >> "$work/results.jsonl"
    python3 - "$line" "$kind" "$n" "$cli_wall" "$cli_user" "$cli_system" "$cli_kb" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
kind, n, wall, cpu, kb = sys.argv[2], sys.argv[3], float(sys.argv[4]), float(sys.argv[5]) + float(sys.argv[6]), int(sys.argv[7])
e, b = r["exact"], r["baseline"]
sweeps = f'{b["sweeps"]}' + ("" if b["converged"] else " (not converged)")
print(f'| {kind} | {n} | {r["dimension"]} | {wall:.2f} | {cpu:.2f} | {kb / 1024:.0f} | '
      f'{e["parse"]["cpu"]:.2f} / {e["solve"]["cpu"]:.2f} / {e["write"]["cpu"]:.2f} | '
      f'{b["parse"]["cpu"]:.2f} / {b["dynamics"]["cpu"]:.2f} | {sweeps} | '
      f'{b["total"]["cpu"] / cpu:.2f}x | {b["total"]["wall"] / wall:.2f}x |')
PY
done
