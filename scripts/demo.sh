#!/usr/bin/env bash
# keyway's main job on the embedded SQLite default: plan the example schemas
# against a new SQLite file, apply them, and show that nothing is left to do;
# then the same through versioned migrations: generate, migrate up, check.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh > /dev/null
db=${1:-demo.db}
rm -f "$db"
work=$(mktemp -d /tmp/keyway-demo.XXXXXX)
trap 'rm -rf "$work"' EXIT
set -x
./build/keyway validate --schema schemas/
./build/keyway diff --schema schemas/ --db "sqlite:$db"
./build/keyway apply --schema schemas/ --db "sqlite:$db"
./build/keyway diff --schema schemas/ --db "sqlite:$db" --exit-code

./build/keyway generate init --schema schemas/ --dir "$work/migrations"
./build/keyway migrate up --dir "$work/migrations" --db "sqlite:$work/app.db"
./build/keyway migrate status --dir "$work/migrations" --db "sqlite:$work/app.db"
./build/keyway check --schema schemas/ --dir "$work/migrations" --db "sqlite:$work/app.db"
