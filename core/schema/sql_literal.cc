#include "core/schema/sql_literal.h"

#include <climits>

namespace keyway::schema {

std::string quote_sql_string(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::optional<std::string> unquote_sql_string(const std::string& sql) {
  if (sql.size() < 2 || sql.front() != '\'' || sql.back() != '\'') return std::nullopt;
  std::string out;
  for (std::size_t i = 1; i + 1 < sql.size(); ++i) {
    out += sql[i];
    if (sql[i] == '\'' && i + 2 < sql.size() && sql[i + 1] == '\'') ++i;
  }
  return out;
}

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Where the run of digits starting at `from` ends.
std::size_t skip_digits(std::string_view text, std::size_t from) {
  while (from < text.size() && is_digit(text[from])) ++from;
  return from;
}

// The run of digits at `*at` as an int, moving `*at` past it; nullopt when
// there is no digit or the value is past INT_MAX.
std::optional<int> read_int(std::string_view text, std::size_t* at) {
  const std::size_t end = skip_digits(text, *at);
  if (end == *at) return std::nullopt;
  int value = 0;
  for (std::size_t i = *at; i < end; ++i) {
    const int digit = text[i] - '0';
    if (value > (INT_MAX - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  *at = end;
  return value;
}

}  // namespace

// Accepts what ^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$ matches.
bool is_sql_number(const std::string& text) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  const std::size_t integer_end = skip_digits(text, i);
  bool has_digits = integer_end > i;
  i = integer_end;
  if (i < text.size() && text[i] == '.') {
    const std::size_t fraction_end = skip_digits(text, i + 1);
    has_digits = has_digits || fraction_end > i + 1;
    i = fraction_end;
  }
  if (!has_digits) return false;  // "", "+", ".", "-.e1"
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    const std::size_t exponent_end = skip_digits(text, i);
    if (exponent_end == i) return false;  // "1e", "1e+"
    i = exponent_end;
  }
  return i == text.size();
}

std::optional<SizedType> parse_sized_type(std::string_view spelling) {
  const std::size_t open = spelling.find('(');
  if (open == std::string_view::npos || spelling.back() != ')') return std::nullopt;
  SizedType sized;
  sized.name = spelling.substr(0, open);
  std::size_t at = open + 1;
  const std::optional<int> first = read_int(spelling, &at);
  if (!first) return std::nullopt;
  sized.first = *first;
  if (spelling[at] == ',') {  // in range: the ')' at the end is no digit
    ++at;
    sized.second = read_int(spelling, &at);
    if (!sized.second) return std::nullopt;
  }
  if (at != spelling.size() - 1) return std::nullopt;  // only the ')' is left
  return sized;
}

}  // namespace keyway::schema
