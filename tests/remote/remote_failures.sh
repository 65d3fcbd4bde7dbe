#!/bin/bash
# What a user sees when the other Nextcloud says no, each with one sentence and a documented exit code,
# and nothing sent: a changed OCM signatory key (9, both fingerprints, until remote update
# --accept-new-key), maintenance (12), a revoked app password (4), a quota that will not fit (12, before
# sending a byte), an unreachable server (8).
source "$(dirname "$0")/remote_common.sh"
setup_instance sqlite local
trap cleanup_remote EXIT
make_remote_server
out=$(cli backup nc --full --json --quiet) || fail "backup: $out"
rcli remote add r1 "$base" --user "$U" --instance nc --insecure-http --accept-new-key --app-password-file "$w/app.pw" >/dev/null \
  || fail "remote add"
old=$(rcli remote show r1 --json | jget keyFingerprint)
listing() { curl -s -o /dev/null -w '%{http_code}' -u "$U:$(cat "$w/app.pw")" -X PROPFIND -H 'Depth: 0' \
  "$base/remote.php/dav/files/$U/Backups/ncbackup/$(rcli remote show r1 --json | jget repositoryId)/snapshots"; }

# remote test before any push: all fine, the one RP missing.
out=$(rcli remote test r1 --json) || fail "remote test: $out"
[ "$(echo "$out" | jget authorised)/$(echo "$out" | jget keyUnchanged)/$(echo "$out" | jget missingRestoringPoints)" = true/true/1 ] \
  || fail "remote test before the first push: $out"
rcli remote test r1 | grep -q "^Lacks: .*1 Restoring Points; run 'remote push r1'" || fail "remote test (text) does not say what is missing"

# 1. The server's signatory key changes: push stops, names both keys, sends nothing.
ctl /ocm-key "{\"instance\":\"$dav_inst\"}" >/dev/null || fail "rotate key"
new=SHA256:$(curl -fsS "$base/ocm-provider/" | jget publicKey.publicKeyPem | openssl pkey -pubin -outform DER | openssl dgst -sha256 -binary | base64 | tr -d '=')
out=$(rcli remote push r1 2>&1); rc=$?
[ $rc -eq 9 ] || fail "push after a key change: rc $rc: $out"
echo "$out" | grep -qF "$old" && echo "$out" | grep -qF "$new" || fail "the key-change sentence does not name both fingerprints: $out"
echo "$out" | grep -q "remote update r1 --accept-new-key" || fail "the key-change sentence does not say what to do: $out"
[ "$(listing)" = 404 ] || fail "something was sent after the key changed"
out=$(rcli remote ls r1 2>&1); [ $? -eq 9 ] || fail "remote ls after a key change: $out"
out=$(rcli remote test r1 --json 2>/dev/null); rc=$?
[ $rc -eq 9 ] && [ "$(echo "$out" | jget keyUnchanged)" = false ] || fail "remote test after a key change: rc $rc: $out"
out=$(rcli remote update r1 --accept-new-key 2>&1) || fail "remote update --accept-new-key: $out"
[ "$(rcli remote show r1 --json | jget keyFingerprint)" = "$new" ] || fail "the new key is not pinned"

# 2. Maintenance: 503, one sentence, exit 12.
ctl /maintenance "{\"instance\":\"$dav_inst\",\"on\":true}" >/dev/null || fail "maintenance on"
out=$(rcli remote push r1 2>&1); rc=$?
[ $rc -eq 12 ] && echo "$out" | grep -q "maintenance mode" || fail "push in maintenance: rc $rc: $out"
[ "$(echo "$out" | wc -l)" = 1 ] || fail "more than one line for maintenance: $out"
ctl /maintenance "{\"instance\":\"$dav_inst\",\"on\":false}" >/dev/null || fail "maintenance off"

# 3. A quota the push will not fit: stopped before sending, with the sizes.
ctl /quota "{\"instance\":\"$dav_inst\",\"user\":\"$U\",\"bytes\":1000}" >/dev/null || fail "quota"
out=$(rcli remote push r1 2>&1); rc=$?
[ $rc -eq 12 ] && echo "$out" | grep -q "has 1000 bytes free but this push needs" || fail "push over quota: rc $rc: $out"
[ "$(listing)" = 404 ] || fail "something was sent over the quota"
ctl /quota "{\"instance\":\"$dav_inst\",\"user\":\"$U\",\"bytes\":-3}" >/dev/null || fail "quota off"
out=$(rcli remote push r1 --json) || fail "push after the failures: $out"
[ "$(echo "$out" | jget manifestsSent)" = 1 ] || fail "push after the failures sent no manifest: $out"
out=$(rcli remote test r1 --json) || fail "remote test after the push: $out"
[ "$(echo "$out" | jget missingFiles)" = 0 ] && [ -n "$(echo "$out" | jget lastPush)" ] || fail "remote test after the push: $out"

# A flipped byte in a pack on the server: same size, so only the read-back finds it, naming the pack.
out=$(rcli remote check r1) || fail "remote check of an intact mirror: $out"
pack=$(cd "$w/repo" && find data -type f ! -name '.tmp-*' | head -1)
p=$base/remote.php/dav/files/$U/$(rcli remote show r1 --json | jget folder)/$pack
curl -fsS -u "$U:$(cat "$w/app.pw")" -o "$w/pack" "$p" || fail "GET pack"
python3 -c 'import sys; b=bytearray(open(sys.argv[1],"rb").read()); b[len(b)//2]^=1; open(sys.argv[1],"wb").write(b)' "$w/pack"
curl -fsS -u "$U:$(cat "$w/app.pw")" -T "$w/pack" "$p" || fail "PUT damaged pack"
out=$(rcli remote check r1) || fail "remote check without --read-data: $out"
out=$(rcli remote check r1 --read-data 2>&1); rc=$?
[ $rc -eq 5 ] && echo "$out" | grep -qF "$pack on the remote differs" || fail "a flipped byte in a remote pack: rc $rc: $out"
curl -fsS -u "$U:$(cat "$w/app.pw")" -T "$w/repo/$pack" "$p" || fail "PUT the pack back"

# 4. The app password is revoked on the server: 401, exit 4, says how to give a new one.
curl -fsS -o /dev/null -X DELETE -H 'OCS-APIRequest: true' -u "$U:$(cat "$w/app.pw")" "$base/ocs/v2.php/core/apppassword" || fail "revoke"
out=$(rcli remote push r1 2>&1); rc=$?
[ $rc -eq 4 ] && echo "$out" | grep -q "refused the app password" && echo "$out" | grep -q "remote update r1\|remote update NAME" \
  || fail "push with a revoked app password: rc $rc: $out"
out=$(rcli remote test r1 2>&1); [ $? -eq 4 ] || fail "remote test with a revoked app password: $out"
( umask 077; echo wrong-password > "$w/wrong.pw" )
out=$(rcli remote update r1 --app-password-file "$w/wrong.pw" 2>&1); rc=$?
[ $rc -eq 4 ] || fail "update with a wrong app password: rc $rc: $out"

# 5. Login Flow v2: the CLI prints the login address and polls until the user approves in the browser
#    (here: the fixture's test endpoint); the app password it receives goes to the keychain only.
"$NCB_CLI" remote add r3 "$base" --instance nc --login-flow --insecure-http --accept-new-key --folder Backups/r3 > "$w/lf.out" 2>&1 &
pid=$!
for _ in $(seq 100); do grep -q "/index.php/login/v2/flow/" "$w/lf.out" && break; sleep 0.1; done
login=$(grep -o "http://[^ ]*/index.php/login/v2/flow/[A-Za-z0-9]*" "$w/lf.out") || fail "no login address printed: $(cat "$w/lf.out")"
sleep 1.5
kill -0 $pid 2>/dev/null || fail "remote add --login-flow did not wait for the approval: $(cat "$w/lf.out")"
ctl /login-flow/approve "{\"instance\":\"$dav_inst\",\"user\":\"$U\",\"login\":\"$login\"}" >/dev/null || fail "approve"
wait $pid || fail "remote add --login-flow: $(cat "$w/lf.out")"
[ "$(rcli remote show r3 --json | jget user)" = "$U" ] || fail "the login name was not taken from the login"
out=$(rcli remote push r3 --json) || fail "push with the app password from the login flow: $out"
[ "$(echo "$out" | jget manifestsSent)" = 1 ] || fail "push over the login-flow remote: $out"
grep -rq "appPassword\|\"password" "$w/cfg/remotes" && fail "a password in the remote settings"

# 6. The server is gone: exit 8.
rcli remote add r2 "http://127.0.0.1:9" --user "$U" --instance nc --insecure-http --accept-new-key --app-password-file "$w/wrong.pw" >/dev/null 2>&1
[ $? -eq 8 ] || fail "add of an unreachable server is not a network error"
echo "OK"
