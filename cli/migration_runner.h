// The migrate subcommands' logic over the Driver interface: choose what to
// run from the files and the history, check integrity before anything runs,
// take the one-runner lock, run each migration in its own transaction, and
// report. Each returns the exit code; failures throw (InputError: exit 2,
// DatabaseError: exit 3).
#pragma once

#include <chrono>
#include <string>

#include "cli/db_options.h"

namespace keyway::cli {

struct RunnerSettings {
  std::string dir;
  DbOptions db;
  bool dry_run = false;
  std::chrono::milliseconds lock_wait{30000};
  std::string command;  // "migrate up", for the lock's holder
  bool out_of_order = false;
  std::string format = "text";  // status: text | json
};

// `count` 0: every pending migration. `baseline`: record the migrations
// through it as applied without running them, once the live schema is found
// to equal what they produce.
int migrate_up(const RunnerSettings& settings, int count, const std::string& baseline);
int migrate_down(const RunnerSettings& settings, int count);
int migrate_to(const RunnerSettings& settings, const std::string& version);
int migrate_redo(const RunnerSettings& settings);
int migrate_status(const RunnerSettings& settings);

}  // namespace keyway::cli
