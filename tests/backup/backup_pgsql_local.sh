#!/bin/bash
# RPs of a pgsql fixture instance, on this machine: backup, browse, restore (backup_common.sh); then a
# restore db killed -9 as its pg_restore starts (held by a wrapper): nothing drops the database before
# pg_restore, whose import is one transaction, so maintenance is not held on purpose: the database is as
# it was, the host's watchdog turns maintenance off at its deadline, and the next backup runs.
source "$(dirname "$0")/backup_common.sh"
run_backup_tests pgsql local

wrap=$w/wrap; mkdir -p "$wrap"; ln -sf "$here/blockpoint.sh" "$wrap/pg_restore"
php "$NCB_SOURCE_DIR/tests/fixture/dbq.php" "$root" "DELETE FROM oc_preferences" || fail "changing the database"
before=$(dbsum "$root") || fail "dbsum"
mkfifo "$wrap/pg_restore.fifo"; echo 1 > "$wrap/pg_restore.at"
PATH="$wrap:$PATH" "$NCB_CLI" restore db nc latest --maintenance-deadline 5 --no-keychain > "$w/cut.out" 2>&1 &
pid=$!
for _ in $(seq 300); do [ -s "$wrap/pg_restore.reached" ] && break; sleep 0.1; done
[ -s "$wrap/pg_restore.reached" ] || fail "restore db never reached pg_restore: $(cat "$w/cut.out")"
[ "$(maintenance_of "$root")" = on ] || fail "maintenance off during the restore"
kill -9 "$pid"; wait "$pid" 2>/dev/null; kill -9 "$(cat "$wrap/pg_restore.reached")" 2>/dev/null; rm -f "$wrap"/pg_restore.*
for _ in $(seq 150); do [ "$(maintenance_of "$root")" = off ] && break; sleep 0.1; done
[ "$(maintenance_of "$root")" = off ] || fail "the watchdog did not release maintenance after the killed pg_restore"
[ "$(dbsum "$root")" = "$before" ] || fail "the killed restore db changed the database"
out=$(cli backup nc --quiet 2>&1) || fail "backup after the killed restore db: $out"
echo "ok: restore db killed at pg_restore: database as it was, maintenance released by the watchdog"
