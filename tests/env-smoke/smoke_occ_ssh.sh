#!/bin/bash
# The Nextcloud fixture host as ncbackup will meet it: a www-data-owned server root reached over the
# real sshd as ncbtest through `sudo -n -u www-data`; `occ status --output=json` answers with exactly
# the fields and values of a real Nextcloud 32.0.1 (facts file), and refuses to run as ncbtest itself.
source "$(dirname "$0")/common.sh"
need NCB_RUN_DIR NCB_SSH_HOST NCB_SSH_PORT NCB_SSH_USER NCB_SSH_KEY NCB_SSH_KNOWN_HOSTS
base=$(mktemp -d "$NCB_RUN_DIR/occ-ssh.XXXXXX"); chmod 755 "$base"
trap 'rm -rf "$base"' EXIT
"$NCB_SOURCE_DIR/tests/env/fixture/make-nextcloud.sh" --root "$base/root" --data "$base/data" \
  --db sqlite --size tiny --owner www-data >/dev/null || fail "make-nextcloud.sh failed"
sshk() { ssh -p "$NCB_SSH_PORT" -o BatchMode=yes -o StrictHostKeyChecking=yes -o LogLevel=ERROR \
  -o UserKnownHostsFile="$NCB_SSH_KNOWN_HOSTS" -o IdentitiesOnly=yes -i "$NCB_SSH_KEY" "$NCB_SSH_USER@$NCB_SSH_HOST" "$@"; }

json=$(sshk "cd '$base/root' && sudo -n -u www-data php occ status --output=json") || fail "occ status over ssh failed"
python3 - "$json" <<'PY' || fail "occ status JSON differs from Nextcloud 32.0.1's: $json"
import json, sys
got = json.loads(sys.argv[1])
want = {"installed": True, "version": "32.0.1.2", "versionstring": "32.0.1", "edition": "",
        "maintenance": False, "needsDbUpgrade": False, "productname": "Nextcloud", "extendedSupport": False}
assert list(got.keys()) == list(want.keys()), got.keys()
assert got == want, got
PY
out=$(sshk "cd '$base/root' && php occ status" 2>&1) && fail "occ ran as $NCB_SSH_USER, who does not own config.php"
echo "$out" | grep -q "Console has to be executed with the user that owns the file config/config.php" \
  || fail "occ as the wrong user: unexpected message: $out"
echo "smoke_occ_ssh: ok"
