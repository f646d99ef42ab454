#!/usr/bin/env bash
# Scale-out figures over HTTP: the same Release site on SQLite, on PostgreSQL + Redis, and as two instances behind
# nginx against one behind the same nginx. Each setup is measured on:
#   - the 300-comment article page as everyone gets it (the page cache on: in memory, or shared in Redis);
#   - the same page as a reader who has taken part gets it (a gazette_reader cookie: never from the page cache, so the
#     database answers every request);
#   - comment posting through the JSON API from 16 concurrent clients, then a count of the database: every comment
#     acknowledged with a 2xx must be there.
#
#   bench/scale-out.sh                      # 15 s per measurement, about 6 minutes in all
#   DURATION=3s SKIP_BUILD=1 bench/scale-out.sh
#
# Run as root on a machine with PostgreSQL (Debian's postgresql, its first cluster is started when down), redis-server,
# nginx and wrk (each installed when missing). A database and user are made for the run and dropped afterwards; Redis
# and nginx run privately on free ports. Writes bench/results/scale-out-<time>/ and bench/results/scale-out.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-5s}
CONNECTIONS=${CONNECTIONS:-32}
CLIENTS=${CLIENTS:-16}
SKIP_BUILD=${SKIP_BUILD:-0}
PORT_BASE=${PORT_BASE:-5280}
ARTICLE=corvex-nova-7-review
POST_ARTICLE=lumara-fold-2-durability-test
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RUN=$ROOT/bench/results/scale-out-$STAMP
SUMMARY=$ROOT/bench/results/scale-out.md
SITE_DLL=$ROOT/src/Gazette/bin/Release/net10.0/Gazette.dll
PIDS=()
DB=gazette_bench_${STAMP,,}
PGUSER_BENCH=gazette_bench

source "$ROOT/bench/lib.sh"
cleanup() {
    # The instances before Redis and PostgreSQL, so that they stop without seeing either go.
    declare -F stop_sites >/dev/null && stop_sites
    kill_all
    [[ -n ${PGPORT:-} ]] && (cd / && runuser -u postgres -- psql -p "$PGPORT" -q -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1) || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

need wrk wrk
need nginx nginx
need redis-server redis-server
need pg_ctlcluster postgresql
need sqlite3 sqlite3
need ss iproute2
mkdir -p "$RUN"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
[[ $SKIP_BUILD == 1 ]] || dotnet build -c Release src/Gazette -v q -nologo | tail -n 2 >&2

# PostgreSQL: the first cluster, a user and an empty database for this run (Gazette migrates it and loads the demo).
read -r PGVERSION PGCLUSTER PGPORT < <(pg_lsclusters --no-header | awk 'NR == 1 { print $1, $2, $3 }')
pg_lsclusters --no-header | awk 'NR == 1 { print $4 }' | grep -q online || pg_ctlcluster "$PGVERSION" "$PGCLUSTER" start
PGPASSWORD_BENCH=$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')
(cd / && runuser -u postgres -- psql -p "$PGPORT" -v ON_ERROR_STOP=1 -q -v password="$PGPASSWORD_BENCH") <<SQL
SELECT 'CREATE ROLE $PGUSER_BENCH LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PGUSER_BENCH') \gexec
ALTER ROLE $PGUSER_BENCH WITH LOGIN PASSWORD :'password';
CREATE DATABASE $DB OWNER $PGUSER_BENCH;
SQL
(cd / && runuser -u postgres -- psql -p "$PGPORT" -d "$DB" -q -c "CREATE EXTENSION IF NOT EXISTS unaccent")
POSTGRES="Host=127.0.0.1;Port=$PGPORT;Database=$DB;Username=$PGUSER_BENCH;Password=$PGPASSWORD_BENCH;Maximum Pool Size=50"

# Ports: Redis from PORT_BASE + 40, nginx from + 30, instances from + 10 (each taken before the next is looked for).
REDIS_PORT=$(free_port $((PORT_BASE + 40)))
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no >"$RUN/redis.log" 2>&1 &
PIDS+=("$!")
until redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; do sleep 0.1; done

SITES=()
start_site() { # name database(sqlite|postgres): starts one instance on a free port, appends its port to SITES
    local name=$1 port log=$RUN/site-$1.log
    local settings=(--Storage:DataFolder="$RUN/data-$2" --Logging:LogLevel:Default=Warning
        --RateLimits:Comments:PerIdentity=1000000000 --RateLimits:Comments:PerIp=1000000000)
    if [[ $2 == postgres ]]; then
        settings+=(--Database:Provider=Postgres --ConnectionStrings:Gazette="$POSTGRES"
            --Redis:Configuration="127.0.0.1:$REDIS_PORT" --Privacy:IpHashKey="bench-ip-hash-key-bench-ip-hash-key")
    fi
    port=$(free_port $((PORT_BASE + 10 + ${#SITES[@]})))
    ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production \
        dotnet "$SITE_DLL" --contentRoot "$ROOT/src/Gazette" --urls "http://127.0.0.1:$port" "${settings[@]}" >"$log" 2>&1 &
    PIDS+=("$!")
    SITE_PIDS+=("$!")
    wait_for "http://127.0.0.1:$port/" "$!" "$log"
    SITES+=("$port")
}

NGINX_PID=""
start_nginx() { # in front of every port in SITES with deploy/nginx.conf (docs/deployment.md's), sets NGINX_PORT
    NGINX_PORT=$(free_port $((PORT_BASE + 30)))
    mkdir -p "$RUN/nginx-temp"
    local servers="" port
    for port in "${SITES[@]}"; do servers+="    server 127.0.0.1:$port max_fails=3 fail_timeout=10s;\n"; done
    # The site's file with its upstream servers and listen address replaced, as the multi-instance tests do.
    awk -v servers="$servers" -v listen="listen 127.0.0.1:$NGINX_PORT;" '
        /^[[:space:]]*server [^{]*:[0-9]+.*;/ { if (!done) { printf "%s", servers; done = 1 } next }
        /^[[:space:]]*listen / { print "    " listen; next }
        { print }' "$ROOT/deploy/nginx.conf" >"$RUN/gazette-nginx.conf"
    grep -q "127.0.0.1:${SITES[0]}" "$RUN/gazette-nginx.conf" || { echo "deploy/nginx.conf: no upstream server line replaced" >&2; exit 1; }
    cat >"$RUN/nginx.conf" <<EOF
daemon off;
worker_processes auto;
pid $RUN/nginx.pid;
error_log $RUN/nginx-error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    keepalive_requests 1000000;
    client_body_temp_path $RUN/nginx-temp/body;
    proxy_temp_path $RUN/nginx-temp/proxy;
    fastcgi_temp_path $RUN/nginx-temp/fastcgi;
    uwsgi_temp_path $RUN/nginx-temp/uwsgi;
    scgi_temp_path $RUN/nginx-temp/scgi;
    include $RUN/gazette-nginx.conf;
}
EOF
    nginx -p "$RUN" -c "$RUN/nginx.conf" >"$RUN/nginx.log" 2>&1 &
    NGINX_PID=$!
    PIDS+=("$NGINX_PID")
    wait_for "http://127.0.0.1:$NGINX_PORT/" "$NGINX_PID" "$RUN/nginx-error.log"
}

SITE_PIDS=()
stop_sites() {
    local pid
    for pid in "${SITE_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    SITE_PIDS=()
    SITES=()
}

page() { # key url [cookie]: requests/s and p99 of one page, "rps p99"
    local out=$RUN/wrk-$1.txt
    local header=()
    [[ -n ${3:-} ]] && header=(-H "Cookie: $3")
    [[ $(curl -s -o /dev/null -w '%{http_code}' "${header[@]}" "$2") == 200 ]] || { echo "GET $2 did not answer 200" >&2; exit 1; }
    wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" "${header[@]}" "$2" >/dev/null
    wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "${header[@]}" "$2" >"$out"
    echo "$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$out") $(to_ms "$(awk '$1 == "99%" {print $2}' "$out")") $(awk '/Non-2xx/ {print $NF}' "$out")"
}

count_comments() { # database -> comments on the posting article
    local sql="SELECT COUNT(*) FROM \"Comments\" c JOIN \"Articles\" a ON a.\"Id\" = c.\"ArticleId\" WHERE a.\"Slug\" = '$POST_ARTICLE';"
    if [[ $1 == sqlite ]]; then
        sqlite3 "$RUN/data-sqlite/gazette.db" "$sql"
    else
        (cd / && runuser -u postgres -- psql -p "$PGPORT" -d "$DB" -tAq -c "$sql")
    fi
}

post() { # key base-url database: comments/s, p99, acknowledged, in the database, "rps p99 acked stored"
    local out=$RUN/wrk-$1.txt jar=$RUN/cookies-$1 token cookies before after posted non2xx
    token=$(curl -s -c "$jar" "$2/api/v1/antiforgery" | sed 's/.*"token":"\([^"]*\)".*/\1/')
    cookies=$(awk '!/^#/ && NF >= 7 { printf "%s=%s; ", $6, $7 } /^#HttpOnly_/ { printf "%s=%s; ", $6, $7 }' "$jar")
    before=$(count_comments "$3")
    TOKEN=$token COOKIES=$cookies POST_PATH="/api/v1/articles/$POST_ARTICLE/comments" \
        wrk -t2 -c"$CLIENTS" -d"$DURATION" --latency -s bench/post-comment.lua "$2" >"$out"
    sleep 1
    after=$(count_comments "$3")
    posted=$(awk '/^POSTED/ { print $2 }' "$out")
    non2xx=$(awk '/^POSTED/ { print $4 }' "$out")
    echo "$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$out") $(to_ms "$(awk '$1 == "99%" {print $2}' "$out")") $((posted - non2xx)) $((after - before)) $non2xx"
}

ROWS=()
measure() { # key label base-url database
    local key=$1
    shift
    echo "== $1" >&2
    read -r crps cp99 cerr < <(page "$key-cached" "$2/articles/$ARTICLE")
    read -r urps up99 uerr < <(page "$key-reader" "$2/articles/$ARTICLE" "gazette_reader=bench")
    read -r prps pp99 acked stored perr < <(post "$key-post" "$2" "$3")
    ROWS+=("| $1 | $crps | $cp99 | $urps | $up99 | $prps | $pp99 | $acked | $stored | $((${cerr:-0} + ${uerr:-0} + ${perr:-0})) |")
    echo "   ${ROWS[-1]}" >&2
    if ((stored < acked)); then
        echo "Comments acknowledged but not in the database: $acked acknowledged, $stored stored" >&2
        exit 1
    fi
}

start_site sqlite sqlite
measure sqlite "SQLite, 1 instance" "http://127.0.0.1:${SITES[0]}" sqlite
stop_sites

start_site postgres-a postgres
measure postgres "PostgreSQL + Redis, 1 instance" "http://127.0.0.1:${SITES[0]}" postgres
start_nginx
measure nginx-1 "PostgreSQL + Redis, 1 instance behind nginx" "http://127.0.0.1:$NGINX_PORT" postgres
kill "$NGINX_PID"; wait "$NGINX_PID" 2>/dev/null || true
start_site postgres-b postgres
start_nginx
measure nginx-2 "PostgreSQL + Redis, 2 instances behind nginx" "http://127.0.0.1:$NGINX_PORT" postgres

{
    echo "# Scale-out over HTTP"
    echo
    echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores, commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'),"
    echo "PostgreSQL $PGVERSION, $(redis-server --version | awk '{print $1, $3}'), $(nginx -v 2>&1 | sed 's/.*: //'). Load average before: $LOAD_BEFORE."
    echo "Pages: wrk -t2 -c$CONNECTIONS -d$DURATION after a $WARMUP warm-up, the $ARTICLE article (300 comments)."
    echo "\"Everyone\" is the page as anonymous readers get it (the page cache: memory on SQLite, Redis on PostgreSQL);"
    echo "\"a participant\" sends a gazette_reader cookie, so every request renders the page from the database."
    echo "Posting: wrk -c$CLIENTS through POST /api/v1/articles/$POST_ARTICLE/comments, rate limits raised;"
    echo "\"stored\" counts the database afterwards (never below \"acknowledged\")."
    echo "Everything (wrk, nginx, every instance, PostgreSQL, Redis) shares the same $(nproc) cores."
    echo
    echo "| Setup | Everyone req/s | p99 ms | A participant req/s | p99 ms | Comments/s | p99 ms | Acknowledged | Stored | Errors |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    printf '%s\n' "${ROWS[@]}"
} >"$SUMMARY"
cp "$SUMMARY" "$RUN/summary.md"
cat "$SUMMARY"
