#include "backends/sqlite/sqlite_inspect_values.h"

#include <algorithm>
#include <exception>

#include <fmt/format.h>

#include "core/errors.h"

namespace keyway::backends::sqlite {

namespace {
char lower_char(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
}  // namespace

// lower_ascii(a) == lower_ascii(b), without the copies: SQLite compares
// identifiers so, and inspection compares one per column of each index and
// foreign key.
bool equal_ci(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower_char(a[i]) != lower_char(b[i])) return false;
  }
  return true;
}

bool equal_ci(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const std::string& x, const std::string& y) { return equal_ci(x, y); });
}

// `lower` is lower-case.
bool starts_with_ci(std::string_view text, std::string_view lower) {
  return text.size() >= lower.size() && equal_ci(text.substr(0, lower.size()), lower);
}

// SOCI's SQLite backend guesses a column's type from its declaration, which
// pragma functions and expressions lack; read values whatever the guess.
std::optional<std::string> value_at(const soci::row& row, std::size_t i) {
  if (row.get_indicator(i) == soci::i_null) return std::nullopt;
  switch (row.get_properties(i).get_data_type()) {
    case soci::dt_string: return row.get<std::string>(i);
    case soci::dt_integer: return std::to_string(row.get<int>(i));
    case soci::dt_long_long: return std::to_string(row.get<long long>(i));
    case soci::dt_unsigned_long_long: return std::to_string(row.get<unsigned long long>(i));
    case soci::dt_double: return fmt::format("{}", row.get<double>(i));
    default:
      throw DatabaseError(fmt::format("unexpected value type in column {} of an inspection query",
                                      row.get_properties(i).get_name()));
  }
}

std::string string_at(const soci::row& row, std::size_t i) {
  return value_at(row, i).value_or("");
}

long long integer_at(const soci::row& row, std::size_t i) {
  const std::optional<std::string> text = value_at(row, i);
  if (!text || text->empty()) return 0;
  try {
    return std::stoll(*text);
  } catch (const std::exception&) {
    throw DatabaseError(fmt::format("expected a number in column {} of an inspection query, got {}",
                                    row.get_properties(i).get_name(), *text));
  }
}

// A JSON array of strings, for json_each().
std::string json_array(const std::vector<std::string>& items) {
  std::string out = "[";
  for (const std::string& item : items) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (const char c : item) {
      if (c == '"' || c == '\\') {
        out += '\\';
        out += c;
      } else if (static_cast<unsigned char>(c) < 0x20) {
        out += fmt::format("\\u{:04x}", static_cast<unsigned>(static_cast<unsigned char>(c)));
      } else {
        out += c;
      }
    }
    out += '"';
  }
  return out + "]";
}

}  // namespace keyway::backends::sqlite
