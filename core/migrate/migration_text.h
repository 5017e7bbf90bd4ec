// The text of the .up.sql and .down.sql files `keyway generate` writes: a
// header naming the migration and its changes, then each step under a
// comment with its summary, one statement per ';'. Steps that lose data are
// marked where they stand, so a reviewer sees them in the file itself.
#pragma once

#include <string>
#include <vector>

#include "core/plan/plan.h"

namespace keyway::migrate {

// A table (column empty) or a column whose rows or values the up drops.
struct LostData {
  std::string table;
  std::string column;
  std::string to_string() const;  // "table tag", "column post.body"
};

struct MigrationText {
  std::string version;
  std::string name;
  // What the up drops for good: the up file says so in its header, and the
  // down file marks the steps that re-create them empty.
  std::vector<LostData> losses;
};

// "-- keyway migration <version>_<name>: up" header, then the plan.
std::string up_file_text(const plan::Plan& plan, const MigrationText& about);

// The reverse plan, with a "-- keyway: cannot restore ..." line above each
// step that re-creates a table or column the up dropped, and in the header.
std::string down_file_text(const plan::Plan& reverse, const MigrationText& about);

}  // namespace keyway::migrate
