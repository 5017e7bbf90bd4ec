// keyway_migrations in a PostgreSQL schema (DESIGN.md §4): applied_at is a
// timestamptz, read back as UTC text "2026-11-24 18:30:00".
#include "backends/postgres/postgres_history.h"

#include <string>
#include <vector>

#include <fmt/format.h>

#include "backends/postgres/postgres_dialect.h"
#include "backends/postgres/postgres_driver.h"
#include "backends/postgres/postgres_messages.h"
#include "core/errors.h"

namespace keyway::backends::postgres {

namespace {

bool history_exists(soci::session& session, const std::string& schema_name) {
  const std::string name = history_table(schema_name);
  std::string found;
  soci::indicator indicator = soci::i_ok;
  session << "SELECT to_regclass(:name)::text", soci::use(name), soci::into(found, indicator);
  return indicator == soci::i_ok;
}

std::string text_at(const soci::row& row, std::size_t i) {
  return row.get_indicator(i) == soci::i_null ? "" : row.get<std::string>(i);
}

}  // namespace

std::string history_table(const std::string& schema_name) {
  return PostgresDialect().quote(schema_name) + "." + kHistoryTable;
}

std::vector<AppliedMigration> history(soci::session& session, const std::string& schema_name) {
  std::vector<AppliedMigration> out;
  try {
    if (!history_exists(session, schema_name)) return out;
    soci::rowset<soci::row> rows =
        session.prepare << fmt::format(
            "SELECT version, name, checksum,"
            " to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'),"
            " execution_ms::text FROM {} ORDER BY version",
            history_table(schema_name));
    for (const soci::row& row : rows) {
      AppliedMigration applied;
      applied.version = text_at(row, 0);
      applied.name = text_at(row, 1);
      applied.checksum = text_at(row, 2);
      applied.applied_at = text_at(row, 3);
      applied.execution_ms = std::stoll(text_at(row, 4));
      out.push_back(std::move(applied));
    }
  } catch (const soci::soci_error& e) {
    throw DatabaseError(fmt::format("cannot read {}: {}", history_table(schema_name),
                                    pg_message(e)));
  }
  return out;
}

// Only when missing: CREATE TABLE IF NOT EXISTS on an existing table sends a
// NOTICE, which libpq prints.
void create_history_table(soci::session& session, const std::string& schema_name) {
  if (history_exists(session, schema_name)) return;
  session << fmt::format(
      "CREATE TABLE IF NOT EXISTS {} (\n"
      "  version text PRIMARY KEY,\n"
      "  name text NOT NULL,\n"
      "  checksum text NOT NULL,\n"
      "  applied_at timestamptz NOT NULL DEFAULT now(),\n"
      "  execution_ms bigint NOT NULL\n"
      ")",
      history_table(schema_name));
}

bool is_recorded(soci::session& session, const std::string& schema_name,
                 const std::string& version) {
  int found = 0;
  session << fmt::format("SELECT count(*)::int FROM {} WHERE version = :version",
                         history_table(schema_name)),
      soci::use(version), soci::into(found);
  return found > 0;
}

void record(soci::session& session, const std::string& schema_name, const MigrationRun& run,
            std::int64_t execution_ms) {
  if (run.direction == MigrationRun::Direction::kDown) {
    session << fmt::format("DELETE FROM {} WHERE version = :version", history_table(schema_name)),
        soci::use(run.version);
    return;
  }
  const long long ms = execution_ms;
  session << fmt::format(
                 "INSERT INTO {} (version, name, checksum, execution_ms) "
                 "VALUES (:version, :name, :checksum, :ms)",
                 history_table(schema_name)),
      soci::use(run.version), soci::use(run.name), soci::use(run.checksum), soci::use(ms);
}

}  // namespace keyway::backends::postgres
