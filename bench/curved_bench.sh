#!/bin/sh
# Curved-set benchmark (model.md §3g): 10^4 players on discs in 2-D, enclosures to 2^-p, against the exact
# polytope solver on the bounding squares of the same discs (baseline, run side by side).
# Usage: bench/curved_bench.sh [path/to/bigcert] [players]
set -eu
BIGCERT=${1:-build/bigcert}
N=${2:-10000}
DIR=$(mktemp -d)
HERE=$(dirname "$0")
python3 "$HERE/curved_bench_gen.py" --players "$N" > "$DIR/discs.json"
python3 "$HERE/curved_bench_gen.py" --players "$N" --boxes > "$DIR/boxes.json"
for p in 16 64 256; do
  /usr/bin/time -f "discs  n=$N precision $p: %e s wall, %U s user, %M KB" "$BIGCERT" solve --precision "$p" --json "$DIR/discs.json" > /dev/null
done
/usr/bin/time -f "squares n=$N (exact polytope baseline): %e s wall, %U s user, %M KB" "$BIGCERT" solve --json "$DIR/boxes.json" > /dev/null
rm -r "$DIR"
