// Data checks for SQLite: the shared checks (backends/common/data_checks.h)
// in SQLite's spelling, quote() for example values and rowid for tables
// without a primary key.
#pragma once

#include <vector>

#include "backends/common/data_checks.h"
#include "backends/sqlite/sqlite_dialect.h"
#include "core/diff/change.h"
#include "core/plan/plan.h"
#include "core/schema/schema.h"

namespace keyway::backends::sqlite {

using common::OriginalNames;

// The checks `change` needs; see common::data_checks().
std::vector<plan::DataCheck> data_checks(const diff::Change& change,
                                         const schema::Database& state,
                                         const OriginalNames& names, bool filled,
                                         const SqliteDialect& dialect);

}  // namespace keyway::backends::sqlite
