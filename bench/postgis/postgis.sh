#!/usr/bin/env bash
# A throw-away PostGIS 15/3 server for correctness checks and benchmarks.
#   postgis.sh install             install postgresql-15-postgis-3 with apt when it is missing
#   postgis.sh start DIR PORT      initdb in DIR (a fresh, empty directory), start on 127.0.0.1:PORT,
#                                  create the postgis extension in database "postgres"
#   postgis.sh stop DIR            stop the server and delete DIR
# Connect with: psql -h 127.0.0.1 -p PORT -U postgres postgres   (trust authentication, local only)
# Settings are those of a bulk-load session (fsync off, minimal WAL): the data is scratch.
set -euo pipefail

pg_bin=/usr/lib/postgresql/15/bin

as_postgres() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

install() {
  if [ ! -f /usr/share/postgresql/15/extension/postgis.control ] || [ ! -x "$pg_bin/initdb" ]; then
    echo "postgis: installing postgresql-15-postgis-3 with apt" >&2
    apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-15 postgresql-15-postgis-3 >&2
  fi
}

start() {
  local dir="$1" port="$2"
  install
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$dir"
  fi
  as_postgres "$pg_bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale >"$dir/initdb.log"
  as_postgres "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
        -c full_page_writes=off -c wal_level=minimal -c max_wal_senders=0 \
        -c shared_buffers=256MB -c work_mem=256MB -c maintenance_work_mem=512MB \
        -c max_wal_size=4GB -c checkpoint_timeout=30min" start >/dev/null
  psql -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE EXTENSION postgis" >/dev/null
  psql -X -At -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "SELECT postgis_full_version()" >&2
}

stop() {
  local dir="$1"
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_postgres "$pg_bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  install) install ;;
  start) start "$2" "$3" ;;
  stop) stop "$2" ;;
  *) echo "usage: $0 install | start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
