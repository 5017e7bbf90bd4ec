#include "core/migrate/migration_dir.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include <fmt/format.h>

#include "core/errors.h"
#include "core/migrate/checksum.h"

namespace keyway::migrate {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxNameLength = 100;

struct FileName {
  std::string version;
  std::string name;
  bool up = false;
};

std::optional<FileName> parse_file_name(const std::string& file_name) {
  static const std::regex kPattern(R"(^(\d{14})_([A-Za-z0-9_-]+)\.(up|down)\.sql$)");
  std::smatch m;
  if (!std::regex_match(file_name, m, kPattern)) return std::nullopt;
  return FileName{m[1], m[2], m[3] == "up"};
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("cannot read {}: {}", path.string(), std::strerror(errno)));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw InputError(fmt::format("cannot read {}: {}", path.string(), std::strerror(errno)));
  return text.str();
}

// The names of the *.sql files directly in `dir`, sorted.
std::vector<std::string> sql_file_names(const fs::path& dir) {
  std::vector<std::string> names;
  try {
    for (const auto& entry : fs::directory_iterator(dir)) {
      const std::string name = entry.path().filename().string();
      if (entry.is_regular_file() && name.ends_with(".sql")) names.push_back(name);
    }
  } catch (const fs::filesystem_error& e) {
    throw InputError(fmt::format("cannot read {}: {}", dir.string(), e.code().message()));
  }
  std::sort(names.begin(), names.end());
  return names;
}

void add_file(MigrationFile& m, const FileName& parsed, const fs::path& path,
              const std::string& text) {
  if (!m.version.empty() && m.name != parsed.name) {
    const fs::path& other = m.up.empty() ? *m.down : m.up;
    throw InputError(fmt::format("{} and {} have the same version {}", other.string(),
                                 path.string(), parsed.version));
  }
  m.version = parsed.version;
  m.name = parsed.name;
  if (parsed.up) {
    m.up = path;
    m.up_text = text;
    m.checksum = sha256_hex(text);
  } else {
    m.down = path;
    m.down_text = text;
  }
}

std::string format_utc(std::time_t seconds) {
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y%m%d%H%M%S", &tm);
  return text;
}

// Seconds since the epoch of a YYYYMMDDHHMMSS version; nullopt when it is
// fourteen digits but no real time (month 13, say).
std::optional<long long> parse_utc(const std::string& version) {
  using namespace std::chrono;
  const auto field = [&](std::size_t at, std::size_t length) {
    return std::stoi(version.substr(at, length));
  };
  const year_month_day date{year{field(0, 4)}, month{static_cast<unsigned>(field(4, 2))},
                            day{static_cast<unsigned>(field(6, 2))}};
  const int hour = field(8, 2), minute = field(10, 2), second = field(12, 2);
  if (!date.ok() || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  return duration_cast<seconds>(sys_days{date}.time_since_epoch()).count() + hour * 3600 +
         minute * 60 + second;
}

// "20261124183059" -> "20261124183100" is parse, +1 s, format; a version that
// is no real time is counted up as a number instead.
std::string version_after(const std::string& version) {
  if (const auto seconds = parse_utc(version)) {
    const std::string next = format_utc(static_cast<std::time_t>(*seconds + 1));
    if (next.size() == version.size() && next > version) return next;
  }
  std::string next = version;
  for (auto it = next.rbegin(); it != next.rend(); ++it) {
    if (*it != '9') {
      ++*it;
      return next;
    }
    *it = '0';
  }
  throw InputError(fmt::format("cannot choose a migration version after {}", version));
}

bool write_all(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

// After a rename, the directory entry itself reaches the disk only once the
// directory is synced. Best effort: the file is complete either way.
void sync_directory(const fs::path& dir) {
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

const MigrationFile* MigrationDir::find(const std::string& version) const {
  for (const auto& m : migrations) {
    if (m.version == version) return &m;
  }
  return nullptr;
}

std::string MigrationDir::latest_version() const {
  return migrations.empty() ? "" : migrations.back().version;
}

MigrationDir read_migrations(const fs::path& dir) {
  MigrationDir result;
  result.dir = dir;
  std::error_code ec;
  if (!fs::exists(dir, ec)) {
    if (ec) throw InputError(fmt::format("cannot read {}: {}", dir.string(), ec.message()));
    return result;
  }
  if (!fs::is_directory(dir, ec)) {
    throw InputError(fmt::format("{} is not a directory", dir.string()));
  }
  std::map<std::string, MigrationFile> by_version;
  for (const auto& file_name : sql_file_names(dir)) {
    const fs::path path = dir / file_name;
    std::string text = read_text(path);
    const auto parsed = parse_file_name(file_name);
    if (!parsed) {
      throw InputError(fmt::format(
          "{}: expected a file name <YYYYMMDDHHMMSS>_<name>.up.sql or .down.sql "
          "(name: letters, digits, '_', '-')",
          path.string()));
    }
    add_file(by_version[parsed->version], *parsed, path, text);
    result.files.emplace_back(file_name, std::move(text));
  }
  for (auto& [version, m] : by_version) {
    if (m.up.empty()) {
      throw InputError(fmt::format("{}: a down migration without its up file {}_{}.up.sql",
                                   m.down->string(), m.version, m.name));
    }
    result.migrations.push_back(std::move(m));
  }
  return result;
}

std::string next_version(long long unix_seconds, const MigrationDir& existing) {
  const std::string now = format_utc(static_cast<std::time_t>(unix_seconds));
  const std::string latest = existing.latest_version();
  return latest.empty() || now > latest ? now : version_after(latest);
}

void check_migration_name(const std::string& name) {
  const bool valid_chars = std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-';
  });
  if (name.empty() || name.size() > kMaxNameLength || !valid_chars) {
    throw InputError(fmt::format(
        "invalid migration name \"{}\": expected 1 to {} letters, digits, '_' or '-'", name,
        kMaxNameLength));
  }
}

void write_file_atomically(const fs::path& path, const std::string& text) {
  const auto fail = [&](const std::string& why) {
    throw InputError(fmt::format("cannot write {}: {}", path.string(), why));
  };
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  if (ec) fail(ec.message());

  fs::path temp = path;
  temp += ".tmp-" + std::to_string(::getpid());
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) fail(std::strerror(errno));
  bool ok = write_all(fd, text) && ::fsync(fd) == 0;
  int error = errno;
  if (::close(fd) != 0 && ok) {
    ok = false;
    error = errno;
  }
  if (ok && ::rename(temp.c_str(), path.c_str()) != 0) {
    ok = false;
    error = errno;
  }
  if (!ok) {
    ::unlink(temp.c_str());
    fail(std::strerror(error));
  }
  sync_directory(path.parent_path());
}

}  // namespace keyway::migrate
