// MigrationRun values built by hand for the backend tests, as the runner
// would build them from a file holding the statements one after another,
// each ending with ";\n".
#pragma once

#include <string>
#include <vector>

#include "backends/history.h"

namespace keyway::testing {

// "migrations/<version>_<name>.up.sql" (or .down.sql) holding `statements`;
// statement i starts on the line after statement i-1 ends.
inline backends::MigrationRun migration_run(backends::MigrationRun::Direction direction,
                                            const std::string& version, const std::string& name,
                                            const std::vector<std::string>& statements,
                                            bool no_transaction = false) {
  backends::MigrationRun run;
  run.direction = direction;
  run.version = version;
  run.name = name;
  run.checksum = "sha256:" + version;
  const bool up = direction == backends::MigrationRun::Direction::kUp;
  run.file = "migrations/" + version + "_" + name + (up ? ".up.sql" : ".down.sql");
  run.script.no_transaction = no_transaction;
  int line = no_transaction ? 2 : 1;  // after "-- keyway:no-transaction"
  for (const std::string& text : statements) {
    run.script.statements.push_back({text, line});
    for (char c : text) line += c == '\n' ? 1 : 0;
    ++line;
  }
  return run;
}

inline backends::MigrationRun up_run(const std::string& version, const std::string& name,
                                     const std::vector<std::string>& statements,
                                     bool no_transaction = false) {
  return migration_run(backends::MigrationRun::Direction::kUp, version, name, statements,
                       no_transaction);
}

inline backends::MigrationRun down_run(const std::string& version, const std::string& name,
                                       const std::vector<std::string>& statements,
                                       bool no_transaction = false) {
  return migration_run(backends::MigrationRun::Direction::kDown, version, name, statements,
                       no_transaction);
}

}  // namespace keyway::testing
