#!/usr/bin/env bash
# keyway's main job on the embedded SQLite default: plan the example schemas
# against a new SQLite file, apply them, and show that nothing is left to do.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh > /dev/null
db=${1:-demo.db}
rm -f "$db"
set -x
./build/keyway validate --schema schemas/
./build/keyway diff --schema schemas/ --db "sqlite:$db"
./build/keyway apply --schema schemas/ --db "sqlite:$db"
./build/keyway diff --schema schemas/ --db "sqlite:$db" --exit-code
