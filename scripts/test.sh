#!/usr/bin/env bash
# Builds what changed and runs the whole test suite (unit, randomized cross-checks, CLI, conformance,
# proof-log replays) on all cores.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f build/build.ninja ] || cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "$(nproc)"
# The "long" label (differential testing) runs in scripts/hardening.sh instead.
ctest --test-dir build -j "$(nproc)" --output-on-failure --timeout 600 -LE long "$@"
