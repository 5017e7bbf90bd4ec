#include "cli/lint_live.h"

#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include "backends/postgres/postgres_driver.h"
#include "backends/sqlite/sqlite_driver.h"
#include "core/plan/order.h"

namespace keyway::cli {

namespace {

soci::session* session_of(backends::Driver& driver) {
  if (auto* sqlite = dynamic_cast<backends::sqlite::SqliteDriver*>(&driver)) return &sqlite->session();
  if (auto* pg = dynamic_cast<backends::postgres::PostgresDriver*>(&driver)) return &pg->session();
  return nullptr;
}

// A count query's one value; read as text, since COUNT is bigint and a sum
// of counts numeric on PostgreSQL.
std::int64_t count(soci::session& session, const std::string& query) {
  std::string text;
  soci::indicator indicator = soci::i_ok;
  session << query, soci::into(text, indicator);
  return indicator == soci::i_ok && !text.empty() ? std::stoll(text) : 0;
}

}  // namespace

LiveDatabase::LiveDatabase(backends::Driver& driver) : driver_(driver), schema_(driver.inspect()) {}

std::optional<std::int64_t> LiveDatabase::rows(const std::string& table, const std::string& column) {
  const schema::Table* t = schema_.find_table(table);
  if (t == nullptr || (!column.empty() && t->find_column(column) == nullptr)) return std::nullopt;
  try {
    return driver_.count_rows(table, column);
  } catch (const std::exception& e) {
    spdlog::debug("lint: cannot count the rows of {}: {}", table, e.what());
    return std::nullopt;
  }
}

std::optional<DataCheckResult> LiveDatabase::check(const lint::Attributed& change,
                                                   const std::vector<diff::Change>& renames,
                                                   const schema::Database& to) {
  soci::session* session = session_of(driver_);
  if (session == nullptr) return std::nullopt;
  try {
    std::vector<diff::Change> changes = renames;
    changes.push_back(change.first);
    const plan::Plan plan = driver_.render(plan::order(changes, driver_.dialect()), schema_, to);
    std::optional<DataCheckResult> out;
    for (const auto& step : plan.steps) {
      for (const auto& check : step.checks) {
        if (!out) out.emplace();
        out->offending += count(*session, check.count_query);
        out->description += (out->description.empty() ? "" : "; ") + check.description;
      }
    }
    return out;
  } catch (const std::exception& e) {
    spdlog::debug("lint: cannot check {} on the database: {}", diff::describe(change.first), e.what());
    return std::nullopt;
  }
}

}  // namespace keyway::cli
