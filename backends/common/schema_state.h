// The schema as a plan changes it, one change at a time: render() starts
// from the inspected schema and follows every change, so that each statement
// (and each rebuild) is written against the table as it is at that point.
#pragma once

#include "core/diff/change.h"
#include "core/schema/schema.h"

namespace keyway::backends {

// `database` after `change`. Renames follow through to the foreign keys of
// other tables, as SQLite's RENAME and PostgreSQL do. A change naming a table that is not
// there changes nothing.
void apply_change(schema::Database& database, const diff::Change& change);

}  // namespace keyway::backends
