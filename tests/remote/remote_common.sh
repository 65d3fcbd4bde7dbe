#!/bin/bash
# Shared by the remote_*.sh tests: a sqlite fixture instance "nc" with two RPs (backup_common.sh), and a
# private instance of the WebDAV test fixture (the stand-in for another Nextcloud) with an app password
# made by Login Flow v2. The app password lives in a 0600 file and reaches the CLI only through it.
source "$NCB_SOURCE_DIR/tests/backup/backup_common.sh"
for v in NCB_WEBDAV_URL NCB_WEBDAV_USER NCB_WEBDAV_CONTROL_URL; do
  [ -n "${!v:-}" ] || fail "$v is not set: start the services (tests/env/services.sh) or run scripts/test"
done
U=$NCB_WEBDAV_USER
ctl() { curl -fsS -X POST -H 'Content-Type: application/json' -d "$2" "$NCB_WEBDAV_CONTROL_URL$1"; }
rcli() { "$NCB_CLI" "$@"; }

# make_remote_server: $dav_inst, $base (the fixture instance's URL), $w/app.pw (an app password).
make_remote_server() {
  dav_inst=remote-$$
  base=$(ctl /instances "{\"name\":\"$dav_inst\"}" | jget url) || fail "could not create a WebDAV test instance"
  local flow token endpoint login
  flow=$(curl -fsS -X POST "$base/index.php/login/v2") || fail "login/v2"
  token=$(echo "$flow" | jget poll.token); endpoint=$(echo "$flow" | jget poll.endpoint); login=$(echo "$flow" | jget login)
  ctl /login-flow/approve "{\"instance\":\"$dav_inst\",\"user\":\"$U\",\"login\":\"$login\"}" >/dev/null || fail "approve login"
  ( umask 077; curl -fsS -X POST --data-urlencode "token=$token" "$endpoint" | jget appPassword > "$w/app.pw" ) || fail "poll login"
  [ "$(wc -c < "$w/app.pw")" -ge 72 ] || fail "no app password from Login Flow v2"
}

cleanup_remote() {
  [ -n "${dav_inst:-}" ] && curl -s -o /dev/null -X DELETE "$NCB_WEBDAV_CONTROL_URL/instances/$dav_inst"
  cleanup_instance
}

# two_rps: a full RP and an incremental one after a day of changes; $rp1 $rp2; $w/ref-data at RP2.
two_rps() {
  out=$(cli backup nc --full --json --quiet) || fail "full backup: $out"
  rp1=$(echo "$out" | jget id)
  runuser -u "$occ_owner" -- python3 "$fx/make-tree.py" mutate "$data" 1 > "$w/mutate.log" || fail "mutate"
  out=$(cli backup nc --incremental --json --quiet) || fail "incremental backup: $out"
  rp2=$(echo "$out" | jget id)
  cp -a "$data" "$w/ref-data"
}
