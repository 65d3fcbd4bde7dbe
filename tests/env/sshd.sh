#!/bin/bash
# Test sshd: a private OpenSSH server on 127.0.0.1:$NCB_SSH_PORT (default base+22), key login only,
# for the user ncbtest. Config, host keys, client key and pid file live in $NCB_RUN_DIR/sshd.
# usage: tests/env/sshd.sh start|stop|status      (must run as root: sshd and useradd need it)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
dir=$NCB_RUN_DIR/sshd
user=ncbtest
pidfile=$dir/sshd.pid

start() {
  [ "$(id -u)" -eq 0 ] || die "sshd.sh must run as root (it starts sshd and creates the user $user)"
  if pid_alive "$pidfile"; then log "sshd already running"; return 0; fi
  port_free "$NCB_SSH_PORT" || die "port $NCB_SSH_PORT (ssh) is already in use; set NCB_PORT_BASE or NCB_SSH_PORT"
  mkdir -p "$dir" /run/sshd
  chmod 755 "$dir"; chmod 755 /run/sshd
  for k in host_ed25519_key other_host_ed25519_key client_ed25519; do
    [ -f "$dir/$k" ] || ssh-keygen -q -t ed25519 -N '' -C "ncbackup-test-$k" -f "$dir/$k"
    chmod 600 "$dir/$k"
  done

  if ! id -u "$user" >/dev/null 2>&1; then
    useradd -m -s /bin/bash "$user"
  fi
  usermod -p '*' "$user"   # no password, but not locked: key login works, password login cannot
  home=$(getent passwd "$user" | cut -d: -f6)
  chown "$user:" "$home"; chmod 755 "$home"

  # The keys the test user accepts live in the run dir (the home stays untouched). The run dir sits
  # under the world-writable /tmp, which StrictModes would refuse, so it is off for this sshd only.
  mkdir -p "$dir/authorized_keys"
  cp "$dir/client_ed25519.pub" "$dir/authorized_keys/$user"
  chmod 755 "$dir/authorized_keys"; chmod 644 "$dir/authorized_keys/$user"

  # The fixture variant owned by www-data is reached with `sudo -n -u www-data`.
  local sudoers=/etc/sudoers.d/ncbackup-test tmp
  tmp=$(mktemp)
  echo "$user ALL=(www-data) NOPASSWD: ALL" >"$tmp"
  visudo -cqf "$tmp" || { rm -f "$tmp"; die "the sudoers rule for $user does not validate"; }
  install -m 440 -o root -g root "$tmp" "$sudoers"; rm -f "$tmp"
  visudo -cq || die "sudoers no longer validates after adding $sudoers"

  # TEST FIXTURE: the hostile-host wrappers (find, tar, php) stand first on the test user's PATH. They run
  # the real tools unchanged unless a test's control file asks for a trick (tests/env/fixture/hostile/).
  rm -rf "$dir/hostile-bin"; cp -r "$(cd "$(dirname "$0")" && pwd)/fixture/hostile" "$dir/hostile-bin"
  chmod 755 "$dir/hostile-bin"

  cat >"$dir/sshd_config" <<CFG
# Test-only sshd for ncbackup's tests (tests/env/sshd.sh). Loopback, key auth only.
Port $NCB_SSH_PORT
ListenAddress 127.0.0.1
HostKey $dir/host_ed25519_key
PidFile $pidfile
AuthorizedKeysFile $dir/authorized_keys/%u
StrictModes no
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin no
PermitEmptyPasswords no
AllowUsers $user
UsePAM no
Ciphers chacha20-poly1305@openssh.com,aes128-gcm@openssh.com,aes256-gcm@openssh.com,aes128-ctr,aes256-ctr
MaxSessions 20
MaxStartups 50:30:100
LogLevel VERBOSE
Subsystem sftp internal-sftp
SetEnv PATH=$dir/hostile-bin:/usr/local/bin:/usr/bin:/bin
CFG
  /usr/sbin/sshd -t -f "$dir/sshd_config" || die "the test sshd_config does not validate"
  /usr/sbin/sshd -f "$dir/sshd_config" -E "$dir/sshd.log"
  wait_for 10 port_listening "$NCB_SSH_PORT" || die "sshd did not start listening on $NCB_SSH_PORT (see $dir/sshd.log)"

  local hostkey other
  hostkey=$(cut -d' ' -f1,2 "$dir/host_ed25519_key.pub")
  other=$(cut -d' ' -f1,2 "$dir/other_host_ed25519_key.pub")
  echo "[127.0.0.1]:$NCB_SSH_PORT $hostkey" >"$dir/known_hosts"
  echo "[127.0.0.1]:$NCB_SSH_PORT $other" >"$dir/known_hosts_other"
  write_env "$NCB_RUN_DIR/sshd.env" <<ENV
export NCB_SSH_HOST=127.0.0.1
export NCB_SSH_PORT=$NCB_SSH_PORT
export NCB_SSH_USER=$user
export NCB_SSH_KEY=$dir/client_ed25519
export NCB_SSH_KNOWN_HOSTS=$dir/known_hosts
export NCB_SSH_HOST_KEY_FP=$(ssh-keygen -lf "$dir/host_ed25519_key.pub" | awk '{print $2}')
export NCB_SSH_HOST_KEY_OTHER=$dir/known_hosts_other
ENV
  log "sshd listening on 127.0.0.1:$NCB_SSH_PORT"
}

stop() {
  stop_pidfile "$pidfile" sshd
}

status() { pid_alive "$pidfile" && echo "sshd: running (127.0.0.1:$NCB_SSH_PORT)" || { echo "sshd: stopped"; return 1; }; }

case "${1:-}" in
  start) start ;; stop) stop ;; status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
