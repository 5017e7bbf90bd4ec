// Runs SQL through SOCI and prints rows as text ("a|b" per line), so tests can
// compare query results with expected text.
#pragma once

#include <string>

#include <soci/soci.h>

namespace keyway::testing {

// Every statement of `script` (separated by ';' at line ends) executed in order.
void execute_script(soci::session& session, const std::string& script);

// The rows of one query, one line each, columns joined by '|', NULL as "NULL".
std::string query_text(soci::session& session, const std::string& sql);

}  // namespace keyway::testing
