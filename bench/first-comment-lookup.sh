#!/usr/bin/env bash
# The first-comment check of comment screening ("has this guest had a comment approved?") on a large SQLite
# database: the single query OR-ing account, guest cookie and e-mail that Gazette used before, against the
# one-look-up-per-identity queries it uses now (each on its own index). Made by the Release site's own migrations,
# then filled with COMMENTS approved guest comments by sqlite3.
#
#   bench/first-comment-lookup.sh                   # 500,000 comments, about a minute
#   COMMENTS=100000 SKIP_BUILD=1 bench/first-comment-lookup.sh
#
# Prints, for each query, the plan SQLite chose and its time per run: one sqlite3 runs it many times
# (10 of the slow query, 2,000 of the fast ones), divided by REPEAT.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
COMMENTS=${COMMENTS:-500000}
SKIP_BUILD=${SKIP_BUILD:-0}
PORT_BASE=${PORT_BASE:-5180}
RUN=$ROOT/bench/results/first-comment-lookup-$(date -u +%Y%m%dT%H%M%SZ)
PIDS=()
# shellcheck source=lib.sh
source "$ROOT/bench/lib.sh"
trap kill_all EXIT

need sqlite3 sqlite3
need curl curl
[[ $SKIP_BUILD == 1 ]] || dotnet build -c Release src/Gazette -v q -nologo >/dev/null
mkdir -p "$RUN/data"

# The site makes the database with every migration, then stops.
PORT=$(free_port "$PORT_BASE")
# From its build output, its content root (the demo content is there).
(cd src/Gazette/bin/Release/net10.0 && Storage__DataFolder=$RUN/data ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_URLS=http://127.0.0.1:$PORT exec dotnet Gazette.dll) >"$RUN/site.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$PORT/health/ready" "${PIDS[0]}" "$RUN/site.log"
kill_all
PIDS=()
DB=$RUN/data/gazette.db

sqlite3 "$DB" <<SQL
PRAGMA foreign_keys = OFF;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $COMMENTS)
INSERT INTO Comments (ArticleId, Depth, AuthorName, AuthorEmail, Body, BodyHtml, Status, CreatedAt, Upvotes, Downvotes,
                      GuestKeyHash, Rank, SpamScore)
SELECT (SELECT min(Id) FROM Articles), 0, 'Guest ' || i, 'Guest' || (i % 50000) || '@Example.com', 'Comment ' || i,
       '<p>Comment ' || i || '</p>', CASE WHEN i % 10 = 0 THEN 1 ELSE 0 END, '2026-01-01 00:00:00', 0, 0,
       hex(randomblob(16)), 0, 0
FROM n;
ANALYZE;
SQL

# A guest never seen before (the common case, and the slowest: nothing is found, so nothing stops the search).
GUEST="'0123456789ABCDEF0123456789ABCDEF'"
EMAIL="'new.reader@example.com'"
declare -A QUERIES=(
    ["before: one query, identities OR-ed"]="SELECT EXISTS (SELECT 1 FROM Comments c WHERE c.Status = 0 AND ((NULL IS NOT NULL AND c.UserId = NULL) OR ($GUEST IS NOT NULL AND c.UserId IS NULL AND c.GuestKeyHash = $GUEST) OR ($EMAIL IS NOT NULL AND c.AuthorEmail IS NOT NULL AND lower(c.AuthorEmail) = $EMAIL)));"
    ["now: by guest cookie"]="SELECT EXISTS (SELECT 1 FROM Comments c WHERE c.Status = 0 AND c.GuestKeyHash = $GUEST AND c.UserId IS NULL);"
    ["now: by e-mail"]="SELECT EXISTS (SELECT 1 FROM Comments c WHERE c.Status = 0 AND lower(c.AuthorEmail) = $EMAIL);"
)
echo "$(sqlite3 "$DB" 'SELECT count(*) FROM Comments') comments, SQLite $(sqlite3 --version | cut -d' ' -f1)"
TIMEFORMAT=%R
for name in "before: one query, identities OR-ed" "now: by guest cookie" "now: by e-mail"; do
    query=${QUERIES[$name]}
    plan=$(sqlite3 "$DB" "EXPLAIN QUERY PLAN $query" | grep -o 'USING [A-Z ]*INDEX [A-Za-z_]*' | head -1)
    [[ $name == before* ]] && repeat=10 || repeat=2000
    for ((i = 0; i < repeat; i++)); do echo "$query"; done >"$RUN/repeat.sql"
    seconds=$({ time sqlite3 "$DB" <"$RUN/repeat.sql" >/dev/null; } 2>&1)
    printf '%-40s %9.3f ms   %s\n' "$name" "$(awk -v t="$seconds" -v r="$repeat" 'BEGIN { print t * 1000 / r }')" "$plan"
done | tee "$RUN/summary.txt"
