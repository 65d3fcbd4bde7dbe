#!/bin/bash
# The entry and path limits (backup_limits.sh) over the real sshd.
exec bash "$(dirname "$0")/backup_limits.sh" ssh
