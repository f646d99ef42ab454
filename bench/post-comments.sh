#!/usr/bin/env bash
# Comment posting throughput over HTTP: the Release site on SQLite, wrk posting new comments through the JSON API,
# first from one client (one connection, one request at a time), then from 16 concurrent clients. Afterwards the
# database is counted: every comment acknowledged with a 2xx must be there, none lost. The comment rate limits are
# raised far above what wrk sends (one client posts thousands a second): it measures posting, with the limiter's cost in.
#
#   bench/post-comments.sh                 # 15 s per measurement
#   DURATION=3s SKIP_BUILD=1 bench/post-comments.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DURATION=${DURATION:-15s}
SKIP_BUILD=${SKIP_BUILD:-0}
PORT=${PORT:-5190}
ARTICLE=${ARTICLE:-lumara-fold-2-durability-test}
RUN=$ROOT/bench/results/post-comments-$(date -u +%Y%m%dT%H%M%SZ)
SUMMARY=$ROOT/bench/results/post-comments.md
mkdir -p "$RUN"

command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null)
command -v sqlite3 >/dev/null || (apt-get update -qq && apt-get install -y -qq sqlite3 >/dev/null)
[ "$SKIP_BUILD" = 1 ] || dotnet build -c Release src/Gazette -v q -nologo >/dev/null

dotnet src/Gazette/bin/Release/net10.0/Gazette.dll --contentRoot "$ROOT/src/Gazette" --urls "http://127.0.0.1:$PORT" \
  --Storage:DataFolder="$RUN/data" --Logging:LogLevel:Default=Warning \
  --RateLimits:Comments:PerIdentity=1000000000 --RateLimits:Comments:PerIp=1000000000 >"$RUN/site.log" 2>&1 &
SITE=$!
trap 'kill $SITE 2>/dev/null || true; wait $SITE 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/" >/dev/null && break; sleep 0.5; done

count() { sqlite3 "$RUN/data/gazette.db" "SELECT COUNT(*) FROM Comments c JOIN Articles a ON a.Id = c.ArticleId WHERE a.Slug = '$ARTICLE';"; }

echo "| Clients | Duration | Comments/s | p50 (ms) | p99 (ms) | Posted (2xx) | Non-2xx | Socket errors | In the database |" >"$RUN/table.md"
echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |" >>"$RUN/table.md"
for clients in 1 16; do
  jar="$RUN/cookies-$clients"
  token=$(curl -s -c "$jar" "http://127.0.0.1:$PORT/api/v1/antiforgery" | sed 's/.*"token":"\([^"]*\)".*/\1/')
  cookies=$(awk '!/^#/ && NF >= 7 { printf "%s=%s; ", $6, $7 }' "$jar"; awk '/^#HttpOnly_/ { printf "%s=%s; ", $6, $7 }' "$jar")
  before=$(count)
  threads=$([ "$clients" = 1 ] && echo 1 || echo 2)
  TOKEN=$token COOKIES=$cookies POST_PATH="/api/v1/articles/$ARTICLE/comments" \
    wrk -t"$threads" -c"$clients" -d"$DURATION" --latency -s bench/post-comment.lua "http://127.0.0.1:$PORT" >"$RUN/wrk-$clients.txt"
  sleep 1
  after=$(count)
  rps=$(awk '/Requests\/sec/ { print $2 }' "$RUN/wrk-$clients.txt")
  p50=$(awk '$1 == "50%" { print $2 }' "$RUN/wrk-$clients.txt")
  p99=$(awk '$1 == "99%" { print $2 }' "$RUN/wrk-$clients.txt")
  posted=$(awk '/^POSTED/ { print $2 }' "$RUN/wrk-$clients.txt")
  non2xx=$(awk '/^POSTED/ { print $4 }' "$RUN/wrk-$clients.txt")
  sockets=$(awk '/Socket errors/ { print $0 }' "$RUN/wrk-$clients.txt" | tr -d ',' | awk '{ s = 0; for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+$/) s += $i; print s }')
  echo "| $clients | $DURATION | $rps | $p50 | $p99 | $((posted - non2xx)) | $non2xx | ${sockets:-0} | $((after - before)) |" >>"$RUN/table.md"
done

{
  echo "# Comment posting over HTTP"
  echo
  echo "Measured $(date -u '+%Y-%m-%d %H:%M') UTC on $(nproc) cores, commit $(git rev-parse --short HEAD), SQLite (WAL, synchronous=NORMAL)."
  echo "wrk posts to POST /api/v1/articles/$ARTICLE/comments; 'In the database' counts the rows added during the run"
  echo "(it may exceed 'Posted' by the requests still in flight when wrk stopped counting; it must never be lower)."
  echo
  cat "$RUN/table.md"
} >"$SUMMARY"
cat "$SUMMARY"
