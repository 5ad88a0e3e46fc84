#!/usr/bin/env bash
# Builds cpphelm (and the reference helm, once) and prints the side-by-side benchmark table.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh >/dev/null
exec python3 bench/bench.py "$@"
