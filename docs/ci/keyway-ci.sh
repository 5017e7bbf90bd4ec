#!/usr/bin/env bash
# keyway's CI gate, the commands docs/ci.md's workflows run (and that
# tests/e2e/ci_workflow_test.cc runs against a real database). Run it from the
# project's root, with `keyway` on PATH and DATABASE_URL naming a database the
# job may change (a PostgreSQL service, or a SQLite file). Stops at the first
# failing step with its exit code:
#   1  a new migration holds a lint error (e.g. it drops data), or the YAML
#      holds changes no migration contains, or the database drifted;
#   2  bad input: a migration file edited without `keyway migrate hash`, an
#      invalid schema or configuration;
#   3  a migration failed against the database.
# KEYWAY_LINT_LATEST: how many of the newest migrations to lint (default 1;
# docs/ci.md computes it from the files a pull request adds).
set -euo pipefail
: "${DATABASE_URL:?DATABASE_URL must name the CI database}"
# Where keyway replays migrations when it needs a scratch database (lint).
export KEYWAY_DATABASE_URL="${KEYWAY_DATABASE_URL:-$DATABASE_URL}"

step() {
  echo "::group::keyway $*" >&2 || true
  local code=0
  keyway "$@" || code=$?
  echo "::endgroup::" >&2 || true
  if [ "$code" -ne 0 ]; then
    echo "keyway $1 failed with exit code $code" >&2
    exit "$code"
  fi
}

# 1. The newest migrations, before they run: destructive, data-dependent or
#    lock-heavy statements are findings; error-level ones fail the job.
if [ "${KEYWAY_LINT_LATEST:-1}" -gt 0 ]; then
  step lint --latest "${KEYWAY_LINT_LATEST:-1}"
fi
# 2. Every migration applies, in order, after keyway.sum is verified.
step migrate up --db "$DATABASE_URL"
# 3. The YAML holds nothing the migrations lack; the database did not drift.
step check --db "$DATABASE_URL"
# 4. The report to post on the pull request (empty of changes when step 3 passed).
keyway diff --db "$DATABASE_URL" --format markdown > "${KEYWAY_REPORT:-keyway-report.md}"
