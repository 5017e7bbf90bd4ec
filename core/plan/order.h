// Ordering as its own step (DESIGN.md §3), in time linear in the number of
// changes and foreign keys:
//   0 renames
//   1 drop foreign keys, checks, indexes (what references a thing goes first)
//   2 add and alter columns of existing tables
//   3 add uniques, indexes, checks to existing tables (before the foreign keys
//     of new tables that rely on them)
//   4 create tables, referenced tables before referencing ones; junctions after both sides
//   5 add foreign keys (including those that close a cycle between new tables)
//   6 copy relationship links (data, once everything it needs exists)
//   7 drop tables, referencing tables before referenced ones
//   8 drop uniques (after the dropped tables whose foreign keys relied on them)
//   9 drop columns (after everything that referenced them)
#pragma once

#include <vector>

#include "core/diff/change.h"
#include "core/schema/dialect.h"

namespace keyway::plan {

// Orders `changes`. When the dialect cannot reference a table that does not
// exist yet, foreign keys that close a cycle between new tables are taken out
// of their CREATE TABLE and added in phase 5.
std::vector<diff::Change> order(std::vector<diff::Change> changes, const schema::Dialect& dialect);

}  // namespace keyway::plan
