#!/bin/bash
# What goes wrong must say so in one sentence, with a non-zero exit, and lose nothing: a wrong database
# password (maintenance off again, no RP, the failed attempt in the job history), unknown and changed SSH
# host keys (refused), a wrong repository password, an unknown instance, an RP of another Nextcloud
# version, and hostile paths in an RP (refused before anything is written, the path named).
source "$(dirname "$0")/backup_common.sh"
setup_instance mysql local
hostile="${NCB_BINARY_DIR:?}/tests/backup/ncb_make_hostile_rp"
[ -x "$hostile" ] || fail "ncb_make_hostile_rp is not built"
rps() { cli rp list nc --json | jget restoringPoints | php -r 'echo count(json_decode(stream_get_contents(STDIN)));'; }

cli backup nc --quiet >/dev/null || fail "first backup"

# Wrong database password: fails at the dump, maintenance off, no RP, history says why.
cp "$root/config/config.php" "$w/config.php.good"
sed -i "s/'dbpassword' => '[^']*'/'dbpassword' => 'not-the-password'/" "$root/config/config.php"
out=$(cli backup nc --quiet 2>&1); rc=$?
[ $rc -ne 0 ] || fail "a backup with a wrong DB password succeeded"
echo "$out" | grep -q "failed during the database dump" || fail "the message does not name the step: $out"
[ "$(echo "$out" | wc -l)" -eq 1 ] || fail "more than one line: $out"
echo "$out" | grep -q "not-the-password" && fail "the password appears in the message"
[ "$(maintenance_of "$root")" = off ] || fail "maintenance left on after the failed dump"
[ "$(rps)" = 1 ] || fail "the failed backup left an RP"
tail -1 "$w/share/history/nc.jsonl" | grep -q '"status":"failed"' || fail "the failed attempt is not in the job history"
tail -1 "$w/share/history/nc.jsonl" | grep -q '"step":"db"' || fail "the job history does not name the step"
cp "$w/config.php.good" "$root/config/config.php"
cli backup nc --quiet >/dev/null || fail "backup after fixing the password"

# SSH host keys: unknown and changed keys are refused.
for v in NCB_SSH_HOST NCB_SSH_PORT NCB_SSH_USER NCB_SSH_KEY NCB_SSH_HOST_KEY_OTHER; do
  [ -n "${!v:-}" ] || fail "$v is not set: start the services (tests/env/services.sh) or run scripts/test"
done
: > "$w/empty_known_hosts"
for kh in "$w/empty_known_hosts" "$NCB_SSH_HOST_KEY_OTHER"; do
  echo "{\"name\":\"far\",\"local\":false,\"sshHost\":\"$NCB_SSH_HOST\",\"sshPort\":$NCB_SSH_PORT,\"sshUser\":\"$NCB_SSH_USER\",\"identityFile\":\"$NCB_SSH_KEY\",\"knownHostsFile\":\"$kh\",\"serverRoot\":\"$root\",\"repository\":\"$w/repo\"}" \
    > "$w/cfg/instances/far.json"
  out=$(cli backup far --quiet 2>&1); rc=$?
  [ $rc -eq 9 ] || fail "host key ($kh): exit $rc, expected 9: $out"
  echo "$out" | grep -qi "host key" || fail "host key message: $out"
done
[ -s "$w/empty_known_hosts" ] && fail "an unknown host key was written to known_hosts"
grep -q '"instance":"far".*"status":"failed"\|"status":"failed".*"instance":"far"' "$w/share/history/far.jsonl" || fail "no history of the refused host"

# Wrong repository password, unknown instance.
echo wrong > "$w/wrong.pw"
out=$(NCBACKUP_PASSWORD_FILE=$w/wrong.pw cli backup nc --quiet 2>&1); rc=$?
[ $rc -eq 4 ] || fail "wrong repository password: exit $rc: $out"
out=$(cli backup nobody 2>&1); rc=$?
[ $rc -eq 3 ] || fail "unknown instance: exit $rc: $out"

# Another Nextcloud version: restore db refuses without --force.
cp "$root/version.php" "$w/version.php.good"
sed -i 's/32,0,1,2/33,0,0,1/; s/32\.0\.1/33.0.0/' "$root/version.php"
out=$(cli restore db nc latest 2>&1); rc=$?
[ $rc -eq 2 ] || fail "restore db onto another version: exit $rc: $out"
echo "$out" | grep -q -- "--force" || fail "the message does not mention --force: $out"
[ "$(maintenance_of "$root")" = off ] || fail "maintenance on after the refused restore"
cp "$w/version.php.good" "$root/version.php"

# Hostile paths in an RP: refused on restore to the host (and to a folder), the path named.
mkdir -p "$w/probe"
for kind in dotdot symlink absolute; do
  rm -f /tmp/ncb-hostile-$kind
  id=$("$hostile" "$w/repo" "$w/repo.pw" nc $kind) || fail "making the hostile RP ($kind)"
  before=$(cd "$data" && find . -printf '%P %T@\n' | sort | sha256sum)
  out=$(cli restore files nc "${id:0:12}" data/alice/files --to-host --overwrite 2>&1); rc=$?
  [ $rc -eq 10 ] || fail "hostile RP ($kind) onto the host: exit $rc: $out"
  echo "$out" | grep -q "ncb-hostile-$kind" || fail "the message does not name the hostile path: $out"
  [ -e /tmp/ncb-hostile-$kind ] && fail "a hostile RP ($kind) wrote outside the target"
  [ "$(cd "$data" && find . -printf '%P %T@\n' | sort | sha256sum)" = "$before" ] || fail "the refused restore ($kind) changed the data"
  out=$(cli restore files nc "${id:0:12}" data/alice/files --to-dir "$w/probe" 2>&1); rc=$?
  [ $rc -eq 10 ] || fail "hostile RP ($kind) into a folder: exit $rc: $out"
  [ -e /tmp/ncb-hostile-$kind ] && fail "a hostile RP ($kind) wrote outside the folder"
  out=$(cli restore instance nc "${id:0:12}" --to-root "$w/new/r" --to-data "$w/new/d" 2>&1); rc=$?
  [ $rc -eq 10 ] || fail "hostile RP ($kind) as an instance: exit $rc: $out"
  [ -e "$w/new/r" ] && fail "the refused instance restore ($kind) created the target"
done
echo "ok: failures"
