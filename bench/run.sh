#!/usr/bin/env bash
# Benchmarks Kunde's analytics core against chDB, DuckDB and lifetimes on the same data.
#
#   bench/run.sh                       # 1M and 10M events, CDNOW and 1M synthetic customers
#   bench/run.sh 1000000,10000000,50000000
#   bench/run.sh 1000000,10000000 10000000   # second argument: sizes of the second generated
#                                            # set (64-bit ids, 20 touchpoints; 10M by default)
#   bench/run.sh "" 10000000 --wide-only      # only the second set
#
# Installs chdb, duckdb and lifetimes into bench/.venv (gitignored) from PyPI, runs
# `cargo bench -p kunde-analytics` (which writes the generated data and Kunde's answers to
# bench/data/), then bench/compare.py, which loads the same data into chDB and DuckDB,
# checks that all engines give the same answers and prints the times side by side.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES="${1:-1000000,10000000}"
WIDE_SIZES="${2-10000000}"
ONLY="${3:-}"
if [ ! -x bench/.venv/bin/python ]; then
  python3 -m venv bench/.venv
fi
bench/.venv/bin/pip install -q chdb duckdb lifetimes pandas numpy
mkdir -p bench/data
# The machine may be shared: say how busy it was, as the times depend on it.
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
KUNDE_BENCH_DATA="$PWD/bench/data" KUNDE_BENCH_SIZES="$SIZES" KUNDE_BENCH_WIDE_SIZES="$WIDE_SIZES" \
  CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}" cargo bench -p kunde-analytics --bench analytics -- $ONLY
echo "load average after the Kunde runs: $(cut -d' ' -f1-3 /proc/loadavg)"
bench/.venv/bin/python bench/compare.py "$SIZES" "$WIDE_SIZES" $ONLY
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
