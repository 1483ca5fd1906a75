#!/usr/bin/env bash
# Runs a command again whenever it stops, until this script is told to stop (TERM or INT),
# which stops the command too. For `make run`'s background services; production uses systemd's
# Restart=always (docs/deployment.md). A command that dies at once is restarted after a
# growing pause (1 s, 2 s, 4 s ... 30 s), so a broken one does not spin.
#   scripts/supervise.sh NAME LOGFILE COMMAND [ARG...]
set -uo pipefail
name=$1 log=$2
shift 2
child=
stop() {
  [ -n "$child" ] && kill -TERM "$child" 2>/dev/null && wait "$child" 2>/dev/null
  exit 0
}
trap stop TERM INT
pause=1
while true; do
  started=$(date +%s)
  "$@" >>"$log" 2>&1 &
  child=$!
  wait "$child"
  code=$?
  child=
  # Stopped by Ctrl-C (the terminal's INT reaches the command's whole process group): `make run`
  # is being stopped, and its own TERM follows; not a crash to restart.
  if [ "$code" -eq 130 ]; then exit 0; fi
  if [ $(( $(date +%s) - started )) -ge 60 ]; then pause=1; fi
  echo "$(date '+%F %T') $name stopped (exit $code); starting it again in ${pause} s" | tee -a "$log" >&2
  sleep "$pause" & wait $!
  pause=$(( pause * 2 > 30 ? 30 : pause * 2 ))
done
