// Data checks, written once for every backend: queries apply() runs before
// changing anything, so that a unique over duplicates, a foreign key over
// orphans or a NOT NULL over missing values is refused with the offending
// rows named, instead of failing halfway. They run against the database as it
// is before the plan, so they name tables and columns by their names before
// any rename of the plan. A backend supplies the few spellings that differ
// (CheckSyntax); everything else is standard SQL.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/diff/change.h"
#include "core/plan/plan.h"
#include "core/schema/schema.h"

namespace keyway::backends::common {

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

// How one database spells what the check queries need beyond standard SQL.
struct CheckSyntax {
  // A quoted identifier: "name".
  std::function<std::string(const std::string& identifier)> quote;
  // A table as a query names it: "t" (SQLite) or "schema"."t" (PostgreSQL).
  std::function<std::string(const std::string& table)> table;
  // A value as readable text, NULL as NULL, for the example keys: SQLite's
  // quote(x). `column` is the column it reads, when known.
  std::function<std::string(const std::string& expression, const schema::Column* column)>
      value_text;
  // What names a row of a table without a primary key: "rowid", "ctid".
  std::string row_id;
  // Appended to a subquery in FROM: "" where none is needed, ` AS "x"` where
  // the database requires one (PostgreSQL before 16).
  std::string subquery_alias;
  // Sort example rows by their key. SQLite scans a table in rowid order
  // anyway; PostgreSQL in physical order, which updates shuffle.
  bool order_examples = false;
};

// The checks `change` needs. `state` is the schema just before the change
// (current names); `filled` says that the plan fills an added column from
// other rows (a CopyLinks into it). Empty for a table the plan creates, and
// for a check that would name a column or table that does not exist yet (a
// CHECK expression over a new or renamed column): the constraints themselves
// still guard those.
std::vector<plan::DataCheck> data_checks(const diff::Change& change,
                                         const schema::Database& state,
                                         const OriginalNames& names, bool filled,
                                         const CheckSyntax& syntax);

}  // namespace keyway::backends::common
