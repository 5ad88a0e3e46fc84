#!/usr/bin/env bash
# Configures and builds cpphelm into build/ (the Go shim is built once and reused until go/ changes).
set -euo pipefail
cd "$(dirname "$0")/.."
"$PWD/scripts/deps.sh"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release ${CPPHELM_CMAKE_ARGS:-} >/dev/null
cmake --build build
