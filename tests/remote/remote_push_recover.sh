#!/bin/bash
# A repository with two RPs goes to another Nextcloud (the WebDAV test fixture) and comes back whole:
# remote add pins the server's OCM signatory key, push sends packs (chunked upload v2 above --chunk-size),
# index and manifests, a second push sends no pack again, remote ls lists both RPs verified with the
# repository key, remote recover rebuilds the repository in a new folder, repo check finds it clean, and
# a restore from it (after instance attach) is byte-identical. The app password never shows in ps, the
# settings or the output.
source "$(dirname "$0")/remote_common.sh"
setup_instance sqlite local
trap cleanup_remote EXIT
make_remote_server
two_rps
pw=$(cat "$w/app.pw")

# http:// is refused without --insecure-http (exit 10), a key is not trusted without --accept-new-key (9).
out=$(rcli remote add r1 "$base" --user "$U" --instance nc --app-password-file "$w/app.pw" 2>&1); rc=$?
[ $rc -eq 10 ] && echo "$out" | grep -q "plain http" || fail "http:// without --insecure-http: rc $rc: $out"
out=$(rcli remote add r1 "$base" --user "$U" --instance nc --insecure-http --app-password-file "$w/app.pw" 2>&1); rc=$?
[ $rc -eq 9 ] && echo "$out" | grep -q "SHA256:" || fail "add without --accept-new-key: rc $rc: $out"
[ -e "$w/cfg/remotes/r1.json" ] && fail "an untrusted remote was saved"

out=$(rcli remote add r1 "$base" --user "$U" --instance nc --insecure-http --accept-new-key < "$w/app.pw" 2>&1) \
  || fail "remote add: $out"
echo "$out" | grep -q "Signatory key SHA256:" || fail "remote add shows no key fingerprint: $out"
# The fingerprint is the SHA-256 of the DER public key the server publishes.
want=$(curl -fsS "$base/ocm-provider/" | jget publicKey.publicKeyPem | openssl pkey -pubin -outform DER | openssl dgst -sha256 -binary | base64 | tr -d '=')
[ "$(rcli remote show r1 --json | jget keyFingerprint)" = "SHA256:$want" ] || fail "pinned fingerprint is not SHA256 of the DER key"
[ "$(rcli remote show r1 --json | jget hasAppPassword)" = true ] || fail "the app password is not in the keychain"
[ "$(rcli remote list --json | jget remotes.0.name)" = r1 ] || fail "remote list"

# Push, watching ps for the app password while it runs.
rcli remote push r1 --chunk-size 64K --verify-sample 100 --json > "$w/push1.json" 2> "$w/push1.err" &
pid=$!
while kill -0 $pid 2>/dev/null; do ps -eo args >> "$w/ps.txt"; sleep 0.05; done
wait $pid || fail "remote push: $(cat "$w/push1.err")"
push1=$(cat "$w/push1.json")
[ "$(echo "$push1" | jget manifestsSent)" = 2 ] || fail "first push did not send both manifests: $push1"
[ "$(echo "$push1" | jget chunksSent)" -gt 0 ] || fail "no chunked upload above --chunk-size: $push1"
grep -qF -- "$pw" "$w/ps.txt" && fail "the app password showed in ps"
# --verify-sample 100: every pack, index file and manifest sent was read back (config and keys are not sealed data).
[ "$(echo "$push1" | jget filesVerified)" = $(( $(echo "$push1" | jget filesSent) - 1 - $(ls "$w/repo/keys" | wc -l) )) ] \
  || fail "not every file was read back with --verify-sample 100: $push1"
# What the server holds is the repository, file for file, and nothing of the locks or temporary files.
folder=$(rcli remote show r1 --json | jget folder)
out=$(rcli remote push r1 --json) || fail "second push: $out"
[ "$(echo "$out" | jget manifestsSent)" = 0 ] && [ "$(echo "$out" | jget chunksSent)" = 0 ] || fail "second push sent again: $out"
[ "$(echo "$out" | jget filesAlreadyThere)" = $(( $(echo "$push1" | jget filesSent) - 2 )) ] || fail "second push found nothing there: $out"

# remote pull: a pack and a Restoring Point lost here come back from the remote.
lostpack=$(cd "$w/repo" && find data -type f ! -name '.tmp-*' | head -1)
cp "$w/repo/snapshots/$rp1" "$w/m1.orig"
rm "$w/repo/$lostpack" "$w/repo/snapshots/$rp1"
cli repo check --repo "$w/repo" >/dev/null 2>&1 && fail "repo check does not see the lost pack"
out=$(rcli remote pull r1 --json) || fail "remote pull: $out"
[ "$(echo "$out" | jget filesReceived)" = 2 ] || fail "remote pull did not bring back exactly the 2 lost files: $out"
cmp "$w/m1.orig" "$w/repo/snapshots/$rp1" || fail "the pulled manifest differs"
out=$(cli repo check --repo "$w/repo" 2>&1) || fail "repo check after remote pull: $out"

# remote ls: both RPs, verified.
out=$(rcli remote ls r1 --json) || fail "remote ls: $out"
[ "$(echo "$out" | jget restoringPoints.0.id)" = "$rp1" ] && [ "$(echo "$out" | jget restoringPoints.1.id)" = "$rp2" ] \
  || fail "remote ls does not list both RPs: $out"
rcli remote ls r1 | grep -q "${rp2:0:12}" || fail "remote ls (text) does not show RP2"

# Recover into a new folder: a complete repository.
out=$(rcli remote recover r1 --to "$w/rec" 2>&1) || fail "remote recover: $out"
echo "$out" | grep -q "instance attach" || fail "remote recover does not say how to use it: $out"
out=$(cli repo check --repo "$w/rec" 2>&1) || fail "repo check of the recovered repository: $out"
out=$(rcli remote recover r1 --to "$w/rec" 2>&1); rc=$?
[ $rc -eq 10 ] || fail "recover into a non-empty folder: rc $rc: $out"
cmp "$w/repo/config" "$w/rec/config" || fail "recovered config differs"
[ "$(cd "$w/repo" && find data index snapshots keys -type f | sort | xargs sha256sum)" = \
  "$(cd "$w/rec" && find data index snapshots keys -type f | sort | xargs sha256sum)" ] || fail "recovered files differ"

# The recovered repository works as a new instance's: restore a folder from it, byte-identical.
# RPs belong to an instance name, so the lost desktop's instance "nc" now points at the recovered
# repository (setup_instance writes its instance file by hand: the repository carries no instance
# description for 'instance attach' to read). The original repository is moved away.
mv "$w/repo" "$w/repo.lost"
sed -i "s|$w/repo|$w/rec|" "$w/cfg/instances/nc.json"
out=$(cli restore files nc latest data/alice/files/Documents --to-dir "$w/out" 2>&1) || fail "restore from the recovered repository: $out"
same_tree "$w/out/Documents" "$w/ref-data/alice/files/Documents" || fail "restored folder differs"

# The desktop and its settings are lost: recover with the server, account and folder given.
( export NCBACKUP_CONFIG_DIR=$w/cfg-new
  out=$(rcli remote recover --url "$base" --user "$U" --folder "$folder" --to "$w/rec2" --insecure-http --app-password-file "$w/app.pw" 2>&1); rc=$?
  [ $rc -eq 9 ] && echo "$out" | grep -q "SHA256:" || fail "recover --url without --accept-new-key: rc $rc: $out"
  out=$(rcli remote recover --url "$base" --user "$U" --folder "$folder" --to "$w/rec2" --insecure-http --accept-new-key < "$w/app.pw" 2>&1) \
    || fail "recover --url: $out"
  [ ! -e "$w/cfg-new/remotes" ] || fail "recover --url saved a profile" ) || exit 1
[ "$(cd "$w/rec" && find . -type f ! -path './locks/*' | sort | xargs sha256sum)" = \
  "$(cd "$w/rec2" && find . -type f ! -path './locks/*' | sort | xargs sha256sum)" ] || fail "recover --url gave another repository"

# A manifest damaged on the server is refused by remote ls, named, exit 5.
m=$base/remote.php/dav/files/$U/$folder/snapshots/$rp1
curl -fsS -u "$U:$pw" -o "$w/m1" "$m" || fail "GET manifest"
python3 -c 'import sys; b=bytearray(open(sys.argv[1],"rb").read()); b[len(b)//2]^=1; open(sys.argv[1],"wb").write(b)' "$w/m1"
curl -fsS -u "$U:$pw" -T "$w/m1" "$m" || fail "PUT damaged manifest"
out=$(rcli remote ls r1 2>&1); rc=$?
[ $rc -eq 5 ] && echo "$out" | grep -q "${rp1:0:12}  REFUSED" && echo "$out" | grep -q "${rp2:0:12}  " || fail "a damaged remote manifest: rc $rc: $out"

# The app password is nowhere in the settings, the outputs or the cache.
grep -rqF -- "$pw" "$w/cfg" "$w/cache" "$w/push1.json" "$w/push1.err" 2>/dev/null && fail "the app password is written down"

davfolder=$base/remote.php/dav/files/$U/$folder
code() { curl -s -o /dev/null -w '%{http_code}' -u "$U:$pw" -X PROPFIND -H 'Depth: 0' "$davfolder/"; }
rcli remote remove r1 >/dev/null || fail "remote remove"
[ -e "$w/cfg/remotes/r1.json" ] && fail "remote remove left the profile"
[ "$(code)" = 207 ] || fail "remote remove without --delete-remote-data deleted the mirror"
rcli remote add r1 "$base" --user "$U" --instance nc --insecure-http --accept-new-key --app-password-file "$w/app.pw" >/dev/null || fail "add again"
out=$(rcli remote remove r1 --delete-remote-data) || fail "remote remove --delete-remote-data: $out"
echo "$out" | grep -q "was deleted" || fail "remote remove --delete-remote-data says: $out"
[ "$(code)" = 404 ] || fail "the mirror is still on the server after --delete-remote-data"
out=$(rcli remote show r1 2>&1); [ $? -eq 3 ] || fail "show of a removed remote: $out"
echo "OK"
