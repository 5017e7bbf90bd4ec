// What a plan drops for good: tables and columns whose rows or values no
// change carries elsewhere (a relation change moves its links through
// CopyLinks first, and loses nothing). apply refuses such a plan without
// --yes; generate marks it in the up file and warns that the down file
// cannot bring it back.
#pragma once

#include <string>
#include <vector>

#include "core/diff/change.h"
#include "core/migrate/migration_text.h"

namespace keyway::cli {

// A table (column empty) or column as the plan names it, and the table's
// name before the plan renames anything, to count its rows under.
struct Loss : migrate::LostData {
  std::string live_table;
};

std::vector<Loss> planned_losses(const std::vector<diff::Change>& changes);

}  // namespace keyway::cli
