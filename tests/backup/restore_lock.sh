#!/bin/bash
# The repository lock across processes: while `restore files` runs in one process (it holds the
# repository shared while it waits on its terminal for the answer about a file that differs), a
# `repo prune` and a `snapshot forget` started in another process stop at once with exit 7 and one
# sentence naming the restore's process, a reader (`rp list`) goes ahead, and the restore then finishes
# with every file right and its job-history record. Afterwards, with nobody holding it, prune runs.
source "$(dirname "$0")/backup_common.sh"
setup_instance sqlite local
d=$data/alice/files/Lock
runuser -u "$occ_owner" -- sh -c 'mkdir "$1"; for i in 1 2 3; do printf "lock file %s\n" $i > "$1/f$i.txt"; done' sh "$d" \
  || fail "making the folder Lock"
occ_at "$root" files:scan --all >/dev/null || fail "files:scan"
out=$(cli backup nc --full --json --quiet) || fail "backup: $out"
cp -a "$d" "$w/ref"
out=$(cli restore files nc latest data/alice/files/Lock --to-dir "$w/out" --json) || fail "first restore: $out"
printf 'edited here\n' > "$w/out/Lock/f2.txt"; rm "$w/out/Lock/f3.txt"
nhist=$(wc -l < "$w/share/history/nc.jsonl")

res=$(python3 "$here/restore_lock.py" "$NCB_CLI" restore files nc latest data/alice/files/Lock --to-dir "$w/out" --no-keychain \
  -- prune "$NCB_CLI" repo prune --repo "$w/repo" --no-keychain \
  -- forget "$NCB_CLI" snapshot forget --repo "$w/repo" --keep-last 1 --no-keychain \
  -- list "$NCB_CLI" rp list nc --no-keychain) || fail "driving the two processes: $res"
line() { echo "$res" | awk -F'\t' -v n="$1" '$1 == n'; }
rpid=$(line restore | cut -f3)
[ "$(line restore | cut -f2)" = 0 ] || fail "the restore under which the others ran failed: $res"
for c in prune forget; do
  l=$(line "$c")
  [ "$(echo "$l" | cut -f2)" = 7 ] || fail "$c under a restore: not exit 7: $l"
  msg=$(echo "$l" | cut -f3)
  echo "$msg" | grep -qE "^ncbackup-cli: Repository $w/repo is in use by [^ ]+ pid $rpid since [0-9T:-]+\.$" \
    || fail "$c under a restore: not one sentence naming the restore's process $rpid: $msg"
done
[ "$(line list | cut -f2)" = 0 ] || fail "rp list under a restore (both only read) was refused: $(line list)"
same_tree "$w/out/Lock" "$w/ref" || fail "the restore's files are not the RP's after the refused prune"
[ "$(wc -l < "$w/share/history/nc.jsonl")" = $((nhist + 1)) ] || fail "the restore under the lock was not recorded once"
tail -1 "$w/share/history/nc.jsonl" | grep -q '"job":"restore files".*"status":"ok"\|"status":"ok".*"job":"restore files"' \
  || fail "history of the restore: $(tail -1 "$w/share/history/nc.jsonl")"
[ -z "$(ls -A "$w/repo/locks")" ] || fail "the restore left its lock file: $(ls "$w/repo/locks")"
out=$(cli repo prune --repo "$w/repo" 2>&1) || fail "prune after the restore: $out"
out=$(cli rp list nc --json) || fail "rp list after prune: $out"
echo "PASS"
