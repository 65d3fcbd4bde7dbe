#!/bin/bash
# Repository commands reach an instance's repository by its name: repo check, snapshot list,
# snapshot forget and repo prune with --instance NAME act on the same repository as --repo PATH.
set -u
fail() { echo "FAIL: $*"; exit 1; }
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
export NCBACKUP_CONFIG_DIR=$T/cfg NCBACKUP_DATA_DIR=$T/data NCBACKUP_CACHE_DIR=$T/cache
C="$NCB_CLI"; K="--no-keychain"
printf 'correct horse battery\n' > "$T/pw"; export NCBACKUP_PASSWORD_FILE=$T/pw
"$NCB_SOURCE_DIR/tests/env/fixture/make-demo.sh" "$T/nc" >/dev/null || fail "make-demo.sh"
"$C" instance add demo --local "$T/nc/root" $K >/dev/null || fail "instance add"
"$C" backup demo --full $K >/dev/null || fail "first backup"
echo "one more line" >> "$(ls "$T"/nc/data/alice/files/*.md | head -1)"
"$C" backup demo $K >/dev/null || fail "second backup"
repo="$T/data/repositories/demo"
[ "$("$C" snapshot list --instance demo $K | wc -l)" -eq 2 ] || fail "snapshot list --instance should show 2 RPs"
"$C" repo check --instance demo $K | grep -q "no damage found" || fail "repo check --instance"
before=$(du -sb "$repo" | cut -f1)
"$C" snapshot forget --instance demo --keep-last 1 $K >/dev/null || fail "snapshot forget --instance"
"$C" repo prune --instance demo $K >/dev/null || fail "repo prune --instance"
[ "$("$C" snapshot list --repo "$repo" $K | wc -l)" -eq 1 ] || fail "forget via --instance did not act on the instance's repository"
"$C" rp list demo $K | grep -q incremental || fail "the kept RP should be the latest (incremental)"
"$C" repo check --instance demo --read-data $K | grep -q "no damage found" || fail "check after prune"
msg=$("$C" repo check --instance nosuch $K 2>&1); rc=$?
[ $rc -eq 3 ] || fail "unknown instance: exit $rc"
[ "$msg" = "ncbackup-cli: There is no instance named 'nosuch' (see: ncbackup-cli instance list)." ] || fail "unknown instance said: $msg"
msg=$("$C" repo check --instance demo --repo "$repo" $K 2>&1); rc=$?
[ $rc -eq 2 ] || fail "both --repo and --instance: exit $rc ($msg)"
echo "instance_repo_option: ok (repository $before bytes before prune, $(du -sb "$repo" | cut -f1) after)"
