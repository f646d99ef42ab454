#!/usr/bin/env bash
# A PostgreSQL tablespace on a file system of its own, 16 MB of tmpfs, which the disk-full tests fill for real
# (tests/Gazette.Tests/Operations/DiskFullSite.cs). Run as root on the server's machine; prints the tablespace's name,
# for GAZETTE_TEST_POSTGRES_SMALL_TABLESPACE. Usage: postgres-small-tablespace.sh [PORT [ROLE]] (5432, gazette_ci).
set -euo pipefail
port=${1:-5432}
role=${2:-gazette_ci}
name=gazette_small
dir=/var/lib/postgresql/gazette-small-tablespace

mkdir -p "$dir"
fresh=no
if ! mountpoint -q "$dir"; then
  mount -t tmpfs -o size=16m,mode=0700 gazette-small "$dir"
  fresh=yes
fi
chown postgres:postgres "$dir"
psql() { (cd / && runuser -u postgres -- psql -p "$port" -v ON_ERROR_STOP=1 -q "$@"); }
if [ "$fresh" = yes ]; then
  # A tablespace left from before the file system was made again (a restart) points at nothing: made anew.
  psql -c "DROP TABLESPACE IF EXISTS $name" >/dev/null 2>&1 || true
fi
psql <<SQL
SELECT 'CREATE TABLESPACE $name LOCATION ''$dir''' WHERE NOT EXISTS (SELECT FROM pg_tablespace WHERE spcname = '$name') \gexec
GRANT CREATE ON TABLESPACE $name TO $role;
SQL
echo "$name"
