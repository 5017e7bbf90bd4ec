#include "backends/postgres/postgres_inspect_check.h"

#include <cctype>
#include <cstddef>
#include <optional>
#include <vector>

#include "backends/postgres/postgres_dialect.h"
#include "core/schema/sql_literal.h"

namespace keyway::backends::postgres {

namespace {

// Walks SQL text one character at a time, tracking string literals, quoted
// identifiers ('' and "" escapes toggle twice) and ( [ nesting.
class Scanner {
 public:
  void step(char c) {
    if (quote_ != 0) {
      if (c == quote_) quote_ = 0;
      return;
    }
    if (c == '\'' || c == '"') {
      quote_ = c;
    } else if (c == '(' || c == '[') {
      ++depth_;
    } else if (c == ')' || c == ']') {
      --depth_;
    }
  }
  bool at_top() const { return quote_ == 0 && depth_ == 0; }

 private:
  char quote_ = 0;
  int depth_ = 0;
};

std::string trim(const std::string& s) {
  std::size_t begin = 0;
  std::size_t end = s.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(s[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(s[end - 1]))) --end;
  return s.substr(begin, end - begin);
}

// Where `token` first occurs outside quotes and brackets, from `from`.
std::size_t find_top_level(const std::string& s, const std::string& token, std::size_t from = 0) {
  Scanner scanner;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i >= from && scanner.at_top() && s.compare(i, token.size(), token) == 0) return i;
    scanner.step(s[i]);
  }
  return std::string::npos;
}

std::vector<std::string> split_top_level(const std::string& s, char separator) {
  std::vector<std::string> parts;
  Scanner scanner;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (scanner.at_top() && s[i] == separator) {
      parts.push_back(trim(s.substr(start, i - start)));
      start = i + 1;
      continue;
    }
    scanner.step(s[i]);
  }
  parts.push_back(trim(s.substr(start)));
  return parts;
}

// True when `s` is "( ... )" with the first parenthesis closed by the last.
bool wrapped_in_parentheses(const std::string& s) {
  if (s.size() < 2 || s.front() != '(' || s.back() != ')') return false;
  Scanner scanner;
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    scanner.step(s[i]);
    if (scanner.at_top()) return false;
  }
  return true;
}

// `s` without wrapping parentheses and `::type` casts; `innermost_type`
// receives the cast applied first (the one next to the value), if any.
std::string strip_casts(std::string s, std::string* innermost_type) {
  while (true) {
    s = trim(s);
    if (wrapped_in_parentheses(s)) {
      s = s.substr(1, s.size() - 2);
      continue;
    }
    const std::size_t cast = find_top_level(s, "::");
    if (cast == std::string::npos) return s;
    std::string type = s.substr(cast + 2);
    if (const std::size_t next = find_top_level(type, "::"); next != std::string::npos) {
      type = type.substr(0, next);
    }
    *innermost_type = trim(type);
    s = s.substr(0, cast);
  }
}

// What PostgreSQL prints unquoted: ^[a-z_][a-z0-9_$]*$.
bool is_bare_name(const std::string& name) {
  const auto is_lower = [](char c) { return c >= 'a' && c <= 'z'; };
  const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  if (name.empty() || !(is_lower(name[0]) || name[0] == '_')) return false;
  for (std::size_t i = 1; i < name.size(); ++i) {
    const char c = name[i];
    if (!(is_lower(c) || is_digit(c) || c == '_' || c == '$')) return false;
  }
  return true;
}

bool is_numeric_type(const std::string& type) {
  for (const char* name :
       {"smallint", "integer", "bigint", "numeric", "double precision", "real"}) {
    if (type.starts_with(name)) return true;
  }
  return false;
}

// The text of a '...' literal when `s` is exactly one.
std::optional<std::string> string_literal(const std::string& s) {
  if (s.size() < 2 || s.front() != '\'') return std::nullopt;
  std::string out;
  std::size_t i = 1;
  for (; i < s.size(); ++i) {
    if (s[i] == '\'') {
      if (i + 1 < s.size() && s[i + 1] == '\'') {
        out += '\'';
        ++i;
        continue;
      }
      break;
    }
    out += s[i];
  }
  if (i != s.size() - 1) return std::nullopt;
  return out;
}

// One element of the IN list as keyway writes it: 'text', 42, true.
std::optional<std::string> choice_sql(const std::string& element) {
  std::string type;
  const std::string value = strip_casts(element, &type);
  if (const auto text = string_literal(value)) {
    if (schema::is_sql_number(*text) && is_numeric_type(type)) return *text;
    return literal_sql({schema::Literal::Kind::kString, *text});
  }
  if (schema::is_sql_number(value) || value == "true" || value == "false") return value;
  return std::nullopt;
}

// A column as PostgreSQL prints it: a bare lower-case name or a "quoted" one.
std::optional<std::string> column_name(const std::string& operand) {
  std::string type;
  const std::string name = strip_casts(operand, &type);
  if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
    std::string out;
    for (std::size_t i = 1; i + 1 < name.size(); ++i) {
      if (name[i] == '"') {
        if (name[i + 1] != '"') return std::nullopt;
        ++i;
      }
      out += name[i];
    }
    return out;
  }
  if (is_bare_name(name)) return name;
  return std::nullopt;
}

// `col = ANY (ARRAY[a, b])` or `col = a` as `"col" IN (a, b)`.
std::optional<std::string> as_in_list(const std::string& expression) {
  std::string ignored;
  std::string s = expression;
  while (wrapped_in_parentheses(trim(s))) s = trim(s).substr(1, trim(s).size() - 2);
  std::vector<std::string> elements;
  std::size_t at = find_top_level(s, " = ANY ");
  std::string column_part;
  if (at != std::string::npos) {
    column_part = s.substr(0, at);
    const std::string array = strip_casts(s.substr(at + 7), &ignored);
    if (!array.starts_with("ARRAY[") || !array.ends_with("]")) return std::nullopt;
    elements = split_top_level(array.substr(6, array.size() - 7), ',');
  } else {
    at = find_top_level(s, " = ");
    if (at == std::string::npos) return std::nullopt;
    column_part = s.substr(0, at);
    elements.push_back(s.substr(at + 3));
  }
  const auto column = column_name(column_part);
  if (!column) return std::nullopt;
  std::string out = PostgresDialect().quote(*column) + " IN (";
  for (std::size_t i = 0; i < elements.size(); ++i) {
    const auto choice = choice_sql(elements[i]);
    if (!choice) return std::nullopt;
    if (i > 0) out += ", ";
    out += *choice;
  }
  return out + ")";
}

}  // namespace

std::string check_expression(const std::string& constraint_def) {
  std::string body = trim(constraint_def);
  // "CHECK (expr)" and perhaps " NOT VALID" or " NO INHERIT" after it.
  if (body.starts_with("CHECK (")) {
    Scanner scanner;
    for (std::size_t i = 6; i < body.size(); ++i) {
      scanner.step(body[i]);
      if (scanner.at_top()) {
        body = body.substr(7, i - 7);
        break;
      }
    }
  }
  if (auto in_list = as_in_list(body)) return *in_list;
  return body;
}

}  // namespace keyway::backends::postgres
