#include "backends/common/schema_state.h"

#include <algorithm>
#include <type_traits>
#include <variant>

namespace keyway::backends {

using schema::Database;
using schema::Table;

namespace {

// The schemas apply_to() changes. Each finds a table by name, gives one to
// change, adds, drops and renames tables, and visits the tables with a
// foreign key to a given table (the ones a rename reaches into).

bool references(const Table& table, const std::string& referenced) {
  return std::any_of(table.foreign_keys.begin(), table.foreign_keys.end(),
                     [&](const schema::ForeignKey& fk) { return fk.ref_table == referenced; });
}

// A whole Database, changed in place.
class WholeState {
 public:
  explicit WholeState(Database& database) : database_(database) {}

  const Table* find(const std::string& name) const { return database_.find_table(name); }
  Table* writable(const std::string& name) { return database_.find_table(name); }
  void add(const Table& table) { database_.tables.push_back(table); }
  void erase(const std::string& name) {
    std::erase_if(database_.tables, [&](const Table& t) { return t.name == name; });
  }
  bool rename(const std::string& from, const std::string& to) {
    Table* table = database_.find_table(from);
    if (table == nullptr) return false;
    table->name = to;
    return true;
  }
  template <typename Fn>
  void for_each_referencing(const std::string& referenced, Fn fn) {
    for (Table& table : database_.tables) {
      if (references(table, referenced)) fn(table);
    }
  }

 private:
  Database& database_;
};

// A PlanState's copies over its base: a table of the base is copied the
// first time it changes, and hidden from then on; a table a change adds is
// copied the first time a later change alters it.
class CopyOnWrite {
 public:
  using Added = std::unordered_map<std::string, const Table*>;

  CopyOnWrite(const Database& base, std::unordered_map<std::string, Table>& own, Added& added,
              std::unordered_set<std::string>& hidden)
      : base_(base), own_(own), added_(added), hidden_(hidden) {}

  static const Table* find(const Database& base, const std::unordered_map<std::string, Table>& own,
                           const Added& added, const std::unordered_set<std::string>& hidden,
                           const std::string& name) {
    if (auto it = own.find(name); it != own.end()) return &it->second;
    if (auto it = added.find(name); it != added.end()) return it->second;
    return hidden.contains(name) ? nullptr : base.find_table(name);
  }
  const Table* find(const std::string& name) const {
    return find(base_, own_, added_, hidden_, name);
  }

  Table* writable(const std::string& name) {
    if (auto it = own_.find(name); it != own_.end()) return &it->second;
    if (auto node = added_.extract(name)) {
      return &own_.emplace(name, *node.mapped()).first->second;
    }
    if (hidden_.contains(name)) return nullptr;
    const Table* table = base_.find_table(name);
    if (table == nullptr) return nullptr;
    hidden_.insert(name);
    return &own_.emplace(name, *table).first->second;
  }
  void add(const Table& table) { added_.emplace(table.name, &table); }
  void erase(const std::string& name) {
    own_.erase(name);
    added_.erase(name);
    hidden_.insert(name);
  }
  bool rename(const std::string& from, const std::string& to) {
    if (writable(from) == nullptr) return false;
    auto node = own_.extract(from);
    node.key() = to;
    node.mapped().name = to;
    own_.insert(std::move(node));
    return true;
  }
  template <typename Fn>
  void for_each_referencing(const std::string& referenced, Fn fn) {
    std::vector<std::string> added_referencing;
    for (const auto& [name, table] : added_) {
      if (references(*table, referenced)) added_referencing.push_back(name);
    }
    for (const auto& name : added_referencing) writable(name);  // now one of own_
    for (auto& [name, table] : own_) {
      if (references(table, referenced)) fn(table);
    }
    for (const Table& table : base_.tables) {
      if (!hidden_.contains(table.name) && references(table, referenced)) {
        fn(*writable(table.name));
      }
    }
  }

 private:
  const Database& base_;
  std::unordered_map<std::string, Table>& own_;
  Added& added_;
  std::unordered_set<std::string>& hidden_;
};

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

template <typename State>
void rename_table(State& state, const diff::RenameTable& c) {
  if (!state.rename(c.from, c.to)) return;
  state.for_each_referencing(c.from, [&](Table& other) {
    for (auto& fk : other.foreign_keys) {
      if (fk.ref_table == c.from) fk.ref_table = c.to;
    }
  });
}

template <typename State>
void rename_column(State& state, Table& table, const diff::RenameColumn& c) {
  if (schema::Column* column = table.find_column(c.from)) column->name = c.to;
  rename_in(table.primary_key, c.from, c.to);
  for (auto& key : table.uniques) rename_in(key.columns, c.from, c.to);
  for (auto& index : table.indexes) rename_in(index.columns, c.from, c.to);
  for (auto& fk : table.foreign_keys) rename_in(fk.columns, c.from, c.to);
  state.for_each_referencing(table.name, [&](Table& other) {
    for (auto& fk : other.foreign_keys) {
      if (fk.ref_table == table.name) rename_in(fk.ref_columns, c.from, c.to);
    }
  });
}

// Dropping a column takes the indexes and keys over it along.
void drop_column(Table& table, const std::string& name) {
  std::erase_if(table.columns, [&](const schema::Column& c) { return c.name == name; });
  std::erase_if(table.uniques, [&](const auto& key) { return contains(key.columns, name); });
  std::erase_if(table.indexes, [&](const auto& index) { return contains(index.columns, name); });
  std::erase_if(table.foreign_keys, [&](const auto& fk) { return contains(fk.columns, name); });
}

// A change to one existing table.
template <typename State>
void change_table(State& state, Table& table, const diff::Change& change) {
  std::visit(
      [&](const auto& c) {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, diff::AddColumn>) {
          table.columns.push_back(c.column);
        } else if constexpr (std::is_same_v<T, diff::DropColumn>) {
          drop_column(table, c.column.name);
        } else if constexpr (std::is_same_v<T, diff::RenameColumn>) {
          rename_column(state, table, c);
        } else if constexpr (std::is_same_v<T, diff::AlterColumn>) {
          if (schema::Column* column = table.find_column(c.from.name)) *column = c.to;
        } else if constexpr (std::is_same_v<T, diff::AddForeignKey>) {
          table.foreign_keys.push_back(c.key);
        } else if constexpr (std::is_same_v<T, diff::DropForeignKey>) {
          erase_matching(table.foreign_keys, c.key, [&](const schema::ForeignKey& fk) {
            return fk.columns == c.key.columns && fk.ref_table == c.key.ref_table;
          });
        } else if constexpr (std::is_same_v<T, diff::AddUnique>) {
          table.uniques.push_back(c.key);
        } else if constexpr (std::is_same_v<T, diff::DropUnique>) {
          erase_matching(table.uniques, c.key, [&](const schema::UniqueKey& key) {
            return key.columns == c.key.columns;
          });
        } else if constexpr (std::is_same_v<T, diff::AddIndex>) {
          table.indexes.push_back(c.index);
        } else if constexpr (std::is_same_v<T, diff::DropIndex>) {
          erase_matching(table.indexes, c.index, [&](const schema::Index& index) {
            return index.columns == c.index.columns;
          });
        } else if constexpr (std::is_same_v<T, diff::AddCheck>) {
          table.checks.push_back(c.check);
        } else if constexpr (std::is_same_v<T, diff::DropCheck>) {
          erase_matching(table.checks, c.check, [&](const schema::Check& check) {
            return check.expression == c.check.expression;
          });
        }
      },
      change);
}

template <typename State>
void apply_to(State& state, const diff::Change& change) {
  if (const auto* c = std::get_if<diff::AddTable>(&change)) {
    if (state.find(c->table.name) == nullptr) state.add(c->table);
    return;
  }
  if (const auto* c = std::get_if<diff::DropTable>(&change)) {
    state.erase(c->table.name);
    return;
  }
  if (const auto* c = std::get_if<diff::RenameTable>(&change)) {
    rename_table(state, *c);
    return;
  }
  if (std::holds_alternative<diff::CopyLinks>(change)) return;  // rows, not schema
  Table* table = state.writable(diff::table_of(change));
  if (table != nullptr) change_table(state, *table, change);
}

}  // namespace

Database tables_read(const Database& from, const std::vector<diff::Change>& changes,
                     Referencing referencing) {
  std::unordered_set<std::string> named;
  std::unordered_set<std::string> dropped_or_renamed;
  for (const diff::Change& change : changes) {
    named.insert(diff::table_of(change));
    if (const auto* rename = std::get_if<diff::RenameTable>(&change)) {
      named.insert(rename->from);
      dropped_or_renamed.insert({rename->from, rename->to});
    }
    if (const auto* drop = std::get_if<diff::DropTable>(&change)) {
      dropped_or_renamed.insert(drop->table.name);
    }
    if (const auto* copy = std::get_if<diff::CopyLinks>(&change)) named.insert(copy->from_table);
    if (const auto* add = std::get_if<diff::AddForeignKey>(&change)) {
      named.insert(add->key.ref_table);
    }
  }
  const auto read = [&](const Table& table) {
    if (named.contains(table.name)) return true;
    return referencing == Referencing::kDroppedOrRenamed && !dropped_or_renamed.empty() &&
           std::any_of(table.foreign_keys.begin(), table.foreign_keys.end(),
                       [&](const auto& fk) { return dropped_or_renamed.contains(fk.ref_table); });
  };
  Database out;
  out.unmanaged = from.unmanaged;
  for (const Table& table : from.tables) {
    if (read(table)) out.tables.push_back(table);
  }
  return out;
}

void apply_change(Database& database, const diff::Change& change) {
  WholeState state(database);
  apply_to(state, change);
}

const Table* PlanState::find_table(const std::string& name) const {
  return CopyOnWrite::find(base_, own_, added_, hidden_, name);
}

void PlanState::apply(const diff::Change& change) {
  CopyOnWrite state(base_, own_, added_, hidden_);
  apply_to(state, change);
}

}  // namespace keyway::backends
