#!/bin/bash
# bench/compare.sh [DATASET_DIR] -- ncbackup against restic and borg, in one run, on the same bytes.
#
# For each tool: full snapshot, incremental after one day of changes, no-change snapshot, restore
# everything, restore one file (~2.5 MB), list a snapshot, repository size after the full and after the
# incremental. Wall time, CPU time (user+sys) and peak RSS come from GNU time. Every restore is checked
# against the source tree (a benchmark of wrong output is worthless). The result is a markdown table
# with ncbackup's ratio to restic next to the targets of issue 3. See bench/README.md.
#
# Environment:
#   NCB_CLI              ncbackup-cli to run (default: build/app/ncbackup-cli, then PATH)
#   NCB_BENCH_TOOLS      tools to run, default "restic borg ncbackup"
#   NCB_BENCH_WORKDIR    where repositories, copies and restores go (default: a new dir in $TMPDIR)
#   NCB_BENCH_KEEP=1     keep the work dir afterwards
#   NCB_BENCH_DATASET    small (default) | medium; medium uses ../shared/bench when present
#   NCB_BENCH_SHARED_DIR where that reference generator lives (default: ../shared/bench)
#   NCB_MAKE_TREE        the tree generator (default: tests/env/fixture/make-tree.py)
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
here="$top/bench"

die() { echo "compare.sh: $*" >&2; exit 2; }
note() { echo "== $*" >&2; }

[ $# -le 1 ] || die "usage: bench/compare.sh [DATASET_DIR]"
case "${1:-}" in -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac

# --- tools -------------------------------------------------------------------------------------------
[ -x /usr/bin/time ] && /usr/bin/time -f %e true >/dev/null 2>&1 \
  || die "GNU time is missing: install the Debian package 'time' (/usr/bin/time)."
command -v python3 >/dev/null || die "python3 is missing."

tools=${NCB_BENCH_TOOLS:-restic borg ncbackup}
want() { case " $tools " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
want restic || die "restic is the baseline of every ratio: keep it in NCB_BENCH_TOOLS."
command -v restic >/dev/null || die "restic is missing: install the Debian package 'restic'."
if want borg && ! command -v borg >/dev/null; then
  note "borg is missing (Debian package 'borgbackup'): its column stays empty."
  tools=${tools/borg/}
fi

if want ncbackup; then
  if [ -n "${NCB_CLI:-}" ]; then ncb=$NCB_CLI
  elif [ -x "$top/build/app/ncbackup-cli" ]; then ncb=$top/build/app/ncbackup-cli
  else ncb=$(command -v ncbackup-cli || true)
  fi
  [ -n "$ncb" ] && [ -x "$ncb" ] || die "ncbackup-cli not found: build it (scripts/build) or set NCB_CLI."
fi

# --- work dir and data set ---------------------------------------------------------------------------
work=${NCB_BENCH_WORKDIR:-$(mktemp -d "${TMPDIR:-/tmp}/ncb-bench.XXXXXX")}
mkdir -p "$work"
work=$(cd "$work" && pwd)
if [ "${NCB_BENCH_KEEP:-0}" != 1 ]; then
  trap 'rm -rf "$work"' EXIT
fi
log=$work/bench.log
: >"$log"
note "work dir $work (log: $log)"

maketree=${NCB_MAKE_TREE:-$top/tests/env/fixture/make-tree.py}
shared=${NCB_BENCH_SHARED_DIR:-$top/../shared/bench}
data=$work/data            # every tool backs up this very path
if [ "${NCB_BENCH_DATASET:-small}" = medium ] && [ -x "$shared/make-dataset.sh" ]; then
  gen_make() { "$shared/make-dataset.sh" medium "$1"; }
  gen_mutate() { "$shared/mutate.sh" "$1" 1; }
  dataset_name="reference medium set (../shared/bench/make-dataset.sh medium)"
else
  [ "${NCB_BENCH_DATASET:-small}" = small ] || [ -n "${1:-}" ] \
    || note "NCB_BENCH_DATASET=${NCB_BENCH_DATASET} needs ../shared/bench: using make-tree.py small."
  [ -f "$maketree" ] || die "the tree generator $maketree is missing (set NCB_MAKE_TREE)."
  gen_make() { python3 "$maketree" make small "$1"; }
  gen_mutate() { python3 "$maketree" mutate "$1" 1; }
  dataset_name="make-tree.py small"
fi

if [ -n "${1:-}" ]; then
  [ -d "$1" ] || die "$1 is not a directory."
  note "copying $1"
  mkdir -p "$data"
  cp -a "$1/." "$data/" || die "copying $1 failed."
  dataset_name="$(cd "$1" && pwd) (copy)"
else
  note "making the data set: $dataset_name"
  gen_make "$data" >>"$log" 2>&1 || die "making the data set failed (see $log)."
fi

pwfile=$work/password
printf 'bench-%s\n' "$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')" >"$pwfile"
chmod 600 "$pwfile"

warm() { tar -cf - -C "$data" . 2>/dev/null | cat >/dev/null; }

# The tree compare: contents (required), then modes and mtimes (reported).
treecmp() { python3 "$here/treecmp.py" "$@"; }

# --- measuring ---------------------------------------------------------------------------------------
declare -A WALL CPU RSS NOTE SIZE
failures=()

# measure TOOL OP OUTFILE cmd... : runs cmd under GNU time; stdout to OUTFILE, stderr to the log.
measure() {
  local tool=$1 op=$2 out=$3; shift 3
  local tf=$work/time.out rc=0
  echo "--- $tool $op: $*" >>"$log"
  /usr/bin/time -f '%e %U %S %M' -o "$tf" "$@" >"$out" 2>"$work/stderr.out" || rc=$?
  cat "$work/stderr.out" >>"$log"
  if [ $rc -ne 0 ]; then
    WALL[$tool.$op]=FAIL
    local why
    why=$(grep -v '^Command exited' "$work/stderr.out" | tail -n 1 | cut -c1-160 || true)
    failures+=("$tool $op failed (exit $rc): ${why:-no message}")
    note "$tool $op: FAILED (exit $rc) ${why}"
    return 1
  fi
  local e u s m
  read -r e u s m <"$tf"
  WALL[$tool.$op]=$e
  CPU[$tool.$op]=$(python3 -c "print(f'{$u+$s:.2f}')")
  RSS[$tool.$op]=$((m / 1024))
  note "$tool $op: ${e}s wall, ${CPU[$tool.$op]}s cpu, ${RSS[$tool.$op]} MiB"
}

repo_bytes() { du -sb "$1" | cut -f1; }

# --- per tool commands ---------------------------------------------------------------------------------
export RESTIC_REPOSITORY=$work/repo-restic RESTIC_PASSWORD_FILE=$pwfile RESTIC_CACHE_DIR=$work/cache-restic
export BORG_REPO=$work/repo-borg BORG_PASSCOMMAND="cat $pwfile" BORG_BASE_DIR=$work/home-borg
export BORG_RELOCATED_REPO_ACCESS_IS_OK=yes
export NCBACKUP_CONFIG_DIR=$work/ncb-config NCBACKUP_DATA_DIR=$work/ncb-data NCBACKUP_CACHE_DIR=$work/ncb-cache
ncbrepo=$work/repo-ncbackup
ncbopt=(--repo "$ncbrepo" --password-file "$pwfile")
ncb_run() { "$ncb" "$@" "${ncbopt[@]}"; }

declare -A OK
init_tool() {
  local rc=0 msg
  case $1 in
    restic) msg=$(restic init 2>&1) || rc=$? ;;
    borg) msg=$(borg init -e repokey-blake2 2>&1) || rc=$? ;;
    ncbackup) msg=$(ncb_run repo init 2>&1 </dev/null) || rc=$? ;;
  esac
  echo "--- $1 init: $msg" >>"$log"
  if [ $rc -ne 0 ]; then
    failures+=("$1: repository init failed (exit $rc): $(printf '%s\n' "$msg" | tail -n 1 | cut -c1-160)")
    note "$1: repository init failed (exit $rc); its column stays empty. $(printf '%s\n' "$msg" | tail -n 1)"
    OK[$1]=0
  else
    OK[$1]=1
  fi
}

# The id of ncbackup's newest snapshot, from `snapshot list --json`.
ncb_latest() {
  ncb_run snapshot list --json </dev/null 2>>"$log" | python3 -c '
import json, sys
d = json.load(sys.stdin)
if isinstance(d, dict):
    d = d.get("snapshots", d.get("items", []))
if not d:
    sys.exit("no snapshots")
key = lambda s: str(s.get("time", s.get("created", s.get("date", ""))))
s = sorted(d, key=key)[-1] if any(key(x) for x in d) else d[-1]
print(s.get("id") or s.get("short_id") or s.get("name"))
'
}

snapshot() { # snapshot TOOL OP NAME
  local tool=$1 op=$2 name=$3
  case $tool in
    restic) measure restic "$op" "$work/out.txt" restic backup "$data" ;;
    borg) measure borg "$op" "$work/out.txt" borg create "::$name" "$data" ;;
    ncbackup) measure ncbackup "$op" "$work/out.txt" "$ncb" snapshot create "$data" "${ncbopt[@]}" ;;
  esac
}

# Restored root of $data below DIR: restic keeps the absolute path, borg the path without its leading
# slash, ncbackup may keep only the folder's name or only its contents. Found by a file known to be in it.
restored_root() {
  local dir=$1 rel=$2 c
  for c in "$dir$data" "$dir/$(basename "$data")" "$dir"; do
    [ -f "$c/$rel" ] && { echo "$c"; return 0; }
  done
  return 1
}

# --- run ----------------------------------------------------------------------------------------------
for t in $tools; do init_tool "$t"; done
active() { [ "${OK[$1]:-0}" = 1 ]; }

stats_before=$(treecmp --stats "$data")
note "data set: $stats_before"
warm

note "full snapshots"
for t in $tools; do active "$t" && { snapshot "$t" full full || true; SIZE[$t.full]=$(repo_bytes "$work/repo-$t"); }; done

note "one day of changes"
mutation=$(gen_mutate "$data" 2>&1 | tail -n 1)
stats_after=$(treecmp --stats "$data")
warm

note "incremental snapshots"
for t in $tools; do active "$t" && { snapshot "$t" incr incr || true; SIZE[$t.incr]=$(repo_bytes "$work/repo-$t"); }; done
note "no-change snapshots"
for t in $tools; do active "$t" && { snapshot "$t" nochange nochange || true; }; done

ncb_id=
if active ncbackup; then
  ncb_id=$(ncb_latest) || { failures+=("ncbackup: 'snapshot list --json' gave no snapshot id"); OK[ncbackup]=0; }
fi

# The one file: the one closest to 2.5 MiB in the tree as it is now.
one=$(python3 - "$data" <<'PY'
import os, sys
root = sys.argv[1]
best = None
for dp, dn, fn in os.walk(root):
    for f in fn:
        p = os.path.join(dp, f)
        n = os.lstat(p).st_size
        rel = os.path.relpath(p, root)
        key = (abs(n - 2621440), rel)
        if best is None or key < best[0]:
            best = (key, n, rel)
print(best[1], best[2])
PY
)
one_rel=${one#* }
one_size=${one%% *}
note "one file: $one_rel ($one_size bytes)"

# How ncbackup names a path inside a snapshot: relative to the backed-up folder, or absolute.
ncb_one=$one_rel
if active ncbackup && ! ncb_run snapshot ls "$ncb_id" "$one_rel" </dev/null >/dev/null 2>&1 \
   && ncb_run snapshot ls "$ncb_id" "$data/$one_rel" </dev/null >/dev/null 2>&1; then
  ncb_one=$data/$one_rel
fi

# Every restore goes into a folder of its own, and no restored tree is deleted before every tool has
# restored: ext4 scans the inode table for recently deleted inodes when it creates files, so a tool that
# restores right after another tool's tree of 40,000 files was deleted would pay for that deletion.
declare -A VERIFY
note "restore everything"
for t in $tools; do
  active "$t" || continue
  dest=$work/restore-$t
  mkdir -p "$dest"
  case $t in
    restic) measure restic all "$work/out.txt" restic restore latest --target "$dest" || true ;;
    borg) measure borg all "$work/out.txt" env -C "$dest" borg extract ::nochange || true ;;
    ncbackup) measure ncbackup all "$work/out.txt" "$ncb" snapshot restore "$ncb_id" --to-dir "$dest" "${ncbopt[@]}" || true ;;
  esac
  if [ "${WALL[$t.all]}" != FAIL ]; then
    if root=$(restored_root "$dest" "$one_rel"); then
      VERIFY[$t]=$(treecmp "$data" "$root" 2>&1) || true
    else
      VERIFY[$t]="CONTENT DIFFERS: the restored tree does not hold $one_rel"
    fi
    case ${VERIFY[$t]} in
      CONTENT*) WALL[$t.all]=WRONG; failures+=("$t restore: ${VERIFY[$t]}") ;;
    esac
    note "$t restore check: ${VERIFY[$t]}"
  fi
done

note "restore one file"
for t in $tools; do
  active "$t" || continue
  dest=$work/restore-one-$t
  mkdir -p "$dest"
  case $t in
    restic) measure restic one "$work/out.txt" restic restore latest --target "$dest" --include "$data/$one_rel" || true ;;
    borg) measure borg one "$work/out.txt" env -C "$dest" borg extract ::nochange "${data#/}/$one_rel" || true ;;
    ncbackup) measure ncbackup one "$work/out.txt" "$ncb" snapshot restore "$ncb_id" "$ncb_one" --to-dir "$dest" "${ncbopt[@]}" || true ;;
  esac
  if [ "${WALL[$t.one]}" != FAIL ]; then
    got=$(cd "$dest" && find . -type f -name "$(basename "$one_rel")" -print -quit)
    nfiles=$(find "$dest" -type f | wc -l)
    if [ -z "$got" ] || ! cmp -s "$data/$one_rel" "$dest/$got"; then
      WALL[$t.one]=WRONG; failures+=("$t restore one: the restored file is missing or differs")
    elif [ "$nfiles" -ne 1 ]; then
      NOTE[$t.one]="restored $nfiles files, not 1"
    fi
  fi
done

# The listing: the top folder of the snapshot, one level, as a file browser shows it (ncbackup's
# `snapshot ls` lists one folder; restic ls without --recursive lists the given folder's entries; borg
# has no one-level listing and lists the whole archive: its column is not the same work).
note "list a snapshot"
declare -A LINES
for t in $tools; do
  active "$t" || continue
  case $t in
    restic) measure restic list "$work/list.txt" restic ls latest "$data" || true ;;
    borg) measure borg list "$work/list.txt" borg list ::nochange || true ;;
    ncbackup) measure ncbackup list "$work/list.txt" "$ncb" snapshot ls "$ncb_id" "${ncbopt[@]}" || true ;;
  esac
  LINES[$t]=$(wc -l <"$work/list.txt")
done

rm -rf "$work"/restore-* # after every tool restored: see above

# --- report --------------------------------------------------------------------------------------------
fmt_cell() { # tool op
  local w=${WALL[$1.$2]:-}
  case $w in
    "") echo "—" ;;
    FAIL) echo "failed" ;;
    WRONG) echo "**wrong output**" ;;
    *) echo "${w} s · cpu ${CPU[$1.$2]} s · ${RSS[$1.$2]} MiB" ;;
  esac
}
mib() { [ -n "${1:-}" ] && python3 -c "print(f'{$1/1048576:.1f} MiB')" || echo "—"; }
ratio_row() { # label op target
  local label=$1 op=$2 target=$3 r="—" met="—"
  local a=${WALL[ncbackup.$op]:-} b=${WALL[restic.$op]:-}
  if [[ $a =~ ^[0-9.]+$ && $b =~ ^[0-9.]+$ ]]; then
    read -r r met < <(python3 -c "a,b,t=$a,$b,$target; r=a/max(b,0.005); print(f'{r:.2f}×', 'yes' if r<=t else 'NO')")
  fi
  echo "| $label | $(fmt_cell restic "$op") | $(fmt_cell borg "$op") | $(fmt_cell ncbackup "$op") | $r | ≤ ${target}× | $met |"
}
size_row() { # label key
  local label=$1 k=$2 r="—" met="—"
  local a=${SIZE[ncbackup.$k]:-} b=${SIZE[restic.$k]:-}
  if [ -n "$a" ] && [ -n "$b" ]; then
    read -r r met < <(python3 -c "r=$a/$b; print(f'{r:.3f}×', 'yes' if r<=1.0 else 'NO')")
  fi
  echo "| $label | $(mib "${SIZE[restic.$k]:-}") | $(mib "${SIZE[borg.$k]:-}") | $(mib "$a") | $r | ≤ 1.0× | $met |"
}

report=$work/results.md
{
  echo "## ncbackup vs restic vs borg"
  echo
  versions="restic $(restic version | cut -d' ' -f2)"
  want borg && versions+=", borg $(borg --version | cut -d' ' -f2)"
  active ncbackup && versions+=", $("$ncb" --version 2>/dev/null | head -n 1)"
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(uname -sr); $versions."
  echo "Data set: $dataset_name — $stats_before. After the change: $stats_after ($mutation)."
  echo "Warm cache. Each cell: wall time · CPU (user+sys) · peak RSS. Ratio = ncbackup ÷ restic, wall time."
  echo
  echo "| Operation | restic | borg | ncbackup | ncbackup ÷ restic | target | met |"
  echo "|---|---|---|---|---|---|---|"
  ratio_row "full snapshot" full 0.67
  ratio_row "incremental (after one day of changes)" incr 0.5
  ratio_row "no-change snapshot" nochange 0.5
  ratio_row "restore everything" all 1.0
  ratio_row "restore one file ($(mib "$one_size"))" one 0.5
  ratio_row "list a snapshot" list 0.5
  size_row "repository after the full" full
  size_row "repository after the incremental" incr
  echo
  for t in $tools; do
    active "$t" || continue
    echo "- $t: restore check: ${VERIFY[$t]:-not run}; listing printed ${LINES[$t]:-0} lines${NOTE[$t.one]:+; one-file restore ${NOTE[$t.one]}}."
  done
  for f in "${failures[@]}"; do echo "- **$f**"; done
  if want ncbackup && ! active ncbackup; then
    echo "- ncbackup was not measured: its CLI could not create a repository (see above)."
  fi
} >"$report"

echo
cat "$report"
[ "${NCB_BENCH_KEEP:-0}" = 1 ] && echo && echo "(kept: $work; report in $report)"
[ ${#failures[@]} -eq 0 ] || exit 1
