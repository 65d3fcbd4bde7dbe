#!/bin/bash
# The test PostgreSQL answers over TCP with the admin password (scram) and can create a database and
# a role, pg_dump works, and a wrong password is refused.
source "$(dirname "$0")/common.sh"
need NCB_PG_HOST NCB_PG_PORT NCB_PG_SOCKET_DIR NCB_PG_ADMIN_USER NCB_PG_ADMIN_PASSWORD
q() { PGPASSWORD=$1 psql -X -q -v ON_ERROR_STOP=1 -h "$NCB_PG_HOST" -p "$NCB_PG_PORT" -U "$NCB_PG_ADMIN_USER" -tA "${@:2}"; }
name=smoke_$$
q "$NCB_PG_ADMIN_PASSWORD" -d postgres -c "CREATE DATABASE $name" || fail "CREATE DATABASE over TCP failed"
out=$(q "$NCB_PG_ADMIN_PASSWORD" -d "$name" -c "CREATE TABLE t (v text); INSERT INTO t VALUES ('grüße'); SELECT v FROM t;" 2>&1) \
  || fail "query failed: $out"
[ "$out" = "grüße" ] || fail "read back '$out'"
method=$(q "$NCB_PG_ADMIN_PASSWORD" -d postgres -c "SELECT left(rolpassword, 13) FROM pg_authid WHERE rolname = current_user")
[ "$method" = "SCRAM-SHA-256" ] || fail "the admin password is not stored as scram ($method)"
dump=$(PGPASSWORD=$NCB_PG_ADMIN_PASSWORD pg_dump -h "$NCB_PG_HOST" -p "$NCB_PG_PORT" -U "$NCB_PG_ADMIN_USER" "$name" 2>&1) || fail "pg_dump failed: $dump"
echo "$dump" | grep -q "grüße" || fail "the dump lacks the row"
q "$NCB_PG_ADMIN_PASSWORD" -d postgres -c "DROP DATABASE $name" || fail "cleanup failed"
out=$(q "wrong-$NCB_PG_ADMIN_PASSWORD" -d postgres -c 'SELECT 1' 2>&1) && fail "a wrong password was accepted"
echo "$out" | grep -q "password authentication failed" || fail "wrong password: expected 'password authentication failed', got: $out"
[ -S "$NCB_PG_SOCKET_DIR/.s.PGSQL.$NCB_PG_PORT" ] || fail "no server socket in $NCB_PG_SOCKET_DIR"
echo "smoke_postgres: ok"
