#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 for tests (installing it with apt when missing)
# and prints its URL. Idempotent: a cluster already running is reused.
#   export PG_TEST_URL=$(bash scripts/start-postgres.sh)
set -euo pipefail
PGBIN=/usr/lib/postgresql/15/bin
DIR=${PG_TEST_DIR:-/tmp/civic-kiosk-pg}
PORT=${PG_TEST_PORT:-5433}

if [ ! -x "$PGBIN/postgres" ]; then
  echo "Installing PostgreSQL 15 with apt..." >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi

# The postgres binary refuses to run as root.
as_owner() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$1"; else bash -c "$1"; fi; }

if ! as_owner "$PGBIN/pg_ctl -D $DIR status" >/dev/null 2>&1; then
  rm -rf "$DIR" && mkdir -p "$DIR"
  [ "$(id -u)" = 0 ] && chown postgres "$DIR"
  as_owner "$PGBIN/initdb -D $DIR --auth=trust -U postgres -E UTF8 --locale=C.UTF-8" >/dev/null
  as_owner "$PGBIN/pg_ctl -D $DIR -o '-p $PORT -k $DIR -c listen_addresses=127.0.0.1' -l $DIR/server.log -w start" >/dev/null
fi
echo "postgres://postgres@127.0.0.1:$PORT/postgres"
