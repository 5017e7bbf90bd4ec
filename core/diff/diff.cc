#include "core/diff/diff.h"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "core/diff/match.h"
#include "core/errors.h"

namespace keyway::diff {

namespace {

using schema::Column;
using schema::Database;
using schema::Table;

// Finds the columns of one table by name. Both sides of a diff mostly list
// the same columns in the same order, so a lookup first tries the column
// after the one found last, and only then an index by name, built on first
// need.
class ColumnPositions {
 public:
  explicit ColumnPositions(const std::vector<Column>& columns) : columns_(columns) {}

  std::optional<std::size_t> find(const std::string& name) {
    if (next_ < columns_.size() && columns_[next_].name == name) return next_++;
    if (by_name_.empty()) {
      for (std::size_t i = 0; i < columns_.size(); ++i) by_name_.emplace(columns_[i].name, i);
    }
    auto it = by_name_.find(name);
    if (it == by_name_.end()) return std::nullopt;
    next_ = it->second + 1;
    return it->second;
  }

 private:
  const std::vector<Column>& columns_;
  std::size_t next_ = 0;
  std::unordered_map<std::string_view, std::size_t> by_name_;
};

class Differ {
 public:
  Differ(const Database& from, const Database& to, const schema::Dialect& dialect)
      : from_(from), to_(to), dialect_(dialect) {}

  std::vector<Change> run() {
    from_by_name_.reserve(from_.tables.size());
    for (const Table& t : from_.tables) from_by_name_[t.name] = &t;
    pair_tables();
    for (const Table& t : to_.tables) {
      auto it = pairs_.find(t.name);
      if (it == pairs_.end()) {
        changes_.push_back(AddTable{t});
      } else {
        diff_table(*it->second, t);
      }
    }
    for (const Table& t : from_.tables) {
      if (!matched_from_.count(t.name)) changes_.push_back(DropTable{t});
    }
    keep_links();
    return std::move(changes_);
  }

 private:
  void pair_tables() {
    std::unordered_set<std::string> to_names;
    to_names.reserve(to_.tables.size());
    pairs_.reserve(to_.tables.size());
    matched_from_.reserve(from_.tables.size());
    for (const Table& t : to_.tables) to_names.insert(t.name);
    for (const Table& t : to_.tables) {
      if (from_by_name_.count(t.name)) {
        pair(t.name, *from_by_name_.at(t.name));
        continue;
      }
      if (!t.renamed_from) continue;
      auto old = from_by_name_.find(*t.renamed_from);
      if (old != from_by_name_.end() && matched_from_.count(*t.renamed_from)) {
        throw InputError(fmt::format("table '{}': renamed_from '{}' names a table already taken by "
                                     "another table or rename", t.name, *t.renamed_from));
      }
      if (old == from_by_name_.end() || to_names.count(*t.renamed_from)) {
        throw InputError(fmt::format(
            "table '{}': renamed_from '{}' matches no table in the database", t.name,
            *t.renamed_from));
      }
      changes_.push_back(RenameTable{*t.renamed_from, t.name});
      table_renames_[*t.renamed_from] = t.name;
      pair(t.name, *old->second);
    }
  }

  void pair(const std::string& to_name, const Table& from_table) {
    pairs_[to_name] = &from_table;
    matched_from_.insert(from_table.name);
  }

  // A table name of the old schema as the new schema calls it.
  std::string renamed_table(const std::string& name) const {
    auto it = table_renames_.find(name);
    return it == table_renames_.end() ? name : it->second;
  }

  void diff_table(const Table& from, const Table& to) {
    std::unordered_map<std::string, std::string> column_renames;  // old -> new
    ColumnPositions from_columns(from.columns);
    std::vector<bool> matched(from.columns.size(), false);  // by position in `from`

    for (const Column& c : to.columns) {
      std::optional<std::size_t> old = from_columns.find(c.name);
      if (!old && c.renamed_from) {
        old = from_columns.find(*c.renamed_from);
        if (!old || to.find_column(*c.renamed_from) != nullptr) {
          throw InputError(fmt::format(
              "column '{}.{}': renamed_from '{}' matches no column of table '{}' in the database",
              to.name, c.name, *c.renamed_from, from.name));
        }
        if (matched[*old]) {
          throw InputError(fmt::format(
              "column '{}.{}': renamed_from '{}' names a column already taken by another column",
              to.name, c.name, from.columns[*old].name));
        }
        changes_.push_back(RenameColumn{to.name, from.columns[*old].name, c.name});
        column_renames[from.columns[*old].name] = c.name;
      }
      if (!old) {
        changes_.push_back(AddColumn{to.name, c});
        added_columns_.insert(to.name + '\0' + c.name);
        continue;
      }
      matched[*old] = true;
      diff_column(to.name, from.columns[*old], c);
    }
    for (std::size_t i = 0; i < from.columns.size(); ++i) {
      if (matched[i]) continue;
      const Column& c = from.columns[i];
      changes_.push_back(DropColumn{to.name, c});
      dropped_columns_.insert(to.name + '\0' + c.name);
    }

    // Old names are read in the new schema's terms; new names as they are.
    const Renamer old_names{&column_renames, &table_renames_};
    diff_keys(from, to, old_names);
  }

  void diff_column(const std::string& table, const Column& from, const Column& to) {
    unsigned flags = 0;
    // Equal types and defaults are the same in every dialect: only differing
    // ones need its answer, which costs their spelling.
    if (from.type != to.type && !dialect_.same_type(from.type, to.type)) flags |= kChangeType;
    if (from.nullable != to.nullable) flags |= kChangeNull;
    if (!from.auto_increment && !to.auto_increment && from.default_value != to.default_value &&
        !dialect_.same_default(to.type, from.default_value, to.default_value)) {
      flags |= kChangeDefault;
    }
    if (flags) {
      Column before = from;
      before.name = to.name;
      changes_.push_back(AlterColumn{table, before, to, flags});
    }
  }

  void diff_keys(const Table& from, const Table& to, const Renamer& old_names) {
    const std::string& t = to.name;
    const Renamer same{};
    const auto fks = unmatched(from.foreign_keys, old_names, to.foreign_keys, same, fk_signature);
    for (const auto* fk : fks.from) changes_.push_back(DropForeignKey{t, *fk});
    for (const auto* fk : fks.to) changes_.push_back(AddForeignKey{t, *fk});
    const auto uniques = unmatched(from.uniques, old_names, to.uniques, same, unique_signature);
    for (const auto* u : uniques.from) changes_.push_back(DropUnique{t, *u});
    for (const auto* u : uniques.to) changes_.push_back(AddUnique{t, *u});
    const auto indexes = unmatched(from.indexes, old_names, to.indexes, same, index_signature);
    for (const auto* i : indexes.from) changes_.push_back(DropIndex{t, *i});
    for (const auto* i : indexes.to) changes_.push_back(AddIndex{t, *i});
    const auto checks = unmatched(from.checks, old_names, to.checks, same, check_signature);
    for (const auto* c : checks.from) changes_.push_back(DropCheck{t, *c});
    for (const auto* c : checks.to) changes_.push_back(AddCheck{t, *c});
  }

  bool added_column(const std::string& to_table, const std::string& column) const {
    return added_columns_.count(to_table + '\0' + column) > 0;
  }

  bool dropped_column(const std::string& to_table, const std::string& column) const {
    return dropped_columns_.count(to_table + '\0' + column) > 0;
  }

  // Relation shape changes keep their links: foreign_key -> many_to_many
  // copies the column into the new junction; an implicit junction replaced by
  // a `through` model copies its rows.
  void keep_links() {
    // Shapes going back (many_to_many -> foreign_key, `through` -> implicit):
    // the old side is a lowered schema that knows its junctions.
    for (const Table& table : from_.tables) {
      if (!table.junction || matched_from_.count(table.name)) continue;
      const schema::JunctionOrigin& j = *table.junction;
      if (!j.through && added_column(renamed_table(j.source_table), j.foreign_key_column)) {
        CopyLinks copy;
        copy.mode = CopyLinks::Mode::kJunctionToColumn;
        copy.relation = j.model + "." + j.field;
        copy.from_table = table.name;
        copy.from_source_column = j.source_column;
        copy.from_target_column = j.target_column;
        copy.to_table = renamed_table(j.source_table);
        copy.to_source_column = j.source_key;
        copy.to_target_column = j.foreign_key_column;
        changes_.push_back(copy);
      }
    }
    for (const Table& table : from_.tables) {
      if (!table.junction || !table.junction->through) continue;
      const schema::JunctionOrigin& j = *table.junction;
      const Table* implicit = to_.find_table(j.implicit_table);
      if (!implicit || pairs_.count(j.implicit_table)) continue;
      CopyLinks copy;
      copy.mode = CopyLinks::Mode::kJunctionToJunction;
      copy.relation = j.model + "." + j.field;
      copy.from_table = table.name;
      copy.from_source_column = j.source_column;
      copy.from_target_column = j.target_column;
      copy.to_table = implicit->name;
      copy.to_source_column = j.implicit_source_column;
      copy.to_target_column = j.implicit_target_column;
      changes_.push_back(copy);
    }
    for (const Table& table : to_.tables) {
      if (!table.junction) continue;
      const schema::JunctionOrigin& j = *table.junction;
      const bool added = !pairs_.count(table.name);
      if (!j.through && added) copy_column_links(table, j);
      if (j.through && table.name != j.implicit_table && from_by_name_.count(j.implicit_table) &&
          !matched_from_.count(j.implicit_table)) {
        copy_junction_links(table, j);
      }
    }
  }

  // foreign_key -> many_to_many on the same field name: the old column's
  // values become the new junction's rows before the column is dropped.
  void copy_column_links(const Table& junction, const schema::JunctionOrigin& j) {
    auto source = pairs_.find(j.source_table);
    if (source == pairs_.end() || !dropped_column(j.source_table, j.foreign_key_column)) return;
    for (const auto& fk : source->second->foreign_keys) {
      if (fk.columns.size() != 1 || fk.columns[0] != j.foreign_key_column ||
          renamed_table(fk.ref_table) != j.target_table) {
        continue;
      }
      CopyLinks copy;
      copy.mode = CopyLinks::Mode::kColumnToJunction;
      copy.relation = j.model + "." + j.field;
      copy.from_table = j.source_table;
      copy.from_source_column = j.source_key;
      copy.from_target_column = j.foreign_key_column;
      copy.to_table = junction.name;
      copy.to_source_column = j.source_column;
      copy.to_target_column = j.target_column;
      changes_.push_back(copy);
      return;
    }
  }

  // An implicit junction replaced by a `through` model: its rows move over.
  void copy_junction_links(const Table& through, const schema::JunctionOrigin& j) {
    const Table& old = *from_by_name_.at(j.implicit_table);
    if (!old.find_column(j.implicit_source_column) || !old.find_column(j.implicit_target_column)) {
      return;
    }
    CopyLinks copy;
    copy.mode = CopyLinks::Mode::kJunctionToJunction;
    copy.relation = j.model + "." + j.field;
    copy.from_table = j.implicit_table;
    copy.from_source_column = j.implicit_source_column;
    copy.from_target_column = j.implicit_target_column;
    copy.to_table = through.name;
    copy.to_source_column = j.source_column;
    copy.to_target_column = j.target_column;
    changes_.push_back(copy);
  }

  const Database& from_;
  const Database& to_;
  const schema::Dialect& dialect_;
  std::unordered_map<std::string, const Table*> from_by_name_;
  std::unordered_map<std::string, const Table*> pairs_;  // to name -> from table
  std::unordered_set<std::string> matched_from_;
  std::unordered_map<std::string, std::string> table_renames_;  // old -> new
  std::unordered_set<std::string> added_columns_;    // table '\0' column
  std::unordered_set<std::string> dropped_columns_;  // table '\0' column
  std::vector<Change> changes_;
};

}  // namespace

std::vector<Change> diff(const schema::Database& from, const schema::Database& to,
                         const schema::Dialect& dialect) {
  return Differ(from, to, dialect).run();
}

}  // namespace keyway::diff
