#!/bin/bash
# What a host can make ncbackup hold is bounded (core/util/Limits.h), locally or over the real sshd.
#   usage: backup_limits.sh local|ssh
# The hostile-host test fixture (tests/env/fixture/hostile/find, first on the PATH ncbackup runs with
# locally and on the SSH test user's PATH) floods the data directory's scan past the entry limit (lowered
# here with the diagnostic NCBACKUP_LIMIT_ENTRIES, read by ncbackup on this machine; the real default of
# 50,000,000 is checked in host_unit), lists a 5,000-byte path or one entry twice: each backup stops in the
# files pass with one sentence and exit 12, before maintenance mode goes on, quickly and in little memory
# (this machine's ncbackup-cli), and leaves no RP. The same flood sent only in the delta pass stops there
# and maintenance goes off at once.
# Locally also: a real tree 993 folders deep is backed up and restored with --to-dir in a number of folder
# opens linear in its depth (strace) and onto the host; ten folders deeper it is past the depth limit: one
# sentence, exit 12. An RP holding a path past the limit (tampered) is refused by both restores: one
# sentence, exit 10.
source "$(dirname "$0")/backup_common.sh"
transport=${1:?local or ssh}
setup_instance sqlite "$transport"
hostile_bin=$NCB_SOURCE_DIR/tests/env/fixture/hostile
[ "$transport" = local ] && export PATH="$hostile_bin:$PATH"   # over SSH, tests/env/sshd.sh puts it first
case $transport in
  local) who="this machine" ;;
  ssh) who="$NCB_SSH_USER@$NCB_SSH_HOST:$NCB_SSH_PORT" ;;
esac
if [ "$transport" = local ]; then command -v strace >/dev/null || fail "strace is not installed"; fi
rps() { cli rp list nc --json | jget restoringPoints | php -r 'echo count(json_decode(stream_get_contents(STDIN)));'; }
cli backup nc --quiet >/dev/null || fail "first backup"

# The control file sits in the data directory: the data directory's scan gets the trick, the server
# root's (a sibling folder) does not.
ctl=$data/.hostile-host
# hostile TRICK EXPECTED-MESSAGE [ENV...]: the backup stops in step STEP with exit 12 and that sentence.
STEP="the files pass (step 1)" STEPNAME=files
hostile() {
  local trick=$1 pat=$2 t0 out rc
  shift 2
  echo "$trick" > "$ctl" && chmod 644 "$ctl"
  t0=$(date +%s%N)
  out=$(env "$@" /usr/bin/time -f 'maxrss=%M' -o "$w/time.out" "$NCB_CLI" backup nc --quiet --no-keychain 2>&1); rc=$?
  secs=$(( ($(date +%s%N) - t0) / 1000000000 ))
  rm -f "$ctl"
  [ $rc -eq 12 ] || fail "hostile find ($trick): exit $rc, expected 12: $out"
  [ "$(echo "$out" | wc -l)" -eq 1 ] || fail "hostile find ($trick): more than one line: $out"
  echo "$out" | grep -q "^ncbackup-cli: The backup of nc failed during $STEP: $pat" \
    || fail "hostile find ($trick) said: $out (expected: $pat)"
  [ "$(maintenance_of "$root")" = off ] || fail "hostile find ($trick): maintenance is on"
  tail -1 "$w/share/history/nc.jsonl" | grep -q "\"step\":\"$STEPNAME\"" || fail "hostile find ($trick): the history does not name the $STEPNAME pass"
  [ "$(rps)" = 1 ] || fail "hostile find ($trick) left an RP"
  rss=$(sed -n 's/^maxrss=//p' "$w/time.out")
}

# A flood of 20 million entries (over a GB of records) against a limit of 20,000: stopped after the
# limit, not after reading them all.
hostile "find-flood 20000000" "The host's find listed more than 20,000 entries, the most ncbackup accepts from a host: " \
  NCBACKUP_LIMIT_ENTRIES=20000
[ "$secs" -lt 20 ] || fail "the flood took $secs s to stop"
[ "$rss" -lt 300000 ] || fail "the flood made the client hold $rss KiB"
echo "flood stopped in $secs s, max RSS $rss KiB"
hostile find-long "$who holds data/xxxx.*, a path that is 5,005 bytes long (the limit is 4,096): ncbackup does not back up a path that long or deep, so leave its folder out with a .nobackup file or an exclusion.$"
hostile find-dup "$who listed data/dup.txt twice, which a real find never does: the host is not behaving as it should.$"
# A flood only in the delta pass (maintenance mode on): what it holds stays within the same limit, and
# maintenance goes off again at once, well within the watchdog's deadline.
STEP="the delta pass (step 4)" STEPNAME=delta
hostile "find-deltaflood 20000000" "$who listed more than 20,000 files, folders and symlinks, the most ncbackup backs up: " \
  NCBACKUP_LIMIT_ENTRIES=20000
[ "$secs" -lt 20 ] || fail "the flood in the delta pass took $secs s to stop"
[ "$rss" -lt 300000 ] || fail "the flood in the delta pass made the client hold $rss KiB"
STEP="the files pass (step 1)" STEPNAME=files
echo "flood in the delta pass stopped in $secs s, max RSS $rss KiB"
# With the control file gone the wrappers pass through: a healthy backup.
out=$(cli backup nc --quiet 2>&1) || fail "a healthy backup after the tricks: $out"
[ "$(rps)" = 2 ] || fail "the healthy backup after the tricks wrote no RP"
[ "$transport" = local ] || { echo "ok"; exit 0; }

# A real deep tree within the limits: "data/deep/" + 990 folders + a file = 993 folders in the path.
deep=$(printf 'd/%.0s' $(seq 990))
(cd "$data" && mkdir -p "deep/$deep" && echo bottom > "deep/${deep}f" && echo middle > "deep/${deep:0:990}m") || fail "making the deep tree"
out=$(cli backup nc --quiet 2>&1) || fail "backup of a tree 993 folders deep: $out"
strace -f -qq -e trace=openat -o "$w/trace" "$NCB_CLI" restore files nc latest data/deep --to-dir "$w/out" --no-keychain >/dev/null \
  || fail "restore --to-dir of the deep tree"
[ "$(cd "$w/out/deep" && cd "$deep" && cat f)" = bottom ] || fail "the deepest file was not restored"
[ "$(cd "$w/out/deep" && cd "${deep:0:990}" && cat m)" = middle ] || fail "the file half way down was not restored"
opens=$(grep -c 'openat(' "$w/trace")
# About one open per folder, plus the program's own; walking from the top for every entry took ~500,000.
[ "$opens" -lt 5000 ] || fail "restoring 990 nested folders took $opens opens"
echo "restore of 990 nested folders: $opens opens"
# Onto the host (tar there) as well.
out=$(cli restore files nc latest data/deep --to-host --target "$w/new/deep" 2>&1) || fail "restore --to-host of the deep tree: $out"
[ "$(cd "$w/new/deep/deep" && cd "$deep" && cat f)" = bottom ] || fail "the deepest file was not restored onto the host"

# Ten folders deeper: past the depth limit, said in one sentence; nothing backed up.
(cd "$data/deep/$deep" && mkdir -p "$(printf 'e/%.0s' $(seq 10))") || fail "deepening the tree"
n=$(rps)
out=$(cli backup nc --quiet 2>&1); rc=$?
[ $rc -eq 12 ] || fail "backup of a tree past the depth limit: exit $rc: $out"
echo "$out" | grep -q "^ncbackup-cli: The backup of nc failed during the files pass (step 1): this machine holds data/deep/d/d/.*, a path that is 1,001 folders deep (the limit is 1,000): ncbackup does not back up a path that long or deep, so leave its folder out with a .nobackup file or an exclusion.$" \
  || fail "past the depth limit: $out"
[ "$(rps)" = "$n" ] || fail "the refused backup left an RP"
# Left out with a .nobackup file, as the sentence says: the backup goes through.
touch "$data/deep/$deep/.nobackup"
out=$(cli backup nc --quiet 2>&1) || fail "backup with the deep folder left out by .nobackup: $out"

# An RP holding a path past the depth limit (a tampered repository): both restores refuse it in one
# sentence, exit 10; onto the host nothing is written, into a folder nothing from that path on.
id=$("${NCB_BINARY_DIR:?}/tests/backup/ncb_make_hostile_rp" "$w/repo" "$w/repo.pw" nc deep) || fail "making the deep RP"
out=$(cli restore files nc "${id:0:12}" data/alice --to-host --target "$w/new/hostile" 2>&1); rc=$?
[ $rc -eq 10 ] && [ "$(echo "$out" | wc -l)" -eq 1 ] \
  && echo "$out" | grep -q "^ncbackup-cli: Restoring Point ${id:0:12} holds a path that is 1,002 folders deep (the limit is 1,000), more than ncbackup restores, data/alice/files/d/d/.*: nothing was restored.$" \
  || fail "restore --to-host of a path past the depth limit: exit $rc: $out"
[ ! -e "$w/new/hostile" ] || [ -z "$(ls -A "$w/new/hostile")" ] || fail "the refused restore wrote something"
out=$(cli restore files nc "${id:0:12}" data/alice --to-dir "$w/hostile-dir" 2>&1); rc=$?
[ $rc -eq 10 ] && [ "$(echo "$out" | wc -l)" -eq 1 ] \
  && echo "$out" | grep -q "^ncbackup-cli: Restoring Point ${id:0:12} holds a path that is 1,002 folders deep (the limit is 1,000), more than ncbackup restores, data/alice/files/d/d/.*: nothing was restored.$" \
  || fail "restore --to-dir of a path past the depth limit: exit $rc: $out"
[ -z "$(find "$w/hostile-dir" -name ncb-hostile-deep 2>/dev/null)" ] || fail "the refused restore wrote the file"
echo "ok"
