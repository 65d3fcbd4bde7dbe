# shellcheck shell=bash
# Sourced by the smoke tests: fail(), and need VAR... which fails clearly (never skips) when the
# environment that tests/env/services.sh writes to $NCB_RUN_DIR/env.sh is missing.
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }
need() {
  local v
  for v in "$@"; do
    [ -n "${!v:-}" ] || fail "$v is not set: start the services (tests/env/services.sh start) and source \$NCB_RUN_DIR/env.sh, or run scripts/test"
  done
}
