// SQLite DDL text for the schema IR: CREATE TABLE, CREATE [UNIQUE] INDEX,
// ADD COLUMN, and the questions "can this column be added / dropped in
// place?" (https://www.sqlite.org/lang_altertable.html). Pure: no database.
// Identifiers always go through the dialect's quote(), values through
// literal_sql(). Statements carry no trailing semicolon.
#pragma once

#include <string>
#include <vector>

#include "backends/sqlite/sqlite_dialect.h"
#include "core/schema/schema.h"

namespace keyway::backends::sqlite {

// `"a", "b"`: quoted and comma-separated.
std::string column_list(const std::vector<std::string>& columns, const SqliteDialect& dialect);

// `REFERENCES "t" ("id") ON DELETE CASCADE [ON UPDATE X] [DEFERRABLE INITIALLY DEFERRED]`.
std::string references_sql(const schema::ForeignKey& key, const SqliteDialect& dialect);

// `"c" type [NOT NULL] [DEFAULT x]`, the column as ADD COLUMN or CREATE TABLE writes it.
std::string column_sql(const schema::Column& column, const SqliteDialect& dialect);

// True when the table's key is one auto-increment integer column, written
// inline as `"id" integer NOT NULL PRIMARY KEY AUTOINCREMENT`.
bool has_autoincrement(const schema::Table& table);

// CREATE TABLE for `table` under the name `name` (the rebuild creates the new
// definition under a temporary name). Columns one per line; foreign keys and
// checks as named table constraints. Uniques and indexes are not part of it:
// see index_statements().
std::string create_table_sql(const schema::Table& table, const std::string& name,
                             const SqliteDialect& dialect);

std::string create_index_sql(const std::string& table, const schema::Index& index,
                             const SqliteDialect& dialect);
// A unique key is always held as a unique index, so that dropping it needs no
// rebuild.
std::string create_unique_sql(const std::string& table, const schema::UniqueKey& key,
                              const SqliteDialect& dialect);
std::string drop_index_sql(const std::string& name, const SqliteDialect& dialect);

// One CREATE UNIQUE INDEX per unique, then one CREATE INDEX per index.
std::vector<std::string> index_statements(const schema::Table& table,
                                          const SqliteDialect& dialect);

// CREATE TABLE, its indexes, then `recreate_sql` (partial indexes, triggers).
std::vector<std::string> create_table_statements(const schema::Table& table,
                                                 const SqliteDialect& dialect);

// The name a unique or index is created under: its own, or the deterministic
// `<table>_<cols>_key` / `_idx` when the IR left it empty.
std::string unique_name(const std::string& table, const schema::UniqueKey& key);
std::string index_name(const std::string& table, const schema::Index& index);

// ALTER TABLE ADD COLUMN; with `key`, the column carries it as a column
// constraint (`CONSTRAINT "fk" REFERENCES ...`).
std::string add_column_sql(const std::string& table, const schema::Column& column,
                           const schema::ForeignKey* key, const SqliteDialect& dialect);

// Whether ALTER TABLE ADD COLUMN can add `column` to `table` (the table's
// definition once the column is there): not part of the primary key, not
// auto-increment, no expression default, and NOT NULL only with a constant
// non-null default (https://www.sqlite.org/lang_altertable.html#altertabaddcol).
bool can_add_in_place(const schema::Table& table, const schema::Column& column);

// Whether ALTER TABLE DROP COLUMN can drop `column` from `table` (its current
// definition) once the plain indexes on it are dropped: not in the primary
// key, a foreign key, a unique constraint or a check
// (https://www.sqlite.org/lang_altertable.html#altertabdropcol).
bool can_drop_in_place(const schema::Table& table, const std::string& column);

// Whether `columns` names `column`.
bool mentions(const std::vector<std::string>& columns, const std::string& column);

}  // namespace keyway::backends::sqlite
