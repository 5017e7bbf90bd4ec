#include "backends/common/schema_state.h"

#include <algorithm>
#include <type_traits>
#include <variant>

namespace keyway::backends {

using schema::Database;
using schema::Table;

namespace {

// Removes the first item matching `item` by name, or, when none has its name,
// by meaning (`same`): the diff matches by meaning, so names may differ.
template <typename T, typename Same>
void erase_matching(std::vector<T>& items, const T& item, Same same) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& candidate) {
    return !item.name.empty() && candidate.name == item.name;
  });
  if (it == items.end()) it = std::find_if(items.begin(), items.end(), same);
  if (it != items.end()) items.erase(it);
}

void rename_in(std::vector<std::string>& columns, const std::string& from, const std::string& to) {
  std::replace(columns.begin(), columns.end(), from, to);
}

bool contains(const std::vector<std::string>& columns, const std::string& column) {
  return std::find(columns.begin(), columns.end(), column) != columns.end();
}

void rename_table(Database& database, const diff::RenameTable& c) {
  Table* table = database.find_table(c.from);
  if (table == nullptr) return;
  table->name = c.to;
  for (Table& other : database.tables) {
    for (auto& fk : other.foreign_keys) {
      if (fk.ref_table == c.from) fk.ref_table = c.to;
    }
  }
}

void rename_column(Database& database, Table& table, const diff::RenameColumn& c) {
  if (schema::Column* column = table.find_column(c.from)) column->name = c.to;
  rename_in(table.primary_key, c.from, c.to);
  for (auto& key : table.uniques) rename_in(key.columns, c.from, c.to);
  for (auto& index : table.indexes) rename_in(index.columns, c.from, c.to);
  for (auto& fk : table.foreign_keys) rename_in(fk.columns, c.from, c.to);
  for (Table& other : database.tables) {
    for (auto& fk : other.foreign_keys) {
      if (fk.ref_table == table.name) rename_in(fk.ref_columns, c.from, c.to);
    }
  }
}

// Dropping a column takes the indexes and keys over it along.
void drop_column(Table& table, const std::string& name) {
  std::erase_if(table.columns, [&](const schema::Column& c) { return c.name == name; });
  std::erase_if(table.uniques, [&](const auto& key) { return contains(key.columns, name); });
  std::erase_if(table.indexes, [&](const auto& index) { return contains(index.columns, name); });
  std::erase_if(table.foreign_keys, [&](const auto& fk) { return contains(fk.columns, name); });
}

}  // namespace

void apply_change(Database& database, const diff::Change& change) {
  if (const auto* c = std::get_if<diff::AddTable>(&change)) {
    if (database.find_table(c->table.name) == nullptr) database.tables.push_back(c->table);
    return;
  }
  if (const auto* c = std::get_if<diff::DropTable>(&change)) {
    std::erase_if(database.tables, [&](const Table& t) { return t.name == c->table.name; });
    return;
  }
  if (const auto* c = std::get_if<diff::RenameTable>(&change)) {
    rename_table(database, *c);
    return;
  }
  if (std::holds_alternative<diff::CopyLinks>(change)) return;  // rows, not schema
  Table* table = database.find_table(diff::table_of(change));
  if (table == nullptr) return;
  std::visit(
      [&](const auto& c) {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, diff::AddColumn>) {
          table->columns.push_back(c.column);
        } else if constexpr (std::is_same_v<T, diff::DropColumn>) {
          drop_column(*table, c.column.name);
        } else if constexpr (std::is_same_v<T, diff::RenameColumn>) {
          rename_column(database, *table, c);
        } else if constexpr (std::is_same_v<T, diff::AlterColumn>) {
          if (schema::Column* column = table->find_column(c.from.name)) *column = c.to;
        } else if constexpr (std::is_same_v<T, diff::AddForeignKey>) {
          table->foreign_keys.push_back(c.key);
        } else if constexpr (std::is_same_v<T, diff::DropForeignKey>) {
          erase_matching(table->foreign_keys, c.key, [&](const schema::ForeignKey& fk) {
            return fk.columns == c.key.columns && fk.ref_table == c.key.ref_table;
          });
        } else if constexpr (std::is_same_v<T, diff::AddUnique>) {
          table->uniques.push_back(c.key);
        } else if constexpr (std::is_same_v<T, diff::DropUnique>) {
          erase_matching(table->uniques, c.key, [&](const schema::UniqueKey& key) {
            return key.columns == c.key.columns;
          });
        } else if constexpr (std::is_same_v<T, diff::AddIndex>) {
          table->indexes.push_back(c.index);
        } else if constexpr (std::is_same_v<T, diff::DropIndex>) {
          erase_matching(table->indexes, c.index, [&](const schema::Index& index) {
            return index.columns == c.index.columns;
          });
        } else if constexpr (std::is_same_v<T, diff::AddCheck>) {
          table->checks.push_back(c.check);
        } else if constexpr (std::is_same_v<T, diff::DropCheck>) {
          erase_matching(table->checks, c.check, [&](const schema::Check& check) {
            return check.expression == c.check.expression;
          });
        }
      },
      change);
}

}  // namespace keyway::backends
