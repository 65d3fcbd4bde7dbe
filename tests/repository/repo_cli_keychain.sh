#!/bin/bash
# With an OS keychain (scripts/test runs the tests under a private gnome-keyring): after one password
# unlock the repository opens without a password; an explicit password still wins; --no-keychain opts out.
set -u
fail() { echo "FAIL: $*"; exit 1; }
[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || fail "needs a Secret Service on a session bus (run through scripts/test)"
C="$NCB_CLI"
unset NCBACKUP_PASSWORD_FILE NCBACKUP_PASSWORD_COMMAND
T=$(mktemp -d /tmp/ncb-repo-kc.XXXXXX)
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1
printf 'pw one\n' > pw1; printf 'wrong\n' > bad; printf 'pw two\n' > pw2

"$C" repo init --repo r --password-file pw1 >/dev/null || fail "init"
out=$("$C" repo check --repo r </dev/null 2>&1) || fail "check through the keychain: $out"
echo "$out" | grep -q "no damage found" || fail "check output: $out"
msg=$("$C" repo check --repo r --password-file bad 2>&1 >/dev/null); rc=$?
[ $rc -eq 4 ] || fail "an explicit wrong password must not be overridden by the keychain (exit $rc: $msg)"
msg=$("$C" repo check --repo r --no-keychain </dev/null 2>&1 >/dev/null); rc=$?
[ $rc -ne 0 ] || fail "--no-keychain still opened the repository without a password"
[ "$(printf '%s\n' "$msg" | wc -l)" -eq 1 ] || fail "no password source: more than one line: $msg"
# A password change needs the current password: the keychain's key alone does not change it.
msg=$("$C" repo key change --repo r --new-password-file pw2 </dev/null 2>&1); rc=$?
[ $rc -eq 2 ] || fail "key change without the current password (exit $rc: $msg)"
"$C" repo check --repo r --password-file pw1 --no-keychain >/dev/null || fail "the password changed without the current one"
msg=$("$C" repo key change --repo r --password-file bad --new-password-file pw2 </dev/null 2>&1); rc=$?
[ $rc -eq 4 ] || fail "key change with a wrong current password (exit $rc: $msg)"
echo "$msg" | grep -q "The current password is wrong, so the password was not changed." || fail "wrong current password: $msg"
# A password change keeps the keychain entry valid (the master key does not change).
out=$("$C" repo key change --repo r --password-file pw1 --new-password-file pw2 </dev/null) || fail "key change: $out"
echo "$out" | grep -q "kept in the system keychain" || fail "key change does not say where the key is: $out"
"$C" repo check --repo r </dev/null >/dev/null || fail "keychain after key change"
"$C" repo check --repo r --password-file pw2 --no-keychain >/dev/null || fail "new password"
echo "repo_cli_keychain: ok"
