#!/bin/sh
# HTTP ingestion benchmark: the release `kunde serve` on a fresh SQLite database (WAL,
# synchronous=FULL), batches of 1,000 events from concurrent keep-alive clients; prints
# events per second, then kills the server with SIGKILL and checks every event is stored.
#
#   bench/ingest.sh                          # 4 clients x 50 batches x 1,000 events
#   bench/ingest.sh --clients 8 --batches 100 --batch-size 1000
set -eu
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
cargo build --release --locked -p kunde --bin kunde --example ingest
exec "$target/release/examples/ingest" --kunde "$target/release/kunde" "$@"
