// apply(): a plan run against a live SQLite database, all or nothing.
//   1. every data check, before anything changes: refused plans name their rows;
//   2. PRAGMA foreign_keys = OFF (a no-op inside a transaction, so set before
//      BEGIN), then BEGIN IMMEDIATE: the write lock up front, so that only one
//      runner works on the database at a time (DESIGN.md §4);
//   3. every statement; a failure rolls back;
//   4. PRAGMA foreign_key_check before COMMIT, as the table-rebuild procedure
//      asks (https://www.sqlite.org/lang_altertable.html#otheralter);
//   5. the connection's settings back as they were.
#include <cstddef>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "backends/sqlite/sqlite_driver.h"
#include "backends/sqlite/sqlite_messages.h"
#include "core/errors.h"

namespace keyway::backends::sqlite {

namespace {

std::vector<std::string> first_column(soci::session& session, const std::string& query) {
  std::vector<std::string> out;
  soci::rowset<soci::row> rows = session.prepare << query;
  for (const soci::row& row : rows) out.push_back(text_at(row, 0));
  return out;
}

long long count(soci::session& session, const std::string& query) {
  long long n = 0;
  soci::indicator indicator = soci::i_ok;
  session << query, soci::into(n, indicator);
  return indicator == soci::i_ok ? n : 0;
}

void run_data_checks(soci::session& session, const plan::Plan& plan) {
  std::vector<std::string> failures;
  for (const auto& step : plan.steps) {
    for (const auto& check : step.checks) {
      try {
        const long long n = count(session, check.count_query);
        if (n == 0) continue;
        std::string line = fmt::format("{}: {} row(s)", check.description, n);
        const std::vector<std::string> examples = first_column(session, check.query);
        for (std::size_t i = 0; i < examples.size(); ++i) {
          line += (i == 0 ? ", e.g. " : ", ") + examples[i];
        }
        failures.push_back(std::move(line));
      } catch (const soci::soci_error& e) {
        throw DatabaseError(fmt::format("data check \"{}\" failed: {}\n  query: {}",
                                        check.description, sqlite_message(e),
                                        check.count_query));
      }
    }
  }
  if (failures.empty()) return;
  std::string message = "existing rows do not allow this plan; nothing was changed:";
  for (const auto& failure : failures) message += "\n  " + failure;
  throw DatabaseError(message);
}

}  // namespace

void apply(soci::session& session, const plan::Plan& plan, const StatementProgress& progress) {
  if (plan.empty()) return;
  run_data_checks(session, plan);

  int foreign_keys = 0;
  int legacy_alter_table = 0;
  try {
    foreign_keys = pragma_value(session, "foreign_keys");
    legacy_alter_table = pragma_value(session, "legacy_alter_table");
    session << "PRAGMA foreign_keys = OFF";
  } catch (const soci::soci_error& e) {
    throw DatabaseError("cannot prepare the database for changes: " + sqlite_message(e));
  }
  // A rebuild switches legacy_alter_table on and off; put both settings back.
  const auto restore = [&] {
    quietly(session, fmt::format("PRAGMA legacy_alter_table = {}", legacy_alter_table));
    quietly(session, fmt::format("PRAGMA foreign_keys = {}", foreign_keys));
  };
  const auto fail = [&](const std::string& message) {
    quietly(session, "ROLLBACK");
    restore();
    throw DatabaseError(message);
  };

  try {
    session << "BEGIN IMMEDIATE";
  } catch (const soci::soci_error& e) {
    restore();
    throw DatabaseError("cannot start a transaction: " + sqlite_message(e));
  }
  std::size_t total = 0;
  for (const auto& step : plan.steps) total += step.sql.size();
  std::size_t number = 0;
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    const plan::Step& step = plan.steps[i];
    for (const auto& statement : step.sql) {
      try {
        progress.timed(++number, total, statement, [&] { session << statement; });
      } catch (const soci::soci_error& e) {
        fail(fmt::format("step {} ({}) failed, nothing was changed: {}\n  statement: {}", i + 1,
                         step.summary, sqlite_message(e), statement));
      }
    }
  }

  try {
    const ForeignKeyViolations violations = foreign_key_violations(session);
    if (violations.total > 0) {
      fail(fmt::format("foreign key check failed, nothing was changed: {} row(s) without a parent",
                       violations.total) +
           violations.lines());
    }
    session << "COMMIT";
  } catch (const soci::soci_error& e) {
    fail("cannot commit, nothing was changed: " + sqlite_message(e));
  }
  restore();
}

}  // namespace keyway::backends::sqlite
