#!/usr/bin/env bash
# Benchmark (not a test): the funnel page over about 10 million stored events in SQLite.
#
# 1. `kunde demo` creates the demo bike shop (3,000 customers, two years of events);
# 2. the demo's customers and their events are copied in SQL until the workspace holds
#    about TARGET_EVENTS events (each copy a new set of customers with the same journeys);
# 3. `kunde serve` starts on that database, the owner signs in with curl, and the funnel
#    page is timed cold (the event log is loaded and built) and warm (the cached log is
#    checked against the database and the funnel computed), then the paths page and a CSV;
# 4. then after one new event and after a batch of 1,000 (merged into the cached log), cold
#    after a restart (the log file kept in DATA_DIR/analytics, brought up to date), and the
#    server's memory (resident set) with the log loaded, and the file's size.
#
# Usage: bench/funnel_page.sh [TARGET_EVENTS]   (default 10000000; needs sqlite3 and curl)
# Builds the release binary with CARGO_TARGET_DIR (default ./target) unless KUNDE_BIN is set.
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET_EVENTS=${1:-10000000}
PORT=${PORT:-18787}
WORK=$(mktemp -d /tmp/kunde-funnel-bench.XXXXXX)
# BENCH_DB=path keeps the generated database there and reuses it on the next run.
DB="${BENCH_DB:-$WORK/kunde.sqlite}"
if [[ -z "${KUNDE_BIN:-}" ]]; then
    cargo build --release -p kunde >&2
    KUNDE_BIN="${CARGO_TARGET_DIR:-target}/release/kunde"
fi
SERVER=
cleanup() { [[ -n "$SERVER" ]] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

start() { # $1: demo or serve
    "$KUNDE_BIN" "$1" --database-url "sqlite://$DB" --data-dir "$WORK" --addr "127.0.0.1:$PORT" >"$WORK/$1.log" 2>&1 &
    SERVER=$!
    for _ in $(seq 1 600); do
        curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && return 0
        sleep 0.5
    done
    echo "server did not start:"; cat "$WORK/$1.log"; exit 1
}
stop() { kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=; }

if [[ -s "$DB" ]]; then
    echo "== reusing $DB"
else
    echo "== creating the demo business"
    start demo
    stop
    demo_events=$(sqlite3 "$DB" "SELECT COUNT(*) FROM events WHERE customer_id IS NOT NULL")
    copies=$(( (TARGET_EVENTS + demo_events - 1) / demo_events - 1 ))
    echo "demo: $demo_events customer events; adding $copies copies"
    t0=$(date +%s.%N)
    sqlite3 "$DB" <<SQL
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -1500000;
PRAGMA temp_store = MEMORY;
BEGIN;
CREATE TEMP TABLE copies(n INTEGER PRIMARY KEY);
WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < $copies) INSERT INTO copies SELECT n FROM k;
CREATE TEMP TABLE base_customers AS SELECT * FROM customers;
CREATE TEMP TABLE base_events AS SELECT * FROM events WHERE customer_id IS NOT NULL;
INSERT INTO customers (id, workspace_id, name, email, phone, language, marketing_consent, acquisition_channel, acquisition_cost, created_at)
  SELECT c.id + k.n * 1000000, c.workspace_id, c.name || ' ' || k.n, NULL, NULL, c.language, c.marketing_consent, c.acquisition_channel, c.acquisition_cost, c.created_at
  FROM copies k, base_customers c;
INSERT INTO events (workspace_id, customer_id, visitor_id, touchpoint_id, occurred_at, channel, amount, properties)
  SELECT e.workspace_id, e.customer_id + k.n * 1000000, NULL, e.touchpoint_id, e.occurred_at, e.channel, e.amount, '{}'
  FROM copies k, base_events e;
COMMIT;
SQL
    t1=$(date +%s.%N)
    printf "copying took %.1f s\n" "$(echo "$t1 - $t0" | bc)"
fi
total=$(sqlite3 "$DB" "SELECT COUNT(*) FROM events")
customers=$(sqlite3 "$DB" "SELECT COUNT(*) FROM customers")
printf "stored: %s events, %s customers (database %s)\n" "$total" "$customers" "$(du -h "$DB" | cut -f1)"

echo "== serving"
# A file kept by an earlier run of this script is not used: the first view is a full load.
rm -rf "$WORK/analytics"
start serve
JAR="$WORK/cookies"
signin() {
    rm -f "$JAR"
    curl -s -c "$JAR" -o /dev/null "http://127.0.0.1:$PORT/signin"
    csrf=$(awk '$6 == "kunde_csrf" { print $7 }' "$JAR")
    curl -s -b "$JAR" -c "$JAR" -o /dev/null \
        --data-urlencode "csrf=$csrf" --data-urlencode "email=staff@demo.kunde.test" \
        --data-urlencode "password=demo-password" --data-urlencode "next=/" \
        "http://127.0.0.1:$PORT/signin"
}
signin
rss() { awk '/VmRSS/ { printf "%.0f MB", $2 / 1024 }' "/proc/$SERVER/status"; }
echo "server memory before any analytics page: $(rss)"

get() { # prints seconds and status of one request
    curl -s -b "$JAR" -o "$WORK/page" -w "%{time_total} %{http_code}\n" "http://127.0.0.1:$PORT$1"
}
report() { # $1 label, $2 path, $3 repetitions
    local times=()
    for _ in $(seq 1 "$3"); do
        read -r t code < <(get "$2")
        [[ "$code" == 200 ]] || { echo "$1: HTTP $code"; head -c 600 "$WORK/page"; exit 1; }
        times+=("$t")
    done
    printf "%-42s %s s\n" "$1" "$(printf '%s ' "${times[@]}")"
}
report "funnel page, cold (load + build + funnel):" "/analytics/funnel" 1
report "funnel page, warm (default steps):" "/analytics/funnel" 5
grep -o "[0-9]* customers reached the first step[^<]*" "$WORK/page" | head -1 || true
steps=$(grep -o 'option value="[0-9]*" selected' "$WORK/page" | grep -o '[0-9]*' | head -3 | sed 's/^/step=/' | paste -sd'&')
report "funnel page, warm, 3 steps by channel:" "/analytics/funnel?$steps&window=14&unit=days&breakdown=channel" 5
report "funnel page, warm, by month:" "/analytics/funnel?$steps&window=14&unit=days&breakdown=month" 3
report "dropped customers CSV, warm:" "/analytics/funnel.csv?$steps&table=dropped" 3
report "paths page (Sankey), warm:" "/analytics/paths" 3
report "paths after drop-off, warm:" "/analytics/paths?view=drop&$steps" 3
grep 'event log loaded' "$WORK/serve.log" | head -2 || true

echo "server memory with the log loaded: $(rss)"

new_events() { # $1: how many; copies of earlier customer events, spread over the customers
    sqlite3 -cmd ".timeout 10000" "$DB" "INSERT INTO events (workspace_id, customer_id, visitor_id, touchpoint_id, occurred_at, channel, amount, properties)
      SELECT workspace_id, customer_id, NULL, touchpoint_id, occurred_at + 60, channel, NULL, '{}' FROM events
      WHERE customer_id IS NOT NULL AND id % 997 = 0 ORDER BY id DESC LIMIT $1"
}
echo "== one new event arrives (as the event API would store it)"
new_events 1
report "funnel page after it (merged into the log):" "/analytics/funnel" 1
report "funnel page, warm again:" "/analytics/funnel" 3
echo "== a batch of 1,000 new events"
new_events 1000
report "funnel page after them (merged):" "/analytics/funnel" 1
report "funnel page, warm again:" "/analytics/funnel" 3
echo "server memory after the appends: $(rss)"
grep -E 'source="?(appended|file)' "$WORK/serve.log" | tail -3 || true

echo "== restart (the log file is kept in DATA_DIR/analytics)"
sleep 2
stop
start serve
signin
report "funnel page, cold after a restart (file):" "/analytics/funnel" 1
report "funnel page, warm:" "/analytics/funnel" 3
echo "server memory after the restart: $(rss)"
ls -l "$WORK"/analytics/events-*.bin | awk '{ printf "log file: %.1f MB\n", $5 / 1048576 }'
grep 'event log loaded' "$WORK/serve.log" | tail -2 || true
