// SQLite's table rebuild: what SQLite cannot do with ALTER TABLE (add or drop
// a foreign key or a check, change a column, drop an inline UNIQUE, ...) is
// done by creating the new definition under another name, copying the rows,
// dropping the old table and renaming the new one into place
// (https://www.sqlite.org/lang_altertable.html#otheralter). The statements
// expect `PRAGMA foreign_keys = OFF` and a transaction around them, as apply()
// and script() provide: with foreign keys on, DROP TABLE would run the
// children's ON DELETE actions and delete their rows.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "backends/sqlite/sqlite_dialect.h"
#include "core/schema/schema.h"

namespace keyway::backends::sqlite {

// SQL expressions that fill columns of the new definition, by column name,
// evaluated against the old table (a correlated subquery may name it).
using ColumnFills = std::map<std::string, std::string>;

// The name the new definition is created under before it is renamed into place.
std::string rebuild_table_name(const std::string& table);

// Statements that turn `current` (the table as it is) into `target` (same
// name): every column of `target` that `current` has, by name, is copied; a
// column in `fills` takes its expression instead; other new columns take their
// default. Then the uniques and indexes of `target` and its `recreate_sql`.
std::vector<std::string> rebuild_sql(const schema::Table& current, const schema::Table& target,
                                     const ColumnFills& fills, const SqliteDialect& dialect);

// Whether the rebuild leaves out a column `current` has (its values are lost).
bool rebuild_drops_columns(const schema::Table& current, const schema::Table& target);

}  // namespace keyway::backends::sqlite
