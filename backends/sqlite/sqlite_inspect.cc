// inspect(): the live SQLite schema as keyway's IR, in a fixed number of
// queries whatever the number of tables. sqlite_master is read once; columns,
// indexes and foreign keys come from the pragma table-valued functions joined
// against it (https://www.sqlite.org/pragma.html#pragfunc), one query each;
// an index's columns come from its CREATE INDEX text when that names only
// columns, from pragma_index_xinfo otherwise (see written_index_columns()).
// What the pragmas do not report (constraint names, DEFERRABLE, CHECK) is read
// from the CREATE TABLE text by parse_create_table().
#include <algorithm>
#include <cstddef>
#include <exception>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "backends/sqlite/sqlite_create_table.h"
#include "backends/sqlite/sqlite_driver.h"
#include "backends/sqlite/sqlite_inspect_values.h"
#include "core/errors.h"
#include "core/schema/naming.h"

namespace keyway::backends::sqlite {

namespace {

using schema::lower_ascii;

// The tables inspect reports: ordinary tables, without SQLite's own
// (sqlite_*), keyway's history (keyway_*) and the temporary tables of a
// rebuild (_keyway_*). Virtual tables are left out too: their pragmas fail
// when the module is not loaded. SQLite compares names case-insensitively, and
// so does LIKE. `sqlite_master` is the name that works on every SQLite version
// (sqlite_schema is its alias since 3.33).
constexpr const char* kTableFilter =
    R"(m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\')"
    R"( AND m.name NOT LIKE 'keyway\_%' ESCAPE '\' AND m.name NOT LIKE '\_keyway\_%' ESCAPE '\')"
    R"( AND m.sql NOT LIKE 'CREATE VIRTUAL TABLE%')";

bool is_skipped(const std::string& name) {
  return starts_with_ci(name, "sqlite_") || starts_with_ci(name, "keyway_") ||
         starts_with_ci(name, "_keyway_");
}

bool is_virtual(const std::string& sql) { return starts_with_ci(sql, "create virtual table"); }

// A shadow table holds a virtual table's data (FTS3/4/5, R*Tree): it is named
// <virtual table>_<suffix> and belongs to its virtual table, so it is not
// reported on its own (https://www.sqlite.org/vtab.html#the_xshadowname_method).
bool is_shadow(const std::string& name, const std::unordered_set<std::string>& virtual_tables) {
  if (virtual_tables.empty()) return false;
  static const std::unordered_set<std::string> kSuffixes = {
      "content", "segments", "segdir", "docsize", "stat",   "data",
      "idx",     "config",   "node",   "rowid",   "parent"};
  const std::string lower = lower_ascii(name);
  for (std::size_t at = lower.find('_'); at != std::string::npos; at = lower.find('_', at + 1)) {
    if (virtual_tables.contains(lower.substr(0, at)) && kSuffixes.contains(lower.substr(at + 1))) {
      return true;
    }
  }
  return false;
}


schema::Action parse_action(const std::string& text) {
  const std::string a = lower_ascii(text);
  if (a == "cascade") return schema::Action::kCascade;
  if (a == "restrict") return schema::Action::kRestrict;
  if (a == "set null") return schema::Action::kSetNull;
  if (a == "set default") return schema::Action::kSetDefault;
  return schema::Action::kNoAction;
}

// An index as sqlite_master lists it.
struct IndexObject {
  std::string name;
  std::string table;
  std::string sql;  // empty for an autoindex
  std::optional<std::vector<std::string>> columns;  // read from `sql`, when it gives them
};

struct TableState {
  schema::Table table;
  CreateTable parsed;
  std::vector<bool> parsed_fk_used;
  std::vector<std::pair<long long, std::string>> pk;  // (position in the key, column)
  std::string pk_declared_type;  // as declared, when the key is one column
};

// Opens a savepoint so the four queries read one consistent snapshot, inside
// or outside a caller's transaction; inspection changes nothing, so the
// savepoint is always released.
class Snapshot {
 public:
  explicit Snapshot(soci::session& session) : session_(session) {
    session_ << "SAVEPOINT " + name();
  }
  ~Snapshot() {
    try {
      session_ << "RELEASE " + name();
    } catch (const std::exception&) {
      // A destructor must not throw. Every query has finished by now, so
      // RELEASE fails only on a broken connection, which the next statement reports.
    }
  }
  Snapshot(const Snapshot&) = delete;
  Snapshot& operator=(const Snapshot&) = delete;

 private:
  static std::string name() { return SqliteDialect().quote("keyway_inspect"); }
  soci::session& session_;
};

class Inspector {
 public:
  explicit Inspector(soci::session& session) : session_(session) {}

  schema::Database run() {
    {
      Snapshot snapshot(session_);
      read_objects();
      read_columns();
      read_indexes();
      read_foreign_keys();
    }
    return finish();
  }

 private:
  soci::rowset<soci::row> query(const std::string& select) {
    return (session_.prepare << select);
  }

  TableState* find(const std::string& name) {
    auto it = by_name_.find(name);
    return it == by_name_.end() ? nullptr : &tables_[it->second];
  }

  // The place of a table in tables_, or kNoTable.
  static constexpr std::size_t kNoTable = static_cast<std::size_t>(-1);
  std::size_t position(const std::string& name) const {
    auto it = by_name_.find(name);
    return it == by_name_.end() ? kNoTable : it->second;
  }

  // A table a foreign key names, as written: SQLite matches it case-insensitively.
  TableState* find_referenced(const std::string& name) {
    auto it = by_lower_name_.find(lower_ascii(name));
    return it == by_lower_name_.end() ? nullptr : &tables_[it->second];
  }

  void read_objects() {
    struct Object {
      std::string type, name, table, sql;
    };
    std::vector<Object> objects;
    std::unordered_set<std::string> virtual_tables;  // lower-case names
    std::unordered_set<std::string> views;           // lower-case names
    for (const soci::row& row : query("SELECT type, name, tbl_name, sql FROM main.sqlite_master")) {
      Object o{string_at(row, 0), string_at(row, 1), string_at(row, 2), string_at(row, 3)};
      if (o.type == "table" && is_virtual(o.sql)) virtual_tables.insert(lower_ascii(o.name));
      if (o.type == "view") views.insert(lower_ascii(o.name));
      objects.push_back(std::move(o));
    }
    for (const Object& o : objects) {
      if (o.type != "table" || is_skipped(o.name) || is_shadow(o.name, virtual_tables)) continue;
      if (is_virtual(o.sql)) {
        db_.unmanaged.push_back("virtual table " + o.name);
        continue;
      }
      TableState state;
      state.table.name = o.name;
      state.parsed = parse_create_table(o.sql).value_or(CreateTable{});
      state.parsed_fk_used.assign(state.parsed.foreign_keys.size(), false);
      by_name_.emplace(o.name, tables_.size());
      by_lower_name_.emplace(lower_ascii(o.name), tables_.size());
      tables_.push_back(std::move(state));
    }
    for (const Object& o : objects) {
      if (o.type == "view") {
        db_.unmanaged.push_back("view " + o.name);
      } else if (o.type == "index") {
        if (index_by_name_.try_emplace(o.name, indexes_.size()).second) {
          indexes_.push_back(IndexObject{o.name, o.table, o.sql, std::nullopt});
        }
      } else if (o.type == "trigger" && !is_skipped(o.table)) {
        const bool on_view = views.contains(lower_ascii(o.table));
        db_.unmanaged.push_back(
            fmt::format("trigger {} on {} {}", o.name, on_view ? "view" : "table", o.table));
        if (TableState* t = find_referenced(o.table)) t->table.recreate_sql.push_back(o.sql);
      }
    }
  }

  void read_columns() {
    const std::string select = fmt::format(
        R"(SELECT m.name, p.name, p.type, p."notnull", p.dflt_value, p.pk, p.hidden)"
        R"( FROM main.sqlite_master AS m JOIN pragma_table_xinfo(m.name, 'main') AS p)"
        R"( WHERE {})",
        kTableFilter);
    // No ORDER BY: sorting every column of the schema by table name cost a
    // third of the query (~90 ms at 10,000 tables). The pragma is the inner
    // loop of the join and lists a table's columns in their declared order,
    // so each table's rows come together, in order: one lookup per table.
    // A table's columns are gathered in `columns`, one buffer for every
    // table, and moved into the table once all are read, into a vector of
    // exactly their number. Grown by push_back, a table of 10 columns held
    // room for 16: at 10,000 tables, 4.6 of the 13.4 MB the live schema's
    // columns took were never used.
    std::string current_name;
    TableState* t = nullptr;
    std::vector<schema::Column> columns;
    auto move_columns = [&] {
      if (t == nullptr || columns.empty()) return;
      std::vector<schema::Column>& into = t->table.columns;
      into.reserve(into.size() + columns.size());
      into.insert(into.end(), std::make_move_iterator(columns.begin()),
                  std::make_move_iterator(columns.end()));
      columns.clear();
    };
    for (const soci::row& row : query(select)) {
      std::string name = string_at(row, 0);
      if (t == nullptr || name != current_name) {
        move_columns();
        t = find(name);
        current_name = std::move(name);
      }
      if (t == nullptr) continue;
      schema::Column column;
      column.name = string_at(row, 1);
      if (integer_at(row, 6) != 0) {  // generated (2, 3) or hidden (1) column
        t->table.unmanaged.push_back("generated column " + column.name);
        continue;
      }
      const std::string declared = string_at(row, 2);
      column.type = parse_declared_type(declared);
      const long long pk = integer_at(row, 5);
      column.nullable = integer_at(row, 3) == 0 && pk == 0;
      if (auto dflt = value_at(row, 4)) column.default_value = parse_default(*dflt);
      if (pk > 0) {
        t->pk.emplace_back(pk, column.name);
        t->pk_declared_type = declared;
      }
      columns.push_back(std::move(column));
    }
    move_columns();
    for (TableState& t : tables_) {
      std::sort(t.pk.begin(), t.pk.end());
      for (const auto& [position, name] : t.pk) t.table.primary_key.push_back(name);
      mark_rowid_alias(t);
    }
  }

  // A lone column declared exactly INTEGER PRIMARY KEY in a rowid table is an
  // alias of the rowid (https://www.sqlite.org/lang_createtable.html#rowid):
  // SQLite fills it in on insert, so it is auto_increment either way. With
  // AUTOINCREMENT it is what keyway writes for auto/big_auto (the dialect
  // renders both alike), read back as kBigAuto, the implicit `id` type. Without
  // AUTOINCREMENT it stays kInteger, the type as declared, yet still
  // auto_increment: it is a rowid alias, only one that may reuse the ids of
  // deleted rows. Whether that differs from kBigAuto is the dialect's call.
  void mark_rowid_alias(TableState& t) {
    if (t.table.primary_key.size() != 1 || t.parsed.without_rowid) return;
    schema::Column* column = t.table.find_column(t.table.primary_key.front());
    if (column == nullptr) return;
    if (lower_ascii(t.pk_declared_type) != "integer") return;
    column->auto_increment = true;
    if (t.parsed.autoincrement) column->type = schema::ColumnType{schema::TypeKind::kBigAuto};
  }

  struct IndexRows {
    std::string name;
    bool unique = false;
    std::string origin;
    bool partial = false;
    bool expression = false;
    std::vector<std::string> columns;
  };

  // The key columns of an index whose CREATE INDEX text names only columns of
  // its table, as the table spells them (as pragma_index_xinfo reports them).
  std::optional<std::vector<std::string>> columns_from_text(const IndexObject& index) {
    if (index.sql.empty()) return std::nullopt;
    const TableState* t = find(index.table);
    if (t == nullptr) return std::nullopt;
    std::optional<std::vector<std::string>> columns = written_index_columns(index.sql);
    if (!columns) return std::nullopt;
    for (std::string& written : *columns) {
      const schema::Column* column = nullptr;
      for (const schema::Column& c : t->table.columns) {
        if (equal_ci(c.name, written)) column = &c;
      }
      if (column == nullptr) return std::nullopt;  // rowid, a string, a hidden column...
      written = column->name;
    }
    return columns;
  }

  // One query in two parts: pragma_index_list for every table, and
  // pragma_index_xinfo only for the indexes whose columns the CREATE INDEX
  // text does not give (autoindexes of UNIQUE constraints, expressions,
  // COLLATE, ...), named in a JSON array. No ORDER BY: sorting the rows of
  // the whole schema cost n log n. The pragmas are the inner loops of their
  // joins, so a table's indexes come together, and an index's columns
  // together; each table's indexes are resolved after every row is read, in
  // the order of their names, as the sorted query gave them.
  void read_indexes() {
    std::vector<std::string> need_pragma;
    for (IndexObject& index : indexes_) {
      index.columns = columns_from_text(index);
      // The indexes of tables left out (keyway's history...) are not asked for.
      if (!index.columns && position(index.table) != kNoTable) need_pragma.push_back(index.name);
    }
    const std::string need = json_array(need_pragma);
    const std::string select = fmt::format(
        R"(SELECT m.name, il.name, il."unique", il.origin, il.partial, NULL, NULL, NULL)"
        R"( FROM main.sqlite_master AS m JOIN pragma_index_list(m.name, 'main') AS il)"
        R"( WHERE {} AND il.origin <> 'pk')"
        R"( UNION ALL SELECT NULL, j.value, NULL, NULL, NULL, ii.cid, ii.name, ii.seqno)"
        R"( FROM json_each(:need) AS j JOIN pragma_index_xinfo(j.value, 'main') AS ii)"
        R"( WHERE ii."key" = 1)",
        kTableFilter);
    struct KeyColumn {
      long long seqno;
      long long cid;
      std::string name;
    };
    std::unordered_map<std::string, std::vector<KeyColumn>> from_pragma;  // index -> its columns
    from_pragma.reserve(need_pragma.size());
    std::vector<std::vector<IndexRows>> by_table(tables_.size());
    std::string current_table;
    std::size_t table = kNoTable;
    std::vector<KeyColumn>* current_index = nullptr;
    std::string current_index_name;
    soci::rowset<soci::row> rows = (session_.prepare << select, soci::use(need, "need"));
    for (const soci::row& row : rows) {
      std::string name = string_at(row, 1);
      if (row.get_indicator(0) == soci::i_null) {
        if (current_index == nullptr || name != current_index_name) {
          current_index = &from_pragma[name];
          current_index_name = std::move(name);
        }
        current_index->push_back(
            KeyColumn{integer_at(row, 7), integer_at(row, 5), string_at(row, 6)});
        continue;
      }
      std::string table_name = string_at(row, 0);
      if (current_table.empty() || table_name != current_table) {
        table = position(table_name);
        current_table = std::move(table_name);
      }
      if (table == kNoTable) continue;
      by_table[table].push_back(IndexRows{std::move(name), integer_at(row, 2) != 0,
                                          string_at(row, 3), integer_at(row, 4) != 0, false, {}});
    }
    for (std::size_t i = 0; i < tables_.size(); ++i) {
      std::vector<IndexRows>& indexes = by_table[i];
      std::sort(indexes.begin(), indexes.end(),
                [](const IndexRows& a, const IndexRows& b) { return a.name < b.name; });
      for (IndexRows& index : indexes) {
        const auto object = index_by_name_.find(index.name);
        if (object != index_by_name_.end() && indexes_[object->second].columns) {
          index.columns = *indexes_[object->second].columns;
        } else if (auto it = from_pragma.find(index.name); it != from_pragma.end()) {
          std::vector<KeyColumn>& key = it->second;
          std::stable_sort(key.begin(), key.end(), [](const KeyColumn& a, const KeyColumn& b) {
            return a.seqno < b.seqno;
          });
          for (KeyColumn& column : key) {
            // cid -2 is an expression; -1 the rowid, which keyway cannot name either.
            if (column.cid < 0) {
              index.expression = true;
            } else {
              index.columns.push_back(column.name);
            }
          }
        }
        add_index(tables_[i], index);
      }
    }
  }

  void add_index(TableState& state, const IndexRows& rows) {
    TableState* t = &state;
    if (rows.partial || rows.expression) {
      t->table.unmanaged.push_back(
          fmt::format("{} index {}", rows.partial ? "partial" : "expression", rows.name));
      if (auto it = index_by_name_.find(rows.name); it != index_by_name_.end()) {
        const std::string& sql = indexes_[it->second].sql;
        if (!sql.empty()) t->table.recreate_sql.push_back(sql);
      }
      return;
    }
    if (!rows.unique) {
      t->table.indexes.push_back({rows.name, rows.columns});
      return;
    }
    std::string name = rows.name;  // CREATE UNIQUE INDEX (origin 'c') keeps its name
    if (rows.origin == "u") {      // sqlite_autoindex_* of a UNIQUE constraint
      name = schema::constraint_name(t->table.name, rows.columns, "key");
      for (const ParsedUnique& u : t->parsed.uniques) {
        if (u.name && equal_ci(u.columns, rows.columns)) name = *u.name;
      }
    }
    t->table.uniques.push_back({name, rows.columns});
  }

  struct ForeignKeyRow {
    long long id = 0;
    long long seq = 0;
    std::string ref_table;
    std::string column;
    std::optional<std::string> ref_column;
    std::string on_update;
    std::string on_delete;
  };

  struct ForeignKeyRows {
    std::string ref_table;
    std::vector<std::string> columns;
    std::vector<std::optional<std::string>> ref_columns;
    std::string on_update;
    std::string on_delete;
  };

  // No ORDER BY, as in read_indexes(): a table's rows come together; each
  // table's are put in the order the sorted query gave, id DESC, seq.
  void read_foreign_keys() {
    const std::string select = fmt::format(
        R"(SELECT m.name, f.id, f."table", f."from", f."to", f.on_update, f.on_delete, f.seq)"
        R"( FROM main.sqlite_master AS m JOIN pragma_foreign_key_list(m.name, 'main') AS f)"
        R"( WHERE {})",
        kTableFilter);
    std::vector<std::vector<ForeignKeyRow>> by_table(tables_.size());
    std::string current_table;
    std::size_t table = kNoTable;
    for (const soci::row& row : query(select)) {
      std::string table_name = string_at(row, 0);
      if (current_table.empty() || table_name != current_table) {
        table = position(table_name);
        current_table = std::move(table_name);
      }
      if (table == kNoTable) continue;
      by_table[table].push_back(ForeignKeyRow{integer_at(row, 1), integer_at(row, 7),
                                              string_at(row, 2), string_at(row, 3),
                                              value_at(row, 4), string_at(row, 5),
                                              string_at(row, 6)});
    }
    // SQLite numbers foreign keys from the last declared, so id DESC is the
    // order of declaration, the order the CREATE TABLE text is matched in.
    for (std::size_t i = 0; i < tables_.size(); ++i) {
      std::vector<ForeignKeyRow>& rows = by_table[i];
      std::stable_sort(rows.begin(), rows.end(),
                       [](const ForeignKeyRow& a, const ForeignKeyRow& b) {
                         return a.id != b.id ? a.id > b.id : a.seq < b.seq;
                       });
      for (std::size_t first = 0; first < rows.size();) {
        ForeignKeyRows key{std::move(rows[first].ref_table), {}, {},
                           std::move(rows[first].on_update), std::move(rows[first].on_delete)};
        std::size_t end = first;
        for (; end < rows.size() && rows[end].id == rows[first].id; ++end) {
          key.columns.push_back(std::move(rows[end].column));
          key.ref_columns.push_back(std::move(rows[end].ref_column));
        }
        add_foreign_key(tables_[i], key);
        first = end;
      }
    }
  }

  void add_foreign_key(TableState& state, const ForeignKeyRows& rows) {
    TableState* t = &state;
    schema::ForeignKey fk;
    fk.columns = rows.columns;
    fk.on_delete = parse_action(rows.on_delete);
    fk.on_update = parse_action(rows.on_update);
    const TableState* parent = find_referenced(rows.ref_table);
    fk.ref_table = parent != nullptr ? parent->table.name : rows.ref_table;
    const bool to_primary_key = std::any_of(rows.ref_columns.begin(), rows.ref_columns.end(),
                                            [](const auto& c) { return !c.has_value(); });
    if (to_primary_key) {
      if (parent != nullptr) fk.ref_columns = parent->table.primary_key;
    } else {
      for (const auto& written : rows.ref_columns) {
        fk.ref_columns.push_back(*written);
        if (parent == nullptr) continue;
        for (const schema::Column& c : parent->table.columns) {
          if (equal_ci(c.name, *written)) fk.ref_columns.back() = c.name;
        }
      }
    }
    fk.name = schema::constraint_name(t->table.name, fk.columns, "fkey");
    if (const ParsedForeignKey* written = match_written(*t, rows)) {
      if (written->name) fk.name = *written->name;
      fk.deferrable = written->deferrable;
    }
    t->table.foreign_keys.push_back(std::move(fk));
  }

  // The first clause of the CREATE TABLE text not matched yet that has the
  // same columns and referenced table (and referenced columns, when written).
  const ParsedForeignKey* match_written(TableState& t, const ForeignKeyRows& rows) {
    for (std::size_t i = 0; i < t.parsed.foreign_keys.size(); ++i) {
      const ParsedForeignKey& written = t.parsed.foreign_keys[i];
      if (t.parsed_fk_used[i] || !equal_ci(written.columns, rows.columns) ||
          !equal_ci(written.ref_table, rows.ref_table)) {
        continue;
      }
      if (!written.ref_columns.empty() &&
          !std::equal(written.ref_columns.begin(), written.ref_columns.end(),
                      rows.ref_columns.begin(), rows.ref_columns.end(),
                      [](const std::string& w, const std::optional<std::string>& c) {
                        return equal_ci(w, c ? std::string_view(*c) : std::string_view());
                      })) {
        continue;
      }
      t.parsed_fk_used[i] = true;
      return &written;
    }
    return nullptr;
  }

  // Unnamed checks are named as lower() names a field's check,
  // <table>_<column>_check (or <table>_check at table level), numbered from 1
  // after the first when several would share a name.
  void add_checks(TableState& t) {
    std::map<std::string, int> taken;
    for (const ParsedCheck& c : t.parsed.checks) {
      if (c.name) ++taken[*c.name];
    }
    for (const ParsedCheck& c : t.parsed.checks) {
      std::string name;
      if (c.name) {
        name = *c.name;
      } else {
        std::vector<std::string> columns;
        if (c.column) columns.push_back(*c.column);
        name = schema::constraint_name(t.table.name, columns, "check");
        for (int n = 1; taken.contains(name); ++n) {
          name = schema::constraint_name(t.table.name, columns, fmt::format("check{}", n));
        }
        ++taken[name];
      }
      t.table.checks.push_back({name, c.expression});
    }
  }

  schema::Database finish() {
    // Tables by name: the names, copied side by side with their places, are
    // sorted, and each table is moved once, not at every step of the sort.
    std::vector<std::pair<std::string, std::size_t>> order;
    order.reserve(tables_.size());
    for (std::size_t i = 0; i < tables_.size(); ++i) order.emplace_back(tables_[i].table.name, i);
    std::sort(order.begin(), order.end());
    db_.tables.reserve(tables_.size());
    for (const auto& [name, i] : order) {
      TableState& t = tables_[i];
      add_checks(t);
      auto by_name = [](const auto& a, const auto& b) { return a.name < b.name; };
      std::sort(t.table.uniques.begin(), t.table.uniques.end(), by_name);
      std::sort(t.table.indexes.begin(), t.table.indexes.end(), by_name);
      std::sort(t.table.unmanaged.begin(), t.table.unmanaged.end());
      db_.tables.push_back(std::move(t.table));
    }
    std::sort(db_.unmanaged.begin(), db_.unmanaged.end());
    return std::move(db_);
  }

  soci::session& session_;
  schema::Database db_;
  std::vector<TableState> tables_;
  std::unordered_map<std::string, std::size_t> by_name_;
  std::unordered_map<std::string, std::size_t> by_lower_name_;
  std::vector<IndexObject> indexes_;                         // in sqlite_master's order
  std::unordered_map<std::string, std::size_t> index_by_name_;  // index -> its place
};

}  // namespace

schema::Database inspect(soci::session& session) {
  try {
    return Inspector(session).run();
  } catch (const soci::soci_error& e) {
    throw DatabaseError(fmt::format("cannot inspect the SQLite database: {}", e.what()));
  }
}

}  // namespace keyway::backends::sqlite
