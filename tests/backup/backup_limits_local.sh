#!/bin/bash
# The entry, path and depth limits (backup_limits.sh) on this machine.
exec bash "$(dirname "$0")/backup_limits.sh" local
