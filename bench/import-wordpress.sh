#!/usr/bin/env bash
# Imports a generated WordPress export (bench/make-wxr.py) into an empty SQLite site, in Release, and reports the time,
# the comments per second and the process's peak memory (GNU time's maximum resident set size).
# Usage: bench/import-wordpress.sh [POSTS] [COMMENTS_PER_POST]   (default 1000 × 100 = 100,000 comments)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
POSTS=${1:-1000}
PER_POST=${2:-100}
WORK=$(mktemp -d /tmp/gazette-import-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }

python3 "$ROOT/bench/make-wxr.py" "$POSTS" "$PER_POST" > "$WORK/big.xml"
echo "File: $(du -h "$WORK/big.xml" | cut -f1), $POSTS posts × $PER_POST comments = $((POSTS * PER_POST)) comments"
dotnet build -c Release "$ROOT/src/Gazette" -v quiet -nologo >/dev/null
DLL="$ROOT/src/Gazette/bin/Release/net10.0/Gazette.dll"
cd "$ROOT/src/Gazette"
/usr/bin/time -f "%e s elapsed, %M KB peak resident memory" -o "$WORK/time.txt" \
    dotnet "$DLL" import wordpress "$WORK/big.xml" --Storage:DataFolder "$WORK/data" --Demo:Enabled false \
    --Logging:LogLevel:Default Warning > "$WORK/report.txt" 2>/dev/null
grep -E "comment (approved|pending|spam)|records read" "$WORK/report.txt"
cat "$WORK/time.txt"
seconds=$(cut -d' ' -f1 "$WORK/time.txt")
python3 -c "print(f'{$((POSTS * PER_POST)) / $seconds:,.0f} comments/s over the whole run (start-up and migrations included)')"
