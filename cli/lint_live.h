// What `keyway lint --db` asks the live database: the rows a change's table
// holds, and the number of rows a data-dependent change fails on (its data
// checks as the backend renders them, counted).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "backends/driver.h"
#include "core/lint/attribute.h"

namespace keyway::cli {

struct DataCheckResult {
  std::int64_t offending = 0;
  std::string description;  // the checks' descriptions, joined with "; "
};

class LiveDatabase {
 public:
  explicit LiveDatabase(backends::Driver& driver);

  bool has_table(const std::string& table) const { return schema_.find_table(table) != nullptr; }

  // Rows of `table` (with `column`: where it is not NULL); unset when the
  // table or column is not there or cannot be counted.
  std::optional<std::int64_t> rows(const std::string& table, const std::string& column = "");

  // Offending rows of `change`'s data checks on the live database, which is
  // as it was before the migration: the checks are rendered after
  // `renames` (the migration's), so they name tables and columns as the
  // database does. Unset when its table is not there, the change has no
  // check, or a check cannot run. `to` is the schema after the migration.
  std::optional<DataCheckResult> check(const lint::Attributed& change,
                                       const std::vector<diff::Change>& renames,
                                       const schema::Database& to);

 private:
  backends::Driver& driver_;
  schema::Database schema_;
};

}  // namespace keyway::cli
