#!/usr/bin/env bash
# Builds what changed and runs the whole test suite (unit, randomized cross-checks, CLI, conformance,
# proof-log replays, the served page in headless Chromium) on all cores.
set -euo pipefail
cd "$(dirname "$0")/.."
# The test-only packages are installed here, not by scripts/setup.sh: only the test suite needs them, and the
# README's first command stays quick. The browser test's (about 370 MB installed) and clang-format (the
# formatting test).
test_packages=(chromium chromium-driver python3-selenium clang-format)
missing=()
for p in "${test_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "test: installing ${missing[*]} (test-only packages)"
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
[ -f build/build.ninja ] || cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "$(nproc)"
# The "long" label (differential testing) runs in scripts/hardening.sh instead.
ctest --test-dir build -j "$(nproc)" --output-on-failure --timeout 600 -LE long "$@"
