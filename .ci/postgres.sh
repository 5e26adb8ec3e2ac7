#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for Parley's tests, on 127.0.0.1 and a
# spare port, owned by the postgres user, in $PARLEY_PG_DIR (default
# /tmp/parley-pg). Idempotent: running "up" again reuses a running cluster.
#
#   bash .ci/postgres.sh [up]   install postgresql if missing, create and
#                               start the cluster, create the database, and
#                               print the export lines the tests read:
#                                 eval "$(bash .ci/postgres.sh)"
#                               (also written to $PARLEY_PG_DIR/env)
#   bash .ci/postgres.sh stop   stop the server (the restart test does this)
#   bash .ci/postgres.sh start  start it again on the same port
#   bash .ci/postgres.sh down   stop it and delete the cluster
#
# Must run as root or as the postgres user. Progress goes to stderr, so
# stdout holds only the export lines.
set -euo pipefail

dir=${PARLEY_PG_DIR:-/tmp/parley-pg}
data=$dir/data
self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
say() { echo "postgres.sh: $*" >&2; }

# as_pg runs a command as the postgres user (directly when already it).
as_pg() {
  if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}

bindir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -z "$d" ] || [ ! -x "$d/initdb" ]; then
    say "installing postgresql with apt"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2
    d=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
  echo "$d"
}

# spare_port prints the first port from 55432 up that nothing listens on.
spare_port() {
  local p
  for p in $(seq 55432 55632); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  say "no spare port in 55432-55632"; exit 1
}

running() { [ -f "$data/postmaster.pid" ] && as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; }

start() {
  running && return 0
  as_pg "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c max_connections=400 -p $(cat "$dir/port") -k $dir" start >&2
}

stop() {
  running || return 0
  as_pg "$bin/pg_ctl" -D "$data" -m fast -w stop >&2
}

up() {
  if [ ! -f "$data/PG_VERSION" ]; then
    rm -rf "$dir"
    mkdir -p "$dir"
    spare_port >"$dir/port"
    echo parley >"$dir/pwfile"
    chown -R postgres: "$dir" 2>/dev/null || true
    chmod 700 "$dir"
    # Local socket connections (for this script) are trusted; TCP ones,
    # which the tests make, need the password.
    as_pg "$bin/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      --pwfile="$dir/pwfile" -E UTF8 --locale=C.UTF-8 >&2
  fi
  start
  local port psql
  port=$(cat "$dir/port")
  psql=(as_pg "$bin/psql" -h "$dir" -p "$port" -U postgres -v ON_ERROR_STOP=1 -qAt)
  if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = 'parley'")" != 1 ]; then
    "${psql[@]}" -c "CREATE ROLE parley LOGIN CREATEDB PASSWORD 'parley'" >&2
  fi
  if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = 'parley'")" != 1 ]; then
    "${psql[@]}" -c "CREATE DATABASE parley OWNER parley" >&2
  fi
  cat >"$dir/env" <<EOF
export PARLEY_TEST_POSTGRES='postgres://parley:parley@127.0.0.1:$port/parley?sslmode=disable'
export PARLEY_TEST_PG_CTL='bash $self'
export PARLEY_PG_DIR='$dir'
EOF
  say "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, data in $data"
  cat "$dir/env"
}

bin=$(bindir)
case "${1:-up}" in
  up) up ;;
  start) start ;;
  stop) stop ;;
  down) stop; rm -rf "$dir" ;;
  *) say "usage: $0 [up|start|stop|down]"; exit 2 ;;
esac
