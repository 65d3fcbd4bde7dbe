#!/bin/bash
# The test sshd: key login as ncbtest works, password login is refused, the host key matches the
# known_hosts file and fingerprint, a different known host key is refused, sudo to www-data works,
# and the tools a Nextcloud host backup runs are there.
source "$(dirname "$0")/common.sh"
need NCB_SSH_HOST NCB_SSH_PORT NCB_SSH_USER NCB_SSH_KEY NCB_SSH_KNOWN_HOSTS NCB_SSH_HOST_KEY_FP NCB_SSH_HOST_KEY_OTHER
opts=(-p "$NCB_SSH_PORT" -o BatchMode=yes -o ConnectTimeout=10 -o StrictHostKeyChecking=yes -o LogLevel=ERROR)
sshk() { ssh "${opts[@]}" -o UserKnownHostsFile="$NCB_SSH_KNOWN_HOSTS" -o IdentitiesOnly=yes -i "$NCB_SSH_KEY" "$NCB_SSH_USER@$NCB_SSH_HOST" "$@"; }

[ "$(stat -c %a "$NCB_SSH_KEY")" = 600 ] || fail "client key $NCB_SSH_KEY is not mode 600"
who=$(sshk id -un) || fail "key login as $NCB_SSH_USER failed"
[ "$who" = "$NCB_SSH_USER" ] || fail "id -un over ssh said '$who', expected $NCB_SSH_USER"

out=$(ssh "${opts[@]}" -o UserKnownHostsFile="$NCB_SSH_KNOWN_HOSTS" -o PubkeyAuthentication=no \
  -o PreferredAuthentications=password,keyboard-interactive "$NCB_SSH_USER@$NCB_SSH_HOST" true 2>&1) \
  && fail "password login succeeded; it must be refused"
echo "$out" | grep -q "Permission denied" || fail "password login: expected 'Permission denied', got: $out"

grep -q "^\[127.0.0.1\]:$NCB_SSH_PORT ssh-ed25519 " "$NCB_SSH_KNOWN_HOSTS" || fail "known_hosts lacks the [127.0.0.1]:$NCB_SSH_PORT ed25519 line"
fp=$(ssh-keyscan -p "$NCB_SSH_PORT" -t ed25519 "$NCB_SSH_HOST" 2>/dev/null | ssh-keygen -lf - | awk '{print $2}')
[ "$fp" = "$NCB_SSH_HOST_KEY_FP" ] || fail "the server's host key fingerprint is '$fp', env says '$NCB_SSH_HOST_KEY_FP'"
out=$(ssh "${opts[@]}" -o UserKnownHostsFile="$NCB_SSH_HOST_KEY_OTHER" -o IdentitiesOnly=yes -i "$NCB_SSH_KEY" \
  "$NCB_SSH_USER@$NCB_SSH_HOST" true 2>&1) && fail "login succeeded with a different known host key"
echo "$out" | grep -qi "host key" || fail "a changed host key should be reported, got: $out"

w=$(sshk sudo -n -u www-data id -un) || fail "sudo -n -u www-data failed for $NCB_SSH_USER"
[ "$w" = www-data ] || fail "sudo -u www-data ran as '$w'"
for t in php tar find sqlite3 mariadb-dump pg_dump; do
  sshk command -v "$t" >/dev/null || fail "$NCB_SSH_USER cannot run $t over ssh"
done
echo "smoke_ssh: ok"
