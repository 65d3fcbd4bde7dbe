#!/bin/bash
# `backup --if-due` and `run --due`: a timer that fires hourly makes a Restoring Point only when the
# instance's schedule says one is due — once per interval, inside the window, not again right after a
# failed attempt — and says why not otherwise. A real SQLite fixture instance on this machine.
: "${NCB_SOURCE_DIR:?run it through ctest or scripts/test}"
source "$NCB_SOURCE_DIR/tests/backup/backup_common.sh" || exit 1
setup_instance sqlite local

# instance NAME ROOT START END [ENABLED]: a profile with its own repository and schedule
instance() {
  local name=$1 r=$2 start=$3 end=$4 enabled=${5:-true}
  [ -d "$w/repo-$name" ] || "$NCB_CLI" repo init --repo "$w/repo-$name" --no-keychain >/dev/null || fail "repo init $name"
  echo "{\"name\":\"$name\",\"local\":true,\"serverRoot\":\"$r\",\"repository\":\"$w/repo-$name\",\"schedule\":{\"windowStartHour\":$start,\"windowEndHour\":$end,\"incrementalEveryDays\":1,\"fullEveryWeeks\":4,\"enabled\":$enabled}}" \
    > "$w/cfg/instances/$name.json"
}
rps() { cli rp list "$1" --json | jget restoringPoints | php -r 'echo count(json_decode(stream_get_contents(STDIN)));'; }
rm -f "$w/cfg/instances/nc.json"
hour=$(date +%-H)

# The whole day is the window: the first --if-due makes a full RP, the next ones in the same day do nothing.
instance day "$root" 0 0
out=$(cli backup day --if-due --quiet 2>&1) || fail "first backup --if-due: $out"
echo "$out" | grep -q "There is no Restoring Point yet: a full one is due." || fail "no reason given for the first RP: $out"
[ "$(rps day)" = 1 ] || fail "the first --if-due made no RP"
cli rp list day | grep -q ' full ' || fail "the first RP is not full: $(cli rp list day)"
for i in 1 2 3; do
  out=$(cli backup day --if-due --quiet 2>&1) || fail "backup --if-due right after an RP failed: $out"
  echo "$out" | grep -q "^day: no backup now. The next Restoring Point is due at " || fail "not-due sentence: $out"
done
[ "$(rps day)" = 1 ] || fail "backup --if-due made a second RP the same day ($(rps day))"

# A window that does not hold this hour: nothing now, and the sentence says from when it runs.
instance later "$root" $(( (hour + 2) % 24 )) $(( (hour + 3) % 24 ))
out=$(cli backup later --if-due --quiet 2>&1) || fail "backup --if-due outside the window: $out"
echo "$out" | grep -q "The next Restoring Point is due at" || fail "outside-window sentence: $out"
[ "$(rps later)" = 0 ] || fail "an RP was made outside the window"

# Schedule off: never due.
instance off "$root" 0 0 false
out=$(cli backup off --if-due --quiet 2>&1) || fail "backup --if-due with the schedule off: $out"
echo "$out" | grep -q "The schedule is off" || fail "schedule-off sentence: $out"

# A broken instance: the attempt fails (non-zero, recorded), and the next try waits an hour instead of
# hammering the server on every timer run.
instance broken "$w/no-such-root" 0 0
cli backup broken --if-due --quiet >/dev/null 2>&1 && fail "a backup of a missing server root succeeded"
out=$(cli backup broken --if-due --quiet 2>&1) || fail "the retry after a failure was not held back: $out"
echo "$out" | grep -q "A backup failed at .*; the next try is from " || fail "retry sentence: $out"

# run --due --all: only what is due. A new instance on the same server is due; "day" is not.
instance fresh "$root" 0 0
out=$(cli run --due --all --quiet 2>&1); rc=$?
[ "$rc" = 0 ] || fail "run --due --all exited $rc: $out"
[ "$(rps fresh)" = 1 ] || fail "run --due made no RP of the due instance: $out"
[ "$(rps day)" = 1 ] || fail "run --due backed up an instance that was not due"
echo "$out" | grep -q "^day: no backup now" || fail "run --due did not say why day was skipped: $out"
echo "$out" | grep -q "^broken: no backup now. A backup failed" || fail "run --due did not hold the failed instance back: $out"
# Named instances; usage errors are one sentence, exit 2.
cli run --due fresh day --quiet >/dev/null 2>&1 || fail "run --due NAME... failed"
[ "$(rps fresh)" = 1 ] || fail "run --due NAME made a second RP of fresh"
cli run --due >/dev/null 2>&1; [ $? = 2 ] || fail "run --due without instances is not a usage error"
cli run --all >/dev/null 2>&1; [ $? = 2 ] || fail "run without --due is not a usage error"
# Maintenance is off on the live instance after all of it.
[ "$(maintenance_of "$root")" = off ] || fail "maintenance left on"
echo "schedule_cli: ok"
