#!/usr/bin/env bash
# Comment posting over HTTP: the Release site on SQLite, every screening rule on (first comments held, duplicates
# refused, word lists, links, spam score; rate limits raised far above what the clients send), on two databases:
#
#   demo   the fresh demo site (717 comments);
#   large  the demo plus COMMENTS more (1,000,000 by default), made with one SQL statement in the shape of an imported
#          archive with a live site on top: most comments from readers with no guest cookie and no account (an e-mail
#          each), a quarter from 150,000 guests, a twentieth from 1,000 members; IP hashes on the last 30 days' only,
#          as the retention job leaves them (before session 18 its first run, a minute after the start, cleared 300,000
#          during the measurements); then ANALYZE (and PRAGMA optimize at every start, as always).
#
# On each: WARMUP posts first (not measured: the runtime compiles its hot code in the first thousands of requests),
# then WordPress's method: one client (curl, one connection) posting POSTS replies in turn, one at a time, to the
# comments of the 300-comment article, ROUNDS times; then the same POSTS replies to the largest article; then wrk posting
# new comments through the JSON API for DURATION from 1 connection and from 16. For each: posts/s, and the server's CPU
# per post (utime + stime of its process from /proc, before and after, divided by the posts), the figure that stays
# true on a shared machine; the load average is written beside each. Afterwards the database is counted: every
# acknowledged comment must be there.
#
#   bench/post-comments.sh                              # builds Release; about 6 minutes
#   COMMENTS=200000 DURATION=5s SKIP_BUILD=1 bench/post-comments.sh
#
# Settings (environment): COMMENTS (1000000), POSTS (200), ROUNDS (5), WARMUP (8000), DURATION (10s), SKIP_BUILD (0),
# PORT_BASE (5190), KEEP (0: 1 keeps the large database in the run's folder), SITE_DLL and CONTENT_ROOT (another build
# of the site). Writes bench/results/post-comments.md and everything else under bench/results/post-comments-<time>/.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
COMMENTS=${COMMENTS:-1000000}
POSTS=${POSTS:-200}
ROUNDS=${ROUNDS:-5}
WARMUP=${WARMUP:-8000}
DURATION=${DURATION:-10s}
SKIP_BUILD=${SKIP_BUILD:-0}
PORT_BASE=${PORT_BASE:-5190}
KEEP=${KEEP:-0}
REPLIED=corvex-nova-7-review
POSTED=lumara-fold-2-durability-test
# Another build (the commit before a change, say) with SITE_DLL and CONTENT_ROOT: the same measurements of it.
SITE_DLL=${SITE_DLL:-$ROOT/src/Gazette/bin/Release/net10.0/Gazette.dll}
CONTENT_ROOT=${CONTENT_ROOT:-$ROOT/src/Gazette}
RUN=$ROOT/bench/results/post-comments-$(date -u +%Y%m%dT%H%M%SZ)
SUMMARY=$ROOT/bench/results/post-comments.md
CLK_TCK=$(getconf CLK_TCK)
PIDS=()

source "$ROOT/bench/lib.sh"
trap kill_all EXIT
trap 'exit 130' INT TERM

need wrk wrk
need sqlite3 sqlite3
need curl curl
need ss iproute2
[[ $SKIP_BUILD == 1 ]] || dotnet build -c Release src/Gazette -v q -nologo >/dev/null
mkdir -p "$RUN"

start_site() { # data folder, log
    PORT=$(free_port "$PORT_BASE")
    ASPNETCORE_ENVIRONMENT=Production dotnet "$SITE_DLL" --contentRoot "$CONTENT_ROOT" --urls "http://127.0.0.1:$PORT" \
        --Storage:DataFolder="$1" --Logging:LogLevel:Default=Warning --Moderation:HoldFirstComment=true \
        --RateLimits:Comments:PerIdentity=1000000000 --RateLimits:Comments:PerIp=1000000000 >"$2" 2>&1 &
    SITE=$!
    PIDS+=("$SITE")
    wait_for "http://127.0.0.1:$PORT/health/ready" "$SITE" "$2"
}

stop_site() {
    kill "$SITE" 2>/dev/null || true
    wait "$SITE" 2>/dev/null || true
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$SITE/stat"; }
load() { cut -d' ' -f1 /proc/loadavg; }
ms_per_post() { awk -v t="$1" -v n="$2" -v hz="$CLK_TCK" 'BEGIN { printf "%.2f", (n > 0 ? t * 1000 / hz / n : 0) }'; }

# A guest of its own (cookie and antiforgery token) for each client, approved once, so that its posts are published
# as a known reader's are (a held comment skips the count and the page-cache eviction that a published one costs).
new_guest() { # jar -> prints the token
    local token id
    token=$(curl -sf -c "$1" "http://127.0.0.1:$PORT/api/v1/antiforgery" | sed 's/.*"token":"\([^"]*\)".*/\1/')
    id=$(curl -sf -b "$1" -c "$1" -H "X-CSRF-TOKEN: $token" -H 'Content-Type: application/json' \
        -d "{\"body\":\"Hello, I read this site every day ($1).\"}" "http://127.0.0.1:$PORT/api/v1/articles/$POSTED/comments" |
        sed 's/.*"id":\([0-9]*\).*/\1/')
    sqlite3 "$DB" "UPDATE Comments SET Status = 0 WHERE Id = $id;"
    echo "$token"
}

# One curl posting COUNT replies, one at a time on one connection, to the comments PARENTS (taken in turn) of an article.
write_posts() { # file, jar, token, article, count, label, parents...
    local file=$1 jar=$2 token=$3 article=$4 count=$5 label=$6 i
    shift 6
    local parents=("$@")
    : >"$file"
    for ((i = 0; i < count; i++)); do
        ((i == 0)) || echo next >>"$file"
        printf 'url = "http://127.0.0.1:%s/api/v1/articles/%s/comments"\nheader = "X-CSRF-TOKEN: %s"\nheader = "Content-Type: application/json"\ncookie = "%s"\ndata = "{\\"parentId\\":%s,\\"body\\":\\"Reply %s of %s: a sentence or two, as readers write them.\\"}"\nsilent\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n' \
            "$PORT" "$article" "$token" "$jar" "${parents[$((i % ${#parents[@]}))]}" "$i" "$label" >>"$file"
    done
}

# Runs a curl config, prints: posts, seconds, CPU ticks, load before, load after, non-2xx answers.
sequential() { # config file
    local before_cpu before_load start end after_cpu codes
    before_load=$(load); before_cpu=$(cpu_ticks); start=$(date +%s.%N)
    codes=$(curl -K "$1")
    end=$(date +%s.%N); after_cpu=$(cpu_ticks)
    echo "$(grep -c . <<<"$codes") $(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }') $((after_cpu - before_cpu)) $before_load $(load) $(grep -vc '^2' <<<"$codes" || true)"
}

measure() { # database name, data folder
    local name=$1 data=$2 jar=$RUN/$1.cookies token parents biggest round
    DB=$data/gazette.db
    start_site "$data" "$RUN/site-$name.log"
    token=$(new_guest "$jar")
    mapfile -t parents < <(sqlite3 "$DB" "SELECT c.Id FROM Comments c JOIN Articles a ON a.Id = c.ArticleId WHERE a.Slug = '$REPLIED' AND c.Status = 0 AND c.Id <= 1000 ORDER BY c.Id;")
    biggest=$(sqlite3 "$DB" "SELECT a.Slug FROM Articles a ORDER BY a.CommentCount DESC LIMIT 1;")
    mapfile -t big_parents < <(sqlite3 "$DB" "SELECT c.Id FROM Comments c JOIN Articles a ON a.Id = c.ArticleId WHERE a.Slug = '$biggest' AND c.Status = 0 AND c.ParentId IS NULL ORDER BY c.Id DESC LIMIT 300;")

    write_posts "$RUN/warmup.curl" "$jar" "$token" "$REPLIED" "$WARMUP" "warm-up-$name" "${parents[@]}"
    read -r n s _ _ _ bad < <(sequential "$RUN/warmup.curl")
    echo "$name: warm-up, $n posts in ${s}s ($bad not 2xx)" >&2

    # How fast the machine is this minute: the cheapest request there is, as the same client sends it.
    local i
    : >"$RUN/live.curl"
    for ((i = 0; i < 2000; i++)); do
        ((i == 0)) || echo next >>"$RUN/live.curl"
        printf 'url = "http://127.0.0.1:%s/health/live"\nsilent\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n' "$PORT" >>"$RUN/live.curl"
    done
    read -r n s t l1 l2 bad < <(sequential "$RUN/live.curl")
    echo "| $name | for reference, the machine's speed this minute: GET /health/live, one client | $n | $(awk -v n="$n" -v s="$s" 'BEGIN { printf "%.0f", n / s }') | $(ms_per_post "$t" "$n") | $bad | $l1 |" >>"$RUN/table.md"

    local rates=() ticks=0 posts=0 loads=() failed=0
    for ((round = 1; round <= ROUNDS; round++)); do
        write_posts "$RUN/round.curl" "$jar" "$token" "$REPLIED" "$POSTS" "round-$round-$name" "${parents[@]}"
        read -r n s t l1 l2 bad < <(sequential "$RUN/round.curl")
        rates+=("$(awk -v n="$n" -v s="$s" 'BEGIN { printf "%.0f", n / s }')")
        ticks=$((ticks + t)); posts=$((posts + n)); failed=$((failed + bad)); loads+=("$l1")
        echo "$name: round $round, $n posts in ${s}s, $t ticks, load $l1 -> $l2" >&2
    done
    local sorted median
    sorted=$(printf '%s\n' "${rates[@]}" | sort -n)
    median=$(sed -n "$(((ROUNDS + 1) / 2))p" <<<"$sorted")
    echo "| $name | WordPress's method: $POSTS sequential replies to the 300-comment article, $ROUNDS rounds | $posts | **$median** ($(head -1 <<<"$sorted")–$(tail -1 <<<"$sorted")) | **$(ms_per_post "$ticks" "$posts")** | $failed | ${loads[*]} |" >>"$RUN/table.md"

    write_posts "$RUN/big.curl" "$jar" "$token" "$biggest" "$POSTS" "biggest-$name" "${big_parents[@]}"
    read -r n s t l1 l2 bad < <(sequential "$RUN/big.curl")
    local count
    count=$(sqlite3 "$DB" "SELECT CommentCount FROM Articles WHERE Slug = '$biggest';")
    echo "| $name | the same, replies to the largest article ($count comments) | $n | $(awk -v n="$n" -v s="$s" 'BEGIN { printf "%.0f", n / s }') | $(ms_per_post "$t" "$n") | $bad | $l1 |" >>"$RUN/table.md"

    for clients in 1 16; do
        local wjar=$RUN/$name-wrk-$clients.cookies wtoken cookies before after before_cpu after_cpu l1 threads
        wtoken=$(new_guest "$wjar")
        cookies=$(awk '!/^#/ && NF >= 7 { printf "%s=%s; ", $6, $7 }' "$wjar"; awk '/^#HttpOnly_/ { printf "%s=%s; ", $6, $7 }' "$wjar")
        before=$(sqlite3 "$DB" "SELECT COUNT(*) FROM Comments c JOIN Articles a ON a.Id = c.ArticleId WHERE a.Slug = '$POSTED';")
        threads=$([[ $clients == 1 ]] && echo 1 || echo 2)
        l1=$(load); before_cpu=$(cpu_ticks)
        TOKEN=$wtoken COOKIES=$cookies POST_PATH="/api/v1/articles/$POSTED/comments" \
            wrk -t"$threads" -c"$clients" -d"$DURATION" --latency -s bench/post-comment.lua "http://127.0.0.1:$PORT" >"$RUN/$name-wrk-$clients.txt"
        after_cpu=$(cpu_ticks)
        sleep 1
        after=$(sqlite3 "$DB" "SELECT COUNT(*) FROM Comments c JOIN Articles a ON a.Id = c.ArticleId WHERE a.Slug = '$POSTED';")
        local rps p50 p99 requests non2xx
        rps=$(awk '/Requests\/sec/ { printf "%.0f", $2 }' "$RUN/$name-wrk-$clients.txt")
        p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$RUN/$name-wrk-$clients.txt")")
        p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$RUN/$name-wrk-$clients.txt")")
        requests=$(awk '/^POSTED/ { print $2 }' "$RUN/$name-wrk-$clients.txt")
        non2xx=$(awk '/^POSTED/ { print $4 }' "$RUN/$name-wrk-$clients.txt")
        echo "| $name | wrk, JSON API, $clients connection(s), $DURATION (p50 $p50 ms, p99 $p99 ms; $((after - before)) stored for $((requests - non2xx)) acknowledged) | $requests | $rps | $(ms_per_post "$((after_cpu - before_cpu))" "$requests") | $non2xx | $l1 |" >>"$RUN/table.md"
        if ((after - before < requests - non2xx)); then
            echo "$name: $((requests - non2xx)) acknowledged, only $((after - before)) stored" >&2
            exit 1
        fi
    done
    stop_site
}

# The demo: a fresh data folder, filled by the site when it first starts.
start_site "$RUN/demo" "$RUN/site-first-start.log"
stop_site
cp -r "$RUN/demo" "$RUN/large"

# The large database, in one statement, then its statistics. Guests' and members' comments have the fingerprints of
# their text that comments get when they are written (builds from before them have no such columns).
echo "Filling the large database with $COMMENTS comments..." >&2
FP_COLUMNS="" FP_VALUES=""
if [[ $(sqlite3 "$RUN/large/gazette.db" "SELECT count(*) FROM pragma_table_info('Comments') WHERE name = 'WriterFingerprint'") == 1 ]]; then
    FP_COLUMNS=', WriterFingerprint, EmailFingerprint'
    FP_VALUES=', CASE WHEN h >= 14 THEN random() END, CASE WHEN h >= 14 AND h < 19 AND g % 2 = 0 THEN random() END'
fi
# Comments an archive brought in have been notified (builds with notifications mark them so): else the notifications
# service would work through the whole archive during the measurement.
if [[ $(sqlite3 "$RUN/large/gazette.db" "SELECT count(*) FROM pragma_table_info('Comments') WHERE name = 'NotifiedAt'") == 1 ]]; then
    FP_COLUMNS="$FP_COLUMNS, NotifiedAt"
    FP_VALUES="$FP_VALUES, '2019-01-01 00:00:00'"
fi
sqlite3 "$RUN/large/gazette.db" <<SQL
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -200000;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999)
INSERT INTO AspNetUsers (Id, DisplayName, CreatedAt, UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed,
                         SecurityStamp, ConcurrencyStamp, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount)
SELECT 'bench-member-' || i, 'Member ' || i, '2019-01-01 00:00:00', 'member' || i || '@example.net', upper('member' || i || '@example.net'),
       'member' || i || '@example.net', upper('member' || i || '@example.net'), 1, 'stamp' || i, 'c' || i, 0, 0, 1, 0
FROM n;
CREATE TEMP TABLE bench_articles AS SELECT Id, row_number() OVER (ORDER BY Id) - 1 AS k FROM Articles WHERE Slug <> '$REPLIED';
CREATE TEMP TABLE bench_base AS SELECT max(Id) AS base, (SELECT count(*) FROM bench_articles) AS articles, julianday('now') AS now FROM Comments;
-- Comment i: writer by h (0-13 imported reader, 14-18 guest, 19 member), status by s, and on article i mod articles, where it
-- is top-level (slot 0) or replies to the top-level comment before it on that article.
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $COMMENTS),
rows AS (
  SELECT i, (i * 37) % 20 AS h, (i * 13) % 100 AS s, (i / 3) % 150000 AS g, (i / b.articles) % 3 AS slot, b.base, b.articles, b.now,
         (SELECT Id FROM bench_articles WHERE k = i % b.articles) AS article
  FROM n, bench_base AS b)
INSERT INTO Comments (Id, ArticleId, ParentId, RootId, Depth, AuthorName, AuthorEmail, Body, BodyHtml, Status, CreatedAt,
                      Upvotes, Downvotes, UserId, GuestKeyHash, IpHash, Rank, SourceId, SpamScore$FP_COLUMNS)
SELECT base + i, article,
       CASE WHEN slot = 0 THEN NULL ELSE base + i - articles * slot END,
       CASE WHEN slot = 0 THEN NULL ELSE base + i - articles * slot END,
       CASE WHEN slot = 0 THEN 0 ELSE 1 END,
       CASE WHEN h = 19 THEN 'Member ' || (i % 1000) WHEN h >= 14 THEN 'Guest ' || g ELSE 'Reader ' || (i * 7919 % 200000) END,
       CASE WHEN h < 14 THEN 'Reader' || (i * 7919 % 200000) || '@Example.com' WHEN h < 19 AND g % 2 = 0 THEN 'guest' || g || '@example.org' END,
       'Comment ' || i || ': a sentence or two, as readers write them.',
       '<p>Comment ' || i || ': a sentence or two, as readers write them.</p>',
       CASE WHEN s < 90 THEN 0 WHEN s < 94 THEN 1 WHEN s < 97 THEN 2 WHEN s < 99 THEN 4 ELSE 3 END,
       strftime('%Y-%m-%d %H:%M:%f', julianday('2019-01-01') + (now - 1 - julianday('2019-01-01')) * i / $COMMENTS),
       0, 0,
       CASE WHEN h = 19 THEN 'bench-member-' || (i % 1000) END,
       CASE WHEN h >= 14 AND h < 19 THEN printf('%064x', g) END,
       CASE WHEN h >= 14 AND (now - 1 - julianday('2019-01-01')) * i / $COMMENTS >= now - 30 - julianday('2019-01-01') THEN printf('%064x', i % 50000) END,
       0,
       CASE WHEN h < 14 THEN 'wp-' || i END,
       0$FP_VALUES
FROM rows;
UPDATE Articles SET CommentCount = (SELECT count(*) FROM Comments c WHERE c.ArticleId = Articles.Id AND c.Status = 0);
COMMIT;
ANALYZE;
SQL
{
    echo "| Database | Measurement | Posts | Posts/s | Server CPU per post (ms) | Not 2xx | Load average (1 min) |"
    echo "| --- | --- | ---: | ---: | ---: | ---: | --- |"
} >"$RUN/table.md"

measure demo "$RUN/demo"
measure large "$RUN/large"
[[ $KEEP == 1 ]] || rm -rf "$RUN/large"

{
    echo "# Comment posting over HTTP"
    echo
    echo "Measured $(date -u '+%Y-%m-%d %H:%M') UTC on $(nproc) cores, $SITE_DLL (checkout at $(git rev-parse --short HEAD)), SQLite $(sqlite3 --version | cut -d' ' -f1) (WAL, synchronous=NORMAL)."
    echo "demo: $(sqlite3 "$RUN/demo/gazette.db" 'SELECT count(*) FROM Comments') comments after the run; large: the demo and $COMMENTS more, statistics gathered."
    echo "Every rule on (Moderation:HoldFirstComment=true, the default word lists, duplicates, links, spam score); each client a guest with one approved comment."
    echo "Warm-up: $WARMUP posts per database before measuring. Posts/s of WordPress's method: median of the rounds (lowest–highest)."
    echo
    cat "$RUN/table.md"
} >"$SUMMARY"
cat "$SUMMARY"
