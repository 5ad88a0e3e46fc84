#!/usr/bin/env bash
# tests/cluster/smoke.sh HELM_BINARY
#
# Starts a test cluster in a temp dir, runs the given helm binary through the release
# life cycle against it (install --wait, status, upgrade, history, test (passing and,
# via kwok's chaos label, failing), rollback, list, uninstall), checks exit codes and
# a few output facts, stops the cluster (also on failure) and ends with the line
# "N passed, M failed". Exit status 0 iff nothing failed.
set -uo pipefail
[ $# -eq 1 ] || { echo "usage: smoke.sh HELM_BINARY" >&2; exit 2; }
helm=$(command -v "$1" || true)
[ -n "$helm" ] && [ -x "$helm" ] || { echo "smoke.sh: not an executable: $1" >&2; exit 2; }
helm=$(cd "$(dirname "$helm")" && pwd)/$(basename "$helm")
here=$(cd "$(dirname "$0")" && pwd)
chart=$here/testdata/smoke-chart

work=$(mktemp -d "${TMPDIR:-/tmp}/cpphelm-smoke.XXXXXX")
D=$work/cluster
passed=0 failed=0 stopped=0 keep=0 summarised=0

stop_cluster() {
  [ "$stopped" = 1 ] && return 0
  stopped=1
  "$here/ctl.sh" stop "$D" >&2 || { echo "FAIL cluster stop" >&2; failed=$((failed + 1)); }
}
on_exit() {
  local rc=$?
  if [ "$summarised" = 0 ]; then            # interrupted or died: still end with the summary
    failed=$((failed + 1)); echo "FAIL interrupted (exit $rc)"
    stop_cluster
    echo "$passed passed, $failed failed"
    [ "$rc" -ne 0 ] || rc=1
  fi
  stop_cluster
  if [ "$keep" = 1 ]; then :; else rm -rf "$work"; fi
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# run NAME WANT CMD...   WANT is 0 (must succeed) or fail (must exit 1..123).
# Optional checks on the combined output via the globals GREP (regex that must
# match) and EQUALS (exact expected stdout), reset after each step.
GREP='' EQUALS='' EQ_SET=''
run() {
  local name=$1 want=$2 rc ok=1 out
  shift 2
  out=$work/out.txt
  timeout 300 "$@" >"$out" 2>"$out.err"; rc=$?
  if [ "$want" = 0 ] && [ "$rc" -ne 0 ]; then ok=0; fi
  # a real failure: not success, not timeout(1)'s 124, not "cannot execute/not found"
  if [ "$want" = fail ] && { [ "$rc" -eq 0 ] || [ "$rc" -ge 124 ]; }; then ok=0; fi
  if [ "$ok" = 1 ] && [ -n "$GREP" ] && ! grep -Eq -- "$GREP" "$out" "$out.err"; then ok=0; fi
  if [ "$ok" = 1 ] && [ -n "$EQUALS$EQ_SET" ] && [ "$(cat "$out")" != "$EQUALS" ]; then ok=0; fi
  if [ "$ok" = 1 ]; then
    passed=$((passed + 1)); echo "PASS $name (exit $rc)"
  else
    failed=$((failed + 1))
    echo "FAIL $name (exit $rc, want $want${GREP:+, output matching /$GREP/}${EQ_SET:+, stdout '$EQUALS'})"
    sed 's/^/    | /' "$out" "$out.err" | tail -n 30
  fi
  GREP='' EQUALS='' EQ_SET=''
}
expect_stdout() { EQUALS=$1 EQ_SET=1; }

t0=$(date +%s)
if ! "$here/ctl.sh" start "$D"; then
  echo "FAIL cluster start"
  failed=$((failed + 1))
  stop_cluster
  keep=1; echo "cluster state and logs kept in $D"
  summarised=1; echo "$passed passed, $failed failed"
  exit 1
fi
passed=$((passed + 1)); echo "PASS cluster start"

export KUBECONFIG=$D/kubeconfig
export HOME=$work/home
export HELM_CONFIG_HOME=$work/helm/config HELM_CACHE_HOME=$work/helm/cache HELM_DATA_HOME=$work/helm/data
unset HELM_NAMESPACE HELM_KUBECONTEXT HELM_KUBETOKEN HELM_KUBEAPISERVER HELM_DRIVER HELM_KUBEINSECURE_SKIP_TLS_VERIFY
export TZ=UTC NO_COLOR=1
mkdir -p "$HOME"
ns=smoke
rel=smoke

GREP='STATUS: deployed'
run "install --wait"            0    "$helm" install "$rel" "$chart" -n "$ns" --create-namespace --wait --timeout 120s
GREP='REVISION: 1'
run "status"                    0    "$helm" status "$rel" -n "$ns"
GREP='STATUS: deployed'
run "upgrade --wait"            0    "$helm" upgrade "$rel" "$chart" -n "$ns" --set replicaCount=2 --set message=upgraded --wait --timeout 120s
GREP='^2[[:space:]].*deployed'
run "history"                   0    "$helm" history "$rel" -n "$ns"
GREP='Phase:[[:space:]]+Succeeded'
run "test (passing)"            0    "$helm" test "$rel" -n "$ns" --timeout 120s
run "upgrade (failing test)"    0    "$helm" upgrade "$rel" "$chart" -n "$ns" --reuse-values --set testFail=true --wait --timeout 120s
GREP='Failed'
run "test (failing, chaos)"     fail "$helm" test "$rel" -n "$ns" --timeout 120s
GREP='Rollback was a success'
run "rollback 1 --wait"         0    "$helm" rollback "$rel" 1 -n "$ns" --wait --timeout 120s
GREP='Phase:[[:space:]]+Succeeded'
run "test after rollback"       0    "$helm" test "$rel" -n "$ns" --timeout 120s
GREP='^4[[:space:]].*Rollback to 1'
run "history after rollback"    0    "$helm" history "$rel" -n "$ns"
GREP="^$rel[[:space:]]+$ns[[:space:]]+4[[:space:]].*deployed"
run "list"                      0    "$helm" list -n "$ns"
GREP='uninstalled'
run "uninstall --wait"          0    "$helm" uninstall "$rel" -n "$ns" --wait --timeout 120s
expect_stdout ''
run "list after uninstall"      0    "$helm" list -n "$ns" -q
run "status after uninstall"    fail "$helm" status "$rel" -n "$ns"
run "install into missing namespace" fail "$helm" install other "$chart" -n no-such-namespace

stop_cluster
if [ "$failed" -ne 0 ]; then keep=1; echo "cluster state and logs kept in $D"; fi
echo "total $(( $(date +%s) - t0 ))s"
summarised=1; echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
