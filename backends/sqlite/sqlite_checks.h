// Data checks: queries apply() runs before changing anything, so that a
// unique over duplicates, a foreign key over orphans or a NOT NULL over
// missing values is refused with the offending rows named, instead of failing
// halfway. They run against the database as it is before the plan, so they
// name tables and columns by their names before any rename of the plan.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "backends/sqlite/sqlite_dialect.h"
#include "core/diff/change.h"
#include "core/plan/plan.h"
#include "core/schema/schema.h"

namespace keyway::backends::sqlite {

// The names tables and columns had before the plan, followed through the
// plan's renames. Tables and columns the plan creates have none: they hold
// no rows to check.
class OriginalNames {
 public:
  explicit OriginalNames(const schema::Database& from);

  // Follows one change (renames, drops) of the plan.
  void apply(const diff::Change& change);

  std::optional<std::string> table(const std::string& current) const;
  std::optional<std::string> column(const std::string& table, const std::string& column) const;

 private:
  // current table name -> (original table name, current column -> original column)
  struct Names {
    std::string table;
    std::map<std::string, std::string> columns;
  };
  std::map<std::string, Names> tables_;
};

// The checks `change` needs. `state` is the schema just before the change
// (current names); `filled` says that the plan fills an added column from
// other rows (a CopyLinks into it). Empty for a table the plan creates, and
// for a check that would name a column or table that does not exist yet:
// PRAGMA foreign_key_check and the constraints themselves still guard those.
std::vector<plan::DataCheck> data_checks(const diff::Change& change,
                                         const schema::Database& state,
                                         const OriginalNames& names, bool filled,
                                         const SqliteDialect& dialect);

}  // namespace keyway::backends::sqlite
