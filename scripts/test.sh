#!/usr/bin/env bash
# The whole test suite: unit (no Go) under ASan+UBSan, a bounded libFuzzer run (clang), then the
# release build's unit, shim boundary and differential conformance tiers against the reference helm
# (built once from the Go module proxy and cached outside the build tree).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake --preset asan >/dev/null
cmake --build --preset asan
ctest --preset asan
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
ctest --preset fuzz -L fuzz
CPPHELM_CMAKE_ARGS="-DCPPHELM_WERROR=ON" scripts/build.sh
ctest --test-dir build --output-on-failure
