#!/usr/bin/env bash
# Starts Debian's PostgreSQL cluster and makes the role the test suite uses (CREATEDB, so that
# the test runner can make its own test database). Safe to run again.
set -euo pipefail
version=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
as_postgres() { if [ "$(id -u)" -eq 0 ]; then su postgres -c "$1"; else sudo -u postgres bash -c "$1"; fi; }
SUDO=; [ "$(id -u)" -ne 0 ] && SUDO=sudo
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$version main$"; then
  $SUDO pg_createcluster "$version" main >/dev/null
fi
if ! pg_lsclusters -h | grep -q "^$version *main .*online"; then
  $SUDO pg_ctlcluster "$version" main start
fi
for _ in $(seq 1 30); do
  as_postgres "psql -qtAc 'select 1'" >/dev/null 2>&1 && break
  sleep 1
done
as_postgres "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='powerdesk'\"" | grep -q 1 ||
  as_postgres "psql -qc \"CREATE USER powerdesk WITH PASSWORD 'powerdesk' CREATEDB\""
as_postgres "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='powerdesk'\"" | grep -q 1 ||
  as_postgres "createdb -O powerdesk powerdesk"
