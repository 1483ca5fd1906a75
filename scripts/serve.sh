#!/usr/bin/env bash
# Serves PowerDesk for a developer: the task worker in the background, the web server in front.
# The address and the logins are printed once the server answers, not when it starts loading.
set -euo pipefail
host=${1:-127.0.0.1}
port=${2:-8000}
url="http://$host:$port"
uv_run=(python3 -m uv run)
mkdir -p var
# Text messages go to the demo SMS gateway (its page shows them; reply there as a villager).
sms_port=${POWERDESK_DEMO_SMS_PORT:-8025}
export POWERDESK_SMS_URL=${POWERDESK_SMS_URL:-http://127.0.0.1:$sms_port/send}
export POWERDESK_SMS_TOKEN=${POWERDESK_SMS_TOKEN:-demo-gateway}

"${uv_run[@]}" powerdesk db_worker --queue-name default >var/worker.log 2>&1 &
worker=$!
"${uv_run[@]}" powerdesk escalate --every 5 >>var/worker.log 2>&1 &
escalator=$!
# Staff corrections retrain the call classifier once a day (kept only if no worse).
"${uv_run[@]}" powerdesk retrain_classifier --every 24 >>var/worker.log 2>&1 &
retrainer=$!
# Restoration-time estimates learn from the restored outages once a day.
"${uv_run[@]}" powerdesk retrain_etr --every 24 >>var/worker.log 2>&1 &
etr_retrainer=$!
# The live outage engine: takes calls and meter signals as they are stored (var/outages.log).
"${uv_run[@]}" powerdesk outage_service >var/outages.log 2>&1 &
outages=$!
# Notifications' clock: retries due, planned-outage reminders, tasks left by a killed worker.
"${uv_run[@]}" powerdesk notify_service >>var/worker.log 2>&1 &
notifier=$!
"${uv_run[@]}" powerdesk sms_gateway --port "$sms_port" --site "$url" >var/sms.log 2>&1 &
gateway=$!
"${uv_run[@]}" powerdesk runserver "$host:$port" --noreload &
server=$!
trap 'kill $worker $escalator $retrainer $etr_retrainer $outages $notifier $gateway $server 2>/dev/null || true' EXIT INT TERM

echo "Starting PowerDesk on $url ..."
# The demo's logins, from the one list the README's table is made from.
logins=$("${uv_run[@]}" powerdesk demo --logins)
# Wait for the login page itself: the first request is the one that loads everything.
until python3 -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=120)" \
    "$url/accounts/login/" 2>/dev/null; do
  if ! kill -0 "$server" 2>/dev/null; then
    echo "The web server stopped before it answered (see above)." >&2
    exit 1
  fi
  sleep 1
done

cat <<MSG

PowerDesk is at $url
$logins
The task worker logs to var/worker.log, the outage engine to var/outages.log. Stop with Ctrl-C.
Text messages sent, and replies as a villager: the demo SMS gateway at http://127.0.0.1:$sms_port/
A storm on the demo station through the API, in another terminal (a storm minute a second):
  python3 -m uv run powerdesk replay --station guanglu --url $url

MSG
wait "$server"
