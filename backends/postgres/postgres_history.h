// The rows of keyway_migrations that the runner reads and writes inside its
// transactions (postgres_run.cc). history() and create_history_table() are
// in postgres_driver.h. Every statement names the table with its schema, so
// none depends on search_path.
#pragma once

#include <cstdint>
#include <string>

#include <soci/soci.h>

#include "backends/history.h"

namespace keyway::backends::postgres {

// `"schema".keyway_migrations`.
std::string history_table(const std::string& schema_name);

// Whether keyway_migrations holds `version`.
bool is_recorded(soci::session& session, const std::string& schema_name,
                 const std::string& version);

// An up inserts the row of `run`, a down deletes it.
void record(soci::session& session, const std::string& schema_name, const MigrationRun& run,
            std::int64_t execution_ms);

}  // namespace keyway::backends::postgres
