#!/bin/sh
# check on curved sets (docs/model.md §3a′, curved sets): the structure method (the default) and the full method
# on n discs and n ellipses in 2-D, `--property all`; CPU time is the comparable figure on a shared machine.
# Usage: bench/curved_check_bench.sh [path/to/bigcert] [players]
set -eu
BIGCERT=${1:-build/bigcert}
N=${2:-1000}
DIR=$(mktemp -d)
HERE=$(dirname "$0")
python3 "$HERE/curved_bench_gen.py" --players "$N" > "$DIR/discs.json"
python3 "$HERE/curved_bench_gen.py" --players "$N" --ellipses > "$DIR/ellipses.json"
for shape in discs ellipses; do
  for method in structure full; do
    /usr/bin/time -f "check $shape n=$N --method $method: %e s wall, %U s user, %M KB" \
      "$BIGCERT" check "$DIR/$shape.json" --property all --method "$method" --json > "$DIR/out.json" || true
    python3 -c "import json,sys; p=json.load(open(sys.argv[1]))['properties']; print({k: (v['verdict'], v.get('value', ''), v['method']) for k, v in p.items()})" "$DIR/out.json"
  done
done
rm -r "$DIR"
