// What PostgreSQL says, in keyway's words: server errors without SOCI's and
// libpq's prefixes, with DETAIL and HINT lines indented under the message.
// Shared by apply (postgres_apply.cc) and the migration runner.
#pragma once

#include <string>

#include <soci/soci.h>

namespace keyway::backends::postgres {

// SQLSTATE lock_not_available: lock_timeout expired
// (https://www.postgresql.org/docs/15/errcodes-appendix.html).
inline constexpr const char* kLockNotAvailable = "55P03";

// The server's own words, without SOCI's "Cannot execute query. " and
// libpq's "ERROR:  " prefixes and trailing newlines; DETAIL and HINT lines
// as "\n  DETAIL: ...".
std::string pg_message(const soci::soci_error& error);
// The same for a libpq error message (PQresultErrorMessage()).
std::string pg_message(const std::string& raw);

// Whether the error is a lock_timeout that expired.
bool is_lock_timeout(const soci::soci_error& error);

// Runs `sql`, ignoring any error: cleanup on the way out of a failure, where
// the first error is the one to report.
void quietly(soci::session& session, const std::string& sql);

// The single text value `query` returns; "" for NULL.
std::string text_of(soci::session& session, const std::string& query);

}  // namespace keyway::backends::postgres
