#include "backends/common/count_rows.h"
#include "backends/sqlite/sqlite_driver.h"

namespace keyway::backends::sqlite {

std::int64_t SqliteDriver::count_rows(const std::string& table, const std::string& column) {
  return common::count_rows(session_, table, dialect_.quote(table),
                            column.empty() ? "" : dialect_.quote(column));
}

}  // namespace keyway::backends::sqlite
