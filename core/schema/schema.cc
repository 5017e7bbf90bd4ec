#include "core/schema/schema.h"

#include <algorithm>
#include <cassert>

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

// What the diff, the renderers and compare read, two schemas at a time; see
// the note at the top of schema.h. (64-bit libstdc++: a std::string is 32.)
static_assert(sizeof(void*) != 8 || sizeof(Column) <= 80, "a column grew: keep it at 80 bytes");

const std::string& TypeSpelling::str() const {
  static const std::string kEmpty;
  return text_ ? *text_ : kEmpty;
}

const Column* Table::find_column(const std::string& column_name) const {
  return find_by_name(columns, column_name);
}
Column* Table::find_column(const std::string& column_name) {
  return find_by_name(columns, column_name);
}
TablePositions::TablePositions(TablePositions&& other) noexcept
    : positions_(std::move(other.positions_)),
      slots_(std::move(other.slots_)),
      handed_out_(std::move(other.handed_out_)),
      data_(other.data_),
      built_(other.built_) {
  other.forget();
  other.handed_out_.clear();
}

TablePositions& TablePositions::operator=(TablePositions&& other) noexcept {
  if (this != &other) {
    positions_ = std::move(other.positions_);
    slots_ = std::move(other.slots_);
    handed_out_ = std::move(other.handed_out_);
    data_ = other.data_;
    built_ = other.built_;
    other.forget();
    other.handed_out_.clear();
  }
  return *this;
}

// Keeps the positions handed out: their pointers may still be valid.
void TablePositions::forget() {
  positions_.clear();
  slots_.clear();
  data_ = nullptr;
  built_ = false;
}

std::optional<std::size_t> TablePositions::find(const std::vector<Table>& tables,
                                                const std::string& name, bool writable) {
  catch_up(tables);
  auto it = positions_.find(name);
  if (it == positions_.end() && recheck_handed_out(tables)) it = positions_.find(name);
  if (it != positions_.end() && tables[it->second].name != name) {
    rebuild(tables);  // reordered, or a table renamed where the index cannot see
    it = positions_.find(name);
  }
  if (it == positions_.end()) {
#ifndef NDEBUG
    // Debug builds (the sanitizer pass of CI) check every "absent" against a
    // scan, so a change to `tables` the index cannot see fails the tests.
    for (const Table& table : tables) {
      assert(table.name != name && "TablePositions missed a change to the tables");
    }
#endif
    return std::nullopt;
  }
  const std::size_t at = it->second;
  if (writable && !slots_[at].handed_out) {
    slots_[at].handed_out = true;
    handed_out_.push_back(at);
  }
  return at;
}

// The changes the index sees from `tables` alone: appended tables are added
// to it; anything else it notices (another buffer, fewer tables, the last
// indexed table now named otherwise, a name appended twice) indexes all again.
void TablePositions::catch_up(const std::vector<Table>& tables) {
  const std::size_t indexed = slots_.size();
  if (!built_ || tables.data() != data_ || tables.size() < indexed) return rebuild(tables);
  if (indexed > 0) {
    const Entry* last = slots_[indexed - 1].entry;
    if (last != nullptr && tables[indexed - 1].name != last->first) return rebuild(tables);
  }
  for (std::size_t at = indexed; at < tables.size(); ++at) {
    auto [it, inserted] = positions_.try_emplace(tables[at].name, at);
    if (!inserted) return rebuild(tables);
    slots_.push_back({&*it, false});
  }
}

void TablePositions::rebuild(const std::vector<Table>& tables) {
  // Pointers into another buffer are not into `tables`; erasing invalidates
  // those at and after the erased table: keeping more is only slower.
  if (tables.data() != data_) handed_out_.clear();
  std::erase_if(handed_out_, [&](std::size_t at) { return at >= tables.size(); });
  positions_.clear();
  positions_.reserve(tables.size());
  slots_.assign(tables.size(), Slot{});
  for (std::size_t at = 0; at < tables.size(); ++at) {
    auto [it, inserted] = positions_.try_emplace(tables[at].name, at);
    if (inserted) slots_[at].entry = &*it;  // a repeated name keeps its first table
  }
  for (std::size_t at : handed_out_) slots_[at].handed_out = true;
  data_ = tables.data();
  built_ = true;
}

// A table renamed through a pointer find() returned: the positions handed out
// are checked for a name other than the one indexed. True when one changed.
bool TablePositions::recheck_handed_out(const std::vector<Table>& tables) {
  bool changed = false;
  for (std::size_t at : handed_out_) {
    Slot& slot = slots_[at];
    const std::string& name = tables[at].name;
    if (slot.entry != nullptr) {
      if (slot.entry->first == name) continue;
      positions_.erase(positions_.find(slot.entry->first));
      slot.entry = nullptr;
    }
    auto [it, inserted] = positions_.try_emplace(name, at);
    if (inserted) {
      slot.entry = &*it;
      changed = true;
    } else if (tables[it->second].name != name) {
      rebuild(tables);  // that table was renamed too, out of sight
      return true;
    }
  }
  return changed;
}

const Table* Database::find_table(const std::string& table_name) const {
  const auto at = positions_.find(tables, table_name, false);
  return at ? &tables[*at] : nullptr;
}
Table* Database::find_table(const std::string& table_name) {
  const auto at = positions_.find(tables, table_name, true);
  return at ? &tables[*at] : nullptr;
}

Table* Database::rename_table(const std::string& from, const std::string& to) {
  Table* table = find_table(from);
  if (table != nullptr) table->name = to;
  return table;
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
