#include "backends/sqlite/sqlite_dialect.h"

#include <cstddef>
#include <string_view>

#include <fmt/format.h>

#include "core/schema/naming.h"
#include "core/schema/sql_literal.h"

namespace keyway::backends::sqlite {

using schema::ColumnType;
using schema::Literal;
using schema::TypeKind;

std::string SqliteDialect::type_sql(const ColumnType& type) const {
  switch (type.kind) {
    case TypeKind::kAuto:
    case TypeKind::kBigAuto:
    case TypeKind::kInteger: return "integer";
    case TypeKind::kSmallInteger: return "smallint";
    case TypeKind::kBigInteger: return "bigint";
    case TypeKind::kBoolean: return "bool";
    case TypeKind::kChar: return fmt::format("varchar({})", type.length);
    case TypeKind::kText: return "text";
    case TypeKind::kDate: return "date";
    case TypeKind::kDateTime: return "datetime";
    case TypeKind::kTime: return "time";
    case TypeKind::kDecimal: return fmt::format("decimal({},{})", type.precision, type.scale);
    case TypeKind::kFloat: return "real";
    case TypeKind::kUuid: return "char(32)";
    case TypeKind::kJson: return "text";
    case TypeKind::kBinary: return "blob";
    case TypeKind::kOther: return type.raw;
  }
  return type.raw;
}

ColumnType parse_declared_type(const std::string& declared) {
  // Lower case without whitespace (std::isspace's six in the "C" locale), so
  // "DECIMAL (10, 2)" reads as "decimal(10,2)". One string, allocated only for
  // spellings past 15 characters (libstdc++'s short-string buffer).
  std::string compact(declared.size(), '\0');
  std::size_t size = 0;
  for (const char c : declared) {
    if (c == ' ' || (c >= '\t' && c <= '\r')) continue;  // \t \n \v \f \r
    compact[size++] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  compact.resize(size);
  if (const auto sized = schema::parse_sized_type(compact)) {
    const std::string_view name = sized->name;
    const bool is_char = name == "char" || name == "character";
    if (!sized->second &&
        (is_char || name == "varchar" || name == "charactervarying" || name == "nvarchar")) {
      if (is_char && sized->first == 32) return {TypeKind::kUuid};
      return {TypeKind::kChar, sized->first};
    }
    if (sized->second && (name == "decimal" || name == "numeric")) {
      return {TypeKind::kDecimal, 0, sized->first, *sized->second};
    }
  }
  if (compact == "integer" || compact == "int") return {TypeKind::kInteger};
  if (compact == "smallint") return {TypeKind::kSmallInteger};
  if (compact == "bigint") return {TypeKind::kBigInteger};
  if (compact == "bool" || compact == "boolean") return {TypeKind::kBoolean};
  if (compact == "text") return {TypeKind::kText};
  if (compact == "date") return {TypeKind::kDate};
  if (compact == "datetime" || compact == "timestamp") return {TypeKind::kDateTime};
  if (compact == "time") return {TypeKind::kTime};
  if (compact == "real" || compact == "double" || compact == "doubleprecision" ||
      compact == "float") {
    return {TypeKind::kFloat};
  }
  if (compact == "blob") return {TypeKind::kBinary};
  ColumnType other{TypeKind::kOther};
  other.raw = declared;
  return other;
}

Literal parse_default(const std::string& text) {
  std::string t = text;
  // SQLite keeps the default as written; strip one level of parentheses.
  while (t.size() >= 2 && t.front() == '(' && t.back() == ')') t = t.substr(1, t.size() - 2);
  const std::string lower = schema::lower_ascii(t);
  if (lower == "null") return {Literal::Kind::kNull, ""};
  if (lower == "true" || lower == "false") return {Literal::Kind::kBool, lower};
  if (schema::is_sql_number(t)) return {Literal::Kind::kNumber, t};
  if (const auto unquoted = schema::unquote_sql_string(t)) {
    return {Literal::Kind::kString, *unquoted};
  }
  return {Literal::Kind::kExpression, t};
}

std::string literal_sql(const Literal& value) {
  switch (value.kind) {
    case Literal::Kind::kNull: return "NULL";
    case Literal::Kind::kBool: return value.text == "true" ? "1" : "0";
    case Literal::Kind::kNumber: return value.text;
    case Literal::Kind::kExpression: return "(" + value.text + ")";
    case Literal::Kind::kString: return schema::quote_sql_string(value.text);
  }
  return "NULL";
}

}  // namespace keyway::backends::sqlite
