#include "backends/postgres/postgres_dialect.h"

#include <cstddef>
#include <optional>
#include <string_view>

#include <fmt/format.h>

#include "core/schema/naming.h"
#include "core/schema/sql_literal.h"

namespace keyway::backends::postgres {

using schema::ColumnType;
using schema::Literal;
using schema::TypeKind;

std::string PostgresDialect::type_sql(const ColumnType& type) const {
  switch (type.kind) {
    case TypeKind::kAuto:
    case TypeKind::kInteger: return "integer";
    case TypeKind::kBigAuto:
    case TypeKind::kBigInteger: return "bigint";
    case TypeKind::kSmallInteger: return "smallint";
    case TypeKind::kBoolean: return "boolean";
    case TypeKind::kChar: return fmt::format("varchar({})", type.length);
    case TypeKind::kText: return "text";
    case TypeKind::kDate: return "date";
    case TypeKind::kDateTime: return "timestamptz";
    case TypeKind::kTime: return "time";
    case TypeKind::kDecimal: return fmt::format("numeric({},{})", type.precision, type.scale);
    case TypeKind::kFloat: return "double precision";
    case TypeKind::kUuid: return "uuid";
    case TypeKind::kJson: return "jsonb";
    case TypeKind::kBinary: return "bytea";
    case TypeKind::kOther: return type.raw;
  }
  return type.raw;
}

ColumnType parse_format_type(const std::string& formatted) {
  const std::string t = schema::lower_ascii(formatted);
  if (const auto sized = schema::parse_sized_type(t)) {
    if (sized->name == "character varying" && !sized->second) {
      return {TypeKind::kChar, sized->first};
    }
    if (sized->name == "numeric" && sized->second) {
      return {TypeKind::kDecimal, 0, sized->first, *sized->second};
    }
  }
  if (t == "integer") return {TypeKind::kInteger};
  if (t == "bigint") return {TypeKind::kBigInteger};
  if (t == "smallint") return {TypeKind::kSmallInteger};
  if (t == "boolean") return {TypeKind::kBoolean};
  if (t == "text") return {TypeKind::kText};
  if (t == "date") return {TypeKind::kDate};
  if (t == "timestamp with time zone") return {TypeKind::kDateTime};
  if (t == "time without time zone") return {TypeKind::kTime};
  if (t == "double precision") return {TypeKind::kFloat};
  if (t == "uuid") return {TypeKind::kUuid};
  if (t == "jsonb") return {TypeKind::kJson};
  if (t == "bytea") return {TypeKind::kBinary};
  ColumnType other{TypeKind::kOther};
  other.raw = formatted;
  return other;
}

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// `type` is a lower-case type name with perhaps a size and one array
// suffix: [a-z ]+(\(\d+(,\d+)?\))?(\[\])? as a whole.
bool is_cast_type(std::string_view type) {
  if (type.ends_with("[]")) type.remove_suffix(2);
  std::size_t i = 0;
  while (i < type.size() && ((type[i] >= 'a' && type[i] <= 'z') || type[i] == ' ')) ++i;
  if (i == 0) return false;
  if (i == type.size()) return true;
  if (type[i] != '(' || type.back() != ')') return false;
  bool digits = false;  // in the current run
  bool comma = false;
  for (++i; i + 1 < type.size(); ++i) {
    if (is_digit(type[i])) {
      digits = true;
    } else if (type[i] == ',' && digits && !comma) {
      comma = true;
      digits = false;
    } else {
      return false;
    }
  }
  return digits;
}

// The text before a trailing cast ('abc'::character varying, '1'::integer,
// '{}'::integer[]), or nullopt when it has none. A type name holds no ':', so
// only the last "::" can start one. Text with a line break before it is left
// whole, as the ^(.*?):: pattern this replaced did.
std::optional<std::string_view> before_trailing_cast(std::string_view text) {
  const std::size_t cast = text.rfind("::");
  if (cast == std::string_view::npos || !is_cast_type(text.substr(cast + 2))) return std::nullopt;
  const std::string_view before = text.substr(0, cast);
  if (before.find_first_of("\n\r") != std::string_view::npos) return std::nullopt;
  return before;
}

}  // namespace

Literal parse_default(const std::string& text) {
  std::string t = text;
  if (const auto before = before_trailing_cast(text)) t = *before;
  while (t.size() >= 2 && t.front() == '(' && t.back() == ')') t = t.substr(1, t.size() - 2);
  const std::string lower = schema::lower_ascii(t);
  if (lower == "null") return {Literal::Kind::kNull, ""};
  if (lower == "true" || lower == "false") return {Literal::Kind::kBool, lower};
  if (schema::is_sql_number(t)) return {Literal::Kind::kNumber, t};
  if (const auto unquoted = schema::unquote_sql_string(t)) {
    const std::string& out = *unquoted;
    // A quoted number cast to a numeric type reads as the number.
    if (schema::is_sql_number(out) && text.find("::") != std::string::npos &&
        text.find("::character") == std::string::npos && text.find("::text") == std::string::npos) {
      return {Literal::Kind::kNumber, out};
    }
    return {Literal::Kind::kString, out};
  }
  return {Literal::Kind::kExpression, text};
}

std::string literal_sql(const Literal& value) {
  switch (value.kind) {
    case Literal::Kind::kNull: return "NULL";
    case Literal::Kind::kBool: return value.text == "true" ? "true" : "false";
    case Literal::Kind::kNumber: return value.text;
    case Literal::Kind::kExpression: return value.text;
    case Literal::Kind::kString: return schema::quote_sql_string(value.text);
  }
  return "NULL";
}

}  // namespace keyway::backends::postgres
