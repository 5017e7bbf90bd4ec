#!/usr/bin/env bash
# Builds keyway and runs the whole test suite (ctest). Extra arguments go to cmake.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}
BUILD_DIR=$build_dir bash scripts/build.sh "$@"
ctest --test-dir "$build_dir" --output-on-failure -j"$(nproc)"
