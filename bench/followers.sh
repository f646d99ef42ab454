#!/usr/bin/env bash
# A discussion with FOLLOWERS followers (issue 12: "every follower's batched mail is queued within a minute of the
# comment and delivered at the sender's rate, with memory flat"). The Release site with its demo, on SQLite (or on
# PostgreSQL with DATABASE=postgres), mailing a local SMTP server (tests/tools/smtp-test-server.py, aiosmtpd, which
# writes each message to a file). One article gets FOLLOWERS followers, inserted in bulk while the site is stopped:
# half members with a verified address, half confirmed guest addresses. Then one comment is posted through the JSON
# API, and the script measures the time from its answer until every follower's mail is in the outbox, the sender's
# delivery rate (messages after the first over the time between the first and the last arrival at the server), and the
# site's resident memory (VmRSS) sampled every 0.2 s: before the comment, the peak, and after the last delivery. A
# probe posts a comment to another article every 50 ms, for PROBE_SECONDS before the comment and then until every
# follower's mail is queued, and reports how long those posts took: what a reader posting elsewhere on the site
# notices while the followers' mail is rendered and stored (SQLite has one writer, which posts wait for).
#
#   bench/followers.sh                                                # builds Release; SQLite; a few minutes
#   FOLLOWERS=2000 SKIP_BUILD=1 bench/followers.sh
#   DATABASE=postgres POSTGRES="Host=127.0.0.1;Username=gazette;Password=…" SKIP_BUILD=1 bench/followers.sh
#
# The PostgreSQL user needs CREATEDB: the script makes a database of its own and drops it afterwards. Writes
# bench/results/followers.md.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
FOLLOWERS=${FOLLOWERS:-10000}
SKIP_BUILD=${SKIP_BUILD:-0}
DATABASE=${DATABASE:-sqlite}
PORT_BASE=${PORT_BASE:-5390}
ARTICLE=lumara-fold-2-durability-test
PROBE_ARTICLE=corvex-nova-7-review
PROBE_SECONDS=${PROBE_SECONDS:-5}
SITE_DLL=${SITE_DLL:-$ROOT/src/Gazette/bin/Release/net10.0/Gazette.dll}
CONTENT_ROOT=${CONTENT_ROOT:-$ROOT/src/Gazette}
RUN=$ROOT/bench/results/followers-$(date -u +%Y%m%dT%H%M%SZ)
SUMMARY=$ROOT/bench/results/followers.md
PYTHON=/usr/bin/python3
PIDS=()

source "$ROOT/bench/lib.sh"
trap 'kill_all; drop_database' EXIT
trap 'exit 130' INT TERM

need sqlite3 sqlite3
need curl curl
need ss iproute2
"$PYTHON" -c 'import aiosmtpd' || { echo "apt-get install -y python3-aiosmtpd" >&2; exit 1; }
[[ $SKIP_BUILD == 1 ]] || dotnet build -c Release src/Gazette -v q -nologo >/dev/null
mkdir -p "$RUN"

DB_ARGS=()
if [[ $DATABASE == postgres ]]; then
    need psql postgresql-client
    POSTGRES=${POSTGRES:-Host=127.0.0.1;Username=gazette}
    # Npgsql's "Key=value;" for the site, libpq's environment for psql.
    for pair in ${POSTGRES//;/ }; do
        case ${pair%%=*} in
            Host) export PGHOST=${pair#*=} ;; Port) export PGPORT=${pair#*=} ;;
            Username) export PGUSER=${pair#*=} ;; Password) export PGPASSWORD=${pair#*=} ;;
        esac
    done
    PG_DB=gazette_followers_$(date -u +%Y%m%d%H%M%S)
    psql -q -d postgres -c "CREATE DATABASE $PG_DB" >/dev/null
    DB_ARGS=(--Database:Provider Postgres --ConnectionStrings:Gazette "$POSTGRES;Database=$PG_DB")
    sql() { psql -q -At -d "$PG_DB" -v ON_ERROR_STOP=1 "$@"; }
else
    sql() { sqlite3 "$RUN/data/gazette.db" "$@"; }
fi
drop_database() {
    if [[ -n ${PG_DB:-} ]]; then psql -q -d postgres -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null || true; fi
}
query() { if [[ $DATABASE == postgres ]]; then sql -c "$1"; else sql "$1"; fi; }

SMTP_PORT=$(free_port $((PORT_BASE + 100)))
mkfifo "$RUN/smtp-stdin"
"$PYTHON" tests/tools/smtp-test-server.py "$SMTP_PORT" "$RUN/smtp" <"$RUN/smtp-stdin" >"$RUN/smtp.log" 2>&1 &
PIDS+=($!)
exec 3>"$RUN/smtp-stdin"

start_site() { # log
    PORT=$(free_port "$PORT_BASE")
    ASPNETCORE_ENVIRONMENT=Production dotnet "$SITE_DLL" --contentRoot "$CONTENT_ROOT" --urls "http://127.0.0.1:$PORT" \
        --Storage:DataFolder="$RUN/data" "${DB_ARGS[@]}" --Logging:LogLevel:Default=Warning \
        --Site:BaseUrl https://news.example.org --Mail:From news@example.org \
        --RateLimits:Comments:PerIdentity=1000000000 --RateLimits:Comments:PerIp=1000000000 \
        --Mail:Smtp:Host 127.0.0.1 --Mail:Smtp:Port "$SMTP_PORT" --Mail:Smtp:Security None >"$1" 2>&1 &
    SITE=$!
    PIDS+=("$SITE")
    wait_for "http://127.0.0.1:$PORT/health/ready" "$SITE" "$1"
}
stop_site() {
    kill "$SITE" 2>/dev/null || true
    wait "$SITE" 2>/dev/null || true
}
rss_mb() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$SITE/status"; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# The demo, then the followers, in bulk, while the site is stopped.
start_site "$RUN/site-first-start.log"
stop_site
MEMBERS=$((FOLLOWERS / 2))
GUESTS=$((FOLLOWERS - MEMBERS))
SEED=$(cat <<SQL
BEGIN;
INSERT INTO "AspNetUsers" ("Id", "DisplayName", "CreatedAt", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed",
                           "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $MEMBERS)
SELECT 'follower-' || i, 'Follower ' || i, '2020-01-01 00:00:00', 'follower' || i || '@example.net', 'FOLLOWER' || i || '@EXAMPLE.NET',
       'follower' || i || '@example.net', 'FOLLOWER' || i || '@EXAMPLE.NET', TRUE, 'stamp' || i, 'c' || i, FALSE, FALSE, TRUE, 0
FROM n;
INSERT INTO "NotifyAddresses" ("Address", "ConfirmedAt")
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $GUESTS)
SELECT 'guest' || i || '@example.org', '2020-01-01 00:00:00' FROM n;
INSERT INTO "NotifyFollows" ("ArticleId", "UserId", "Address", "CreatedAt", "LastCommentId")
SELECT a."Id", u."Id", NULL, '2020-01-01 00:00:00', (SELECT max("Id") FROM "Comments")
FROM "Articles" a, "AspNetUsers" u WHERE a."Slug" = '$ARTICLE' AND u."Id" LIKE 'follower-%';
INSERT INTO "NotifyFollows" ("ArticleId", "UserId", "Address", "CreatedAt", "LastCommentId")
SELECT a."Id", NULL, g."Address", '2020-01-01 00:00:00', (SELECT max("Id") FROM "Comments")
FROM "Articles" a, "NotifyAddresses" g WHERE a."Slug" = '$ARTICLE' AND g."Address" LIKE 'guest%@example.org';
COMMIT;
SQL
)
if [[ $DATABASE == postgres ]]; then sql -c "$SEED"; sql -c 'ANALYZE "AspNetUsers", "NotifyAddresses", "NotifyFollows"'; else sql "$SEED"; sql 'ANALYZE'; fi
echo "$(query 'SELECT count(*) FROM "NotifyFollows"') followers of $ARTICLE" >&2

start_site "$RUN/site.log"
: >"$RUN/rss"
( while kill -0 "$SITE" 2>/dev/null; do echo "$(now) $(rss_mb)" >>"$RUN/rss"; sleep 0.2; done ) &
SAMPLER=$!
PIDS+=("$SAMPLER")
sleep 2
RSS_START=$(rss_mb)

PROBE_JAR=$RUN/probe.cookies
PROBE_TOKEN=$(curl -sf -c "$PROBE_JAR" "http://127.0.0.1:$PORT/api/v1/antiforgery" | sed 's/.*"token":"\([^"]*\)".*/\1/')
probe() { # output file: "status seconds" a post, until $RUN/probe.stop exists
    local i=0
    while [[ ! -e $RUN/probe.stop ]]; do
        curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -b "$PROBE_JAR" -H "X-CSRF-TOKEN: $PROBE_TOKEN" -H 'Content-Type: application/json' \
            -d "{\"body\":\"Probe $1 $i: a post elsewhere while the followers' mail is queued.\"}" \
            "http://127.0.0.1:$PORT/api/v1/articles/$PROBE_ARTICLE/comments" >>"$1"
        i=$((i + 1))
        sleep 0.05
    done
}
latencies() { # file -> "posts, median, p99, max (ms), not 2xx"
    "$PYTHON" - "$1" <<'PY'
import sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
ms = sorted(float(t) * 1000 for _, t in rows)
bad = sum(1 for code, _ in rows if not code.startswith("2"))
pick = lambda q: ms[min(len(ms) - 1, int(q * len(ms)))]
print(f"{len(ms)} posts: median {pick(0.5):.1f} ms, p99 {pick(0.99):.1f} ms, max {ms[-1]:.1f} ms, {bad} not 2xx")
PY
}
probe "$RUN/probe-before" &
PROBE=$!
sleep "$PROBE_SECONDS"
touch "$RUN/probe.stop"
wait "$PROBE"
rm "$RUN/probe.stop"

JAR=$RUN/guest.cookies
TOKEN=$(curl -sf -c "$JAR" "http://127.0.0.1:$PORT/api/v1/antiforgery" | sed 's/.*"token":"\([^"]*\)".*/\1/')
curl -sf -b "$JAR" -c "$JAR" -H "X-CSRF-TOKEN: $TOKEN" -H 'Content-Type: application/json' \
    -d '{"body":"A comment that ten thousand followers hear of."}' "http://127.0.0.1:$PORT/api/v1/articles/$ARTICLE/comments" >"$RUN/posted.json"
POSTED_AT=$(now)
echo "posted: $(cat "$RUN/posted.json")" >&2
probe "$RUN/probe-during" &
PROBE=$!
PIDS+=("$PROBE")

QUEUED_AT=""
for ((i = 0; i < 6000; i++)); do
    queued=$(query "SELECT count(*) FROM \"OutboxMessages\" WHERE \"Kind\" = 'FollowMail'")
    if ((queued >= FOLLOWERS)); then QUEUED_AT=$(now); break; fi
    sleep 0.1
done
[[ -n $QUEUED_AT ]] || { echo "Only $queued of $FOLLOWERS follow mails queued in 10 minutes" >&2; exit 1; }
echo "queued: $FOLLOWERS follow mails $(elapsed "$POSTED_AT" "$QUEUED_AT") s after the comment" >&2
touch "$RUN/probe.stop"
wait "$PROBE" || true
PROBE_BEFORE=$(latencies "$RUN/probe-before")
PROBE_DURING=$(latencies "$RUN/probe-during")
echo "posts elsewhere before the comment: $PROBE_BEFORE; while the mail was queued: $PROBE_DURING" >&2

SENT_AT=""
for ((i = 0; i < 12000; i++)); do
    sent=$(query "SELECT count(*) FROM \"OutboxMessages\" WHERE \"Kind\" = 'FollowMail' AND \"Status\" = 1")
    if ((sent >= FOLLOWERS)); then SENT_AT=$(now); break; fi
    sleep 0.1
done
[[ -n $SENT_AT ]] || { echo "Only $sent of $FOLLOWERS follow mails sent in 20 minutes" >&2; exit 1; }
sleep 1
RSS_END=$(rss_mb)
kill "$SAMPLER" 2>/dev/null || true
RSS_PEAK=$(awk 'BEGIN { m = 0 } $2 > m { m = $2 } END { print m }' "$RUN/rss")
RATE=$("$PYTHON" - "$RUN/smtp" <<'PY'
import os, sys
folder = sys.argv[1]
times = sorted(os.stat(os.path.join(folder, f)).st_mtime for f in os.listdir(folder) if f.endswith(".eml"))
print(f"{len(times)} {times[-1] - times[0]:.1f} {(len(times) - 1) / (times[-1] - times[0]):.0f}")
PY
)
read -r DELIVERED SPAN PER_S <<<"$RATE"
FAILED=$(query "SELECT count(*) FROM \"OutboxMessages\" WHERE \"Status\" = 2")
stop_site

{
    echo "# $FOLLOWERS followers of one discussion"
    echo
    echo "Measured $(date -u '+%Y-%m-%d %H:%M') UTC on $(nproc) cores (load average $(cut -d' ' -f1-3 /proc/loadavg)), $SITE_DLL (checkout at $(git rev-parse --short HEAD)), $DATABASE, mail to a local aiosmtpd server."
    echo "$MEMBERS members with a verified address and $GUESTS confirmed guest addresses follow $ARTICLE; one comment posted through the JSON API."
    echo
    echo "| measurement | value |"
    echo "|---|---:|"
    echo "| every follower's mail in the outbox, after the comment was acknowledged | $(elapsed "$POSTED_AT" "$QUEUED_AT") s |"
    echo "| all sent, after the comment | $(elapsed "$POSTED_AT" "$SENT_AT") s |"
    echo "| delivered to the SMTP server (files), first to last | $DELIVERED in $SPAN s: **$PER_S messages/s** |"
    echo "| failed | $FAILED |"
    echo "| posts to another article every 50 ms, for $PROBE_SECONDS s before the comment | $PROBE_BEFORE |"
    echo "| the same, from the comment until every follower's mail was queued | $PROBE_DURING |"
    echo "| resident memory: before the comment, peak, after the last delivery | $RSS_START MB, $RSS_PEAK MB, $RSS_END MB |"
} >"$SUMMARY"
cp "$RUN/rss" "$RUN/rss.txt"
cat "$SUMMARY"
