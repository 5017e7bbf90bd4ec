#!/usr/bin/env bash
# Installs everything keyway needs to build and test on Debian 12. Run as root.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends \
  build-essential cmake pkg-config git ca-certificates \
  libsoci-dev libboost-dev libsqlite3-dev libssl-dev sqlite3 libpq-dev postgresql-15 postgresql-client-15 \
  libyaml-dev libyaml-cpp-dev libspdlog-dev libfmt-dev libcli11-dev nlohmann-json3-dev \
  googletest libgtest-dev libgmock-dev libbenchmark-dev python3 time \
  dpkg-dev tcl xz-utils debian-archive-keyring
# SQLite compiled from Debian's source of the same version (cmake/SQLiteAmalgamation.cmake).
# Without it the build links Debian's libsqlite3.a, which works, only slower on
# schemas of thousands of tables.
bash scripts/fetch-sqlite.sh ||
  echo "install-deps: warning: could not fetch SQLite's source; keyway will link Debian's libsqlite3" >&2
# mimalloc, Debian's source, linked in as keyway's allocator (cmake/Mimalloc.cmake).
# Without it keyway uses the C library's malloc, which works, only slower.
bash scripts/fetch-mimalloc.sh ||
  echo "install-deps: warning: could not fetch mimalloc's source; keyway will use the C library's malloc" >&2
