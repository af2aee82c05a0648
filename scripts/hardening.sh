#!/usr/bin/env bash
# The hardening stage of CI (docs/internals.md): the test suite under ASan + UBSan, each fuzzer for FUZZ_SECONDS
# (default 60), and the differential test against CGAL's exact QP solver for DIFFERENTIAL_SECONDS
# (default 120). Installs its extra test-only packages (clang's fuzzer runtime, CGAL, and TeX Live's base,
# recommended (booktabs) and pictures (TikZ) collections so that the LaTeX compile tests run instead of skipping)
# when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
for p in clang libclang-rt-14-dev libcgal-dev texlive-latex-base texlive-latex-recommended texlive-pictures; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

start=$SECONDS
echo "== differential test against CGAL (${DIFFERENTIAL_SECONDS:-120} s)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build --target bigcert_differential_tests
BIGCERT_DIFFERENTIAL_SECONDS=${DIFFERENTIAL_SECONDS:-120} build/tests/bigcert_differential_tests 2>&1 |
  grep -E "compared|passed|failed" | tail -3

echo "== differential test took $((SECONDS - start)) s"
start=$SECONDS
echo "== fuzzing (${FUZZ_SECONDS:-60} s per target)"
bash scripts/fuzz.sh "${FUZZ_SECONDS:-60}"

echo "== fuzzing took $((SECONDS - start)) s"
start=$SECONDS
echo "== test suite under AddressSanitizer + UndefinedBehaviorSanitizer"
bash scripts/sanitize.sh
echo "== sanitizer suite took $((SECONDS - start)) s"
