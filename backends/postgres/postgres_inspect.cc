// inspect(): one PostgreSQL schema (namespace) as keyway's IR, in a fixed
// number of catalog queries whatever the number of tables: relations,
// columns, constraints, indexes and triggers are each read for every table at
// once (https://www.postgresql.org/docs/15/catalogs.html) and joined here in
// hash maps. No query runs per table.
#include <algorithm>
#include <cstddef>
#include <exception>
#include <iterator>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <soci/postgresql/soci-postgresql.h>

#include "backends/postgres/postgres_driver.h"
#include "backends/postgres/postgres_inspect_check.h"
#include "core/errors.h"

namespace keyway::backends::postgres {

namespace {

using schema::TypeKind;

// The tables inspect reports, as a condition on pg_class `c` joined with
// pg_namespace `n`: ordinary and partitioned tables of the schema (bound as
// :schema), without the partitions themselves.
constexpr const char* kTableFilter =
    "n.nspname = :schema AND c.relkind IN ('r', 'p') AND NOT c.relispartition";

// keyway's history (keyway_*) and the temporary tables of its own work
// (_keyway_*). PostgreSQL names are case-sensitive, so these are too.
bool is_skipped(const std::string& name) {
  return name.starts_with("keyway_") || name.starts_with("_keyway_");
}

// Every inspection query casts its values to text or int, so these are the
// only types SOCI hands back.
std::optional<std::string> text_at(const soci::row& row, std::size_t i) {
  if (row.get_indicator(i) == soci::i_null) return std::nullopt;
  return row.get<std::string>(i);
}

std::string string_at(const soci::row& row, std::size_t i) { return text_at(row, i).value_or(""); }

long long integer_at(const soci::row& row, std::size_t i) {
  if (row.get_indicator(i) == soci::i_null) return 0;
  switch (row.get_properties(i).get_data_type()) {
    case soci::dt_integer: return row.get<int>(i);
    case soci::dt_long_long: return row.get<long long>(i);
    default:
      throw DatabaseError(fmt::format("unexpected value type in column {} of an inspection query",
                                      row.get_properties(i).get_name()));
  }
}

bool flag_at(const soci::row& row, std::size_t i) { return integer_at(row, i) != 0; }

// pg_constraint.confdeltype / confupdtype.
schema::Action parse_action(const std::string& code) {
  if (code == "r") return schema::Action::kRestrict;
  if (code == "c") return schema::Action::kCascade;
  if (code == "n") return schema::Action::kSetNull;
  if (code == "d") return schema::Action::kSetDefault;
  return schema::Action::kNoAction;  // 'a'
}

// An integer column filled by an identity or a sequence is keyway's auto.
void mark_auto(schema::Column& column) {
  column.auto_increment = true;
  column.default_value.reset();
  if (column.type.kind == TypeKind::kInteger) column.type = schema::ColumnType{TypeKind::kAuto};
  if (column.type.kind == TypeKind::kBigInteger) {
    column.type = schema::ColumnType{TypeKind::kBigAuto};
  }
}

// Reads the catalogs in one REPEATABLE READ snapshot, so every query sees the
// same schema, when the session is not in a transaction already; inside one,
// the caller's transaction is used as it is.
class Snapshot {
 public:
  Snapshot(soci::session& session, int& query_count) : session_(session), count_(query_count) {
    // SOCI does not export the backend's type information, so no dynamic_cast.
    if (session.get_backend() == nullptr || session.get_backend_name() != "postgresql") return;
    auto* backend = static_cast<soci::postgresql_session_backend*>(session.get_backend());
    if (PQtransactionStatus(backend->conn_) == PQTRANS_IDLE) {
      run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      open_ = true;
    }
  }
  ~Snapshot() {
    if (!open_) return;
    try {
      session_ << "ROLLBACK";
    } catch (const std::exception&) {
      // A destructor must not throw; a broken connection shows on the next statement.
    }
  }
  Snapshot(const Snapshot&) = delete;
  Snapshot& operator=(const Snapshot&) = delete;

  void close() {
    if (!open_) return;
    open_ = false;
    run("COMMIT");
  }

 private:
  void run(const std::string& sql) {
    ++count_;
    session_ << sql;
  }

  soci::session& session_;
  int& count_;
  bool open_ = false;
};

class Inspector {
 public:
  Inspector(soci::session& session, const std::string& schema_name, int& query_count)
      : session_(session), schema_(schema_name), count_(query_count) {}

  schema::Database run() {
    Snapshot snapshot(session_, count_);
    read_relations();
    read_columns();
    read_constraints();
    read_indexes();
    read_triggers();
    snapshot.close();
    return finish();
  }

 private:
  // Runs one catalog query with the schema name bound as :schema.
  soci::rowset<soci::row> query(const std::string& select) {
    ++count_;
    return (session_.prepare << select, soci::use(schema_, "schema"));
  }

  schema::Table* find(const std::string& name) {
    auto it = by_name_.find(name);
    return it == by_name_.end() ? nullptr : &tables_[it->second];
  }

  void read_relations() {
    const std::string select =
        "SELECT c.relname::text, c.relkind::text FROM pg_catalog.pg_class AS c"
        " JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace"
        " WHERE n.nspname = :schema AND c.relkind IN ('r', 'p', 'v', 'm', 'f')"
        " AND NOT c.relispartition ORDER BY c.relname";
    for (const soci::row& row : query(select)) {
      const std::string name = string_at(row, 0);
      const std::string kind = string_at(row, 1);
      if (kind == "v") {
        db_.unmanaged.push_back("view " + name);
      } else if (kind == "m") {
        db_.unmanaged.push_back("materialized view " + name);
      } else if (kind == "f") {
        db_.unmanaged.push_back("foreign table " + name);
      } else if (!is_skipped(name)) {
        schema::Table table;
        table.name = name;
        if (kind == "p") table.unmanaged.push_back("partitioning of table " + name);
        by_name_.emplace(name, tables_.size());
        tables_.push_back(std::move(table));
      }
    }
  }

  void read_columns() {
    const std::string select = fmt::format(
        "SELECT c.relname::text, a.attname::text, format_type(a.atttypid, a.atttypmod),"
        " a.attnotnull::int, pg_get_expr(d.adbin, d.adrelid), a.attidentity::text,"
        " a.attgenerated::text"
        " FROM pg_catalog.pg_attribute AS a"
        " JOIN pg_catalog.pg_class AS c ON c.oid = a.attrelid"
        " JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace"
        " LEFT JOIN pg_catalog.pg_attrdef AS d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
        " WHERE {} AND a.attnum > 0 AND NOT a.attisdropped ORDER BY c.relname, a.attnum",
        kTableFilter);
    // A table's rows come together: its columns are gathered in `columns`,
    // one buffer for every table, and moved into the table once all are read,
    // into a vector of exactly their number. Grown by push_back, a table of
    // 10 columns held room for 16: at 10,000 tables, 4.6 of the 13.4 MB the
    // live schema's columns took were never used.
    std::string current_name;
    schema::Table* table = nullptr;
    std::vector<schema::Column> columns;
    auto move_columns = [&] {
      if (table == nullptr || columns.empty()) return;
      table->columns.reserve(table->columns.size() + columns.size());
      table->columns.insert(table->columns.end(), std::make_move_iterator(columns.begin()),
                            std::make_move_iterator(columns.end()));
      columns.clear();
    };
    for (const soci::row& row : query(select)) {
      std::string name = string_at(row, 0);
      if (table == nullptr || name != current_name) {
        move_columns();
        table = find(name);
        current_name = std::move(name);
      }
      if (table == nullptr) continue;
      schema::Column column;
      column.name = string_at(row, 1);
      if (!string_at(row, 6).empty()) {  // GENERATED ALWAYS AS (...) STORED
        table->unmanaged.push_back("generated column " + column.name);
        continue;
      }
      column.type = parse_format_type(string_at(row, 2));
      column.nullable = !flag_at(row, 3);
      const std::optional<std::string> default_text = text_at(row, 4);
      const bool identity = !string_at(row, 5).empty();  // 'a' ALWAYS, 'd' BY DEFAULT
      if (identity || (default_text && default_text->starts_with("nextval("))) {
        mark_auto(column);  // identity, or serial/bigserial
      } else if (default_text) {
        column.default_value = parse_default(*default_text);
      }
      columns.push_back(std::move(column));
    }
    move_columns();
  }

  struct ConstraintRows {
    long long oid = 0;
    std::string table;
    std::string name;
    std::string type;  // pg_constraint.contype
    bool deferrable = false;
    bool deferred = false;
    std::string on_delete;
    std::string on_update;
    std::string ref_schema;
    std::string ref_table;
    std::string definition;
    std::vector<std::string> columns;
    std::vector<std::string> ref_columns;
  };

  void read_constraints() {
    // One row per constrained column, in key order; a constraint naming no
    // column (CHECK (false)) still has one row.
    const std::string select = fmt::format(
        "SELECT con.oid::bigint, c.relname::text, con.conname::text, con.contype::text,"
        " con.condeferrable::int, con.condeferred::int, con.confdeltype::text,"
        " con.confupdtype::text, rn.nspname::text, rc.relname::text,"
        " pg_get_constraintdef(con.oid), a.attname::text, ra.attname::text"
        " FROM pg_catalog.pg_constraint AS con"
        " JOIN pg_catalog.pg_class AS c ON c.oid = con.conrelid"
        " JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace"
        " LEFT JOIN pg_catalog.pg_class AS rc ON rc.oid = con.confrelid"
        " LEFT JOIN pg_catalog.pg_namespace AS rn ON rn.oid = rc.relnamespace"
        " LEFT JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY"
        "   AS k(attnum, refnum, ord) ON true"
        " LEFT JOIN pg_catalog.pg_attribute AS a"
        "   ON a.attrelid = con.conrelid AND a.attnum = k.attnum"
        " LEFT JOIN pg_catalog.pg_attribute AS ra"
        "   ON ra.attrelid = con.confrelid AND ra.attnum = k.refnum"
        " WHERE {} ORDER BY c.relname, con.oid, k.ord",
        kTableFilter);
    std::optional<ConstraintRows> current;
    for (const soci::row& row : query(select)) {
      const long long oid = integer_at(row, 0);
      if (!current || current->oid != oid) {
        if (current) add_constraint(*current);
        current = ConstraintRows{oid,
                                 string_at(row, 1),
                                 string_at(row, 2),
                                 string_at(row, 3),
                                 flag_at(row, 4),
                                 flag_at(row, 5),
                                 string_at(row, 6),
                                 string_at(row, 7),
                                 string_at(row, 8),
                                 string_at(row, 9),
                                 string_at(row, 10),
                                 {},
                                 {}};
      }
      if (auto column = text_at(row, 11)) current->columns.push_back(*column);
      if (auto column = text_at(row, 12)) current->ref_columns.push_back(*column);
    }
    if (current) add_constraint(*current);
  }

  void add_constraint(const ConstraintRows& rows) {
    schema::Table* table = find(rows.table);
    if (table == nullptr) return;
    if (rows.type == "p") {
      table->primary_key = rows.columns;
      for (const std::string& name : rows.columns) {
        if (schema::Column* column = table->find_column(name)) column->nullable = false;
      }
    } else if (rows.type == "u") {
      table->uniques.push_back({rows.name, rows.columns, true});
    } else if (rows.type == "c") {
      table->checks.push_back({rows.name, check_expression(rows.definition)});
    } else if (rows.type == "x") {
      table->unmanaged.push_back("exclusion constraint " + rows.name);
    } else if (rows.type == "f") {
      add_foreign_key(*table, rows);
    }
  }

  void add_foreign_key(schema::Table& table, const ConstraintRows& rows) {
    if (rows.ref_schema != schema_) {
      // keyway describes one schema; a key into another is kept as it is.
      table.unmanaged.push_back(fmt::format("foreign key {} to {}.{}", rows.name,
                                            rows.ref_schema, rows.ref_table));
      return;
    }
    schema::ForeignKey key;
    key.name = rows.name;
    key.columns = rows.columns;
    key.ref_table = rows.ref_table;
    key.ref_columns = rows.ref_columns;
    key.on_delete = parse_action(rows.on_delete);
    key.on_update = parse_action(rows.on_update);
    key.deferrable = rows.deferrable && rows.deferred;
    table.foreign_keys.push_back(std::move(key));
  }

  struct IndexRows {
    std::string table;
    std::string name;
    bool unique = false;
    bool skip = false;        // backs the primary key or a constraint
    std::string unmanaged;    // why keyway cannot express it, if it cannot
    std::vector<std::string> columns;
  };

  void read_indexes() {
    // One row per key column; attnum 0 is an expression. Indexes that back a
    // constraint (primary key, UNIQUE, EXCLUDE) are reported with it.
    const std::string select = fmt::format(
        "SELECT c.relname::text, ic.relname::text, ix.indisunique::int,"
        " (ix.indisprimary OR EXISTS (SELECT 1 FROM pg_catalog.pg_constraint AS con"
        "   WHERE con.conindid = ix.indexrelid AND con.conrelid = ix.indrelid"
        "   AND con.contype IN ('p', 'u', 'x')))::int,"
        " (ix.indpred IS NOT NULL)::int, (ix.indexprs IS NOT NULL)::int, am.amname::text,"
        " (NOT ix.indisvalid)::int, (ix.indnatts > ix.indnkeyatts)::int,"
        " EXISTS (SELECT 1 FROM unnest(ix.indclass::oid[]) AS oc(oid)"
        "   JOIN pg_catalog.pg_opclass AS o ON o.oid = oc.oid WHERE NOT o.opcdefault)::int,"
        " EXISTS (SELECT 1 FROM unnest(ix.indoption::int2[]) AS io(o) WHERE io.o <> 0)::int,"
        " k.attnum::int, a.attname::text"
        " FROM pg_catalog.pg_index AS ix"
        " JOIN pg_catalog.pg_class AS c ON c.oid = ix.indrelid"
        " JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace"
        " JOIN pg_catalog.pg_class AS ic ON ic.oid = ix.indexrelid"
        " JOIN pg_catalog.pg_am AS am ON am.oid = ic.relam"
        " CROSS JOIN LATERAL unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)"
        " LEFT JOIN pg_catalog.pg_attribute AS a"
        "   ON a.attrelid = ix.indrelid AND a.attnum = k.attnum"
        " WHERE {} AND k.ord <= ix.indnkeyatts ORDER BY c.relname, ic.relname, k.ord",
        kTableFilter);
    std::optional<IndexRows> current;
    for (const soci::row& row : query(select)) {
      const std::string table = string_at(row, 0);
      const std::string name = string_at(row, 1);
      if (!current || current->table != table || current->name != name) {
        if (current) add_index(*current);
        current = IndexRows{table, name, flag_at(row, 2), flag_at(row, 3),
                            unmanaged_kind(row), {}};
      }
      if (integer_at(row, 11) == 0 && current->unmanaged.empty()) {
        current->unmanaged = "expression";
      }
      current->columns.push_back(string_at(row, 12));
    }
    if (current) add_index(*current);
  }

  // What makes an index one keyway does not manage, from columns 4 to 10 of
  // the index query; empty for a plain b-tree index over columns.
  static std::string unmanaged_kind(const soci::row& row) {
    if (flag_at(row, 4)) return "partial";
    if (flag_at(row, 5)) return "expression";
    if (string_at(row, 6) != "btree") return string_at(row, 6);
    if (flag_at(row, 7)) return "invalid";
    if (flag_at(row, 8)) return "covering";
    if (flag_at(row, 9)) return "operator-class";
    if (flag_at(row, 10)) return "ordered";
    return "";
  }

  void add_index(const IndexRows& rows) {
    schema::Table* table = find(rows.table);
    if (table == nullptr || rows.skip) return;
    if (!rows.unmanaged.empty()) {
      table->unmanaged.push_back(fmt::format("{} index {}", rows.unmanaged, rows.name));
    } else if (rows.unique) {
      table->uniques.push_back({rows.name, rows.columns, false});
    } else {
      table->indexes.push_back({rows.name, rows.columns});
    }
  }

  void read_triggers() {
    const std::string select =
        "SELECT t.tgname::text, c.relname::text, c.relkind::text"
        " FROM pg_catalog.pg_trigger AS t"
        " JOIN pg_catalog.pg_class AS c ON c.oid = t.tgrelid"
        " JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace"
        " WHERE n.nspname = :schema AND NOT t.tgisinternal AND NOT c.relispartition"
        " ORDER BY c.relname, t.tgname";
    for (const soci::row& row : query(select)) {
      const std::string table = string_at(row, 1);
      if (is_skipped(table)) continue;
      const bool on_view = string_at(row, 2) == "v";
      db_.unmanaged.push_back(fmt::format("trigger {} on {} {}", string_at(row, 0),
                                          on_view ? "view" : "table", table));
    }
  }

  schema::Database finish() {
    auto by_name = [](const auto& a, const auto& b) { return a.name < b.name; };
    // Reserved, not grown: at 12,000 tables, a vector grown by push_back had
    // room for 16,384, 1 MB never used.
    db_.tables.reserve(tables_.size());
    for (schema::Table& table : tables_) {
      std::sort(table.uniques.begin(), table.uniques.end(), by_name);
      std::sort(table.indexes.begin(), table.indexes.end(), by_name);
      std::sort(table.foreign_keys.begin(), table.foreign_keys.end(), by_name);
      std::sort(table.checks.begin(), table.checks.end(), by_name);
      std::sort(table.unmanaged.begin(), table.unmanaged.end());
      db_.tables.push_back(std::move(table));
    }
    std::sort(db_.tables.begin(), db_.tables.end(), by_name);
    std::sort(db_.unmanaged.begin(), db_.unmanaged.end());
    return std::move(db_);
  }

  soci::session& session_;
  const std::string schema_;
  int& count_;
  schema::Database db_;
  std::vector<schema::Table> tables_;
  std::unordered_map<std::string, std::size_t> by_name_;
};

}  // namespace

schema::Database inspect(soci::session& session, const std::string& schema_name,
                         int* query_count) {
  int count = 0;
  try {
    schema::Database db = Inspector(session, schema_name, count).run();
    if (query_count != nullptr) *query_count = count;
    return db;
  } catch (const soci::soci_error& e) {
    throw DatabaseError(fmt::format("cannot inspect schema '{}' of the PostgreSQL database: {}",
                                    schema_name, e.what()));
  }
}

}  // namespace keyway::backends::postgres
