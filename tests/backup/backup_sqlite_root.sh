#!/bin/bash
# README's own setup: ncbackup run as root on this machine without --sudo-user, a www-data-owned SQLite
# instance (`instance add here --local /var/www/nextcloud` as root). occ drops to www-data by itself; what
# ncbackup writes there must belong to www-data too (a root-owned owncloud.db makes every write of
# Nextcloud fail: "attempt to write a readonly database"). restore db leaves owncloud.db www-data's and
# Nextcloud able to write it; restore files --to-host keeps the owners; restore db with commands run as a
# user who is neither the owner nor root is refused before anything is written; instance add as root takes
# the owner as the sudo user and says so.
source "$(dirname "$0")/backup_common.sh"
[ "$(id -u)" -eq 0 ] || { echo "FAIL: this test runs ncbackup as root: run it as root (CI does)"; exit 1; }
setup_instance sqlite root
[ "$(stat -c %U "$root/config/config.php"):$(stat -c %U "$data/owncloud.db")" = www-data:www-data ] || fail "the instance is not www-data's"
cli backup nc --full --quiet >/dev/null || fail "backup as root"
[ "$(maintenance_of "$root")" = off ] || fail "maintenance on after the backup"
sum=$(dbsum "$root" oc_filecache,sqlite_sequence) || fail "dbsum"

# restore db as root: owncloud.db stays www-data's, Nextcloud can write it, the file made after the RP is listed.
php "$NCB_SOURCE_DIR/tests/fixture/dbq.php" "$root" "DELETE FROM oc_preferences" || fail "changing the database"
runuser -u www-data -- sh -c 'echo after > "$1/alice/files/after-rp.txt"' sh "$data" || fail "a file after the RP"
out=$(cli restore db nc latest --json 2>"$w/err") || fail "restore db as root: $(cat "$w/err")"
[ "$(stat -c %U:%G "$data/owncloud.db")" = www-data:www-data ] || fail "owncloud.db is $(stat -c %U:%G "$data/owncloud.db") after restore db as root"
[ "$(dbsum "$root" oc_filecache,sqlite_sequence)" = "$sum" ] || fail "the database after restore db differs from the RP"
[ "$(maintenance_of "$root")" = off ] && [ "$(echo "$out" | jget filesScanned)" = true ] || fail "restore db as root: $out"
[ "$(php "$NCB_SOURCE_DIR/tests/fixture/dbq.php" "$root" "SELECT COUNT(*) FROM oc_filecache WHERE path = 'files/after-rp.txt'")" = 1 ] \
  || fail "the file made after the RP is not listed after restore db"
runuser -u www-data -- sh -c 'echo new > "$1/bob/files/new-after-restore.txt"' sh "$data"
occ_at "$root" files:scan bob >/dev/null || fail "Nextcloud (occ as www-data) cannot write the restored database"

# restore files --to-host as root: what comes back is www-data's, as in the RP.
rm -rf "${data:?}/alice/files/Documents"
cli restore files nc latest data/alice/files/Documents --to-host --overwrite >/dev/null || fail "restore files as root"
[ -z "$(find "$data/alice/files/Documents" ! -user www-data)" ] || fail "restore files as root wrote files that are not www-data's: $(find "$data/alice/files/Documents" ! -user www-data | head -3)"

# A sudo user who cannot make the restored file www-data's (config.php readable by others, so ncbackup
# gets that far): one sentence saying what to run, exit 12, nothing written, maintenance never on.
out=$("$NCB_CLI" instance set nc --sudo-user nobody) || fail "instance set: $out"
[ "$out" = "Commands of nc on this machine now run as nobody (sudo -n -u nobody)." ] || fail "instance set said: $out"
[ "$(php -r 'echo json_decode(file_get_contents($argv[1]), true)["sudoUser"];' "$w/cfg/instances/nc.json")" = nobody ] \
  || fail "instance set did not change the profile"
chmod o+r "$root"/config/*.php
before=$(sha256sum < "$data/owncloud.db"); nsafe=$(cli rp list nc --all --json | jget safetySnapshots | php -r 'echo count(json_decode(stream_get_contents(STDIN)));')
out=$(cli restore db nc latest 2>&1); rc=$?
[ $rc -eq 12 ] && [ "$out" = "ncbackup-cli: ncbackup's commands on this machine run as nobody, but the instance belongs to www-data (the owner of config.php), so what ncbackup would write there would not be www-data's; nothing was changed: run \`ncbackup-cli instance set nc --sudo-user www-data\`." ] \
  || fail "restore db as a user who cannot write as the owner: exit $rc: $out"
[ "$(sha256sum < "$data/owncloud.db")" = "$before" ] && [ "$(stat -c %U "$data/owncloud.db")" = www-data ] || fail "the refused restore db changed owncloud.db"
[ "$(maintenance_of "$root")" = off ] && [ ! -e "$w/repo/maintenance.marker" ] || fail "the refused restore db touched maintenance mode"
[ "$(cli rp list nc --all --json | jget safetySnapshots | php -r 'echo count(json_decode(stream_get_contents(STDIN)));')" = "$nsafe" ] \
  || fail "the refused restore db wrote a safety snapshot"
chmod o-r "$root"/config/*.php
out=$("$NCB_CLI" instance set nc --no-sudo-user) || fail "instance set --no-sudo-user: $out"
[ "$out" = "Commands of nc on this machine now run as the login user itself." ] || fail "instance set --no-sudo-user said: $out"

# instance add as root on the www-data instance: the owner becomes the sudo user, and it says so.
out=$(cli instance add here --local "$root" --repo "$w/repo-here" --password-file "$w/repo.pw") || fail "instance add as root: $out"
echo "$out" | grep -qxF "Its files belong to www-data (the owner of config.php), so ncbackup runs its commands there as www-data (--sudo-user www-data; change it with: ncbackup-cli instance set here --sudo-user USER)." \
  || fail "instance add as root does not say it runs as www-data: $out"
[ "$(php -r 'echo json_decode(file_get_contents($argv[1]), true)["sudoUser"];' "$w/cfg/instances/here.json")" = www-data ] \
  || fail "instance add as root did not take www-data as the sudo user"
"$NCB_CLI" instance show here | grep -qxF "Host:              this machine (commands run as www-data)" || fail "instance show here"
out=$("$NCB_CLI" instance set here --sudo-user 'bad user' 2>&1); rc=$?
[ $rc -eq 2 ] && [ "$out" = "ncbackup-cli: 'bad user' is not a user name." ] || fail "instance set with a bad name: exit $rc: $out"
echo "backup_sqlite_root: ok"
