#!/bin/bash
# Restoring Points of a Nextcloud instance with many small files (issue 4, large instances). A real
# instance keeps most of its file count in appdata_<id>/preview (one folder of thumbnails per file);
# this wraps the TEST FIXTURE instance (tests/env/fixture/make-nextcloud.sh, SQLite, size small) around
# N extra preview files of 200 B - 3 KB in 4,096 folders, reached over the real test sshd on loopback
# (tests/env/services.sh), and measures in one run:
#   - a full RP, a no-change incremental RP, and an incremental RP after 1 % of the previews changed:
#     wall time, client CPU, peak RSS, the phases (scan, files pass, maintenance window, delta pass,
#     manifest);
#   - restic's full and incremental backup of the same tree run locally, for reference.
# Run as root (it hands the fixture to the ssh user).
#
# usage: bench/many-files-rp.sh [N]       N extra files (default 400000)
#   NCB_CLI              ncbackup-cli to run (default: build/app/ncbackup-cli)
#   NCB_BENCH_KEEP=1     keep the work dir
#   NCB_SSH_HOST/PORT/USER/KEY/KNOWN_HOSTS   from $NCB_RUN_DIR/env.sh (tests/env/services.sh start)
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
fx=$src/tests/env/fixture
die() { echo "many-files-rp.sh: $*" >&2; exit 2; }

[ "$(id -u)" -eq 0 ] || die "run it as root (it hands the fixture to the ssh user)."
for v in NCB_SSH_HOST NCB_SSH_PORT NCB_SSH_USER NCB_SSH_KEY NCB_SSH_KNOWN_HOSTS; do
  [ -n "${!v:-}" ] || die "$v is not set: start the services (tests/env/services.sh start) and source \$NCB_RUN_DIR/env.sh."
done
for t in restic python3 php; do command -v $t >/dev/null || die "$t is missing."; done
[ -x /usr/bin/time ] || die "GNU time is missing (apt-get install time)."
ncb=${NCB_CLI:-$src/build/app/ncbackup-cli}
[ -x "$ncb" ] || die "ncbackup-cli not found at $ncb: build it or set NCB_CLI."
n=${1:-400000}
[[ $n =~ ^[0-9]+$ ]] && [ "$n" -ge 4096 ] || die "N must be a number >= 4096."
u=$NCB_SSH_USER

w=$(mktemp -d /tmp/ncb-manyrp.XXXXXX)
chmod 755 "$w"
cleanup() { [ "${NCB_BENCH_KEEP:-0}" = 1 ] && echo "work dir kept: $w" >&2 || rm -rf "$w"; }
trap cleanup EXIT
mkdir -p "$w/nc" && chown "$u" "$w/nc"
export NCBACKUP_CONFIG_DIR=$w/cfg NCBACKUP_DATA_DIR=$w/share NCBACKUP_CACHE_DIR=$w/cache
export NCBACKUP_PASSWORD_FILE=$w/pw RESTIC_PASSWORD_FILE=$w/pw RESTIC_CACHE_DIR=$w/restic-cache
( umask 077; head -c 24 /dev/urandom | base64 > "$w/pw" )
log() { echo "== $*" >&2; }

log "fixture instance (small) + $n preview files"
"$fx/make-nextcloud.sh" --root "$w/nc/root" --data "$w/nc/data" --db sqlite --size small --owner "$u" >/dev/null
previews=$(echo "$w"/nc/data/appdata_*)/preview
python3 - "$previews" "$n" <<'EOF'
import os, random, sys
base, n = sys.argv[1], int(sys.argv[2])
rnd = random.Random("ncbackup many-files bench")
for i in range(n):
    d = os.path.join(base, "%x/%x/%x" % (i % 16, i // 16 % 16, i // 256 % 16))
    if i < 4096:
        os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "%d-256-256.png" % i), "wb") as f:
        f.write(rnd.randbytes(200 + (i * 37) % 3000))
EOF
chown -R "$u" "$w/nc/data"
read -r nfiles nbytes < <(find "$w/nc" -type f -printf '%s\n' | awk '{n++; b+=$1} END {print n, b}')
"$ncb" instance add big --ssh "$u@$NCB_SSH_HOST:$NCB_SSH_PORT" --root "$w/nc/root" --identity "$NCB_SSH_KEY" \
  --known-hosts "$NCB_SSH_KNOWN_HOSTS" --repo "$w/repo" --password-file "$w/pw" --no-keychain >/dev/null \
  || die "instance add failed."
restic init --repo "$w/restic" >/dev/null
tar cf - -C "$w/nc" . | cat >/dev/null # warm cache

res=$w/results.tsv; : > "$res"
measure() { # NAME CMD...: "NAME wall cpu rssKB" into $res, stdout to $w/NAME.out
  local name=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$w/$name.time" "$@" >"$w/$name.out" 2>"$w/$name.err" \
    || { cat "$w/$name.err" >&2; die "$name failed: $*"; }
  read -r e us sy rss < "$w/$name.time"
  echo "$name $e $(awk -v a="$us" -v b="$sy" 'BEGIN {print a + b}') $rss" >> "$res"
}
log "full RP"; measure full "$ncb" backup big --full --json --quiet --no-keychain
log "restic full (local)"; measure restic_full restic --repo "$w/restic" backup --quiet "$w/nc"
log "no-change incremental RP"; measure nochange "$ncb" backup big --incremental --json --quiet --no-keychain
log "changing 1 % of the previews"
runuser -u "$u" -- python3 - "$previews" "$n" <<'EOF'
import os, sys
base, n = sys.argv[1], int(sys.argv[2])
for i in range(0, n, 100):
    with open(os.path.join(base, "%x/%x/%x" % (i % 16, i // 16 % 16, i // 256 % 16), "%d-256-256.png" % i), "ab") as f:
        f.write(b"changed")
EOF
log "incremental RP after the change"; measure changed "$ncb" backup big --incremental --json --quiet --no-keychain
log "restic incremental (local)"; measure restic_inc restic --repo "$w/restic" backup --quiet "$w/nc"

python3 - "$w" "$res" "$nfiles" "$nbytes" <<'EOF' | tee "$w/results.md"
import json, sys
w, resf, nfiles, nbytes = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
T = {l.split()[0]: l.split()[1:] for l in open(resf)}
print(f"Instance: {nfiles} files, {nbytes / 1048576:.0f} MiB (server root + data, SQLite), over SSH on loopback.\n")
print("| run | wall s | CPU s | peak RSS MiB | scan | files pass | maint. window | delta pass | manifest | files read |")
print("|---|---|---|---|---|---|---|---|---|---|")
for k, label in [("full", "full RP"), ("nochange", "incremental RP, nothing changed"), ("changed", "incremental RP, 1 % changed")]:
    j = json.load(open(f"{w}/{k}.out")); ph = j["phases"]; e, c, rss = T[k]
    print(f"| {label} | {float(e):.1f} | {float(c):.1f} | {int(rss) / 1024:.0f} | {ph['scan']:.2f} | {ph['files']:.2f} | "
          f"{ph['maintenanceWindow']:.2f} | {ph['delta']:.2f} | {ph['manifest']:.2f} | {j['filesReadPass1']} / {j['filesReadDelta']} |")
for k, label in [("restic_full", "restic backup, local, first run"), ("restic_inc", "restic backup, local, 1 % changed")]:
    e, c, rss = T[k]
    print(f"| {label} | {float(e):.1f} | {float(c):.1f} | {int(rss) / 1024:.0f} | | | | | | |")
EOF
