#!/bin/bash
# repo init / key change / key export / key recover / check as a user runs them: one clear line and the
# documented exit code for every mistake, data readable after every key operation, damage named.
set -u
fail() { echo "FAIL: $*"; exit 1; }
C="$NCB_CLI"
F="$NCB_REPO_FIXTURE"
unset NCBACKUP_PASSWORD_FILE NCBACKUP_PASSWORD_COMMAND
T=$(mktemp -d /tmp/ncb-repo-cli.XXXXXX)
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1
printf 'pw one\n' > pw1; printf 'wrong\n' > bad; printf 'pw two\n' > pw2; printf 'pw three\n' > pw3
K=--no-keychain

# one line on stderr, a given exit code
expect() { # expect CODE PATTERN cmd...
  local code=$1 pat=$2; shift 2
  local msg rc
  msg=$("$@" 2>&1 >/dev/null); rc=$?
  [ $rc -eq "$code" ] || fail "'$*' exit $rc, expected $code ($msg)"
  [ "$(printf '%s\n' "$msg" | wc -l)" -eq 1 ] || fail "'$*' printed more than one line: $msg"
  printf '%s\n' "$msg" | grep -q -- "$pat" || fail "'$*' said: $msg (expected: $pat)"
}

out=$("$C" repo init --repo r --password-file pw1 $K) || fail "repo init"
echo "$out" | grep -q "Created repository $T/r (id [0-9a-f]\{32\})" || fail "init output: $out"
rk=$(echo "$out" | grep -A2 '^Recovery key' | tail -1 | tr -d ' ')
[ ${#rk} -ge 50 ] || fail "no recovery key printed: $out"
grep -rq "pw one" r && fail "the password is stored in the repository"
expect 2 "already a repository" "$C" repo init --repo r --password-file pw1 $K
# A repository of a newer format: corrupt/unsupported (5), said so, not a generic failure.
cp -a r r99 && php -r '$f = $argv[1]; $o = json_decode(file_get_contents($f), true); $o["version"] = 99; file_put_contents($f, json_encode($o));' r99/config
expect 5 "^ncbackup-cli: Repository $T/r99 has format version 99; this ncbackup reads version 1 only. Update ncbackup.$" \
  "$C" repo check --repo r99 --password-file pw1 $K
rm -rf r99
expect 2 "Give the repository with --repo PATH" "$C" repo check --password-file pw1 $K
expect 3 "^ncbackup-cli: No ncbackup repository at $T/nope.$" "$C" repo check --repo nope --password-file pw1 $K
expect 4 "^ncbackup-cli: Wrong password for repository $T/r.$" "$C" repo check --repo r --password-file bad $K

snap=$("$F" r pw1 3) || fail "fixture"
"$C" repo check --repo r --password-file pw1 $K --read-data | grep -q "no damage found" || fail "check of a fresh repository"
[ "$("$C" repo key export --repo r --password-file pw1 $K)" = "$rk" ] || fail "export differs from the key printed at init"

# key change: data untouched, old password refused, new one works
before=$(find r/data -type f | sort | xargs md5sum)
"$C" repo key change --repo r --password-file pw1 --new-password-file pw2 $K >/dev/null || fail "key change"
[ "$(find r/data -type f | sort | xargs md5sum)" = "$before" ] || fail "key change touched the data"
expect 4 "Wrong password" "$C" repo check --repo r --password-file pw1 $K
"$C" repo check --repo r --password-file pw2 $K --read-data >/dev/null || fail "check with the new password"

# recovery: a wrong key is refused, the right one (stdin or file) sets a new password
other=$("$C" repo init --repo other --password-file pw1 $K | grep -A2 '^Recovery key' | tail -1 | tr -d ' ')
echo "$other" > otherkey
expect 4 "^ncbackup-cli: Wrong recovery key for repository $T/r.$" "$C" repo key recover --repo r --recovery-key-file otherkey --new-password-file pw3 $K
echo "not a key" > junk
expect 4 "Wrong recovery key" "$C" repo key recover --repo r --recovery-key-file junk --new-password-file pw3 $K
echo "$rk" | "$C" repo key recover --repo r --new-password-file pw3 $K >/dev/null || fail "recover from stdin"
expect 4 "Wrong password" "$C" repo check --repo r --password-file pw2 $K
"$C" repo check --repo r --password-file pw3 $K --read-data >/dev/null || fail "check after recovery"
echo "$rk" | tr 'A-Z' 'a-z' > rkfile
"$C" repo key recover --repo r --recovery-key-file rkfile --new-password-file pw1 $K >/dev/null || fail "recover from a file (lower case)"
"$C" repo check --repo r --password-file pw1 $K >/dev/null || fail "check after recovery from a file"

# lock: a second writer is refused with who holds the repository
echo '{"host":"elsewhere.example","pid":4242,"time":"2026-01-01T10:00:00Z","refreshed":"'"$(date -u +%Y-%m-%dT%H:%M:%SZ)"'","exclusive":true}' > r/locks/foreign
expect 7 "Repository $T/r is in use by elsewhere.example pid 4242 since" "$C" repo key change --repo r --password-file pw1 --new-password-file pw2 $K
rm r/locks/foreign

# two writers at once: the second is refused while the first goes on; nothing is damaged
NCB_FIXTURE_HOLD_SECONDS=3 "$F" r pw1 2 5 >/dev/null 2>first.err &
first=$!
for _ in $(seq 50); do [ -n "$(ls r/locks)" ] && break; sleep 0.1; done
[ -n "$(ls r/locks)" ] || fail "the first writer took no lock"
msg=$("$F" r pw1 2 6 2>&1 >/dev/null); rc=$?
[ $rc -eq 7 ] || fail "second writer: exit $rc ($msg)"
echo "$msg" | grep -q "Repository $T/r is in use by $(hostname) pid $first since" || fail "second writer said: $msg"
wait $first || fail "the first writer failed: $(cat first.err)"
[ -z "$(ls r/locks)" ] || fail "lock left behind: $(ls r/locks)"
"$C" repo check --repo r --password-file pw1 $K --read-data >/dev/null || fail "check after two writers"

# flip FILE OFFSET: changes one byte (whatever it was)
flip() { python3 -c 'import sys; f=open(sys.argv[1],"r+b"); f.seek(int(sys.argv[2])); b=f.read(1)[0]; f.seek(int(sys.argv[2])); f.write(bytes([b ^ 0x5a]))' "$1" "$2"; }
# damage: a pack, an index file, a manifest, each named; exit 5
# The largest pack, so that byte 200 lies in a blob and not in the header of a pack of one tiny blob.
pack=$(find r/data -type f -name '[0-9a-f]*' -printf '%s %p\n' | sort -n | tail -n 1 | cut -d' ' -f2); packid=$(basename "$pack")
flip "$pack" 200
idx=$(ls r/index | head -1)
flip "r/index/$idx" 30
flip "r/snapshots/$snap" 30
out=$("$C" repo check --repo r --password-file pw1 $K --read-data 2>err); rc=$?
[ $rc -eq 5 ] || fail "check of a damaged repository exit $rc"
echo "$out" | grep -q "^Pack $packid is damaged: 1 of its [0-9]* blobs cannot be read back intact.$" || fail "damaged pack not named: $out"
echo "$out" | grep -q "^  lost blob [0-9a-f]\{64\}$" || fail "lost blob not listed: $out"
echo "$out" | grep -q "^Index file $idx is damaged" || fail "damaged index not named: $out"
echo "$out" | grep -q "^Restoring Point $snap is damaged" || fail "damaged manifest not named: $out"
# When the lost blob belongs to a snapshot whose manifest is intact, that snapshot is named too with what
# it lost (which pack the flip hits is random; test_snapshot_roundtrip pins the file-path case).
n=3
if echo "$out" | grep -q "^Snapshot "; then
  n=4
  echo "$out" | grep -Eq "^Snapshot [0-9a-f]{8}: (1 file\(s\) have missing or damaged data. Affected: data-[0-9]+.bin|Its tree blob [0-9a-f]{16} is damaged. Its file list cannot be read.)$" || fail "affected snapshot badly named: $out"
fi
grep -q "is damaged ($n problems)" err || fail "summary: $(cat err) -- report: $out"
[ "$(wc -l < err)" -eq 1 ] || fail "check should say one sentence on stderr: $(cat err)"
json=$("$C" repo check --repo r --password-file pw1 $K --read-data --json 2>/dev/null)
echo "$json" | python3 -c '
import json,sys
j=json.load(sys.stdin)
assert j["ok"] is False
kinds=sorted(d["kind"] for d in j["damages"])
assert len(kinds)==int(sys.argv[1]) and sorted(set(kinds))==["index","manifest","pack"], (kinds, sys.argv)
p=[d for d in j["damages"] if d["kind"]=="pack"][0]
assert len(p["blobs"])==1 and len(p["blobs"][0])==64, p
' "$n" || fail "json report: $json"
echo "repo_cli: ok"
