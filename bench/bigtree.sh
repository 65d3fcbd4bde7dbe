#!/bin/bash
# bench/bigtree.sh [N] -- ncbackup on a tree of N tiny files (default 1,000,000): peak memory of a
# snapshot, and the time to list one folder of it. Targets (issue 3): peak RSS <= 300 MiB,
# `snapshot ls` of one folder <= 0.2 s. See bench/README.md.
#
# Environment:
#   NCB_CLI              ncbackup-cli to run (default: build/app/ncbackup-cli, then PATH)
#   NCB_BENCH_WORKDIR    where the tree and the repository go (default: a new dir in $TMPDIR);
#                        N = 1,000,000 needs about 4.5 GB and 1.1 million free inodes there
#   NCB_BENCH_KEEP=1     keep the work dir afterwards
#   NCB_BIGTREE_RESTIC=1 also run restic on the same tree, for reference
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
die() { echo "bigtree.sh: $*" >&2; exit 2; }
note() { echo "== $*" >&2; }

case "${1:-}" in -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
[ $# -le 1 ] || die "usage: bench/bigtree.sh [N]"
n=${1:-1000000}
[[ $n =~ ^[0-9]+$ ]] && [ "$n" -ge 1000 ] || die "N must be a number >= 1000."
per_dir=1000
folder=d0000 # the folder that is listed: it holds $per_dir files

[ -x /usr/bin/time ] || die "GNU time is missing: install the Debian package 'time' (/usr/bin/time)."
if [ -n "${NCB_CLI:-}" ]; then ncb=$NCB_CLI
elif [ -x "$top/build/app/ncbackup-cli" ]; then ncb=$top/build/app/ncbackup-cli
else ncb=$(command -v ncbackup-cli || true)
fi
[ -n "$ncb" ] && [ -x "$ncb" ] || die "ncbackup-cli not found: build it (scripts/build) or set NCB_CLI."
with_restic=${NCB_BIGTREE_RESTIC:-0}
[ "$with_restic" != 1 ] || command -v restic >/dev/null || die "NCB_BIGTREE_RESTIC=1 needs restic."

work=${NCB_BENCH_WORKDIR:-$(mktemp -d "${TMPDIR:-/tmp}/ncb-bigtree.XXXXXX")}
mkdir -p "$work"
work=$(cd "$work" && pwd)
[ "${NCB_BENCH_KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
log=$work/bigtree.log
: >"$log"
note "work dir $work (log: $log)"

# Room: one 4 KiB block and one inode per file, plus the repositories.
need_kb=$(( n * 9 / 2 + 200000 ))
free_kb=$(df -Pk "$work" | awk 'NR==2 {print $4}')
free_inodes=$(df -Pi "$work" | awk 'NR==2 {print $4}')
[ "$free_kb" -ge "$need_kb" ] || die "$work has $((free_kb / 1024)) MiB free; $n files need about $((need_kb / 1024)) MiB."
[[ ! $free_inodes =~ ^[0-9]+$ ]] || [ "$free_inodes" -eq 0 ] || [ "$free_inodes" -ge $((n + n / 10)) ] \
  || die "$work has $free_inodes free inodes; $n files need $((n + n / 10))."

pwfile=$work/password
printf 'bigtree-%s\n' "$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')" >"$pwfile"
chmod 600 "$pwfile"
export NCBACKUP_CONFIG_DIR=$work/ncb-config NCBACKUP_DATA_DIR=$work/ncb-data NCBACKUP_CACHE_DIR=$work/ncb-cache
repo=$work/repo-ncbackup
opt=(--repo "$repo" --password-file "$pwfile")
tree=$work/tree

# First the repository: a CLI that cannot do this should fail before a million files are written.
if ! msg=$("$ncb" repo init "${opt[@]}" 2>&1 </dev/null); then
  echo "$msg" >>"$log"
  die "ncbackup-cli could not create a repository: $(printf '%s\n' "$msg" | tail -n 1)"
fi

note "writing $n files"
t0=$(date +%s.%N)
python3 - "$tree" "$n" "$per_dir" <<'PY'
import os, sys
root, n, per = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
for d in range((n + per - 1) // per):
    dp = os.path.join(root, "d%04d" % d)
    os.makedirs(dp)
    for i in range(d * per, min(n, (d + 1) * per)):
        fd = os.open(os.path.join(dp, "f%07d.txt" % i), flags, 0o644)
        os.write(fd, b"file %d\n" % i)
        os.close(fd)
PY
note "tree written in $(python3 -c "import time; print(f'{time.time()-$t0:.0f}')") s"
tar -cf - -C "$tree" . 2>/dev/null | cat >/dev/null # warm cache

# run_timed OUT cmd... -> sets W (wall s), C (cpu s), M (peak RSS MiB); stdout to OUT
run_timed() {
  local out=$1; shift
  local rc=0
  /usr/bin/time -f '%e %U %S %M' -o "$work/time.out" "$@" >"$out" 2>"$work/stderr.out" </dev/null || rc=$?
  cat "$work/stderr.out" >>"$log"
  if [ $rc -ne 0 ]; then
    die "'$*' failed (exit $rc): $(grep -v '^Command exited' "$work/stderr.out" | tail -n 1 || true)"
  fi
  local e u s m
  read -r e u s m <"$work/time.out"
  W=$e; C=$(python3 -c "print(f'{$u+$s:.2f}')"); M=$((m / 1024))
}
median3() { printf '%s\n' "$@" | sort -g | sed -n 2p; }

note "ncbackup snapshot create"
run_timed "$work/out.txt" "$ncb" snapshot create "$tree" "${opt[@]}"
snap_w=$W snap_c=$C snap_m=$M
id=$("$ncb" snapshot list --json "${opt[@]}" </dev/null 2>>"$log" | python3 -c '
import json, sys
d = json.load(sys.stdin)
if isinstance(d, dict):
    d = d.get("snapshots", d.get("items", []))
s = d[-1]
print(s.get("id") or s.get("short_id") or s.get("name"))') || die "ncbackup-cli snapshot list --json gave no snapshot id."

# The folder by its path inside the snapshot (relative), or by its absolute path if that is the form.
path=$folder
"$ncb" snapshot ls "$id" "$path" "${opt[@]}" </dev/null >/dev/null 2>&1 || path=$tree/$folder
lw=()
for _ in 1 2 3; do
  run_timed "$work/ls.txt" "$ncb" snapshot ls "$id" "$path" "${opt[@]}"
  lw+=("$W"); ls_m=$M
done
ls_w=$(median3 "${lw[@]}")
listed=$(grep -c 'f[0-9]\{7\}\.txt' "$work/ls.txt" || true)
[ "$listed" -eq "$per_dir" ] || die "snapshot ls $path listed $listed files, not $per_dir."

if [ "$with_restic" = 1 ]; then
  export RESTIC_REPOSITORY=$work/repo-restic RESTIC_PASSWORD_FILE=$pwfile RESTIC_CACHE_DIR=$work/cache-restic
  restic init >>"$log" 2>&1
  note "restic backup"
  run_timed "$work/out.txt" restic backup "$tree"
  r_snap_w=$W r_snap_c=$C r_snap_m=$M
  rw=()
  for _ in 1 2 3; do run_timed "$work/ls.txt" restic ls latest "$tree/$folder"; rw+=("$W"); done
  r_ls_w=$(median3 "${rw[@]}")
fi

verdict() { python3 -c "print('yes' if $1 <= $2 else 'NO')"; }
echo
echo "## ncbackup on $n tiny files ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores)"
echo
echo "| Measure | ncbackup | target | met |$([ "$with_restic" = 1 ] && echo " restic |")"
echo "|---|---|---|---|$([ "$with_restic" = 1 ] && echo "---|")"
echo "| snapshot: peak RSS | $snap_m MiB | ≤ 300 MiB | $(verdict "$snap_m" 300) |$([ "$with_restic" = 1 ] && echo " $r_snap_m MiB |")"
echo "| snapshot: wall · cpu | $snap_w s · $snap_c s | | |$([ "$with_restic" = 1 ] && echo " $r_snap_w s · $r_snap_c s |")"
echo "| \`snapshot ls\` of one folder ($per_dir files), median of 3 | $ls_w s ($ls_m MiB) | ≤ 0.2 s | $(verdict "$ls_w" 0.2) |$([ "$with_restic" = 1 ] && echo " $r_ls_w s |")"
echo "| repository size | $(du -sm "$repo" | cut -f1) MiB | | |$([ "$with_restic" = 1 ] && echo " $(du -sm "$work/repo-restic" | cut -f1) MiB |")"
