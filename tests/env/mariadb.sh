#!/bin/bash
# Test MariaDB: a private mariadbd on 127.0.0.1:$NCB_MARIADB_PORT (default base+6) with its data, socket
# and pid file in $NCB_RUN_DIR/mariadb. Creates an admin user (password auth over TCP, may create
# databases and users) with a fresh random password that only env.sh holds.
# usage: tests/env/mariadb.sh start|stop|status      (runs as root; the server runs --user=root)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
dir=$NCB_RUN_DIR/mariadb
data=$dir/data
sock=$dir/mysqld.sock
pidfile=$dir/mariadbd.pid
admin=ncbadmin

client() { mariadb --no-defaults --protocol=socket --socket="$sock" -uroot "$@"; }

start() {
  if pid_alive "$pidfile"; then log "mariadb already running"; return 0; fi
  port_free "$NCB_MARIADB_PORT" || die "port $NCB_MARIADB_PORT (mariadb) is already in use; set NCB_PORT_BASE or NCB_MARIADB_PORT"
  mkdir -p "$dir/tmp"; chmod 755 "$dir"
  if [ ! -d "$data/mysql" ]; then
    mariadb-install-db --no-defaults --user=root --datadir="$data" --auth-root-authentication-method=socket \
      --skip-test-db --skip-name-resolve >"$dir/install.log" 2>&1 \
      || die "mariadb-install-db failed (see $dir/install.log)"
  fi
  # Small buffers and no doublewrite/sync: a throwaway server that starts in about a second.
  nohup mariadbd --no-defaults --user=root --datadir="$data" --socket="$sock" --port="$NCB_MARIADB_PORT" \
    --bind-address=127.0.0.1 --skip-networking=0 --pid-file="$pidfile" --log-error="$dir/error.log" \
    --tmpdir="$dir/tmp" --skip-name-resolve --innodb-buffer-pool-size=16M --innodb-log-file-size=8M \
    --innodb-doublewrite=0 --innodb-flush-log-at-trx-commit=2 --performance-schema=0 \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci --max-connections=200 \
    </dev/null >/dev/null 2>&1 &
  local pid=$!
  echo "$pid" >"$pidfile.launch"
  local deadline=$((SECONDS + 30))
  until client -e 'SELECT 1' >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || die "mariadbd exited during start (see $dir/error.log)"
    [ $SECONDS -lt $deadline ] || die "mariadbd did not answer within 30 s (see $dir/error.log)"
    sleep 0.1
  done
  wait_for 5 port_listening "$NCB_MARIADB_PORT" || die "mariadbd does not listen on $NCB_MARIADB_PORT (see $dir/error.log)"
  rm -f "$pidfile.launch"

  local pw; pw=$(random_secret 16)
  # The password travels on stdin, never in a process argument.
  client <<SQL || die "could not create the MariaDB admin user"
CREATE USER IF NOT EXISTS '$admin'@'127.0.0.1' IDENTIFIED BY '$pw';
CREATE USER IF NOT EXISTS '$admin'@'localhost' IDENTIFIED BY '$pw';
ALTER USER '$admin'@'127.0.0.1' IDENTIFIED BY '$pw';
ALTER USER '$admin'@'localhost' IDENTIFIED BY '$pw';
GRANT ALL PRIVILEGES ON *.* TO '$admin'@'127.0.0.1' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO '$admin'@'localhost' WITH GRANT OPTION;
FLUSH PRIVILEGES;
SQL
  write_env "$NCB_RUN_DIR/mariadb.env" <<ENV
export NCB_MARIADB_HOST=127.0.0.1
export NCB_MARIADB_PORT=$NCB_MARIADB_PORT
export NCB_MARIADB_SOCKET=$sock
export NCB_MARIADB_ADMIN_USER=$admin
export NCB_MARIADB_ADMIN_PASSWORD=$pw
ENV
  log "mariadb listening on 127.0.0.1:$NCB_MARIADB_PORT"
}

stop() {
  # A start that failed half-way leaves only the launcher's pid.
  [ -s "$pidfile" ] || { [ -s "$pidfile.launch" ] && mv "$pidfile.launch" "$pidfile"; } || true
  stop_pidfile "$pidfile" mariadbd
  rm -f "$pidfile.launch"
}

status() { pid_alive "$pidfile" && echo "mariadb: running (127.0.0.1:$NCB_MARIADB_PORT)" || { echo "mariadb: stopped"; return 1; }; }

case "${1:-}" in
  start) start ;; stop) stop ;; status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
