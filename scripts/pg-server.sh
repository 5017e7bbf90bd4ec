#!/usr/bin/env bash
# Starts a private PostgreSQL 15 server for the tests, or stops it.
#   eval "$(bash scripts/pg-server.sh start)"   # exports KEYWAY_TEST_PG_URL, KEYWAY_PG_DIR
#   bash scripts/pg-server.sh stop "$KEYWAY_PG_DIR"
# The server runs as the unprivileged `postgres` user (initdb refuses root),
# in a temp dir, on 127.0.0.1 only, with a private port and socket dir.
# KEYWAY_PG_EXTRA_OPTS adds server options (bench/run.sh raises
# max_locks_per_transaction: one transaction creating 12,000 tables needs it).
set -euo pipefail

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pg_bin" ]; then
  echo "pg-server.sh: PostgreSQL server binaries not found (install postgresql-15)" >&2
  exit 1
fi

as_pg() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "${1:-}" in
  start)
    dir=$(mktemp -d /tmp/keyway-pg.XXXXXX)
    chmod 755 "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    port=${KEYWAY_PG_PORT:-$(( 20000 + RANDOM % 20000 ))}
    as_pg "$pg_bin/initdb" -D "$dir/data" -U keyway --auth=trust -E UTF8 --locale=C.UTF-8 \
      > "$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    as_pg "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200 ${KEYWAY_PG_EXTRA_OPTS:-}" \
      > /dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "export KEYWAY_PG_DIR=$dir"
    echo "export KEYWAY_TEST_PG_URL=postgresql://keyway@127.0.0.1:$port/postgres"
    ;;
  stop)
    dir=${2:?usage: pg-server.sh stop DIR}
    as_pg "$pg_bin/pg_ctl" -D "$dir/data" -m fast -w stop > /dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: pg-server.sh start | stop DIR" >&2
    exit 2
    ;;
esac
