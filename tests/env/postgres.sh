#!/bin/bash
# Test PostgreSQL 15: a private cluster on 127.0.0.1:$NCB_PG_PORT (default base+32) in
# $NCB_RUN_DIR/postgres (owned by the postgres system user, as initdb demands). TCP needs a
# scram-sha-256 password; the socket in $NCB_RUN_DIR/postgres/sock trusts local users.
# Creates an admin role (superuser) with a fresh random password that only env.sh holds.
# usage: tests/env/postgres.sh start|stop|status      (runs as root; the server runs as postgres)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
dir=$NCB_RUN_DIR/postgres
data=$dir/data
sock=$dir/sock
admin=ncbadmin

as_pg() { runuser -u postgres -- "$@"; }
running() { [ -f "$data/postmaster.pid" ] && as_pg "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; }

start() {
  [ "$(id -u)" -eq 0 ] || die "postgres.sh must run as root (initdb and the server run as the postgres user)"
  if running; then log "postgres already running"; return 0; fi
  port_free "$NCB_PG_PORT" || die "port $NCB_PG_PORT (postgres) is already in use; set NCB_PORT_BASE or NCB_PG_PORT"
  mkdir -p "$dir" "$sock"
  chown postgres: "$dir" "$sock"; chmod 755 "$dir" "$sock"
  if [ ! -f "$data/PG_VERSION" ]; then
    as_pg "$PG_BIN/initdb" -D "$data" -U postgres -E UTF8 --locale=C.UTF-8 --no-sync \
      --auth-local=trust --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1 \
      || die "initdb failed (see $dir/initdb.log)"
    cat >"$data/pg_hba.conf" <<HBA
# Test-only cluster (tests/env/postgres.sh): the socket trusts, TCP wants a scram password.
local   all all                trust
host    all all 127.0.0.1/32   scram-sha-256
HBA
    cat >>"$data/postgresql.conf" <<CONF
# tests/env/postgres.sh: small and fast, durability does not matter here
password_encryption = scram-sha-256
shared_buffers = 16MB
max_connections = 100
fsync = off
synchronous_commit = off
full_page_writes = off
logging_collector = off
CONF
    chown postgres: "$data/pg_hba.conf"
  fi
  as_pg "$PG_BIN/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 30 \
    -o "-p $NCB_PG_PORT -k $sock -c listen_addresses=127.0.0.1" start >/dev/null \
    || die "postgres did not start (see $dir/server.log)"

  local pw; pw=$(random_secret 16)
  # The password travels on stdin, never in a process argument.
  psql -X -q -v ON_ERROR_STOP=1 -h "$sock" -p "$NCB_PG_PORT" -U postgres -d postgres >/dev/null <<SQL \
    || die "could not create the PostgreSQL admin role"
SELECT 'CREATE ROLE $admin' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$admin')\gexec
ALTER ROLE $admin WITH LOGIN SUPERUSER CREATEDB CREATEROLE PASSWORD '$pw';
SQL
  write_env "$NCB_RUN_DIR/postgres.env" <<ENV
export NCB_PG_HOST=127.0.0.1
export NCB_PG_PORT=$NCB_PG_PORT
export NCB_PG_SOCKET_DIR=$sock
export NCB_PG_ADMIN_USER=$admin
export NCB_PG_ADMIN_PASSWORD=$pw
ENV
  log "postgres listening on 127.0.0.1:$NCB_PG_PORT"
}

stop() {
  [ -f "$data/postmaster.pid" ] || return 0
  as_pg "$PG_BIN/pg_ctl" -D "$data" -m fast -w -t 20 stop >/dev/null 2>&1 && return 0
  # pg_ctl could not stop it: the first line of postmaster.pid is the server's pid.
  cp "$data/postmaster.pid" "$dir/postmaster.pid.copy"
  stop_pidfile "$dir/postmaster.pid.copy" postgres
}

status() { running && echo "postgres: running (127.0.0.1:$NCB_PG_PORT)" || { echo "postgres: stopped"; return 1; }; }

case "${1:-}" in
  start) start ;; stop) stop ;; status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
