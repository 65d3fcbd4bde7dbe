#!/bin/bash
# The hostile-host tests (backup_hostile.sh) on this machine.
exec bash "$(dirname "$0")/backup_hostile.sh" local
