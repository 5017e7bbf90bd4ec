// render(): ordered changes -> a plan of SQLite statements, each step with its
// undo. Changes SQLite makes in place (CREATE/DROP TABLE and INDEX, RENAME,
// ADD/DROP COLUMN where allowed) are one step each; every other change to an
// existing table is gathered, per table, into one rebuild
// (https://www.sqlite.org/lang_altertable.html#otheralter) placed where the
// last change to that table stands. script() writes a plan for the sqlite3
// shell.
#include <deque>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include "backends/sqlite/sqlite_checks.h"
#include "backends/sqlite/sqlite_ddl.h"
#include "backends/sqlite/sqlite_driver.h"
#include "backends/sqlite/sqlite_rebuild.h"
#include "backends/common/schema_state.h"

namespace keyway::backends::sqlite {

using diff::Change;
using diff::CopyLinks;
using plan::Step;
using schema::Database;
using schema::Table;

namespace {

bool is_junction_to_column(const Change& change) {
  const auto* copy = std::get_if<CopyLinks>(&change);
  return copy != nullptr && copy->mode == CopyLinks::Mode::kJunctionToColumn;
}

// Changes that may join a rebuild of their table. Creating, dropping and
// renaming stay steps of their own (renames come first, so a rebuild always
// sees the new names); of the link copies, only one filling a column of the
// table is part of it.
bool is_groupable(const Change& change) {
  if (std::holds_alternative<diff::AddTable>(change) ||
      std::holds_alternative<diff::DropTable>(change) ||
      std::holds_alternative<diff::RenameTable>(change) ||
      std::holds_alternative<diff::RenameColumn>(change)) {
    return false;
  }
  return !std::holds_alternative<CopyLinks>(change) || is_junction_to_column(change);
}

bool has_value_default(const schema::Column& column) {
  return column.default_value && column.default_value->kind != schema::Literal::Kind::kNull;
}

class Renderer {
 public:
  Renderer(const std::vector<Change>& changes, const Database& from, const Database& to,
           const SqliteDialect& dialect)
      : changes_(changes), to_(to), dialect_(dialect),
        touched_(tables_read(from, changes, Referencing::kNone)) {}

  // Runs once: the second pass takes `touched_` over.
  plan::Plan run() {
    find_fusions_and_rebuilds();
    OriginalNames names(touched_);
    Database state = std::move(touched_);
    for (std::size_t i = 0; i < changes_.size(); ++i) {
      const Change& change = changes_[i];
      const std::string& table = diff::table_of(change);
      if (is_groupable(change) && rebuilt_.contains(table)) {
        Group& group = groups_[table];
        if (group.changes.empty()) group.before = require(state, table);
        group.changes.push_back(i);
        append(group.checks, data_checks(change, state, names, is_filled(i), dialect_));
        apply_change(state, change);
        names.apply(change);
        if (i == group.last) plan_.steps.push_back(rebuild_step(group, state));
      } else if (fused_keys_.contains(i)) {
        continue;  // already added with its column
      } else {
        plan_.steps.push_back(standalone_step(i, state, names));
      }
    }
    return std::move(plan_);
  }

 private:
  struct Group {
    std::vector<std::size_t> changes;
    std::size_t last = 0;
    Table before;  // the table as it is when the rebuild runs
    std::vector<plan::DataCheck> checks;
  };

  static void append(std::vector<plan::DataCheck>& to, std::vector<plan::DataCheck> more) {
    for (auto& check : more) to.push_back(std::move(check));
  }

  // `state`: a Database or a PlanState.
  template <typename State>
  static const Table& require(const State& state, const std::string& name) {
    const Table* table = state.find_table(name);
    if (table == nullptr) {
      throw std::logic_error(fmt::format("sqlite render: change to unknown table {}", name));
    }
    return *table;
  }

  // The table's definition once the plan is done: `to`'s, else the state's.
  template <typename State>
  const Table& planned(const State& state, const std::string& name) const {
    const Table* table = to_.find_table(name);
    return table != nullptr ? *table : require(state, name);
  }

  // First pass: which AddColumn carries its AddForeignKey inline, and which
  // tables need a rebuild (a change SQLite cannot make in place).
  void find_fusions_and_rebuilds() {
    index_changes();
    PlanState state(touched_);  // copies only the tables the plan changes
    for (std::size_t i = 0; i < changes_.size(); ++i) {
      const Change& change = changes_[i];
      if (const auto* add = std::get_if<diff::AddColumn>(&change)) find_fusion(i, *add, state);
      if (needs_rebuild(i, state)) rebuilt_.insert(diff::table_of(change));
      if (const auto* copy = std::get_if<CopyLinks>(&change);
          copy != nullptr && copy->mode == CopyLinks::Mode::kJunctionToColumn) {
        filled_.insert({copy->to_table, copy->to_target_column});
      }
      state.apply(change);
    }
    for (std::size_t i = 0; i < changes_.size(); ++i) {
      const std::string& table = diff::table_of(changes_[i]);
      if (is_groupable(changes_[i]) && rebuilt_.contains(table)) groups_[table].last = i;
    }
  }

  // The changes later passes look up: foreign keys added on one column, and
  // copies from a column into a junction, each by table, in plan order.
  void index_changes() {
    for (std::size_t i = 0; i < changes_.size(); ++i) {
      if (const auto* fk = std::get_if<diff::AddForeignKey>(&changes_[i]);
          fk != nullptr && fk->key.columns.size() == 1) {
        single_column_keys_[{fk->table, fk->key.columns.front()}].push_back(i);
      }
      if (const auto* copy = std::get_if<CopyLinks>(&changes_[i]);
          copy != nullptr && copy->mode == CopyLinks::Mode::kColumnToJunction) {
        copies_from_column_[copy->from_table].push_back(i);
      }
    }
  }

  // A nullable column without default and the foreign key on exactly it: one
  // `ADD COLUMN ... REFERENCES`, which SQLite allows when the column's
  // default is NULL (https://www.sqlite.org/lang_altertable.html#altertabaddcol).
  // The key is the first added after the column and not fused yet; `i` only
  // grows, so keys before it are dropped from the queue for good.
  void find_fusion(std::size_t i, const diff::AddColumn& add, const PlanState& state) {
    if (!add.column.nullable || has_value_default(add.column)) return;
    if (state.find_table(add.table) == nullptr ||
        !can_add_in_place(planned(state, add.table), add.column)) {
      return;
    }
    auto keys = single_column_keys_.find({add.table, add.column.name});
    if (keys == single_column_keys_.end()) return;
    std::deque<std::size_t>& queue = keys->second;
    while (!queue.empty() && queue.front() <= i) queue.pop_front();
    if (queue.empty()) return;
    fusions_[i] = queue.front();
    fused_keys_.insert(queue.front());
    queue.pop_front();
  }

  bool needs_rebuild(std::size_t i, const PlanState& state) const {
    const Change& change = changes_[i];
    if (std::holds_alternative<diff::AddForeignKey>(change)) return !fused_keys_.contains(i);
    if (std::holds_alternative<diff::DropForeignKey>(change) ||
        std::holds_alternative<diff::AddCheck>(change) ||
        std::holds_alternative<diff::DropCheck>(change) ||
        std::holds_alternative<diff::AlterColumn>(change)) {
      return true;
    }
    if (const auto* drop = std::get_if<diff::DropUnique>(&change)) {
      if (drop->key.is_constraint) return true;
      const Table* table = state.find_table(drop->table);
      if (table == nullptr) return false;
      for (const auto& key : table->uniques) {
        if (key.is_constraint && (key.name == drop->key.name || key.columns == drop->key.columns)) {
          return true;
        }
      }
      return false;
    }
    if (const auto* add = std::get_if<diff::AddColumn>(&change)) {
      return state.find_table(add->table) != nullptr &&
             !can_add_in_place(planned(state, add->table), add->column);
    }
    if (const auto* drop = std::get_if<diff::DropColumn>(&change)) {
      const Table* table = state.find_table(drop->table);
      return table != nullptr && !can_drop_in_place(*table, drop->column.name);
    }
    return false;
  }

  // Whether a link copy fills the column change `i` adds.
  bool is_filled(std::size_t i) const {
    const auto* add = std::get_if<diff::AddColumn>(&changes_[i]);
    return add != nullptr && filled_.contains({add->table, add->column.name});
  }

  // `(SELECT MIN("tgt") FROM "j" WHERE "j"."src" = "t"."key")`: one link per
  // row, the smallest, for a junction -> column copy.
  std::string junction_value(const CopyLinks& c) const {
    const std::string junction = dialect_.quote(c.from_table);
    return fmt::format("(SELECT MIN({}) FROM {} WHERE {}.{} = {}.{})",
                       dialect_.quote(c.from_target_column), junction, junction,
                       dialect_.quote(c.from_source_column), dialect_.quote(c.to_table),
                       dialect_.quote(c.to_source_column));
  }

  std::string copy_sql(const CopyLinks& c) const {
    switch (c.mode) {
      case CopyLinks::Mode::kColumnToJunction:
        return fmt::format("INSERT INTO {} ({}, {}) SELECT {}, {} FROM {} WHERE {} IS NOT NULL",
                           dialect_.quote(c.to_table), dialect_.quote(c.to_source_column),
                           dialect_.quote(c.to_target_column),
                           dialect_.quote(c.from_source_column),
                           dialect_.quote(c.from_target_column), dialect_.quote(c.from_table),
                           dialect_.quote(c.from_target_column));
      case CopyLinks::Mode::kJunctionToJunction:
        return fmt::format("INSERT INTO {} ({}, {}) SELECT {}, {} FROM {}",
                           dialect_.quote(c.to_table), dialect_.quote(c.to_source_column),
                           dialect_.quote(c.to_target_column),
                           dialect_.quote(c.from_source_column),
                           dialect_.quote(c.from_target_column), dialect_.quote(c.from_table));
      case CopyLinks::Mode::kJunctionToColumn:
        break;
    }
    return fmt::format("UPDATE {} SET {} = {}", dialect_.quote(c.to_table),
                       dialect_.quote(c.to_target_column), junction_value(c));
  }

  // Columns a rebuild back to `before` refills from a junction: a column the
  // plan dropped after copying its links into a junction takes them back.
  ColumnFills reverse_fills(const Table& before, const Table& after) const {
    ColumnFills fills;
    auto copies = copies_from_column_.find(before.name);
    if (copies == copies_from_column_.end()) return fills;
    for (std::size_t i : copies->second) {
      const auto& copy = std::get<CopyLinks>(changes_[i]);
      if (after.find_column(copy.from_target_column) ||
          !before.find_column(copy.from_target_column)) {
        continue;
      }
      fills[copy.from_target_column] = junction_value(std::get<CopyLinks>(diff::inverse(copy)));
    }
    return fills;
  }

  Step rebuild_step(const Group& group, Database& state) const {
    Table target = planned(state, group.before.name);
    // The partial indexes and triggers SQLite drops with the old table.
    target.recreate_sql = group.before.recreate_sql;
    Step step;
    step.table = group.before.name;
    step.changes = group.changes;
    ColumnFills fills;
    for (std::size_t i : group.changes) {
      const Change& change = changes_[i];
      step.summary += (step.summary.empty() ? "" : "; ") + diff::describe(change);
      step.destructive = step.destructive || diff::is_destructive(change);
      step.data_dependent = step.data_dependent || diff::is_data_dependent(change);
      if (const auto* copy = std::get_if<CopyLinks>(&change)) {
        fills[copy->to_target_column] = junction_value(*copy);
        // Undo: the links go back to the junction before the column goes.
        step.reverse.push_back(copy_sql(std::get<CopyLinks>(diff::inverse(*copy))));
      }
    }
    step.sql = rebuild_sql(group.before, target, fills, dialect_);
    for (auto& statement :
         rebuild_sql(target, group.before, reverse_fills(group.before, target), dialect_)) {
      step.reverse.push_back(std::move(statement));
    }
    step.reverse_loses_data = rebuild_drops_columns(group.before, target);
    step.checks = group.checks;
    *state.find_table(group.before.name) = std::move(target);
    return step;
  }

  Step standalone_step(std::size_t i, Database& state, OriginalNames& names) const {
    const Change& change = changes_[i];
    Step step;
    step.changes = {i};
    step.summary = diff::describe(change);
    step.table = diff::table_of(change);
    step.destructive = diff::is_destructive(change);
    step.data_dependent = diff::is_data_dependent(change);
    step.checks = data_checks(change, state, names, is_filled(i), dialect_);
    std::visit([&](const auto& c) { render(c, i, state, step); }, change);
    apply_change(state, change);
    names.apply(change);
    if (auto fused = fusions_.find(i); fused != fusions_.end()) {
      apply_change(state, changes_[fused->second]);
    }
    return step;
  }

  // --- one step per change, in place -------------------------------------
  // `state` is the schema before the change.

  void render(const diff::AddTable& c, std::size_t, const Database&, Step& step) const {
    step.sql = create_table_statements(c.table, dialect_);
    step.reverse = {"DROP TABLE " + dialect_.quote(c.table.name)};
  }

  void render(const diff::DropTable& c, std::size_t, const Database& state, Step& step) const {
    const Table* table = state.find_table(c.table.name);
    step.sql = {"DROP TABLE " + dialect_.quote(c.table.name)};
    step.reverse = create_table_statements(table != nullptr ? *table : c.table, dialect_);
    step.reverse_loses_data = true;
  }

  void render(const diff::RenameTable& c, std::size_t, const Database&, Step& step) const {
    const auto rename = [&](const std::string& a, const std::string& b) {
      return fmt::format("ALTER TABLE {} RENAME TO {}", dialect_.quote(a), dialect_.quote(b));
    };
    step.sql = {rename(c.from, c.to)};
    step.reverse = {rename(c.to, c.from)};
  }

  void render(const diff::RenameColumn& c, std::size_t, const Database&, Step& step) const {
    const auto rename = [&](const std::string& a, const std::string& b) {
      return fmt::format("ALTER TABLE {} RENAME COLUMN {} TO {}", dialect_.quote(c.table),
                         dialect_.quote(a), dialect_.quote(b));
    };
    step.sql = {rename(c.from, c.to)};
    step.reverse = {rename(c.to, c.from)};
  }

  void render(const diff::AddColumn& c, std::size_t i, const Database&, Step& step) const {
    const schema::ForeignKey* key = nullptr;
    if (auto fused = fusions_.find(i); fused != fusions_.end()) {
      step.changes.push_back(fused->second);
      const Change& fk = changes_[fused->second];
      key = &std::get<diff::AddForeignKey>(fk).key;
      step.summary += "; " + diff::describe(fk);
      step.data_dependent = step.data_dependent || diff::is_data_dependent(fk);
    }
    step.sql = {add_column_sql(c.table, c.column, key, dialect_)};
    // A column-level REFERENCES goes with its column, so DROP COLUMN undoes both.
    step.reverse = {fmt::format("ALTER TABLE {} DROP COLUMN {}", dialect_.quote(c.table),
                                dialect_.quote(c.column.name))};
  }

  void render(const diff::DropColumn& c, std::size_t, const Database& state, Step& step) const {
    const Table& before = require(state, c.table);
    std::vector<std::string> recreate;
    for (const auto& key : before.uniques) {
      if (!mentions(key.columns, c.column.name)) continue;
      step.sql.push_back(drop_index_sql(unique_name(c.table, key), dialect_));
      recreate.push_back(create_unique_sql(c.table, key, dialect_));
    }
    for (const auto& index : before.indexes) {
      if (!mentions(index.columns, c.column.name)) continue;
      step.sql.push_back(drop_index_sql(index_name(c.table, index), dialect_));
      recreate.push_back(create_index_sql(c.table, index, dialect_));
    }
    step.sql.push_back(fmt::format("ALTER TABLE {} DROP COLUMN {}", dialect_.quote(c.table),
                                   dialect_.quote(c.column.name)));
    const schema::Column* found = before.find_column(c.column.name);
    const schema::Column& column = found != nullptr ? *found : c.column;
    if (can_add_in_place(before, column)) {
      step.reverse = {add_column_sql(c.table, column, nullptr, dialect_)};
      step.reverse.insert(step.reverse.end(), recreate.begin(), recreate.end());
    } else {
      // Only this table changes: copy it alone, not the whole schema.
      Database after;
      after.tables.push_back(before);
      apply_change(after, diff::DropColumn{c.table, column});
      const Table& dropped = after.tables.front();
      step.reverse = rebuild_sql(dropped, before, reverse_fills(before, dropped), dialect_);
    }
    step.reverse_loses_data = true;
  }

  void render(const diff::AddIndex& c, std::size_t, const Database&, Step& step) const {
    step.sql = {create_index_sql(c.table, c.index, dialect_)};
    step.reverse = {drop_index_sql(index_name(c.table, c.index), dialect_)};
  }

  void render(const diff::DropIndex& c, std::size_t, const Database&, Step& step) const {
    step.sql = {drop_index_sql(index_name(c.table, c.index), dialect_)};
    step.reverse = {create_index_sql(c.table, c.index, dialect_)};
  }

  void render(const diff::AddUnique& c, std::size_t, const Database&, Step& step) const {
    step.sql = {create_unique_sql(c.table, c.key, dialect_)};
    step.reverse = {drop_index_sql(unique_name(c.table, c.key), dialect_)};
  }

  void render(const diff::DropUnique& c, std::size_t, const Database&, Step& step) const {
    step.sql = {drop_index_sql(unique_name(c.table, c.key), dialect_)};
    step.reverse = {create_unique_sql(c.table, c.key, dialect_)};
  }

  void render(const CopyLinks& c, std::size_t, const Database&, Step& step) const {
    step.sql = {copy_sql(c)};
    step.reverse = {copy_sql(std::get<CopyLinks>(diff::inverse(c)))};
  }

  // Every other change needs a rebuild and never reaches here; a table that
  // is missing from the state is the only way in.
  template <typename T>
  void render(const T& c, std::size_t, const Database&, Step&) const {
    throw std::logic_error(
        fmt::format("sqlite render: {} names a table that does not exist", diff::describe(c)));
  }

  const std::vector<Change>& changes_;
  const Database& to_;
  const SqliteDialect& dialect_;
  Database touched_;  // the part of `from` the plan reads or changes
  // AddForeignKey changes on one column, by (table, column), not fused yet.
  std::map<std::pair<std::string, std::string>, std::deque<std::size_t>> single_column_keys_;
  // CopyLinks from a column into a junction, by the column's table.
  std::map<std::string, std::vector<std::size_t>> copies_from_column_;
  std::map<std::size_t, std::size_t> fusions_;  // AddColumn -> its AddForeignKey
  std::set<std::size_t> fused_keys_;
  std::set<std::string> rebuilt_;
  std::set<std::pair<std::string, std::string>> filled_;  // (table, column) a copy fills
  std::map<std::string, Group> groups_;
  plan::Plan plan_;
};

}  // namespace

plan::Plan render(const std::vector<Change>& changes, const Database& from, const Database& to,
                  const SqliteDialect& dialect) {
  return Renderer(changes, from, to, dialect).run();
}

std::string script(const plan::Plan& plan) {
  if (plan.empty()) return "-- no changes\n";
  // Foreign keys off outside the transaction (inside one the pragma is a
  // no-op), so that a rebuild's DROP TABLE does not run ON DELETE actions
  // (https://www.sqlite.org/foreignkeys.html#fk_enable).
  std::string out = "PRAGMA foreign_keys = OFF;\nBEGIN;\n";
  for (const Step& step : plan.steps) {
    std::string summary = step.summary;
    for (char& c : summary) {
      if (c == '\n') c = ' ';
    }
    out += "-- ";
    out += summary;
    out += '\n';
    for (const auto& statement : step.sql) {
      out += statement;
      out += ";\n";
    }
  }
  return out + "PRAGMA foreign_key_check;\nCOMMIT;\nPRAGMA foreign_keys = ON;\n";
}

}  // namespace keyway::backends::sqlite
