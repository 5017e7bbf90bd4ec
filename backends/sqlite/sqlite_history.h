// The rows of keyway_migrations that the runner reads and writes inside its
// transactions (sqlite_run.cc). history() and create_history_table() are in
// sqlite_driver.h.
#pragma once

#include <cstdint>
#include <string>

#include <soci/soci.h>

#include "backends/history.h"

namespace keyway::backends::sqlite {

// Whether keyway_migrations holds `version`.
bool is_recorded(soci::session& session, const std::string& version);

// An up inserts the row of `run`, a down deletes it.
void record(soci::session& session, const MigrationRun& run, std::int64_t execution_ms);

}  // namespace keyway::backends::sqlite
