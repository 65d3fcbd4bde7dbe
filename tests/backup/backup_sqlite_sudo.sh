#!/bin/bash
# RPs of a www-data-owned SQLite fixture instance, every command through sudo -n -u www-data (backup_common.sh).
source "$(dirname "$0")/backup_common.sh"
run_backup_tests sqlite sudo

# Local, as root, without --sudo-user, a copy of this www-data instance: what ncbackup writes (the new
# root and data folders, config.php, the SQLite file) is www-data's, as the web server needs it.
cp "$w/cfg/instances/nc.json" "$w/nc.json.sudo"
sed -i 's/,"sudoUser":"www-data"//' "$w/cfg/instances/nc.json"
out=$(cli restore instance nc "${rp2:0:10}" --to-root "$w/new/r3" --to-data "$w/new/d3" 2>&1) || fail "a copy as root without --sudo-user: $out"
cp "$w/nc.json.sudo" "$w/cfg/instances/nc.json"
for f in "$w/new/r3" "$w/new/d3" "$w/new/r3/config" "$w/new/r3/config/config.php" "$w/new/d3/owncloud.db"; do
  [ "$(stat -c %U "$f")" = www-data ] || fail "$f of the copy made as root belongs to $(stat -c %U "$f"), not www-data"
done
occ_at "$w/new/r3" status >/dev/null || fail "occ on the copy made as root"
echo "ok: a copy made as root belongs to www-data"
