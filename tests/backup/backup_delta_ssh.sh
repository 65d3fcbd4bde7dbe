#!/bin/bash
# The delta pass (step 4) over the real sshd: while an incremental backup is held at `occ maintenance:mode
# --on` (after the files pass, before the delta pass; the fixture occ's FIFO .fixture-block/maintenance:mode),
# files change on the host: a file modified, a file added to an existing folder, a file deleted, a folder
# with old files renamed, a new nested folder, a file whose mode only changed, a .nobackup added and one
# removed. The RP must
# hold exactly the tree at maintenance time, found by the delta pass's look at what changed (not a full
# rescan): byte-identical, the same modes and mtimes, nothing deleted or renamed away left behind.
source "$(dirname "$0")/backup_common.sh"
setup_instance sqlite ssh
blockdir=$root/.fixture-block
as_owner() { runuser -u "$occ_owner" -- "$@"; }
files=$data/alice/files

# Before the full RP: a folder of old files (old mtimes and ctimes by the time of the delta pass), to be
# renamed while maintenance is on, and folders to change.
as_owner mkdir -p "$files/Old/Sub/Deeper" "$files/Keep" "$files/Quiet/Cache" "$files/Loud/In"
for f in Old/a.txt Old/Sub/b.txt Old/Sub/Deeper/c.txt Keep/mod.txt Keep/del.txt Keep/chmod.txt Quiet/Cache/x.bin \
         Loud/.nobackup Loud/In/y.txt; do
  as_owner sh -c "printf 'old %s\n' '$f' > '$files/$f'"
done
as_owner touch -d '2024-01-02 03:04:05' "$files/Old/a.txt" "$files/Old/Sub/b.txt" "$files/Old/Sub/Deeper/c.txt"
out=$(cli backup nc --full --json --quiet) || fail "full backup: $out"
cli rp ls nc latest data/alice/files | grep -q "files/Loud" && fail "a folder holding .nobackup is in the full RP"
sleep 3 # the changes below come well after the slack before the incremental RP's first scan

# The incremental RP, held when it turns maintenance on: its first maintenance:mode call (the state)
# passes, the second (--on) waits on the FIFO.
mkdir -p "$blockdir"; mkfifo "$blockdir/maintenance:mode"; chmod 777 "$blockdir" "$blockdir/maintenance:mode"
(echo go > "$blockdir/maintenance:mode") &
feeder=$!
cli backup nc --incremental --json --quiet > "$w/inc.json" 2> "$w/inc.err" &
pid=$!
held=
for i in $(seq 1 300); do
  if ! kill -0 "$feeder" 2>/dev/null && pgrep -f 'maintenance:mode --on' >/dev/null; then held=1; break; fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
[ -n "$held" ] || { kill "$pid" "$feeder" 2>/dev/null; fail "the backup never reached maintenance:mode --on: $(cat "$w/inc.err")"; }
[ "$(maintenance_of "$root")" = off ] || fail "maintenance already on before --on ran"

# The changes, after step 1 and before step 4.
as_owner sh -c "printf 'new content, longer than before\n' > '$files/Keep/mod.txt'"
as_owner sh -c "printf 'added\n' > '$files/Keep/added.txt'"
as_owner rm "$files/Keep/del.txt"
as_owner mv "$files/Old" "$files/Renamed"
as_owner mkdir -p "$files/New/Nested/Deep"
as_owner sh -c "printf 'nested\n' > '$files/New/Nested/Deep/n.txt'"
as_owner chmod 600 "$files/Keep/chmod.txt"
as_owner touch "$files/Quiet/.nobackup"
as_owner rm "$files/Loud/.nobackup"
cp -a "$data" "$w/at-maintenance"

echo go > "$blockdir/maintenance:mode"
rm -rf "$blockdir" # maintenance:mode --on has opened the FIFO; --off must not wait on it
wait "$pid" || fail "incremental backup: $(cat "$w/inc.err")"
out=$(cat "$w/inc.json")
[ "$(echo "$out" | jget kind)" = incremental ] || fail "the RP is not incremental"
how=$(echo "$out" | jget deltaScan)
case $how in
  *"data: changes only"*"root: changes only"*) ;;
  *) fail "the delta pass scanned everything again instead of asking what changed: $how" ;;
esac
[ "$(maintenance_of "$root")" = off ] || fail "maintenance left on"

# The RP holds the tree at maintenance time: contents, modes, mtimes; nothing more.
cli restore files nc latest data --to-dir "$w/out" >/dev/null || fail "restore files data"
ref=$w/at-maintenance
rm -f "$ref/owncloud.db"* "$ref/nextcloud.log" "$w/out/data/nextcloud.log"
touch -r "$ref/alice/files" "$w/files.mtime"
rm -rf "$ref/alice/files/Quiet" # a folder holding .nobackup is left out, itself included
touch -r "$w/files.mtime" "$ref/alice/files"
same_tree "$w/out/data" "$ref" || fail "the RP's data/ differs from the tree at maintenance time"
# Modes and mtimes of everything but the top folder (the database's journal touches it meanwhile).
[ "$(mtimes "$w/out/data" | grep -v '^ ')" = "$(mtimes "$ref" | grep -v '^ ')" ] || {
  diff <(mtimes "$w/out/data" | grep -v '^ ') <(mtimes "$ref" | grep -v '^ ') | head -5
  fail "modes or mtimes in the RP differ from the tree at maintenance time"
}
ls=$(cli rp ls nc latest data/alice/files) || fail "rp ls"
echo "$ls" | grep -q "files/Renamed" || fail "the renamed folder is not in the RP"
echo "$ls" | grep -q "files/Old" && fail "the renamed folder is still in the RP under its old name"
echo "$ls" | grep -q "files/New" || fail "the new folder is not in the RP"
cli rp ls nc latest data/alice/files/Keep | grep -q "del.txt" && fail "the deleted file is still in the RP"
[ "$(stat -c %a "$w/out/data/alice/files/Keep/chmod.txt")" = 600 ] || fail "the changed mode is not in the RP"
echo "$ls" | grep -q "files/Quiet" && fail "a folder holding a new .nobackup is in the RP"
echo "$out" | jget skipped | grep -q 'data/alice/files/Quiet".*nobackup' || fail "the new .nobackup folder is not listed as skipped: $(echo "$out" | jget skipped)"
cmp "$w/out/data/alice/files/Renamed/Sub/Deeper/c.txt" <(printf 'old %s\n' Old/Sub/Deeper/c.txt) || fail "a file of the renamed folder differs"
echo "ok: the delta pass found every change made while the backup waited for maintenance"

# The next RP, with nothing changed: the same tree, and the delta pass reads no user file.
out=$(cli backup nc --incremental --json --quiet) || fail "second incremental backup: $out"
# (config.php only: maintenance mode rewrote it.)
[ "$(echo "$out" | jget filesReadDelta)" -le 1 ] || fail "a delta pass with no change read $(echo "$out" | jget filesReadDelta) files"
rm -rf "$w/out2"
cli restore files nc latest data/alice/files --to-dir "$w/out2" >/dev/null || fail "restore files (second RP)"
same_tree "$w/out2/files" "$ref/alice/files" || fail "the second RP differs" # each path under its own name
echo "ok: an unchanged instance gives the same tree"
