#!/bin/bash
# An oddly set-up or compromised host never makes an RP silently incomplete. Uses the hostile-host test
# fixture (tests/env/fixture/hostile/: find/tar/php wrappers first on PATH, tricks switched on by a
# `.hostile-host` control file) against a tiny SQLite fixture instance, locally or over the real sshd.
#   usage: backup_hostile.sh local|ssh
# 1. A symlinked server root and data directory are backed up whole (config.php and user files), and
#    `instance show` says where they lead.
# 2. Entries a real walk cannot produce ("../x", absolute, "." or empty components, below a symlink; an entry
#    listed twice stops the backup with exit 12 instead: backup_limits.sh, the same fixture)
#    are refused and named; the backup exits 0 and the RP restores. Folders shown empty, or a NUL inside a
#    name: an error (exit 12), no RP.
# 3. (ssh) An unreadable folder and file: the RP is written, incomplete, exit 13, paths named everywhere.
# 4. tar members of another type than the scan said: incomplete, exit 13.
# 5. One flipped byte in a manifest: rp list names it damaged, rp show exits 5 naming the file, repo check too.
source "$(dirname "$0")/backup_common.sh"
transport=${1:?local or ssh}
setup_instance sqlite "$transport"
hostile=$NCB_SOURCE_DIR/tests/env/fixture/hostile
[ "$transport" = local ] && export PATH="$hostile:$PATH"   # over SSH, tests/env/sshd.sh puts it first
last_history() { tail -1 "$w/share/history/nc.jsonl"; }

# 1. The data directory on "another disk", the server root switched between versions: both are symlinks.
mkdir -p "$w/disk" "$w/srv"
mv "$data" "$w/disk/ncdata" && ln -s "$w/disk/ncdata" "$data" || fail "symlink the data directory"
mv "$root" "$w/srv/nextcloud-32" && ln -s "$w/srv/nextcloud-32" "$root" || fail "symlink the server root"
out=$("$NCB_CLI" instance show nc) || fail "instance show: $out"
echo "$out" | grep -qxF "Server root:       $root → $w/srv/nextcloud-32" || fail "instance show does not say where the root leads: $out"
echo "$out" | grep -qxF "Data directory:    $data → $w/disk/ncdata" || fail "instance show does not say where the data leads: $out"
out=$(cli backup nc --full --json --quiet) || fail "backup of symlinked folders: $out"
[ "$(echo "$out" | jget dataDirectoryRealPath)" = "$w/disk/ncdata" ] || fail "the RP does not record the real data directory"
[ "$(echo "$out" | jget serverRootRealPath)" = "$w/srv/nextcloud-32" ] || fail "the RP does not record the real server root"
cli rp show nc latest | grep -qxF "  data dir     $data → $w/disk/ncdata" || fail "rp show does not say where the data led: $(cli rp show nc latest)"
cli rp ls nc latest root/config | grep -q "root/config/config.php" || fail "symlinked root: no config.php in the RP"
cli rp ls nc latest data/alice/files | grep -q "data/alice/files/Readme.md" || fail "symlinked data directory: no user files in the RP"
[ "$(echo "$out" | jget sizes.files)" -gt 100 ] || fail "symlinked folders: only $(echo "$out" | jget sizes.files) files in the RP"
cli rp show nc latest | grep -q "skipped      data/owncloud.db (the SQLite database" || fail "the SQLite file behind the symlink was not left out"

# 2. Crafted entries from the host's find.
echo find-inject > "$w/.hostile-host"
out=$(cli backup nc --full 2>&1); rc=$?
rm -f "$w/.hostile-host"
[ $rc -eq 0 ] || fail "crafted entries: exit $rc (refused names must not fail the backup): $out"
show=$(cli rp show nc latest) || fail "rp show after crafted entries"
for p in "data/../hostile-escape.txt" "data//etc/hostile-absolute.txt" "/./hostile-dot.txt" "//hostile-double.txt" \
         "/hostile-link/hostile-below.txt" "root/../hostile-escape.txt"; do
  echo "$show" | grep -F "$p" | grep -q "refused name" || fail "crafted entry $p is not named as refused: $show"
  echo "$out" | grep -F "$p" | grep -q "^refused: " || fail "the backup's output does not name $p: $out"
done
last_history | grep -q '"refusedNames"' || fail "the job history does not name the refused entries: $(last_history)"
last_history | grep -qF 'hostile-escape.txt' || fail "the job history does not name ../hostile-escape.txt"
last_history | grep -q '"status":"ok"' || fail "crafted entries: history is not ok: $(last_history)"
cli restore files nc latest data root --to-dir "$w/out" >/dev/null || fail "the RP with refused entries does not restore"
cmp "$w/out/data/alice/files/Readme.md" "$w/disk/ncdata/alice/files/Readme.md" || fail "restored Readme.md differs"
[ -f "$w/out/root/config/config.php" ] || fail "restored root has no config.php"
[ -e "$w/out/hostile-escape.txt" ] || [ -e "$w/hostile-escape.txt" ] && fail "a crafted entry was written outside the target"

# A find that shows the folders empty: an error naming the folder, never an RP without config.php.
rps=$(ls "$w/repo/snapshots" | wc -l)
echo find-empty > "$w/.hostile-host"
out=$(cli backup nc --full 2>&1); rc=$?
rm -f "$w/.hostile-host"
[ $rc -eq 12 ] || fail "empty folders from find: exit $rc, not 12: $out"
echo "$out" | grep -qF "The server root $w/srv/nextcloud-32 on " || fail "the error does not name the real root: $out"
echo "$out" | grep -q "gave no files to back up" || fail "no sentence for empty folders: $out"
[ "$(ls "$w/repo/snapshots" | wc -l)" = "$rps" ] || fail "an RP was written from empty folders"
last_history | grep -q '"status":"failed"' || fail "empty folders: history is not failed: $(last_history)"
# A NUL inside a name shifts the fields of find's output: refused whole, nothing written.
echo find-nul > "$w/.hostile-host"
out=$(cli backup nc --full 2>&1); rc=$?
rm -f "$w/.hostile-host"
[ $rc -eq 12 ] || fail "a NUL in a name: exit $rc, not 12: $out"
echo "$out" | grep -q "printed an entry that cannot be read" || fail "no sentence for a NUL in a name: $out"
[ "$(ls "$w/repo/snapshots" | wc -l)" = "$rps" ] || fail "an RP was written from find output with a NUL in a name"

if [ "$transport" = ssh ]; then
  # 3. A root-owned folder and file the SSH user cannot read.
  mkdir -m 700 "$w/disk/ncdata/lost+found" # a disk of its own: its lost+found is not Nextcloud's
  mkdir "$w/disk/ncdata/alice/files/Secret"; echo secret > "$w/disk/ncdata/alice/files/Secret/s.txt"
  chmod 700 "$w/disk/ncdata/alice/files/Secret"
  echo private > "$w/disk/ncdata/alice/files/private.txt"; chmod 600 "$w/disk/ncdata/alice/files/private.txt"
  out=$(cli backup nc --full 2>&1); rc=$?
  [ $rc -eq 13 ] || fail "unreadable folder and file: exit $rc, not 13: $out"
  echo "$out" | grep -q "^not backed up: data/alice/files/Secret (unreadable folder" || fail "the output does not name the folder: $out"
  echo "$out" | grep -q "^not backed up: data/alice/files/private.txt (unreadable file: cannot open: permission denied)" || fail "the output does not name the file and why: $out"
  echo "$out" | grep -q "is incomplete: 2 path(s)" || fail "no sentence saying the RP is incomplete: $out"
  show=$(cli rp show nc latest) || fail "rp show of the incomplete RP"
  echo "$show" | grep -q "state        INCOMPLETE: 2 path(s)" || fail "rp show does not mark it incomplete: $show"
  echo "$show" | grep -q "not backed up data/alice/files/Secret" || fail "rp show does not name the folder: $show"
  echo "$show" | grep -q "not backed up data/alice/files/private.txt" || fail "rp show does not name the file: $show"
  cli rp show nc latest --json | jget incomplete | grep -q "data/alice/files/Secret" || fail "the manifest does not record it"
  echo "$show" | grep -q "skipped      data/lost+found (the filesystem's lost+found)" || fail "lost+found is not skipped apart: $show"
  cli rp list nc | tail -1 | grep -q "INCOMPLETE: 2 path(s) not backed up" || fail "rp list does not mark it: $(cli rp list nc)"
  last_history | grep -q '"status":"incomplete"' || fail "history is not incomplete: $(last_history)"
  last_history | grep -qF 'data/alice/files/Secret' || fail "history does not name the folder"
  rm -rf "$w/disk/ncdata/alice/files/Secret" "$w/disk/ncdata/alice/files/private.txt"
  # Still unreadable at the next incremental RP: incomplete again.
  chown root "$w/disk/ncdata/alice/files/Photos"; chmod 700 "$w/disk/ncdata/alice/files/Photos"
  out=$(cli backup nc --incremental 2>&1); rc=$?
  [ $rc -eq 13 ] || fail "incremental with an unreadable folder: exit $rc, not 13: $out"
  echo "$out" | grep -q "^not backed up: data/alice/files/Photos (unreadable folder" || fail "incremental: the folder is not named: $out"
  chown "$NCB_SSH_USER" "$w/disk/ncdata/alice/files/Photos"; chmod 755 "$w/disk/ncdata/alice/files/Photos"

  # A file the server would not give in step 1 but gives by step 4 (maintenance on) is in the RP: complete.
  late=$w/disk/ncdata/alice/files/late.txt
  echo late > "$late"; chmod 600 "$late" # root's: the SSH user cannot read it
  blockdir=$root/.fixture-block
  mkdir -p "$blockdir"; mkfifo "$blockdir/maintenance:mode"; chmod 777 "$blockdir" "$blockdir/maintenance:mode"
  (echo go > "$blockdir/maintenance:mode") &
  feeder=$!
  cli backup nc --incremental > "$w/late.out" 2>&1 &
  pid=$!
  held=
  for i in $(seq 1 300); do
    if ! kill -0 "$feeder" 2>/dev/null; then
      for p in $(pgrep -f 'maintenance:mode --on'); do [ "$(readlink "/proc/$p/cwd")" = "$w/srv/nextcloud-32" ] && held=1; done
      [ -n "$held" ] && break
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  [ -n "$held" ] || { kill "$pid" "$feeder" 2>/dev/null; fail "the backup never reached maintenance:mode --on: $(cat "$w/late.out")"; }
  chmod 644 "$late"
  echo go > "$blockdir/maintenance:mode"
  rm -rf "$blockdir"
  wait "$pid"; rc=$?
  [ $rc -eq 0 ] || fail "a file readable again by step 4: exit $rc: $(cat "$w/late.out")"
  cli rp ls nc latest data/alice/files | grep -q "data/alice/files/late.txt" || fail "the file read in step 4 is not in the RP"
  rm -f "$late"

fi

# 4. Members of another type than the scan said.
echo tar-types > "$w/.hostile-host"
out=$(cli backup nc --full 2>&1); rc=$?
rm -f "$w/.hostile-host"
[ $rc -eq 13 ] || fail "retyped tar members: exit $rc, not 13: $(echo "$out" | tail -3)"
n=$(echo "$out" | grep -c "^not backed up: .*(unreadable file: the host sent ")
[ "$n" -gt 100 ] || fail "retyped tar members: only $n named: $(echo "$out" | tail -3)"
echo "$out" | grep -q "the host sent a hard link in its place" || fail "a hard link member is not named"
last_history | grep -q '"status":"incomplete"' || fail "retyped members: history is not incomplete"
cli rp list nc | tail -1 | grep -q INCOMPLETE || fail "retyped members: rp list does not mark it"
out=$(cli backup nc --full 2>&1) || fail "a healthy backup after the tricks: $out"

# 5. One flipped byte in a manifest.
id=$(cli rp list nc --json | php -r '$d = json_decode(stream_get_contents(STDIN), true); echo $d["restoringPoints"][0]["id"];')
[ -n "$id" ] || fail "no RP id"
mf=$w/repo/snapshots/$id
[ -f "$mf" ] || fail "no manifest file $mf"
size=$(stat -c %s "$mf")
php -r '$f = fopen($argv[1], "r+"); fseek($f, intdiv((int)$argv[2], 2)); $c = fread($f, 1); fseek($f, intdiv((int)$argv[2], 2)); fwrite($f, chr(ord($c) ^ 1)); fclose($f);' "$mf" "$size"
list=$(cli rp list nc 2>&1); rc=$?
[ $rc -eq 5 ] || fail "rp list with a damaged manifest: exit $rc: $list"
echo "$list" | grep -qF "${id:0:12}  DAMAGED: manifest file $mf cannot be read" || fail "rp list does not name the damaged RP: $list"
[ "$(echo "$list" | grep -c '  full  ')" -ge 1 ] || fail "rp list no longer shows the healthy RPs: $list"
show=$(cli rp show nc "${id:0:8}" 2>&1); rc=$?
[ $rc -eq 5 ] || fail "rp show of a damaged RP: exit $rc: $show"
echo "$show" | grep -qF "$mf" || fail "rp show does not name the damaged file: $show"
check=$(cli repo check --instance nc 2>&1); rc=$?
[ $rc -eq 5 ] || fail "repo check with a damaged manifest: exit $rc: $check"
echo "$check" | grep -qF "$mf" || fail "repo check does not name the damaged manifest file: $check"
echo "PASS"
