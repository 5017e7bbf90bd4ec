// What a backend offers the migration runner (DESIGN.md §4): the history
// table keyway_migrations, the one-runner-per-database lock, and running one
// migration file's statements together with its history row.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/errors.h"
#include "core/migrate/sql_split.h"

namespace keyway::backends {

inline constexpr const char* kHistoryTable = "keyway_migrations";

// One row of keyway_migrations.
struct AppliedMigration {
  std::string version;
  std::string name;
  std::string checksum;    // sha256 of the up file as it was applied
  std::string applied_at;  // UTC, "2026-11-24 18:30:00"
  std::int64_t execution_ms = 0;
};

// One migration file to run.
struct MigrationRun {
  enum class Direction { kUp, kDown };
  Direction direction = Direction::kUp;
  std::string version;
  std::string name;
  std::string checksum;  // recorded with an up
  std::string file;      // the file's path, for messages
  migrate::Script script;
};

// A statement of a migration failed (exit 3). The message names the file, the
// statement number and line, the statement and the database's error, and
// what state the database is left in.
class MigrationFailed : public DatabaseError {
 public:
  MigrationFailed(const std::string& message, int statement_number)
      : DatabaseError(message), statement_number_(statement_number) {}
  int statement_number() const { return statement_number_; }  // 1-based; 0: not a statement

 private:
  int statement_number_;
};

// Held while a runner works; released when destroyed.
class RunLock {
 public:
  virtual ~RunLock() = default;
};

}  // namespace keyway::backends
