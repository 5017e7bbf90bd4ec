#include "core/schema/dialect.h"

#include <cstdlib>

#include "core/schema/naming.h"

namespace keyway::schema {

bool Dialect::same_type(const ColumnType& a, const ColumnType& b) const {
  return lower_ascii(type_sql(a)) == lower_ascii(type_sql(b));
}

namespace {
// Booleans may be stored as 1/0 (SQLite) or true/false; numbers may carry
// trailing zeros. Reduce both to one spelling.
std::optional<Literal> canonical(const ColumnType& type, std::optional<Literal> value) {
  if (!value) return value;
  if (value->kind == Literal::Kind::kNull) return std::nullopt;  // DEFAULT NULL is no default
  if (type.kind == TypeKind::kBoolean &&
      (value->kind == Literal::Kind::kNumber || value->kind == Literal::Kind::kString ||
       value->kind == Literal::Kind::kExpression)) {
    const std::string t = lower_ascii(value->text);
    if (t == "1" || t == "true" || t == "t") return Literal{Literal::Kind::kBool, "true"};
    if (t == "0" || t == "false" || t == "f") return Literal{Literal::Kind::kBool, "false"};
  }
  if (value->kind == Literal::Kind::kNumber) {
    std::string t = value->text;
    if (t.find('.') != std::string::npos && t.find_first_of("eE") == std::string::npos) {
      while (!t.empty() && t.back() == '0') t.pop_back();
      if (!t.empty() && t.back() == '.') t.pop_back();
    }
    value->text = t;
  }
  if (value->kind == Literal::Kind::kExpression) value->text = lower_ascii(value->text);
  return value;
}
}  // namespace

bool Dialect::same_default(const ColumnType& type, const Boxed<Literal>& a,
                           const Boxed<Literal>& b) const {
  return canonical(type, a.to_optional()) == canonical(type, b.to_optional());
}

std::string Dialect::quote(const std::string& identifier) const {
  std::string out = "\"";
  for (char c : identifier) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace keyway::schema
