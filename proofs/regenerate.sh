#!/usr/bin/env bash
# Regenerates proofs/: the general results (proofs/general/*.smt2, symbolic parameters, from generate.py) and
# the golden proof bundles of the paper's examples (proofs/golden/<example>/{certify,check}, written by
# `bigcert certify|check --proof-log`). Usage: proofs/regenerate.sh [path/to/bigcert]  (default build/bigcert)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bigcert="${1:-$here/../build/bigcert}"
python3 "$here/generate.py"
examples=(paper-ex1a paper-ex1b paper-ex2 paper-fig3-right triangle-h-rep)
for example in "${examples[@]}"; do
  instance="$here/../examples/$example.json"
  rm -rf "$here/golden/$example"
  mkdir -p "$here/golden/$example"
  # certify exits 0 (certified); check exits 0 (every property holds) or 1 (some property fails) -- both are verdicts.
  "$bigcert" certify "$instance" --proof-log "$here/golden/$example/certify" > /dev/null
  "$bigcert" check "$instance" --property all --proof-log "$here/golden/$example/check" > /dev/null || [ $? -eq 1 ]
done
echo "regenerated $(ls "$here/general" | wc -l) general proofs and ${#examples[@]} golden bundles"
