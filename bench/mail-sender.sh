#!/usr/bin/env bash
# The mail sender's throughput: MESSAGES messages put in the outbox of a fresh SQLite site (the Release build, in
# Production), sent by its background sender to a local SMTP server (tests/tools/smtp-test-server.py: Debian's
# aiosmtpd, which writes each message to a file), BatchSize (100) messages over each connection.
#
#   bench/mail-sender.sh                    # 3,000 messages, well under a minute
#   MESSAGES=500 SKIP_BUILD=1 bench/mail-sender.sh
#
# The rate is the messages after the first divided by the time between the first and the last arrival (the files'
# times at the server), so the site's start-up is left out. The SMTP server runs on the same machine, sharing its cores.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
MESSAGES=${MESSAGES:-3000}
SKIP_BUILD=${SKIP_BUILD:-0}
PYTHON=/usr/bin/python3
"$PYTHON" -c 'import aiosmtpd' || { echo "apt-get install -y python3-aiosmtpd" >&2; exit 1; }

[ "$SKIP_BUILD" = 1 ] || dotnet build src/Gazette -c Release -v q -nologo >/dev/null
SITE_DLL=$ROOT/src/Gazette/bin/Release/net10.0/Gazette.dll
RUN=$(mktemp -d /tmp/gazette-mail-bench.XXXXXX)
free_port() { "$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
SMTP_PORT=$(free_port)
SITE_PORT=$(free_port)

PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$RUN"; }
trap cleanup EXIT

# The SMTP server stops when its standard input closes: a FIFO held open by this script.
mkfifo "$RUN/smtp-stdin"
"$PYTHON" tests/tools/smtp-test-server.py "$SMTP_PORT" "$RUN/smtp" < "$RUN/smtp-stdin" > "$RUN/smtp.log" 2>&1 &
PIDS+=($!)
exec 3> "$RUN/smtp-stdin"

(cd src/Gazette && ASPNETCORE_ENVIRONMENT=Production dotnet "$SITE_DLL" --urls "http://127.0.0.1:$SITE_PORT" \
  --Storage:DataFolder "$RUN/data" --Demo:Enabled false --Logging:LogLevel:Default Warning \
  --Mail:Smtp:Host 127.0.0.1 --Mail:Smtp:Port "$SMTP_PORT" --Mail:Smtp:Security None --Mail:From news@example.org \
  --Mail:PollInterval 00:00:00.2 > "$RUN/site.log" 2>&1) &
PIDS+=($!)
for _ in $(seq 1 300); do
  curl -fs "http://127.0.0.1:$SITE_PORT/health/ready" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fs "http://127.0.0.1:$SITE_PORT/health/ready" >/dev/null || { cat "$RUN/site.log"; exit 1; }

# The messages, queued as the outbox stores them (a mail of about 3 KB, HTML and text), in one transaction.
"$PYTHON" - "$RUN/data/gazette.db" "$MESSAGES" <<'PY'
import sqlite3, sys, uuid
db, count = sys.argv[1], int(sys.argv[2])
html = "<!DOCTYPE html><html><head><title>A reply to your comment</title></head><body>" + "<p>Someone answered your comment on the article. " * 40 + "</p></body></html>"
text = "Someone answered your comment on the article. " * 40
rows = [("BenchMail", f"reader{i}@example.org", f"Reader {i}", "A reply to your comment",
         f"<{uuid.uuid4().hex}@news.example.org>", "<thread.bench@news.example.org>", "<replies.news.example.org>",
         "https://news.example.org/mail/unsubscribe?t=x", 0, 0, "2020-01-01 00:00:00", "2020-01-01 00:00:00") for i in range(count)]
connection = sqlite3.connect(db, timeout=30)
# The rendered mail goes in a table of its own, under the message's id.
for row in rows:
    id = connection.execute('INSERT INTO "OutboxMessages" ("Kind", "ToAddress", "ToName", "Subject", "MessageId", '
        '"ThreadId", "ListId", "UnsubscribeUrl", "Status", "Attempts", "CreatedAt", "NextAttemptAt") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)', row).lastrowid
    connection.execute('INSERT INTO "OutboxBodies" ("Id", "HtmlBody", "TextBody") VALUES (?,?,?)', (id, html, text))
connection.commit()
PY

for _ in $(seq 1 1200); do
  [ "$(find "$RUN/smtp" -name '*.eml' 2>/dev/null | wc -l)" -ge "$MESSAGES" ] && break
  sleep 0.1
done
"$PYTHON" - "$RUN/smtp" "$MESSAGES" <<'PY'
import os, sys
folder, expected = sys.argv[1], int(sys.argv[2])
times = sorted(os.stat(os.path.join(folder, f)).st_mtime for f in os.listdir(folder) if f.endswith(".eml"))
if len(times) < expected:
    sys.exit(f"only {len(times)} of {expected} messages arrived")
span = times[-1] - times[0]
print(f"{len(times)} messages delivered in {span:.2f} s: {(len(times) - 1) / span:.0f} messages/s")
PY
