// SQLite's answers to the diff's questions: its spelling of keyway's types,
// no identifier limit, and forward references allowed in CREATE TABLE.
#pragma once

#include "core/schema/dialect.h"

namespace keyway::backends::sqlite {

class SqliteDialect final : public schema::Dialect {
 public:
  std::string name() const override { return "sqlite"; }
  std::string type_sql(const schema::ColumnType& type) const override;
  std::size_t max_identifier_length() const override { return 0; }
  bool can_reference_missing_tables() const override { return true; }
};

// Reads a declared type back into keyway's types ("varchar(100)" is char 100,
// "char(32)" is uuid, unknown spellings are kOther). Case-insensitive.
schema::ColumnType parse_declared_type(const std::string& declared);

// A default as SQLite's catalog spells it ('abc', 42, TRUE, CURRENT_TIMESTAMP).
schema::Literal parse_default(const std::string& text);
// A literal as SQL text for a DEFAULT clause or an INSERT.
std::string literal_sql(const schema::Literal& value);

}  // namespace keyway::backends::sqlite
