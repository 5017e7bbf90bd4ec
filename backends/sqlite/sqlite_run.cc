// run_migration(): one migration file against a SQLite database, with its
// history row (DESIGN.md §4).
//
// A transactional script runs as apply() runs a plan: PRAGMA foreign_keys =
// OFF (a no-op inside a transaction, so set before BEGIN), BEGIN IMMEDIATE,
// the history read again, every statement, PRAGMA foreign_key_check, the
// history row, COMMIT; any failure rolls all of it back. Files keyway writes
// hold the table-rebuild procedure, which needs foreign keys off
// (https://www.sqlite.org/lang_altertable.html#otheralter).
//
// A no-transaction script runs statement by statement in autocommit, with
// the connection's settings as they are (foreign keys on: no check at the
// end could catch what a statement breaks); its row is written after the
// last statement, in a transaction of its own.
//
// Either way the connection waits up to 30s for another connection's write
// lock (an application's), and its settings are put back after.
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "backends/common/migration_messages.h"
#include "backends/sqlite/sqlite_driver.h"
#include "backends/sqlite/sqlite_history.h"
#include "backends/sqlite/sqlite_messages.h"
#include "core/errors.h"

namespace keyway::backends::sqlite {

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kRunBusyTimeoutMs = 30000;

std::int64_t milliseconds_since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

// Whether `run` is still to do: an up not recorded, a down recorded.
bool still_to_run(soci::session& session, const MigrationRun& run) {
  const bool recorded = is_recorded(session, run.version);
  return run.direction == MigrationRun::Direction::kUp ? !recorded : recorded;
}

// The connection's settings a run changes, read when it starts and put back
// when it ends.
class Settings {
 public:
  Settings(soci::session& session, const MigrationRun& run) : session_(session) {
    try {
      foreign_keys_ = pragma_value(session, "foreign_keys");
      legacy_alter_table_ = pragma_value(session, "legacy_alter_table");
      busy_timeout_ = pragma_value(session, "busy_timeout");
      changed_ = true;
      session << fmt::format("PRAGMA busy_timeout = {}", kRunBusyTimeoutMs);
      if (!run.script.no_transaction) session << "PRAGMA foreign_keys = OFF";
    } catch (const soci::soci_error& e) {
      if (changed_) restore();
      throw DatabaseError(fmt::format("cannot prepare the database for migration {}: {}",
                                      common::migration_label(run), sqlite_message(e)));
    }
  }
  ~Settings() { restore(); }
  Settings(const Settings&) = delete;
  Settings& operator=(const Settings&) = delete;

 private:
  // A rebuild switches legacy_alter_table on and off; put every setting back.
  void restore() {
    quietly(session_, fmt::format("PRAGMA legacy_alter_table = {}", legacy_alter_table_));
    quietly(session_, fmt::format("PRAGMA foreign_keys = {}", foreign_keys_));
    quietly(session_, fmt::format("PRAGMA busy_timeout = {}", busy_timeout_));
  }

  soci::session& session_;
  int foreign_keys_ = 1;
  int legacy_alter_table_ = 0;
  int busy_timeout_ = 5000;
  bool changed_ = false;  // read every setting, changed some
};

std::optional<std::int64_t> run_in_transaction(soci::session& session, const MigrationRun& run,
                                               const StatementProgress& progress) {
  const std::string label = common::migration_label(run);
  try {
    session << "BEGIN IMMEDIATE";
  } catch (const soci::soci_error& e) {
    throw DatabaseError(fmt::format("cannot start the transaction of migration {}: {}", label,
                                    sqlite_message(e)));
  }
  try {
    create_history_table(session);
    if (!still_to_run(session, run)) {
      quietly(session, "ROLLBACK");
      return std::nullopt;
    }
  } catch (const soci::soci_error& e) {
    quietly(session, "ROLLBACK");
    throw DatabaseError(fmt::format("cannot read {} before migration {}: {}", kHistoryTable,
                                    label, sqlite_message(e)));
  }

  const Clock::time_point start = Clock::now();
  const auto& statements = run.script.statements;
  for (std::size_t i = 0; i < statements.size(); ++i) {
    try {
      progress.timed(i + 1, statements.size(), statements[i].text, [&] { session << statements[i].text; });
    } catch (const soci::soci_error& e) {
      quietly(session, "ROLLBACK");
      throw common::statement_failed(run, i, sqlite_message(e), common::kRolledBack);
    }
  }

  ForeignKeyViolations violations;
  try {
    violations = foreign_key_violations(session);
  } catch (const soci::soci_error& e) {
    quietly(session, "ROLLBACK");
    throw common::migration_failed(run, "could not run its foreign key check", sqlite_message(e),
                                   common::kRolledBack);
  }
  if (violations.total > 0) {
    quietly(session, "ROLLBACK");
    throw MigrationFailed(
        fmt::format("migration {} failed its foreign key check: {} row(s) without a parent{}\n  {}",
                    label, violations.total, violations.lines(), common::kRolledBack),
        0);
  }

  const std::int64_t execution_ms = milliseconds_since(start);
  try {
    record(session, run, execution_ms);
  } catch (const soci::soci_error& e) {
    quietly(session, "ROLLBACK");
    throw common::migration_failed(run, fmt::format("could not be recorded in {}", kHistoryTable),
                                   sqlite_message(e), common::kRolledBack);
  }
  try {
    session << "COMMIT";
  } catch (const soci::soci_error& e) {
    quietly(session, "ROLLBACK");
    throw common::migration_failed(run, "could not commit", sqlite_message(e),
                                   common::kRolledBack);
  }
  return execution_ms;
}

std::optional<std::int64_t> run_without_transaction(soci::session& session,
                                                    const MigrationRun& run,
                                                    const StatementProgress& progress) {
  try {
    create_history_table(session);
    if (!still_to_run(session, run)) return std::nullopt;
  } catch (const soci::soci_error& e) {
    throw DatabaseError(fmt::format("cannot read {} before migration {}: {}", kHistoryTable,
                                    common::migration_label(run), sqlite_message(e)));
  }

  const Clock::time_point start = Clock::now();
  const auto& statements = run.script.statements;
  for (std::size_t i = 0; i < statements.size(); ++i) {
    try {
      progress.timed(i + 1, statements.size(), statements[i].text, [&] { session << statements[i].text; });
    } catch (const soci::soci_error& e) {
      throw common::statement_failed(run, i, sqlite_message(e),
                                     common::kept_statements(static_cast<int>(i) + 1));
    }
  }

  const std::int64_t execution_ms = milliseconds_since(start);
  try {
    session << "BEGIN IMMEDIATE";
    if (still_to_run(session, run)) record(session, run, execution_ms);
    session << "COMMIT";
  } catch (const soci::soci_error& e) {
    quietly(session, "ROLLBACK");
    throw common::migration_failed(
        run, fmt::format("ran, but could not be recorded in {}", kHistoryTable),
        sqlite_message(e), common::kAppliedNotRecorded);
  }
  return execution_ms;
}

}  // namespace

std::optional<std::int64_t> run_migration(soci::session& session, const MigrationRun& run,
                                          const StatementProgress& progress) {
  const Settings settings(session, run);
  return run.script.no_transaction ? run_without_transaction(session, run, progress)
                                   : run_in_transaction(session, run, progress);
}

}  // namespace keyway::backends::sqlite
