// The narrow interface every database backend implements: inspect a live
// database into the schema IR, render ordered changes into a plan of SQL, and
// apply a plan. Everything that touches a database sits behind it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "backends/history.h"
#include "backends/progress.h"
#include "core/diff/change.h"
#include "core/plan/plan.h"
#include "core/schema/dialect.h"
#include "core/schema/schema.h"

namespace keyway::backends {

class Driver {
 public:
  virtual ~Driver() = default;

  virtual const schema::Dialect& dialect() const = 0;

  // The live schema, without keyway's own tables and the database's internal ones.
  virtual schema::Database inspect() = 0;

  // SQL for `changes`, already ordered by plan::order(). `from` is the schema
  // the changes start from (as inspected), `to` the schema they lead to.
  virtual plan::Plan render(const std::vector<diff::Change>& changes,
                            const schema::Database& from,
                            const schema::Database& to) const = 0;

  // The whole plan as one script a user could feed to the database's own
  // shell, with the transaction and any pragmas around it.
  virtual std::string script(const plan::Plan& plan) const = 0;

  // Runs every data check, then every step, in one transaction. On any failure
  // the database is left exactly as it was and a DatabaseError is thrown
  // (a failed data check names the offending rows).
  virtual void apply(const plan::Plan& plan) = 0;

  // Rows of `table`; with `column`, only the rows where it is not NULL. Used
  // to say what a destructive change would lose before it runs.
  virtual std::int64_t count_rows(const std::string& table, const std::string& column = "") = 0;

  // --- migrations (DESIGN.md §4) ---

  // From now on render() writes SQL for migration files: plain DDL that runs
  // in one transaction (no online forms that need to run outside one), with
  // table names left unqualified, so that the runner resolves them in the
  // target schema. A no-op where that is already so (SQLite).
  virtual void render_for_migration_files() {}

  // The rows of keyway_migrations in version order; empty when the table does
  // not exist yet. Reads only.
  virtual std::vector<AppliedMigration> history() = 0;

  // Takes the one-runner-per-database lock (PostgreSQL: an advisory lock on
  // the schema; SQLite: an exclusive lock on "<file>-keyway.lock" beside the
  // database), waiting up to `wait`, and creates keyway_migrations if it is
  // missing. `holder` says who takes it ("keyway migrate up, pid 42 on host")
  // and is shown to whoever waits. Throws DatabaseError after `wait`, naming
  // the holder as far as the database can tell.
  virtual std::unique_ptr<RunLock> lock(std::chrono::milliseconds wait,
                                        const std::string& holder) = 0;

  // Runs one migration and records it: an up inserts its history row, a down
  // deletes it. A transactional script runs in one transaction with the row;
  // any failure rolls all of it back. A no-transaction script runs statement
  // by statement and records the row after the last one. Inside the
  // transaction the history is read again first: an up already recorded, or
  // a down not recorded, is skipped and returns std::nullopt. Otherwise
  // returns the execution time in milliseconds. Throws MigrationFailed when a
  // statement fails; SQLite also runs PRAGMA foreign_key_check before COMMIT
  // (its scripts run with foreign keys off, as the rebuild procedure needs).
  virtual std::optional<std::int64_t> run(const MigrationRun& run) = 0;

  // apply() and run() report each statement they execute to `progress`.
  void set_progress(StatementProgress progress) { progress_ = std::move(progress); }

 protected:
  StatementProgress progress_;
};

// Opens the database a URL names: "sqlite:path", "sqlite::memory:",
// "postgresql://user:pass@host:port/db". Throws InputError for a URL it
// cannot read, DatabaseError when the database cannot be opened.
std::unique_ptr<Driver> open(const std::string& url);

// A throwaway database to replay migrations into (generate, check): for a
// SQLite URL an in-memory database; for a PostgreSQL URL a new database
// "keyway_scratch_<pid>_<random>" created on that server and dropped (WITH
// (FORCE)) when this is destroyed. Throws DatabaseError when the server
// refuses (e.g. no CREATEDB privilege), saying so and suggesting --dev-url.
class ScratchDatabase {
 public:
  virtual ~ScratchDatabase() = default;
  virtual Driver& driver() = 0;
  // "an in-memory SQLite database", "scratch database keyway_scratch_... on host:port"
  virtual std::string description() const = 0;
};
std::unique_ptr<ScratchDatabase> open_scratch(const std::string& url);

// The URL with any password replaced by "***", for messages and logs.
std::string mask_password(const std::string& url);

}  // namespace keyway::backends
