#!/bin/bash
# bench/filetree.sh [N] [BIG] -- the desktop app's file tree on a Restoring Point of N files (default
# 1,000,000), one top-level folder of which holds BIG entries (default 100,000). Targets (issue 5): the
# first level of the RP paints in <= 200 ms, the BIG-entry folder opens in <= 1 s. Measured through the
# app's own RpFileTreeView / RpFileModel / RepoCatalogBrowser over the repository's catalog, offscreen.
# See bench/README.md.
#
# Environment:
#   NCB_BUILD_DIR        build dir with ncbackup-cli and ncb-bench-filetree (default: build/; both
#                        targets are built there when missing)
#   NCB_BENCH_WORKDIR    where the tree and the repository go (default: a new dir in $TMPDIR). The
#                        files are empty: N = 1,000,000 needs ~1.1 million free inodes but only a few
#                        hundred MB (repository and catalog); the tree is deleted right after the backup
#   NCB_BENCH_RUNS       runs of each measure (default 5)
#   NCB_BENCH_KEEP=1     keep the work dir afterwards
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
die() { echo "filetree.sh: $*" >&2; exit 2; }
note() { echo "== $*" >&2; }

case "${1:-}" in -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
[ $# -le 2 ] || die "usage: bench/filetree.sh [N] [BIG]"
n=${1:-1000000}
big=${2:-100000}
[[ $n =~ ^[0-9]+$ && $big =~ ^[0-9]+$ ]] || die "N and BIG must be numbers."
[ "$big" -ge 1 ] && [ "$n" -ge $((big + 1000)) ] || die "N must be at least BIG + 1000."
per_dir=1000

build=${NCB_BUILD_DIR:-$top/build}
[ -f "$build/build.ninja" ] || [ -f "$build/Makefile" ] || die "no build in $build: run scripts/build or set NCB_BUILD_DIR."
if [ ! -x "$build/app/ncbackup-cli" ] || [ ! -x "$build/bench/ncb-bench-filetree" ]; then
  cmake --build "$build" --target ncbackup-cli ncb-bench-filetree >&2
fi
ncb=$build/app/ncbackup-cli
bench=$build/bench/ncb-bench-filetree

work=${NCB_BENCH_WORKDIR:-$(mktemp -d "${TMPDIR:-/tmp}/ncb-filetree.XXXXXX")}
mkdir -p "$work"
work=$(cd "$work" && pwd)
[ "${NCB_BENCH_KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
note "work dir $work"

free_kb=$(df -Pk "$work" | awk 'NR==2 {print $4}')
free_inodes=$(df -Pi "$work" | awk 'NR==2 {print $4}')
[ "$free_kb" -ge $((n / 2 + 500000)) ] || die "$work has $((free_kb / 1024)) MiB free; about $(((n / 2 + 500000) / 1024)) MiB are needed."
[[ ! $free_inodes =~ ^[0-9]+$ ]] || [ "$free_inodes" -eq 0 ] || [ "$free_inodes" -ge $((n + n / 10)) ] \
  || die "$work has $free_inodes free inodes; $n files need $((n + n / 10))."

pwfile=$work/password
( umask 077; printf 'filetree-%s\n' "$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')" >"$pwfile" )
export NCBACKUP_CONFIG_DIR=$work/ncb-config NCBACKUP_DATA_DIR=$work/ncb-data NCBACKUP_CACHE_DIR=$work/ncb-cache
repo=$work/repo
tree=$work/tree
"$ncb" repo init --repo "$repo" --password-file "$pwfile" >/dev/null </dev/null || die "ncbackup-cli could not create a repository."

note "writing $n empty files: $((n - big)) in folders of $per_dir, $big in big/"
t0=$(date +%s)
python3 - "$tree" "$n" "$big" "$per_dir" <<'PY'
import os, sys
root, n, big, per = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
def fill(folder, first, count):
    os.makedirs(folder)
    for i in range(first, first + count):
        os.close(os.open(os.path.join(folder, "f%07d.txt" % i), flags, 0o644))
fill(os.path.join(root, "big"), 0, big)
rest = n - big
for d in range((rest + per - 1) // per):
    fill(os.path.join(root, "d%04d" % d), big + d * per, min(per, rest - d * per))
PY
note "tree written in $(( $(date +%s) - t0 )) s"

note "ncbackup-cli snapshot create (one RP of $n files)"
t0=$(date +%s)
"$ncb" snapshot create "$tree" --repo "$repo" --password-file "$pwfile" >"$work/snapshot.log" 2>&1 </dev/null \
  || { tail -n 3 "$work/snapshot.log" >&2; die "the snapshot failed."; }
note "snapshot made in $(( $(date +%s) - t0 )) s; deleting the tree"
rm -rf "$tree"

note "measuring (offscreen, load: $(cut -d' ' -f1-3 /proc/loadavg))"
rc=0
QT_QPA_PLATFORM=offscreen "$bench" --repo "$repo" --password-file "$pwfile" --folder big \
  --runs "${NCB_BENCH_RUNS:-5}" >"$work/result.md" || rc=$?
[ $rc -le 1 ] || die "ncb-bench-filetree failed (exit $rc)."
echo
echo "## Desktop app: file tree ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
echo
cat "$work/result.md"
echo
echo "repository $(du -sm "$repo" | cut -f1) MiB, catalog $(du -sm "$NCBACKUP_CACHE_DIR" | cut -f1) MiB"
exit 0
