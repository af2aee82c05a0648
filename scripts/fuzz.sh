#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for SECONDS (default 60), seeded with
# the bundled examples (the d = 1 fast-path target only with fuzz/corpus/line_game_loader/, small 1-D
# instances). Crashes are written to fuzz/findings/ and make the script fail.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
mkdir -p fuzz/findings
for target in instance_loader profile_loader line_game_loader; do
  corpus=$(mktemp -d)
  [ $target = line_game_loader ] || cp examples/*.json "$corpus"/ 2>/dev/null || true
  [ -d fuzz/corpus/$target ] && cp fuzz/corpus/$target/* "$corpus"/ 2>/dev/null || true
  echo "fuzz: $target for ${seconds}s"
  build-fuzz/tests/fuzz/fuzz_$target "$corpus" -dict=fuzz/instance.dict -max_total_time="$seconds" \
    -max_len=4096 -timeout=20 -rss_limit_mb=4096 -artifact_prefix=fuzz/findings/ -print_final_stats=1 2>&1 |
    grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|==[0-9]+==ERROR|SUMMARY|INFO: Running)" || true
  rm -rf "$corpus"
done
if ls fuzz/findings/crash-* fuzz/findings/leak-* fuzz/findings/timeout-* >/dev/null 2>&1; then
  echo "fuzz: findings in fuzz/findings/"; exit 1
fi
echo "fuzz: no findings"
