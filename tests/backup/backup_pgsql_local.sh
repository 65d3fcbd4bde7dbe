#!/bin/bash
# RPs of a pgsql fixture instance, on this machine: backup, browse, restore (backup_common.sh).
source "$(dirname "$0")/backup_common.sh"
run_backup_tests pgsql local
