// What SQLite inspection (and sqlite_messages' text_at) reads rows with:
// values whatever type SOCI guessed for their column, names compared as SQLite compares them (ASCII
// case-insensitively), and the JSON arrays its queries hand to json_each().
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

namespace keyway::backends::sqlite {

// lower_ascii(a) == lower_ascii(b), without the copies.
bool equal_ci(std::string_view a, std::string_view b);
bool equal_ci(const std::vector<std::string>& a, const std::vector<std::string>& b);
// Whether `text` starts with `lower`, which is lower-case, in any case.
bool starts_with_ci(std::string_view text, std::string_view lower);

// Column `i` of `row` as text (nullopt for NULL), "" for NULL, or as a number
// (0 for NULL or ""); DatabaseError for what is neither.
std::optional<std::string> value_at(const soci::row& row, std::size_t i);
std::string string_at(const soci::row& row, std::size_t i);
long long integer_at(const soci::row& row, std::size_t i);

// A JSON array of strings, for json_each().
std::string json_array(const std::vector<std::string>& items);

}  // namespace keyway::backends::sqlite
