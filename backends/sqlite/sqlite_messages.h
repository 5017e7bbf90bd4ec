// What SQLite says, in keyway's words: its error messages without SOCI's
// prefixes, any value as text, and the rows PRAGMA foreign_key_check finds.
// Shared by apply (sqlite_apply.cc) and the migration runner (sqlite_run.cc).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <soci/soci.h>

namespace keyway::backends::sqlite {

// SQLite's own words, without SOCI's "sqlite3_statement_backend::prepare: ".
std::string sqlite_message(const soci::soci_error& error);

// A value of any type as text, NULL as "NULL"; SOCI's SQLite backend guesses
// a column's type from its declaration, which expressions and pragmas lack.
std::string text_at(const soci::row& row, std::size_t i);

// Rows PRAGMA foreign_key_check reports: `total` of them, the first few
// described as "post rowid 3: no parent in author"
// (https://www.sqlite.org/pragma.html#pragma_foreign_key_check).
struct ForeignKeyViolations {
  std::size_t total = 0;
  std::vector<std::string> shown;
  // "\n  post rowid 3: no parent in author" per row shown, then
  // "\n  ... and N more" when some were left out.
  std::string lines() const;
};
ForeignKeyViolations foreign_key_violations(soci::session& session);

// The integer value of "PRAGMA <name>".
int pragma_value(soci::session& session, const std::string& name);

// Runs `sql`, ignoring any error: cleanup on the way out of a failure, where
// the first error is the one to report.
void quietly(soci::session& session, const std::string& sql);

}  // namespace keyway::backends::sqlite
