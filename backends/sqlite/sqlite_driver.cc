#include "backends/sqlite/sqlite_driver.h"

#include <soci/sqlite3/soci-sqlite3.h>

#include <fmt/format.h>

#include "core/errors.h"

namespace keyway::backends::sqlite {

namespace {

// How long a statement waits for another connection's lock before failing.
constexpr int kBusyTimeoutMs = 5000;

// SOCI reads "key=value key=value"; a quoted value may hold spaces and '='.
// A string with no '=' at all is taken whole as the file name.
std::string connect_string(const std::string& path) {
  if (path.find('"') == std::string::npos) return "db=\"" + path + "\"";
  if (path.find('=') == std::string::npos) return path;
  throw DatabaseError(fmt::format(
      "cannot open SQLite database {}: a file name holding both '\"' and '=' is not supported",
      path));
}

}  // namespace

SqliteDriver::SqliteDriver(const std::string& path) : path_(path) {
  if (path.empty()) throw DatabaseError("cannot open SQLite database: the file name is empty");
  try {
    session_.open(*soci::factory_sqlite3(), connect_string(path));
    session_ << fmt::format("PRAGMA busy_timeout = {}", kBusyTimeoutMs);
    session_ << "PRAGMA foreign_keys = ON";
    // SQLite opens lazily; reading the schema now reports a file that is not
    // a database (or is locked, or unreadable) here rather than mid-command.
    int objects = 0;
    session_ << "SELECT count(*) FROM main.sqlite_master", soci::into(objects);
  } catch (const soci::soci_error& e) {
    throw DatabaseError(fmt::format("cannot open SQLite database {}: {}", path, e.what()));
  }
}

}  // namespace keyway::backends::sqlite
