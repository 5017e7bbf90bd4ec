// `-- keyway:lint-ignore CODE[,CODE]` directives: a comment line directly
// above a statement (among the comment lines that touch it), or a comment
// inside the statement, silences those codes for that statement. Text after
// the list is free: "-- keyway:lint-ignore drop-table  legacy table, empty".
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "core/migrate/sql_split.h"

namespace keyway::lint {

// The codes silenced for `statement` of the file `file_text` (named
// `file_name` in errors). Throws InputError "<file>:<line>: unknown lint code
// 'x' in keyway:lint-ignore" for a code that does not exist.
std::set<std::string> ignored_codes(std::string_view file_text,
                                    const migrate::Statement& statement,
                                    const std::string& file_name);

}  // namespace keyway::lint
