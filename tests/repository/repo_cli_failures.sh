#!/bin/bash
# A full disk and a read-only repository: one clear sentence, a non-zero exit, no half-written file under
# a final name, and the repository still passes check. Needs root (tmpfs and bind mounts), as in CI.
set -u
fail() { echo "FAIL: $*"; exit 1; }
[ "$(id -u)" -eq 0 ] || fail "this test mounts a small tmpfs and a read-only bind mount: run it as root (CI does)"
C="$NCB_CLI"
F="$NCB_REPO_FIXTURE"
unset NCBACKUP_PASSWORD_FILE NCBACKUP_PASSWORD_COMMAND
T=$(mktemp -d /tmp/ncb-repo-fail.XXXXXX)
cleanup() { umount "$T/ro" 2>/dev/null; umount "$T/small" 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT
cd "$T" || exit 1
printf 'pw one\n' > pw1; printf 'pw two\n' > pw2
K=--no-keychain

# Disk full: a 4 MiB tmpfs, 8 MiB to store.
mkdir small && mount -t tmpfs -o size=4m tmpfs small || fail "mount tmpfs"
"$C" repo init --repo small/r --password-file pw1 $K >/dev/null || fail "init on tmpfs"
"$F" small/r pw1 1 >/dev/null || fail "first, small run"
before=$(find small/r/data small/r/index -type f | sort)
msg=$("$F" small/r pw1 8 2 2>&1 >/dev/null); rc=$?
[ $rc -eq 6 ] || fail "disk full: exit $rc ($msg)"
echo "$msg" | grep -q "Not enough space left to write to repository $T/small/r." || fail "disk full said: $msg"
[ -z "$(find small/r -name '.tmp-*')" ] || fail "temporary files left behind: $(find small/r -name '.tmp-*')"
ls small/r/snapshots | wc -l | grep -qx 1 || fail "a manifest was written although the run failed"
"$C" repo check --repo small/r --password-file pw1 $K --read-data >/dev/null || fail "check after disk full"
for f in $before; do [ -f "$f" ] || fail "$f vanished"; done
# A full disk during init leaves no half repository behind either.
dd if=/dev/zero of=small/filler bs=64k status=none 2>/dev/null
msg=$("$C" repo init --repo small/r2 --password-file pw1 $K 2>&1 >/dev/null); rc=$?
[ $rc -eq 6 ] || fail "init on a full disk: exit $rc ($msg)"
[ "$(printf '%s\n' "$msg" | wc -l)" -eq 1 ] || fail "init on a full disk said more than one line: $msg"
[ ! -e small/r2/config ] || fail "half repository left behind"
umount small

# Read-only: a read-only bind mount stops root as well (chmod would not).
"$C" repo init --repo r --password-file pw1 $K >/dev/null || fail "init"
"$F" r pw1 2 >/dev/null || fail "fixture"
mkdir ro && mount --bind r ro && mount -o remount,bind,ro ro || fail "read-only bind mount"
msg=$("$C" repo key change --repo ro --password-file pw1 --new-password-file pw2 $K 2>&1 >/dev/null); rc=$?
[ $rc -eq 6 ] || fail "key change on a read-only repository: exit $rc ($msg)"
[ "$msg" = "ncbackup-cli: Repository $T/ro is read-only." ] || fail "read-only said: $msg"
msg=$("$F" ro pw1 1 2>&1 >/dev/null); rc=$?
[ $rc -eq 6 ] && echo "$msg" | grep -q "Repository $T/ro is read-only." || fail "writing to a read-only repository: $rc $msg"
"$C" repo check --repo ro --password-file pw1 $K --read-data >/dev/null || fail "reading a read-only repository"
umount ro
"$C" repo check --repo r --password-file pw1 $K --read-data >/dev/null || fail "check after the read-only attempts"
echo "repo_cli_failures: ok"
