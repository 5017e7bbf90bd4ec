#include "backends/sqlite/sqlite_checks.h"

namespace keyway::backends::sqlite {

std::vector<plan::DataCheck> data_checks(const diff::Change& change,
                                         const schema::Database& state,
                                         const OriginalNames& names, bool filled,
                                         const SqliteDialect& dialect) {
  const common::CheckSyntax syntax{
      .quote = [&](const std::string& identifier) { return dialect.quote(identifier); },
      .table = [&](const std::string& table) { return dialect.quote(table); },
      .value_text = [](const std::string& expression,
                       const schema::Column*) { return "quote(" + expression + ")"; },
      .row_id = "rowid",
      .subquery_alias = "",
      .order_examples = false,
  };
  return common::data_checks(change, state, names, filled, syntax);
}

}  // namespace keyway::backends::sqlite
