#!/bin/bash
# The WebDAV test fixture (the stand-in for another Nextcloud) answers as Nextcloud 32 does:
# Basic auth, PROPFIND shape and quota props, PUT headers, a chunked upload v2 of a 12 MB file in
# 3 chunks that comes back byte-identical, status.php, capabilities (412 without the OCS header),
# Login Flow v2 round trip with app password revocation, maintenance 503, quota 507, WebFinger.
source "$(dirname "$0")/common.sh"
need NCB_RUN_DIR NCB_WEBDAV_URL NCB_WEBDAV_USER NCB_WEBDAV_PASSWORD NCB_WEBDAV_CONTROL_URL
U=$NCB_WEBDAV_USER
work=$(mktemp -d "$NCB_RUN_DIR/smoke_webdav.XXXXXX")
inst=smoke-$$
trap 'rm -rf "$work"; curl -s -o /dev/null -X DELETE "$NCB_WEBDAV_CONTROL_URL/instances/$inst"' EXIT
code() { curl -s -o "$work/body" -D "$work/headers" -w '%{http_code}' "$@"; }
expect() { local want=$1 what=$2; shift 2; local got; got=$(code "$@"); [ "$got" = "$want" ] || fail "$what: HTTP $got, expected $want ($(head -c 300 "$work/body"))"; }
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$work/body" "$1"; }
ctl() { curl -fsS -X POST -H 'Content-Type: application/json' -d "$2" "$NCB_WEBDAV_CONTROL_URL$1" >/dev/null || fail "control $1 failed"; }

# A private instance for the switches (maintenance, quota, webfinger), so tests running in parallel
# on the default instance are not disturbed.
base=$(curl -fsS -X POST -H 'Content-Type: application/json' -d "{\"name\":\"$inst\"}" "$NCB_WEBDAV_CONTROL_URL/instances" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["url"])') || fail "could not create a test instance"
auth=(-u "$U:$NCB_WEBDAV_PASSWORD")
dav=$base/remote.php/dav/files/$U

# --- status.php
expect 200 "status.php" "$base/status.php"
[ "$(json 'sorted(d.keys())')" = "['edition', 'extendedSupport', 'installed', 'maintenance', 'needsDbUpgrade', 'productname', 'version', 'versionstring']" ] \
  || fail "status.php keys: $(cat "$work/body")"
[ "$(json 'd["installed"], d["maintenance"], d["versionstring"], d["productname"]')" = "(True, False, '32.0.1', 'Nextcloud')" ] \
  || fail "status.php values: $(cat "$work/body")"

# --- auth
expect 401 "wrong password" -u "$U:wrong" -X PROPFIND "$dav/"
grep -qi '^WWW-Authenticate: Basic' "$work/headers" || fail "401 without a Basic challenge"
expect 207 "PROPFIND root" "${auth[@]}" -X PROPFIND -H 'Depth: 0' "$dav/"

# --- PUT, PROPFIND shape, checksum, mtime
echo "small file" >"$work/small"
expect 201 "PUT new" "${auth[@]}" -T "$work/small" -H 'X-OC-Mtime: 1700000000' -H 'OC-Checksum: SHA1:0000000000000000000000000000000000000000' "$dav/small.txt"
for h in ETag OC-ETag OC-FileId; do grep -qi "^$h: " "$work/headers" || fail "PUT answer lacks $h"; done
grep -qi '^X-OC-MTime: accepted' "$work/headers" || fail "PUT answer lacks X-OC-MTime: accepted"
expect 204 "PUT overwrite" "${auth[@]}" -T "$work/small" -H 'X-OC-Mtime: 1700000000' -H 'OC-Checksum: SHA1:0000000000000000000000000000000000000000' "$dav/small.txt"
props='<?xml version="1.0"?><d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns"><d:prop><d:getlastmodified/><d:quota-available-bytes/><d:quota-used-bytes/><oc:checksums/><oc:fileid/></d:prop></d:propfind>'
expect 207 "PROPFIND depth 1" "${auth[@]}" -X PROPFIND -H 'Depth: 1' --data "$props" "$dav/"
python3 - "$work/body" "/i/$inst/remote.php/dav/files/$U/" <<'PY' || fail "PROPFIND answer: $(cat "$work/body")"
import sys, xml.etree.ElementTree as ET
raw = open(sys.argv[1]).read()
for ns in ('xmlns:d="DAV:"', 'xmlns:oc="http://owncloud.org/ns"', 'xmlns:nc="http://nextcloud.org/ns"', 'xmlns:s="http://sabredav.org/ns"'):
    assert ns in raw, ns
D, OC = '{DAV:}', '{http://owncloud.org/ns}'
r = {e.find(D + 'href').text: e for e in ET.fromstring(raw).findall(D + 'response')}
root, f = r[sys.argv[2]], r[sys.argv[2] + 'small.txt']       # absolute paths, not URLs
def prop(e, name, status):
    for ps in e.findall(D + 'propstat'):
        if status in ps.find(D + 'status').text:
            x = ps.find(D + 'prop/' + name)
            if x is not None: return x
assert prop(root, D + 'quota-available-bytes', '200').text == '-3'
assert prop(f, D + 'quota-available-bytes', '404') is not None
assert prop(f, D + 'getlastmodified', '200').text == 'Tue, 14 Nov 2023 22:13:20 GMT'
assert prop(f, OC + 'checksums/' + OC + 'checksum', '200').text == 'SHA1:0000000000000000000000000000000000000000'
PY

# --- chunked upload v2: 12 MB in 3 chunks (5 MiB, 5 MiB, rest), assembled byte-identical
head -c 12000000 /dev/urandom >"$work/big"
split -b 5242880 -d -a 5 "$work/big" "$work/chunk."
up=$base/remote.php/dav/uploads/$U/smoke-$$-$RANDOM
hdr=(-H "Destination: $dav/big.bin" -H "OC-Total-Length: 12000000")
expect 201 "MKCOL upload folder" "${auth[@]}" "${hdr[@]}" -X MKCOL "$up"
n=0
for c in "$work"/chunk.*; do
  n=$((n + 1)); name=$(printf '%05d' "$n")
  expect 201 "PUT chunk $name" "${auth[@]}" "${hdr[@]}" -T "$c" "$up/$name"
done
[ $n -eq 3 ] || fail "expected 3 chunks, made $n"
expect 201 "MOVE .file" "${auth[@]}" "${hdr[@]}" -X MOVE "$up/.file"
grep -qi '^OC-FileId: ' "$work/headers" || fail "MOVE .file answer lacks OC-FileId"
expect 404 "upload folder gone after MOVE" "${auth[@]}" -X PROPFIND -H 'Depth: 0' "$up"
curl -fsS "${auth[@]}" -o "$work/back" "$dav/big.bin" || fail "GET big.bin failed"
cmp -s "$work/big" "$work/back" || fail "the assembled file differs from what was uploaded"
# again onto the same file: 204; an aborted upload leaves nothing behind
expect 201 "MKCOL again" "${auth[@]}" "${hdr[@]}" -X MKCOL "$up"
for c in "$work"/chunk.*; do n=$((n + 1)); expect 201 "PUT chunk" "${auth[@]}" "${hdr[@]}" -T "$c" "$up/$(printf '%05d' $((n - 3)))"; done
expect 204 "MOVE .file overwrite" "${auth[@]}" "${hdr[@]}" -X MOVE "$up/.file"
expect 201 "MKCOL to abort" "${auth[@]}" "${hdr[@]}" -X MKCOL "$up"
expect 201 "PUT chunk to abort" "${auth[@]}" "${hdr[@]}" -T "$work/chunk.00000" "$up/00001"
expect 204 "DELETE aborts" "${auth[@]}" -X DELETE "$up"
expect 404 "aborted folder gone" "${auth[@]}" -X PROPFIND -H 'Depth: 0' "$up"

# --- capabilities: 412 without OCS-APIRequest, 200 with it
expect 412 "capabilities without OCS-APIRequest" -H 'Accept: application/json' "$base/ocs/v2.php/cloud/capabilities"
for v in 1 2; do
  expect 200 "capabilities v$v" "${auth[@]}" -H 'OCS-APIRequest: true' -H 'Accept: application/json' "$base/ocs/v$v.php/cloud/capabilities"
  [ "$(json 'd["ocs"]["data"]["capabilities"]["dav"]["chunking"], d["ocs"]["data"]["capabilities"]["dav"]["bulkupload"]')" = "('1.0', '1.0')" ] \
    || fail "capabilities v$v: $(head -c 300 "$work/body")"
done

# anonymous: no dav part and no chunked_upload (a real Nextcloud 32 shows them only when authenticated)
expect 200 "capabilities anonymous" -H 'OCS-APIRequest: true' -H 'Accept: application/json' "$base/ocs/v2.php/cloud/capabilities"
[ "$(json '"dav" in d["ocs"]["data"]["capabilities"], "files" in d["ocs"]["data"]["capabilities"]')" = "(False, False)" ] \
  || fail "anonymous capabilities show dav/files: $(head -c 300 "$work/body")"

# --- OCM discovery: an RSA 2048 signatory key, a new one after POST /__test__/ocm-key
expect 200 "ocm-provider" "$base/ocm-provider/"
json 'd["publicKey"]["publicKeyPem"]' >"$work/ocm1.pem"
[ "$(openssl pkey -pubin -in "$work/ocm1.pem" -noout -text 2>/dev/null | head -1)" = "Public-Key: (2048 bit)" ] \
  || fail "ocm-provider key is not RSA 2048: $(head -c 300 "$work/body")"
expect 404 "/.well-known/ocm" "$base/.well-known/ocm"
expect 200 "rotate ocm key" -X POST -H 'Content-Type: application/json' -d "{\"instance\":\"$inst\"}" "$NCB_WEBDAV_CONTROL_URL/ocm-key"
expect 200 "ocm-provider again" "$base/ocm-provider/"
json 'd["publicKey"]["publicKeyPem"]' >"$work/ocm2.pem"
cmp -s "$work/ocm1.pem" "$work/ocm2.pem" && fail "the OCM key did not change after /__test__/ocm-key"

# --- Login Flow v2: pending 404, approved 200 once, app password works, then revoked
expect 200 "login/v2" -X POST "$base/index.php/login/v2"
token=$(json 'd["poll"]["token"]'); endpoint=$(json 'd["poll"]["endpoint"]'); login=$(json 'd["login"]')
[ "$endpoint" = "$base/index.php/login/v2/poll" ] || fail "poll endpoint is '$endpoint'"
expect 404 "poll before approval" -X POST -d "token=$token" "$endpoint"
ctl /login-flow/approve "{\"instance\":\"$inst\",\"user\":\"$U\",\"login\":\"$login\"}"
expect 200 "poll after approval" -X POST -d "token=$token" "$endpoint"
app=$(json 'd["appPassword"]')
[ "$(json 'd["server"], d["loginName"]')" = "('$base', '$U')" ] || fail "poll answer: $(cat "$work/body")"
[ ${#app} -eq 72 ] || fail "app password has ${#app} characters, expected 72"
expect 404 "second poll" -X POST -d "token=$token" "$endpoint"
expect 207 "WebDAV with the app password" -u "$U:$app" -X PROPFIND -H 'Depth: 0' "$dav/"
expect 200 "revoke app password" -u "$U:$app" -H 'OCS-APIRequest: true' -X DELETE "$base/ocs/v2.php/core/apppassword"
expect 401 "revoked app password" -u "$U:$app" -X PROPFIND -H 'Depth: 0' "$dav/"

# --- maintenance: WebDAV and OCS 503, status.php 200 with maintenance true
ctl /maintenance "{\"instance\":\"$inst\",\"on\":true}"
expect 503 "WebDAV in maintenance" "${auth[@]}" -X PROPFIND -H 'Depth: 0' "$dav/"
expect 503 "OCS in maintenance" -H 'OCS-APIRequest: true' "$base/ocs/v2.php/cloud/capabilities"
expect 200 "status.php in maintenance" "$base/status.php"
[ "$(json 'd["maintenance"]')" = True ] || fail "status.php does not say maintenance: $(cat "$work/body")"
ctl /maintenance "{\"instance\":\"$inst\",\"on\":false}"
expect 207 "WebDAV after maintenance" "${auth[@]}" -X PROPFIND -H 'Depth: 0' "$dav/"

# --- quota: 507 when a PUT or the chunked MOVE would exceed it
ctl /quota "{\"instance\":\"$inst\",\"user\":\"$U\",\"bytes\":13000000}"
expect 507 "PUT over quota" "${auth[@]}" -T "$work/big" "$dav/big2.bin"
expect 404 "nothing left after 507" "${auth[@]}" -X PROPFIND -H 'Depth: 0' "$dav/big2.bin"
expect 201 "MKCOL without sizes" "${auth[@]}" -X MKCOL "$up"
for c in "$work"/chunk.*; do n=$((n + 1)); expect 201 "PUT chunk" "${auth[@]}" -T "$c" "$up/$(printf '%05d' $((n - 6)))"; done
expect 507 "MOVE .file over quota" "${auth[@]}" -H "Destination: $dav/big2.bin" -X MOVE "$up/.file"
expect 404 "nothing assembled after 507" "${auth[@]}" -X PROPFIND -H 'Depth: 0' "$dav/big2.bin"
expect 204 "DELETE the refused upload" "${auth[@]}" -X DELETE "$up"
expect 207 "quota props" "${auth[@]}" -X PROPFIND -H 'Depth: 0' --data "$props" "$dav/"
grep -q '<d:quota-available-bytes>[0-9]' "$work/body" || fail "quota-available-bytes is not a byte count under a quota: $(cat "$work/body")"
ctl /quota "{\"instance\":\"$inst\",\"user\":\"$U\",\"bytes\":-3}"

# --- WebFinger: 404 by default, a JRD when switched on
host=${base#http://}; host=${host%%/*}
expect 404 "webfinger off" "$base/index.php/.well-known/webfinger?resource=acct:$U@$host"
[ "$(json 'd["message"]')" = "webfinger not supported" ] || fail "webfinger 404 body: $(cat "$work/body")"
ctl /webfinger "{\"instance\":\"$inst\",\"enabled\":true}"
expect 200 "webfinger on" "$base/index.php/.well-known/webfinger?resource=acct:$U@$host"
[ "$(json 'd["subject"]')" = "acct:$U@$host" ] || fail "JRD subject: $(cat "$work/body")"
expect 404 "root webfinger of the default instance stays off" "$NCB_WEBDAV_URL/.well-known/webfinger?resource=acct:$U@$host"

echo "smoke_webdav: ok"
