#!/usr/bin/env bash
# Writes mimalloc's sources (src/, include/, LICENSE) into third_party/mimalloc/
# (or $1), from Debian's source package of the release Debian ships, so that
# keyway can link it as its allocator (cmake/Mimalloc.cmake says why). Reads
# Debian's source archive as scripts/fetch-sqlite.sh does
# (scripts/lib/debian-source.sh).
# Does nothing when the directory already holds a version.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=${1:-third_party/mimalloc}
if [ -f "$dest/DEBIAN_VERSION" ] && [ -f "$dest/src/static.c" ]; then
  echo "fetch-mimalloc: $dest already holds mimalloc $(cat "$dest/DEBIAN_VERSION")"
  exit 0
fi

work=$(mktemp -d /tmp/keyway-mimalloc-src.XXXXXX)
trap 'rm -rf "$work"' EXIT
# shellcheck source=scripts/lib/debian-source.sh
. scripts/lib/debian-source.sh
debian_source mimalloc "$work"
version=$(debian_source_version mimalloc "$work")
tree=$(find "$work/src" -mindepth 1 -maxdepth 1 -type d -name 'mimalloc-*')
[ -f "$tree/src/static.c" ] || { echo "fetch-mimalloc: no src/static.c in $tree" >&2; exit 1; }

rm -rf "$dest"
mkdir -p "$dest"
cp -r "$tree/src" "$tree/include" "$dest/"
cp "$tree/LICENSE" "$dest/" 2>/dev/null || true
echo "$version" > "$dest/DEBIAN_VERSION"
echo "fetch-mimalloc: mimalloc $version from Debian's source package in $dest"
