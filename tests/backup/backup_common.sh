#!/bin/bash
# Shared body of the backup_<db>_<transport>.sh tests: a tiny fixture Nextcloud instance (real SQLite,
# MariaDB or PostgreSQL from tests/env/services.sh; locally, over the real sshd, or owned by www-data
# through sudo), a full RP, one day of changes (make-tree.py mutate), an incremental RP, then restores:
# one file and one folder (to a local folder and back onto the host), the database, and the whole instance
# into a fresh root. Files must be byte-identical to the RP's moment, database tables row-identical,
# occ status healthy and maintenance off. Missing services fail the test; nothing is skipped.
set -u
fail() { echo "FAIL: $*"; exit 1; }
: "${NCB_CLI:?}" "${NCB_SOURCE_DIR:?}"
fx="$NCB_SOURCE_DIR/tests/env/fixture"
here="$NCB_SOURCE_DIR/tests/backup"

# setup_instance DB TRANSPORT [MAKE-NEXTCLOUD ARGS...]: makes $w, $root, $data, the repository and the
# instance "nc" (local|ssh|sudo|root; root: a www-data-owned instance reached as root on this machine
# without a sudo user, as `instance add here --local ROOT` run as root). In the extra arguments @DATA@ and @ROOT@ stand for the data and root paths.
setup_instance() {
  db=$1 transport=$2
  shift 2
  local owner="" dbargs=() extra=("$@")
  w=$(mktemp -d /tmp/ncb-backup-$db-$transport.XXXXXX)
  chmod 755 "$w"
  # shellcheck disable=SC2064
  trap "cleanup_instance" EXIT
  root=$w/nc/root data=$w/nc/data
  extra=("${extra[@]//@DATA@/$data}"); extra=("${extra[@]//@ROOT@/$root}")
  export NCBACKUP_CONFIG_DIR=$w/cfg NCBACKUP_DATA_DIR=$w/share NCBACKUP_CACHE_DIR=$w/cache
  export NCBACKUP_PASSWORD_FILE=$w/repo.pw
  ( umask 077; echo "repo-password-$$" > "$w/repo.pw" )
  case $db in
    mysql)
      for v in NCB_MARIADB_HOST NCB_MARIADB_PORT NCB_MARIADB_ADMIN_USER NCB_MARIADB_ADMIN_PASSWORD; do
        [ -n "${!v:-}" ] || fail "$v is not set: start the services (tests/env/services.sh) or run scripts/test"
      done
      ( umask 077; printf '%s\n' "$NCB_MARIADB_ADMIN_PASSWORD" > "$w/admin.pw"; head -c 18 /dev/urandom | base64 > "$w/db.pw" )
      dbargs=(--db-host "$NCB_MARIADB_HOST" --db-port "$NCB_MARIADB_PORT" --db-admin-user "$NCB_MARIADB_ADMIN_USER") ;;
    pgsql)
      for v in NCB_PG_HOST NCB_PG_PORT NCB_PG_ADMIN_USER NCB_PG_ADMIN_PASSWORD; do
        [ -n "${!v:-}" ] || fail "$v is not set: start the services (tests/env/services.sh) or run scripts/test"
      done
      ( umask 077; printf '%s\n' "$NCB_PG_ADMIN_PASSWORD" > "$w/admin.pw"; head -c 18 /dev/urandom | base64 > "$w/db.pw" )
      dbargs=(--db-host "$NCB_PG_HOST" --db-port "$NCB_PG_PORT" --db-admin-user "$NCB_PG_ADMIN_USER") ;;
  esac
  if [ "$db" != sqlite ]; then
    dbargs+=(--db-name "ncbbk_${db}_$$" --db-user "ncbbk_$$" --db-password-file "$w/db.pw" --db-admin-password-file "$w/admin.pw")
  fi
  case $transport in
    ssh)
      for v in NCB_SSH_HOST NCB_SSH_PORT NCB_SSH_USER NCB_SSH_KEY NCB_SSH_KNOWN_HOSTS; do
        [ -n "${!v:-}" ] || fail "$v is not set: start the services (tests/env/services.sh) or run scripts/test"
      done
      owner=$NCB_SSH_USER ;;
    sudo|root) owner=www-data ;;
  esac
  [ -n "$owner" ] && dbargs+=(--owner "$owner")
  mkdir -p "$w/nc" "$w/new"
  [ -n "$owner" ] && chown "$owner" "$w/nc" "$w/new"
  "$fx/make-nextcloud.sh" --root "$root" --data "$data" --db "$db" --size tiny "${dbargs[@]}" "${extra[@]}" >/dev/null || fail "make-nextcloud.sh"
  "$NCB_CLI" repo init --repo "$w/repo" --no-keychain >/dev/null || fail "repo init"
  mkdir -p "$w/cfg/instances"
  case $transport in
    local|root) echo "{\"name\":\"nc\",\"local\":true,\"serverRoot\":\"$root\",\"repository\":\"$w/repo\"}" ;;
    sudo) echo "{\"name\":\"nc\",\"local\":true,\"serverRoot\":\"$root\",\"repository\":\"$w/repo\",\"sudoUser\":\"www-data\"}" ;;
    ssh) echo "{\"name\":\"nc\",\"local\":false,\"sshHost\":\"$NCB_SSH_HOST\",\"sshPort\":$NCB_SSH_PORT,\"sshUser\":\"$NCB_SSH_USER\",\"identityFile\":\"$NCB_SSH_KEY\",\"knownHostsFile\":\"$NCB_SSH_KNOWN_HOSTS\",\"serverRoot\":\"$root\",\"repository\":\"$w/repo\"}" ;;
  esac > "$w/cfg/instances/nc.json"
  case $transport in
    local) occ_owner=root ;;
    *) occ_owner=$owner ;;
  esac
}

cleanup_instance() {
  if [ "$db" != sqlite ] && [ -n "${rp2:-}" ]; then
    admin_sql "DROP DATABASE IF EXISTS $(case $db in mysql) echo "\`$(dbname_of "$root")_rp${rp2:0:8}\`";; *) echo "\"$(dbname_of "$root")_rp${rp2:0:8}\"";; esac)" >/dev/null 2>&1 \
      || echo "warning: could not drop the copy's database"
  fi
  if [ "$db" != sqlite ] && [ -f "$root/config/config.php" ]; then
    php "$NCB_SOURCE_DIR/tests/fixture/dropdb.php" "$root" "$(case $db in mysql) echo "$NCB_MARIADB_ADMIN_USER";; *) echo "$NCB_PG_ADMIN_USER";; esac)" "$w/admin.pw" \
      || echo "warning: could not drop the test database"
  fi
  rm -rf "$w"
}

cli() { "$NCB_CLI" "$@" --no-keychain; }
# Pids of this instance's occ processes whose command line starts with "php occ --no-interaction ARGS"
# (its server root is their working folder: tests running in parallel have other roots).
occ_pids() { local p; for p in $(pgrep -f "^php occ --no-interaction $*"); do [ "$(readlink "/proc/$p/cwd")" = "$root" ] && echo "$p"; done; }
occ_at() { local r=$1; shift; (cd "$r" && runuser -u "$occ_owner" -- php occ "$@"); }
# Maintenance mode as config.php holds it (what occ and the web server read).
maintenance_of() { php -r '$CONFIG = []; include $argv[1] . "/config/config.php"; echo empty($CONFIG["maintenance"]) ? "off" : "on";' "$1"; }
jget() { php -r '$d = json_decode(stream_get_contents(STDIN), true); foreach (explode(".", $argv[1]) as $k) { $d = $d[$k]; } echo is_bool($d) ? ($d ? "true" : "false") : (is_array($d) ? json_encode($d, JSON_UNESCAPED_SLASHES) : $d);' "$1"; }
dbsum() { php "$here/dbsum.php" "$@"; }
# Byte-identical trees (names, types, contents, symlinks), leaving out the given names.
same_tree() { diff -r --no-dereference "${@:3}" "$1" "$2" >/dev/null || { diff -rq --no-dereference "${@:3}" "$1" "$2" | head -5; return 1; }; }
mtimes() { (cd "$1" && find . -printf '%P %y %m %T@\n' | sort); }

# config.php's dbname of a root; the host as error sentences name it.
dbname_of() { php -r '$CONFIG = []; include $argv[1] . "/config/config.php"; echo $CONFIG["dbname"] ?? "owncloud";' "$1"; }
host_label() { [ "$transport" = ssh ] && echo "$NCB_SSH_USER@$NCB_SSH_HOST:$NCB_SSH_PORT" || echo "this machine"; }
# One SQL statement as the database admin (the password from the environment, never argv).
admin_sql() {
  case $db in
    mysql) MYSQL_PWD=$NCB_MARIADB_ADMIN_PASSWORD mariadb --no-defaults -h "$NCB_MARIADB_HOST" -P "$NCB_MARIADB_PORT" -u "$NCB_MARIADB_ADMIN_USER" -N -B -e "$1" ;;
    pgsql) PGPASSWORD=$NCB_PG_ADMIN_PASSWORD psql -X -q -h "$NCB_PG_HOST" -p "$NCB_PG_PORT" -U "$NCB_PG_ADMIN_USER" -d postgres -Atc "$1" ;;
  esac
}
db_charset() {
  case $db in
    mysql) admin_sql "SELECT CONCAT(DEFAULT_CHARACTER_SET_NAME, ' ', DEFAULT_COLLATION_NAME) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '$1'" ;;
    pgsql) admin_sql "SELECT pg_encoding_to_char(encoding) || ' ' || datcollate || ' ' || datctype FROM pg_database WHERE datname = '$1'" ;;
  esac
}
# A copy whose new root's parent the instance's user may not write: made by root (here, with --sudo-user)
# and given to that user; over SSH, where the login user may not use sudo, one sentence and nothing written.
copy_new_parent() {
  [ "$db" = sqlite ] || return 0
  local p=$w/srv; mkdir -p "$p"; chmod 755 "$p"
  case $transport in
    sudo)
      out=$(cli restore instance nc "${rp2:0:10}" --to-root "$p/nc2/root" --to-data "$p/nc2/data" 2>&1) || fail "a copy under a parent www-data may not write: $out"
      [ "$(stat -c %U "$p/nc2/root")" = www-data ] && [ "$(stat -c %U "$p/nc2/data")" = www-data ] && [ "$(stat -c %U "$p/nc2/root/config/config.php")" = www-data ] \
        || fail "the new folders are not www-data's: $(stat -c '%n %U' "$p/nc2/root" "$p/nc2/data")"
      occ_at "$p/nc2/root" status >/dev/null || fail "occ on the copy under the new parent" ;;
    ssh)
      out=$(cli restore instance nc "${rp2:0:10}" --to-root "$p/nc2/root" --to-data "$p/nc2/data" 2>&1); rc=$?
      [ $rc -eq 6 ] && [ "$out" = "ncbackup-cli: $NCB_SSH_USER may not create $p/nc2/root on $(host_label) ($p is not writable for it): create it first, e.g. \`mkdir -p $p/nc2/root && chown $NCB_SSH_USER: $p/nc2/root\`. Nothing was restored." ] \
        || fail "a copy under a parent the SSH user may not write: exit $rc: $out"
      [ -e "$p/nc2" ] && fail "the refused copy created folders" ;;
  esac
  return 0
}

run_backup_tests() {
  setup_instance "$1" "$2"
  local t0; t0=$(date +%s)

  # 1. Full RP.
  out=$(cli backup nc --full --json --quiet) || fail "full backup: $out"
  [ "$(echo "$out" | jget kind)" = full ] || fail "first RP is not full"
  rp1=$(echo "$out" | jget id)
  [ "$(maintenance_of "$root")" = off ] || fail "maintenance left on after the full backup"
  [ "$(echo "$out" | jget dbType)" = "$(case $db in sqlite) echo sqlite3;; *) echo "$db";; esac)" ] || fail "dbType in the RP"
  [ "$(echo "$out" | jget dumpSize)" -gt 1000 ] || fail "no database dump in the RP"
  total=$(echo "$out" | jget sizes.files)

  # 2. One day of changes, then an incremental RP that reads only what changed.
  runuser -u "$occ_owner" -- python3 "$fx/make-tree.py" mutate "$data" 1 > "$w/mutate.log" || fail "mutate"
  modified=$(sed -n 's/.*modified=\([0-9]*\).*/\1/p' "$w/mutate.log")
  out=$(cli backup nc --incremental --json --quiet) || fail "incremental backup: $out"
  [ "$(echo "$out" | jget kind)" = incremental ] || fail "second RP is not incremental"
  rp2=$(echo "$out" | jget id)
  [ "$(echo "$out" | jget parent)" = "$rp1" ] || fail "the incremental RP's parent is not the full one"
  read1=$(echo "$out" | jget filesReadPass1)
  [ "$read1" -lt $((total / 4)) ] || fail "the incremental RP read $read1 of $total files"
  [ "$read1" -ge "$modified" ] || fail "the incremental RP read $read1 files, fewer than the $modified modified"
  [ "$(maintenance_of "$root")" = off ] || fail "maintenance left on after the incremental backup"
  echo "$out" | jget skipped | grep -q "owncloud.db\|data directory" || [ "$db" != sqlite ] || fail "SQLite file not listed as skipped"

  # The state at RP2: files and database.
  cp -a "$data" "$w/ref-data"; cp -a "$root" "$w/ref-root"
  sum2=$(dbsum "$root") || fail "dbsum"
  sum2nofc=$(dbsum "$root" oc_filecache,sqlite_sequence)

  # 3. Browsing.
  [ "$(cli rp list nc --json | jget restoringPoints | php -r 'echo count(json_decode(stream_get_contents(STDIN)));')" = 2 ] || fail "rp list"
  renamed=$(sed -n 's/.*renamed=\([^ ]*\).*/\1/p' "$w/mutate.log")
  cli rp diff nc "${rp1:0:8}" latest | grep -q "^+ data/$renamed-renamed-d1/$" || fail "rp diff does not show the renamed folder"
  cli rp ls nc latest data/alice/files | grep -q "data/alice/files/Readme.md" || fail "rp ls"
  cli rp ls nc latest data/alice/files --json | php -r 'foreach (json_decode(stream_get_contents(STDIN), true) as $e)
    if ($e["path"] === "data/alice/files/Readme.md" && $e["type"] === "file" && $e["size"] > 0) exit(0); exit(1);' || fail "rp ls --json"
  deleted=$(sed -n 's/.*deleted=\([0-9]*\).*/\1/p' "$w/mutate.log")
  removed=$(cli rp diff nc "${rp1:0:8}" "${rp2:0:8}" --json | php -r '$n = 0; foreach (json_decode(stream_get_contents(STDIN), true)["changes"] as $c) if ($c["change"] === "removed" && $c["type"] === "-") $n++; echo $n;')
  [ "$deleted" -gt 0 ] && [ "$removed" -ge "$deleted" ] || fail "rp diff shows $removed removed files, mutate deleted $deleted: deletions not recorded"
  mfile=$(cli rp diff nc "${rp1:0:8}" "${rp2:0:8}" --json | php -r 'foreach (json_decode(stream_get_contents(STDIN), true)["changes"] as $c) if ($c["change"] === "modified" && $c["type"] === "-" && str_contains($c["path"], "/files/")) { echo $c["path"]; break; }')
  [ -n "$mfile" ] || fail "rp diff --json shows no modified user file"
  [ "$(cli rp history nc "$mfile" --json | jget versions | php -r 'echo count(json_decode(stream_get_contents(STDIN)));')" = 2 ] || fail "rp history of $mfile"

  # 4. Restore one file and one folder into a local folder.
  folder=data/alice/files/Documents
  #    Each path goes under its own name: DIR/Documents, DIR/<the file's name>.
  cli restore files nc latest "$mfile" "$folder" --to-dir "$w/out" >/dev/null || fail "restore --to-dir"
  cmp "$w/out/$(basename "$mfile")" "$w/ref-data/${mfile#data/}" || fail "restored file differs"
  same_tree "$w/out/Documents" "$w/ref-data/alice/files/Documents" || fail "restored folder differs"

  # 5. Back onto the host: a deleted folder and a damaged file.
  rm -rf "${data:?}/alice/files/Documents"; echo damaged > "$data/${mfile#data/}"
  # Without a policy and without a terminal to ask on: refused before anything is written.
  out=$(cli restore files nc latest "$folder" "$mfile" --to-host 2>&1 </dev/null); rc=$?
  [ $rc -eq 2 ] && [ "$out" = "ncbackup-cli: $data/${mfile#data/} already exists and differs from the Restoring Point's version; nothing was restored. Choose --overwrite, --skip-existing or --keep-both." ] \
    || fail "restore onto an existing file without a policy: exit $rc: $out"
  [ -e "$data/alice/files/Documents" ] && fail "the refused restore wrote the folder"
  # --skip-existing: the folder comes back, the existing (damaged) file is left alone and listed.
  out=$(cli restore files nc latest "$folder" "$mfile" --to-host --skip-existing --json) || fail "restore --skip-existing: $out"
  same_tree "$data/alice/files/Documents" "$w/ref-data/alice/files/Documents" || fail "folder restored with --skip-existing differs"
  [ "$(cat "$data/${mfile#data/}")" = damaged ] || fail "--skip-existing replaced the existing file"
  [ "$(echo "$out" | jget skipped)" = "[\"$data/${mfile#data/}\"]" ] || fail "--skip-existing does not list the file it kept: $out"
  echo "$out" | jget scanned | grep -q '/alice/files/Documents' || fail "no occ files:scan of the restored folder"
  out=$(cli restore files nc latest "$folder" "$mfile" --to-host --overwrite --json) || fail "restore --to-host: $out"
  same_tree "$data/alice/files/Documents" "$w/ref-data/alice/files/Documents" || fail "folder restored on the host differs"
  [ "$(mtimes "$data/alice/files/Documents")" = "$(mtimes "$w/ref-data/alice/files/Documents")" ] || fail "mtimes/modes not kept on the host"
  cmp "$data/${mfile#data/}" "$w/ref-data/${mfile#data/}" || fail "file restored on the host differs"
  # The folder was already as in the RP: only the damaged file was written, and only its folder rescanned.
  [ "$(echo "$out" | jget restored)" = "[\"$data/${mfile#data/}\"]" ] || fail "--overwrite rewrote more than the damaged file: $out"
  echo "$out" | jget scanned | grep -q "\"/$(dirname "${mfile#data/}")\"" || fail "no occ files:scan of the damaged file's folder: $out"
  [ "$(stat -c %U "$data/alice/files/Documents")" = "$(stat -c %U "$w/ref-data/alice/files/Documents")" ] || fail "owner not kept"
  # --keep-both over a file equal to the RP's writes no copy; over a different one it does.
  cli restore files nc latest "$mfile" --to-host --keep-both >/dev/null || fail "keep-both"
  ls "$(dirname "$data/${mfile#data/}")" | grep -q "(restored $(date +%F))" && fail "keep-both copied an identical file"
  echo "changed after the RP" >> "$data/${mfile#data/}"
  cli restore files nc latest "$mfile" --to-host --keep-both >/dev/null || fail "keep-both"
  ls "$(dirname "$data/${mfile#data/}")" | grep -q "(restored $(date +%F))" || fail "keep-both copy missing"
  cp "$w/ref-data/${mfile#data/}" "$data/${mfile#data/}"
  # A symlink on the host where the RP has a folder: tar would write through it, so it is refused.
  mkdir -p "$w/outside"; chmod 777 "$w/outside"
  mv "$data/alice/files/Documents" "$w/Documents.aside"
  ln -s "$w/outside" "$data/alice/files/Documents"
  out=$(cli restore files nc latest "$folder" --to-host --overwrite 2>&1); rc=$?
  [ $rc -eq 10 ] && echo "$out" | grep -q "alice/files/Documents on .* is a symbolic link where the Restoring Point has a folder" \
    || fail "restore through a symlinked folder: exit $rc: $out"
  [ -z "$(ls -A "$w/outside")" ] || fail "the refused restore wrote through the symlink"
  rm "$data/alice/files/Documents"; mv "$w/Documents.aside" "$data/alice/files/Documents"
  # Into another user's files with --target: written there and rescanned, so that user sees them at once.
  out=$(cli restore files nc latest "$folder" --to-host --target "$data/bob/files/From alice" --json) || fail "restore --target: $out"
  same_tree "$data/bob/files/From alice/Documents" "$w/ref-data/alice/files/Documents" || fail "folder restored with --target differs"
  [ "$(echo "$out" | jget scanned)" = '["/bob/files/From alice"]' ] || fail "restore --target scanned: $(echo "$out" | jget scanned)"
  want=$(find "$w/ref-data/alice/files/Documents" ! -type l | wc -l)
  got=$(php "$NCB_SOURCE_DIR/tests/fixture/dbq.php" "$root" "SELECT COUNT(*) FROM oc_filecache f JOIN oc_storages s ON f.storage = s.numeric_id
        WHERE s.id = 'home::bob' AND (f.path = 'files/From alice/Documents' OR f.path LIKE 'files/From alice/Documents/%')")
  [ "$got" = "$want" ] || fail "bob's file cache holds $got of the $want restored entries: no occ files:scan of the target"
  # A target outside every user's files: nothing to rescan.
  out=$(cli restore files nc latest "$mfile" --to-host --target "$w/new/elsewhere" --json) || fail "restore --target elsewhere: $out"
  cmp "$w/new/elsewhere/$(basename "$mfile")" "$w/ref-data/${mfile#data/}" || fail "file restored with --target elsewhere differs"
  [ "$(echo "$out" | jget scanned)" = '[]' ] || fail "a target outside the users' files was scanned"
  out=$(cli restore files nc latest "$mfile" --to-host --target relative/dir 2>&1); rc=$?
  [ $rc -eq 2 ] && [ "$out" = "ncbackup-cli: The target relative/dir must be an absolute path on the host." ] || fail "relative --target: $rc $out"

  # 6. The database: changed, then restored from RP2 (with a safety snapshot first). A file written after RP2
  #    is on disk but not in RP2's file cache: restore db ends as Nextcloud's own procedure does, with a new
  #    data fingerprint (clients resync) and files:scan --all, so the file is listed again; the rest of the
  #    database is RP2's. SQLite: the restored file belongs to the instance's owner.
  php "$NCB_SOURCE_DIR/tests/fixture/dbq.php" "$root" "DELETE FROM oc_preferences" || fail "changing the database"
  [ "$(dbsum "$root")" != "$sum2" ] || fail "the database change did not change the checksum"
  runuser -u "$occ_owner" -- sh -c 'echo "written after RP2" > "$1/alice/files/after-rp2.txt"' sh "$data" || fail "writing a file after RP2"
  fp=$(occ_at "$root" config:system:get data-fingerprint)
  out=$(cli restore db nc latest --json 2>/dev/null) || fail "restore db: $out"
  [ "$(dbsum "$root" oc_filecache,sqlite_sequence)" = "$sum2nofc" ] || fail "database after restore db differs from RP2"
  [ "$(maintenance_of "$root")" = off ] || fail "maintenance left on after restore db"
  newfp=$(occ_at "$root" config:system:get data-fingerprint)
  [ -n "$newfp" ] && [ "$newfp" != "$fp" ] && [ "$(echo "$out" | jget dataFingerprint)" = "$newfp" ] \
    || fail "no new data fingerprint after restore db (was '$fp', now '$newfp'): $out"
  [ "$(echo "$out" | jget filesScanned)" = true ] || fail "restore db says it ran no files:scan: $out"
  [ "$(php "$NCB_SOURCE_DIR/tests/fixture/dbq.php" "$root" "SELECT COUNT(*) FROM oc_filecache f JOIN oc_storages s ON f.storage = s.numeric_id
        WHERE s.id = 'home::alice' AND f.path = 'files/after-rp2.txt' AND f.size = 18")" = 1 ] \
    || fail "a file written after RP2 is not in Nextcloud's file cache after restore db: no files:scan"
  if [ "$db" = sqlite ]; then
    [ "$(stat -c %U:%G "$data/owncloud.db")" = "$(stat -c %U:%G "$root/config/config.php")" ] \
      || fail "owncloud.db belongs to $(stat -c %U:%G "$data/owncloud.db") after restore db, config.php to $(stat -c %U:%G "$root/config/config.php")"
  fi
  runuser -u "$occ_owner" -- rm -f "$data/alice/files/after-rp2.txt"
  cli rp list nc --all --json | jget safetySnapshots | grep -q db-safety || fail "no safety snapshot listed"
  [ "$(cli rp list nc --json | jget restoringPoints | php -r 'echo count(json_decode(stream_get_contents(STDIN)));')" = 2 ] \
    || fail "the safety snapshot is listed as an RP"

  # 7. The whole instance into a fresh root beside the live one (a copy). It must never touch the live
  #    instance: a user added after RP2 stays in the live database, which is unchanged; the copy has a
  #    database of its own (MariaDB/PostgreSQL: <dbname>_rp<8>; SQLite: owncloud.db in the new data
  #    folder) named in its config.php, and its occ works.
  nroot=$w/new/root ndata=$w/new/data
  php "$NCB_SOURCE_DIR/tests/fixture/dbq.php" "$root" "INSERT INTO oc_users (uid, displayname, password, uid_lower) VALUES ('carol', 'Carol', '', 'carol')" \
    || fail "adding a user after RP2"
  live_sum=$(dbsum "$root") || fail "dbsum of the live instance"
  live_db=$(dbname_of "$root")
  [ "$db" = sqlite ] && live_file=$(sha256sum < "$data/owncloud.db")
  # The live database (or data folder) as the copy's: refused before anything is written.
  if [ "$db" = sqlite ]; then
    out=$(cli restore instance nc "${rp2:0:10}" --to-root "$nroot" --to-data "$data" 2>&1); rc=$?
    [ $rc -eq 2 ] && [ "$out" = "ncbackup-cli: $data on $(host_label) is (or holds, or lies in) a folder of the instance nc itself: a copy goes into folders of its own. Nothing was restored." ] \
      || fail "a copy into the live data folder: exit $rc: $out"
  else
    out=$(cli restore instance nc "${rp2:0:10}" --to-root "$nroot" --to-data "$ndata" --to-db "$live_db" 2>&1); rc=$?
    [ $rc -eq 2 ] && echo "$out" | grep -qx "ncbackup-cli: The database $live_db at .* is the one nc uses: a copy beside the instance needs its own, so name another with --to-db (or leave it out for ${live_db}_rp${rp2:0:8}). Nothing was restored." \
      || fail "--to-db naming the live database: exit $rc: $out"
  fi
  [ -e "$nroot" ] || [ -e "$ndata" ] && fail "the refused copy wrote its folders"
  copy_db=${live_db}_rp${rp2:0:8}
  case $db in
    mysql)
      # The fixture's account may use only its own database (as Nextcloud's installer grants it): the
      # restore says which SQL an admin must run, writes nothing, exits 12; the admin runs it; then it works.
      out=$(cli restore instance nc "${rp2:0:10}" --to-root "$nroot" --to-data "$ndata" 2>&1); rc=$?
      sql=$(echo "$out" | sed -n 's/.*have an admin run "\(.*\)" (or name an existing empty database with --to-db)\. Nothing was restored\.$/\1/p')
      [ $rc -eq 12 ] && [ -n "$sql" ] && echo "$sql" | grep -q "CREATE DATABASE \`$copy_db\` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci" \
        || fail "a copy whose account may not create databases: exit $rc: $out"
      [ -e "$nroot" ] || [ -e "$ndata" ] && fail "the refused copy wrote its folders"
      admin_sql "$sql" || fail "running the SQL the restore named: $sql" ;;
    pgsql)
      out=$(cli restore instance nc "${rp2:0:10}" --to-root "$nroot" --to-data "$ndata" 2>&1); rc=$?
      [ $rc -eq 12 ] && echo "$out" | grep -q "have an admin run \"CREATE DATABASE \"$copy_db\" TEMPLATE template0 ENCODING 'UTF8'.* OWNER \"ncbbk_$$\";\"" \
        || fail "a copy whose role may not create databases: exit $rc: $out"
      [ -e "$nroot" ] || [ -e "$ndata" ] && fail "the refused copy wrote its folders"
      admin_sql "ALTER ROLE \"ncbbk_$$\" CREATEDB" || fail "letting the role create databases" ;;
  esac
  # The copy's account and password given as a user would (the password from a file, never argv).
  account=(); [ "$db" = sqlite ] || account=(--to-db-user "ncbbk_$$" --to-db-password-file "$w/db.pw")
  out=$(cli restore instance nc "${rp2:0:10}" --to-root "$nroot" --to-data "$ndata" "${account[@]}" --json 2>/dev/null) || fail "restore instance: $out"
  echo "$out" | jget note | grep -q "App passwords" || fail "no note about app passwords"
  [ "$(echo "$out" | jget copy)" = true ] || fail "the copy is not reported as one: $out"
  same_tree "$ndata" "$w/ref-data" -x owncloud.db -x nextcloud.log || fail "restored data differs"
  same_tree "$nroot" "$w/ref-root" -x config.php || fail "restored root differs"
  st=$(occ_at "$nroot" status --output=json) || fail "occ status on the restored instance"
  [ "$(echo "$st" | jget installed)" = true ] && [ "$(echo "$st" | jget maintenance)" = false ] || fail "restored instance: $st"
  [ "$(occ_at "$nroot" config:system:get datadirectory)" = "$ndata" ] || fail "datadirectory not adjusted"
  fp=$(occ_at "$nroot" config:system:get data-fingerprint)
  [ -n "$fp" ] && [ "$fp" != "$(occ_at "$w/ref-root" config:system:get data-fingerprint)" ] || fail "no new data-fingerprint after restore instance"
  [ "$(occ_at "$nroot" config:system:get instanceid)" = "$(occ_at "$w/ref-root" config:system:get instanceid)" ] || fail "the copy did not keep the instance id"
  [ "$(dbsum "$nroot" oc_filecache,sqlite_sequence)" = "$sum2nofc" ] || { diff <(dbsum "$nroot" oc_filecache,sqlite_sequence) <(echo "$sum2nofc"); fail "database of the restored instance differs from RP2"; }
  [ "$(dbsum "$root")" = "$live_sum" ] || fail "the copy changed the live instance's database"
  [ "$(php "$NCB_SOURCE_DIR/tests/fixture/dbq.php" "$root" "SELECT uid FROM oc_users WHERE uid = 'carol'")" = carol ] || fail "the user added after RP2 is gone from the live database"
  [ -z "$(php "$NCB_SOURCE_DIR/tests/fixture/dbq.php" "$nroot" "SELECT uid FROM oc_users WHERE uid = 'carol'")" ] || fail "the copy's database holds the user added after RP2"
  if [ "$db" = sqlite ]; then
    [ -f "$ndata/owncloud.db" ] || fail "the SQLite copy has no owncloud.db of its own in $ndata"
    [ "$(sha256sum < "$data/owncloud.db")" = "$live_file" ] || fail "the SQLite copy changed the live owncloud.db"
  else
    [ "$(dbname_of "$nroot")" = "$copy_db" ] && [ "$(echo "$out" | jget database)" = "$copy_db" ] || fail "the copy's config.php names $(dbname_of "$nroot"), not $copy_db"
    [ "$(db_charset "$copy_db")" = "$(db_charset "$live_db")" ] || fail "the copy's database has another character set: $(db_charset "$copy_db") vs $(db_charset "$live_db")"
  fi
  [ "$(dbname_of "$root")" = "$live_db" ] && [ "$(php -r '$CONFIG = []; include $argv[1]; echo $CONFIG["datadirectory"];' "$root/config/config.php")" = "$data" ] \
    || fail "the copy changed the live config.php"
  owner_of_config=$(stat -c %U:%G "$root/config/config.php")
  [ "$(stat -c %U:%G "$nroot/config/config.php")" = "$owner_of_config" ] && [ "$(stat -c %U:%G "$nroot")" = "$owner_of_config" ] \
    && [ "$(stat -c %U:%G "$ndata")" = "$owner_of_config" ] || fail "the copy's files do not belong to the instance's user: $(stat -c '%n %U:%G' "$nroot" "$ndata" "$nroot/config/config.php")"
  [ "$(stat -c %a "$nroot/config/config.php")" = "$(stat -c %a "$w/ref-root/config/config.php")" ] || fail "config.php lost its mode"
  # Again, with a new instance id: the copy's config.php names it and its app data moved along.
  oldid=$(occ_at "$nroot" config:system:get instanceid)
  out=$(cli restore instance nc "${rp2:0:10}" --to-root "$nroot" --to-data "$ndata" --new-instance-id --json 2>/dev/null) || fail "restore instance --new-instance-id: $out"
  newid=$(occ_at "$nroot" config:system:get instanceid)
  [ "$newid" != "$oldid" ] && [ "$(echo "$out" | jget instanceId)" = "$newid" ] && [[ $newid =~ ^oc[a-z0-9]{10}$ ]] || fail "no new instance id: $oldid -> $newid"
  [ -d "$ndata/appdata_$newid" ] && [ ! -e "$ndata/appdata_$oldid" ] || fail "appdata_$oldid was not moved to appdata_$newid"
  [ "$(dbsum "$root")" = "$live_sum" ] || fail "the second copy changed the live instance's database"
  php "$NCB_SOURCE_DIR/tests/fixture/dbq.php" "$root" "DELETE FROM oc_users WHERE uid = 'carol'" || fail "removing the user added after RP2"
  copy_new_parent

  # 8. The whole instance in place, over changes made after RP2: the root and the data directory become
  #    the RP's again (stray files and folders gone, changed ones back, a folder that became a file a
  #    folder again), a symlink leading out is removed without touching what it points to, the database
  #    is RP2's, Nextcloud's file cache no longer shows the stray files, maintenance is off.
  mkdir -p "$w/outside" && echo keep > "$w/outside/keep.txt" && chmod -R a+rX "$w/outside"
  runuser -u "$occ_owner" -- sh -c '
    set -e; d=$1 r=$2 m=$3 o=$4
    mkdir -p "$d/alice/files/New folder/sub"; echo new > "$d/alice/files/New folder/sub/a.txt"
    echo stray > "$d/bob/files/stray.txt"; echo changed >> "$d/$m"
    rm -rf "$d/alice/files/Documents"; echo "not a folder" > "$d/alice/files/Documents"
    ln -s "$o" "$d/alice/files/outlink"
    echo "// changed" >> "$r/index.php"; mkdir -p "$r/apps/strayapp"; echo x > "$r/apps/strayapp/info.xml"' \
    sh "$data" "$root" "${mfile#data/}" "$w/outside" || fail "making changes after RP2"
  occ_at "$root" files:scan --all >/dev/null || fail "files:scan of the changes"
  php "$NCB_SOURCE_DIR/tests/fixture/dbq.php" "$root" "DELETE FROM oc_preferences" || fail "changing the database"
  fp=$(occ_at "$root" config:system:get data-fingerprint)
  out=$(cli restore instance nc "${rp2:0:10}" --json 2>/dev/null) || fail "restore instance in place: $out"
  [ "$(occ_at "$root" config:system:get data-fingerprint)" != "$fp" ] || fail "no new data-fingerprint after the in-place restore"
  [ "$(echo "$out" | jget removed)" -ge 5 ] || fail "restore instance in place removed $(echo "$out" | jget removed) paths"
  same_tree "$data" "$w/ref-data" -x owncloud.db -x nextcloud.log || fail "data after the in-place restore differs from RP2"
  same_tree "$root" "$w/ref-root" -x config.php || fail "root after the in-place restore differs from RP2"
  [ "$(mtimes "$data/alice/files")" = "$(mtimes "$w/ref-data/alice/files")" ] || fail "mtimes/modes not kept by the in-place restore"
  owners() { (cd "$1" && find . ! -name owncloud.db ! -name nextcloud.log -printf '%P %u %g\n' | sort); }
  [ "$(owners "$data")" = "$(owners "$w/ref-data")" ] && [ "$(owners "$root")" = "$(owners "$w/ref-root")" ] \
    || fail "owners not kept by the in-place restore"
  [ "$(cat "$w/outside/keep.txt" 2>/dev/null)" = keep ] || fail "the in-place restore followed a symlink out of the data directory"
  [ "$(dbsum "$root" oc_filecache,sqlite_sequence)" = "$sum2nofc" ] || fail "database after the in-place restore differs from RP2"
  [ "$(maintenance_of "$root")" = off ] || fail "maintenance left on after the in-place restore"
  [ "$(occ_at "$root" config:system:get datadirectory)" = "$data" ] || fail "datadirectory changed by the in-place restore"
  stray=$(php "$NCB_SOURCE_DIR/tests/fixture/dbq.php" "$root" "SELECT COUNT(*) FROM oc_filecache WHERE path LIKE 'files/New folder%' OR path = 'files/stray.txt' OR path LIKE 'files/From alice%'")
  [ "$stray" = 0 ] || fail "Nextcloud's file cache still shows $stray stray entries after the in-place restore"

  # --auto follows the schedule: incremental while the last full RP is younger than fullEveryWeeks.
  [ "$(cli backup nc --auto --json --quiet | jget kind)" = incremental ] || fail "--auto with a fresh full RP"
  php -r '$f = $argv[1]; $o = json_decode(file_get_contents($f), true); $o["schedule"]["fullEveryWeeks"] = 0; file_put_contents($f, json_encode($o));' "$w/cfg/instances/nc.json"
  [ "$(cli backup nc --auto --json --quiet | jget kind)" = full ] || fail "--auto when a full RP is due"

  # Every attempt is in the job history.
  grep -c '"job":"backup".*"status":"ok"\|"status":"ok".*"job":"backup"' "$w/share/history/nc.jsonl" | grep -qx 4 || fail "job history"
  echo "ok: $db over $transport in $(( $(date +%s) - t0 )) s"
}
