#!/usr/bin/env bash
# The whole test suite: unit (no Go), shim boundary, and differential conformance against the
# reference helm (built once from the Go module proxy and cached outside the build tree).
set -euo pipefail
cd "$(dirname "$0")/.."
CPPHELM_CMAKE_ARGS="-DCPPHELM_WERROR=ON" scripts/build.sh
ctest --test-dir build --output-on-failure
