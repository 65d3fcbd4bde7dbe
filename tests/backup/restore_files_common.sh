#!/bin/bash
# Shared body of restore_files_<transport>.sh: `restore files` over what is already there, against a
# fixture instance (real SQLite) on this machine or over the real sshd. The same rule for every target
# (the original place, --target on the host, --to-dir here): a folder with 4 of its 5 files unchanged
# (one only touched) and 1 deleted gets exactly that 1 file back, the 4 others keep their inode and
# mtime, and no "(restored" copy appears; a locally edited file is never replaced without --overwrite
# (default without a terminal, --skip-existing, --keep-both, --overwrite); --dry-run writes nothing and
# lists the right paths; a symlink or a file where the RP has a file or a folder is a conflict like any
# other; --to-dir puts each path under its own name, the whole RP keeps its tops; as
# root --to-dir writes no setuid bit and no foreign owner unless asked; an RP with a hostile entry
# restores the rest and names what it left out (output, --json, job history).
source "$(dirname "$0")/backup_common.sh"
hostile="${NCB_BINARY_DIR:?}/tests/backup/ncb_make_hostile_rp"
[ -x "$hostile" ] || fail "ncb_make_hostile_rp is not built"
[ "$(id -u)" = 0 ] || fail "this test checks what a restore run as root writes: run it as root (scripts/test does)"

# Files with their inode, mtime and size, one line each (what "left untouched" means).
snap() { (cd "$1" && find . -type f -printf '%P %i %T@ %s\n' | sort); }
jlen() { jget "$1" | php -r 'echo count(json_decode(stream_get_contents(STDIN), true));'; }
today=$(date +%F)
rpfolder=data/alice/files/Five

# policy_suite DEST ARGS...: restores $rpfolder with ARGS (where to) and checks every rule; DEST is the
# folder Five lands in.
policy_suite() {
  local dest=$1 out rc before
  shift
  local what="restore files $* "
  out=$(cli restore files nc latest "$rpfolder" "$@" --overwrite --json) || fail "$what(first): $out"
  same_tree "$dest" "$w/ref-five" || fail "$what: the folder differs from the RP"

  # 4 of 5 unchanged (f4 and the 6 MB f5, two chunks or more, only touched: same content, another mtime),
  # f3 deleted: exactly f3 comes back.
  rm "$dest/f3.txt"; touch -d '2001-02-03 04:05:06' "$dest/f4.txt" "$dest/f5.txt"
  before=$(snap "$dest")
  out=$(cli restore files nc latest "$rpfolder" "$@" --json </dev/null) || fail "$what(4 of 5 unchanged): $out"
  [ "$(echo "$out" | jget restored)" = "[\"$dest/f3.txt\"]" ] || fail "$what: restored $(echo "$out" | jget restored), not only f3"
  [ "$(echo "$out" | jlen upToDate)" = 4 ] || fail "$what: up to date $(echo "$out" | jget upToDate)"
  [ "$(echo "$out" | jget files)" = 1 ] || fail "$what: wrote $(echo "$out" | jget files) files"
  [ "$(snap "$dest" | grep -v '^f3.txt ')" = "$before" ] || { diff <(snap "$dest") <(echo "$before"); fail "$what: an unchanged file was rewritten"; }
  cmp -s "$dest/f3.txt" "$w/ref-five/f3.txt" || fail "$what: f3 restored wrong"
  [ -z "$(find "$dest" -name '*(restored*')" ] || fail "$what: a '(restored' copy of an identical file"
  # --keep-both over identical files: nothing at all is written.
  before=$(snap "$dest")
  out=$(cli restore files nc latest "$rpfolder" "$@" --keep-both --json) || fail "$what--keep-both (identical): $out"
  [ "$(echo "$out" | jget files)" = 0 ] && [ "$(echo "$out" | jlen upToDate)" = 5 ] || fail "$what--keep-both over identical files: $out"
  [ "$(snap "$dest")" = "$before" ] && [ -z "$(find "$dest" -name '*(restored*')" ] || fail "$what--keep-both wrote a copy of an identical file"

  # A local edit of f2 (same size, other bytes) and f3 deleted again.
  printf 'TWO TWO TWO\n' > "$dest/f2.txt"; rm "$dest/f3.txt"
  # Default, no terminal to ask on: refused before anything is written.
  out=$(cli restore files nc latest "$rpfolder" "$@" 2>&1 </dev/null); rc=$?
  [ $rc -eq 2 ] && [ "$out" = "ncbackup-cli: $dest/f2.txt already exists and differs from the Restoring Point's version; nothing was restored. Choose --overwrite, --skip-existing or --keep-both." ] \
    || fail "$what(edited, no policy): exit $rc: $out"
  [ -e "$dest/f3.txt" ] && fail "$what: the refused restore wrote f3"
  [ "$(cat "$dest/f2.txt")" = "TWO TWO TWO" ] || fail "$what: the refused restore replaced the edit"
  # --dry-run --overwrite: lists, writes nothing.
  before=$(snap "$dest")
  local nhist; nhist=$(wc -l < "$w/share/history/nc.jsonl")
  out=$(cli restore files nc latest "$rpfolder" "$@" --overwrite --dry-run --json) || fail "$what--dry-run: $out"
  [ "$(echo "$out" | jget dryRun)" = true ] || fail "$what--dry-run: not a dry run: $out"
  [ "$(echo "$out" | jget restored)" = "[\"$dest/f2.txt\",\"$dest/f3.txt\"]" ] && [ "$(echo "$out" | jget replaced)" = "[\"$dest/f2.txt\"]" ] \
    && [ "$(echo "$out" | jlen upToDate)" = 3 ] || fail "$what--dry-run lists: $out"
  [ "$(snap "$dest")" = "$before" ] && [ ! -e "$dest/f3.txt" ] || fail "$what--dry-run wrote something"
  [ "$(wc -l < "$w/share/history/nc.jsonl")" = "$nhist" ] || fail "$what--dry-run was recorded as a restore"
  out=$(cli restore files nc latest "$rpfolder" "$@" --dry-run) || fail "$what--dry-run (text): $out"
  echo "$out" | grep -qxF "would ask about $dest/f2.txt" && echo "$out" | grep -qxF "would restore $dest/f3.txt" \
    && echo "$out" | head -1 | grep -q "^Dry run, nothing was written\. Would restore 1 file(s) .*: 3 already up to date, 0 kept both, 0 skipped, 1 to ask about\.$" \
    || fail "$what--dry-run text: $out"
  # --skip-existing: f3 back, the edit kept and listed.
  out=$(cli restore files nc latest "$rpfolder" "$@" --skip-existing --json) || fail "$what--skip-existing: $out"
  [ "$(cat "$dest/f2.txt")" = "TWO TWO TWO" ] || fail "$what--skip-existing replaced the edit"
  [ "$(echo "$out" | jget skipped)" = "[\"$dest/f2.txt\"]" ] && [ "$(echo "$out" | jget restored)" = "[\"$dest/f3.txt\"]" ] \
    || fail "$what--skip-existing: $out"
  # --keep-both: the RP's f2 next to the edit; again: no second copy.
  out=$(cli restore files nc latest "$rpfolder" "$@" --keep-both --json) || fail "$what--keep-both: $out"
  [ "$(cat "$dest/f2.txt")" = "TWO TWO TWO" ] || fail "$what--keep-both replaced the edit"
  cmp -s "$dest/f2 (restored $today).txt" "$w/ref-five/f2.txt" || fail "$what--keep-both: no copy of the RP's f2"
  [ "$(echo "$out" | jget keptBoth)" = "[\"$dest/f2 (restored $today).txt\"]" ] || fail "$what--keep-both lists: $out"
  out=$(cli restore files nc latest "$rpfolder" "$@" --keep-both --json) || fail "$what--keep-both again: $out"
  [ "$(find "$dest" -name '*(restored*' | wc -l)" = 1 ] && [ "$(echo "$out" | jget files)" = 0 ] || fail "$what--keep-both again wrote another copy: $out"
  rm "$dest/f2 (restored $today).txt"
  # --overwrite: now, and only now, the edit is replaced.
  out=$(cli restore files nc latest "$rpfolder" "$@" --overwrite --json) || fail "$what--overwrite: $out"
  same_tree "$dest" "$w/ref-five" || fail "$what--overwrite: the folder differs from the RP"
  [ "$(echo "$out" | jget replaced)" = "[\"$dest/f2.txt\"]" ] || fail "$what--overwrite lists: $out"
}

# odd_suite DEST ARGS...: something else where the RP has a file or a folder.
odd_suite() {
  local dest=$1 out
  shift
  local what="restore files $* "
  # A symlink where the RP has a file: a conflict like any other; --overwrite replaces the link, never
  # what it points to.
  echo "link target" > "$w/linktarget"; chmod 666 "$w/linktarget"
  rm "$dest/f1.txt"; ln -s "$w/linktarget" "$dest/f1.txt"
  out=$(cli restore files nc latest "$rpfolder" "$@" --skip-existing --json) || fail "$what--skip-existing over a symlink: $out"
  [ -L "$dest/f1.txt" ] && [ "$(echo "$out" | jget skipped)" = "[\"$dest/f1.txt\"]" ] || fail "$what--skip-existing over a symlink: $out"
  out=$(cli restore files nc latest "$rpfolder" "$@" --overwrite --json) || fail "$what--overwrite over a symlink: $out"
  [ ! -L "$dest/f1.txt" ] && cmp -s "$dest/f1.txt" "$w/ref-five/f1.txt" || fail "$what--overwrite did not replace the symlink"
  [ "$(cat "$w/linktarget")" = "link target" ] || fail "$what--overwrite wrote through a symlink"
  # A folder where the RP has a file: even --overwrite does not empty it, the file goes next to it.
  rm "$dest/f1.txt"; mkdir "$dest/f1.txt"; echo keep > "$dest/f1.txt/inside"
  out=$(cli restore files nc latest "$rpfolder" "$@" --overwrite --json) || fail "$what--overwrite over a folder: $out"
  [ "$(cat "$dest/f1.txt/inside")" = keep ] && cmp -s "$dest/f1 (restored $today).txt" "$w/ref-five/f1.txt" \
    && [ "$(echo "$out" | jget keptBoth)" = "[\"$dest/f1 (restored $today).txt\"]" ] || fail "$what--overwrite over a folder: $out"
  rm -r "$dest/f1.txt" "$dest/f1 (restored $today).txt"
  cli restore files nc latest "$rpfolder" "$@" --json >/dev/null || fail "$what: f1 back"
  # A file where the RP has the folder: --skip-existing leaves it, --keep-both restores the folder as
  # "Five (restored DATE)", --overwrite puts the folder back.
  rm -rf "$dest"; echo "not a folder" > "$dest"
  out=$(cli restore files nc latest "$rpfolder" "$@" --skip-existing --json) || fail "$what--skip-existing over a file: $out"
  [ "$(cat "$dest")" = "not a folder" ] && [ "$(echo "$out" | jget skipped)" = "[\"$dest\"]" ] || fail "$what--skip-existing over a file: $out"
  out=$(cli restore files nc latest "$rpfolder" "$@" --keep-both --json) || fail "$what--keep-both over a file: $out"
  [ "$(cat "$dest")" = "not a folder" ] && same_tree "$dest (restored $today)" "$w/ref-five" || fail "$what--keep-both over a file: $out"
  rm -rf "$dest (restored $today)"
  out=$(cli restore files nc latest "$rpfolder" "$@" --overwrite --json) || fail "$what--overwrite over a file: $out"
  same_tree "$dest" "$w/ref-five" || fail "$what--overwrite over a file: $out"
}

run_restore_files_tests() {
  setup_instance sqlite "$1"
  local t0 out rc; t0=$(date +%s)
  runuser -u "$occ_owner" -- sh -c 'set -e; d=$1/alice/files/Five; mkdir "$d"
    for i in 1 2 3 4 5; do printf "file %s of five\n" $i > "$d/f$i.txt"; done; printf "two two two\n" > "$d/f2.txt"
    head -c 6000000 /dev/urandom > "$d/f5.txt"' sh "$data" || fail "making the folder Five"
  if [ "$1" = local ]; then
    # A setuid program owned by the instance's user (www-data) on the host.
    printf '#!/bin/sh\necho hi\n' > "$root/apps/suidtool"; chown www-data:www-data "$root/apps/suidtool"; chmod 4755 "$root/apps/suidtool"
  fi
  occ_at "$root" files:scan --all >/dev/null || fail "files:scan"
  out=$(cli backup nc --full --json --quiet) || fail "backup: $out"
  cp -a "$data/alice/files/Five" "$w/ref-five"

  policy_suite "$data/alice/files/Five" --to-host
  echo "$(cli restore files nc latest "$rpfolder" --to-host --json)" | jget scanned | grep -q '"/alice/files/Five"' \
    && fail "a restore that wrote nothing ran files:scan"
  policy_suite "$data/bob/files/Restored/Five" --to-host --target "$data/bob/files/Restored"
  policy_suite "$w/out/Five" --to-dir "$w/out"
  [ "$(ls -A "$w/out")" = Five ] || fail "--to-dir did not put the folder under its own name: $(ls -A "$w/out")"
  odd_suite "$data/bob/files/Restored/Five" --to-host --target "$data/bob/files/Restored"
  odd_suite "$w/out/Five" --to-dir "$w/out"

  # A file into a folder on this machine: under its own name, nothing else around it.
  out=$(cli restore files nc latest data/alice/files/Five/f1.txt "$rpfolder/f5.txt" --to-dir "$w/two" --json) || fail "two files --to-dir: $out"
  [ "$(ls -A "$w/two" | tr '\n' ' ')" = "f1.txt f5.txt " ] || fail "two files --to-dir: $(ls -A "$w/two")"
  if [ "$1" = local ]; then
    # The whole RP keeps its three tops.
    out=$(cli restore files nc latest --to-dir "$w/all" --json) || fail "whole RP --to-dir: $out"
    [ "$(ls -A "$w/all" | tr '\n' ' ')" = "data db root " ] || fail "whole RP --to-dir: $(ls -A "$w/all")"
    same_tree "$w/all/data/alice/files/Five" "$w/ref-five" || fail "whole RP --to-dir: Five differs"
    # As root, --to-dir of a setuid file of www-data: no setuid bit, owned by whoever restores.
    out=$(cli restore files nc latest root/apps/suidtool --to-dir "$w/suid" --json) || fail "setuid --to-dir: $out"
    [ "$(stat -c '%a %U' "$w/suid/suidtool")" = "755 root" ] || fail "--to-dir wrote $(stat -c '%a %U' "$w/suid/suidtool") (want 755 root)"
    [ "$(stat -c '%a %U' "$w/all/root/apps/suidtool")" = "755 root" ] || fail "whole RP --to-dir wrote $(stat -c '%a %U' "$w/all/root/apps/suidtool")"
    out=$(cli restore files nc latest root/apps/suidtool --to-dir "$w/suid2" --same-owner --keep-special-bits --json) || fail "--same-owner: $out"
    [ "$(stat -c '%a %U' "$w/suid2/suidtool")" = "4755 www-data" ] || fail "--same-owner --keep-special-bits wrote $(stat -c '%a %U' "$w/suid2/suidtool")"
    out=$(cli restore files nc latest root/apps/suidtool --to-host --same-owner 2>&1); rc=$?
    [ $rc -eq 2 ] || fail "--same-owner with --to-host: exit $rc: $out"
  fi

  # An RP with a hostile entry (written by a tampered repository): the rest is restored, the entry named.
  local kind
  for kind in dotdot symlink absolute; do
    rm -f /tmp/ncb-hostile-$kind
    id=$("$hostile" "$w/repo" "$w/repo.pw" nc $kind data/alice/files/good-$kind.txt) || fail "making the hostile RP ($kind)"
    out=$(cli restore files nc "${id:0:12}" data/alice/files --to-host --overwrite --json 2>&1) || fail "hostile RP ($kind) onto the host: $out"
    [ "$(cat "$data/alice/files/good-$kind.txt")" = "written by a hostile Restoring Point" ] || fail "hostile RP ($kind): the good file was not restored"
    echo "$out" | jget leftOut | grep -q "ncb-hostile-$kind" || fail "hostile RP ($kind): the entry is not named: $out"
    [ -e /tmp/ncb-hostile-$kind ] && fail "a hostile RP ($kind) wrote outside the target"
    tail -1 "$w/share/history/nc.jsonl" | grep -q "ncb-hostile-$kind" || fail "hostile RP ($kind): the job history does not name the entry"
    out=$(cli restore files nc "${id:0:12}" data/alice/files --to-dir "$w/h-$kind" 2>&1) || fail "hostile RP ($kind) into a folder: $out"
    [ -f "$w/h-$kind/files/good-$kind.txt" ] || fail "hostile RP ($kind) into a folder: the good file is missing"
    echo "$out" | grep -q "^left out .*ncb-hostile-$kind" || fail "hostile RP ($kind) into a folder: $out"
    [ -e /tmp/ncb-hostile-$kind ] && fail "a hostile RP ($kind) wrote outside the folder"
    rm -f "$data/alice/files/good-$kind.txt" "$data/alice/files/link"
  done
  echo "ok: restore files over $1 in $(( $(date +%s) - t0 )) s"
}
