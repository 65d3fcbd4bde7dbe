# shellcheck shell=bash
# Shared helpers for the test service scripts in tests/env/ (sourced, not run).
# Every service lives under $NCB_RUN_DIR and listens on 127.0.0.1 only; ports derive from
# NCB_PORT_BASE (default 24000) and each one can be overridden on its own.

: "${NCB_RUN_DIR:?NCB_RUN_DIR must name the temporary folder the test services live in (scripts/test creates it)}"
[ -d "$NCB_RUN_DIR" ] || { echo "tests/env: NCB_RUN_DIR '$NCB_RUN_DIR' is not a folder" >&2; exit 1; }
NCB_RUN_DIR=$(cd "$NCB_RUN_DIR" && pwd)
export NCB_RUN_DIR

NCB_PORT_BASE=${NCB_PORT_BASE:-24000}
NCB_SSH_PORT=${NCB_SSH_PORT:-$((NCB_PORT_BASE + 22))}
NCB_MARIADB_PORT=${NCB_MARIADB_PORT:-$((NCB_PORT_BASE + 6))}
NCB_PG_PORT=${NCB_PG_PORT:-$((NCB_PORT_BASE + 32))}
NCB_WEBDAV_PORT=${NCB_WEBDAV_PORT:-$((NCB_PORT_BASE + 80))}
# shellcheck disable=SC2034  # used by the scripts that source this file
PG_BIN=/usr/lib/postgresql/15/bin

# shellcheck disable=SC2034
env_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

log() { echo "tests/env: $*" >&2; }
die() { echo "tests/env: $*" >&2; exit 1; }

# A random secret of hex digits (no quoting trouble in SQL, URLs or shell); $1 bytes of entropy.
# (No `tr </dev/urandom | head`: its SIGPIPE would fail the pipeline under pipefail.)
random_secret() { od -An -tx1 -N"${1:-16}" /dev/urandom | tr -d ' \n'; }

# port_free PORT: true when nothing listens on 127.0.0.1:PORT.
port_free() { ! port_listening "$1"; }

# wait_for SECONDS CMD...: runs CMD every 0.1 s until it succeeds; false on time-out.
wait_for() {
  local deadline=$((SECONDS + $1)); shift
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -ge $deadline ] && return 1
    sleep 0.1
  done
}

# pid_alive PIDFILE: true when the file names a running process.
pid_alive() { [ -s "$1" ] && kill -0 "$(head -n1 "$1")" 2>/dev/null; }

# stop_pidfile PIDFILE NAME: TERM, wait up to 10 s, then KILL; removes the pid file.
stop_pidfile() {
  local f=$1 name=$2 pid
  [ -s "$f" ] || return 0
  pid=$(head -n1 "$f")
  if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    if ! wait_for 10 bash -c "! kill -0 $pid"; then
      log "$name (pid $pid) did not stop on TERM; killing it"
      kill -9 "$pid" 2>/dev/null || true
      wait_for 5 bash -c "! kill -0 $pid" || true
    fi
  fi
  rm -f "$f"
}

# write_env FILE: the lines on stdin become FILE (mode 600), the service's part of env.sh.
write_env() { umask 077; cat >"$1"; }

# port_listening PORT: true when something accepts connections on 127.0.0.1:PORT.
port_listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
