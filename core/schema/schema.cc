#include "core/schema/schema.h"

namespace keyway::schema {

namespace {
template <typename Container, typename Name>
auto find_by_name(Container& items, const Name& name) -> decltype(&items.front()) {
  for (auto& item : items) {
    if (item.name == name) return &item;
  }
  return nullptr;
}
}  // namespace

const Column* Table::find_column(const std::string& column_name) const {
  return find_by_name(columns, column_name);
}
Column* Table::find_column(const std::string& column_name) {
  return find_by_name(columns, column_name);
}
const Table* Database::find_table(const std::string& table_name) const {
  return find_by_name(tables, table_name);
}
Table* Database::find_table(const std::string& table_name) {
  return find_by_name(tables, table_name);
}

std::vector<std::string> Database::all_unmanaged() const {
  std::vector<std::string> out = unmanaged;
  for (const auto& t : tables) out.insert(out.end(), t.unmanaged.begin(), t.unmanaged.end());
  return out;
}

const char* to_string(TypeKind kind) {
  switch (kind) {
    case TypeKind::kAuto: return "auto";
    case TypeKind::kBigAuto: return "big_auto";
    case TypeKind::kSmallInteger: return "small_integer";
    case TypeKind::kInteger: return "integer";
    case TypeKind::kBigInteger: return "big_integer";
    case TypeKind::kBoolean: return "boolean";
    case TypeKind::kChar: return "char";
    case TypeKind::kText: return "text";
    case TypeKind::kDate: return "date";
    case TypeKind::kDateTime: return "datetime";
    case TypeKind::kTime: return "time";
    case TypeKind::kDecimal: return "decimal";
    case TypeKind::kFloat: return "float";
    case TypeKind::kUuid: return "uuid";
    case TypeKind::kJson: return "json";
    case TypeKind::kBinary: return "binary";
    case TypeKind::kOther: return "other";
  }
  return "other";
}

const char* to_sql(Action action) {
  switch (action) {
    case Action::kNoAction: return "NO ACTION";
    case Action::kRestrict: return "RESTRICT";
    case Action::kCascade: return "CASCADE";
    case Action::kSetNull: return "SET NULL";
    case Action::kSetDefault: return "SET DEFAULT";
  }
  return "NO ACTION";
}

}  // namespace keyway::schema
