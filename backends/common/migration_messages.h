// The words every backend's migration runner uses for a failed migration, so
// that SQLite and PostgreSQL report one the same way (DESIGN.md §4):
//   migration 20260101120000_add_tags failed at statement 3 (migrations/x.up.sql:12):
//     ALTER TABLE tag ADD COLUMN ...
//     <the database's error>
//     the migration was rolled back: the database is as it was before it
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include "backends/history.h"

namespace keyway::backends::common {

inline constexpr const char* kRolledBack =
    "the migration was rolled back: the database is as it was before it";

// A no-transaction script whose statements all ran but whose history row
// could not be written.
inline constexpr const char* kAppliedNotRecorded =
    "this migration runs without a transaction (-- keyway:no-transaction): every statement was "
    "applied and stays; it is not recorded as applied";

// "5s" for whole seconds, "200ms" otherwise, as --lock-timeout is written.
std::string duration_text(std::chrono::milliseconds duration);

// "<version>_<name>".
std::string migration_label(const MigrationRun& run);

// The first line of a statement, with " ..." when it has more.
std::string first_line(const std::string& statement);

// What a no-transaction script leaves when its statement `number` (1-based)
// fails: "this migration runs without a transaction (-- keyway:no-transaction):
// statements 1 to 2 were applied and stay; it is not recorded as applied".
std::string kept_statements(int number);

// The failure of statement `index` (0-based) of `run`, with `error` the
// database's words and `outcome` what state the database is left in.
MigrationFailed statement_failed(const MigrationRun& run, std::size_t index,
                                 const std::string& error, const std::string& outcome);

// A failure that is not one statement's (COMMIT, the history row):
// "migration <label> <what>: <error>\n  <outcome>", statement number 0.
MigrationFailed migration_failed(const MigrationRun& run, const std::string& what,
                                 const std::string& error, const std::string& outcome);

}  // namespace keyway::backends::common
