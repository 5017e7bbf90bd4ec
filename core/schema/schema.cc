#include "core/schema/schema.h"

#include <algorithm>

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
// An indexed position holds when the table there still has the name. Callers
// change `tables` freely (push, erase, sort, rename): erasing moves the tables
// after it down, so a table is first looked for a few places below where it
// was indexed; past that the index is stale and is built again. A name the
// index lacks may belong to a table added or renamed since: a scan settles it.
std::optional<std::size_t> TablePositions::find(const std::vector<Table>& tables,
                                                const std::string& name) {
  auto it = positions_.find(name);
  if (it != positions_.end()) {
    if (auto at = look_back(tables, name, it->second)) return it->second = *at;
  }
  if (it != positions_.end() || positions_.empty()) {
    rebuild(tables);
    it = positions_.find(name);
    return it != positions_.end() ? std::optional(it->second) : std::nullopt;
  }
  for (std::size_t at = 0; at < tables.size(); ++at) {
    if (tables[at].name == name) return positions_[name] = at;
  }
  return std::nullopt;
}

std::optional<std::size_t> TablePositions::look_back(const std::vector<Table>& tables,
                                                     const std::string& name,
                                                     std::size_t indexed) {
  constexpr std::size_t kReach = 64;
  if (tables.empty()) return std::nullopt;
  const std::size_t top = std::min(indexed, tables.size() - 1);
  const std::size_t bottom = top > kReach ? top - kReach : 0;
  for (std::size_t at = top + 1; at-- > bottom;) {
    if (tables[at].name == name) return at;
  }
  return std::nullopt;
}

void TablePositions::rebuild(const std::vector<Table>& tables) {
  positions_.clear();
  positions_.reserve(tables.size());
  for (std::size_t at = 0; at < tables.size(); ++at) positions_.emplace(tables[at].name, at);
}

const Table* Database::find_table(const std::string& table_name) const {
  const auto at = positions_.find(tables, table_name);
  return at ? &tables[*at] : nullptr;
}
Table* Database::find_table(const std::string& table_name) {
  const auto at = positions_.find(tables, table_name);
  return at ? &tables[*at] : nullptr;
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
