#!/bin/bash
# restore files over what is there, on this machine / over the real sshd (restore_files_common.sh).
source "$(dirname "$0")/restore_files_common.sh"
run_restore_files_tests ssh
