#!/usr/bin/env bash
# `bigcert check --property all` at scale (docs/model.md "Checking every equilibrium from the certified
# structure"), side by side with `solve` on the same instance and, where it finishes, `check --method full`.
# Usage: bench/check_bench.sh [path/to/bigcert] [runs]   (default build/bigcert, 3 runs)
# Prints one line per instance and method: min/median/max wall seconds, the median CPU seconds (user + system:
# on a shared, oversubscribed machine the honest measure of the work), peak RSS (MB, /usr/bin/time -v) and the
# verdicts; instances are written to bench/out/ (not committed).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bigcert="$(realpath "${1:-$here/../build/bigcert}")"
runs="${2:-3}"
out="$here/out"
mkdir -p "$out"

# name kind n [methods]
instances=(
  "1d-1e4 1d 10000"
  "1d-1e5 1d 100000"
  "1d-1e6 1d 1000000"
  "1d-own-1e4 1d-own 10000"
  "1d-own-1e5 1d-own 100000"
  "2d-1e3 2d 1000"
  "2d-1e4 2d 10000"
  "1d-shared-1e5 1d-shared 100000"
  "1d-aim-1e4 1d-aim 10000"
  "1d-aim-1e5 1d-aim 100000"
  "1d-50 1d 50"
  "1d-200 1d 200"
  "2d-20 2d 20"
)
only="${BENCH_ONLY:-}"

# Runs "$@" $runs times; prints "min median max cpu peakMB" and leaves the last stdout in $out/last.json.
measure() {
  local times=() cpus=() peak=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -v -o "$out/time.txt" "$@" > "$out/last.json" 2> /dev/null || true
    times+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$out/time.txt")")
    cpus+=("$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {print u + s}' "$out/time.txt")")
    local kb
    kb="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out/time.txt")"
    peak=$(( kb / 1024 > peak ? kb / 1024 : peak ))
  done
  local cpu
  cpu="$(printf '%s\n' "${cpus[@]}" | sort -g | awk '{a[NR] = $1} END {printf "%.2f", a[int((NR + 1) / 2)]}')"
  printf '%s\n' "${times[@]}" | sort -g | awk -v peak="$peak" -v cpu="$cpu" '{a[NR] = $1} END {printf "%.2f %.2f %.2f cpu %s %d", a[1], a[int((NR + 1) / 2)], a[NR], cpu, peak}'
}

verdicts() {
  python3 -c 'import json, sys
try:
    p = json.load(open(sys.argv[1]))["properties"]
except Exception:
    print("(no answer)"); sys.exit()
print(" ".join(k + "=" + v["verdict"] + ("/" + v["value"] if "value" in v else "") for k, v in p.items()))' "$out/last.json"
}

echo "# bigcert $("$bigcert" --version 2>/dev/null | head -1), $(nproc) cores, $runs runs, $(date -u +%FT%TZ)"
echo "# instance method min median max (wall s) cpu median (s) peakMB verdicts"
for line in "${instances[@]}"; do
  read -r name kind n <<< "$line"
  if [ -n "$only" ] && [[ " $only " != *" $name "* ]]; then continue; fi
  game="$out/$name.json"
  [ -e "$game" ] || python3 "$here/check_bench_gen.py" "$kind" "$n" > "$game"
  echo "$name solve $(measure "$bigcert" solve "$game" --json)"
  echo "$name structure $(measure "$bigcert" check "$game" --property all --json --method structure) $(verdicts)"
  if [ "$n" -le 1000 ]; then
    echo "$name full $(measure timeout 600 "$bigcert" check "$game" --property all --json --method full) $(verdicts)"
  fi
done
