#!/bin/bash
# Push and pull throughput to the WebDAV TEST FIXTURE (the stand-in Nextcloud of tests/env/webdav) on
# loopback, against curl moving the same bytes to the same server in the same run (issue 13's bench):
#   push  = ncbackup-cli remote push (packs by chunked upload v2, then index and manifests)
#   curlT = curl -T of the same pack files, one PUT each
#   pull  = ncbackup-cli remote recover of the mirror
#   curlG = curl GET of the same files
# Prints the times and the ratios curl/ncbackup (>= 0.8 is the aim). Not a timed test.
# usage (after tests/env/services.sh start; source $NCB_RUN_DIR/env.sh):
#   dbus-run-session -- tests/env/with-keyring.sh bench/remote-push.sh [MiB]   (default 256)
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
ncb=${NCB_CLI:-$src/build/app/ncbackup-cli}
die() { echo "remote-push.sh: $*" >&2; exit 2; }
for v in NCB_WEBDAV_URL NCB_WEBDAV_USER NCB_WEBDAV_CONTROL_URL; do [ -n "${!v:-}" ] || die "$v is not set"; done
mib=${1:-256}
w=$(mktemp -d /tmp/ncb-remote-bench.XXXXXX)
inst=bench-$$
trap 'rm -rf "$w"; curl -s -o /dev/null -X DELETE "$NCB_WEBDAV_CONTROL_URL/instances/$inst"' EXIT
export NCBACKUP_CONFIG_DIR=$w/cfg NCBACKUP_DATA_DIR=$w/share NCBACKUP_CACHE_DIR=$w/cache NCBACKUP_PASSWORD_FILE=$w/pw
( umask 077; echo bench > "$w/pw" )
base=$(curl -fsS -X POST -H 'Content-Type: application/json' -d "{\"name\":\"$inst\"}" "$NCB_WEBDAV_CONTROL_URL/instances" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["url"])')
flow=$(curl -fsS -X POST "$base/index.php/login/v2")
token=$(echo "$flow" | python3 -c 'import json,sys; print(json.load(sys.stdin)["poll"]["token"])')
login=$(echo "$flow" | python3 -c 'import json,sys; print(json.load(sys.stdin)["login"])')
curl -fsS -o /dev/null -X POST -H 'Content-Type: application/json' -d "{\"instance\":\"$inst\",\"login\":\"$login\"}" "$NCB_WEBDAV_CONTROL_URL/login-flow/approve"
( umask 077; curl -fsS -X POST --data-urlencode "token=$token" "$base/index.php/login/v2/poll" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["appPassword"])' > "$w/app.pw" )
U=$NCB_WEBDAV_USER
mkdir -p "$w/src" "$w/cfg/instances"
head -c $((mib * 1024 * 1024)) /dev/urandom > "$w/src/random.bin"
"$ncb" repo init --repo "$w/repo" --no-keychain >/dev/null
"$ncb" snapshot create --repo "$w/repo" --no-keychain "$w/src" >/dev/null
echo "{\"name\":\"b\",\"local\":true,\"serverRoot\":\"/tmp\",\"repository\":\"$w/repo\"}" > "$w/cfg/instances/b.json"
"$ncb" remote add b "$base" --user "$U" --instance b --insecure-http --accept-new-key --app-password-file "$w/app.pw" >/dev/null
bytes=$(du -sb "$w/repo" | cut -f1)
now() { date +%s.%N; }
t0=$(now); "$ncb" remote push b --verify-sample 0 >/dev/null 2>&1; t1=$(now)
# curl: the same pack files, one PUT each, into another folder of the same account.
auth="$U:$(cat "$w/app.pw")"
curl -fsS -o /dev/null -u "$auth" -X MKCOL "$base/remote.php/dav/files/$U/curl"
t2=$(now)
( cd "$w/repo" && find data index snapshots -type f | while read -r f; do
    curl -fsS -o /dev/null -u "$auth" -T "$f" "$base/remote.php/dav/files/$U/curl/$(echo "$f" | tr / _)"; done )
t3=$(now)
"$ncb" remote recover b --to "$w/rec" >/dev/null 2>&1; t4=$(now)
mkdir "$w/get"
t5=$(now)
( cd "$w/repo" && find data index snapshots -type f | while read -r f; do n=$(echo "$f" | tr / _)
    curl -fsS -u "$auth" -o "$w/get/$n" "$base/remote.php/dav/files/$U/curl/$n"; done )
t6=$(now)
python3 - "$bytes" "$t0" "$t1" "$t2" "$t3" "$t4" "$t5" "$t6" <<'PY'
import sys
b, t0, t1, t2, t3, t4, t5, t6 = [float(x) for x in sys.argv[1:]]
mb = b / 1048576
push, curlT, curlG = t1 - t0, t3 - t2, t6 - t5
pull = t4 - t3
print(f"repository {mb:.0f} MiB")
print(f"push  {push:6.2f} s  {mb / push:7.1f} MiB/s    curl -T {curlT:6.2f} s  {mb / curlT:7.1f} MiB/s    ratio {curlT / push:.2f}")
print(f"pull  {pull:6.2f} s  {mb / pull:7.1f} MiB/s    curl GET {curlG:6.2f} s  {mb / curlG:7.1f} MiB/s    ratio {curlG / pull:.2f}")
PY
