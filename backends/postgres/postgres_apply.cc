// apply(): a plan run against a live PostgreSQL database, every phase with
// the session's lock_timeout set to --lock-timeout (and put back after), so
// that no statement waits behind another session's lock for longer:
//   1. every data check, before anything changes: refused plans name their rows;
//   2. BEGIN, every step that can run in a transaction, COMMIT. PostgreSQL's
//      DDL is transactional: a failure rolls all of it back;
//   3. the online steps that cannot run in a transaction (CREATE INDEX
//      CONCURRENTLY, and the VALIDATE CONSTRAINT kept out of it so as not to
//      block writes), one by one in plan order. A failed CONCURRENTLY build
//      leaves an invalid index behind: it is dropped before the error is
//      reported (https://www.postgresql.org/docs/15/sql-createindex.html).
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <soci/postgresql/soci-postgresql.h>

#include "backends/common/migration_messages.h"
#include "backends/postgres/postgres_ddl.h"
#include "backends/postgres/postgres_driver.h"
#include "backends/postgres/postgres_messages.h"
#include "core/errors.h"

namespace keyway::backends::postgres {

namespace {

std::vector<std::string> first_column(soci::session& session, const std::string& query) {
  std::vector<std::string> out;
  soci::rowset<soci::row> rows = session.prepare << query;
  for (const soci::row& row : rows) {
    out.push_back(row.get_indicator(0) == soci::i_null ? "NULL" : row.get<std::string>(0));
  }
  return out;
}

class Runner {
 public:
  Runner(soci::session& session, const plan::Plan& plan, std::chrono::milliseconds timeout,
         const StatementProgress& progress)
      : session_(session), plan_(plan), timeout_(timeout), progress_(progress) {
    for (const auto& step : plan_.steps) total_ += step.sql.size();
  }

  // Every phase with the session's lock_timeout set, put back as it was
  // whatever happens: the data checks read the tables too, and must not
  // wait forever behind another session's lock either.
  void run() {
    std::string previous;
    try {
      previous = text_of(session_, "SELECT current_setting('lock_timeout')");
      session_ << fmt::format("SET lock_timeout = '{}ms'", timeout_.count());
    } catch (const soci::soci_error& e) {
      throw DatabaseError("cannot set the lock timeout, nothing was changed: " + pg_message(e));
    }
    try {
      run_data_checks();
      run_transaction();
      run_outside_steps();
    } catch (...) {
      restore(previous);
      throw;
    }
    restore(previous);
  }

 private:
  void restore(const std::string& previous) {
    try {
      session_ << "SELECT set_config('lock_timeout', :value, false)", soci::use(previous);
    } catch (const soci::soci_error&) {
    }
  }

  void run_data_checks() {
    std::vector<std::string> failures;
    for (std::size_t i = 0; i < plan_.steps.size(); ++i) {
      for (const auto& check : plan_.steps[i].checks) {
        try {
          // Read as text: COUNT is bigint, SUM of counts numeric.
          const std::string counted = text_of(session_, check.count_query);
          const long long n = counted.empty() ? 0 : std::stoll(counted);
          if (n == 0) continue;
          std::string line = fmt::format("{}: {} row(s)", check.description, n);
          const std::vector<std::string> examples = first_column(session_, check.query);
          for (std::size_t e = 0; e < examples.size(); ++e) {
            line += (e == 0 ? ", e.g. " : ", ") + examples[e];
          }
          failures.push_back(std::move(line));
        } catch (const soci::soci_error& e) {
          if (is_lock_timeout(e)) throw lock_failure(i, check.count_query, "");
          throw DatabaseError(fmt::format("data check \"{}\" failed: {}\n  query: {}",
                                          check.description, pg_message(e), check.count_query));
        }
      }
    }
    if (failures.empty()) return;
    std::string message = "existing rows do not allow this plan; nothing was changed:";
    for (const auto& failure : failures) message += "\n  " + failure;
    throw DatabaseError(message);
  }

  void run_transaction() {
    bool any = false;
    for (const auto& step : plan_.steps) any = any || !step.outside_transaction;
    if (!any) return;
    try {
      session_ << "BEGIN";
    } catch (const soci::soci_error& e) {
      quietly(session_, "ROLLBACK");
      throw DatabaseError("cannot start a transaction: " + pg_message(e));
    }
    for (std::size_t i = 0; i < plan_.steps.size(); ++i) {
      const plan::Step& step = plan_.steps[i];
      if (step.outside_transaction) continue;
      for (const auto& statement : step.sql) {
        try {
          progress_.timed(++number_, total_, statement, [&] { session_ << statement; });
        } catch (const soci::soci_error& e) {
          quietly(session_, "ROLLBACK");
          throw failure(i, statement, e, "");
        }
      }
    }
    try {
      session_ << "COMMIT";
    } catch (const soci::soci_error& e) {
      quietly(session_, "ROLLBACK");
      throw DatabaseError("cannot commit, nothing was changed: " + pg_message(e));
    }
    applied_ = true;
  }

  // One at a time, each in its own implicit transaction, in plan order.
  void run_outside_steps() {
    for (std::size_t i = 0; i < plan_.steps.size(); ++i) {
      const plan::Step& step = plan_.steps[i];
      if (!step.outside_transaction) continue;
      for (std::size_t s = 0; s < step.sql.size(); ++s) {
        try {
          progress_.timed(++number_, total_, step.sql[s], [&] { session_ << step.sql[s]; });
        } catch (const soci::soci_error& e) {
          std::string notes = drop_built_indexes(step, s);
          if (step.sql[s].find(" VALIDATE CONSTRAINT ") != std::string::npos) {
            notes += "\n  the constraint stays NOT VALID (it holds for new rows): fix the "
                     "existing rows, then run the statement again";
          }
          throw failure(i, step.sql[s], e, notes);
        }
      }
      applied_ = true;
    }
  }

  // Drops the indexes the step's CONCURRENTLY statements up to `failed`
  // built or left invalid, so that the step is undone as a whole; says what
  // became of them.
  std::string drop_built_indexes(const plan::Step& step, std::size_t failed) {
    std::string notes;
    for (std::size_t s = 0; s <= failed; ++s) {
      const std::optional<std::string> index = concurrent_index_of(step.sql[s]);
      if (!index) continue;
      try {
        std::string found;
        soci::indicator indicator = soci::i_ok;
        session_ << "SELECT to_regclass(:name)::text", soci::use(*index),
            soci::into(found, indicator);
        if (indicator == soci::i_null) continue;  // never created
        session_ << "DROP INDEX CONCURRENTLY IF EXISTS " + *index;
        notes += fmt::format("\n  the index {} it left was dropped", *index);
      } catch (const soci::soci_error& e) {
        notes += fmt::format(
            "\n  the index {} it left could not be dropped ({}); drop it with: "
            "DROP INDEX CONCURRENTLY IF EXISTS {}",
            *index, pg_message(e), *index);
      }
    }
    return notes;
  }

  // What the database holds after step `i` failed.
  std::string outcome() const {
    return applied_ ? "the steps before it were applied, this one and the ones after it were not"
                    : "nothing was changed";
  }

  DatabaseError lock_failure(std::size_t i, const std::string& statement,
                             const std::string& notes) const {
    const plan::Step& step = plan_.steps[i];
    return DatabaseError(fmt::format(
        "could not get a lock on {} within {} (--lock-timeout); another session holds it; "
        "{}\n  step {} ({})\n  statement: {}{}",
        step.table, common::duration_text(timeout_), outcome(), i + 1, step.summary, statement,
        notes));
  }

  DatabaseError failure(std::size_t i, const std::string& statement, const soci::soci_error& e,
                        const std::string& notes) const {
    if (is_lock_timeout(e)) return lock_failure(i, statement, notes);
    const plan::Step& step = plan_.steps[i];
    return DatabaseError(fmt::format("step {} ({}) failed, {}: {}\n  statement: {}{}", i + 1,
                                     step.summary, outcome(), pg_message(e), statement, notes));
  }

  soci::session& session_;
  const plan::Plan& plan_;
  std::chrono::milliseconds timeout_;
  const StatementProgress& progress_;
  std::size_t total_ = 0;
  std::size_t number_ = 0;  // statements started so far, in plan order
  bool applied_ = false;  // some step is committed
};

}  // namespace

void apply(soci::session& session, const plan::Plan& plan, const ApplyOptions& options) {
  if (plan.empty()) return;
  Runner(session, plan, options.lock_timeout, options.progress).run();
}

}  // namespace keyway::backends::postgres
