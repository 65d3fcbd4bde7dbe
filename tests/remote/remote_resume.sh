#!/bin/bash
# A push killed with kill -9 in the middle of chunked uploads resumes: the next push finds the upload
# folders and sends no chunk the server had already stored. The server counts every chunk it stores
# (a TEST-ONLY counter of the WebDAV fixture); over both pushes it must store each chunk exactly once,
# except the one that was in flight (never completed) when the push was killed.
source "$(dirname "$0")/remote_common.sh"
setup_instance sqlite local
trap cleanup_remote EXIT
make_remote_server
out=$(cli backup nc --full --json --quiet) || fail "backup: $out"
rcli remote add r1 "$base" --user "$U" --instance nc --insecure-http --accept-new-key --app-password-file "$w/app.pw" >/dev/null \
  || fail "remote add"
chunk=4096
state() { curl -fsS "$NCB_WEBDAV_CONTROL_URL/state?instance=$dav_inst" | jget "$1"; }
# The chunks the repository needs: every mirrored file above the chunk size, in chunks of it.
need=$(cd "$w/repo" && find config keys data index snapshots -type f ! -name '.tmp-*' -printf '%s\n' \
  | awk -v c=$chunk '$1 > c { n += int(($1 + c - 1) / c) } END { print n + 0 }')
[ "$need" -gt 20 ] || fail "the repository needs only $need chunks of $chunk bytes; the test needs more"

ctl /chunk-delay "{\"instance\":\"$dav_inst\",\"ms\":100}" >/dev/null || fail "chunk delay"
"$NCB_CLI" remote push r1 --chunk-size $chunk --json > "$w/push1.json" 2>/dev/null &
pid=$!
for _ in $(seq 200); do [ "$(state chunkPuts)" -ge 8 ] && break; sleep 0.05; done
kill -9 $pid; wait $pid 2>/dev/null
sleep 0.5  # a chunk whose bytes had all arrived is still being stored by the server
before=$(state chunkPuts)
[ "$before" -ge 8 ] && [ "$before" -lt "$need" ] || fail "the push was not cut in the middle ($before of $need chunks)"
# Nothing lists the RP yet: manifests go last.
out=$(rcli remote ls r1 --json 2>&1); rc=$?
[ $rc -eq 3 ] || [ "$(echo "$out" | jget restoringPoints)" = "[]" ] || fail "the remote lists an RP after a cut push: $out"

ctl /chunk-delay "{\"instance\":\"$dav_inst\",\"ms\":0}" >/dev/null || fail "chunk delay off"
out=$(rcli remote push r1 --chunk-size $chunk --json 2>/dev/null) || fail "second push: $out"
after=$(state chunkPuts)
[ "$(echo "$out" | jget chunksResumed)" -ge $((before - 1)) ] || fail "the second push reused $(echo "$out" | jget chunksResumed) of $before stored chunks: $out"
[ $((after - before)) = "$(echo "$out" | jget chunksSent)" ] || fail "the server stored $((after - before)) chunks, the push says $(echo "$out" | jget chunksSent)"
[ "$after" -le $((need + 1)) ] || fail "chunks were sent twice: the server stored $after chunks for $need"
[ "$(echo "$out" | jget manifestsSent)" = 1 ] || fail "the second push sent no manifest: $out"
# The upload folders are gone, and the mirror is complete and readable.
[ "$(curl -s -o /dev/null -w '%{http_code}' -u "$U:$(cat "$w/app.pw")" -X PROPFIND -H 'Depth: 1' "$base/remote.php/dav/uploads/$U/" )" = 207 ] || fail "uploads PROPFIND"
out=$(rcli remote recover r1 --to "$w/rec" 2>&1) || fail "recover after a resumed push: $out"
[ "$(cd "$w/repo" && find data index snapshots -type f | sort | xargs sha256sum)" = \
  "$(cd "$w/rec" && find data index snapshots -type f | sort | xargs sha256sum)" ] || fail "the resumed mirror differs from the repository"

# Maintenance switched on in the middle of a push (WebDAV answers 503): the push waits, tries again
# and finishes once the admin is done.
runuser -u "$occ_owner" -- python3 "$fx/make-tree.py" mutate "$data" 1 > "$w/mutate.log" || fail "mutate"
out=$(cli backup nc --incremental --json --quiet) || fail "incremental backup: $out"
ctl /chunk-delay "{\"instance\":\"$dav_inst\",\"ms\":100}" >/dev/null || fail "chunk delay"
start=$(state chunkPuts)
"$NCB_CLI" remote push r1 --chunk-size 1K --json > "$w/push3.json" 2> "$w/push3.err" &
pid=$!
for _ in $(seq 200); do [ "$(state chunkPuts)" -ge $((start + 3)) ] && break; sleep 0.05; done
ctl /maintenance "{\"instance\":\"$dav_inst\",\"on\":true}" >/dev/null || fail "maintenance on"
sleep 1
kill -0 $pid 2>/dev/null || fail "the push ended during maintenance: $(tail -c 300 "$w/push3.err")"
ctl /maintenance "{\"instance\":\"$dav_inst\",\"on\":false}" >/dev/null || fail "maintenance off"
wait $pid || fail "a push through a short maintenance failed: $(tail -c 300 "$w/push3.err")"
[ "$(jget manifestsSent < "$w/push3.json")" = 1 ] || fail "the push through maintenance sent no manifest: $(cat "$w/push3.json")"
out=$(rcli remote check r1 --read-data 2>&1) || fail "the mirror after a push through maintenance: $out"

# The quota fills up in the middle of a push (HTTP 507): one sentence, exit 12, no RP listed half-sent.
runuser -u "$occ_owner" -- python3 "$fx/make-tree.py" mutate "$data" 1 > "$w/mutate.log" || fail "mutate"
out=$(cli backup nc --incremental --json --quiet) || fail "incremental backup: $out"
rp3=$(echo "$out" | jget id)
start=$(state chunkPuts)
"$NCB_CLI" remote push r1 --chunk-size 1K > "$w/push4.out" 2>&1 &
pid=$!
for _ in $(seq 200); do [ "$(state chunkPuts)" -ge $((start + 3)) ] && break; sleep 0.05; done
ctl /quota "{\"instance\":\"$dav_inst\",\"user\":\"$U\",\"bytes\":0}" >/dev/null || fail "quota"
wait $pid; rc=$?
[ $rc -eq 12 ] && grep -q "has no room left (HTTP 507, quota full)" "$w/push4.out" || fail "507 in the middle of a push: rc $rc: $(tail -c 400 "$w/push4.out")"
ctl /quota "{\"instance\":\"$dav_inst\",\"user\":\"$U\",\"bytes\":-3}" >/dev/null || fail "quota off"
ctl /chunk-delay "{\"instance\":\"$dav_inst\",\"ms\":0}" >/dev/null || fail "chunk delay off"
rcli remote ls r1 --json | grep -q "$rp3" && fail "the remote lists an RP whose push failed"
out=$(rcli remote push r1 --chunk-size 1K --json 2>/dev/null) || fail "push after the quota was raised: $out"
rcli remote ls r1 --json | grep -q "$rp3" || fail "the remote does not list the RP after the push"
echo "OK"
