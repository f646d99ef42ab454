#!/usr/bin/env bash
# A page-cache hit of the 300-comment article page in Brotli against nginx sending the same Brotli bytes as a static
# file, measured in turn (Gazette, nginx, Gazette, nginx...) so that both meet the same moments of a shared machine.
# Requests/s and server CPU per request (the server's own CPU time from /proc over the run, nginx's workers included).
#
#   bench/page-cache-hit.sh                      # builds Release, then 3 rounds of 10 s each side: about 2 minutes
#   ROUNDS=5 DURATION=5s SKIP_BUILD=1 bench/page-cache-hit.sh
#
# Settings (environment): ROUNDS (3), DURATION (10s), WARMUP (3s, before each run), FIRST_WARMUP (15s, Gazette's
# once before the first round, so that its code runs optimised), CONNECTIONS (32), THREADS (2, wrk's),
# SKIP_BUILD (0), PORT_BASE (5280), FAST_LANE_MB (64; 0 sends hits through the whole pipeline, as before the fast lane).
# Writes bench/results/page-cache-hit-<time>/ and the summary to bench/results/page-cache-hit.md.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-3s}
FIRST_WARMUP=${FIRST_WARMUP:-15s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
SKIP_BUILD=${SKIP_BUILD:-0}
PORT_BASE=${PORT_BASE:-5280}
FAST_LANE_MB=${FAST_LANE_MB:-64}

SITE_DLL=$ROOT/src/Gazette/bin/Release/net10.0/Gazette.dll
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RUN=$ROOT/bench/results/page-cache-hit-$STAMP
DATA=$RUN/data
SUMMARY=$ROOT/bench/results/page-cache-hit.md
CLK_TCK=$(getconf CLK_TCK)
PAGE=/articles/corvex-nova-7-review
PIDS=()

source "$ROOT/bench/lib.sh"
trap kill_all EXIT
trap 'exit 130' INT TERM
need wrk wrk
need nginx nginx
need curl curl
need ss iproute2

mkdir -p "$RUN" "$DATA" "$RUN/www/articles" "$RUN/nginx-temp"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
if [[ $SKIP_BUILD != 1 ]]; then
    dotnet build -c Release src/Gazette -v quiet -nologo | tail -n 3 >&2
fi

SITE_PORT=$(free_port "$PORT_BASE")
ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production \
    dotnet "$SITE_DLL" --contentRoot "$ROOT/src/Gazette" --urls "http://127.0.0.1:$SITE_PORT" \
    --Storage:DataFolder="$DATA" --PageCache:Enabled=true --PageCache:FastLaneMegabytes="$FAST_LANE_MB" \
    --Logging:LogLevel:Default=Warning >"$RUN/site.log" 2>&1 &
SITE_PID=$!
PIDS+=("$SITE_PID")
wait_for "http://127.0.0.1:$SITE_PORT/" "$SITE_PID" "$RUN/site.log"
SITE=http://127.0.0.1:$SITE_PORT$PAGE
# Rendered and kept, then sent again from the page cache: the bytes nginx will send.
curl -s -o /dev/null -H 'Accept-Encoding: br' "$SITE"
curl -s -o "$RUN/page.br" -D "$RUN/headers-gazette.txt" -H 'Accept-Encoding: br' "$SITE"
grep -qi '^content-encoding: br' "$RUN/headers-gazette.txt" || { echo "Gazette did not answer in Brotli" >&2; exit 1; }
cp "$RUN/page.br" "$RUN/www/articles/corvex-nova-7-review.html.br"

NGINX_PORT=$(free_port $((SITE_PORT + 1)))
cat >"$RUN/nginx.conf" <<CONF
daemon off;
worker_processes auto;
pid $RUN/nginx.pid;
error_log $RUN/nginx-error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    default_type text/html;
    charset utf-8;
    client_body_temp_path $RUN/nginx-temp/body;
    proxy_temp_path $RUN/nginx-temp/proxy;
    fastcgi_temp_path $RUN/nginx-temp/fastcgi;
    uwsgi_temp_path $RUN/nginx-temp/uwsgi;
    scgi_temp_path $RUN/nginx-temp/scgi;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $RUN/www;
        location / {
            add_header Content-Encoding br;
            add_header Vary Accept-Encoding;
            try_files \$uri.html.br =404;
        }
    }
}
CONF
nginx -p "$RUN" -c "$RUN/nginx.conf" >"$RUN/nginx.log" 2>&1 &
NGINX_PID=$!
PIDS+=("$NGINX_PID")
NGINX_URL=http://127.0.0.1:$NGINX_PORT$PAGE
wait_for "$NGINX_URL" "$NGINX_PID" "$RUN/nginx-error.log"
curl -s -o "$RUN/page-nginx.br" -H 'Accept-Encoding: br' "$NGINX_URL"
cmp -s "$RUN/page.br" "$RUN/page-nginx.br" || { echo "nginx did not send the same bytes" >&2; exit 1; }

one() { # name url pid round -> appends "name round rps cpu_us other%" to $RUN/rows
    local name=$1 url=$2 pid=$3 round=$4 out=$RUN/wrk-$1-$4.txt
    local busy0 total0 s0 busy1 total1 s1
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H 'Accept-Encoding: br' "$url" >/dev/null
    busy0=$(busy_jiffies) total0=$(total_jiffies) s0=$(process_jiffies "$pid")
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H 'Accept-Encoding: br' "$url" >"$out"
    busy1=$(busy_jiffies) total1=$(total_jiffies) s1=$(process_jiffies "$pid")
    awk -v name="$name" -v round="$round" -v j="$((s1 - s0))" -v hz="$CLK_TCK" -v b="$((busy1 - busy0))" -v t="$((total1 - total0))" \
        -v avg="$(cut -d' ' -f1 /proc/loadavg)" '
        / requests in / { n = $1 }
        /^Requests\/sec:/ { rps = $2 }
        /Non-2xx or 3xx responses:/ { errors += $NF }
        END { printf "%s %s %.0f %.1f %.0f %s %d\n", name, round, rps, (n > 0 ? j * 1000000 / hz / n : 0), (t > 0 ? 100 * b / t : 0), avg, errors }' \
        "$out" >>"$RUN/rows"
    tail -n 1 "$RUN/rows" >&2
}

# Both servers warmed up once at length first (Gazette's code is compiled again, optimised, after its first calls).
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$FIRST_WARMUP" -H 'Accept-Encoding: br' "$SITE" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H 'Accept-Encoding: br' "$NGINX_URL" >/dev/null
: >"$RUN/rows"
for ((round = 1; round <= ROUNDS; round++)); do
    one gazette "$SITE" "$SITE_PID" "$round"
    one nginx "$NGINX_URL" "$NGINX_PID" "$round"
done
SERVED=$(curl -s "http://127.0.0.1:$SITE_PORT/" -o /dev/null -w '%{http_code}')

{
    echo "# Page-cache hit against nginx"
    echo
    echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores, commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), PageCache:FastLaneMegabytes=$FAST_LANE_MB."
    echo "\`wrk -t$THREADS -c$CONNECTIONS -d$DURATION -H 'Accept-Encoding: br'\` after a $WARMUP warm-up, Gazette and nginx in turn, $ROUNDS rounds;"
    echo "$(stat -c %s "$RUN/page.br") bytes of Brotli, $PAGE. Load average before: $LOAD_BEFORE."
    echo "\"Busy\" is the share of the machine's CPU in use during the run (wrk and the server included); load is the 1-minute load average at its end."
    echo
    echo "| Round | Gazette req/s | nginx req/s | Ratio | Gazette CPU µs/req | nginx CPU µs/req | CPU ratio | Busy G / n | Load |"
    echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    awk '
        $1 == "gazette" { g[$2] = $3; gc[$2] = $4; gb[$2] = $5; gl[$2] = $6; e += $7 }
        $1 == "nginx" { n[$2] = $3; nc[$2] = $4; nb[$2] = $5; nl[$2] = $6; e += $7 }
        END {
            for (r = 1; r in g; r++) {
                printf "| %d | %d | %d | %.2f | %.1f | %.1f | %.2f | %d%% / %d%% | %s |\n", r, g[r], n[r], (n[r] ? g[r] / n[r] : 0), gc[r], nc[r], (nc[r] ? gc[r] / nc[r] : 0), gb[r], nb[r], nl[r]
                sg += g[r]; sn += n[r]; scg += gc[r]; scn += nc[r]; k++
            }
            printf "| all | %d | %d | **%.2f** | %.1f | %.1f | %.2f | | |\n", sg / k, sn / k, (sn ? sg / sn : 0), scg / k, scn / k, (scn ? scg / scn : 0)
            printf "\nErrors (non-2xx answers): %d.\n", e
        }' "$RUN/rows"
} >"$SUMMARY"
cp "$SUMMARY" "$RUN/summary.md"
cat "$SUMMARY"
[[ $SERVED == 200 ]] || echo "The site answered $SERVED at the end; see $RUN/site.log" >&2
