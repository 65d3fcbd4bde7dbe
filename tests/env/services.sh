#!/bin/bash
# Starts, stops or shows every real service the tests use: sshd, MariaDB, PostgreSQL and the WebDAV
# test fixture, each on 127.0.0.1 with its data in $NCB_RUN_DIR (see tests/env/README.md).
# `start` writes $NCB_RUN_DIR/env.sh (ports, users, secrets) for the tests to source; `stop` ends
# whatever was started, also after a failed start. The keyring runs per ctest call (with-keyring.sh).
# usage: NCB_RUN_DIR=<dir> tests/env/services.sh start|stop|status
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
services=(sshd mariadb postgres webdav)

start() {
  local pids=() names=() failed=() i
  rm -f "$NCB_RUN_DIR/env.sh"
  # In parallel: each one takes a second or less, the first npm ci a few more.
  for s in "${services[@]}"; do
    "$here/$s.sh" start >"$NCB_RUN_DIR/$s.start.log" 2>&1 &
    pids+=($!); names+=("$s")
  done
  for i in "${!pids[@]}"; do
    if ! wait "${pids[$i]}"; then failed+=("${names[$i]}"); fi
    cat "$NCB_RUN_DIR/${names[$i]}.start.log" >&2
  done
  if [ ${#failed[@]} -gt 0 ]; then
    echo "tests/env: could not start: ${failed[*]} (logs in $NCB_RUN_DIR); stopping the others" >&2
    stop
    exit 1
  fi
  {
    echo "# Written by tests/env/services.sh start; source it before running the tests."
    echo "export NCB_RUN_DIR=$NCB_RUN_DIR"
    echo "case \":\$PATH:\" in *:$PG_BIN:*) ;; *) export PATH=\$PATH:$PG_BIN ;; esac"
    for s in "${services[@]}"; do cat "$NCB_RUN_DIR/$s.env"; done
  } | write_env "$NCB_RUN_DIR/env.sh"
  log "all services up; source $NCB_RUN_DIR/env.sh"
}

stop() {
  local rc=0
  for s in "${services[@]}"; do "$here/$s.sh" stop || rc=1; done
  # A keyring daemon left behind by a with-keyring.sh that was killed hard.
  stop_pidfile "$NCB_RUN_DIR/keyring/daemon.pid" gnome-keyring-daemon
  rm -f "$NCB_RUN_DIR/env.sh" "$NCB_RUN_DIR"/*.env
  return $rc
}

status() {
  local rc=0
  for s in "${services[@]}"; do "$here/$s.sh" status || rc=1; done
  return $rc
}

case "${1:-}" in
  start) start ;; stop) stop ;; status) status ;;
  *) echo "usage: NCB_RUN_DIR=<dir> $0 start|stop|status" >&2; exit 2 ;;
esac
