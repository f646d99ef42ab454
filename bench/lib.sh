# Shell functions shared by the bench/ scripts (sourced, not run). They expect ROOT and RUN to be set and a PIDS array.

# Installs a Debian package when the command it provides is missing.
need() { # command package
    command -v "$1" >/dev/null 2>&1 && return 0
    echo "Installing $2 (for $1)..." >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}

free_port() { # first port tried -> the first free one from it
    local port
    for ((port = $1; port < $1 + 500; port++)); do
        if [[ -z $(ss -Htln "sport = :$port") ]]; then
            echo "$port"
            return 0
        fi
    done
    echo "No free port from $1" >&2
    return 1
}

wait_for() { # url pid log: until the url answers, failing when the process stops or after 60 s
    local i
    for ((i = 0; i < 240; i++)); do
        if curl -sf -o /dev/null "$1"; then
            return 0
        fi
        if ! kill -0 "$2" 2>/dev/null; then
            echo "The server stopped while starting; its output ($3):" >&2
            cat "$3" >&2
            exit 1
        fi
        sleep 0.25
    done
    echo "$1 did not answer within 60 s; see $3" >&2
    exit 1
}

to_ms() { # wrk's 812.00us / 2.31ms / 1.20s / 2.00m -> milliseconds
    awk -v v="$1" 'BEGIN {
        if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
        else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
        else if (v ~ /m$/) { sub(/m$/, "", v); printf "%.0f", v * 60000 }
        else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.0f", v * 1000 }
        else printf "%s", v }'
}

kill_all() { # stops every process in PIDS
    local pid
    for pid in "${PIDS[@]}"; do
        if kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
}

# CPU accounting from /proc (the same as article-pages.sh's own copies).
busy_jiffies() { # all CPUs: user nice system idle iowait irq softirq steal -> user, nice, system and steal
    # Interrupts are left out: at tens of thousands of requests/s the loopback traffic itself costs softirq time
    # that no process is charged for, and it would show as other work.
    awk '/^cpu /{print $2 + $3 + $4 + $9}' /proc/stat
}
total_jiffies() {
    awk '/^cpu /{print $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat
}
process_jiffies() { # pids... -> utime + stime of each and its children (nginx and php-fpm workers)
    local pid sum=0 child
    for pid in "$@"; do
        [[ -r /proc/$pid/stat ]] || continue
        sum=$((sum + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
        for child in $(cat "/proc/$pid/task/"*/children 2>/dev/null); do
            [[ -r /proc/$child/stat ]] && sum=$((sum + $(awk '{print $14 + $15}' "/proc/$child/stat")))
        done
    done
    echo "$sum"
}

memory_kb() { # pids... -> "rss pss" in KiB of each and its children; PSS shares pages between the processes that map them
    local pid child pids=()
    for pid in "$@"; do
        [[ -r /proc/$pid/status ]] || continue
        pids+=("$pid")
        for child in $(cat "/proc/$pid/task/"*/children 2>/dev/null); do pids+=("$child"); done
    done
    local rss=0 pss=0
    for pid in "${pids[@]}"; do
        rss=$((rss + $(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)))
        pss=$((pss + $(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)))
    done
    echo "$rss $pss"
}
