#!/usr/bin/env bash
# Certification time against solve time (bench/REPORT.md). Usage:
#   bench/certify_bench.sh path/to/bigcert [--runs R] [--replay] KIND:N ...
# KIND is one of bench/certify_bench_gen.py's kinds (1d, 2d, 1d-hard, 2d-hard). Prints one Markdown row per
# instance: solve seconds, certify seconds without and with --proof-log as min/median/max over R runs (default
# 3) with the peak resident memory of the slowest run (/usr/bin/time -v) and the median CPU seconds (user +
# system: the honest measure on a shared machine), the ratio with/without proof log,
# the number of bundle files, and with --replay the wall time of `bigcert replay --no-cvc5` (stock z3) on the
# bundle. Wall-clock times on a shared machine: compare within one run.
set -euo pipefail
bigcert="${1:?path to bigcert}"; shift
runs=3; replay=0
while [ $# -gt 0 ]; do case "$1" in --runs) runs=$2; shift 2;; --replay) replay=1; shift;; *) break;; esac; done
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
# Runs the command, prints "seconds peak_kb cpu_seconds".
timed() {
  /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" > "$work/out" 2>"$work/err" || true
  tail -1 "$work/time" | awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}'
}
median() { sort -n | awk '{a[NR]=$1} END {printf "%.2f", a[int((NR+1)/2)]}'; }
stats() { sort -n | awk '{a[NR]=$1} END {printf "%.2f / %.2f / %.2f", a[1], a[int((NR+1)/2)], a[NR]}'; }
echo "| set | n | solve s | certify s (min / median / max) | cpu s | peak MB | --proof-log s (min / median / max) | cpu s | peak MB | ratio | files | replay s | verdict |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
for spec in "$@"; do
  kind=${spec%%:*}; n=${spec##*:}; file="$work/$kind-$n.json"
  python3 "$here/certify_bench_gen.py" "$kind" "$n" > "$file"
  read -r solve _ < <(timed "$bigcert" solve "$file" --json)
  cp "$work/out" "$work/solution.json"
  plain=(); logged=(); plain_cpu=(); logged_cpu=(); plain_kb=0; logged_kb=0
  for _ in $(seq "$runs"); do
    read -r s kb cpu < <(timed "$bigcert" certify "$file" --profile "$work/solution.json")
    plain+=("$s"); plain_cpu+=("$cpu"); [ "$kb" -gt "$plain_kb" ] && plain_kb=$kb
    verdict=$(head -1 "$work/out" | sed 's/.*: //')
    rm -rf "$work/log"
    read -r s kb cpu < <(timed "$bigcert" certify "$file" --profile "$work/solution.json" --proof-log "$work/log")
    logged+=("$s"); logged_cpu+=("$cpu"); [ "$kb" -gt "$logged_kb" ] && logged_kb=$kb
  done
  files=$(ls "$work/log" | wc -l)
  replay_s="-"
  if [ "$replay" = 1 ]; then read -r replay_s _ < <(timed "$bigcert" replay --no-cvc5 "$work/log"); tail -1 "$work/out" >&2; fi
  p_med=$(printf "%s\n" "${plain[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  l_med=$(printf "%s\n" "${logged[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf "| %s | %s | %.2f | %s | %s | %d | %s | %s | %d | %.2f | %s | %s | %s |\n" "$kind" "$n" "$solve" \
    "$(printf "%s\n" "${plain[@]}" | stats)" "$(printf "%s\n" "${plain_cpu[@]}" | median)" $((plain_kb / 1024)) \
    "$(printf "%s\n" "${logged[@]}" | stats)" "$(printf "%s\n" "${logged_cpu[@]}" | median)" \
    $((logged_kb / 1024)) "$(echo "$l_med / $p_med" | bc -l)" "$files" "$replay_s" "$verdict"
done
