#!/usr/bin/env bash
# Imports a generated WordPress export (bench/make-wxr.py) into an empty site, in Release, and reports the file's size,
# the comments per second (of the import itself, from its report, and of the whole run with start-up and migrations),
# the process's peak memory (GNU time's maximum resident set size) and the machine's load before and after.
# Usage: bench/import-wordpress.sh [POSTS] [COMMENTS_PER_POST]   (default 1000 × 100 = 100,000 comments)
# GAZETTE_BENCH_DLL=/path/Gazette.dll runs that build instead of building this tree (before/after at the same moment).
# SQLite by default, in a new data folder; with GAZETTE_BENCH_POSTGRES="Host=…;Username=…" (a user that may create
# databases) on PostgreSQL, in a new database dropped afterwards. The file is written under $TMPDIR (default /tmp) and
# deleted at the end: 1,000 × 1,000 makes about 1.2 GB.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
POSTS=${1:-1000}
PER_POST=${2:-100}
COMMENTS=$((POSTS * PER_POST))
WORK=$(mktemp -d "${TMPDIR:-/tmp}/gazette-import-bench.XXXXXX")
DATABASE="gazette_import_bench_$$"
cleanup() {
    rm -rf "$WORK"
    if [ -n "${GAZETTE_BENCH_POSTGRES:-}" ]; then
        psql "$(pg_uri)" -qc "DROP DATABASE IF EXISTS $DATABASE" >/dev/null 2>&1 || echo "drop the database $DATABASE by hand"
    fi
}
# psql takes the same server as a keyword list: Host=h;Username=u;Password=p → host=h user=u password=p dbname=postgres.
pg_uri() {
    echo "$GAZETTE_BENCH_POSTGRES" | tr ';' '\n' | sed -E 's/^[Hh]ost=/host=/; s/^[Uu]ser(name| ID)?=/user=/; s/^[Pp]assword=/password=/; s/^[Pp]ort=/port=/' \
        | grep -E '^(host|user|password|port)=' | tr '\n' ' '
    echo "dbname=postgres"
}
trap cleanup EXIT
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }

python3 "$ROOT/bench/make-wxr.py" "$POSTS" "$PER_POST" > "$WORK/big.xml"
echo "File: $(stat -c %s "$WORK/big.xml" | numfmt --to=iec --suffix=B) ($(stat -c %s "$WORK/big.xml") bytes), $POSTS posts × $PER_POST comments = $COMMENTS comments"
# GAZETTE_BENCH_DLL: a build saved elsewhere (an earlier commit's bin/Release/net10.0/Gazette.dll), to compare at the same moment.
if [ -n "${GAZETTE_BENCH_DLL:-}" ]; then
    DLL="$GAZETTE_BENCH_DLL"
else
    dotnet build -c Release "$ROOT/src/Gazette" -v quiet -nologo >/dev/null
    DLL="$ROOT/src/Gazette/bin/Release/net10.0/Gazette.dll"
fi
echo "Build: $DLL"
DB_ARGS=()
if [ -n "${GAZETTE_BENCH_POSTGRES:-}" ]; then
    DB_ARGS=(--Database:Provider Postgres --ConnectionStrings:Gazette "$GAZETTE_BENCH_POSTGRES;Database=$DATABASE")
    echo "Database: PostgreSQL ($DATABASE)"
else
    echo "Database: SQLite"
fi
cd "$ROOT/src/Gazette"
echo "Load before: $(uptime)"
/usr/bin/time -f "%e s elapsed, %U s user and %S s system CPU, %M KB peak resident memory" -o "$WORK/time.txt" \
    dotnet "$DLL" import wordpress "$WORK/big.xml" --Storage:DataFolder "$WORK/data" --Demo:Enabled false \
    --Logging:LogLevel:Default Warning "${DB_ARGS[@]}" > "$WORK/report.txt" 2>"$WORK/progress.txt"
echo "Load after:  $(uptime)"
grep -E "comment (approved|pending|spam|trashed|placeholder)|records read|stopped" "$WORK/report.txt"
cat "$WORK/time.txt"
seconds=$(cut -d' ' -f1 "$WORK/time.txt")
import_seconds=$(grep -oP 'records read in \K[0-9.,]+(?= s)' "$WORK/report.txt" | tr -d ,)
python3 -c "print(f'{$COMMENTS / $import_seconds:,.0f} comments/s in the import ({$import_seconds} s, from its report)')"
python3 -c "print(f'{$COMMENTS / $seconds:,.0f} comments/s over the whole run (start-up and migrations included)')"
cpu=$(grep -oP '[0-9.]+(?= s user)|[0-9.]+(?= s system)' "$WORK/time.txt" | paste -sd+ | bc)
python3 -c "print(f'{$COMMENTS / $cpu:,.0f} comments per CPU second of the process (start-up included; what a busy machine does not change)')"
