#!/usr/bin/env bash
# Starts a local PostgreSQL for the installation-store tests and prints its DATABASE_URL.
#   eval "$(bash scripts/start-postgres.sh)"   # sets TEST_DATABASE_URL
# Debian/Ubuntu only (apt-get, pg_ctlcluster). Needs root: PostgreSQL itself runs as the
# `postgres` user, since it refuses to run as root. Idempotent: safe to run again.
# Everything but the final `export` line goes to stderr.
set -euo pipefail

DB="${CONDUCT_TEST_DB:-conduct_test}"
DB_USER="${CONDUCT_TEST_DB_USER:-conduct_test}"
DB_PASSWORD="${CONDUCT_TEST_DB_PASSWORD:-conduct_test_password}"

log() { echo "start-postgres: $*" >&2; }

if [ "$(id -u)" -ne 0 ]; then
  log "must run as root (it installs and starts PostgreSQL as the postgres user)"
  exit 1
fi

if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  log "installing postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi

VERSION="$(ls /usr/lib/postgresql | sort -V | tail -1)"
if ! pg_lsclusters -h | awk '{print $1"/"$2}' | grep -qx "${VERSION}/main"; then
  log "creating cluster ${VERSION}/main"
  pg_createcluster "${VERSION}" main >&2
fi
PORT="$(pg_lsclusters -h | awk -v v="${VERSION}" '$1==v && $2=="main" {print $3}')"

if ! pg_lsclusters -h | awk -v v="${VERSION}" '$1==v && $2=="main" {print $4}' | grep -q online; then
  log "starting cluster ${VERSION}/main on port ${PORT}"
  pg_ctlcluster "${VERSION}" main start >&2
fi

for _ in $(seq 1 50); do
  if su postgres -c "pg_isready -q -p ${PORT}" >/dev/null 2>&1; then break; fi
  sleep 0.2
done

psql_admin() { su postgres -c "psql -v ON_ERROR_STOP=1 -q -p ${PORT} -d postgres -tAc \"$1\""; }

if [ "$(psql_admin "SELECT 1 FROM pg_roles WHERE rolname='${DB_USER}'")" != "1" ]; then
  log "creating user ${DB_USER}"
  psql_admin "CREATE ROLE ${DB_USER} LOGIN PASSWORD '${DB_PASSWORD}'" >&2
fi
if [ "$(psql_admin "SELECT 1 FROM pg_database WHERE datname='${DB}'")" != "1" ]; then
  log "creating database ${DB}"
  psql_admin "CREATE DATABASE ${DB} OWNER ${DB_USER}" >&2
fi

echo "export TEST_DATABASE_URL=postgres://${DB_USER}:${DB_PASSWORD}@127.0.0.1:${PORT}/${DB}"
