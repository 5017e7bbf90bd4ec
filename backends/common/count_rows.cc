#include "backends/common/count_rows.h"

#include <fmt/format.h>

#include "core/errors.h"

namespace keyway::backends::common {

std::int64_t count_rows(soci::session& session, const std::string& table,
                        const std::string& quoted_table, const std::string& quoted_column) {
  std::string sql = "SELECT COUNT(*) FROM " + quoted_table;
  if (!quoted_column.empty()) sql += " WHERE " + quoted_column + " IS NOT NULL";
  try {
    long long count = 0;
    session << sql, soci::into(count);
    return count;
  } catch (const soci::soci_error& e) {
    throw DatabaseError(fmt::format("cannot count the rows of {}: {}", table, e.what()));
  }
}

}  // namespace keyway::backends::common
