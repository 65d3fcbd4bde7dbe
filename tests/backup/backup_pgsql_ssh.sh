#!/bin/bash
# RPs of a pgsql fixture instance, over the real sshd: backup, browse, restore (backup_common.sh).
source "$(dirname "$0")/backup_common.sh"
run_backup_tests pgsql ssh
