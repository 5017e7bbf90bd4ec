#!/usr/bin/env bash
# Builds keyway and runs the whole test suite (ctest) against real SQLite files
# and a real PostgreSQL server. Extra arguments go to cmake.
# Uses the server KEYWAY_TEST_PG_URL names, or starts a private one
# (scripts/pg-server.sh) for the run and stops it at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}
BUILD_DIR=$build_dir bash scripts/build.sh "$@"

if [ -z "${KEYWAY_TEST_PG_URL:-}" ]; then
  eval "$(bash scripts/pg-server.sh start)"
  trap 'bash scripts/pg-server.sh stop "$KEYWAY_PG_DIR"' EXIT
fi
export KEYWAY_TEST_PG_URL
ctest --test-dir "$build_dir" --output-on-failure -j"$(nproc)"
