#!/usr/bin/env bash
# tests/cluster/ctl.sh — start/stop the local Kubernetes control plane for cluster tests.
#
#   ctl.sh start DIR   build (first time) or reuse the cached binaries, start the launcher in
#                      the background, return once DIR/ready exists; KUBECONFIG=DIR/kubeconfig
#   ctl.sh stop DIR    stop it (SIGTERM, then SIGKILL of its process group) and verify that
#                      no process is left
#   ctl.sh status DIR  exit 0 if the cluster in DIR is running and ready
#   ctl.sh build       build/reuse the cached binaries and print their directory
#   ctl.sh bindir      print the cache directory for the current sources (no build)
#
# Binaries are cached outside the build tree, keyed by the k8s version and a hash of
# go.mod, go.sum, build.sh and the launcher sources:
#   ${CPPHELM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cpphelm}/cluster/<k8s-version>-<hash>/
#   A new build removes the other cached builds that no start has used for 14 days.
# Environment: CPPHELM_CLUSTER_TIMEOUT (seconds to wait for ready, default 180).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
timeout_s=${CPPHELM_CLUSTER_TIMEOUT:-180}

die() { echo "ctl.sh: $*" >&2; exit 1; }

k8s_version() {
  sed -n 's/^[[:space:]]*k8s\.io\/kubernetes[[:space:]]\{1,\}v\([0-9.]*\).*/\1/p' "$here/go.mod" | head -n1
}

bindir() {
  local v h
  v=$(k8s_version); [ -n "$v" ] || die "no k8s.io/kubernetes requirement in $here/go.mod"
  h=$(cd "$here" && sha256sum go.mod go.sum build.sh $(find cmd -name '*.go' | LC_ALL=C sort) \
      | sha256sum | cut -c1-12)
  echo "${CPPHELM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cpphelm}/cluster/$v-$h"
}

ensure_built() {
  local bin root t0
  bin=$(bindir); root=$(dirname "$bin")
  if [ -f "$bin/.complete" ]; then touch "$bin/.last-used"; echo "$bin"; return; fi
  mkdir -p "$root"
  exec 9>"$root/.lock"
  flock 9                                   # one builder at a time; others wait and reuse
  if [ ! -f "$bin/.complete" ]; then
    echo "ctl.sh: building cluster binaries into $bin (first time; takes minutes)" >&2
    t0=$(date +%s)
    rm -rf "$bin.tmp"
    "$here/build.sh" "$bin.tmp" >&2 || { rm -rf "$bin.tmp"; die "build failed"; }
    rm -rf "$bin"; mv "$bin.tmp" "$bin"
    date -u +%FT%TZ >"$bin/.complete"
    echo "ctl.sh: built in $(( $(date +%s) - t0 ))s" >&2
    prune_unused "$root" "$bin"
  fi
  touch "$bin/.last-used"
  exec 9>&-
  echo "$bin"
}

# Removes cached builds (one per key, ~390 MB each) other than $2 that no start used for 14 days.
prune_unused() {
  local root=$1 keep=$2 d stamp
  for d in "$root"/*/; do
    d=${d%/}
    [ "$d" = "$keep" ] && continue
    case $d in *.tmp) continue ;; esac
    stamp=$d/.last-used; [ -f "$stamp" ] || stamp=$d/.complete
    if [ -f "$stamp" ] && [ -n "$(find "$stamp" -mtime +14 2>/dev/null)" ]; then
      echo "ctl.sh: removing unused cached build $d" >&2
      rm -rf "$d"
    fi
  done
}

# pids of processes in process group $1 (read from /proc; no name matching)
pids_in_group() {
  local g=$1 p stat rest fields
  for p in /proc/[0-9]*; do
    { read -r stat <"$p/stat"; } 2>/dev/null || continue
    rest=${stat##*) }
    read -r -a fields <<<"$rest"
    # fields: state ppid pgrp ...; zombies are gone already (just not reaped yet)
    [ "${fields[2]:-}" = "$g" ] && [ "${fields[0]}" != Z ] && echo "${p#/proc/}"
  done
  return 0
}

# process $1 exists and is not a zombie
alive() {
  local stat
  [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null || return 1
  { read -r stat <"/proc/$1/stat"; } 2>/dev/null || return 1
  stat=${stat##*) }
  [ "${stat%% *}" != Z ]
}
# the recorded launcher pid still belongs to a testcluster process (guards against pid reuse)
is_launcher() { alive "$1" && tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -q 'testcluster up'; }

show_logs() {
  local d=$1 f
  echo "---- $d/launcher.log" >&2
  tail -n 40 "$d/launcher.log" >&2 2>/dev/null || true
  for f in "$d"/logs/*.log; do
    [ -f "$f" ] || continue
    echo "---- $f (last 15 lines)" >&2
    tail -n 15 "$f" >&2
  done
}

cmd_stop() {
  local d=$1 pid pgid left i p
  [ -f "$d/launcher.pid" ] || { echo "ctl.sh: nothing to stop in $d"; return 0; }
  read -r pid pgid <"$d/launcher.pid" || true
  pgid=${pgid:-$pid}
  if is_launcher "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 300; i++)); do alive "$pid" || break; sleep 0.1; done
    alive "$pid" && echo "ctl.sh: launcher $pid did not stop within 30s; killing its process group" >&2
  fi
  # reap anything left in the launcher's process group (e.g. after kill -9 of the launcher)
  if [ "$pgid" -gt 1 ] 2>/dev/null; then
    left=$(pids_in_group "$pgid")
    if [ -n "$left" ]; then
      echo "ctl.sh: killing leftover processes of group $pgid:" $left >&2
      kill -KILL -- "-$pgid" 2>/dev/null || true
      for ((i = 0; i < 50; i++)); do [ -z "$(pids_in_group "$pgid")" ] && break; sleep 0.1; done
    fi
  fi
  # verify: nothing in the group, none of the recorded pids alive
  left=$(pids_in_group "$pgid")
  if [ -f "$d/pids" ]; then
    while read -r p _; do alive "$p" && left="$left $p"; done <"$d/pids"
  fi
  left=$(echo $left)
  [ -z "$left" ] || die "processes still running after stop: $left"
  rm -f "$d/launcher.pid" "$d/ready"
  echo "ctl.sh: stopped; no process left"
}

cmd_start() {
  local d=$1 bin pid i t0 ready_s
  mkdir -p "$d"; d=$(cd "$d" && pwd)
  # an earlier cluster in the same DIR: stop it; then clear its state (a stale
  # 'ready' would make us return before the new cluster exists)
  if [ -f "$d/launcher.pid" ]; then cmd_stop "$d" >&2; fi
  rm -rf "$d/ready" "$d/kubeconfig" "$d/kubeconfig.tmp" "$d/env" "$d/pids" "$d/launcher.pid" \
         "$d/launcher.log" "$d/logs" "$d/pki" "$d/etcd" "$d/kwok.yaml" "$d/kwok-work" "$d/flex"
  bin=$(ensure_built)
  t0=$(date +%s.%N)
  setsid "$bin/testcluster" up --dir "$d" --bin "$bin" --timeout "${timeout_s}s" \
    >"$d/launcher.log" 2>&1 </dev/null &
  pid=$!
  for ((i = 0; i < timeout_s * 10 + 50; i++)); do
    if [ -f "$d/ready" ]; then
      ready_s=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}')
      echo "ctl.sh: cluster ready in ${ready_s}s; KUBECONFIG=$d/kubeconfig"
      return 0
    fi
    if ! alive "$pid"; then
      wait "$pid" 2>/dev/null || true
      echo "ctl.sh: launcher exited before the cluster was ready" >&2
      show_logs "$d"
      cmd_stop "$d" >&2 || true
      return 1
    fi
    sleep 0.1
  done
  echo "ctl.sh: cluster not ready after ${timeout_s}s" >&2
  show_logs "$d"
  cmd_stop "$d" >&2 || true
  return 1
}

cmd_status() {
  local d=$1 pid
  [ -f "$d/launcher.pid" ] && [ -f "$d/ready" ] || return 1
  read -r pid _ <"$d/launcher.pid"
  alive "$pid"
}

case "${1:-}" in
  start)  [ $# -eq 2 ] || die "usage: ctl.sh start DIR"; cmd_start "$2" ;;
  stop)   [ $# -eq 2 ] || die "usage: ctl.sh stop DIR"; cmd_stop "$2" ;;
  status) [ $# -eq 2 ] || die "usage: ctl.sh status DIR"; cmd_status "$2" ;;
  build)  ensure_built ;;
  bindir) bindir ;;
  *) die "usage: ctl.sh start DIR | stop DIR | status DIR | build | bindir" ;;
esac
