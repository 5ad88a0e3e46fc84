#!/usr/bin/env bash
# Runs each of the shim's Go fuzz targets (go/fuzz_test.go) for a bounded time, one after the
# other, with one worker. The instrumented test binary is built once (`go test -c -fuzz`, cached
# by Go); each target starts from its seeds alone (a fresh corpus directory, so the time goes to
# fuzzing, not to re-reading a corpus grown by earlier runs), and a new input is minimised for
# 1 s, not Go's 60 (every execution compares coverage over all of helm and client-go: slow). A
# crash fails the run and leaves its input in go/testdata/fuzz/<target>/ (commit it as a
# regression seed once fixed).
# usage: go-fuzz.sh GO SECONDS_PER_TARGET
set -euo pipefail
go=$1 secs=$2
cd "$(dirname "$0")/../../go"
export GOFLAGS=-mod=readonly GOWORK=off CGO_ENABLED=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
targets=$(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(f \*testing.F).*/\1/p' fuzz_test.go)
[ -n "$targets" ] || { echo "no fuzz targets found" >&2; exit 1; }
"$go" test -c -o "$work/shim-fuzz.test" -trimpath -buildvcs=false -fuzz "^$(echo "$targets" | head -1)\$" .
for t in $targets; do
    echo "== $t (${secs}s)"
    "$work/shim-fuzz.test" -test.run '^$' -test.fuzz "^$t\$" -test.fuzztime "${secs}s" \
        -test.fuzzminimizetime 1s -test.parallel 1 -test.timeout 0 -test.fuzzcachedir "$work/corpus-$t" 2>&1 |
        grep -v 'gathering baseline coverage: [0-9]*/[0-9]* completed$' || { echo "FAIL $t"; exit 1; }
done
