// A plan: ordered steps for one backend. Each step carries its own undo
// (Atlas's migrate.Change{Cmd, Reverse, Comment}), so `down` is a property of
// the plan rather than a second algorithm.
#pragma once

#include <string>
#include <cstddef>
#include <vector>

namespace keyway::plan {

// A query run before anything changes; the step is refused when it returns
// rows. `query` selects up to five example keys of offending rows;
// `count_query` counts them all.
struct DataCheck {
  std::string description;  // "duplicate values in profile.user_id"
  std::string count_query;
  std::string query;
};

struct Step {
  std::string summary;               // plain words, from diff::describe()
  std::string table;                 // the table the step changes
  std::vector<std::string> sql;      // forward statements, in order
  std::vector<std::string> reverse;  // statements that undo this step, in order
  bool destructive = false;          // drops a table or a column
  bool data_dependent = false;       // may fail on existing rows
  bool reverse_loses_data = false;   // the undo cannot bring back what was lost
  // `sql` cannot run inside a transaction (PostgreSQL's CREATE INDEX
  // CONCURRENTLY): apply and script run such steps after the transaction
  // commits, in plan order. `reverse` never needs this.
  bool outside_transaction = false;
  std::vector<DataCheck> checks;
  // Indexes into the ordered changes the plan was rendered from, of those
  // this step carries out (several for a SQLite table rebuild; none for a
  // follow-up such as PostgreSQL's VALIDATE CONSTRAINT). For reports.
  std::vector<std::size_t> changes;
};

struct Plan {
  std::vector<Step> steps;
  bool empty() const { return steps.empty(); }
  // The same steps undone: reverse order, reverse statements.
  Plan reversed() const;
};

}  // namespace keyway::plan
