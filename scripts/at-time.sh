#!/usr/bin/env bash
# Runs a command with the machine's clock moved to another moment, ticking from there:
#   scripts/at-time.sh "2026-12-31 23:30 UTC" python -m pytest …
# Uses libfaketime with an offset, so every process the command starts (Celery workers, Chromium) shares
# the same moved clock. PostgreSQL and Redis keep the real time; the app reads the time in Python only.
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 MOMENT COMMAND…  (MOMENT as 'date -d' reads it, e.g. '2026-12-31 23:30 UTC')" >&2
  exit 2
fi
moment=$1
shift
if ! target=$(date -d "$moment" +%s 2>/dev/null); then
  echo "TEST_AT: cannot read '$moment' as a date and time (try '2026-12-31 23:30 UTC')." >&2
  exit 2
fi
if ! command -v faketime >/dev/null 2>&1; then
  echo "TEST_AT needs faketime: 'make test' installs it (apt-get install faketime)." >&2
  exit 1
fi
offset=$((target - $(date +%s)))
sign=+
[ "$offset" -lt 0 ] && sign=-
echo "Running at $(date -u -d "@$target" '+%Y-%m-%d %H:%M:%S UTC') (clock moved by ${sign}${offset#-} s)." >&2
exec faketime -f "${sign}${offset#-}" "$@"
