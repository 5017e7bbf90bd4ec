// The schema as a plan changes it, one change at a time: render() starts
// from the inspected schema and follows every change, so that each statement
// (and each rebuild) is written against the table as it is at that point.
#pragma once

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/diff/change.h"
#include "core/schema/schema.h"

namespace keyway::backends {

// `database` after `change`. Renames follow through to the foreign keys of
// other tables, as SQLite's RENAME and PostgreSQL do. A change naming a table that is not
// there changes nothing.
void apply_change(schema::Database& database, const diff::Change& change);

// Which tables besides those a plan names a renderer reads.
enum class Referencing {
  kNone,
  // Those with a foreign key to a table the plan drops or renames: a DROP
  // TABLE drops such keys first (PostgreSQL).
  kDroppedOrRenamed,
};

// The tables of `from` a renderer following `changes` reads, in their order:
// those the changes name (both names of a rename, both ends of a link copy,
// the parent of an added foreign key), and those `referencing` adds. Others
// may change along (a rename reaches into the foreign keys of every table),
// but no statement or data check looks at them, so the plan copies only
// these: a table with a foreign key to a named one is left out unless
// `referencing` asks for it.
schema::Database tables_read(const schema::Database& from, const std::vector<diff::Change>& changes,
                             Referencing referencing);

// The same schema for a pass that only looks tables up: a view of `base` that
// copies a table the first time a change alters it, so that following a plan
// costs the tables it changes rather than a copy of every table it reads. A
// table a change adds is read where the change holds it, until another change
// alters it. `base` and the changes applied must stay unchanged while the
// view is in use.
class PlanState {
 public:
  explicit PlanState(const schema::Database& base) : base_(base) {}

  // The table named `name` as the changes so far left it, or nullptr.
  const schema::Table* find_table(const std::string& name) const;
  // As apply_change().
  void apply(const diff::Change& change);

 private:
  const schema::Database& base_;
  std::unordered_map<std::string, schema::Table> own_;  // the copies, by current name
  // Tables the changes added and nothing altered since, by name: not in own_.
  std::unordered_map<std::string, const schema::Table*> added_;
  std::unordered_set<std::string> hidden_;  // tables of `base_` copied, renamed or dropped
};

}  // namespace keyway::backends
