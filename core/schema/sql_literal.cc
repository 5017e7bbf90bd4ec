#include "core/schema/sql_literal.h"

#include <regex>

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

bool is_sql_number(const std::string& text) {
  static const std::regex kNumber(R"(^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$)");
  return std::regex_match(text, kNumber);
}

}  // namespace keyway::schema
