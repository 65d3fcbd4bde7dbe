#!/bin/bash
# RPs of a www-data-owned SQLite fixture instance, every command through sudo -n -u www-data (backup_common.sh).
source "$(dirname "$0")/backup_common.sh"
run_backup_tests sqlite sudo
