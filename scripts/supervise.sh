#!/usr/bin/env bash
# Runs a command again whenever it stops, until this script is told to stop (TERM, INT or HUP),
# which stops the command too. For `make run`'s background services; production uses systemd's
# Restart=always (docs/deployment.md). A command that dies at once is restarted after a
# growing pause (1 s, 2 s, 4 s ... 30 s), so a broken one does not spin.
#   scripts/supervise.sh NAME LOGFILE [--heartbeat FILE SECONDS] COMMAND [ARG...]
# With --heartbeat the command is told FILE (POWERDESK_HEARTBEAT_FILE) and touches it as it beats
# (powerdesk/ops/heartbeat.py): one still running that has not touched it for SECONDS (hung: alive,
# not beating) is stopped — TERM, then KILL ten seconds later, with every process it started — and
# started again.
set -uo pipefail
name=$1 log=$2
shift 2
beat_file= beat_limit=
if [ "${1:-}" = --heartbeat ]; then
  beat_file=$2 beat_limit=$3
  shift 3
  export POWERDESK_HEARTBEAT_FILE=$beat_file
fi
child=
stop() {
  trap '' TERM INT HUP  # told twice (a process group's and a parent's): stopped once
  [ -n "$child" ] && kill -TERM "$child" 2>/dev/null && wait "$child" 2>/dev/null
  exit 0
}
trap stop TERM INT HUP
# The processes started by $1, deepest first.
descendants() {
  local pid
  for pid in $(ps -o pid= --ppid "$1" 2>/dev/null); do
    descendants "$pid"
    echo "$pid"
  done
}
# Signal $2 to the child and every process under it (uv, then the service itself).
signal_tree() {
  # shellcheck disable=SC2046
  kill -"$2" $(descendants "$1") "$1" 2>/dev/null || true
}
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
      signal_tree "$child" TERM
      for _ in $(seq 1 20); do
        kill -0 "$child" 2>/dev/null || break
        sleep 0.5 & wait $!
      done
      signal_tree "$child" KILL
      return
    fi
  done
}
pause=1
while true; do
  started=$(date +%s)
  "$@" >>"$log" 2>&1 &
  child=$!
  [ -n "$beat_file" ] && watch_beat
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
