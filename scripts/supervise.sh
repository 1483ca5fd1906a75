#!/usr/bin/env bash
# Runs a command again whenever it stops, until this script is told to stop (TERM, INT or HUP),
# which stops the command too. For `make run`'s background services; production uses systemd's
# Restart=always (docs/deployment.md). A command that dies at once is restarted after a
# growing pause (1 s, 2 s, 4 s ... 30 s), so a broken one does not spin.
#   scripts/supervise.sh NAME LOGFILE [--heartbeat FILE SECONDS] COMMAND [ARG...]
# With --heartbeat the command is told FILE (POWERDESK_HEARTBEAT_FILE) and touches it as it beats
# (powerdesk/ops/heartbeat.py): one still running that has not touched it for SECONDS (hung: alive,
# not beating) is stopped — TERM, then KILL ten seconds later, with every process it started — and
# started again. A beat the database did not take (SQLite locked, PostgreSQL down) does not touch
# the file: a worker that cannot write its heartbeat for SECONDS is stopped mid-task, and its task
# is handed back and run again (docs/deployment.md).
# The command runs in a session (process group) of its own, signalled whole: a process it started
# (`uv run` -> python) stays in the group when the one between exits on TERM, and gets the KILL.
set -uo pipefail
name=$1 log=$2
shift 2
beat_file= beat_limit=
if [ "${1:-}" = --heartbeat ]; then
  beat_file=$2 beat_limit=$3
  shift 3
  export POWERDESK_HEARTBEAT_FILE=$beat_file
fi
child=  # the command's pid, and its process group's id
# Stop the child's process group: TERM, then KILL what is left of it after $1 half-seconds.
stop_group() {
  kill -TERM -- "-$child" 2>/dev/null || return 0
  for _ in $(seq 1 "$1"); do
    kill -0 -- "-$child" 2>/dev/null || return 0
    sleep 0.5 & wait $!
  done
  kill -KILL -- "-$child" 2>/dev/null || true
}
stop() {
  trap '' TERM INT HUP  # told twice (a process group's and a parent's): stopped once
  # Within eight seconds: scripts/serve.sh kills this script's own group after ten.
  if [ -n "$child" ]; then stop_group 16; wait "$child" 2>/dev/null; fi
  exit 0
}
trap stop TERM INT HUP
# While the child runs: stop it once its heartbeat file is older than the limit (twice the limit
# from its start until it first beats: a start on a loaded machine is slow).
watch_beat() {
  local last limit now every=$(( beat_limit < 10 ? 1 : 5 ))
  while kill -0 "$child" 2>/dev/null; do
    sleep "$every" & wait $!
    now=$(date +%s)
    last=$(stat -c %Y "$beat_file" 2>/dev/null || echo 0)
    limit=$beat_limit
    if [ "$last" -lt "$started" ]; then last=$started limit=$(( beat_limit * 2 )); fi
    if [ $(( now - last )) -gt "$limit" ] && kill -0 "$child" 2>/dev/null; then
      echo "$(date '+%F %T') $name has not beaten for $(( now - last )) s (limit ${limit} s): stopping it" | tee -a "$log" >&2
      stop_group 20
      return
    fi
  done
}
pause=1
while true; do
  started=$(date +%s)
  # (Not a process group's leader, setsid runs the command in this very process: its pid is the
  # group's id.)
  setsid "$@" >>"$log" 2>&1 &
  child=$!
  [ -n "$beat_file" ] && watch_beat
  wait "$child"
  code=$?
  child=
  # Stopped by Ctrl-C (exit 130: INT, sent to it by hand or as `make run` is being stopped, its
  # own TERM following): not a crash to restart.
  if [ "$code" -eq 130 ]; then exit 0; fi
  if [ $(( $(date +%s) - started )) -ge 60 ]; then pause=1; fi
  echo "$(date '+%F %T') $name stopped (exit $code); starting it again in ${pause} s" | tee -a "$log" >&2
  sleep "$pause" & wait $!
  pause=$(( pause * 2 > 30 ? 30 : pause * 2 ))
done
