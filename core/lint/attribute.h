// Which statement of a migration makes each of its changes. The migration's
// net changes are diff(start, end); each is attributed to the earliest
// statement from which diff(start, state after it) holds the change without
// interruption until the end. So a table rebuild's intermediate DROP TABLE is
// no change at all, and a column added, then altered, is attributed to the
// statement that gave it its final shape.
#pragma once

#include <string>
#include <vector>

#include "core/diff/change.h"
#include "core/lint/origins.h"
#include "core/schema/dialect.h"
#include "core/schema/schema.h"

namespace keyway::lint {

struct Attributed {
  diff::Change change;  // a net change of the migration
  // The change as it stood after `statement` (an added column as its
  // statement added it, before later statements altered it).
  diff::Change first;
  int statement = 0;    // 1-based
  bool table_existed = false;  // its table was there before the migration
};

struct Trace {
  std::vector<Attributed> changes;  // in statement order, then diff order
  Origins origins;                  // as they are after the last statement
};

// `states[i]` is the database after statement i + 1 of `statements` (their
// texts); `start` before the first. Pure.
Trace attribute(const schema::Database& start, const std::vector<schema::Database>& states,
                const std::vector<std::string>& statements, const schema::Dialect& dialect);

}  // namespace keyway::lint
