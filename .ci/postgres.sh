#!/usr/bin/env bash
# Installs (if missing) and starts Debian's PostgreSQL, and prints the URL of an empty test database.
set -euo pipefail
if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$version main$"; then
  pg_createcluster "$version" main >&2
fi
pg_ctlcluster "$version" main start >&2 || true
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 && break
  sleep 1
done
su postgres -c "psql -q -v ON_ERROR_STOP=1" >&2 <<'SQL'
SELECT 'CREATE ROLE mmskills LOGIN PASSWORD ''mmskills'' CREATEDB'
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'mmskills')\gexec
-- FORCE ends connections a previous run left behind, which would make the drop fail.
DROP DATABASE IF EXISTS mmskills_test WITH (FORCE);
CREATE DATABASE mmskills_test OWNER mmskills;
SQL
echo "postgres://mmskills:mmskills@127.0.0.1:5432/mmskills_test"
