#!/usr/bin/env bash
# Runs each of the shim's Go fuzz targets (go/fuzz_test.go) for a bounded time, one after the
# other (`go test -fuzz` takes one target per run), with one worker. A crash fails the run and
# leaves its input in go/testdata/fuzz/<target>/ (commit it as a regression seed once fixed).
# usage: go-fuzz.sh GO SECONDS_PER_TARGET
set -euo pipefail
go=$1 secs=$2
cd "$(dirname "$0")/../../go"
export GOFLAGS=-mod=readonly GOWORK=off CGO_ENABLED=1
targets=$(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(f \*testing.F).*/\1/p' fuzz_test.go)
[ -n "$targets" ] || { echo "no fuzz targets found" >&2; exit 1; }
for t in $targets; do
    echo "== $t (${secs}s)"
    "$go" test -trimpath -buildvcs=false -run '^$' -fuzz "^$t\$" -fuzztime "${secs}s" -parallel 1 -timeout 0 . 2>&1 |
        grep -v 'gathering baseline coverage: [0-9]*/[0-9]* completed$' || { echo "FAIL $t"; exit 1; }
done
