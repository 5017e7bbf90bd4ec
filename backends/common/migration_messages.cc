#include "backends/common/migration_messages.h"

#include <fmt/format.h>

namespace keyway::backends::common {

std::string duration_text(std::chrono::milliseconds duration) {
  if (duration.count() % 1000 == 0) return fmt::format("{}s", duration.count() / 1000);
  return fmt::format("{}ms", duration.count());
}

std::string migration_label(const MigrationRun& run) { return run.version + "_" + run.name; }

std::string first_line(const std::string& statement) {
  const std::size_t end = statement.find('\n');
  if (end == std::string::npos) return statement;
  std::string line = statement.substr(0, end);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line + " ...";
}

std::string kept_statements(int number) {
  std::string applied;
  if (number <= 1) {
    applied = "no statement was applied";
  } else {
    applied = fmt::format("statements 1 to {} were applied and stay", number - 1);
  }
  return "this migration runs without a transaction (-- keyway:no-transaction): " + applied +
         "; it is not recorded as applied";
}

MigrationFailed statement_failed(const MigrationRun& run, std::size_t index,
                                 const std::string& error, const std::string& outcome) {
  const int number = static_cast<int>(index) + 1;
  const migrate::Statement& statement = run.script.statements.at(index);
  return MigrationFailed(
      fmt::format("migration {} failed at statement {} ({}:{}):\n  {}\n  {}\n  {}",
                  migration_label(run), number, run.file, statement.line,
                  first_line(statement.text), error, outcome),
      number);
}

MigrationFailed migration_failed(const MigrationRun& run, const std::string& what,
                                 const std::string& error, const std::string& outcome) {
  return MigrationFailed(
      fmt::format("migration {} {}: {}\n  {}", migration_label(run), what, error, outcome), 0);
}

}  // namespace keyway::backends::common
