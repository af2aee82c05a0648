#!/usr/bin/env bash
# Certification time against solve time as n grows (bench/REPORT.md). Usage:
#   bench/certify_bench.sh path/to/bigcert [1d sizes...] [-- 2d sizes...]
# Prints one Markdown table row per instance: kind, n, solve seconds, certify seconds (no proof log), ratio,
# certify seconds with --proof-log, verdict. Wall-clock times of single runs on a shared machine.
set -euo pipefail
bigcert="${1:?path to bigcert}"; shift
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
sizes_1d=(100 1000 10000); sizes_2d=(10 100 1000)
if [ $# -gt 0 ]; then sizes_1d=(); while [ $# -gt 0 ] && [ "$1" != "--" ]; do sizes_1d+=("$1"); shift; done
  [ $# -gt 0 ] && shift; sizes_2d=("$@"); fi
seconds() { local s e; s=$(date +%s.%N); "$@" > "$work/out" 2>&1 || true; e=$(date +%s.%N); echo "$e - $s" | bc; }
echo "| set | n | solve s | certify s | certify/solve | certify --proof-log s | verdict |"
echo "|---|---:|---:|---:|---:|---:|---|"
row() {
  local kind=$1 n=$2 file="$work/$1-$2.json"
  python3 "$here/certify_bench_gen.py" "$kind" "$n" > "$file"
  local solve certify logged verdict
  solve=$(seconds "$bigcert" solve "$file" --json)
  cp "$work/out" "$work/solution.json"
  certify=$(seconds "$bigcert" certify "$file" --profile "$work/solution.json")
  verdict=$(head -1 "$work/out" | sed 's/.*: //')
  logged=$(seconds "$bigcert" certify "$file" --profile "$work/solution.json" --proof-log "$work/log")
  printf "| %s | %s | %.2f | %.2f | %.0f | %.2f | %s |\n" "$kind" "$n" "$solve" "$certify" "$(echo "$certify / ($solve + 0.001)" | bc -l)" "$logged" "$verdict"
}
for n in "${sizes_1d[@]}"; do row 1d "$n"; done
for n in "${sizes_2d[@]}"; do row 2d "$n"; done
