// What generate, migrate and check share: reading the migrations directory
// with its keyway.sum, replaying it into a scratch database, and lining the
// files up against a database's history.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "backends/driver.h"
#include "core/migrate/migration_dir.h"

namespace keyway::cli {

// Reads `dir` and checks keyway.sum against its files. Throws InputError
// naming every problem, with the way out (`keyway migrate hash`).
migrate::MigrationDir read_verified(const std::string& dir);

// The keyway.sum problems as the report lines of InputError and `check`.
std::string sum_report(const std::vector<std::string>& problems);

// Runs the up files into `driver` (a scratch database), oldest first, through
// `through` (all when empty). A file that fails is bad input (exit 2): the
// error names it, the statement and the database's words.
void replay(backends::Driver& driver, const migrate::MigrationDir& dir,
            const std::string& through = "");

// One version as the files and the database's history see it.
struct VersionState {
  enum class Kind { kApplied, kPending, kFileMissing, kFileChanged };
  Kind kind = Kind::kPending;
  std::string version;
  std::string name;
  const migrate::MigrationFile* file = nullptr;       // null: kFileMissing
  std::optional<backends::AppliedMigration> applied;  // set unless kPending
  bool out_of_order = false;  // pending, but older than the latest applied
};

// Every version of the files and the history, in version order.
std::vector<VersionState> reconcile(const migrate::MigrationDir& dir,
                                    const std::vector<backends::AppliedMigration>& history);

// Applied migrations whose file is missing or changed, one message each
// naming the file; empty when all is well.
std::vector<std::string> history_problems(const std::vector<VersionState>& states,
                                          const migrate::MigrationDir& dir);

// "keyway migrate up, pid 42 on build-7", for the lock's holder.
std::string runner_name(const std::string& command);

// --dev-url, for the commands that replay the migrations.
void add_dev_url_option(CLI::App& command, std::string& dev_url);

// The URL whose server and dialect a scratch database is made on: --dev-url,
// else the resolved database URL.
std::string scratch_server(const std::string& dev_url, const std::string& db_flag);

}  // namespace keyway::cli
