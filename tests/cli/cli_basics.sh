#!/bin/bash
# Both programs answer --version and --help; an unknown command is one clear sentence and exit 2.
set -u
fail() { echo "FAIL: $*"; exit 1; }
"$NCB_CLI" --version | grep -Eq '^ncbackup-cli [0-9]+\.[0-9]+\.[0-9]+$' || fail "cli --version"
"$NCB_CLI" --help | grep -q 'Usage: ncbackup-cli COMMAND' || fail "cli --help"
QT_QPA_PLATFORM=offscreen "$NCB_GUI" --version | grep -Eq '^ncbackup [0-9]+\.[0-9]+\.[0-9]+$' || fail "gui --version"
QT_QPA_PLATFORM=offscreen "$NCB_GUI" --help | grep -q 'Restoring Points' || fail "gui --help"
msg=$("$NCB_CLI" frobnicate 2>&1 >/dev/null); rc=$?
[ $rc -eq 2 ] || fail "unknown command exit $rc"
[ "$(printf '%s\n' "$msg" | wc -l)" -eq 1 ] || fail "unknown command should print one line, got: $msg"
echo "$msg" | grep -q "unknown command 'frobnicate'" || fail "message: $msg"
echo "cli_basics: ok"
