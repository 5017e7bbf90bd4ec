// PostgreSQL's answers to the diff's questions: its spelling of keyway's
// types, the 63-byte identifier limit, and no forward references in
// CREATE TABLE (foreign-key cycles are closed with ALTER TABLE afterwards).
#pragma once

#include "core/schema/dialect.h"

namespace keyway::backends::postgres {

class PostgresDialect final : public schema::Dialect {
 public:
  std::string name() const override { return "postgresql"; }
  std::string type_sql(const schema::ColumnType& type) const override;
  std::size_t max_identifier_length() const override { return 63; }
  bool can_reference_missing_tables() const override { return false; }
  bool creates_unique_constraints() const override { return true; }
};

// Reads format_type() output back into keyway's types
// ("character varying(100)" is char 100, "timestamp with time zone" is
// datetime); unknown spellings are kOther.
schema::ColumnType parse_format_type(const std::string& formatted);

// A default as pg_get_expr() prints it ('abc'::character varying, 42, true,
// now()). A nextval(...) default is not a literal: callers treat it as auto.
schema::Literal parse_default(const std::string& text);
// A literal as SQL text for a DEFAULT clause.
std::string literal_sql(const schema::Literal& value);

}  // namespace keyway::backends::postgres
