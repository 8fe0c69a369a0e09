#!/usr/bin/env bash
# Installs (if needed) and starts Debian's PostgreSQL server for the test suite, creates a
# role and database, and prints the SQLAlchemy URL on the last line.
set -euo pipefail

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then echo "PostgreSQL is not installed and this is not root" >&2; exit 1; fi
  apt-get install -y -q postgresql >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q postgresql >/dev/null 2>&1; }
fi
version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^${version} main$"; then
  pg_createcluster "$version" main >/dev/null
fi
pg_ctlcluster "$version" main start >/dev/null 2>&1 || true
port="$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $3}')"
for _ in $(seq 1 30); do
  su postgres -c "psql -p $port -Atc 'select 1'" >/dev/null 2>&1 && break
  sleep 0.5
done
su postgres -c "psql -p $port -v ON_ERROR_STOP=0 -qc \"CREATE ROLE hinagata LOGIN PASSWORD 'hinagata'\"" >/dev/null 2>&1 || true
su postgres -c "createdb -p $port -O hinagata hinagata_test" >/dev/null 2>&1 || true
echo "postgresql+psycopg://hinagata:hinagata@127.0.0.1:${port}/hinagata_test"
