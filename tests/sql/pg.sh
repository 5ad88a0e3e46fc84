#!/usr/bin/env bash
# A throw-away PostgreSQL server for tests of helm's `sql` storage driver.
#
#   tests/sql/pg.sh start  DIR   # fresh cluster, prints the connection string
#   tests/sql/pg.sh stop   DIR   # fast shutdown; exit 0 if already stopped
#   tests/sql/pg.sh status DIR   # exit 0 if running, 3 if not
#
# The server runs as the `postgres` user (initdb/postgres refuse root), listens only on
# 127.0.0.1:<random free port> with trust authentication, keeps its unix socket inside the
# fixture and runs with fsync=off. See tests/sql/README.md.
#
# Files written to DIR:  connection-string, env, datadir, port
# Server files live in BASE = DIR, or, when the postgres user cannot reach DIR (a parent
# directory not searchable by others, e.g. a 0700 mktemp dir or /root) or DIR is too long
# for a unix socket path, in BASE = $(mktemp -d /tmp/cpphelm-pg.XXXXXX):
#   BASE/data (cluster), BASE/run (unix socket), BASE/server.log
# DIR/datadir always holds the absolute path of BASE/data.
set -euo pipefail

die() { echo "pg.sh: $*" >&2; exit 1; }
usage() { echo "usage: $0 start|stop|status DIR" >&2; exit 2; }

[ $# -eq 2 ] || usage
cmd=$1
DIR=$2
[ "$(id -u)" -eq 0 ] || die "must run as root (it switches to the postgres user with runuser)"

# Never let the caller's libpq environment redirect our client tools.
unset PGHOST PGHOSTADDR PGPORT PGDATABASE PGUSER PGPASSWORD PGSERVICE PGOPTIONS PGSSLMODE PGDATA

find_pgbin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && echo "$d"; done | sort -V | tail -n1
}

ensure_postgres_installed() {
  PGBIN=$(find_pgbin)
  if [ -z "$PGBIN" ]; then
    echo "pg.sh: installing Debian's postgresql package" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    # The package may create and start its own system cluster (postgresql.service / 5432).
    # That one is not ours: we neither stop nor use it.
    apt-get install -y -qq postgresql >/dev/null
    PGBIN=$(find_pgbin)
    [ -n "$PGBIN" ] || die "postgresql installed but no initdb under /usr/lib/postgresql/*/bin"
  fi
  id postgres >/dev/null 2>&1 || die "no 'postgres' user (the postgresql package creates it)"
}

# Run a command as postgres from a directory it can read (root's cwd may be /root, 0700).
as_pg() { (cd / && runuser -u postgres -- "$@"); }

# Paths of an existing fixture (after start has recorded DIR/datadir).
load_paths() {
  if [ -f "$DIR/datadir" ]; then
    DATA=$(cat "$DIR/datadir")
  else
    DATA=$DIR/data
  fi
  BASE=$(dirname "$DATA")
  SOCK=$BASE/run
  LOG=$BASE/server.log
}

# pid of the postmaster of $DATA if it is alive, else empty. Uses only the pid file.
postmaster_pid() {
  local pid
  [ -f "$DATA/postmaster.pid" ] || return 0
  pid=$(head -n1 "$DATA/postmaster.pid" 2>/dev/null || true)
  [[ $pid =~ ^[0-9]+$ ]] || return 0
  if alive "$pid"; then
    # Guard against pid reuse: the live process must have $DATA as its data directory
    # (the postmaster's cwd is its data directory).
    local cwd
    cwd=$(readlink "/proc/$pid/cwd" 2>/dev/null || true)
    if [ "$cwd" = "$(readlink -f "$DATA")" ]; then echo "$pid"; fi
  fi
  return 0
}

# Direct children of a pid (the postmaster's backends and auxiliary processes).
children_of() {
  local parent=$1 st p
  for st in /proc/[0-9]*/stat; do
    p=$(sed -E 's/^[0-9]+ \(.*\) . ([0-9]+) .*/\1/' "$st" 2>/dev/null) || continue
    [ "$p" = "$parent" ] && { st=${st#/proc/}; echo "${st%/stat}"; }
  done
  return 0
}

free_port() {
  local p
  if command -v python3 >/dev/null 2>&1 &&
     p=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null) &&
     [ -n "$p" ]; then
    echo "$p"; return
  fi
  for _ in $(seq 1 100); do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  die "no free port found"
}

pg_traversable() {
  # access(2) on the path as postgres fails if any parent is not searchable.
  as_pg test -x "$1" -a -r "$1" 2>/dev/null
}

write_conn_files() {
  local conn="postgresql://postgres@127.0.0.1:$PORT/helm?sslmode=disable"
  printf '%s\n' "$conn" >"$DIR/connection-string"
  printf 'HELM_DRIVER_SQL_CONNECTION_STRING=%s\n' "$conn" >"$DIR/env"
  printf '%s\n' "$PORT" >"$DIR/port"
  echo "$conn"
}

cmd_start() {
  mkdir -p "$DIR"
  DIR=$(cd "$DIR" && pwd -P)
  ensure_postgres_installed

  load_paths
  # A server still running from an earlier start in DIR is stopped first: every start gives
  # a fresh, empty cluster (as tests/cluster/ctl.sh start does).
  if [ -n "$(postmaster_pid)" ]; then
    echo "pg.sh: stopping the server still running in $DIR" >&2
    cmd_stop
    load_paths
  fi
  # Leftovers of an earlier (stopped or crashed) fixture: start fresh.
  if [ -f "$DIR/datadir" ] && [[ $BASE == /tmp/cpphelm-pg.* ]]; then rm -rf "$BASE"; fi
  rm -rf "$DIR/data" "$DIR/run" "$DIR/server.log" "$DIR/initdb.log"
  rm -f "$DIR/datadir" "$DIR/connection-string" "$DIR/env" "$DIR/port"

  # Where the server files go (see header). ".s.PGSQL.NNNNN.lock" must fit in sun_path (108).
  BASE=$DIR
  local sockfile=/run/.s.PGSQL.65535.lock
  if ! pg_traversable "$DIR" || [ $(( ${#DIR} + ${#sockfile} )) -gt 100 ]; then
    BASE=$(mktemp -d /tmp/cpphelm-pg.XXXXXX)
    echo "pg.sh: $DIR is not reachable by the postgres user or too long for a socket path; server files in $BASE" >&2
  fi
  DATA=$BASE/data SOCK=$BASE/run LOG=$BASE/server.log
  mkdir -p "$DATA" "$SOCK"
  chmod 700 "$DATA"; chmod 755 "$SOCK"
  : >"$LOG"
  chown postgres:postgres "$DATA" "$SOCK" "$LOG"
  [ "$BASE" = "$DIR" ] || chown postgres:postgres "$BASE"
  printf '%s\n' "$DATA" >"$DIR/datadir"

  as_pg "$PGBIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale=C --no-sync >"$BASE/initdb.log" 2>&1 ||
    { cat "$BASE/initdb.log" >&2; die "initdb failed"; }
  cat >>"$DATA/postgresql.conf" <<EOF

# --- cpphelm tests/sql/pg.sh ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$SOCK'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 50
shared_buffers = 32MB
logging_collector = off
EOF
  # Trust only loopback TCP and the private socket; nothing else.
  cat >"$DATA/pg_hba.conf" <<EOF
local all all              trust
host  all all 127.0.0.1/32 trust
EOF

  local attempt started= t0=$SECONDS
  for attempt in 1 2 3; do
    PORT=$(free_port)
    # -w: pg_ctl waits until the server accepts connections, or notices the postmaster died
    # (e.g. the port was taken between free_port and bind), or 60 s pass.
    if as_pg "$PGBIN/pg_ctl" -D "$DATA" -l "$LOG" -o "-p $PORT" -w -t 60 start >/dev/null 2>&1; then
      while [ $((SECONDS - t0)) -lt 60 ]; do
        if "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -t 2; then started=1; break; fi
        sleep 0.2
      done
      break
    fi
    if grep -qiE 'address already in use|could not create any TCP/IP sockets' "$LOG" && [ -z "$(postmaster_pid)" ]; then
      echo "pg.sh: port $PORT was taken (attempt $attempt of 3)" >&2
      continue
    fi
    break
  done
  if [ -z "$started" ]; then
    echo "pg.sh: server failed to start or was not ready within 60 s; server log ($LOG):" >&2
    cat "$LOG" >&2
    cmd_stop >/dev/null 2>&1 || true
    exit 1
  fi
  # The port goes into postgresql.conf too, so a manual `pg_ctl restart` keeps it.
  printf "port = %s\n" "$PORT" >>"$DATA/postgresql.conf"

  as_pg "$PGBIN/createdb" -h "$SOCK" -p "$PORT" -U postgres helm ||
    { cat "$LOG" >&2; die "createdb helm failed"; }
  write_conn_files
}

# Is the pid a live process (a zombie waiting to be reaped counts as gone)?
alive() {
  local st
  st=$(sed -E 's/^[0-9]+ \(.*\) (.) .*/\1/' "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$st" ] && [ "$st" != Z ] && [ "$st" != X ]
}

# Wait up to $2 tenths of a second for pid $1 to be gone.
wait_gone() {
  local i
  for ((i = 0; i < $2; i++)); do alive "$1" || return 0; sleep 0.1; done
  return 1
}

cmd_stop() {
  [ -d "$DIR" ] || { echo "pg.sh: $DIR does not exist; nothing to stop" >&2; return 0; }
  DIR=$(cd "$DIR" && pwd -P)
  PGBIN=$(find_pgbin)
  load_paths
  local pid kids k
  pid=$(postmaster_pid)
  if [ -z "$pid" ]; then
    echo "pg.sh: not running" >&2
  else
    kids=$(children_of "$pid")
    as_pg "$PGBIN/pg_ctl" -D "$DATA" -m fast -w -t 30 stop >/dev/null 2>&1 ||
      as_pg "$PGBIN/pg_ctl" -D "$DATA" -m immediate -w -t 15 stop >/dev/null 2>&1 || true
    # The postmaster removes its pid file (which ends pg_ctl's wait) just before it exits.
    wait_gone "$pid" 100 || { kill -KILL "$pid" 2>/dev/null || true; wait_gone "$pid" 50 || true; }
    alive "$pid" && die "postmaster $pid of $DATA is still alive"
    for k in $kids; do
      wait_gone "$k" 50 || true
      if alive "$k" && [ "$(readlink "/proc/$k/cwd" 2>/dev/null)" = "$(readlink -f "$DATA")" ]; then
        die "postgres child $k of $DATA is still alive"
      fi
    done
    echo "pg.sh: stopped (pid $pid)" >&2
  fi
  # A /tmp fallback dir is known only through DIR/datadir: remove it with the fixture.
  if [ -f "$DIR/datadir" ] && [[ $BASE == /tmp/cpphelm-pg.* ]]; then
    rm -rf "$BASE"
    rm -f "$DIR/datadir"
  fi
  return 0
}

cmd_status() {
  [ -d "$DIR" ] || { echo "stopped"; exit 3; }
  DIR=$(cd "$DIR" && pwd -P)
  PGBIN=$(find_pgbin)
  load_paths
  local pid port
  pid=$(postmaster_pid)
  if [ -z "$pid" ]; then echo "stopped"; exit 3; fi
  port=$(cat "$DIR/port" 2>/dev/null || sed -n 4p "$DATA/postmaster.pid")
  if "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$port" -t 2; then
    echo "running pid=$pid port=$port datadir=$DATA"
    [ -f "$DIR/connection-string" ] && cat "$DIR/connection-string"
    exit 0
  fi
  echo "starting-or-unresponsive pid=$pid port=$port datadir=$DATA"
  exit 1
}

case $cmd in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) usage ;;
esac
