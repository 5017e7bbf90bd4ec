// The lint rules: one attributed change of a migration, with what is known
// around it, in; coded findings out (without location or level, which the
// caller adds). Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/lint/attribute.h"
#include "core/lint/finding.h"

namespace keyway::lint {

struct RuleContext {
  bool postgres = false;  // the migrations target PostgreSQL
  std::string statement;  // the text of the statement the change is attributed to
  // Rows the change's table holds in the database given with --db (for a
  // dropped column: rows where it is not NULL); unset when unknown.
  std::optional<std::int64_t> rows;
};

std::vector<Finding> check(const Attributed& change, const RuleContext& context);

// Whether changing a PostgreSQL column from `from` to `to` rewrites the
// table. These do not: varchar(n) -> varchar(m >= n), varchar -> text,
// numeric(p, s) -> numeric(q >= p, s).
bool pg_type_change_rewrites(const schema::ColumnType& from, const schema::ColumnType& to);

// `finding` with the result of its data check: `offending` rows that the
// change fails on, as `description` says ("duplicate values in post.slug").
void set_offending_rows(Finding& finding, std::int64_t offending, const std::string& description);

}  // namespace keyway::lint
