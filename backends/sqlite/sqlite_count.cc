#include <fmt/format.h>

#include "backends/sqlite/sqlite_driver.h"
#include "core/errors.h"

namespace keyway::backends::sqlite {

std::int64_t SqliteDriver::count_rows(const std::string& table, const std::string& column) {
  std::string sql = "SELECT COUNT(*) FROM " + dialect_.quote(table);
  if (!column.empty()) sql += " WHERE " + dialect_.quote(column) + " IS NOT NULL";
  try {
    long long count = 0;
    session_ << sql, soci::into(count);
    return count;
  } catch (const soci::soci_error& e) {
    throw DatabaseError(fmt::format("cannot count the rows of {}: {}", table, e.what()));
  }
}

}  // namespace keyway::backends::sqlite
