#!/usr/bin/env bash
# Gazette and WordPress side by side, in one run on this machine: the same article with the same comments on both,
# loaded in turn (Gazette, WordPress, Gazette, WordPress...) so that both see the same moments of a shared machine.
#
#   bench/wordpress.sh                                      # builds Release, 25 to 35 minutes on this machine
#   DURATION=5s WARMUP=2s ROUNDS=1 CONNECTIONS=16 SKIP_BUILD=1 UPDATE_DOCS=0 bench/wordpress.sh   # a quick check
#
# Runs as root on Debian: installs wordpress (6.1), mariadb-server, php-fpm and nginx with apt-get when missing, and
# runs its own MariaDB (socket only), php-fpm (a unix socket) and nginx (127.0.0.1, free ports) on configs of its own
# under the run's folder; the only file written outside it is /etc/wordpress/config-<run>.php, the host file Debian's
# WordPress reads, removed at the end. Nothing is downloaded. Everything started is stopped on exit, also on Ctrl-C.
#
# The articles: Gazette's bench-300-seed-thread and bench-2000-seed-thread (the benchmark seeder's --seed-thread-first:
# the 300-comment demo article's title, body and image; the first 14 comments the demo's written discussion, in the
# seed thread's shape; then generated ones), copied into WordPress with every published article, the same authors,
# categories, tags and featured images, and the comments with their nesting, names, times and text (bench/wordpress/setup.php).
#
# Measured, each at every CONNECTIONS count and ROUNDS times in turn:
#   - each article uncached: Gazette with every comment shown (as WordPress shows them) and Gazette on its default first
#     page, against WordPress (php-fpm, no page cache);
#   - the 300-comment article cached: Gazette's page cache (every comment shown) against nginx's fastcgi_cache in front
#     of WordPress;
#   - POSTS sequential replies from one client on one kept-alive connection: Gazette through its JSON API, WordPress
#     through wp-comments-post.php as a guest (WordPress's flood check never refuses, Gazette's rate limits are raised);
#   - the memory of each stack's processes at the end.
# Server CPU is read from /proc for the servers' processes: Gazette's dotnet, or nginx + php-fpm + mariadbd.
#
# Settings (environment): DURATION (15s), WARMUP (5s), CONNECTIONS ("16 32"), THREADS (2, wrk's), ROUNDS (2),
# POSTS (200), WARMUP_POSTS (2000: replies to the 2,000-comment article before each stack's round, not measured, so
# that the measured ones find Gazette's code compiled to its final tier, as a site that has run a while has it), PHP_WORKERS (php-fpm's static pool, 8), WP_THEME (twentytwentyone; Debian's default twentytwentythree
# is several times slower, see docs/benchmarks.md), COMPRESSION (auto: none, and gzip too when Gazette answers gzip;
# or none, gzip), PARTS ("pages posting"), MIN_REQUESTS (20) and MAX_DURATION (120s: a page answered fewer times is
# measured again for longer, up to that), SKIP_BUILD (0), PORT_BASE (5480), UPDATE_DOCS (1: write the summary into
# docs/benchmarks.md, between its markers).
# Writes bench/results/wordpress-<time>/ (wrk output, pages, logs, configs) and bench/results/wordpress.md.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-5s}
CONNECTIONS=${CONNECTIONS:-16 32}
THREADS=${THREADS:-2}
ROUNDS=${ROUNDS:-2}
POSTS=${POSTS:-200}
WARMUP_POSTS=${WARMUP_POSTS:-2000}
PHP_WORKERS=${PHP_WORKERS:-8}
WP_THEME=${WP_THEME:-twentytwentyone}
COMPRESSION=${COMPRESSION:-auto}
SKIP_BUILD=${SKIP_BUILD:-0}
PORT_BASE=${PORT_BASE:-5480}
UPDATE_DOCS=${UPDATE_DOCS:-1}
PARTS=${PARTS:-pages posting}
MIN_REQUESTS=${MIN_REQUESTS:-20}
MAX_DURATION=${MAX_DURATION:-120s}

SITE_DLL=$ROOT/src/Gazette/bin/Release/net10.0/Gazette.dll
BENCH_DLL=$ROOT/bench/Gazette.Benchmarks/bin/Release/net10.0/Gazette.Benchmarks.dll
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RUN=$ROOT/bench/results/wordpress-$STAMP
SUMMARY=$ROOT/bench/results/wordpress.md
DOCS=$ROOT/docs/benchmarks.md
CLK_TCK=$(getconf CLK_TCK)
SIZES=(300 2000)
POST_SIZE=300
WARM_SIZE=2000
WP_CONFIG=gazette-bench-${STAMP,,}
WP_CONFIG_FILE=/etc/wordpress/config-$WP_CONFIG.php
# Gazette showing every comment, as WordPress does (page_comments off): all threads on one page, every level, no budget.
ALL_COMMENTS=(--Discussion:ThreadsPerPage=1000 --Discussion:MaxDisplayDepth=20 --Discussion:CommentBudget=1000000)

PIDS=()
source "$ROOT/bench/lib.sh"
cleanup() {
    kill_all
    rm -f "$WP_CONFIG_FILE"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ((EUID != 0)); then
    echo "Run as root: it installs packages and writes $WP_CONFIG_FILE" >&2
    exit 1
fi
need wrk wrk
need sqlite3 sqlite3
need curl curl
need ss iproute2
if [[ ! -f /usr/share/wordpress/wp-load.php ]] || [[ ! -d /usr/share/wordpress/wp-content/themes/$WP_THEME ]] || ! command -v mariadbd >/dev/null || ! compgen -G '/usr/sbin/php-fpm*' >/dev/null \
    || ! command -v nginx >/dev/null; then
    echo "Installing wordpress, mariadb-server, php-fpm and nginx..." >&2
    # policy-rc.d or not, the services Debian starts are not used: this script runs its own.
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wordpress wordpress-theme-twentytwentyone mariadb-server php-fpm php-mysql nginx >/dev/null
fi
PHP_FPM=$(compgen -G '/usr/sbin/php-fpm*' | sort -V | tail -n 1)

mkdir -p "$RUN"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
if [[ $SKIP_BUILD != 1 ]]; then
    dotnet build -c Release bench/Gazette.Benchmarks -v quiet -nologo | tail -n 3 >&2
fi

# --- Gazette's data: the demo, then the two articles; a copy per instance -------------------------------------------

start_gazette() { # name data-folder settings... -> sets GAZETTE_PORT and GAZETTE_PID
    local name=$1 data=$2 log=$RUN/gazette-$1.log
    shift 2
    GAZETTE_PORT=$(free_port "$PORT_BASE")
    ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production \
        dotnet "$SITE_DLL" --contentRoot "$ROOT/src/Gazette" --urls "http://127.0.0.1:$GAZETTE_PORT" \
        --Storage:DataFolder="$data" --Logging:LogLevel:Default=Warning "$@" >"$log" 2>&1 &
    GAZETTE_PID=$!
    PIDS+=("$GAZETTE_PID")
    wait_for "http://127.0.0.1:$GAZETTE_PORT/" "$GAZETTE_PID" "$log"
}

echo "== Gazette: loading the demo and adding the articles (${SIZES[*]} comments)" >&2
start_gazette setup "$RUN/data"
kill "$GAZETTE_PID" && wait "$GAZETTE_PID" 2>/dev/null || true
dotnet "$BENCH_DLL" seed --data-folder "$RUN/data" --comments "$(IFS=,; echo "${SIZES[*]}")" --seed-thread-first >&2
slug() { echo "bench-$1-seed-thread"; }

DB=$RUN/data/gazette.db
sqlite3 -json "$DB" >"$RUN/articles.json" <<'SQL'
SELECT a.Slug, a.Title, a.Excerpt, a.BodyHtml, a.PublishedAt, au.Name AS Author, c.Name AS Category,
       (SELECT group_concat(t.Name, char(31)) FROM ArticleTags at JOIN Tags t ON t.Id = at.TagsId WHERE at.ArticlesId = a.Id) AS Tags,
       a.Image_Path AS ImagePath, a.Image_Alt AS ImageAlt, a.Image_Width AS ImageWidth, a.Image_Height AS ImageHeight
FROM Articles a JOIN Authors au ON au.Id = a.AuthorId LEFT JOIN Categories c ON c.Id = a.CategoryId
WHERE a.Status = 2 -- ArticleStatus.Published
ORDER BY a.PublishedAt, a.Id;
SQL
IN_LIST=$(for size in "${SIZES[@]}"; do printf "'%s'," "$(slug "$size")"; done)
# Comments shown to readers (Status 0: CommentStatus.Approved), in reading order: time, then id.
sqlite3 -json "$DB" >"$RUN/comments.json" <<SQL
SELECT c.Id, c.ParentId, a.Slug, c.AuthorName, c.AuthorEmail, c.BodyHtml, c.CreatedAt
FROM Comments c JOIN Articles a ON a.Id = c.ArticleId
WHERE a.Slug IN (${IN_LIST%,}) AND c.Status = 0 ORDER BY a.Id, c.CreatedAt, c.Id;
SQL
# The comments the posting measurement replies to on Gazette, in the same order as WordPress's list.
sqlite3 "$DB" "SELECT c.Id FROM Comments c JOIN Articles a ON a.Id = c.ArticleId WHERE a.Slug = '$(slug $POST_SIZE)' AND c.Status = 0
    ORDER BY c.CreatedAt, c.Id;" | paste -sd ' ' >"$RUN/gazette-parents.txt"
sqlite3 "$DB" "SELECT c.Id FROM Comments c JOIN Articles a ON a.Id = c.ArticleId WHERE a.Slug = '$(slug $WARM_SIZE)' AND c.Status = 0
    ORDER BY c.CreatedAt, c.Id;" | paste -sd ' ' >"$RUN/gazette-parents-warm.txt"
for name in all first cached; do cp -a "$RUN/data" "$RUN/data-$name"; done

# --- WordPress: MariaDB, the host config, php-fpm, nginx, then the install and the copy ------------------------------

echo "== WordPress: MariaDB, php-fpm and nginx on this machine's loopback" >&2
MYSQL_SOCKET=$RUN/mysqld.sock
mariadb-install-db --datadir="$RUN/mysql" --user=root --auth-root-authentication-method=socket --skip-test-db \
    >"$RUN/mariadb-install.log" 2>&1
# Debian's server settings (utf8mb4), on a socket only. Commits are written at once and flushed to disk once a second
# (innodb_flush_log_at_trx_commit=2), as Gazette's SQLite runs under WAL with synchronous=NORMAL: neither waits for the
# disk at every comment, and both survive the process dying.
mariadbd --datadir="$RUN/mysql" --socket="$MYSQL_SOCKET" --pid-file="$RUN/mysqld.pid" --skip-networking --user=root \
    --log-error="$RUN/mariadb.log" --innodb-flush-log-at-trx-commit=2 >"$RUN/mariadbd.out" 2>&1 &
MARIADB_PID=$!
PIDS+=("$MARIADB_PID")
for ((i = 0; i < 120; i++)); do
    mariadb-admin --socket="$MYSQL_SOCKET" -u root ping >/dev/null 2>&1 && break
    kill -0 "$MARIADB_PID" 2>/dev/null || { cat "$RUN/mariadb.log" >&2; exit 1; }
    sleep 0.5
done
DB_PASSWORD=$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')
mariadb --socket="$MYSQL_SOCKET" -u root <<SQL
CREATE DATABASE wordpress CHARACTER SET utf8mb4;
CREATE USER 'wordpress'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON wordpress.* TO 'wordpress'@'localhost';
SQL

WP_PORT=$(free_port $((PORT_BASE + 100)))
WP_CACHED_PORT=$(free_port $((WP_PORT + 1)))
WP=http://127.0.0.1:$WP_PORT
mkdir -p "$RUN/wp-uploads" "$RUN/nginx-temp" "$RUN/nginx-cache"
salt() { head -c 48 /dev/urandom | base64 | tr -d '\n/+='; }
cat >"$WP_CONFIG_FILE" <<EOF
<?php
// Written by bench/wordpress.sh for the run in $RUN; removed when it ends.
define('DB_NAME', 'wordpress');
define('DB_USER', 'wordpress');
define('DB_PASSWORD', '$DB_PASSWORD');
define('DB_HOST', 'localhost:$MYSQL_SOCKET');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
define('WP_HOME', '$WP');
define('WP_SITEURL', '$WP');
define('WPMU_PLUGIN_DIR', '$ROOT/bench/wordpress/mu-plugins');
// Scheduled tasks run from the system's cron on a real site, not inside page views; nothing may call the internet.
define('DISABLE_WP_CRON', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('AUTH_KEY', '$(salt)');
define('SECURE_AUTH_KEY', '$(salt)');
define('LOGGED_IN_KEY', '$(salt)');
define('NONCE_KEY', '$(salt)');
define('AUTH_SALT', '$(salt)');
define('SECURE_AUTH_SALT', '$(salt)');
define('LOGGED_IN_SALT', '$(salt)');
define('NONCE_SALT', '$(salt)');
EOF

cat >"$RUN/php-fpm.conf" <<EOF
[global]
pid = $RUN/php-fpm.pid
error_log = $RUN/php-fpm.log
daemonize = no

[wordpress]
user = root
group = root
listen = $RUN/php-fpm.sock
listen.mode = 0666
listen.backlog = 4096
; A fixed set of workers: none is started or ended during a measurement, and their CPU stays countable.
pm = static
pm.max_children = $PHP_WORKERS
php_admin_value[error_log] = $RUN/php-errors.log
php_admin_flag[log_errors] = on
EOF
"$PHP_FPM" --nodaemonize --allow-to-run-as-root --fpm-config "$RUN/php-fpm.conf" >"$RUN/php-fpm.out" 2>&1 &
PHP_FPM_PID=$!
PIDS+=("$PHP_FPM_PID")

# The same nginx serves WordPress twice: on WP_PORT every page goes to PHP; on WP_CACHED_PORT through fastcgi_cache
# (the usual recipe: anonymous GETs kept for 10 minutes, skipped for readers with WordPress's comment or login cookies).
# Both tell WordPress they are WP_PORT (its home URL), so that both answer the same bytes.
wp_php() { # extra fastcgi lines
    cat <<EOF
        location ~ \.php\$ {
            try_files \$uri =404;
            # Debian's fastcgi_params with HTTP_HOST as this site's (its file passes \$host, without the port).
            fastcgi_param QUERY_STRING \$query_string;
            fastcgi_param REQUEST_METHOD \$request_method;
            fastcgi_param CONTENT_TYPE \$content_type;
            fastcgi_param CONTENT_LENGTH \$content_length;
            fastcgi_param SCRIPT_NAME \$fastcgi_script_name;
            fastcgi_param REQUEST_URI \$request_uri;
            fastcgi_param DOCUMENT_URI \$document_uri;
            fastcgi_param DOCUMENT_ROOT \$document_root;
            fastcgi_param SERVER_PROTOCOL \$server_protocol;
            fastcgi_param REQUEST_SCHEME \$scheme;
            fastcgi_param GATEWAY_INTERFACE CGI/1.1;
            fastcgi_param SERVER_SOFTWARE nginx/\$nginx_version;
            fastcgi_param REMOTE_ADDR \$remote_addr;
            fastcgi_param REMOTE_PORT \$remote_port;
            fastcgi_param SERVER_ADDR \$server_addr;
            fastcgi_param SERVER_PORT $WP_PORT;
            fastcgi_param SERVER_NAME 127.0.0.1;
            fastcgi_param REDIRECT_STATUS 200;
            fastcgi_param HTTP_HOST 127.0.0.1:$WP_PORT;
            fastcgi_param SCRIPT_FILENAME \$document_root\$fastcgi_script_name;
            fastcgi_param WORDPRESS_CONFIG $WP_CONFIG;
            fastcgi_pass unix:$RUN/php-fpm.sock;
            # A 2,000-comment page under 32 connections waits long in php-fpm's queue: a slow answer, not an error.
            fastcgi_read_timeout 600s;
$1
        }
EOF
}
wp_locations() {
    cat <<EOF
        root /usr/share/wordpress;
        index index.php;
        location /wp-content/uploads/ { alias $RUN/wp-uploads/; }
        location /wp-content/ { root /var/lib/wordpress; }
        location / { try_files \$uri \$uri/ /index.php?\$args; }
EOF
}
cat >"$RUN/nginx.conf" <<EOF
daemon off;
worker_processes auto;
pid $RUN/nginx.pid;
error_log $RUN/nginx-error.log warn;
events {
    worker_connections 4096;
}
http {
    include /etc/nginx/mime.types;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    client_body_temp_path $RUN/nginx-temp/body;
    proxy_temp_path $RUN/nginx-temp/proxy;
    fastcgi_temp_path $RUN/nginx-temp/fastcgi;
    uwsgi_temp_path $RUN/nginx-temp/uwsgi;
    scgi_temp_path $RUN/nginx-temp/scgi;
    # Only for a client that asks (Accept-Encoding: gzip), at nginx's default level; wrk asks only in the gzip rounds.
    gzip on;
    gzip_types text/css application/javascript application/json application/xml text/xml application/rss+xml image/svg+xml;
    fastcgi_cache_path $RUN/nginx-cache levels=1:2 keys_zone=wordpress:16m inactive=60m;
    map \$http_cookie \$wp_skip_cache {
        default 0;
        ~(comment_author|wordpress_logged_in|wp-postpass) 1;
    }
    server {
        listen 127.0.0.1:$WP_PORT;
$(wp_locations)
$(wp_php "")
    }
    server {
        listen 127.0.0.1:$WP_CACHED_PORT;
$(wp_locations)
$(wp_php "            fastcgi_cache wordpress;
            fastcgi_cache_key \$scheme\$request_method\$request_uri;
            fastcgi_cache_valid 200 301 302 10m;
            fastcgi_cache_bypass \$wp_skip_cache;
            fastcgi_no_cache \$wp_skip_cache;
            fastcgi_cache_lock on;
            fastcgi_cache_use_stale updating error timeout;
            add_header X-Cache \$upstream_cache_status;")
    }
}
EOF
nginx -p "$RUN" -c "$RUN/nginx.conf" >"$RUN/nginx.out" 2>&1 &
NGINX_PID=$!
PIDS+=("$NGINX_PID")
for ((i = 0; i < 60; i++)); do
    [[ -S $RUN/php-fpm.sock ]] && [[ -n $(ss -Htln "sport = :$WP_PORT") ]] && break
    kill -0 "$PHP_FPM_PID" 2>/dev/null || { cat "$RUN/php-fpm.log" "$RUN/php-fpm.out" >&2; exit 1; }
    kill -0 "$NGINX_PID" 2>/dev/null || { cat "$RUN/nginx-error.log" "$RUN/nginx.out" >&2; exit 1; }
    sleep 0.25
done

echo "== WordPress: installing, and copying Gazette's articles and comments" >&2
WP_UPLOADS=$RUN/wp-uploads WP_THEME=$WP_THEME php "$ROOT/bench/wordpress/setup.php" "$WP_CONFIG" "127.0.0.1:$WP_PORT" \
    "$RUN/articles.json" "$RUN/comments.json" "$RUN/data/media" "$RUN/wp-parents.txt" >&2
WP_VERSION=$(php -r 'include "/usr/share/wordpress/wp-includes/version.php"; echo $wp_version;')
WP_POST_ID=$(mariadb --socket="$MYSQL_SOCKET" -u root -N wordpress \
    -e "SELECT ID FROM wp_posts WHERE post_name = '$(slug $POST_SIZE)' AND post_type = 'post'")
WP_WARM_ID=$(mariadb --socket="$MYSQL_SOCKET" -u root -N wordpress \
    -e "SELECT ID FROM wp_posts WHERE post_name = '$(slug $WARM_SIZE)' AND post_type = 'post'")

# --- Gazette: three instances, each on its own copy ------------------------------------------------------------------

echo "== Gazette: starting the instances" >&2
# Every comment, no page cache; the posting measurement goes here too (rate limits raised, as WordPress's flood check is off).
start_gazette all "$RUN/data-all" --PageCache:Enabled=false "${ALL_COMMENTS[@]}" \
    --RateLimits:Comments:PerIdentity=1000000000 --RateLimits:Comments:PerIp=1000000000
G_ALL=http://127.0.0.1:$GAZETTE_PORT G_ALL_PID=$GAZETTE_PID
start_gazette first "$RUN/data-first" --PageCache:Enabled=false
G_FIRST=http://127.0.0.1:$GAZETTE_PORT G_FIRST_PID=$GAZETTE_PID
start_gazette cached "$RUN/data-cached" --PageCache:Enabled=true "${ALL_COMMENTS[@]}"
G_CACHED=http://127.0.0.1:$GAZETTE_PORT G_CACHED_PID=$GAZETTE_PID
WP_PIDS=("$NGINX_PID" "$PHP_FPM_PID" "$MARIADB_PID")

# --- Checks: both show every comment; the cache serves; compression -------------------------------------------------

comments_on() { grep -oE 'id="comment-[0-9]+"' "$1" | sort -u | wc -l; }
fetch() { # url file: fails the run unless the url answers 200
    local code
    code=$(curl -s -o "$2" -w '%{http_code}' "$1")
    [[ $code == 200 ]] || { echo "GET $1 answered $code (the body is in $2; see the logs in $RUN)" >&2; exit 1; }
}
for size in "${SIZES[@]}"; do
    fetch "$G_ALL/articles/$(slug "$size")" "$RUN/check-gazette-$size.html"
    fetch "$WP/articles/$(slug "$size")/" "$RUN/check-wordpress-$size.html"
    shown_g=$(comments_on "$RUN/check-gazette-$size.html") shown_w=$(comments_on "$RUN/check-wordpress-$size.html")
    echo "   $(slug "$size"): Gazette shows $shown_g comments, WordPress $shown_w" >&2
    if ((shown_g < size || shown_w < size)); then
        echo "Not every comment is on the page (Gazette $shown_g, WordPress $shown_w of $size)" >&2
        exit 1
    fi
done
fetch "http://127.0.0.1:$WP_CACHED_PORT/articles/$(slug $POST_SIZE)/" /dev/null
cache_status=$(curl -s -D - -o "$RUN/check-wordpress-cached.html" "http://127.0.0.1:$WP_CACHED_PORT/articles/$(slug $POST_SIZE)/" |
    awk -F': ' 'tolower($1) == "x-cache" {print $2}' | tr -d '\r')
[[ $cache_status == HIT ]] || { echo "nginx's fastcgi_cache did not serve the page (X-Cache: $cache_status)" >&2; exit 1; }

gazette_gzip=$(curl -s -H 'Accept-Encoding: gzip' -D - -o /dev/null "$G_ALL/articles/$(slug $POST_SIZE)" |
    awk -F': ' 'tolower($1) == "content-encoding" {print $2}' | tr -d '\r')
case $COMPRESSION in
    auto) if [[ $gazette_gzip == gzip ]]; then MODES=(none gzip); else MODES=(none); fi ;;
    none) MODES=(none) ;;
    gzip) MODES=(gzip) ;;
    *) echo "COMPRESSION is auto, none or gzip" >&2; exit 2 ;;
esac
if [[ " ${MODES[*]} " == *" gzip "* && $gazette_gzip != gzip ]]; then
    echo "Gazette at this commit does not answer gzip: a gzip comparison would not be like for like" >&2
    exit 1
fi

# --- Measuring -------------------------------------------------------------------------------------------------------

children_seconds() { # user + system seconds of this shell's finished children (bash 'times', second line)
    times >"$RUN/.times"
    awk 'NR == 2 { total = 0; for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); total += t[1] * 60 + t[2] } printf "%.2f", total }' "$RUN/.times"
}

settle() { # pids...: until the servers are idle (the queue an aborted warm-up leaves WordPress), 5 minutes at most
    local i j0
    for ((i = 0; i < 600; i++)); do
        j0=$(process_jiffies "$@")
        sleep 0.5
        (($(process_jiffies "$@") - j0 <= 1)) && return 0
    done
}
seconds() { awk -v d="$1" 'BEGIN { n = d + 0; if (d ~ /m$/) n *= 60; printf "%d", n }'; } # 15s -> 15, 2m -> 120

declare -A RPS P99 CPU OTHER ERRORS BYTES SHOWN TOOK
measure() { # key url mode connections pids...: one warm-up, then one measured wrk run (longer when too few answers)
    local key=$1 url=$2 mode=$3 connections=$4
    shift 4
    local out=$RUN/wrk-$key.txt page=$RUN/page-$key.html header=()
    [[ $mode == gzip ]] && header=(-H "Accept-Encoding: gzip")
    local code
    code=$(curl -s -o "$page" -w '%{http_code} %{size_download}' "${header[@]}" "$url")
    [[ ${code%% *} == 200 ]] || { echo "GET $url answered ${code%% *}" >&2; exit 1; }
    BYTES[$key]=${code##* }
    SHOWN[$key]=$([[ $mode == gzip ]] && gzip -dc "$page" | grep -oE 'id="comment-[0-9]+"' | sort -u | wc -l || comments_on "$page")
    settle "$@"
    wrk -t"$THREADS" -c"$connections" -d"$WARMUP" --timeout 600s "${header[@]}" "$url" >/dev/null
    settle "$@"
    # A page that answers fewer than MIN_REQUESTS times in DURATION (WordPress's 2,000-comment page on a busy machine)
    # is measured again for four times as long, up to MAX_DURATION: a rate and a CPU per page need answers to count.
    local busy0 total0 server0 wrk0 busy1 total1 server1 wrk1 requests duration
    duration=$(seconds "$DURATION")
    while :; do
        children_seconds >"$RUN/.wrk0"
        busy0=$(busy_jiffies) total0=$(total_jiffies) server0=$(process_jiffies "$@")
        wrk -t"$THREADS" -c"$connections" -d"${duration}s" --timeout 600s --latency "${header[@]}" "$url" >"$out"
        busy1=$(busy_jiffies) total1=$(total_jiffies) server1=$(process_jiffies "$@")
        children_seconds >"$RUN/.wrk1"
        requests=$(awk '/requests in/ {print $1}' "$out")
        ((requests >= MIN_REQUESTS || duration >= $(seconds "$MAX_DURATION"))) && break
        echo "   $key: $requests answers in ${duration}s, measuring again for longer" >&2
        duration=$((4 * duration > $(seconds "$MAX_DURATION") ? $(seconds "$MAX_DURATION") : 4 * duration))
        settle "$@"
    done
    TOOK[$key]=$duration
    wrk0=$(cat "$RUN/.wrk0") wrk1=$(cat "$RUN/.wrk1")
    RPS[$key]=$(awk '/^Requests\/sec:/ {printf "%.2f", $2}' "$out")
    P99[$key]=$(to_ms "$(awk '/Latency Distribution/ {f = 1; next} f && $1 == "99%" {print $2}' "$out")")
    ERRORS[$key]=$(awk '/Non-2xx or 3xx responses:/ {n += $NF} /Socket errors:/ {gsub(/,/, ""); n += $4 + $6 + $8 + $10} END {print n + 0}' "$out")
    # Server CPU per page, in ms; and the share of the machine's CPU that anything but the servers and wrk used.
    CPU[$key]=$(awk -v j="$((server1 - server0))" -v n="$requests" -v hz="$CLK_TCK" 'BEGIN {printf "%.2f", (n > 0 ? 1000 * j / hz / n : 0)}')
    OTHER[$key]=$(awk -v b="$((busy1 - busy0))" -v t="$((total1 - total0))" -v s="$((server1 - server0))" -v w="$wrk0" -v w1="$wrk1" -v hz="$CLK_TCK" \
        'BEGIN { o = b - s - (w1 - w) * hz; if (o < 0) o = 0; printf "%.0f", (t > 0 ? 100 * o / t : 0) }')
    echo "   $key: ${RPS[$key]} requests/s ($requests in ${duration}s), p99 ${P99[$key]} ms, ${CPU[$key]} ms of server CPU a page, other CPU ${OTHER[$key]}%, ${ERRORS[$key]} errors" >&2
}

KEYS=()
[[ " $PARTS " == *" pages "* ]] || MODES=()
for mode in "${MODES[@]}"; do
    for connections in $CONNECTIONS; do
        for size in "${SIZES[@]}"; do
            echo "== Uncached, $size comments, $connections connections, compression: $mode" >&2
            for ((round = 1; round <= ROUNDS; round++)); do
                for stack in all first wordpress; do
                    key=$mode-$connections-$size-$stack-$round
                    case $stack in
                        all) measure "$key" "$G_ALL/articles/$(slug "$size")" "$mode" "$connections" "$G_ALL_PID" ;;
                        first) measure "$key" "$G_FIRST/articles/$(slug "$size")" "$mode" "$connections" "$G_FIRST_PID" ;;
                        wordpress) measure "$key" "$WP/articles/$(slug "$size")/" "$mode" "$connections" "${WP_PIDS[@]}" ;;
                    esac
                    KEYS+=("$key")
                done
            done
        done
        echo "== Cached, $POST_SIZE comments, $connections connections, compression: $mode" >&2
        for ((round = 1; round <= ROUNDS; round++)); do
            measure "$mode-$connections-$POST_SIZE-cachedg-$round" "$G_CACHED/articles/$(slug $POST_SIZE)" "$mode" "$connections" "$G_CACHED_PID"
            measure "$mode-$connections-$POST_SIZE-cachedw-$round" "http://127.0.0.1:$WP_CACHED_PORT/articles/$(slug $POST_SIZE)/" \
                "$mode" "$connections" "${WP_PIDS[@]}"
            KEYS+=("$mode-$connections-$POST_SIZE-cachedg-$round" "$mode-$connections-$POST_SIZE-cachedw-$round")
        done
    done
done

# --- Posting: one client, POSTS replies in a row on one kept-alive connection ----------------------------------------

count_gazette() { sqlite3 "$RUN/data-all/gazette.db" "SELECT COUNT(*) FROM Comments c JOIN Articles a ON a.Id = c.ArticleId WHERE a.Slug = '$(slug $POST_SIZE)' AND c.Status = 0;"; }
count_wordpress() { mariadb --socket="$MYSQL_SOCKET" -u root -N wordpress -e "SELECT COUNT(*) FROM wp_comments WHERE comment_post_ID = $WP_POST_ID AND comment_approved = '1'"; }
read -r -a GAZETTE_PARENTS <"$RUN/gazette-parents.txt"
read -r -a WP_PARENTS < <(awk -v s="$(slug $POST_SIZE)" '$1 == s {$1 = ""; print}' "$RUN/wp-parents.txt")
read -r -a GAZETTE_WARM_PARENTS <"$RUN/gazette-parents-warm.txt"
read -r -a WP_WARM_PARENTS < <(awk -v s="$(slug $WARM_SIZE)" '$1 == s {$1 = ""; print}' "$RUN/wp-parents.txt")

post_config() { # stack first count tag [warm] -> a curl config of count posts, the i-th a reply to the (first+i)-th comment
    # of the measured article, or with "warm" of the warm-up's article
    local stack=$1 first=$2 count=$3 tag=$4 i parent text size=$POST_SIZE post_id=$WP_POST_ID
    local -n gazette_parents=GAZETTE_PARENTS wp_parents=WP_PARENTS
    if [[ ${5:-} == warm ]]; then
        size=$WARM_SIZE post_id=$WP_WARM_ID
        local -n gazette_parents=GAZETTE_WARM_PARENTS wp_parents=WP_WARM_PARENTS
    fi
    for ((i = 0; i < count; i++)); do
        ((i > 0)) && echo next
        text="Benchmark reply $tag-$i: the battery lasted two days for me too, and the screen is fine in sunlight."
        if [[ $stack == gazette ]]; then
            parent=${gazette_parents[$(((first + i) % ${#gazette_parents[@]}))]}
            printf 'url = "%s/api/v1/articles/%s/comments"\n' "$G_ALL" "$(slug $size)"
            printf 'header = "Content-Type: application/json"\nheader = "%s: %s"\n' X-CSRF-TOKEN "$TOKEN"
            printf 'data-binary = "{\\"body\\":\\"%s\\",\\"authorName\\":\\"Bench Reader\\",\\"authorEmail\\":\\"reader@example.org\\",\\"parentId\\":%s}"\n' "$text" "$parent"
        else
            parent=${wp_parents[$(((first + i) % ${#wp_parents[@]}))]}
            printf 'url = "%s/wp-comments-post.php"\n' "$WP"
            printf 'data-urlencode = "comment=%s"\ndata = "author=Bench+Reader&email=reader%%40example.org&url="\n' "$text"
            printf 'data = "comment_post_ID=%s&comment_parent=%s"\n' "$post_id" "$parent"
        fi
        [[ -n $COOKIES ]] && printf 'header = "Cookie: %s"\n' "$COOKIES"
        printf 'output = "/dev/null"\nwrite-out = "%%{http_code} %%{time_total}\\n"\n'
    done
}

cookies_of() { awk '!/^#/ && NF >= 7 { printf "%s=%s; ", $6, $7 } /^#HttpOnly_/ && NF >= 7 { printf "%s=%s; ", $6, $7 }' "$1"; }

declare -A POST_RATE POST_CPU POST_OK POST_STORED POST_OTHER
post_round() { # stack round pids...
    local stack=$1 round=$2 key=$1-$2 jar=$RUN/post-cookies-$1-$2
    shift 2
    TOKEN="" COOKIES=""
    : >"$RUN/posts-$key-warmup.txt"
    if [[ $stack == gazette ]]; then
        TOKEN=$(curl -s -c "$jar" "$G_ALL/api/v1/antiforgery" | sed 's/.*"token":"\([^"]*\)".*/\1/')
    else
        curl -s -c "$jar" -o /dev/null "$WP/articles/$(slug $POST_SIZE)/"
    fi
    # Warm-up posts (not counted) to the other article: the first alone, so that the cookie jar keeps the guest's
    # cookies it sets, then the rest on one kept-alive connection sending them back, as the measured posts do.
    if ((WARMUP_POSTS > 0)); then
        post_config "$stack" 0 1 "warmup-$round-first" warm >"$RUN/posts-$key-warmup.curl"
        curl -s -b "$jar" -c "$jar" -K "$RUN/posts-$key-warmup.curl" >>"$RUN/posts-$key-warmup.txt"
    fi
    COOKIES=$(cookies_of "$jar")
    if ((WARMUP_POSTS > 1)); then
        post_config "$stack" $((round * WARMUP_POSTS)) $((WARMUP_POSTS - 1)) "warmup-$round" warm >"$RUN/posts-$key-warmup.curl"
        curl -s -K "$RUN/posts-$key-warmup.curl" >>"$RUN/posts-$key-warmup.txt"
    fi
    post_config "$stack" $((round * POSTS)) "$POSTS" "$round" >"$RUN/posts-$key.curl"
    local before after busy0 total0 server0 busy1 total1 server1 wrk0 wrk1
    before=$(count_$([[ $stack == gazette ]] && echo gazette || echo wordpress))
    settle "$@"
    children_seconds >"$RUN/.wrk0"
    busy0=$(busy_jiffies) total0=$(total_jiffies) server0=$(process_jiffies "$@")
    curl -s -K "$RUN/posts-$key.curl" >"$RUN/posts-$key.txt"
    busy1=$(busy_jiffies) total1=$(total_jiffies) server1=$(process_jiffies "$@")
    children_seconds >"$RUN/.wrk1"
    wrk0=$(cat "$RUN/.wrk0") wrk1=$(cat "$RUN/.wrk1")
    after=$(count_$([[ $stack == gazette ]] && echo gazette || echo wordpress))
    # Gazette's API answers 201; wp-comments-post.php answers 302 to the new comment.
    POST_OK[$key]=$(awk '$1 == 201 || $1 == 302 {n++} END {print n + 0}' "$RUN/posts-$key.txt")
    POST_STORED[$key]=$((after - before))
    POST_RATE[$key]=$(awk '{t += $2; n++} END {printf "%.1f", (t > 0 ? n / t : 0)}' "$RUN/posts-$key.txt")
    POST_CPU[$key]=$(awk -v j="$((server1 - server0))" -v n="$POSTS" -v hz="$CLK_TCK" 'BEGIN {printf "%.2f", 1000 * j / hz / n}')
    POST_OTHER[$key]=$(awk -v b="$((busy1 - busy0))" -v t="$((total1 - total0))" -v s="$((server1 - server0))" -v w="$wrk0" -v w1="$wrk1" -v hz="$CLK_TCK" \
        'BEGIN { o = b - s - (w1 - w) * hz; if (o < 0) o = 0; printf "%.0f", (t > 0 ? 100 * o / t : 0) }')
    echo "   $key: ${POST_RATE[$key]} posts/s, ${POST_CPU[$key]} ms of server CPU a post, ${POST_OK[$key]} accepted, ${POST_STORED[$key]} stored, other CPU ${POST_OTHER[$key]}%" >&2
    if ((POST_OK[$key] != POSTS || POST_STORED[$key] != POSTS)); then
        echo "Not every post was accepted and stored as published ($stack, round $round); answers in $RUN/posts-$key.txt" >&2
        exit 1
    fi
}

[[ " $PARTS " == *" posting "* ]] && echo "== Posting: $POSTS sequential replies to the $POST_SIZE-comment article, one client" >&2
for ((round = 1; round <= ROUNDS; round++)); do
    [[ " $PARTS " == *" posting "* ]] || break
    post_round gazette "$round" "$G_ALL_PID"
    post_round wordpress "$round" "${WP_PIDS[@]}"
done

# --- Memory ------------------------------------------------------------------------------------------------------------

read -r MEM_G_ALL_RSS MEM_G_ALL_PSS < <(memory_kb "$G_ALL_PID")
read -r MEM_G_CACHED_RSS MEM_G_CACHED_PSS < <(memory_kb "$G_CACHED_PID")
read -r MEM_NGINX_RSS MEM_NGINX_PSS < <(memory_kb "$NGINX_PID")
read -r MEM_PHP_RSS MEM_PHP_PSS < <(memory_kb "$PHP_FPM_PID")
read -r MEM_DB_RSS MEM_DB_PSS < <(memory_kb "$MARIADB_PID")
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# --- Summary -----------------------------------------------------------------------------------------------------------

mean() { # prefix array-name -> mean over the rounds of ARRAY[prefix-round]
    local -n values=$2
    local round sum=0
    for ((round = 1; round <= ROUNDS; round++)); do sum=$(awk -v a="$sum" -v b="${values[$1-$round]}" 'BEGIN {print a + b}'); done
    awk -v s="$sum" -v n="$ROUNDS" 'BEGIN {printf "%.2f", s / n}'
}
worst() { # prefix array-name -> the largest value over the rounds
    local -n values=$2
    local round max=0
    for ((round = 1; round <= ROUNDS; round++)); do ((values[$1-$round] > max)) && max=${values[$1-$round]}; done
    echo "$max"
}
rounds_of() { # prefix array-name -> "a, b" (each round)
    local -n values=$2
    local round list=()
    for ((round = 1; round <= ROUNDS; round++)); do list+=("$(fmt "${values[$1-$round]}")"); done
    (IFS=/; echo "${list[*]}" | sed 's#/# / #g')
}
fmt() { # 12345.6 -> 12,346; 45.67 -> 45.7; 4.567 -> 4.57
    awk -v v="$1" 'BEGIN {
        if (v >= 100) { s = sprintf("%.0f", v); out = ""
            while (length(s) > 3) { out = "," substr(s, length(s) - 2) out; s = substr(s, 1, length(s) - 3) }
            print s out }
        else if (v >= 10) printf "%.1f\n", v
        else printf "%.2f\n", v }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0 && a > 0) printf "%.1f", a / b; else printf "n/a" }'; }
mib() { awk -v k="$1" 'BEGIN {printf "%.0f", k / 1024}'; }

PHP_VERSION=$(php -r 'echo PHP_VERSION;')
MARIADB_VERSION=$(mariadbd --version | grep -oE '[0-9]+\.[0-9]+\.[0-9]+-MariaDB' | head -n 1)
NGINX_VERSION=$(nginx -v 2>&1 | sed 's/.*nginx\///')
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo '?')
DIRTY=$([[ -n $(git status --porcelain -- src bench 2>/dev/null) ]] && echo ' (with uncommitted changes)' || echo '')
COMMAND="bench/wordpress.sh"
for setting in DURATION WARMUP CONNECTIONS ROUNDS POSTS PHP_WORKERS COMPRESSION; do
    env | grep -q "^$setting=" && COMMAND="$setting=\"${!setting}\" $COMMAND"
done

declare -A TARGET
{
    echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores, Gazette at commit \`$COMMIT\`$DIRTY, with \`$COMMAND\`:"
    echo "WordPress $WP_VERSION (Debian's package, theme $WP_THEME), PHP $PHP_VERSION with OPcache (php-fpm, $PHP_WORKERS workers),"
    echo "MariaDB $MARIADB_VERSION, nginx $NGINX_VERSION; Gazette's Release build on Kestrel (Production, SQLite)."
    echo "wrk -t$THREADS -d$DURATION --timeout 600s after a $WARMUP warm-up, at $(echo "$CONNECTIONS" | sed 's/ / and /g') connections, $ROUNDS rounds in turn"
    echo "(Gazette, WordPress, Gazette, WordPress...); every process, wrk included, on the same $(nproc) cores. Load average before: $LOAD_BEFORE; after: $LOAD_AFTER."
    if ((${#MODES[@]} > 0)); then
        described=()
        for m in "${MODES[@]}"; do
            [[ $m == none ]] && described+=("none (no Accept-Encoding sent; neither compresses)") || described+=("gzip (Accept-Encoding: gzip; both compress)")
        done
        text=""
        for d in "${described[@]}"; do text+="${text:+, then }$d"; done
        echo "Compression: $text."
    fi
    echo "Server CPU is the servers' processes' CPU time (/proc) divided by the requests: Gazette's dotnet; nginx, php-fpm and mariadbd."
    echo "\"Other\" is the largest share of the machine's CPU that anything else used during a measurement (other sessions' work)."
    for mode in "${MODES[@]}"; do
        echo
        echo "Pages, compression: $mode. Requests/s are the mean of the rounds (each round in brackets); the ratio is Gazette's over WordPress's."
        echo
        echo "| Article | Conn. | Gazette shows | Gazette req/s | WordPress req/s | Ratio | Gazette CPU ms/page | WordPress CPU ms/page | CPU ratio | p99 ms G / W | Bytes G / W | Other |"
        echo "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
        for connections in $CONNECTIONS; do
            for size in "${SIZES[@]}"; do
                w=$mode-$connections-$size-wordpress
                for stack in all first; do
                    g=$mode-$connections-$size-$stack
                    rg=$(mean "$g" RPS) rw=$(mean "$w" RPS) cg=$(mean "$g" CPU) cw=$(mean "$w" CPU)
                    TARGET[$g]=$(ratio "$rg" "$rw")
                    other=$(( $(worst "$g" OTHER) > $(worst "$w" OTHER) ? $(worst "$g" OTHER) : $(worst "$w" OTHER) ))
                    echo "| $size comments, uncached | $connections | $([[ $stack == all ]] && echo "every comment (${SHOWN[$g-1]})" || echo "first page (${SHOWN[$g-1]})") | $(fmt "$rg") ($(rounds_of "$g" RPS)) | $(fmt "$rw") ($(rounds_of "$w" RPS)) | **$(ratio "$rg" "$rw")×** | $(fmt "$cg") | $(fmt "$cw") | $(ratio "$cw" "$cg")× | $(fmt "$(mean "$g" P99)") / $(fmt "$(mean "$w" P99)") | $(fmt "${BYTES[$g-1]}") / $(fmt "${BYTES[$w-1]}") | $other% |"
                done
            done
            g=$mode-$connections-$POST_SIZE-cachedg w=$mode-$connections-$POST_SIZE-cachedw
            rg=$(mean "$g" RPS) rw=$(mean "$w" RPS) cg=$(mean "$g" CPU) cw=$(mean "$w" CPU)
            other=$(( $(worst "$g" OTHER) > $(worst "$w" OTHER) ? $(worst "$g" OTHER) : $(worst "$w" OTHER) ))
            echo "| $POST_SIZE comments, cached | $connections | every comment (${SHOWN[$g-1]}) | $(fmt "$rg") ($(rounds_of "$g" RPS)) | $(fmt "$rw") ($(rounds_of "$w" RPS)) | **$(ratio "$rg" "$rw")×** | $(fmt "$cg") | $(fmt "$cw") | $(ratio "$cw" "$cg")× | $(fmt "$(mean "$g" P99)") / $(fmt "$(mean "$w" P99)") | $(fmt "${BYTES[$g-1]}") / $(fmt "${BYTES[$w-1]}") | $other% |"
        done
        errors=0
        for key in "${KEYS[@]}"; do [[ $key == $mode-* ]] && errors=$((errors + ERRORS[$key])); done
        longer=""
        for key in "${KEYS[@]}"; do
            [[ $key == $mode-* ]] && ((TOOK[$key] > $(seconds "$DURATION"))) && longer+=" ${key#"$mode"-} (${TOOK[$key]} s),"
        done
        echo
        echo "Errors (non-2xx answers, socket errors, timeouts) over all these runs: $errors."
        [[ -n $longer ]] && echo "Measured for longer, having answered fewer than $MIN_REQUESTS times in $DURATION:${longer%,}."
    done
    echo
    echo "Posting: $POSTS replies to the $POST_SIZE-comment article in a row from one client (curl, one kept-alive connection),"
    echo "each to another existing comment (the same ones on both); posts/s from the requests' own times. Gazette: POST"
    echo "/api/v1/articles/{slug}/comments with its antiforgery token, as a guest with a name and e-mail, every screening rule"
    echo "on, rate limits raised. WordPress: wp-comments-post.php as a guest (name, e-mail, comment), flood check never"
    echo "refusing, first-comment moderation off; it answers 302. Every post was accepted and found in the database."
    echo
    echo "| Stack | Posts/s (each round) | Server CPU ms/post (each round) | Other |"
    echo "| --- | ---: | ---: | ---: |"
    pg=$(mean gazette POST_RATE) pw=$(mean wordpress POST_RATE) cg=$(mean gazette POST_CPU) cw=$(mean wordpress POST_CPU)
    echo "| Gazette | $(fmt "$pg") ($(rounds_of gazette POST_RATE)) | $(fmt "$cg") ($(rounds_of gazette POST_CPU)) | $(worst gazette POST_OTHER)% |"
    echo "| WordPress | $(fmt "$pw") ($(rounds_of wordpress POST_RATE)) | $(fmt "$cw") ($(rounds_of wordpress POST_CPU)) | $(worst wordpress POST_OTHER)% |"
    echo "| **Ratio** | **$(ratio "$pg" "$pw")×** | **$(ratio "$cw" "$cg")×** less CPU | |"
    echo
    echo "Memory at the end (resident; PSS counts pages shared between processes once):"
    echo
    echo "| Stack | Processes | RSS MiB | PSS MiB |"
    echo "| --- | --- | ---: | ---: |"
    echo "| Gazette, no page cache (every comment; the posting) | dotnet | $(mib "$MEM_G_ALL_RSS") | $(mib "$MEM_G_ALL_PSS") |"
    echo "| Gazette, page cache on | dotnet | $(mib "$MEM_G_CACHED_RSS") | $(mib "$MEM_G_CACHED_PSS") |"
    echo "| WordPress | nginx ($(($(cat /proc/"$NGINX_PID"/task/*/children | wc -w) + 1))) | $(mib "$MEM_NGINX_RSS") | $(mib "$MEM_NGINX_PSS") |"
    echo "| | php-fpm ($((PHP_WORKERS + 1))) | $(mib "$MEM_PHP_RSS") | $(mib "$MEM_PHP_PSS") |"
    echo "| | mariadbd | $(mib "$MEM_DB_RSS") | $(mib "$MEM_DB_PSS") |"
    echo "| | **all** | **$(mib $((MEM_NGINX_RSS + MEM_PHP_RSS + MEM_DB_RSS)))** | **$(mib $((MEM_NGINX_PSS + MEM_PHP_PSS + MEM_DB_PSS)))** |"
    echo
    echo "Targets:"
    for mode in "${MODES[@]}"; do
        for connections in $CONNECTIONS; do
            r=${TARGET[$mode-$connections-$POST_SIZE-all]}
            echo "- $(awk -v r="$r" 'BEGIN {print (r ~ /^[0-9.]+$/ && r + 0 >= 50) ? "met" : "NOT met"}'): uncached $POST_SIZE-comment page with every comment shown, ≥ 50× WordPress at $connections connections, compression $mode: **${r}×**"
        done
    done
    r=$(ratio "$pg" "$pw")
    echo "- $(awk -v r="$r" 'BEGIN {print (r ~ /^[0-9.]+$/ && r + 0 >= 20) ? "met" : "NOT met"}'): sequential posting ≥ 20× WordPress: **${r}×** (server CPU per post $(ratio "$cw" "$cg")× less)"
} >"$RUN/summary.md"

{
    echo "# Gazette and WordPress side by side"
    echo
    cat "$RUN/summary.md"
} >"$SUMMARY"

if [[ $UPDATE_DOCS == 1 ]]; then
    # Between the markers in docs/benchmarks.md: the latest run, replacing the one before.
    begin='<!-- bench/wordpress.sh: begin -->' end='<!-- bench/wordpress.sh: end -->'
    if grep -qF "$begin" "$DOCS" && grep -qF "$end" "$DOCS"; then
        awk -v begin="$begin" -v end="$end" -v file="$RUN/summary.md" '
            $0 == begin { print; while ((getline line < file) > 0) print line; skip = 1; next }
            $0 == end { skip = 0 }
            !skip { print }' "$DOCS" >"$RUN/benchmarks.md" && cp "$RUN/benchmarks.md" "$DOCS"
        echo "Wrote the summary into ${DOCS#"$ROOT"/}" >&2
    else
        echo "No markers in ${DOCS#"$ROOT"/}: not updated" >&2
    fi
fi
echo >&2
cat "$SUMMARY"
echo >&2
echo "Raw wrk output, pages, logs and configs: ${RUN#"$ROOT"/}; summary: ${SUMMARY#"$ROOT"/}" >&2
