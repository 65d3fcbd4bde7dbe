#!/bin/bash
# Test WebDAV remote (a TEST FIXTURE standing in for another Nextcloud, see webdav/server.js) on
# 127.0.0.1:$NCB_WEBDAV_PORT (default base+80). Storage, config (users and passwords), log and pid
# file live in $NCB_RUN_DIR/webdav. Installs its node modules with `npm ci` the first time.
# usage: tests/env/webdav.sh start|stop|status
set -euo pipefail
source "$(dirname "$0")/lib.sh"
dir=$NCB_RUN_DIR/webdav
pidfile=$dir/server.pid
app=$(cd "$(dirname "$0")" && pwd)/webdav
user=ncbtest

start() {
  if pid_alive "$pidfile"; then log "webdav already running"; return 0; fi
  port_free "$NCB_WEBDAV_PORT" || die "port $NCB_WEBDAV_PORT (webdav) is already in use; set NCB_PORT_BASE or NCB_WEBDAV_PORT"
  command -v node >/dev/null || die "node is missing (scripts/setup-deps --test installs it)"
  if [ ! -d "$app/node_modules/webdav-server" ]; then
    (cd "$app" && npm ci --no-audit --no-fund --loglevel=error >&2) || die "npm ci failed in $app"
  fi
  # Every start begins empty: the server keeps file ids, app passwords and instances in memory only.
  rm -rf "$dir/storage"
  mkdir -p "$dir/storage"; chmod 700 "$dir"
  local pw; pw=$(random_secret 16)
  (umask 077; printf '{"storage": "%s", "users": {"%s": "%s"}}\n' "$dir/storage" "$user" "$pw" >"$dir/config.json")
  NCB_WEBDAV_PORT=$NCB_WEBDAV_PORT NCB_WEBDAV_CONFIG=$dir/config.json \
    nohup node "$app/server.js" </dev/null >"$dir/server.log" 2>&1 &
  echo $! >"$pidfile"
  wait_for 15 curl -fsS -o /dev/null "http://127.0.0.1:$NCB_WEBDAV_PORT/status.php" \
    || { cat "$dir/server.log" >&2; die "the WebDAV server did not answer on $NCB_WEBDAV_PORT (see $dir/server.log)"; }
  write_env "$NCB_RUN_DIR/webdav.env" <<ENV
export NCB_WEBDAV_URL=http://127.0.0.1:$NCB_WEBDAV_PORT
export NCB_WEBDAV_USER=$user
export NCB_WEBDAV_PASSWORD=$pw
export NCB_WEBDAV_CONTROL_URL=http://127.0.0.1:$NCB_WEBDAV_PORT/__test__
ENV
  log "webdav (Nextcloud stand-in) listening on 127.0.0.1:$NCB_WEBDAV_PORT"
}

stop() { stop_pidfile "$pidfile" webdav; }

status() { pid_alive "$pidfile" && echo "webdav: running (127.0.0.1:$NCB_WEBDAV_PORT)" || { echo "webdav: stopped"; return 1; }; }

case "${1:-}" in
  start) start ;; stop) stop ;; status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
