#!/bin/sh
# Test-only blocking point (tests/backup/backup_kill.sh), installed under the name of a host tool
# (find, sqlite3, ...) in a folder put first on PATH. When DIR/NAME.at holds N, the N-th call of NAME
# writes its pid to DIR/NAME.reached and waits for a line on the FIFO DIR/NAME.fifo; every call then
# runs the real tool. With DIR/NAME.match, only calls whose arguments contain that text are counted.
# Not part of the product: it only makes kill -9 tests land on a chosen step.
name=$(basename "$0")
dir=$(cd "$(dirname "$0")" && pwd)
PATH=$(printf '%s' "$PATH" | sed "s#^$dir:##")
export PATH
if [ -f "$dir/$name.at" ] && { [ ! -f "$dir/$name.match" ] || case " $* " in *"$(cat "$dir/$name.match")"*) true ;; *) false ;; esac; }; then
  n=$(( $(cat "$dir/$name.count" 2>/dev/null || echo 0) + 1 ))
  echo "$n" > "$dir/$name.count"
  if [ "$n" = "$(cat "$dir/$name.at")" ]; then
    echo $$ > "$dir/$name.reached"
    read -r _ < "$dir/$name.fifo"
  fi
fi
exec "$name" "$@"
