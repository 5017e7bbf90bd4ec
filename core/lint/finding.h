// What `keyway lint` reports: coded findings about a migration, each naming
// the file and the statement (number and line) it is about.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace keyway::lint {

// How much a finding matters. kInfo is not configurable: it says that a data
// check ran and found nothing. kOff silences a code.
enum class Level { kOff, kInfo, kWarning, kError };

const char* to_string(Level level);  // "off", "info", "warning", "error"

// Where a finding points: a statement of a migration file.
struct Location {
  std::string file;   // as given: "migrations/20260101000000_x.up.sql"
  int statement = 0;  // 1-based, in file order; 0: the file as a whole
  int line = 0;       // 1-based line of the statement's first character
};

struct Finding {
  std::string code;     // "drop-table"
  std::string message;  // plain words, without the location
  std::string change;   // diff::describe() of the change it is about
  Location where;
  Level level = Level::kWarning;  // set from the levels (see levels.h)
  // Whether the change can fail on existing rows, so that a data check on a
  // live database (--db) can tell how many rows it fails on.
  bool data_dependent = false;
  // Rows the data check found that the change fails on; unset when no
  // check ran.
  std::optional<std::int64_t> offending_rows;
};

}  // namespace keyway::lint
