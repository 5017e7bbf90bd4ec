# Sourced by scripts/fetch-*.sh. debian_source PACKAGE[=VERSION] DIR unpacks
# Debian's source package (with Debian's patches applied) under DIR, reading
# Debian's source archive through a private apt configuration in DIR: the
# machine's own apt sources are not changed. Needs dpkg-dev, xz-utils and
# debian-archive-keyring (scripts/install-deps.sh installs them).
# KEYWAY_DEBIAN_MIRROR and KEYWAY_DEBIAN_SECURITY_MIRROR name other mirrors.
debian_source() {
  local package=$1 dir=$2
  local codename mirror security keyring
  # shellcheck disable=SC1091
  codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
  mirror=${KEYWAY_DEBIAN_MIRROR:-http://deb.debian.org/debian}
  security=${KEYWAY_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
  keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  mkdir -p "$dir/apt/lists/partial" "$dir/src"
  cat > "$dir/apt/sources.list" <<SOURCES
deb-src [signed-by=$keyring] $mirror $codename main
deb-src [signed-by=$keyring] $mirror $codename-updates main
deb-src [signed-by=$keyring] $security $codename-security main
SOURCES
  local apt_private=(-o "Dir::Etc::SourceList=$dir/apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
                     -o "Dir::State::Lists=$dir/apt/lists" -o Debug::NoLocking=1 -q)
  apt-get "${apt_private[@]}" update > "$dir/apt/update.log" 2>&1 ||
    { cat "$dir/apt/update.log" >&2; return 1; }
  (cd "$dir/src" && apt-get "${apt_private[@]}" source "$package") > "$dir/apt/source.log" 2>&1 ||
    { cat "$dir/apt/source.log" >&2; return 1; }
}

# The version of PACKAGE's source that debian_source fetched into DIR.
debian_source_version() {
  local package=$1 dir=$2
  sed -n 's/^Version: //p' "$dir/src/${package}_"*.dsc | head -n 1
}
