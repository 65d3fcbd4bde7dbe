#!/bin/bash
# kill -9 of `ncbackup-cli backup` during each of the five steps of the RP timeline, made reproducible
# by blocking points outside the product: the fixture occ's FIFOs (.fixture-block/maintenance:mode) for
# the maintenance steps, and a find / sqlite3 wrapper waiting on a FIFO (blockpoint.sh) for the files
# pass, the database dump and the delta pass. After each kill: maintenance mode is released (by the host
# watchdog, or at the next start from the repository's marker), no RP was written, the next run succeeds.
source "$(dirname "$0")/backup_common.sh"
setup_instance sqlite local
wrap=$w/wrap; mkdir -p "$wrap"
for t in find sqlite3; do ln -s "$here/blockpoint.sh" "$wrap/$t"; done
blockdir=$root/.fixture-block; mkdir -p "$blockdir"

cli backup nc --full --quiet >/dev/null || fail "first backup"
rps() { cli rp list nc --json | jget restoringPoints | php -r 'echo count(json_decode(stream_get_contents(STDIN)));'; }
wait_for() { local i; for i in $(seq 1 150); do eval "$1" && return 0; sleep 0.1; done; return 1; }

# arm_tool NAME N: the N-th call of NAME blocks.
arm_tool() { rm -f "$wrap"/*.at "$wrap"/*.count "$wrap"/*.reached "$wrap"/*.fifo; mkfifo "$wrap/$1.fifo"; echo "$2" > "$wrap/$1.at"; }

# kill_at STEP: starts a backup, waits until it is held at STEP, kill -9.
kill_at() {
  local step=$1 pid blocked
  PATH="$wrap:$PATH" "$NCB_CLI" backup nc --incremental --quiet --no-keychain --maintenance-deadline "${deadline:-120}" \
    > "$w/killed.out" 2>&1 &
  pid=$!
  case $step in
    1|4) wait_for "[ -s '$wrap/find.reached' ]" || fail "step $step: the backup never reached its blocking point"
         blocked=$(cat "$wrap/find.reached") ;;
    3)   wait_for "[ -s '$wrap/sqlite3.reached' ]" || fail "step 3: the dump never started"
         blocked=$(cat "$wrap/sqlite3.reached") ;;
    2)   wait_for "[ -n \"\$(occ_pids maintenance:mode --on)\" ]" || fail "step 2: maintenance:mode --on never ran"
         blocked=$(occ_pids maintenance:mode --on) ;;
    5)   wait_for "[ -n \"\$(occ_pids maintenance:mode --off)\" ]" || fail "step 5: maintenance:mode --off never ran"
         blocked=$(occ_pids maintenance:mode --off) ;;
  esac
  kill -0 "$pid" 2>/dev/null || fail "step $step: the backup ended before it was killed: $(cat "$w/killed.out")"
  kill -9 "$pid"; wait "$pid" 2>/dev/null
  kill -9 $blocked 2>/dev/null  # the host side dies with it (a dropped link)
  [ -n "${feeder:-}" ] && { kill "$feeder" 2>/dev/null; wait "$feeder" 2>/dev/null; feeder=; }
  rm -f "$wrap"/*.at "$blockdir"/*
}

# The occ FIFO passes the given number of maintenance:mode calls, then holds the next one.
pass_occ() {
  local n=$1 i
  mkfifo "$blockdir/maintenance:mode"
  (for i in $(seq 1 "$n"); do echo go > "$blockdir/maintenance:mode"; sleep 0.3; done) >/dev/null 2>&1 &
  feeder=$!
}

before=$(rps)
check_after() {
  local step=$1 expect_on=$2
  [ "$(rps)" = "$before" ] || fail "step $step: the killed run left an RP"
  [ "$(maintenance_of "$root")" = "$expect_on" ] || fail "step $step: maintenance is $(maintenance_of "$root") right after the kill, expected $expect_on"
  out=$(cli backup nc --incremental 2>&1) || fail "step $step: the next backup failed: $out"
  [ "$(maintenance_of "$root")" = off ] || fail "step $step: maintenance on after the next backup"
  [ "$(rps)" = $((before + 1)) ] || fail "step $step: the next backup wrote no RP"
  [ -e "$w/repo/maintenance.marker" ] && fail "step $step: the maintenance marker is still there"
  before=$(rps)
  echo "ok: killed during step $step, recovered"
}

# Step 1: files pass (the second find: the scan of the server root).
arm_tool find 2; kill_at 1; check_after 1 off
# Step 2: maintenance on (the first maintenance:mode call asks the state, the second turns it on).
pass_occ 1; kill_at 2; check_after 2 off
# Step 3: database dump, maintenance on: the host watchdog turns it off after its deadline.
arm_tool sqlite3 1; deadline=5 kill_at 3
[ "$(maintenance_of "$root")" = on ] || fail "step 3: maintenance should be on while the dump is held"
wait_for "[ \"\$(maintenance_of '$root')\" = off ]" || sleep 10
[ "$(maintenance_of "$root")" = off ] || fail "step 3: the watchdog did not turn maintenance off"
check_after 3 off
# Step 4: delta pass (the third find: pass 1 ran one per folder), maintenance on: released at the next start.
arm_tool find 3; kill_at 4; check_after 4 on
grep -q '"status":"ok"' "$w/share/history/nc.jsonl" || fail "no job history"
# Step 5: maintenance off (state, on, then off is held).
pass_occ 2; kill_at 5; check_after 5 on
echo "ok: kill -9 during each of the five steps"

# Ctrl-C / SIGTERM during the delta pass (maintenance on): cancelled, maintenance off, no RP, one sentence.
arm_tool find 3
PATH="$wrap:$PATH" "$NCB_CLI" backup nc --incremental --quiet --no-keychain > "$w/cancel.out" 2>&1 &
pid=$!
wait_for "[ -s '$wrap/find.reached' ]" || fail "cancel: the delta pass never started"
kill -TERM "$pid"; wait "$pid"; rc=$?
kill -9 "$(cat "$wrap/find.reached")" 2>/dev/null; rm -f "$wrap"/*.at
[ $rc -eq 11 ] || fail "cancel: exit $rc, expected 11: $(cat "$w/cancel.out")"
grep -q "failed during the delta pass" "$w/cancel.out" || fail "cancel: message $(cat "$w/cancel.out")"
[ "$(maintenance_of "$root")" = off ] || fail "cancel: maintenance left on"
[ -e "$w/repo/maintenance.marker" ] && fail "cancel: the maintenance marker is still there"
[ "$(rps)" = "$before" ] || fail "cancel: an RP was written"
tail -1 "$w/share/history/nc.jsonl" | grep -q '"status":"cancelled"' || fail "cancel: the history should record a cancelled run, not a failure: $(tail -1 "$w/share/history/nc.jsonl")"
echo "ok: cancelled during the delta pass"

# A delta pass longer than the watchdog's deadline: maintenance went off under it, so the RP is refused.
arm_tool find 3
PATH="$wrap:$PATH" "$NCB_CLI" backup nc --incremental --quiet --no-keychain --maintenance-deadline 5 > "$w/late.out" 2>&1 &
pid=$!
wait_for "[ -s '$wrap/find.reached' ]" || fail "watchdog: the delta pass never started"
wait_for "[ \"\$(maintenance_of '$root')\" = off ]" || sleep 10
[ "$(maintenance_of "$root")" = off ] || fail "watchdog: maintenance still on after its deadline"
echo go > "$wrap/find.fifo"; rm -f "$wrap"/*.at
wait "$pid"; rc=$?
[ $rc -ne 0 ] || fail "watchdog: a backup whose maintenance window broke wrote an RP"
grep -q "failed during the delta pass" "$w/late.out" || fail "watchdog: message $(cat "$w/late.out")"
[ "$(rps)" = "$before" ] || fail "watchdog: an RP was written"
echo "ok: a broken maintenance window is refused"
