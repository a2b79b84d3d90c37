#!/usr/bin/env bash
# Benchmark (not a test): one funnel over generated events, in memory (the analytics core)
# and pushed down to ClickHouse (windowFunnel), side by side; both must agree.
#
# Usage: bench/clickhouse_funnel.sh [EVENTS]   (default 10000000)
# Uses KUNDE_BENCH_CLICKHOUSE_URL, else starts scripts/clickhouse-test-server on port 18123
# (needs clickhouse-server: apt-get install clickhouse-server). Builds in release.
set -euo pipefail
cd "$(dirname "$0")/.."
EVENTS=${1:-10000000}
if [[ -z "${KUNDE_BENCH_CLICKHOUSE_URL:-}" ]]; then
    base=$(scripts/clickhouse-test-server 18123)
    KUNDE_BENCH_CLICKHOUSE_URL="${base}?database=kunde_bench"
fi
cargo build --release --locked -p kunde-clickhouse --example funnel_bench >&2
exec "${CARGO_TARGET_DIR:-target}/release/examples/funnel_bench" "$EVENTS" "$KUNDE_BENCH_CLICKHOUSE_URL"
