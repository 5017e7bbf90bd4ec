#include "backends/sqlite/sqlite_rebuild.h"

#include <fmt/format.h>

#include "backends/sqlite/sqlite_ddl.h"

namespace keyway::backends::sqlite {

using schema::Literal;
using schema::Table;

std::string rebuild_table_name(const std::string& table) { return "_keyway_new_" + table; }

std::vector<std::string> rebuild_sql(const Table& current, const Table& target,
                                     const ColumnFills& fills, const SqliteDialect& dialect) {
  const std::string old_name = dialect.quote(current.name);
  const std::string new_name = rebuild_table_name(target.name);
  std::vector<std::string> out{create_table_sql(target, new_name, dialect)};

  std::vector<std::string> columns;
  std::vector<std::string> sources;
  for (const auto& column : target.columns) {
    if (auto fill = fills.find(column.name); fill != fills.end()) {
      columns.push_back(column.name);
      sources.push_back(fill->second);
    } else if (current.find_column(column.name) != nullptr) {
      columns.push_back(column.name);
      sources.push_back(dialect.quote(column.name));
    }
  }
  if (!columns.empty()) {
    std::string select;
    for (const auto& source : sources) select += (select.empty() ? "" : ", ") + source;
    out.push_back(fmt::format("INSERT INTO {} ({}) SELECT {} FROM {}", dialect.quote(new_name),
                              column_list(columns, dialect), select, old_name));
  }

  // DROP TABLE deletes the old table's row of sqlite_sequence, so the new
  // table would restart after its largest copied id and reuse the ids of rows
  // deleted at the top, which AUTOINCREMENT promises never to do
  // (https://www.sqlite.org/autoinc.html). Carry the old high-water mark over.
  if (has_autoincrement(current) && has_autoincrement(target)) {
    const std::string new_literal = literal_sql({Literal::Kind::kString, new_name});
    out.push_back("DELETE FROM sqlite_sequence WHERE name = " + new_literal);
    out.push_back(fmt::format(
        "INSERT INTO sqlite_sequence (name, seq) SELECT {}, seq FROM sqlite_sequence WHERE name = {}",
        new_literal, literal_sql({Literal::Kind::kString, current.name})));
  }

  out.push_back("DROP TABLE " + old_name);
  // Since SQLite 3.26, RENAME TO rewrites and re-checks every view and trigger
  // that names a table; a view over this table would fail that check, because
  // the old table is gone and the new one does not have its name yet ("error
  // in view v: no such table"). With legacy_alter_table the rename only
  // renames, and the views, triggers and foreign keys that name the table
  // find the new one under the same name
  // (https://www.sqlite.org/lang_altertable.html#otheralter, "caution" and
  // https://www.sqlite.org/pragma.html#pragma_legacy_alter_table).
  out.push_back("PRAGMA legacy_alter_table = ON");
  out.push_back(fmt::format("ALTER TABLE {} RENAME TO {}", dialect.quote(new_name),
                            dialect.quote(target.name)));
  out.push_back("PRAGMA legacy_alter_table = OFF");
  for (auto& statement : index_statements(target, dialect)) out.push_back(std::move(statement));
  out.insert(out.end(), target.recreate_sql.begin(), target.recreate_sql.end());
  return out;
}

bool rebuild_drops_columns(const Table& current, const Table& target) {
  for (const auto& column : current.columns) {
    if (target.find_column(column.name) == nullptr) return true;
  }
  return false;
}

}  // namespace keyway::backends::sqlite
