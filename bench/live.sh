#!/usr/bin/env bash
# Live discussions' figures (docs/live.md), on one Release instance (SQLite, the demo site, in-process streams):
#   - the site's memory with N idle live readers of one article, against none, and per reader;
#   - from a comment posted through the JSON API to its event's arrival at each of N readers: p50, p99, max;
#   - the article page's requests/s (wrk, the page cache on) with 1,000 live readers connected, against none.
# The readers are held by bench/Gazette.Benchmarks (`live`), on the same machine: its CPU is the site's competitor.
#
#   bench/live.sh                                   # 1,000 and 10,000 readers, 10 comments each; about 3 minutes
#   READERS="1000" COMMENTS=5 DURATION=5s SKIP_BUILD=1 bench/live.sh
#
# Settings (environment): READERS ("1000 10000"), COMMENTS (10), DURATION (10s, each wrk run), CONNECTIONS (32),
# PAGE_READERS (1000), SKIP_BUILD (0), PORT_BASE (5380). Writes bench/results/live-<time>/ and bench/results/live.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
READERS=${READERS:-"1000 10000"}
COMMENTS=${COMMENTS:-10}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
PAGE_READERS=${PAGE_READERS:-1000}
SKIP_BUILD=${SKIP_BUILD:-0}
PORT_BASE=${PORT_BASE:-5380}
ARTICLE=/articles/corvex-nova-7-review
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RUN=$ROOT/bench/results/live-$STAMP
SUMMARY=$ROOT/bench/results/live.md
SITE_DLL=$ROOT/src/Gazette/bin/Release/net10.0/Gazette.dll
BENCH_DLL=$ROOT/bench/Gazette.Benchmarks/bin/Release/net10.0/Gazette.Benchmarks.dll
PIDS=()

source "$ROOT/bench/lib.sh"
trap kill_all EXIT
trap 'exit 130' INT TERM
need wrk wrk
need curl curl
need ss iproute2
# 10,000 readers are 10,000 sockets on each side.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

mkdir -p "$RUN/data"
if [[ $SKIP_BUILD != 1 ]]; then
    dotnet build -c Release src/Gazette -v quiet -nologo | tail -n 3 >&2
    dotnet build -c Release bench/Gazette.Benchmarks -v quiet -nologo | tail -n 3 >&2
fi

PORT=$(free_port "$PORT_BASE")
ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production \
    dotnet "$SITE_DLL" --contentRoot "$ROOT/src/Gazette" --urls "http://127.0.0.1:$PORT" \
    --Storage:DataFolder="$RUN/data" --Moderation:MinSecondsBeforePost=0 \
    --RateLimits:Comments:PerIp=1000000 --RateLimits:Comments:PerIdentity=1000000 \
    --Logging:LogLevel:Default=Warning >"$RUN/site.log" 2>&1 &
SITE_PID=$!
PIDS+=("$SITE_PID")
wait_for "http://127.0.0.1:$PORT/" "$SITE_PID" "$RUN/site.log"
SITE=http://127.0.0.1:$PORT

{
    echo "## Live discussions ($STAMP, load before: $(cut -d' ' -f1-3 /proc/loadavg))"
    echo
    echo '| readers | site memory before (MB) | with readers, idle (MB) | per reader (KB) | arrivals | missing | p50 (ms) | p99 (ms) | max (ms) |'
    echo '|---:|---:|---:|---:|---:|---:|---:|---:|---:|'
} >"$RUN/summary.md"

for n in $READERS; do
    dotnet "$BENCH_DLL" live --site "$SITE" --article "$ARTICLE" --readers "$n" --comments "$COMMENTS" --pid "$SITE_PID" | tee "$RUN/readers-$n.txt"
    mem=$(grep '^readers=' "$RUN/readers-$n.txt")
    lat=$(grep '^comments=' "$RUN/readers-$n.txt")
    field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"; }
    echo "| $n | $(field rss_before_mb "$mem") | $(field rss_idle_mb "$mem") | $(field per_connection_kb "$mem") | $(field arrivals "$lat") | $(field missing "$lat") | $(field p50_ms "$lat") | $(field p99_ms "$lat") | $(field max_ms "$lat") |" >>"$RUN/summary.md"
done

# The article page (from the page cache) with and without live readers of it, in turn: none, readers, none, readers.
wrk_rps() { wrk -t2 -c"$CONNECTIONS" -d"$DURATION" "$SITE$ARTICLE" | awk '/Requests\/sec/ {print $2}'; }
curl -s -o /dev/null "$SITE$ARTICLE"
wrk -t2 -c"$CONNECTIONS" -d3s "$SITE$ARTICLE" >/dev/null # warm-up
declare -a none with
for round in 1 2; do
    none+=("$(wrk_rps)")
    dotnet "$BENCH_DLL" live --site "$SITE" --article "$ARTICLE" --readers "$PAGE_READERS" --comments 0 --hold 600 >"$RUN/hold-$round.txt" 2>&1 &
    HOLD_PID=$!
    PIDS+=("$HOLD_PID")
    until grep -qs holding "$RUN/hold-$round.txt"; do
        kill -0 "$HOLD_PID" 2>/dev/null || { cat "$RUN/hold-$round.txt" >&2; exit 1; }
        sleep 0.5
    done
    with+=("$(wrk_rps)")
    kill "$HOLD_PID" 2>/dev/null || true
    wait "$HOLD_PID" 2>/dev/null || true
done
{
    echo
    echo "Article page ($ARTICLE, page cache on), wrk -t2 -c$CONNECTIONS -d$DURATION, requests/s, in turn:"
    echo "none ${none[*]}; with $PAGE_READERS live readers ${with[*]}."
} >>"$RUN/summary.md"
cat "$RUN/summary.md"
cat "$RUN/summary.md" >>"$SUMMARY"
