// keyway_migrations in a SQLite database (DESIGN.md §4): applied_at is UTC
// text as CURRENT_TIMESTAMP writes it, "2026-11-24 18:30:00".
#include <string>
#include <vector>

#include <fmt/format.h>

#include "backends/sqlite/sqlite_driver.h"
#include "backends/sqlite/sqlite_history.h"
#include "backends/sqlite/sqlite_messages.h"
#include "core/errors.h"

namespace keyway::backends::sqlite {

namespace {

bool history_exists(soci::session& session) {
  int found = 0;
  session << fmt::format(
                 "SELECT count(*) FROM main.sqlite_master WHERE type = 'table' AND name = '{}'",
                 kHistoryTable),
      soci::into(found);
  return found > 0;
}

}  // namespace

std::vector<AppliedMigration> history(soci::session& session) {
  std::vector<AppliedMigration> out;
  try {
    if (!history_exists(session)) return out;
    soci::rowset<soci::row> rows =
        session.prepare << fmt::format(
            "SELECT version, name, checksum, applied_at, execution_ms FROM {} ORDER BY version",
            kHistoryTable);
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
    throw DatabaseError(fmt::format("cannot read {}: {}", kHistoryTable, sqlite_message(e)));
  }
  return out;
}

void create_history_table(soci::session& session) {
  session << fmt::format(
      "CREATE TABLE IF NOT EXISTS {} (\n"
      "  version TEXT PRIMARY KEY,\n"
      "  name TEXT NOT NULL,\n"
      "  checksum TEXT NOT NULL,\n"
      "  applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
      "  execution_ms BIGINT NOT NULL\n"
      ")",
      kHistoryTable);
}

bool is_recorded(soci::session& session, const std::string& version) {
  int found = 0;
  session << fmt::format("SELECT count(*) FROM {} WHERE version = :version", kHistoryTable),
      soci::use(version), soci::into(found);
  return found > 0;
}

void record(soci::session& session, const MigrationRun& run, std::int64_t execution_ms) {
  if (run.direction == MigrationRun::Direction::kDown) {
    session << fmt::format("DELETE FROM {} WHERE version = :version", kHistoryTable),
        soci::use(run.version);
    return;
  }
  const long long ms = execution_ms;
  session << fmt::format(
                 "INSERT INTO {} (version, name, checksum, execution_ms) "
                 "VALUES (:version, :name, :checksum, :ms)",
                 kHistoryTable),
      soci::use(run.version), soci::use(run.name), soci::use(run.checksum), soci::use(ms);
}

}  // namespace keyway::backends::sqlite
