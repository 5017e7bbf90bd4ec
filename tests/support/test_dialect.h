// Dialects for core tests: the core never needs a real database to answer
// its questions, so tests use these two instead of a backend.
#pragma once

#include "core/schema/dialect.h"

namespace keyway::testing {

// Like PostgreSQL: cannot name a table before it exists; 63-byte names.
class StrictDialect final : public schema::Dialect {
 public:
  std::string name() const override { return "strict"; }
  std::string type_sql(const schema::ColumnType& t) const override {
    if (t.kind == schema::TypeKind::kChar) return "char(" + std::to_string(t.length) + ")";
    return schema::to_string(t.kind);
  }
  std::size_t max_identifier_length() const override { return 63; }
  bool can_reference_missing_tables() const override { return false; }
};

// Like SQLite: forward references allowed in CREATE TABLE; no name limit.
class LenientDialect final : public schema::Dialect {
 public:
  std::string name() const override { return "lenient"; }
  std::string type_sql(const schema::ColumnType& t) const override {
    if (t.kind == schema::TypeKind::kChar) return "char(" + std::to_string(t.length) + ")";
    return schema::to_string(t.kind);
  }
  std::size_t max_identifier_length() const override { return 0; }
  bool can_reference_missing_tables() const override { return true; }
};

}  // namespace keyway::testing
