// Standard SQL spellings of literals, shared by lower() (CHECK expressions)
// and every backend (defaults): both databases quote strings the same way.
#pragma once

#include <optional>
#include <string>

namespace keyway::schema {

// 'it''s' for it's.
std::string quote_sql_string(const std::string& text);
// The text inside a '...' literal with '' read as ', or nullopt when `sql`
// is not one quoted string.
std::optional<std::string> unquote_sql_string(const std::string& sql);
// 42, -1.5, .5, 1e3.
bool is_sql_number(const std::string& text);

}  // namespace keyway::schema
