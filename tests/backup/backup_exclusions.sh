#!/bin/bash
# What a backup leaves out, and lists in the RP: a local external storage inside the data directory
# (occ files_external:list; with the app disabled there is none, and the same folder is backed up), a
# folder holding a `.nobackup` file, the SQLite file with its -wal/-shm (the database is the dump in db/).
# An in-place instance restore leaves all of them alone. A backup in maintenance mode, where occ cannot
# list the external storages, fails with one sentence and writes no RP. An instance whose files live in
# object storage is told so by the backup, which still holds the database and the setup.
source "$(dirname "$0")/backup_common.sh"
setup_instance sqlite local --external @DATA@/extstore
rps() { cli rp list nc --json | jget restoringPoints | php -r 'echo count(json_decode(stream_get_contents(STDIN)));'; }

mkdir -p "$data/extstore/sub" && echo external > "$data/extstore/sub/big.bin"
mkdir -p "$data/alice/files/Private/deep" && : > "$data/alice/files/Private/.nobackup" && echo secret > "$data/alice/files/Private/deep/s.txt"
# The database in WAL mode with a reader holding it open, as a live server does: -wal and -shm exist.
sqlite3 "$data/owncloud.db" 'PRAGMA journal_mode=WAL;' >/dev/null || fail "WAL mode"
php -r '$p = new PDO("sqlite:" . $argv[1]); $p->query("SELECT COUNT(*) FROM oc_appconfig")->fetchAll(); sleep(60);' "$data/owncloud.db" &
holder=$!
for _ in $(seq 50); do [ -e "$data/owncloud.db-wal" ] && [ -e "$data/owncloud.db-shm" ] && break; sleep 0.1; done
[ -e "$data/owncloud.db-wal" ] && [ -e "$data/owncloud.db-shm" ] || fail "no -wal/-shm next to the WAL-mode database"

out=$(cli backup nc --full --json --quiet) || fail "backup: $out"
kill "$holder"; wait "$holder" 2>/dev/null
skipped=$(echo "$out" | jget skipped)
for want in '{"path":"data/extstore","reason":"external storage"}' '{"path":"data/alice/files/Private","reason":".nobackup"}' \
            '{"path":"data/owncloud.db","reason":"the SQLite database (backed up as a dump in db/)"}' \
            '{"path":"data/owncloud.db-wal","reason":"the SQLite database (backed up as a dump in db/)"}' \
            '{"path":"data/owncloud.db-shm","reason":"the SQLite database (backed up as a dump in db/)"}'; do
  echo "$skipped" | grep -qF "$want" || fail "the RP does not list $want as skipped: $skipped"
done
cli rp show nc latest | grep -qxF "  skipped      data/extstore (external storage)" || fail "rp show does not list the external storage"
cli rp ls nc latest data | grep -q "extstore\|owncloud.db" && fail "rp ls shows what was skipped: $(cli rp ls nc latest data)"
cli rp ls nc latest data/alice/files | grep -q Private && fail "the .nobackup folder is in the RP"
cli rp ls nc latest db | grep -q "db/" || fail "no database dump in the RP"

# In place: what the backup skipped stays as it is (including what was added to it since), the rest is the RP's.
echo "added later" > "$data/extstore/sub/later.bin"
echo "added later" > "$data/alice/files/Private/later.txt"
echo stray > "$data/stray.txt"
out=$(cli restore instance nc latest --json 2>/dev/null) || fail "restore instance in place: $out"
[ "$(cat "$data/extstore/sub/big.bin" "$data/extstore/sub/later.bin")" = "$(printf 'external\nadded later')" ] \
  || fail "the in-place restore touched the external storage"
[ -f "$data/alice/files/Private/deep/s.txt" ] && [ -f "$data/alice/files/Private/later.txt" ] && [ -f "$data/alice/files/Private/.nobackup" ] \
  || fail "the in-place restore touched the .nobackup folder"
[ -e "$data/stray.txt" ] && fail "the in-place restore left a stray file"
[ "$(maintenance_of "$root")" = off ] || fail "maintenance left on after the in-place restore"

# files_external disabled: no external storage, the folder is an ordinary one and is backed up.
php "$NCB_SOURCE_DIR/tests/fixture/dbq.php" "$root" "UPDATE oc_appconfig SET configvalue = 'no' WHERE appid = 'files_external' AND configkey = 'enabled'" \
  || fail "disabling files_external"
out=$(cli backup nc --json --quiet) || fail "backup with files_external disabled: $out"
echo "$out" | jget skipped | grep -q extstore && fail "skipped as external storage with the app disabled"
cli rp ls nc latest data/extstore/sub | grep -q "data/extstore/sub/big.bin" || fail "the folder is not backed up with files_external disabled"

# In maintenance mode occ loads no app: external storages cannot be known, so no backup.
n=$(rps)
occ_at "$root" maintenance:mode --on >/dev/null || fail "maintenance on"
out=$(cli backup nc --quiet 2>&1); rc=$?
[ $rc -ne 0 ] || fail "a backup in maintenance mode succeeded"
[ "$out" = "ncbackup-cli: The backup of nc failed during preparing: Nextcloud on this machine is in maintenance mode, so occ cannot list its external storages: turn maintenance mode off (occ maintenance:mode --off) and back up again." ] \
  || fail "backup in maintenance mode: $out"
[ "$(rps)" = "$n" ] || fail "the refused backup wrote an RP"
[ "$(maintenance_of "$root")" = on ] || fail "the refused backup turned off the maintenance mode the admin had set"
occ_at "$root" maintenance:mode --off >/dev/null || fail "maintenance off"

# Object storage: the backup says the files are not backed up; the database and the setup are in the RP.
printf '%s\n' '<?php' "\$CONFIG = array('objectstore' => array('class' => 'OC\\\\Files\\\\ObjectStore\\\\S3', 'arguments' => array('bucket' => 'nc', 'secret' => 'sEcReT')));" \
  > "$root/config/objectstore.config.php"
out=$(cli backup nc --quiet 2>&1) || fail "backup of an object-storage instance: $out"
echo "$out" | grep -qxF "warning: Files of this instance live in object storage: they are not backed up (database and setup still are)." \
  || fail "the backup does not say the files are not backed up: $out"
echo "$out" | grep -q sEcReT && fail "the object storage secret was printed"
cli rp ls nc latest db | grep -q "db/" || fail "no database dump in the object-storage RP"
cli rp ls nc latest root/config | grep -q "root/config/config.php" || fail "no config.php in the object-storage RP"
cli rp show nc latest --json | jget warnings | grep -qF "object storage" || fail "the RP does not keep the object-storage warning"
echo "ok: exclusions"
