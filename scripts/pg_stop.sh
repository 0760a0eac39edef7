#!/usr/bin/env bash
# Stop the throwaway cluster started by scripts/pg_start.sh and delete its files.
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGDIR=${PGDIR:-/tmp/sitrep-pg}
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ -f "$PGDIR/data/PG_VERSION" ]; then
  as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast stop >&2 || true
fi
rm -rf "$PGDIR"
