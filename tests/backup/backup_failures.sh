#!/bin/bash
# What goes wrong must say so in one sentence, with a non-zero exit, and lose nothing: a wrong database
# password (maintenance off again, no RP, the failed attempt in the job history), unknown and changed SSH
# host keys (refused), a wrong repository password, an unknown instance, restore db of an RP of another
# database type or Nextcloud version (refused; --force for the version; its safety snapshot undoes it),
# restore instance onto a folder that holds no Nextcloud or of a safety snapshot (refused), a failed
# in-place instance restore (left in maintenance mode, said so), the questions
# restore files asks on a terminal, and hostile paths in an RP (restore files leaves them out and names
# them; restore instance refuses before anything is written).
source "$(dirname "$0")/backup_common.sh"
setup_instance mysql local
hostile="${NCB_BINARY_DIR:?}/tests/backup/ncb_make_hostile_rp"
[ -x "$hostile" ] || fail "ncb_make_hostile_rp is not built"
rps() { cli rp list nc --json | jget restoringPoints | php -r 'echo count(json_decode(stream_get_contents(STDIN)));'; }

cli backup nc --quiet >/dev/null || fail "first backup"

# Wrong database password in config.php: Nextcloud cannot reach its database, so the backup stops
# before the files pass, saying why; maintenance never on, no RP, the history names the step.
cp "$root/config/config.php" "$w/config.php.good"
sed -i "s/'dbpassword' => '[^']*'/'dbpassword' => 'not-the-password'/" "$root/config/config.php"
out=$(cli backup nc --quiet 2>&1); rc=$?
[ $rc -ne 0 ] || fail "a backup with a wrong DB password succeeded"
echo "$out" | grep -q "^ncbackup-cli: The backup of nc failed during preparing: .*Access denied for user" || fail "wrong DB password: $out"
[ "$(echo "$out" | wc -l)" -eq 1 ] || fail "more than one line: $out"
echo "$out" | grep -q "not-the-password" && fail "the password appears in the message"
[ "$(maintenance_of "$root")" = off ] || fail "maintenance on after the failed backup"
[ "$(rps)" = 1 ] || fail "the failed backup left an RP"
tail -1 "$w/share/history/nc.jsonl" | grep -q '"status":"failed"' || fail "the failed attempt is not in the job history"
tail -1 "$w/share/history/nc.jsonl" | grep -q '"step":"start"' || fail "the job history does not name the step"
cp "$w/config.php.good" "$root/config/config.php"

# The database password changes between the files pass and the dump (the backup held at the fixture
# occ's FIFO on its way into maintenance mode, then released): the dump fails at step 3, maintenance goes off again, no RP, the history says "db".
dbpw() {
  MYSQL_PWD=$NCB_MARIADB_ADMIN_PASSWORD mariadb --no-defaults -h "$NCB_MARIADB_HOST" -P "$NCB_MARIADB_PORT" -u "$NCB_MARIADB_ADMIN_USER" \
    -e "ALTER USER 'ncbbk_$$'@'%' IDENTIFIED BY '$1'; ALTER USER 'ncbbk_$$'@'localhost' IDENTIFIED BY '$1'; FLUSH PRIVILEGES;"
}
mkdir -p "$root/.fixture-block" && mkfifo "$root/.fixture-block/maintenance:mode"
"$NCB_CLI" backup nc --quiet --no-keychain > "$w/held.out" 2>&1 &
pid=$!
held() { occ_pids maintenance:mode | grep -vx "${1:-none}" | head -1; }
for _ in $(seq 150); do first=$(held) && [ -n "$first" ] && break; sleep 0.1; done
[ -n "$first" ] || fail "the backup never asked occ about maintenance mode: $(cat "$w/held.out")"
echo go > "$root/.fixture-block/maintenance:mode" # the check at start (recovery after a killed run)
for _ in $(seq 300); do second=$(held "$first") && [ -n "$second" ] && break; sleep 0.1; done
[ -n "$second" ] || fail "the backup never reached step 2: $(cat "$w/held.out")"
dbpw "changed-$$" || fail "changing the database password"
# Release the held call and let every later one through: open the FIFO (the held occ's open returns),
# remove it so later calls do not block, then send the line the held occ waits for.
exec 7>"$root/.fixture-block/maintenance:mode"
rm -rf "$root/.fixture-block"
echo go >&7; exec 7>&-
wait "$pid"; rc=$?
dbpw "$(cat "$w/db.pw")" || fail "restoring the database password"
out=$(cat "$w/held.out")
[ $rc -ne 0 ] || fail "a backup whose dump was refused succeeded"
echo "$out" | grep -q "^ncbackup-cli: The backup of nc failed during the database dump (step 3): .*Access denied" || fail "refused dump: $out"
[ "$(maintenance_of "$root")" = off ] || fail "maintenance left on after the failed dump"
[ "$(rps)" = 1 ] || fail "the failed dump left an RP"
tail -1 "$w/share/history/nc.jsonl" | grep -q '"step":"db"' || fail "the job history does not name the dump step"
cli backup nc --quiet >/dev/null || fail "backup after fixing the password"

# SSH host keys: unknown and changed keys are refused.
for v in NCB_SSH_HOST NCB_SSH_PORT NCB_SSH_USER NCB_SSH_KEY NCB_SSH_HOST_KEY_OTHER; do
  [ -n "${!v:-}" ] || fail "$v is not set: start the services (tests/env/services.sh) or run scripts/test"
done
: > "$w/empty_known_hosts"
for kh in "$w/empty_known_hosts" "$NCB_SSH_HOST_KEY_OTHER"; do
  echo "{\"name\":\"far\",\"local\":false,\"sshHost\":\"$NCB_SSH_HOST\",\"sshPort\":$NCB_SSH_PORT,\"sshUser\":\"$NCB_SSH_USER\",\"identityFile\":\"$NCB_SSH_KEY\",\"knownHostsFile\":\"$kh\",\"serverRoot\":\"$root\",\"repository\":\"$w/repo\"}" \
    > "$w/cfg/instances/far.json"
  out=$(cli backup far --quiet 2>&1); rc=$?
  [ $rc -eq 9 ] || fail "host key ($kh): exit $rc, expected 9: $out"
  echo "$out" | grep -qi "host key" || fail "host key message: $out"
  # The one sentence of a backup that cannot connect (the app shows the same, from backup::BackupRun).
  echo "$out" | grep -q "^ncbackup-cli: The backup of far failed while connecting: " || fail "connect failure sentence: $out"
  tail -1 "$w/share/history/far.jsonl" | grep -q '"step":"connect"' || fail "the connect failure's record names no step: $(tail -1 "$w/share/history/far.jsonl")"
done
[ -s "$w/empty_known_hosts" ] && fail "an unknown host key was written to known_hosts"
grep -q '"instance":"far".*"status":"failed"\|"status":"failed".*"instance":"far"' "$w/share/history/far.jsonl" || fail "no history of the refused host"

# Wrong repository password, unknown instance.
echo wrong > "$w/wrong.pw"
out=$(NCBACKUP_PASSWORD_FILE=$w/wrong.pw cli backup nc --quiet 2>&1); rc=$?
[ $rc -eq 4 ] || fail "wrong repository password: exit $rc: $out"
out=$(cli backup nobody 2>&1); rc=$?
[ $rc -eq 3 ] || fail "unknown instance: exit $rc: $out"

# restore db refuses another database type, and another Nextcloud version unless --force: one sentence,
# exit 2, the database untouched, maintenance off, no safety snapshot.
rp=$(cli rp list nc --json | jget restoringPoints | php -r '$a = json_decode(stream_get_contents(STDIN), true); echo end($a)["id"];')
safeties() { cli rp list nc --all --json | jget safetySnapshots | php -r 'echo count(json_decode(stream_get_contents(STDIN)));'; }
sum=$(dbsum "$root") || fail "dbsum"
# after a restore db: the RP's rows, but for the file cache, which files:scan brings in line with the disk
sumnofc=$(dbsum "$root" oc_filecache) || fail "dbsum"
nsafe=$(safeties)
printf '%s
' '<?php' "\$CONFIG = array('dbtype' => 'pgsql');" > "$root/config/zz-dbtype.config.php"
out=$(cli restore db nc latest 2>&1); rc=$?
rm -f "$root/config/zz-dbtype.config.php"
[ $rc -eq 2 ] || fail "restore db onto another database type: exit $rc: $out"
[ "$out" = "ncbackup-cli: Restoring Point ${rp:0:12} holds a mysql database but the instance now uses pgsql; restore the whole instance instead." ] \
  || fail "another database type: $out"
cp "$root/version.php" "$w/version.php.good"
sed -i 's/32,0,1,2/33,0,0,1/; s/32\.0\.1/33.0.0/' "$root/version.php"
out=$(cli restore db nc latest 2>&1); rc=$?
[ $rc -eq 2 ] || fail "restore db onto another version: exit $rc: $out"
[ "$out" = "ncbackup-cli: Restoring Point ${rp:0:12} was made with Nextcloud 32.0.1.2 but the instance now runs 33.0.0.1: its database would not fit the code; use --force to restore it anyway." ] \
  || fail "another version: $out"
[ "$(maintenance_of "$root")" = off ] || fail "maintenance on after the refused restores"
[ "$(dbsum "$root")" = "$sum" ] || fail "a refused restore db changed the database"
[ "$(safeties)" = "$nsafe" ] || fail "a refused restore db wrote a safety snapshot"
# --force: restored all the same (with its safety snapshot).
php "$NCB_SOURCE_DIR/tests/fixture/dbq.php" "$root" "DELETE FROM oc_preferences" || fail "changing the database"
out=$(cli restore db nc latest --force 2>&1) || fail "restore db --force onto another version: $out"
[ "$(dbsum "$root" oc_filecache)" = "$sumnofc" ] || fail "the database after restore db --force differs from the RP"
[ "$(safeties)" = $((nsafe + 1)) ] || fail "restore db --force wrote no safety snapshot"
[ "$(maintenance_of "$root")" = off ] || fail "maintenance on after restore db --force"
# The safety snapshot undoes it: it holds the database as it was just before (oc_preferences emptied),
# and it is no Restoring Point for restore instance.
safety=$(cli rp list nc --all --json | jget safetySnapshots | php -r '$a = json_decode(stream_get_contents(STDIN), true); echo end($a)["id"];')
out=$(cli restore instance nc "${safety:0:12}" 2>&1); rc=$?
[ $rc -eq 2 ] && [ "$out" = "ncbackup-cli: ${safety:0:12} is a database safety snapshot, not a Restoring Point: restore it with \`restore db\`." ] \
  || fail "restore instance of a safety snapshot: exit $rc: $out"
out=$(cli restore db nc "${safety:0:12}" 2>&1) || fail "restore db of the safety snapshot: $out"
[ "$(php "$NCB_SOURCE_DIR/tests/fixture/dbq.php" "$root" "SELECT COUNT(*) FROM oc_preferences")" = 0 ] \
  || fail "the safety snapshot does not hold the database as it was before restore db"
cp "$w/version.php.good" "$root/version.php"

# A full disk under the repository: the backup stops in the files pass, before maintenance mode, with one
# sentence; no RP, no pack left behind, the repository still checks. (Needs root for the tmpfs, as in CI.)
[ "$(id -u)" -eq 0 ] || fail "the full-disk case mounts a small tmpfs: run this test as root (CI does)"
mkdir -p "$w/small" && mount -t tmpfs -o size=1m tmpfs "$w/small" || fail "mounting a 1 MiB tmpfs"
"$NCB_CLI" instance add full --local "$root" --repo "$w/small/r" --password-file "$w/repo.pw" --no-keychain >/dev/null \
  || { umount "$w/small"; fail "instance add onto the small disk"; }
# More than the disk holds even with the default exclusions (previews, nextcloud.log) left out.
head -c 3M /dev/urandom > "$data/admin/files/ncb-too-big.bin"
out=$(cli backup full --full --quiet 2>&1); rc=$?
rm -f "$data/admin/files/ncb-too-big.bin"
hist=$(tail -1 "$w/share/history/full.jsonl")
packs=$(find "$w/small/r/data" -type f | wc -l)
check=$(cli repo check --instance full 2>&1); crc=$?
nrp=$(cli rp list full --json | jget restoringPoints | php -r 'echo count(json_decode(stream_get_contents(STDIN)));')
umount "$w/small"
[ $rc -eq 6 ] && [ "$out" = "ncbackup-cli: The backup of full failed during the files pass (step 1): Not enough space left to write to repository $w/small/r." ] \
  || fail "backup onto a full disk: exit $rc: $out"
echo "$hist" | grep -q '"step":"files"' || fail "the full disk is not named at step 1 in the history: $hist"
[ "$(maintenance_of "$root")" = off ] || fail "maintenance on after the full-disk backup"
[ "$packs" = 0 ] || fail "the failed backup left $packs pack file(s): $(find "$w/small/r/data" -type f)"
[ $crc -eq 0 ] || fail "repo check after the full-disk backup: $check"
[ "$nrp" = 0 ] || fail "the full-disk backup left an RP"
"$NCB_CLI" instance remove full >/dev/null || fail "instance remove full"

# A path the RP does not hold: one sentence in the words of the command, exit 3, nothing written.
rpid=$(cli rp list nc --json | jget restoringPoints | php -r '$a = json_decode(stream_get_contents(STDIN), true); echo end($a)["id"];')
out=$(cli rp ls nc latest data/nobody 2>&1); rc=$?
[ $rc -eq 3 ] && [ "$out" = "ncbackup-cli: The folder data/nobody is not in Restoring Point ${rpid:0:12} of nc." ] || fail "rp ls of a missing folder: exit $rc: $out"
out=$(cli restore files nc latest data/nobody --to-dir "$w/nobody" 2>&1); rc=$?
[ $rc -eq 3 ] && [ "$out" = "ncbackup-cli: The path 'data/nobody' is not in Restoring Point ${rpid:0:12} of nc." ] || fail "restore of a missing path: exit $rc: $out"
[ -e "$w/nobody" ] && [ -n "$(ls -A "$w/nobody")" ] && fail "the refused restore wrote something"
out=$(cli rp history nc data/nobody 2>&1); rc=$?
[ $rc -eq 3 ] && [ "$out" = "ncbackup-cli: data/nobody is in no Restoring Point of nc." ] || fail "history of a missing path: exit $rc: $out"

# On a terminal, restore files asks about each existing file: [s]kip keeps it, [k]eep both writes a copy,
# [a]bort stops before anything is written.
f=data/alice/files/Readme.md
echo "local change" > "$data/alice/files/Readme.md"
ask() { printf '%s\n' "$1" | script -qec "$NCB_CLI restore files nc latest $f --to-host --no-keychain" /dev/null | tr -d '\r'; }
out=$(ask s)
echo "$out" | grep -qF "$data/${f#data/} exists and differs from the Restoring Point's version. [o]verwrite, [s]kip, [k]eep both, [a]bort?" || fail "no question on a terminal: $out"
echo "$out" | grep -qxF "kept the existing $data/${f#data/}" || fail "[s]kip: $out"
[ "$(cat "$data/alice/files/Readme.md")" = "local change" ] || fail "[s]kip replaced the file"
out=$(ask a)
echo "$out" | grep -qF "The restore was stopped at $data/${f#data/}: nothing was restored." || fail "[a]bort: $out"
[ "$(ls "$data/alice/files" | grep -c "Readme")" = 1 ] || fail "[a]bort wrote something"
out=$(ask k)
copy="$data/alice/files/Readme (restored $(date +%F)).md"
echo "$out" | grep -qxF "restored as $copy" || fail "[k]eep both: $out"
[ "$(cat "$data/alice/files/Readme.md")" = "local change" ] && [ -s "$copy" ] || fail "[k]eep both did not keep both"

# restore db cut short once MariaDB's database is dropped (the import held by a wrapper of the mariadb
# client, then the restore killed -9, or the import's process killed): the database is incomplete, so
# maintenance stays on, past the watchdog's deadline too; backup refuses with one sentence; instance show
# still works and says why; the next restore db repairs it without another safety dump.
wrap=$w/wrap; mkdir -p "$wrap"; ln -sf "$here/blockpoint.sh" "$wrap/mariadb"
arm_import() { rm -f "$wrap"/mariadb.*; mkfifo "$wrap/mariadb.fifo"; echo "utf8mb4 --" > "$wrap/mariadb.match"; echo 1 > "$wrap/mariadb.at"; }
wait_reached() { local i; for i in $(seq 300); do [ -s "$wrap/mariadb.reached" ] && return 0; sleep 0.1; done; return 1; }
nsafe=$(safeties)
arm_import
PATH="$wrap:$PATH" "$NCB_CLI" restore db nc latest --maintenance-deadline 5 --no-keychain > "$w/cut.out" 2>&1 &
pid=$!
wait_reached || fail "restore db never reached the import: $(cat "$w/cut.out")"
[ "$(safeties)" = $((nsafe + 1)) ] || fail "no safety snapshot before the import"
[ -e "$w/repo/maintenance.marker" ] || fail "no marker while the import runs"
kill -9 "$pid"; wait "$pid" 2>/dev/null; kill -9 "$(cat "$wrap/mariadb.reached")" 2>/dev/null; rm -f "$wrap"/mariadb.*
sleep 8 # past the deadline: a watchdog still running would have turned maintenance off by now
[ "$(maintenance_of "$root")" = on ] || fail "maintenance went off over a half-restored database"
# the import never began: the database is empty, and Nextcloud cannot start over it (occ neither)
out=$(occ_at "$root" maintenance:mode 2>&1) && fail "occ started over the emptied database: $out"
echo "$out" | grep -q "Table '[^']*\.oc_appconfig' doesn't exist" || fail "occ over the emptied database said: $out"
out=$(cli backup nc --quiet 2>&1); rc=$?
[ $rc -ne 0 ] || fail "a backup of a half-restored database succeeded"
echo "$out" | grep -q "^ncbackup-cli: The backup of nc failed .*An interrupted run left $root in maintenance mode on purpose (a database restore from Restoring Point [0-9a-f]\{12\} was replacing the database, which may be incomplete; safety snapshot [0-9a-f]\{12\} holds it as it was, started .*), so it stays on until \`ncbackup-cli restore db nc RP\` (or a restore of the whole instance) succeeds\.$" \
  || fail "backup after the cut restore: $out"
[ "$(maintenance_of "$root")" = on ] || fail "the refused backup turned maintenance off"
out=$("$NCB_CLI" instance show nc 2>&1) || fail "instance show after the cut restore: $out"
echo "$out" | grep -q "maintenance mode on purpose" || fail "instance show does not say why maintenance is on: $out"
echo "$out" | grep -q "^Warning: The MariaDB/MySQL database of the Nextcloud on this machine (.*) lacks Nextcloud's tables, so Nextcloud cannot start (.*oc_appconfig.*); restore the database with \`ncbackup-cli restore db nc RP\`" \
  || fail "instance show does not say what to run: $out"
out=$(cli restore db nc latest 2>&1) || fail "restore db after the cut one: $out"
echo "$out" | grep -q "an interrupted restore had left it incomplete, so no safety dump was taken this time (safety snapshot [0-9a-f]\{12\} holds the database as it was before that restore). Maintenance mode is off.$" \
  || fail "the repairing restore db said: $out"
[ "$(dbsum "$root" oc_filecache)" = "$sumnofc" ] || fail "the database after the repairing restore differs from the RP"
[ "$(maintenance_of "$root")" = off ] || fail "maintenance on after the repairing restore"
[ "$(safeties)" = $((nsafe + 1)) ] || fail "the repairing restore dumped the incomplete database"
[ -e "$w/repo/maintenance.marker" ] && fail "the marker is still there after the repair"
# The import itself dies (no kill of ncbackup): one sentence, maintenance stays on; then repaired.
arm_import
PATH="$wrap:$PATH" "$NCB_CLI" restore db nc latest --no-keychain > "$w/cut.out" 2>&1 &
pid=$!
wait_reached || fail "restore db never reached the import (2): $(cat "$w/cut.out")"
kill -9 "$(cat "$wrap/mariadb.reached")"; wait "$pid"; rc=$?; rm -f "$wrap"/mariadb.*
out=$(cat "$w/cut.out")
[ $rc -ne 0 ] || fail "a restore db whose import died succeeded"
echo "$out" | grep -q "^ncbackup-cli: The database restore failed during the import (safety snapshot [0-9a-f]\{12\} holds the database as it was): .*; the database may be incomplete, so $root stays in maintenance mode until a database restore succeeds\.$" \
  || fail "the failed import said: $out"
[ "$(maintenance_of "$root")" = on ] || fail "maintenance went off after the failed import"
out=$(cli restore db nc latest 2>&1) || fail "restore db after the failed import: $out"
[ "$(dbsum "$root" oc_filecache)" = "$sumnofc" ] && [ "$(maintenance_of "$root")" = off ] || fail "not repaired after the failed import"
cli backup nc --quiet >/dev/null || fail "backup after the repair"

# restore db killed -9 during MariaDB's DROP DATABASE: the drop held by the wrapper, then ncbackup and the
# drop killed; the tables a DROP DATABASE had reached when it died are gone (MariaDB drops one table after
# the other), oc_appconfig among them. Nextcloud 32 cannot start over such a database, in maintenance mode
# too, so occ fails for every command. The product's advice, restore db, repairs it without occ: the RP's
# rows, maintenance off, occ works again, no second safety dump.
qdb() { php "$NCB_SOURCE_DIR/tests/fixture/dbq.php" "$root" "$1"; }
arm_drop() { rm -f "$wrap"/mariadb.*; mkfifo "$wrap/mariadb.fifo"; echo "DROP DATABASE" > "$wrap/mariadb.match"; echo 1 > "$wrap/mariadb.at"; }
nsafe=$(safeties)
arm_drop
PATH="$wrap:$PATH" "$NCB_CLI" restore db nc latest --no-keychain > "$w/cut.out" 2>&1 &
pid=$!
wait_reached || fail "restore db never reached the drop: $(cat "$w/cut.out")"
kill -9 "$pid"; wait "$pid" 2>/dev/null; kill -9 "$(cat "$wrap/mariadb.reached")" 2>/dev/null; rm -f "$wrap"/mariadb.*
for t in oc_appconfig oc_accounts oc_authtoken oc_filecache; do qdb "DROP TABLE $t" || fail "dropping $t"; done
for c in status "maintenance:mode --off"; do
  # shellcheck disable=SC2086
  out=$(occ_at "$root" $c 2>&1) && fail "occ $c started over a half-dropped database: $out"
  echo "$out" | grep -q "Base table or view not found: 1146 Table '[^']*\.oc_appconfig' doesn't exist" || fail "occ $c over a half-dropped database: $out"
done
[ "$(maintenance_of "$root")" = on ] || fail "maintenance off after the restore was killed during the drop"
out=$(cli restore db nc latest --json 2>"$w/err") || fail "restore db after the kill during the drop: $(cat "$w/err"): $out"
[ "$(echo "$out" | jget repairedInterrupted)" = true ] || fail "the repair after the kill during the drop: $out"
[ "$(dbsum "$root" oc_filecache)" = "$sumnofc" ] || fail "the database after the repair of the half-dropped one differs from the RP"
[ "$(maintenance_of "$root")" = off ] || fail "maintenance on after the repair of the half-dropped database"
[ "$(occ_at "$root" status --output=json | jget maintenance)" = false ] || fail "occ does not work after the repair"
[ "$(safeties)" = $((nsafe + 1)) ] || fail "the repair dumped the half-dropped database"
[ -e "$w/repo/maintenance.marker" ] && fail "the marker is still there after the repair of the half-dropped database"

# The same repair when nothing tells ncbackup that a restore was cut short (no marker: the run was another
# machine's, or the database was emptied by hand) and occ cannot start at all: backup says what to run;
# restore db reads maintenance mode from config.php instead of asking occ, imports, and brings the
# instance back (occ maintenance:mode --off once the database is whole). With maintenance off in
# config.php it turns it on there first.
for state in on off; do
  occ_at "$root" maintenance:mode --on >/dev/null || fail "maintenance on"
  for t in $(qdb "SHOW TABLES"); do qdb "DROP TABLE $t" || fail "dropping $t"; done
  [ "$state" = off ] && sed -i "s/'maintenance' => true/'maintenance' => false/" "$root/config/config.php"
  [ "$(maintenance_of "$root")" = "$state" ] || fail "maintenance is not $state in config.php"
  out=$(occ_at "$root" maintenance:mode 2>&1) && fail "occ started over an empty database: $out"
  [ -e "$w/repo/maintenance.marker" ] && fail "a marker is left before the repair without one"
  out=$(cli backup nc --quiet 2>&1) && fail "a backup of an empty database succeeded: $out"
  echo "$out" | grep -q "^ncbackup-cli: The backup of nc failed .*: Nextcloud cannot start there because its database lacks its tables (SQLSTATE\[42S02\]: .*oc_appconfig' doesn't exist); restore the database with \`ncbackup-cli restore db nc RP\` (\`ncbackup-cli rp list nc\` shows the Restoring Points)\.$" \
    || fail "backup over an empty database said: $out"
  nsafe=$(safeties)
  out=$(cli restore db nc latest --json 2>"$w/err") || fail "restore db over an empty database (maintenance $state): $(cat "$w/err"): $out"
  [ "$(echo "$out" | jget repairedWithoutOcc)" = true ] && [ "$(echo "$out" | jget repairedInterrupted)" = false ] \
    || fail "restore db over an empty database: $out"
  [ "$(dbsum "$root" oc_filecache)" = "$sumnofc" ] || fail "the database after the repair of the empty one differs from the RP"
  [ "$(maintenance_of "$root")" = off ] || fail "maintenance on after the repair of the empty database ($state before)"
  [ "$(occ_at "$root" status --output=json | jget maintenance)" = false ] || fail "occ does not work after the repair of the empty database"
  [ "$(safeties)" = $((nsafe + 1)) ] || fail "no safety snapshot of the empty database"
  [ -e "$w/repo/maintenance.marker" ] && fail "the marker is still there after the repair of the empty database"
done
# A backup killed on its way into maintenance mode (its marker left, not held), then the database lost its
# tables: the next run cannot turn maintenance off through occ, and need not: it says so and what to run,
# and restore db repairs the instance.
mkdir -p "$root/.fixture-block" && mkfifo "$root/.fixture-block/maintenance:mode"
"$NCB_CLI" backup nc --quiet --no-keychain > "$w/held.out" 2>&1 &
pid=$!
for _ in $(seq 150); do first=$(held) && [ -n "$first" ] && break; sleep 0.1; done
[ -n "$first" ] || fail "the backup never asked occ about maintenance mode: $(cat "$w/held.out")"
echo go > "$root/.fixture-block/maintenance:mode"
for _ in $(seq 300); do second=$(held "$first") && [ -n "$second" ] && break; sleep 0.1; done
[ -n "$second" ] || fail "the backup never reached maintenance:mode --on: $(cat "$w/held.out")"
kill -9 "$pid"; wait "$pid" 2>/dev/null; kill -9 "$second"; rm -rf "$root/.fixture-block"
[ -e "$w/repo/maintenance.marker" ] || fail "the killed backup left no marker"
for t in $(qdb "SHOW TABLES"); do qdb "DROP TABLE $t" || fail "dropping $t"; done
out=$("$NCB_CLI" instance show nc 2>&1) || fail "instance show after the killed backup: $out"
echo "$out" | grep -qF "A previous backup was interrupted, and Nextcloud on this machine cannot start now because its database lacks its tables (SQLSTATE[42S02]" \
  || fail "the run after the killed backup does not say why maintenance stays: $out"
echo "$out" | grep -qF "so maintenance mode stays as it is; restore the database with \`ncbackup-cli restore db nc RP\`" \
  || fail "the run after the killed backup does not say what to run: $out"
[ -e "$w/repo/maintenance.marker" ] && fail "the marker of the killed backup is still there"
out=$(cli backup nc --quiet 2>&1) && fail "a backup of an empty database succeeded: $out"
echo "$out" | grep -qF "Nextcloud cannot start there because its database lacks its tables" || fail "backup of an empty database: $out"
out=$(cli restore db nc latest --json 2>"$w/err") || fail "restore db after the killed backup: $(cat "$w/err"): $out"
[ "$(echo "$out" | jget repairedWithoutOcc)" = true ] || fail "restore db after the killed backup: $out"
[ "$(dbsum "$root" oc_filecache)" = "$sumnofc" ] && [ "$(maintenance_of "$root")" = off ] || fail "not repaired after the killed backup"
[ "$(occ_at "$root" status --output=json | jget maintenance)" = false ] || fail "occ does not work after the repair (killed backup)"

# files:scan after restore db dies (the fixture's occ held at files:scan, then killed): the database is
# restored and maintenance is off, and one sentence says what is left to do by hand; exit 12.
mkdir -p "$root/.fixture-block" && mkfifo "$root/.fixture-block/files:scan"
cli restore db nc latest > "$w/scan.out" 2>&1 &
pid=$!
for _ in $(seq 300); do scan=$(occ_pids files:scan | head -1) && [ -n "$scan" ] && break; sleep 0.1; done
[ -n "$scan" ] || fail "restore db never ran files:scan: $(cat "$w/scan.out")"
kill -9 "$scan"; wait "$pid"; rc=$?; rm -rf "$root/.fixture-block"
out=$(cat "$w/scan.out")
[ $rc -eq 12 ] && echo "$out" | grep -q "^ncbackup-cli: The database of nc was restored from Restoring Point [0-9a-f]\{12\} and maintenance mode is off, but occ files:scan --all failed on this machine: .*; run \`php occ maintenance:data-fingerprint\` and \`php occ files:scan --all\` in $root so that clients and file listings follow the restored database\.$" \
  || fail "restore db whose files:scan died: exit $rc: $out"
[ "$(maintenance_of "$root")" = off ] && [ "$(dbsum "$root" oc_filecache)" = "$sumnofc" ] || fail "restore db whose files:scan died did not restore"

out=$(cli restore db nc latest 2>&1) || fail "restore db: $out"
echo "$out" | grep -qxF "Nextcloud has a new data fingerprint, so clients resync, and occ files:scan --all listed the files on disk that the restored database did not know." \
  || fail "restore db does not say it ran the fingerprint and files:scan: $out"

# restore instance in place whose database import fails (the database password changed since the RP):
# one sentence naming the step, the instance left in maintenance mode; once fixed, the same restore works.
dbpw "changed-$$" || fail "changing the database password"
out=$(cli restore instance nc latest 2>&1); rc=$?
dbpw "$(cat "$w/db.pw")" || fail "restoring the database password"
[ $rc -ne 0 ] || fail "an instance restore whose import was refused succeeded"
echo "$out" | grep -q "^ncbackup-cli: The instance restore failed during the database import: .*Access denied.*; $root stays in maintenance mode until a restore succeeds\.$" \
  || fail "failed import: $out"
[ "$(maintenance_of "$root")" = on ] || fail "a half-restored instance was left online"
# Held on purpose: backup refuses (not "turn maintenance off"), restore db cannot repair files.
out=$(cli backup nc --quiet 2>&1) && fail "a backup of a half-restored instance succeeded"
echo "$out" | grep -q "An interrupted run left $root in maintenance mode on purpose (a restore of the whole instance from Restoring Point [0-9a-f]\{12\} was replacing its files and database, which may be incomplete, started .*), so it stays on until \`ncbackup-cli restore instance nc RP\` succeeds\.$" \
  || fail "backup after the failed instance restore: $out"
out=$(cli restore db nc latest 2>&1) && fail "restore db repaired a half-restored instance: $out"
echo "$out" | grep -q "Its files may be incomplete too, which a database restore does not repair\.$" || fail "restore db on a held instance: $out"
[ "$(maintenance_of "$root")" = on ] || fail "maintenance went off over a half-restored instance"
out=$(cli restore instance nc latest 2>&1) || fail "the instance restore after fixing the password: $out"
[ -e "$w/repo/maintenance.marker" ] && fail "the held marker is still there after the instance restore"
[ "$(maintenance_of "$root")" = off ] || fail "maintenance on after the instance restore"

# restore instance never empties a folder that holds something else than a Nextcloud.
mkdir -p "$w/notnc" && echo precious > "$w/notnc/precious.txt"
out=$(cli restore instance nc latest --to-root "$w/notnc" --to-data "$w/new/d2" 2>&1); rc=$?
[ $rc -eq 2 ] && [ "$out" = "ncbackup-cli: $w/notnc on this machine is not empty and holds no Nextcloud server root: restore into an empty or new folder, or onto an existing instance. Nothing was restored." ] \
  || fail "instance restore onto a foreign root: exit $rc: $out"
out=$(cli restore instance nc latest --to-root "$w/new/r2" --to-data "$w/notnc" 2>&1); rc=$?
[ $rc -eq 2 ] && [ "$out" = "ncbackup-cli: $w/notnc on this machine is not empty and holds no Nextcloud data directory: restore into an empty or new folder, or onto an existing instance. Nothing was restored." ] \
  || fail "instance restore onto a foreign data folder: exit $rc: $out"
[ "$(cat "$w/notnc/precious.txt")" = precious ] && [ "$(ls -A "$w/notnc")" = precious.txt ] || fail "a refused instance restore changed the folder"
[ -e "$w/new/r2" ] || [ -e "$w/new/d2" ] && fail "a refused instance restore created a target"

# Hostile paths in an RP: restore files leaves that entry out and names it (restore_files_*.sh checks
# that the rest comes back); restore instance refuses the whole RP before anything is written.
mkdir -p "$w/probe"
for kind in dotdot symlink absolute; do
  rm -f /tmp/ncb-hostile-$kind
  id=$("$hostile" "$w/repo" "$w/repo.pw" nc $kind) || fail "making the hostile RP ($kind)"
  out=$(cli restore files nc "${id:0:12}" data/alice/files --to-host --overwrite 2>&1); rc=$?
  [ $rc -eq 0 ] || fail "hostile RP ($kind) onto the host: exit $rc: $out"
  echo "$out" | grep -q "^left out .*ncb-hostile-$kind" || fail "the output does not name the hostile path: $out"
  [ -e /tmp/ncb-hostile-$kind ] && fail "a hostile RP ($kind) wrote outside the target"
  rm -f "$data/alice/files/link"
  out=$(cli restore files nc "${id:0:12}" data/alice/files --to-dir "$w/probe" 2>&1); rc=$?
  [ $rc -eq 0 ] || fail "hostile RP ($kind) into a folder: exit $rc: $out"
  echo "$out" | grep -q "^left out .*ncb-hostile-$kind" || fail "the output does not name the hostile path: $out"
  [ -e /tmp/ncb-hostile-$kind ] && fail "a hostile RP ($kind) wrote outside the folder"
  out=$(cli restore instance nc "${id:0:12}" --to-root "$w/new/r" --to-data "$w/new/d" 2>&1); rc=$?
  [ $rc -eq 10 ] || fail "hostile RP ($kind) as an instance: exit $rc: $out"
  [ -e "$w/new/r" ] && fail "the refused instance restore ($kind) created the target"
done


# An RP whose config/*.config.php sets the data directory over config.php: a copy would use the live data
# folder, so it is refused (exit 10) before anything is written.
printf '%s\n' '<?php' "\$CONFIG = array('datadirectory' => '$data');" > "$root/config/zz-data.config.php"
out=$(cli backup nc --quiet 2>&1); rc=$?
rm -f "$root/config/zz-data.config.php"
[ $rc -eq 0 ] || fail "backup with zz-data.config.php: $out"
zrp=$(cli rp list nc --json | jget restoringPoints | php -r '$a = json_decode(stream_get_contents(STDIN), true); echo end($a)["id"];')
out=$(cli restore instance nc "${zrp:0:12}" --to-root "$w/new/zr" --to-data "$w/new/zd" 2>&1); rc=$?
[ $rc -eq 10 ] && [ "$out" = "ncbackup-cli: Restoring Point ${zrp:0:12} holds root/config/zz-data.config.php, which sets datadirectory over config.php: a copy of the instance would use the instance's own setting. Nothing was restored." ] \
  || fail "a copy of an RP whose extra config file sets datadirectory: exit $rc: $out"
[ -e "$w/new/zr" ] || [ -e "$w/new/zd" ] && fail "the refused copy created its folders"

# An RP whose root/config is a symbolic link to another instance's config folder: a copy of it is refused
# with one sentence, exit 10, before anything is written; the other instance's files stay byte-identical.
victim=$w/victim
mkdir -p "$victim" && cp -a "$root/config" "$victim/config"
mv "$root/config" "$w/config.real" && ln -s "$victim/config" "$root/config"
out=$(cli backup nc --quiet 2>&1); rc=$?
rm "$root/config" && mv "$w/config.real" "$root/config"
[ $rc -eq 0 ] || fail "backup with a symlinked config folder: $out"
victim_sum() { (cd "$victim" && find . -printf '%P %y %s %m %T@\n' | sort && find . -type f -exec sha256sum {} + | sort) | sha256sum; }
vsum=$(victim_sum)
lrp=$(cli rp list nc --json | jget restoringPoints | php -r '$a = json_decode(stream_get_contents(STDIN), true); echo end($a)["id"];')
out=$(cli restore instance nc "${lrp:0:12}" --to-root "$w/new/lr" --to-data "$w/new/ld" 2>&1); rc=$?
[ $rc -eq 10 ] && [ "$out" = "ncbackup-cli: Restoring Point ${lrp:0:12} holds root/config as a symbolic link, not as a folder of its own: a copy of the instance would write through it into $victim/config. Nothing was restored." ] \
  || fail "a copy of an RP with a symlinked config folder: exit $rc: $out"
[ "$(victim_sum)" = "$vsum" ] || fail "the refused copy changed the other instance's config folder"
[ -e "$w/new/lr" ] || [ -e "$w/new/ld" ] && fail "the refused copy created its folders"
echo "ok: a copy never writes through a symlinked config folder"
echo "ok: failures"
