#!/bin/bash
# Runs CMD with an unlocked gnome-keyring (Secret Service) on the current session bus, so QtKeychain
# talks to a real keyring. Meant to run inside a private bus:
#   dbus-run-session -- tests/env/with-keyring.sh CMD [ARGS...]
# The keyring's files live in $NCB_RUN_DIR/keyring (XDG_DATA_HOME and XDG_RUNTIME_DIR point there),
# so the user's own keyring is never touched. The daemon is stopped when CMD ends; CMD's exit code
# is returned.
set -euo pipefail
: "${NCB_RUN_DIR:?NCB_RUN_DIR must name the test run folder (tests/env/services.sh start writes it)}"
[ $# -gt 0 ] || { echo "usage: dbus-run-session -- $0 CMD [ARGS...]" >&2; exit 2; }
[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || { echo "with-keyring.sh: no session bus; run it under dbus-run-session" >&2; exit 1; }

kr=$NCB_RUN_DIR/keyring
mkdir -p "$kr/data" "$kr/runtime"
chmod 700 "$kr" "$kr/data" "$kr/runtime"
export XDG_DATA_HOME=$kr/data XDG_RUNTIME_DIR=$kr/runtime

# A fresh login keyring each run: it is created by --unlock with a random password that goes in
# on stdin (never an argument) and that nobody needs later.
rm -rf "$kr/data/keyrings"
# The keyring password is random and goes in on stdin (never an argument); nobody needs it later.
pw=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
out=$kr/daemon.out
gnome-keyring-daemon --foreground --unlock --components=secrets <<<"$pw" >"$out" 2>"$kr/daemon.log" &
daemon=$!
echo "$daemon" >"$kr/daemon.pid"
stop_daemon() {
  kill "$daemon" 2>/dev/null || true
  wait "$daemon" 2>/dev/null || true
  rm -f "$kr/daemon.pid"
}
trap stop_daemon EXIT
trap 'exit 130' INT TERM HUP   # so the EXIT trap stops the daemon on a signal too

# Ready once it owns the Secret Service name on the bus. Whatever environment it prints
# (GNOME_KEYRING_CONTROL=..., depending on the version) is exported for CMD.
ready=0
for _ in $(seq 100); do
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
       org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; then
    ready=1; break
  fi
  kill -0 "$daemon" 2>/dev/null || break
  sleep 0.1
done
if [ $ready -ne 1 ]; then
  cat "$kr/daemon.log" >&2
  echo "with-keyring.sh: gnome-keyring-daemon did not take the Secret Service name on the session bus" >&2
  exit 1
fi
while IFS='=' read -r name value; do
  [[ $name =~ ^[A-Z_]+$ ]] && export "$name=$value"
done <"$out"
[ -S "$XDG_RUNTIME_DIR/keyring/control" ] && export GNOME_KEYRING_CONTROL=$XDG_RUNTIME_DIR/keyring

rc=0
"$@" || rc=$?
exit $rc
