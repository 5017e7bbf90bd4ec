#include "core/diff/diff.h"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string_view>
#include <unordered_map>

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

// Finds the tables of one side by name. lower() and inspect() both list
// tables in order of name, so the tables of both sides mostly stand in the
// same order: a lookup first tries the table after the one found last, then,
// when the side is sorted by name, a binary search, and only for a side that
// is not an index by name, built on first need. Nothing is allocated while
// the sides agree.
class TableFinder {
 public:
  explicit TableFinder(const std::vector<Table>& tables) : tables_(tables) {}

  std::optional<std::size_t> find(std::string_view name) {
    if (next_ < tables_.size() && tables_[next_].name == name) return next_++;
    std::optional<std::size_t> found = search(name);
    if (found) next_ = *found + 1;
    return found;
  }

 private:
  std::optional<std::size_t> search(std::string_view name) {
    if (!sorted_) {
      sorted_ = std::is_sorted(tables_.begin(), tables_.end(),
                               [](const Table& a, const Table& b) { return a.name < b.name; });
    }
    if (*sorted_) {
      auto it = std::lower_bound(
          tables_.begin(), tables_.end(), name,
          [](const Table& t, std::string_view n) { return std::string_view(t.name) < n; });
      if (it == tables_.end() || it->name != name) return std::nullopt;
      return static_cast<std::size_t>(it - tables_.begin());
    }
    if (by_name_.empty()) {
      by_name_.reserve(tables_.size());
      for (std::size_t i = 0; i < tables_.size(); ++i) by_name_.emplace(tables_[i].name, i);
    }
    auto it = by_name_.find(name);
    if (it == by_name_.end()) return std::nullopt;
    return it->second;
  }

  const std::vector<Table>& tables_;
  std::size_t next_ = 0;
  std::optional<bool> sorted_;  // by name; found out on the first miss
  std::unordered_map<std::string_view, std::size_t> by_name_;
};

// Asks for the memory a table's diff will read before it is read. The two
// sides hold each table's columns, keys and their names in blocks of their
// own, scattered over the heap in the order they were built, not in the
// order they are compared, so the processor cannot guess them: at 10,000
// tables, beyond the last-level cache, waiting for them one after the other
// was most of the diff's time. In two steps, as a block's address is only
// known once the block holding it has arrived: the blocks a table points at,
// a few tables ahead, then what those blocks point at.
template <typename T>
void prefetch_block(const std::vector<T>& items) {
  const char* p = reinterpret_cast<const char*>(items.data());
  const char* end = reinterpret_cast<const char*>(items.data() + items.size());
  for (; p < end; p += 64) __builtin_prefetch(p);
}

void prefetch_blocks(const Table& t) {
  prefetch_block(t.columns);
  prefetch_block(t.foreign_keys);
  prefetch_block(t.uniques);
  prefetch_block(t.indexes);
  prefetch_block(t.checks);
}

void prefetch_contents(const Table& t) {
  for (const Column& c : t.columns) {
    __builtin_prefetch(c.name.data());
    // The default's own block, which holds its text when short (most are).
    if (c.default_value) __builtin_prefetch(c.default_value.get());
  }
  for (const schema::ForeignKey& k : t.foreign_keys) {
    __builtin_prefetch(k.columns.data());
    __builtin_prefetch(k.ref_columns.data());
    __builtin_prefetch(k.ref_table.data());
  }
  for (const schema::UniqueKey& k : t.uniques) __builtin_prefetch(k.columns.data());
  for (const schema::Index& i : t.indexes) __builtin_prefetch(i.columns.data());
  for (const schema::Check& c : t.checks) __builtin_prefetch(c.expression.data());
}

// A column of a table of the new schema, by the table's position: the
// columns a diff added or dropped, recorded in order of table.
struct TableColumn {
  std::size_t table;          // position in the new schema
  const std::string* column;  // the column's name, in the schema it comes from
};

class Differ {
 public:
  Differ(const Database& from, const Database& to, const schema::Dialect& dialect)
      : from_(from), to_(to), dialect_(dialect), from_tables_(from.tables),
        to_tables_(to.tables) {}

  std::vector<Change> run() {
    pair_tables();
    for (std::size_t i = 0; i < to_.tables.size(); ++i) {
      prefetch(i + kBlocksAhead, prefetch_blocks);
      prefetch(i + kContentsAhead, prefetch_contents);
      const Table& t = to_.tables[i];
      if (pair_of_[i] == kNone) {
        changes_.push_back(AddTable{t});
      } else {
        diff_table(from_.tables[pair_of_[i]], t, i);
      }
    }
    for (std::size_t i = 0; i < from_.tables.size(); ++i) {
      if (!matched_from_[i]) changes_.push_back(DropTable{from_.tables[i]});
    }
    keep_links();
    return std::move(changes_);
  }

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  // How many tables ahead of the one diffed the two steps of prefetching run.
  static constexpr std::size_t kBlocksAhead = 4;
  static constexpr std::size_t kContentsAhead = 2;

  // Prefetches, by `step`, the table at `to_index` of the new schema and the
  // table it pairs with.
  void prefetch(std::size_t to_index, void (*step)(const Table&)) const {
    if (to_index >= to_.tables.size()) return;
    step(to_.tables[to_index]);
    if (pair_of_[to_index] != kNone) step(from_.tables[pair_of_[to_index]]);
  }

  void pair_tables() {
    pair_of_.assign(to_.tables.size(), kNone);
    matched_from_.assign(from_.tables.size(), false);
    for (std::size_t i = 0; i < to_.tables.size(); ++i) {
      const Table& t = to_.tables[i];
      if (const std::optional<std::size_t> same = from_tables_.find(t.name)) {
        pair(i, *same);
        continue;
      }
      if (!t.renamed_from) continue;
      const std::optional<std::size_t> old = from_tables_.find(*t.renamed_from);
      if (old && matched_from_[*old]) {
        throw InputError(fmt::format("table '{}': renamed_from '{}' names a table already taken by "
                                     "another table or rename", t.name, *t.renamed_from));
      }
      if (!old || to_tables_.find(*t.renamed_from)) {
        throw InputError(fmt::format(
            "table '{}': renamed_from '{}' matches no table in the database", t.name,
            *t.renamed_from));
      }
      changes_.push_back(RenameTable{*t.renamed_from, t.name});
      table_renames_[*t.renamed_from] = t.name;
      pair(i, *old);
    }
  }

  void pair(std::size_t to_table, std::size_t from_table) {
    pair_of_[to_table] = from_table;
    matched_from_[from_table] = true;
  }

  // A table name of the old schema as the new schema calls it.
  const std::string& renamed_table(const std::string& name) const {
    auto it = table_renames_.find(name);
    return it == table_renames_.end() ? name : it->second;
  }

  // `to` stands at `to_index` in the new schema.
  void diff_table(const Table& from, const Table& to, std::size_t to_index) {
    std::unordered_map<std::string, std::string> column_renames;  // old -> new
    ColumnPositions from_columns(from.columns);
    std::vector<char>& matched = matched_columns_;  // by position in `from`
    matched.assign(from.columns.size(), false);

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
        added_columns_.push_back({to_index, &c.name});
        continue;
      }
      matched[*old] = true;
      diff_column(to.name, from.columns[*old], c);
    }
    for (std::size_t i = 0; i < from.columns.size(); ++i) {
      if (matched[i]) continue;
      const Column& c = from.columns[i];
      changes_.push_back(DropColumn{to.name, c});
      dropped_columns_.push_back({to_index, &c.name});
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

  // Whether `columns` (in order of table) holds `column` of the new schema's
  // table at `table`.
  static bool holds(const std::vector<TableColumn>& columns, std::size_t table,
                    const std::string& column) {
    auto it = std::lower_bound(columns.begin(), columns.end(), table,
                               [](const TableColumn& c, std::size_t t) { return c.table < t; });
    for (; it != columns.end() && it->table == table; ++it) {
      if (*it->column == column) return true;
    }
    return false;
  }

  bool added_column(const std::string& to_table, const std::string& column) {
    const std::optional<std::size_t> table = to_tables_.find(to_table);
    return table && holds(added_columns_, *table, column);
  }

  // Relation shape changes keep their links: foreign_key -> many_to_many
  // copies the column into the new junction; an implicit junction replaced by
  // a `through` model copies its rows.
  void keep_links() {
    // Shapes going back (many_to_many -> foreign_key, `through` -> implicit):
    // the old side is a lowered schema that knows its junctions.
    for (std::size_t i = 0; i < from_.tables.size(); ++i) {
      const Table& table = from_.tables[i];
      if (!table.junction || matched_from_[i]) continue;
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
      const std::optional<std::size_t> implicit = to_tables_.find(j.implicit_table);
      if (!implicit || pair_of_[*implicit] != kNone) continue;
      CopyLinks copy;
      copy.mode = CopyLinks::Mode::kJunctionToJunction;
      copy.relation = j.model + "." + j.field;
      copy.from_table = table.name;
      copy.from_source_column = j.source_column;
      copy.from_target_column = j.target_column;
      copy.to_table = to_.tables[*implicit].name;
      copy.to_source_column = j.implicit_source_column;
      copy.to_target_column = j.implicit_target_column;
      changes_.push_back(copy);
    }
    for (std::size_t i = 0; i < to_.tables.size(); ++i) {
      const Table& table = to_.tables[i];
      if (!table.junction) continue;
      const schema::JunctionOrigin& j = *table.junction;
      const bool added = pair_of_[i] == kNone;
      if (!j.through && added) copy_column_links(table, j);
      if (j.through && table.name != j.implicit_table) {
        const std::optional<std::size_t> old = from_tables_.find(j.implicit_table);
        if (old && !matched_from_[*old]) copy_junction_links(table, j, from_.tables[*old]);
      }
    }
  }

  // foreign_key -> many_to_many on the same field name: the old column's
  // values become the new junction's rows before the column is dropped.
  void copy_column_links(const Table& junction, const schema::JunctionOrigin& j) {
    const std::optional<std::size_t> source = to_tables_.find(j.source_table);
    if (!source || pair_of_[*source] == kNone ||
        !holds(dropped_columns_, *source, j.foreign_key_column)) {
      return;
    }
    for (const auto& fk : from_.tables[pair_of_[*source]].foreign_keys) {
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
  void copy_junction_links(const Table& through, const schema::JunctionOrigin& j,
                           const Table& old) {
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
  TableFinder from_tables_;
  TableFinder to_tables_;
  // By position in to_: the position in from_ of the table it pairs with, or kNone.
  std::vector<std::size_t> pair_of_;
  std::vector<bool> matched_from_;  // by position in from_
  std::unordered_map<std::string, std::string> table_renames_;  // old -> new
  // diff_table's, kept to reuse its memory. Bytes: std::vector<bool>'s bits,
  // set and tested one by one, took a tenth of the diff's instructions.
  std::vector<char> matched_columns_;
  std::vector<TableColumn> added_columns_;    // in order of table
  std::vector<TableColumn> dropped_columns_;  // in order of table; the old column's name
  std::vector<Change> changes_;
};

}  // namespace

std::vector<Change> diff(const schema::Database& from, const schema::Database& to,
                         const schema::Dialect& dialect) {
  return Differ(from, to, dialect).run();
}

}  // namespace keyway::diff
