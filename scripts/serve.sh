#!/usr/bin/env bash
# Serves PowerDesk for a developer: the task worker in the background, the web server in front.
# The address and the logins are printed once the server answers, not when it starts loading.
set -euo pipefail
host=${1:-127.0.0.1}
port=${2:-8000}
url="http://$host:$port"
uv_run=(python3 -m uv run)
# The logs, the workers' heartbeat files and the rest go to the data folder, as the database
# and the secret key do (POWERDESK_DATA_DIR, var/ unless set).
data=${POWERDESK_DATA_DIR:-var}
mkdir -p "$data"
# Text messages go to the demo SMS gateway (its page shows them; reply there as a villager).
sms_port=${POWERDESK_DEMO_SMS_PORT:-8025}
export POWERDESK_SMS_URL=${POWERDESK_SMS_URL:-http://127.0.0.1:$sms_port/send}
export POWERDESK_SMS_TOKEN=${POWERDESK_SMS_TOKEN:-demo-gateway}

# The site runs as in production (DEBUG off, gunicorn, static files by WhiteNoise), over plain
# HTTP on this machine: no TLS, so cookies are not marked HTTPS-only. Without
# POWERDESK_SECRET_KEY the key is made once and kept in the data folder (secret_key, mode 0600:
# powerdesk/lib/secret_key.py). POWERDESK_DEBUG=1 asks for Django's development server and its
# debug pages instead (tracebacks in the browser: never on a machine others can reach).
export POWERDESK_DEBUG=${POWERDESK_DEBUG:-0}
export POWERDESK_TLS=${POWERDESK_TLS:-0}

# Stopping this script (Ctrl-C, `kill PID`: TERM, the terminal closed: HUP, or any of them sent to
# `make run`'s whole process group) stops everything it started. Each
# background service runs in a process group of its own (its supervisor, uv and the service),
# stopped whole; what this script waits for runs in the background too, so that a signal is
# handled at once, not once a minute-long step (loading the demo's logins) is over.
groups=()  # the services' and the web server's
step=      # the step waited for now
# "$@" in the background, in a process group of its own, whose id is its pid ($!).
spawn() {
  set -m
  "$@" &
  set +m
}
# A step of the start waited for: its exit status.
run_step() {
  spawn "$@"
  step=$!
  local code=0
  wait "$step" || code=$?
  step=
  return "$code"
}
stopping=0
stop_all() {
  [ "$stopping" = 1 ] && return
  stopping=1
  # Further signals are not let kill this script half way: `make run`'s process group told to
  # stop (kill -TERM -PGID) sends TERM twice, the group's and the one make passes on to it.
  trap '' INT TERM HUP
  local pid alive
  [ -n "$step" ] && groups+=("$step")
  for pid in "${groups[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  # A service that does not stop within ten seconds of being asked is killed.
  for _ in $(seq 1 20); do
    alive=0
    for pid in "${groups[@]}"; do kill -0 -- "-$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.5
  done
  for pid in "${groups[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap 'stop_all; exit 143' TERM
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 129' HUP
trap stop_all EXIT
# Each background service is started again if it stops (scripts/supervise.sh).
supervise() {
  spawn ./scripts/supervise.sh "$@" </dev/null
  groups+=($!)
}
# A worker alive that has stopped beating for STALE_AFTER (powerdesk/ops/heartbeat.py, 60 s) is hung:
# started again.
beat_limit=60
supervise worker "$data/worker.log" --heartbeat "$data/worker.beat" "$beat_limit" \
  "${uv_run[@]}" powerdesk worker --queue-name default
# The models' retraining (minutes) on its own worker: text messages never wait behind it.
supervise trainer "$data/worker.log" --heartbeat "$data/trainer.beat" "$beat_limit" \
  "${uv_run[@]}" powerdesk worker --queue-name training
supervise escalate "$data/worker.log" "${uv_run[@]}" powerdesk escalate --every 5
# Staff corrections retrain the call classifier once a day (kept only if no worse).
supervise retrainer "$data/worker.log" "${uv_run[@]}" powerdesk retrain_classifier --every 24
# Restoration-time estimates learn from the restored outages once a day.
supervise etr_retrainer "$data/worker.log" "${uv_run[@]}" powerdesk retrain_etr --every 24
# Meter pings: a round every five minutes for the stations with a head-end ping address.
supervise ping_meters "$data/worker.log" "${uv_run[@]}" powerdesk ping_meters --every 5
# Meter pings past their retention (90 days unless POWERDESK_PING_KEEP_DAYS says) are purged.
supervise purge_pings "$data/worker.log" "${uv_run[@]}" powerdesk purge_pings --every 6
# The live outage engine: takes calls and meter signals as they are stored ($data/outages.log).
supervise outage_service "$data/outages.log" "${uv_run[@]}" powerdesk outage_service
# Notifications' clock: retries due, planned-outage reminders, tasks left by a killed worker.
supervise notify_service "$data/worker.log" "${uv_run[@]}" powerdesk notify_service
supervise sms_gateway "$data/sms.log" "${uv_run[@]}" powerdesk sms_gateway --port "$sms_port" --site "$url"
if [[ "${POWERDESK_DEBUG,,}" =~ ^(1|true|yes|on)$ ]]; then
  spawn "${uv_run[@]}" powerdesk runserver "$host:$port" --noreload </dev/null
else
  spawn "${uv_run[@]}" powerdesk serve --bind "$host:$port" </dev/null
fi
server=$!
groups+=("$server")

echo "Starting PowerDesk on $url ..."
# Without a stored call classifier (the first start, or after an upgrade of its notes) the site
# does not wait for one: the task worker trains it (queued by the retrainer above, a few
# minutes) and the web workers read it once it is stored, without a restart. Meanwhile calls
# are taken as usual, the category chosen by hand and urgency by the rules.
if ! run_step "${uv_run[@]}" python -m powerdesk.servicedesk.understanding.stored </dev/null; then
  echo "No call classifier is stored yet: the task worker trains one now (a few minutes, see"
  echo "$data/worker.log). Calls are taken meanwhile; choose their category by hand until then."
fi
told=0
# The demo's logins, from the one list the README's table is made from.
logins_file="$data/.logins"
run_step "${uv_run[@]}" powerdesk demo --logins </dev/null >"$logins_file"
logins=$(cat "$logins_file")
rm -f "$logins_file"
# Wait for the site to answer: a web worker takes requests only once it has loaded everything
# (ops/gunicorn_conf.py). Asked of /healthz, which the request log leaves out (a machine asks
# it every few seconds), so the tries queued while the workers load are not logged when they
# are answered; any answer will do, 503 too (a background service may not have beaten yet).
started=$SECONDS
until run_step python3 - "$url/healthz" 2>/dev/null <<'PY'
import sys, urllib.error, urllib.request
try:
    urllib.request.urlopen(sys.argv[1], timeout=15)
except urllib.error.HTTPError:
    pass  # it answered
PY
do
  if ! kill -0 "$server" 2>/dev/null; then
    echo "The web server stopped before it answered (see above)." >&2
    exit 1
  fi
  run_step sleep 1
  if [ "$told" = 0 ] && [ $((SECONDS - started)) -ge 30 ]; then
    told=1
    echo "Loading the call classifier ..."
  fi
done

cat <<MSG

PowerDesk is at $url
$logins
The task worker logs to $data/worker.log, the outage engine to $data/outages.log; both are started
again if they stop. Health: $url/healthz. Stop with Ctrl-C.
Text messages sent, and replies as a villager: the demo SMS gateway at http://127.0.0.1:$sms_port/
A storm on the demo station through the API, in another terminal (a storm minute a second):
  python3 -m uv run powerdesk replay --station guanglu --url $url

MSG
wait "$server"
