#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster for sitrep's store tests and benchmarks.
#
#   eval "$(scripts/pg_start.sh)"     # exports SITREP_TEST_PG=postgres://sitrep@127.0.0.1:PORT/sitrep
#   cargo test -p sitrep_store        # runs the PostgreSQL backend test too
#   scripts/pg_stop.sh                # stops it and deletes its files
#
# Runs initdb/pg_ctl as the `postgres` user when started as root (initdb refuses root).
# PGBIN (default /usr/lib/postgresql/15/bin), PGPORT (default 55432), PGDIR (default
# /tmp/sitrep-pg) override the defaults. Prints only the export line on stdout.
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGPORT=${PGPORT:-55432}
PGDIR=${PGDIR:-/tmp/sitrep-pg}
[ -x "$PGBIN/initdb" ] || { echo "no initdb in $PGBIN (apt-get install postgresql)" >&2; exit 1; }

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ ! -f "$PGDIR/data/PG_VERSION" ]; then
  mkdir -p "$PGDIR"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$PGDIR"
  as_pg "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 >"$PGDIR/initdb.log" 2>&1 \
    || { cat "$PGDIR/initdb.log" >&2; exit 1; }
fi
if ! as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" status >/dev/null 2>&1; then
  as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w \
    -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >&2
fi
as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -qtAc \
  "SELECT 1 FROM pg_roles WHERE rolname='sitrep'" | grep -q 1 \
  || as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -qc "CREATE ROLE sitrep LOGIN SUPERUSER" >&2
as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -qtAc \
  "SELECT 1 FROM pg_database WHERE datname='sitrep'" | grep -q 1 \
  || as_pg "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres -O sitrep sitrep >&2
echo "export SITREP_TEST_PG=postgres://sitrep@127.0.0.1:$PGPORT/sitrep"
