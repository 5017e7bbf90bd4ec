#!/usr/bin/env bash
# The large-schema benchmark: builds keyway optimised (Release, with
# -DKEYWAY_BENCH=ON) into build-bench/, generates synthetic schemas, builds
# the databases and prints one Markdown table per backend (bench/harness.py).
#   bash bench/run.sh [--quick] [--n 100,1000,10000] [--reps 3] [--big-reps 1]
#                     [--backends sqlite,postgres] [--out FILE]
# --quick: N=100,1000 only. --big-reps: runs of apply and of the DDL at
# N >= 10,000, which take minutes each (the rest: --reps, median; apply and
# DDL below N=1,000, which take milliseconds, at least 11 runs).
# Uses the PostgreSQL server KEYWAY_TEST_PG_URL names, or starts a private
# one (scripts/pg-server.sh) and stops it after.
set -euo pipefail
cd "$(dirname "$0")/.."

ns=100,1000,10000
reps=3
big_reps=1
backends=sqlite,postgres
out=build-bench/bench-results.md
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) ns=100,1000 ;;
    --n) ns=$2; shift ;;
    --reps) reps=$2; shift ;;
    --big-reps) big_reps=$2; shift ;;
    --backends) backends=$2; shift ;;
    --out) out=$2; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

build_dir=${BUILD_DIR:-build-bench}
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DKEYWAY_BENCH=ON > /dev/null
cmake --build "$build_dir" -j"$(nproc)" --target keyway keyway_stages_bench > /dev/null

work=$(mktemp -d /tmp/keyway-bench.XXXXXX)
cleanup="rm -rf '$work'"
trap 'eval "$cleanup"' EXIT
if [[ $backends == *postgres* && -z "${KEYWAY_TEST_PG_URL:-}" ]]; then
  # Applying a 10,000-model schema in one transaction takes a lock per table
  # and index: more than the default 64 x max_connections lock slots.
  eval "$(KEYWAY_PG_EXTRA_OPTS='-c max_locks_per_transaction=1024' bash scripts/pg-server.sh start)"
  cleanup="$cleanup; bash scripts/pg-server.sh stop '$KEYWAY_PG_DIR'"
fi

python3 bench/harness.py --build "$build_dir" --work "$work" --n "$ns" --reps "$reps" --big-reps "$big_reps" \
  --backends "$backends" --pg-url "${KEYWAY_TEST_PG_URL:-}" --out "$out"
