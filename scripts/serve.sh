#!/usr/bin/env bash
# Serves PowerDesk for a developer: the task worker in the background, the web server in front.
set -euo pipefail
host=${1:-127.0.0.1}
port=${2:-8000}
uv_run=(python3 -m uv run)

"${uv_run[@]}" powerdesk db_worker --queue-name default >var/worker.log 2>&1 &
worker=$!
"${uv_run[@]}" powerdesk escalate --every 5 >>var/worker.log 2>&1 &
escalator=$!
trap 'kill $worker $escalator 2>/dev/null || true' EXIT INT TERM

cat <<MSG

PowerDesk is at http://$host:$port
Log in as gl_chief (station chief), gl_counter (counter), gl_dispatch (dispatcher),
gl_crew1 (crew), zm_liaison (左门 liaison) or gl_admin (administrator); password: powerdesk
The task worker logs to var/worker.log. Stop with Ctrl-C.

MSG
"${uv_run[@]}" powerdesk runserver "$host:$port" --noreload
