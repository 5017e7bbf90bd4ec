// Counting rows before a destructive plan runs, the same on every backend.
#pragma once

#include <cstdint>
#include <string>

#include <soci/soci.h>

namespace keyway::backends::common {

// Rows of `quoted_table` (already quoted and qualified for the backend); with
// `quoted_column`, only rows where it is not NULL. `table` names it in errors.
std::int64_t count_rows(soci::session& session, const std::string& table,
                        const std::string& quoted_table, const std::string& quoted_column);

}  // namespace keyway::backends::common
