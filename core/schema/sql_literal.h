// Standard SQL spellings of literals, shared by lower() (CHECK expressions)
// and every backend (defaults): both databases quote strings the same way.
// Also the sizes in a type's spelling ("varchar(100)"), read by both
// backends' inspection.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace keyway::schema {

// 'it''s' for it's.
std::string quote_sql_string(const std::string& text);
// The text inside a '...' literal with '' read as ', or nullopt when `sql`
// is not one quoted string.
std::optional<std::string> unquote_sql_string(const std::string& sql);
// 42, -1.5, .5, 1., 1e3: an optional sign, digits with at most one '.' (at
// least one digit), then perhaps e or E, an optional sign and digits.
// Nothing else, not even spaces around it; digits are ASCII 0-9.
bool is_sql_number(const std::string& text);

// A type spelled name(N) or name(P,S), as "varchar(100)", "numeric(10,2)".
struct SizedType {
  std::string_view name;      // all before the first '(': "character varying"
  int first = 0;              // a length or a precision
  std::optional<int> second;  // a scale
};
// `spelling` read as a SizedType: one or two runs of ASCII digits ("007" is
// 7) in parentheses at its end, separated by a comma, and no spaces or signs.
// nullopt for any other shape and for a number past INT_MAX. The view points
// into `spelling`.
std::optional<SizedType> parse_sized_type(std::string_view spelling);

}  // namespace keyway::schema
