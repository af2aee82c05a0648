#!/usr/bin/env bash
# Installs the Debian 12 packages bigcert needs (only those missing), then configures and builds
# build/bigcert. Safe to run again: it only does what is left to do.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(g++ cmake ninja-build pkg-config libgmp-dev libboost-dev libz3-dev z3 cvc5 catch2
          nlohmann-json3-dev libcli11-dev libsimdjson-dev libssl-dev python3 librsvg2-bin
          python3-dev pybind11-dev libcpp-httplib-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
# Only what `bigcert demo` needs: scripts/test.sh builds the tests, benchmarks and the Python module.
cmake --build build -j "$(nproc)" --target bigcert
