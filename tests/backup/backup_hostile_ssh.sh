#!/bin/bash
# The hostile-host tests (backup_hostile.sh) over the real sshd.
exec bash "$(dirname "$0")/backup_hostile.sh" ssh
