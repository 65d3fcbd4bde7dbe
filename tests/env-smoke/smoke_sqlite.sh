#!/bin/bash
# sqlite3 (what a SQLite-backed Nextcloud's backup runs) creates, reads and dumps a database.
source "$(dirname "$0")/common.sh"
need NCB_RUN_DIR
dir=$(mktemp -d "$NCB_RUN_DIR/smoke_sqlite.XXXXXX")
trap 'rm -rf "$dir"' EXIT
sqlite3 "$dir/owncloud.db" "CREATE TABLE oc_t (v TEXT); INSERT INTO oc_t VALUES ('grüße');" || fail "sqlite3 could not write"
[ "$(sqlite3 "$dir/owncloud.db" 'SELECT v FROM oc_t')" = "grüße" ] || fail "sqlite3 read back something else"
sqlite3 "$dir/owncloud.db" .dump | grep -q "INSERT INTO oc_t VALUES('grüße');" || fail ".dump lacks the row"
echo "smoke_sqlite: ok"
