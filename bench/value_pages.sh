#!/usr/bin/env bash
# Benchmark (not a test): the Value pages and the start page over a workspace of about
# 1M customers, 3M orders and 10M events in SQLite (issue 20's target: every page warm
# under 200 ms, cold under 3 s).
#
# 1. `kunde demo` creates the demo bike shop (3,000 customers, two years of events, orders
#    recorded as purchase events);
# 2. the demo's customers are copied in SQL until there are CUSTOMERS of them; every copy
#    keeps all of its customers' orders and enough of their other events that the workspace
#    holds about TARGET_EVENTS events; every other customer orders once more a week after
#    each order (about 3M orders for 1M customers);
# 3. `kunde serve` starts on that database, the owner signs in with curl, and each page is
#    timed cold (the first request after the start: the event log is loaded and the page's
#    figures computed), then warm (the same page again).
#
# Usage: bench/value_pages.sh [CUSTOMERS] [TARGET_EVENTS]   (default 1000000 10000000)
# Needs sqlite3, curl and bc. Builds the release binary unless KUNDE_BIN is set; BENCH_DB=path
# keeps the generated database and reuses it on the next run.
set -euo pipefail
cd "$(dirname "$0")/.."
CUSTOMERS=${1:-1000000}
TARGET_EVENTS=${2:-10000000}
PORT=${PORT:-18788}
WORK=$(mktemp -d /tmp/kunde-value-bench.XXXXXX)
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
    for _ in $(seq 1 1200); do
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
    base=$(sqlite3 "$DB" "SELECT COUNT(*) FROM customers")
    orders=$(sqlite3 "$DB" "SELECT COUNT(*) FROM events WHERE customer_id IS NOT NULL AND amount > 0")
    others=$(sqlite3 "$DB" "SELECT COUNT(*) FROM events WHERE customer_id IS NOT NULL AND (amount IS NULL OR amount <= 0)")
    copies=$(( (CUSTOMERS + base - 1) / base - 1 ))
    # Of the other events, keep one in `keep_every` so the total comes near TARGET_EVENTS.
    total_orders=$(( orders * (copies + 1) * 3 / 2 ))
    room=$(( TARGET_EVENTS - total_orders ))
    per_copy_room=$(( room / (copies + 1) ))
    keep_every=$(( per_copy_room > 0 ? (others + per_copy_room - 1) / per_copy_room : others ))
    (( keep_every < 1 )) && keep_every=1
    echo "demo: $base customers, $orders orders, $others other events; $copies copies, keeping 1 in $keep_every other events"
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
CREATE TEMP TABLE base_events AS SELECT * FROM events
  WHERE customer_id IS NOT NULL AND (amount > 0 OR id % $keep_every = 0);
INSERT INTO customers (id, workspace_id, name, email, phone, language, marketing_consent, acquisition_channel, acquisition_cost, created_at)
  SELECT c.id + k.n * 1000000, c.workspace_id, c.name || ' ' || k.n, NULL, NULL, c.language, c.marketing_consent, c.acquisition_channel, c.acquisition_cost, c.created_at
  FROM copies k, base_customers c;
INSERT INTO events (workspace_id, customer_id, visitor_id, touchpoint_id, occurred_at, channel, amount, properties)
  SELECT e.workspace_id, e.customer_id + k.n * 1000000, NULL, e.touchpoint_id, e.occurred_at, e.channel, e.amount, '{}'
  FROM copies k, base_events e;
-- The demo's customers order about twice each; every other customer orders once more a
-- week after each order, so the workspace has about 3 orders per customer.
INSERT INTO events (workspace_id, customer_id, visitor_id, touchpoint_id, occurred_at, channel, amount, properties)
  SELECT workspace_id, customer_id, NULL, touchpoint_id, occurred_at + 7 * 86400, channel, amount, '{}'
  FROM events WHERE customer_id IS NOT NULL AND amount > 0 AND customer_id % 2 = 0
    AND occurred_at + 7 * 86400 < CAST(strftime('%s', 'now') AS INTEGER);
COMMIT;
SQL
    t1=$(date +%s.%N)
    printf "copying took %.1f s\n" "$(echo "$t1 - $t0" | bc)"
fi
total=$(sqlite3 "$DB" "SELECT COUNT(*) FROM events")
orders=$(sqlite3 "$DB" "SELECT COUNT(*) FROM events WHERE amount > 0")
customers=$(sqlite3 "$DB" "SELECT COUNT(*) FROM customers")
printf "stored: %s customers, %s orders, %s events (database %s)\n" "$customers" "$orders" "$total" "$(du -h "$DB" | cut -f1)"

echo "== serving"
rm -rf "$WORK/analytics"
start serve
JAR="$WORK/cookies"
signin() {
    rm -f "$JAR"
    curl -s -c "$JAR" -o /dev/null "http://127.0.0.1:$PORT/signin"
    csrf=$(awk '$6 == "kunde_csrf" { print $7 }' "$JAR")
    curl -s -b "$JAR" -c "$JAR" -o /dev/null \
        --data-urlencode "csrf=$csrf" --data-urlencode "email=owner@demo.kunde.test" \
        --data-urlencode "password=demo-password" --data-urlencode "next=/" \
        "http://127.0.0.1:$PORT/signin"
}
signin

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
    printf "%-44s %s s\n" "$1" "$(printf '%s ' "${times[@]}")"
}
printf "%-44s %s\n" "page" "seconds per request"
report "first request (loads the event log):" "/value/revenue" 1
for page in /value/retention /value/churn /value/revenue /value/rfm /value/clv /value/channels \
            "/customers?sort=predicted" /moments /; do
    report "$page, cold:" "$page" 1
    report "$page, warm:" "$page" 3
done
grep 'event log loaded' "$WORK/serve.log" | head -1 || true

echo "== restart: the first request reads the kept log file (DATA_DIR/analytics)"
for _ in $(seq 1 100); do
    [[ -s "$WORK/analytics/events-1.bin" ]] && ! ls "$WORK/analytics/"*.tmp >/dev/null 2>&1 && break
    sleep 0.2
done
ls -l "$WORK/analytics/" | tail -n +2
stop
start serve
signin
report "first request after the restart:" "/value/retention" 1
report "/value/clv, cold:" "/value/clv" 1
report "/, cold:" "/" 1
grep 'event log loaded' "$WORK/serve.log" | tail -1 || true

echo "== one new order arrives"
sqlite3 -cmd ".timeout 10000" "$DB" "INSERT INTO events (workspace_id, customer_id, visitor_id, touchpoint_id, occurred_at, channel, amount, properties)
  SELECT workspace_id, customer_id, NULL, touchpoint_id, occurred_at + 60, channel, amount, '{}' FROM events WHERE amount > 0 ORDER BY id DESC LIMIT 1"
for page in /value/retention /value/clv /; do
    report "$page, after it:" "$page" 1
    report "$page, warm again:" "$page" 2
done
