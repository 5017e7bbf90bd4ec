// The SQLite backend: inspect (sqlite_inspect.cc), SQL rendering with the
// table-rebuild procedure (sqlite_render.cc), apply (sqlite_apply.cc), and
// versioned migrations (sqlite_history.cc, sqlite_lock.cc, sqlite_run.cc).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "backends/driver.h"
#include "backends/sqlite/sqlite_dialect.h"

namespace keyway::backends::sqlite {

// Reads the live schema in a fixed number of queries (sqlite_schema joined
// with the pragma table-valued functions), whatever the number of tables.
// Skips sqlite_* tables and keyway's own (keyway_*, _keyway_*).
schema::Database inspect(soci::session& session);

// Renders ordered changes. Changes SQLite cannot make in place (adding or
// dropping a foreign key or check, altering a column, ...) are grouped per
// table into one rebuild (https://www.sqlite.org/lang_altertable.html#otheralter).
plan::Plan render(const std::vector<diff::Change>& changes, const schema::Database& from,
                  const schema::Database& to, const SqliteDialect& dialect);

// "PRAGMA foreign_keys = OFF; BEGIN; ...; COMMIT; PRAGMA foreign_keys = ON;"
std::string script(const plan::Plan& plan);

// Data checks, then every statement in one BEGIN IMMEDIATE transaction with
// foreign keys off, then PRAGMA foreign_key_check before COMMIT.
void apply(soci::session& session, const plan::Plan& plan, const StatementProgress& progress = {});

// keyway_migrations: its rows in version order (none when it does not
// exist), and CREATE TABLE IF NOT EXISTS (sqlite_history.cc).
std::vector<AppliedMigration> history(soci::session& session);
void create_history_table(soci::session& session);

// The lock file "<path>-keyway.lock" beside a database file, held with an
// exclusive flock() and naming its holder; none for ":memory:"
// (sqlite_lock.cc).
std::unique_ptr<RunLock> lock_file(const std::string& path, std::chrono::milliseconds wait,
                                   const std::string& holder);

// One migration with its history row (sqlite_run.cc): a transactional script
// in one BEGIN IMMEDIATE transaction with foreign keys off and PRAGMA
// foreign_key_check before COMMIT; a no-transaction script statement by
// statement, then its row in a transaction of its own.
std::optional<std::int64_t> run_migration(soci::session& session, const MigrationRun& run,
                                          const StatementProgress& progress = {});

class SqliteDriver final : public Driver {
 public:
  // `path` is a file name or ":memory:".
  explicit SqliteDriver(const std::string& path);

  const schema::Dialect& dialect() const override { return dialect_; }
  schema::Database inspect() override { return sqlite::inspect(session_); }
  plan::Plan render(const std::vector<diff::Change>& changes, const schema::Database& from,
                    const schema::Database& to) const override {
    return sqlite::render(changes, from, to, dialect_);
  }
  std::string script(const plan::Plan& plan) const override { return sqlite::script(plan); }
  void apply(const plan::Plan& plan) override { sqlite::apply(session_, plan, progress_); }
  std::int64_t count_rows(const std::string& table, const std::string& column = "") override;

  std::vector<AppliedMigration> history() override { return sqlite::history(session_); }
  std::unique_ptr<RunLock> lock(std::chrono::milliseconds wait,
                                const std::string& holder) override;
  std::optional<std::int64_t> run(const MigrationRun& run) override {
    return sqlite::run_migration(session_, run, progress_);
  }

  soci::session& session() { return session_; }
  // The file name it was opened with (as given: relative to the working
  // directory), or ":memory:".
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  SqliteDialect dialect_;
  soci::session session_;
};

}  // namespace keyway::backends::sqlite
