// run_migration(): one migration file against a PostgreSQL schema, with its
// history row (DESIGN.md §4). Migration files name tables without their
// schema, so every statement runs with search_path set to the driver's
// schema, and with lock_timeout set to --lock-timeout, so that none waits
// behind an application's lock for longer.
//
// A transactional script runs in one transaction: BEGIN, SET LOCAL, the
// history read again, every statement, the history row, COMMIT; PostgreSQL's
// DDL is transactional, so any failure rolls all of it back. A
// no-transaction script (CREATE INDEX CONCURRENTLY) runs statement by
// statement with both settings made for the session and put back after; its
// row is written after the last statement, in a transaction of its own.
//
// The statements go to the server as written, through libpq's simple query
// protocol: SOCI would read ":name" in them as its placeholders.
#include <libpq-fe.h>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

#include <fmt/format.h>
#include <soci/postgresql/soci-postgresql.h>

#include "backends/common/migration_messages.h"
#include "backends/postgres/postgres_dialect.h"
#include "backends/postgres/postgres_driver.h"
#include "backends/postgres/postgres_history.h"
#include "backends/postgres/postgres_messages.h"
#include "core/errors.h"

namespace keyway::backends::postgres {

namespace {

using Clock = std::chrono::steady_clock;

std::int64_t milliseconds_since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

// Runs one statement as written; the server's error, if it fails. A lock
// wait cut short by lock_timeout says which setting cut it.
std::optional<std::string> execute(soci::session& session, const std::string& sql,
                                   std::chrono::milliseconds lock_timeout) {
  PGconn* connection =
      static_cast<soci::postgresql_session_backend*>(session.get_backend())->conn_;
  PGresult* result = PQexec(connection, sql.c_str());
  const ExecStatusType status = PQresultStatus(result);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) {
    PQclear(result);
    return std::nullopt;
  }
  std::string message;
  if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT) {
    // COPY ... FROM STDIN / TO STDOUT needs a client that feeds or reads it.
    PQclear(result);
    if (status == PGRES_COPY_IN) {
      PQputCopyEnd(connection, "keyway does not feed COPY FROM STDIN");
    } else {
      char* row = nullptr;
      while (PQgetCopyData(connection, &row, 0) > 0) PQfreemem(row);
    }
    while ((result = PQgetResult(connection)) != nullptr) PQclear(result);
    return "COPY from STDIN or to STDOUT cannot run in a migration";
  }
  const char* sqlstate =
      result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  message = pg_message(result != nullptr ? PQresultErrorMessage(result)
                                         : PQerrorMessage(connection));
  if (sqlstate != nullptr && std::string(sqlstate) == kLockNotAvailable) {
    message += fmt::format(" (--lock-timeout {})", common::duration_text(lock_timeout));
  }
  PQclear(result);
  return message;
}

// Whether `run` is still to do: an up not recorded, a down recorded.
bool still_to_run(soci::session& session, const std::string& schema_name,
                  const MigrationRun& run) {
  const bool recorded = is_recorded(session, schema_name, run.version);
  return run.direction == MigrationRun::Direction::kUp ? !recorded : recorded;
}

std::string lock_timeout_text(std::chrono::milliseconds timeout) {
  return fmt::format("{}ms", timeout.count());
}

std::optional<std::int64_t> run_in_transaction(soci::session& session,
                                               const std::string& schema_name,
                                               const MigrationRun& run,
                                               std::chrono::milliseconds lock_timeout,
                                               const StatementProgress& progress) {
  const std::string label = common::migration_label(run);
  try {
    session << "BEGIN";
    session << "SET LOCAL search_path TO " + PostgresDialect().quote(schema_name);
    session << fmt::format("SET LOCAL lock_timeout = '{}'", lock_timeout_text(lock_timeout));
    create_history_table(session, schema_name);
    if (!still_to_run(session, schema_name, run)) {
      quietly(session, "ROLLBACK");
      return std::nullopt;
    }
  } catch (const soci::soci_error& e) {
    quietly(session, "ROLLBACK");
    throw DatabaseError(fmt::format("cannot start migration {}: {}", label, pg_message(e)));
  }

  const Clock::time_point start = Clock::now();
  const auto& statements = run.script.statements;
  for (std::size_t i = 0; i < statements.size(); ++i) {
    if (auto error = progress.timed(i + 1, statements.size(), statements[i].text, [&] {
          return execute(session, statements[i].text, lock_timeout);
        })) {
      quietly(session, "ROLLBACK");
      throw common::statement_failed(run, i, *error, common::kRolledBack);
    }
  }

  const std::int64_t execution_ms = milliseconds_since(start);
  try {
    record(session, schema_name, run, execution_ms);
  } catch (const soci::soci_error& e) {
    quietly(session, "ROLLBACK");
    throw common::migration_failed(run, fmt::format("could not be recorded in {}", kHistoryTable),
                                   pg_message(e), common::kRolledBack);
  }
  // Deferred constraints are checked here.
  if (auto error = execute(session, "COMMIT", lock_timeout)) {
    quietly(session, "ROLLBACK");
    throw common::migration_failed(run, "could not commit", *error, common::kRolledBack);
  }
  return execution_ms;
}

// search_path and lock_timeout for the session, put back when it ends.
class SessionSettings {
 public:
  SessionSettings(soci::session& session, const std::string& schema_name,
                  std::chrono::milliseconds lock_timeout)
      : session_(session) {
    search_path_ = text_of(session, "SELECT current_setting('search_path')");
    lock_timeout_ = text_of(session, "SELECT current_setting('lock_timeout')");
    set("search_path", PostgresDialect().quote(schema_name));
    set("lock_timeout", lock_timeout_text(lock_timeout));
  }
  ~SessionSettings() {
    try {
      set("search_path", search_path_);
      set("lock_timeout", lock_timeout_);
    } catch (const soci::soci_error&) {
    }
  }
  SessionSettings(const SessionSettings&) = delete;
  SessionSettings& operator=(const SessionSettings&) = delete;

 private:
  void set(const std::string& name, const std::string& value) {
    session_ << "SELECT set_config(:name, :value, false)", soci::use(name), soci::use(value);
  }

  soci::session& session_;
  std::string search_path_;
  std::string lock_timeout_;
};

std::optional<std::int64_t> run_without_transaction(soci::session& session,
                                                    const std::string& schema_name,
                                                    const MigrationRun& run,
                                                    std::chrono::milliseconds lock_timeout,
                                                    const StatementProgress& progress) {
  std::optional<SessionSettings> settings;
  try {
    settings.emplace(session, schema_name, lock_timeout);
    create_history_table(session, schema_name);
    if (!still_to_run(session, schema_name, run)) return std::nullopt;
  } catch (const soci::soci_error& e) {
    throw DatabaseError(fmt::format("cannot start migration {}: {}",
                                    common::migration_label(run), pg_message(e)));
  }

  const Clock::time_point start = Clock::now();
  const auto& statements = run.script.statements;
  for (std::size_t i = 0; i < statements.size(); ++i) {
    if (auto error = progress.timed(i + 1, statements.size(), statements[i].text, [&] {
          return execute(session, statements[i].text, lock_timeout);
        })) {
      throw common::statement_failed(run, i, *error,
                                     common::kept_statements(static_cast<int>(i) + 1));
    }
  }

  const std::int64_t execution_ms = milliseconds_since(start);
  try {
    session << "BEGIN";
    if (still_to_run(session, schema_name, run)) record(session, schema_name, run, execution_ms);
    session << "COMMIT";
  } catch (const soci::soci_error& e) {
    quietly(session, "ROLLBACK");
    throw common::migration_failed(
        run, fmt::format("ran, but could not be recorded in {}", kHistoryTable), pg_message(e),
        common::kAppliedNotRecorded);
  }
  return execution_ms;
}

}  // namespace

std::optional<std::int64_t> run_migration(soci::session& session, const std::string& schema_name,
                                          const MigrationRun& run, const ApplyOptions& options) {
  return run.script.no_transaction
             ? run_without_transaction(session, schema_name, run, options.lock_timeout, options.progress)
             : run_in_transaction(session, schema_name, run, options.lock_timeout, options.progress);
}

}  // namespace keyway::backends::postgres
