#!/bin/bash
# ncbackup-cli instance add/list/show/remove/attach against fixture Nextclouds: a SQLite one on this
# machine and a MariaDB one owned by www-data reached over the test sshd with --sudo-user www-data.
# Needs the services of tests/env (NCB_SSH_*, NCB_MARIADB_*); missing ones are a failure, never a skip.
set -u
fail() { echo "FAIL: $*"; exit 1; }
for v in NCB_CLI NCB_SOURCE_DIR NCB_SSH_HOST NCB_SSH_PORT NCB_SSH_USER NCB_SSH_KEY NCB_SSH_KNOWN_HOSTS \
         NCB_MARIADB_HOST NCB_MARIADB_PORT NCB_MARIADB_ADMIN_USER NCB_MARIADB_ADMIN_PASSWORD; do
  [ -n "${!v:-}" ] || fail "$v is not set: start the services (tests/env/services.sh) or run scripts/test"
done
w=$(mktemp -d /tmp/ncb-instance-cli.XXXXXX); chmod 755 "$w"
dbname=ncbcli_$$
cleanup() {
  MYSQL_PWD=$NCB_MARIADB_ADMIN_PASSWORD mariadb --no-defaults -h "$NCB_MARIADB_HOST" -P "$NCB_MARIADB_PORT" \
    -u "$NCB_MARIADB_ADMIN_USER" -e "DROP DATABASE IF EXISTS \`$dbname\`" >/dev/null 2>&1
  rm -rf "$w"
}
trap cleanup EXIT
export NCBACKUP_CONFIG_DIR=$w/config NCBACKUP_DATA_DIR=$w/share NCBACKUP_CACHE_DIR=$w/cache
unset NCBACKUP_PASSWORD_FILE NCBACKUP_PASSWORD_COMMAND
fx=$NCB_SOURCE_DIR/tests/env/fixture
cli() { "$NCB_CLI" "$@" < /dev/null; }
printf 'correct horse battery\n' > "$w/pw"; chmod 600 "$w/pw"
printf 'wrong\n' > "$w/badpw"

"$fx/make-nextcloud.sh" --root "$w/nc1" --data "$w/nc1data" --db sqlite --size tiny --instanceid occlitest01 >/dev/null \
  || fail "make-nextcloud.sh sqlite"

# --- nothing yet
out=$(cli instance list) || fail "list on empty"
[ "$out" = "No instances yet (add one: ncbackup-cli instance add NAME --local ROOT)." ] || fail "empty list: $out"

# --- bad input: one sentence, right exit code, nothing saved
mkdir -p "$w/notroot"
out=$(cli instance add nc1 --local "$w/notroot" --password-file "$w/pw" --no-keychain 2>&1); rc=$?
[ $rc -eq 3 ] || fail "not-a-root exit $rc: $out"
[ "$out" = "ncbackup-cli: $w/notroot on this machine is not a Nextcloud server root: there is no occ/version.php/config/config.php." ] \
  || fail "not-a-root sentence: $out"
[ -z "$(cli instance list --names-only)" ] || fail "a refused add saved a profile"
[ ! -e "$w/share/repositories/nc1" ] || fail "a refused add created a repository"
out=$(cli instance add nc1 --password-file "$w/pw" 2>&1); rc=$?
[ $rc -eq 2 ] && [ "$out" = "ncbackup-cli: Give either --local ROOT or --ssh USER@HOST --root ROOT." ] || fail "no target: $rc $out"
out=$(cli instance add 'bad name' --local "$w/nc1" 2>&1); rc=$?
[ $rc -eq 2 ] || fail "bad name exit $rc: $out"
out=$(cli instance add x --ssh 'a@b:99999' --root /r 2>&1); rc=$?
[ $rc -eq 2 ] && echo "$out" | grep -q "is not an SSH target" || fail "bad ssh target: $rc $out"

# --- add a local instance: discovered, repository created at the default place
out=$(cli instance add nc1 --local "$w/nc1/" --password-file "$w/pw" --no-keychain) || fail "add nc1: $out"
echo "$out" | grep -q "^Added instance nc1: Nextcloud 32.0.1 at $w/nc1 on this machine (sqlite3, 3 users, " || fail "add output: $out"
echo "$out" | grep -q "^Repository: $w/share/repositories/nc1$" || fail "default repository path: $out"
echo "$out" | grep -qxF "Not backed up: data/appdata_*/preview, data/nextcloud.log (thumbnails Nextcloud makes again, its log)." \
  || fail "add does not say what is left out: $out"
echo "$out" | grep -Eq '^  [A-Z0-9]{4}(-[A-Z0-9]{4})+' || echo "$out" | grep -A2 'Recovery key' | tail -1 | grep -q '[A-Z0-9]' \
  || fail "no recovery key shown: $out"
[ -f "$w/share/repositories/nc1/config" ] || fail "repository not created"
grep -q '"instanceId": "occlitest01"' "$w/share/repositories/nc1/config" || fail "repository description lacks the instance id"
grep -q "\"serverRoot\": \"$w/nc1\"" "$w/share/repositories/nc1/config" || fail "repository description lacks the root"
out=$(cli instance add nc1 --local "$w/nc1" --password-file "$w/pw" --no-keychain 2>&1); rc=$?
[ $rc -eq 2 ] && echo "$out" | grep -q "There is already an instance named 'nc1'" || fail "duplicate add: $rc $out"
# a Nextcloud not installed yet (installed => false): refused with one sentence, nothing made
cp -a "$w/nc1" "$w/nc0"
printf '%s\n' '<?php' "\$CONFIG = array('installed' => false);" > "$w/nc0/config/zz-installed.config.php"
out=$(cli instance add nc0 --local "$w/nc0" --password-file "$w/pw" --no-keychain 2>&1); rc=$?
[ $rc -eq 12 ] && [ "$out" = "ncbackup-cli: The Nextcloud at $w/nc0 is not installed yet: finish its installation first (occ maintenance:install or its web page)." ] \
  || fail "not installed: exit $rc: $out"
[ -e "$w/config/instances/nc0.json" ] || [ -e "$w/share/repositories/nc0" ] && fail "a refused add of a not-installed Nextcloud left a profile or repository"
rm -rf "$w/nc0"

# the default exclusions: said, in the profile, and honoured by the first backup
[ -f "$w/config/instances/nc1.json" ] || fail "no profile file for nc1"
php -r '$j=json_decode(file_get_contents($argv[1]),true); exit($j["exclusions"]===["data/appdata_*/preview","data/nextcloud.log"] ? 0 : 1);' \
  "$w/config/instances/nc1.json" || fail "instance add did not set the default exclusions: $(cat "$w/config/instances/nc1.json")"
ls -d "$w"/nc1data/appdata_*/preview >/dev/null 2>&1 && [ -f "$w/nc1data/nextcloud.log" ] || fail "the fixture has no previews or log"
cli backup nc1 --full --quiet --password-file "$w/pw" --no-keychain >/dev/null 2>&1 || fail "backup nc1"
ls=$(cli rp ls nc1 latest data --password-file "$w/pw" --no-keychain) || fail "rp ls data: $ls"
echo "$ls" | grep -q "alice" || fail "rp ls data lacks alice: $ls"
echo "$ls" | grep -q "nextcloud.log" && fail "nextcloud.log was backed up: $ls"
appdata=$(basename "$(ls -d "$w"/nc1data/appdata_*)")
ls=$(cli rp ls nc1 latest "data/$appdata" --password-file "$w/pw" --no-keychain 2>&1)
echo "$ls" | grep -q "preview" && fail "the previews were backed up: $ls"
cli rp show nc1 latest --password-file "$w/pw" --no-keychain | grep -q "skipped .*preview" \
  || fail "rp show does not say what was left out: $(cli rp show nc1 latest --password-file "$w/pw" --no-keychain)"
grep -rq 'correct horse' "$w/config" && fail "the password ended up in the settings"

# --- list
[ "$(cli instance list --names-only)" = nc1 ] || fail "names-only"
cli instance list --json | grep -q "\"serverRoot\": \"$w/nc1\"" || fail "list --json"
cli instance list | grep -q "^nc1  *this machine: $w/nc1 -> $w/share/repositories/nc1$" || fail "list: $(cli instance list)"

# --- show
out=$(cli instance show nc1 2>&1) || fail "show nc1: $out"
for want in "Nextcloud:         32.0.1" "Instance id:       occlitest01" "Data directory:    $w/nc1data" \
            "Database:          sqlite3 $w/nc1data/owncloud.db" "Users:             3" "External storages: none" \
            "Repository:        $w/share/repositories/nc1"; do
  echo "$out" | grep -qxF "$want" || fail "show lacks '$want': $out"
done
echo "$out" | grep -q '^Enabled apps:      [0-9]*: .*dav' || fail "show apps: $out"
echo "$out" | grep -q '^Data size:         [0-9.]* [KM]iB' || fail "show size: $out"
echo "$out" | grep -q Warning && fail "unexpected warning: $out"
json=$(cli instance show nc1 --json) || fail "show --json"
php -r '$j=json_decode($argv[1],true); $d=$j["discovered"];
  exit($d["versionString"]==="32.0.1" && $d["usersCount"]===3 && $d["database"]["type"]==="sqlite3"
    && $j["instance"]["name"]==="nc1" && !$d["objectStore"] ? 0 : 1);' "$json" || fail "show --json: $json"
echo "$json" | grep -qi 'passwordsalt\|dbpassword' && fail "secrets in show --json"

# object storage: warned, with the sentence
printf '%s\n' '<?php' "\$CONFIG = array('objectstore' => array('class' => 'S3', 'arguments' => array('bucket' => 'b')));" \
  > "$w/nc1/config/objectstore.config.php"
out=$(cli instance show nc1 2>&1 >/dev/null) || fail "show with objectstore"
[ "$out" = "Warning: Files of this instance live in object storage: they are not backed up (database and setup still are)." ] \
  || fail "objectstore warning: $out"
rm "$w/nc1/config/objectstore.config.php"

# a backup killed while in maintenance mode: the next operation turns it off and says so
(cd "$w/nc1" && php occ maintenance:mode --on >/dev/null)
printf '{"instance":"nc1","host":"this machine","pid":999999999,"machine":"%s","watchdogDir":"","wasAlreadyOn":false}\n' \
  "$(hostname)" > "$w/share/repositories/nc1/maintenance.marker"
out=$(cli instance show nc1 2>&1) || fail "show after interrupted run: $out"
echo "$out" | head -1 | grep -qxF "A previous backup was interrupted; maintenance mode on this machine has been turned off." \
  || fail "recovery message: $out"
[ "$(cd "$w/nc1" && php occ maintenance:mode)" = "Maintenance mode is currently disabled" ] || fail "maintenance still on"
[ ! -e "$w/share/repositories/nc1/maintenance.marker" ] || fail "marker left"

# --- remove keeps the repository; attach brings the profile back with only the password
out=$(cli instance remove nc1) || fail "remove"
[ "$out" = "Removed instance nc1. Its repository stays at $w/share/repositories/nc1 (attach it again with: ncbackup-cli instance attach nc1 --repo $w/share/repositories/nc1)." ] \
  || fail "remove output: $out"
[ -f "$w/share/repositories/nc1/config" ] || fail "remove deleted the repository"
[ -z "$(cli instance list --names-only)" ] || fail "still listed after remove"
out=$(cli instance remove nc1 2>&1); rc=$?
[ $rc -eq 3 ] && [ "$out" = "ncbackup-cli: There is no instance named 'nc1' (see: ncbackup-cli instance list)." ] || fail "remove missing: $rc $out"
out=$(cli instance attach back --repo "$w/share/repositories/nc1" --password-file "$w/badpw" --no-keychain 2>&1); rc=$?
[ $rc -eq 4 ] || fail "attach with a wrong password: exit $rc: $out"
[ -z "$(cli instance list --names-only)" ] || fail "a refused attach saved a profile"
out=$(cli instance attach back --repo "$w/share/repositories/nc1" --password-file "$w/pw" --no-keychain) || fail "attach: $out"
[ "$out" = "Attached instance back: $w/nc1 on this machine, repository $w/share/repositories/nc1." ] || fail "attach output: $out"
cli instance show back | grep -qxF "Instance id:       occlitest01" || fail "show after attach"

# --- over SSH, as www-data through sudo, on MariaDB
( umask 077; printf '%s\n' "$NCB_MARIADB_ADMIN_PASSWORD" > "$w/admin.pw"; head -c 18 /dev/urandom | base64 > "$w/db.pw" )
"$fx/make-nextcloud.sh" --root "$w/nc2" --data "$w/nc2data" --db mysql --size tiny --owner www-data \
  --db-host "$NCB_MARIADB_HOST" --db-port "$NCB_MARIADB_PORT" --db-admin-user "$NCB_MARIADB_ADMIN_USER" \
  --db-admin-password-file "$w/admin.pw" --db-name "$dbname" --db-user "ncbcli$$" --db-password-file "$w/db.pw" \
  --external /srv/ext >/dev/null || fail "make-nextcloud.sh mysql"
target="$NCB_SSH_USER@$NCB_SSH_HOST:$NCB_SSH_PORT"
sshopts=(--identity "$NCB_SSH_KEY" --known-hosts "$NCB_SSH_KNOWN_HOSTS")
# an unknown host key is refused (known_hosts without the key)
: > "$w/empty_known_hosts"
out=$(cli instance add nc2 --ssh "$target" --root "$w/nc2" --identity "$NCB_SSH_KEY" --known-hosts "$w/empty_known_hosts" \
  --sudo-user www-data --password-file "$w/pw" --no-keychain 2>&1); rc=$?
[ $rc -eq 9 ] || fail "unknown host key: exit $rc: $out"
# without sudo the ssh user may not read the www-data instance
out=$(cli instance add nc2 --ssh "$target" --root "$w/nc2" "${sshopts[@]}" --password-file "$w/pw" --no-keychain 2>&1); rc=$?
[ $rc -eq 12 ] && [ "$out" = "ncbackup-cli: $w/nc2/config/config.php on $target belongs to www-data and $NCB_SSH_USER may not read it: let ncbackup run its commands there as www-data (the sudo user of the instance)." ] \
  || fail "no sudo: exit $rc: $out"
# a refused database password
printf '%s\n' '<?php' "\$CONFIG = array('dbpassword' => 'not-the-password');" | sudo -n -u www-data tee "$w/nc2/config/zz.config.php" >/dev/null \
  || fail "cannot write the override as www-data"
out=$(cli instance add nc2 --ssh "$target" --root "$w/nc2" "${sshopts[@]}" --sudo-user www-data --password-file "$w/pw" --no-keychain 2>&1); rc=$?
[ $rc -eq 12 ] && echo "$out" | grep -q "^ncbackup-cli: The MariaDB/MySQL database of the Nextcloud on $target .* is not reachable: .*Access denied" \
  || fail "wrong db password: exit $rc: $out"
sudo -n -u www-data rm -f "$w/nc2/config/zz.config.php"
out=$(cli instance add nc2 --ssh "$target" --root "$w/nc2" "${sshopts[@]}" --sudo-user www-data --repo "$w/repo2" \
  --password-file "$w/pw" --no-keychain 2>&1) || fail "add nc2: $out"
echo "$out" | grep -q "^Added instance nc2: Nextcloud 32.0.1 at $w/nc2 on $target (mysql, 3 users, " || fail "add nc2 output: $out"
echo "$out" | grep -q "^Warning: 1 external storage(s) are mounted" || fail "external storage warning: $out"
out=$(cli instance show nc2 2>&1) || fail "show nc2: $out"
for want in "Host:              $target (commands run as www-data)" "Database:          mysql \"$dbname\" at $NCB_MARIADB_HOST:$NCB_MARIADB_PORT (user ncbcli$$)" \
            "External storages: 1: /Ext (/srv/ext) — not backed up" "Users:             3" "Repository:        $w/repo2"; do
  echo "$out" | grep -qxF "$want" || fail "show nc2 lacks '$want': $out"
done
grep -rq "$(cat "$w/db.pw")" "$w/config" "$w/repo2/config" && fail "the database password was stored"
echo "instance_cli: ok"
