#!/usr/bin/env bash
# Posting with notifications on against off (issue 12: "within 10 %"), interleaved: ROUNDS rounds of off then on, each
# a fresh copy of the demo database and a new instance of the Release site (Notifications:Enabled set per instance),
# so that a slow minute of the shared machine falls on both settings alike. In each instance, after a warm-up:
#
#   warm-up    replies as below, in chunks of WARMUP_CHUNK, at least WARMUP_MIN chunks and then until the runtime
#              compiled fewer than WARMUP_QUIET methods during a chunk (at most WARMUP_MAX chunks). The mail path runs
#              once per batch of comments, not per post, so it reaches its final tier of compilation only after some
#              10,000 posts: a shorter warm-up measured compilation as much as mail (docs/benchmarks.md, session 17).
#              At 100 methods a chunk (the default before session 21), a slower machine stopped while the "on"
#              instance was still compiling: its reference requests ran at half the "off" instance's rate.
#
#   reference  GET /health/live 2,000 times from one client: how fast the machine is that minute;
#   replies    WordPress's method: one client posting POSTS replies in turn to the comments of the 300-comment
#              article, whose writers are made guests who asked for replies by mail and confirmed their address:
#              with notifications on, each reply queues a reply mail, and the instance's sender delivers it;
#   api        wrk posting new comments through the JSON API from 16 connections for DURATION.
#
# Posts/s counts the posting only. CPU per post is the instance's utime + stime (/proc/PID/stat) from the first post
# until every comment is dealt with by the notifications service and every queued mail is delivered (so the
# background work the posts caused is in the figure, wherever it falls), divided by the posts. Mail goes to a local
# SMTP server (tests/tools/smtp-test-server.py, aiosmtpd, writing each mail to a Maildir; its own CPU is not counted),
# or with MAIL=sink to Postfix's smtp-sink (the SMTP server Postfix is benchmarked against: C, one process, it answers
# 250 and discards the mail; Debian's postfix package, installed "No configuration" so that no mail system starts), or
# with MAIL=folder to .eml files (no SMTP host). On this 2-core machine the SMTP server runs on the cores the site posts
# on, as it would not in production: aiosmtpd takes 0.7-0.9 ms of CPU a mail, smtp-sink a small part of that. The per-writer and per-recipient limits are raised to their maximum, so that every reply that
# may be mailed is. Medians of the rounds per setting go to bench/results/notifications-on-off.md.
#
#   bench/notifications-on-off.sh                                  # builds Release; about 6 minutes
#   ROUNDS=4 POSTS=1000 WARMUP_CHUNK=1000 DURATION=5s SKIP_BUILD=1 bench/notifications-on-off.sh
#   SITE_DLL=/tmp/before/Gazette.dll SKIP_BUILD=1 bench/notifications-on-off.sh   # another build (same content root)
#   SITE_ARGS="--Notifications:BatchSize=50" MAIL=sink SKIP_BUILD=1 bench/notifications-on-off.sh   # settings of both instances
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
ROUNDS=${ROUNDS:-3}
POSTS=${POSTS:-1000}
WARMUP_CHUNK=${WARMUP_CHUNK:-1000}
WARMUP_MIN=${WARMUP_MIN:-12}
WARMUP_MAX=${WARMUP_MAX:-30}
WARMUP_QUIET=${WARMUP_QUIET:-10}
DURATION=${DURATION:-5s}
SKIP_BUILD=${SKIP_BUILD:-0}
PORT_BASE=${PORT_BASE:-5290}
MAIL=${MAIL:-smtp}
REPLIED=corvex-nova-7-review
POSTED=lumara-fold-2-durability-test
SITE_DLL=${SITE_DLL:-$ROOT/src/Gazette/bin/Release/net10.0/Gazette.dll}
CONTENT_ROOT=${CONTENT_ROOT:-$ROOT/src/Gazette}
RUN=$ROOT/bench/results/notifications-on-off-$(date -u +%Y%m%dT%H%M%SZ)
SUMMARY=$ROOT/bench/results/notifications-on-off.md
CLK_TCK=$(getconf CLK_TCK)
PYTHON=/usr/bin/python3
PIDS=()

source "$ROOT/bench/lib.sh"
trap kill_all EXIT
trap 'exit 130' INT TERM

need wrk wrk
need sqlite3 sqlite3
need curl curl
need ss iproute2
[[ $MAIL != smtp ]] || "$PYTHON" -c 'import aiosmtpd' || { echo "apt-get install -y python3-aiosmtpd" >&2; exit 1; }
if [[ $MAIL == sink ]] && ! command -v smtp-sink >/dev/null; then
    echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
    need smtp-sink postfix
fi
[[ $SKIP_BUILD == 1 ]] || dotnet build -c Release src/Gazette -v q -nologo >/dev/null
mkdir -p "$RUN"

MAIL_ARGS=()
if [[ $MAIL == smtp ]]; then
    SMTP_PORT=$(free_port $((PORT_BASE + 100)))
    # The SMTP server stops when its standard input closes: a FIFO held open by this script.
    mkfifo "$RUN/smtp-stdin"
    "$PYTHON" tests/tools/smtp-test-server.py "$SMTP_PORT" "$RUN/smtp" <"$RUN/smtp-stdin" >"$RUN/smtp.log" 2>&1 &
    SMTP_PID=$!
    PIDS+=("$SMTP_PID")
    exec 3>"$RUN/smtp-stdin"
    MAIL_ARGS=(--Mail:Smtp:Host 127.0.0.1 --Mail:Smtp:Port "$SMTP_PORT" --Mail:Smtp:Security None)
elif [[ $MAIL == sink ]]; then
    SMTP_PORT=$(free_port $((PORT_BASE + 100)))
    # -c: counters on exit; -m: concurrent sessions; running as root it must drop to another user (-u).
    smtp-sink -c -m 256 -u nobody "127.0.0.1:$SMTP_PORT" 256 >"$RUN/smtp.log" 2>&1 &
    SMTP_PID=$!
    PIDS+=("$SMTP_PID")
    MAIL_ARGS=(--Mail:Smtp:Host 127.0.0.1 --Mail:Smtp:Port "$SMTP_PORT" --Mail:Smtp:Security None)
fi

start_site() { # data folder, log, notifications enabled
    PORT=$(free_port "$PORT_BASE")
    DOTNET_PerfMapEnabled=3 ASPNETCORE_ENVIRONMENT=Production dotnet "$SITE_DLL" --contentRoot "$CONTENT_ROOT" --urls "http://127.0.0.1:$PORT" \
        --Storage:DataFolder="$1" --Logging:LogLevel:Default=Warning --Moderation:HoldFirstComment=true \
        --RateLimits:Comments:PerIdentity=1000000000 --RateLimits:Comments:PerIp=1000000000 \
        --Site:BaseUrl https://news.example.org --Mail:From news@example.org "${MAIL_ARGS[@]}" \
        --Notifications:Enabled="$3" --Notifications:MaxPerSenderPerHour=10000 --Notifications:MaxPerRecipientPerHour=10000 \
        ${SITE_ARGS:-} >"$2" 2>&1 &
    SITE=$!
    PIDS+=("$SITE")
    wait_for "http://127.0.0.1:$PORT/health/ready" "$SITE" "$2"
}

stop_site() {
    kill "$SITE" 2>/dev/null || true
    wait "$SITE" 2>/dev/null || true
    rm -f "/tmp/perf-$SITE.map"
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$SITE/stat"; }
# Methods the runtime has compiled so far (first compilations and recompilations at a higher tier): the lines of the
# perf map it writes when DOTNET_PerfMapEnabled=3 (a line per compilation; nothing is written once the code is settled).
compiled() { if [[ -f /tmp/perf-$SITE.map ]]; then wc -l <"/tmp/perf-$SITE.map"; else echo 0; fi; }
smtp_ticks() { if [[ -n ${SMTP_PID:-} ]]; then awk '{ print $14 + $15 }' "/proc/$SMTP_PID/stat"; else echo 0; fi; }
load() { cut -d' ' -f1 /proc/loadavg; }
ms_per() { awk -v t="$1" -v n="$2" -v hz="$CLK_TCK" 'BEGIN { printf "%.2f", (n > 0 ? t * 1000 / hz / n : 0) }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }'; }
mails() { sqlite3 "$DB" "SELECT count(*) FROM OutboxMessages;"; }

# Until every public comment is dealt with by the notifications service and every queued mail is sent.
drained() {
    local i
    for ((i = 0; i < 1200; i++)); do
        [[ $(sqlite3 "$DB" "SELECT (SELECT count(*) FROM Comments WHERE Status = 0 AND NotifiedAt IS NULL) + (SELECT count(*) FROM OutboxMessages WHERE Status = 0);") == 0 ]] && return 0
        sleep 0.1
    done
    echo "The notifications and the outbox did not drain within 2 minutes" >&2
    exit 1
}

# A guest of its own (cookie and antiforgery token), approved once, so that its posts are published.
new_guest() { # jar -> prints the token
    local token id
    token=$(curl -sf -c "$1" "http://127.0.0.1:$PORT/api/v1/antiforgery" | sed 's/.*"token":"\([^"]*\)".*/\1/')
    id=$(curl -sf -b "$1" -c "$1" -H "X-CSRF-TOKEN: $token" -H 'Content-Type: application/json' \
        -d "{\"body\":\"Hello, I read this site every day ($1).\"}" "http://127.0.0.1:$PORT/api/v1/articles/$POSTED/comments" |
        sed 's/.*"id":\([0-9]*\).*/\1/')
    sqlite3 "$DB" "UPDATE Comments SET Status = 0 WHERE Id = $id;"
    echo "$token"
}

# A curl config posting COUNT replies, one at a time on one connection, to PARENTS in turn.
write_posts() { # file, jar, token, count, label, parents...
    local file=$1 jar=$2 token=$3 count=$4 label=$5 i
    shift 5
    local parents=("$@")
    : >"$file"
    for ((i = 0; i < count; i++)); do
        ((i == 0)) || echo next >>"$file"
        printf 'url = "http://127.0.0.1:%s/api/v1/articles/%s/comments"\nheader = "X-CSRF-TOKEN: %s"\nheader = "Content-Type: application/json"\ncookie = "%s"\ndata = "{\\"parentId\\":%s,\\"body\\":\\"Reply %s of %s: a sentence or two, as readers write them.\\"}"\nsilent\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n' \
            "$PORT" "$REPLIED" "$token" "$jar" "${parents[$((i % ${#parents[@]}))]}" "$i" "$label" >>"$file"
    done
}

# Runs a curl config; prints: requests, seconds, non-2xx answers.
run_curl() {
    local start end codes
    start=$(date +%s.%N)
    codes=$(curl -K "$1")
    end=$(date +%s.%N)
    echo "$(grep -c . <<<"$codes") $(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }') $(grep -vc '^2' <<<"$codes" || true)"
}

one_instance() { # round, setting (off|on)
    local round=$1 setting=$2 data=$RUN/r$1-$2 jar token parents n s bad t0 t1 m0 l1
    cp -r "$RUN/demo" "$data"
    DB=$data/gazette.db
    jar=$RUN/r$round-$setting.cookies
    start_site "$data" "$RUN/site-r$round-$setting.log" "$([[ $setting == on ]] && echo true || echo false)"
    mapfile -t parents < <(sqlite3 "$DB" "SELECT c.Id FROM Comments c JOIN Articles a ON a.Id = c.ArticleId WHERE a.Slug = '$REPLIED' AND c.Status = 0 AND c.Id <= 1000 ORDER BY c.Id;")

    local chunk j0 j1
    for ((chunk = 1; chunk <= WARMUP_MAX; chunk++)); do
        # A writer of its own per chunk (within the per-writer limit of mails an hour) and texts of its own (the same
        # text again from the same writer would be refused as a duplicate).
        token=$(new_guest "$jar.$chunk")
        write_posts "$RUN/warmup.curl" "$jar.$chunk" "$token" "$WARMUP_CHUNK" "warm-up-$round-$setting-$chunk" "${parents[@]}"
        j0=$(compiled)
        run_curl "$RUN/warmup.curl" >/dev/null
        drained
        j1=$(compiled)
        ((chunk < WARMUP_MIN || j1 - j0 >= WARMUP_QUIET)) || break
    done
    echo "$round $setting warm-up: $((chunk > WARMUP_MAX ? WARMUP_MAX : chunk)) chunks of $WARMUP_CHUNK posts, $((j1 - j0)) methods compiled in the last, $j1 in all" >>"$RUN/warmups"

    local i
    : >"$RUN/live.curl"
    for ((i = 0; i < 2000; i++)); do
        ((i == 0)) || echo next >>"$RUN/live.curl"
        printf 'url = "http://127.0.0.1:%s/health/live"\nsilent\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n' "$PORT" >>"$RUN/live.curl"
    done
    t0=$(cpu_ticks); l1=$(load)
    read -r n s bad < <(run_curl "$RUN/live.curl")
    t1=$(cpu_ticks)
    echo "$round $setting reference $(rate "$n" "$s") $(ms_per $((t1 - t0)) "$n") 0 $bad $l1" >>"$RUN/rows"

    token=$(new_guest "$jar")
    write_posts "$RUN/round.curl" "$jar" "$token" "$POSTS" "round-$round-$setting" "${parents[@]}"
    m0=$(mails); t0=$(cpu_ticks); s0=$(smtp_ticks); l1=$(load)
    read -r n s bad < <(run_curl "$RUN/round.curl")
    drained
    t1=$(cpu_ticks); s1=$(smtp_ticks)
    echo "$round $setting replies $(rate "$n" "$s") $(ms_per $((t1 - t0)) "$n") $(($(mails) - m0)) $bad $l1 $(ms_per $((s1 - s0)) "$n")" >>"$RUN/rows"

    local wjar=$RUN/r$round-$setting-wrk.cookies wtoken cookies requests non2xx rps
    wtoken=$(new_guest "$wjar")
    cookies=$(awk '!/^#/ && NF >= 7 { printf "%s=%s; ", $6, $7 }' "$wjar"; awk '/^#HttpOnly_/ { printf "%s=%s; ", $6, $7 }' "$wjar")
    m0=$(mails); t0=$(cpu_ticks); l1=$(load)
    TOKEN=$wtoken COOKIES=$cookies POST_PATH="/api/v1/articles/$POSTED/comments" \
        wrk -t2 -c16 -d"$DURATION" -s bench/post-comment.lua "http://127.0.0.1:$PORT" >"$RUN/r$round-$setting-wrk.txt"
    drained
    t1=$(cpu_ticks)
    rps=$(awk '/Requests\/sec/ { printf "%.0f", $2 }' "$RUN/r$round-$setting-wrk.txt")
    requests=$(awk '/^POSTED/ { print $2 }' "$RUN/r$round-$setting-wrk.txt")
    non2xx=$(awk '/^POSTED/ { print $4 }' "$RUN/r$round-$setting-wrk.txt")
    echo "$round $setting api $rps $(ms_per $((t1 - t0)) "$requests") $(($(mails) - m0)) $non2xx $l1" >>"$RUN/rows"
    echo "round $round, notifications $setting: $(grep "^$round $setting " "$RUN/rows" | cut -d' ' -f3- | tr '\n' ';')" >&2
    stop_site
    rm -rf "$data"
}

# The demo: a fresh data folder, filled by the site when it first starts.
DB=$RUN/demo/gazette.db
start_site "$RUN/demo" "$RUN/site-first-start.log" false
stop_site
# The demo's readers left no address: the 300-comment article's comments become those of guests who ticked "E-mail me
# replies" and confirmed, so that every reply to them is mailed when notifications are on.
sqlite3 "$DB" <<SQL
UPDATE Comments SET AuthorEmail = 'reader' || Id || '@example.org', NotifyReplies = 1
WHERE Status = 0 AND ArticleId = (SELECT Id FROM Articles WHERE Slug = '$REPLIED');
INSERT INTO NotifyAddresses (Address, ConfirmedAt)
SELECT AuthorEmail, '2020-01-01 00:00:00' FROM Comments WHERE NotifyReplies = 1 AND AuthorEmail LIKE 'reader%@example.org';
SQL
: >"$RUN/rows"
: >"$RUN/warmups"
for ((round = 1; round <= ROUNDS; round++)); do
    one_instance "$round" off
    one_instance "$round" on
done

median() { sort -n | awk '{ v[NR] = $1 } END { printf "%s", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
column() { # measurement setting field(4 rate, 5 cpu, 6 mails)
    awk -v m="$1" -v s="$2" -v f="$3" '$3 == m && $2 == s { print $f }' "$RUN/rows" | median
}
{
    echo "# Posting with notifications on and off, interleaved"
    echo
    echo "Measured $(date -u '+%Y-%m-%d %H:%M') UTC on $(nproc) cores, $SITE_DLL (checkout at $(git rev-parse --short HEAD)), SQLite, mail to $(case $MAIL in smtp) echo 'a local SMTP server (aiosmtpd, writing a Maildir)' ;; sink) echo "a local SMTP server (Postfix's smtp-sink, discarding)" ;; *) echo '.eml files (no SMTP host)' ;; esac), the sender running in the instance."
    echo "$ROUNDS rounds of off then on, each a fresh demo database and instance, warmed up in chunks of $WARMUP_CHUNK posts until a chunk compiled fewer than $WARMUP_QUIET methods (at least $WARMUP_MIN chunks, at most $WARMUP_MAX); $POSTS sequential replies; wrk -t2 -c16 -d$DURATION. Medians of the rounds; CPU per post counts until the notifications and the outbox are drained."
    echo
    echo "| measurement | off: per s | on: per s | on/off | off: CPU ms each | on: CPU ms each | on/off | mails queued (on) |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|"
    for m in reference replies api; do
        ro=$(column "$m" off 4); rn=$(column "$m" on 4); co=$(column "$m" off 5); cn=$(column "$m" on 5); mn=$(column "$m" on 6)
        echo "| $m | $ro | $rn | $(awk -v a="$rn" -v b="$ro" 'BEGIN { printf "%.2f", a / b }') | $co | $cn | $(awk -v a="$cn" -v b="$co" 'BEGIN { printf "%.2f", a / b }') | $mn |"
    done
    echo
    echo "Every round (round, setting, measurement, per s, CPU ms each, mails queued, not 2xx, load average; for replies, the SMTP server's CPU ms per post):"
    echo
    echo '```'
    cat "$RUN/rows"
    echo
    cat "$RUN/warmups"
    echo '```'
} >"$SUMMARY"
cat "$SUMMARY"
