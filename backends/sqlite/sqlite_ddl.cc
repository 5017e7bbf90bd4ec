#include "backends/sqlite/sqlite_ddl.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "core/schema/naming.h"

namespace keyway::backends::sqlite {

using schema::Column;
using schema::Literal;
using schema::Table;
using schema::TypeKind;

namespace {

bool is_auto_type(const schema::ColumnType& type) {
  return type.kind == TypeKind::kAuto || type.kind == TypeKind::kBigAuto;
}

bool has_default(const Column& column) {
  return column.default_value && column.default_value->kind != Literal::Kind::kNull;
}

// The lone primary-key column written inline, or nullptr when the key is a
// table constraint. An auto-increment column of an auto type becomes
// `PRIMARY KEY AUTOINCREMENT`; an auto-increment integer (a rowid alias
// without AUTOINCREMENT, as inspect reads it) stays a plain `PRIMARY KEY`.
const Column* inline_key(const Table& table) {
  if (table.primary_key.size() != 1) return nullptr;
  const Column* column = table.find_column(table.primary_key.front());
  if (column == nullptr || !column->auto_increment) return nullptr;
  if (!is_auto_type(column->type) && column->type.kind != TypeKind::kInteger) return nullptr;
  return column;
}

bool is_identifier_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// Whether `expression` names `column` as a whole word (quoted or not),
// case-insensitively as SQLite compares identifiers. It may say yes for a
// string literal that holds the name: that only costs a rebuild.
bool expression_mentions(const std::string& expression, const std::string& column) {
  const std::string text = schema::lower_ascii(expression);
  const std::string word = schema::lower_ascii(column);
  if (word.empty()) return false;
  for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
    const bool starts = at == 0 || !is_identifier_char(text[at - 1]);
    const std::size_t end = at + word.size();
    const bool ends = end == text.size() || !is_identifier_char(text[end]);
    if (starts && ends) return true;
  }
  return false;
}

}  // namespace

std::string column_list(const std::vector<std::string>& columns, const SqliteDialect& dialect) {
  std::string out;
  for (const auto& column : columns) {
    if (!out.empty()) out += ", ";
    out += dialect.quote(column);
  }
  return out;
}

std::string references_sql(const schema::ForeignKey& key, const SqliteDialect& dialect) {
  std::string out = "REFERENCES ";
  out += dialect.quote(key.ref_table);
  out += " (";
  out += column_list(key.ref_columns, dialect);
  out += ") ON DELETE ";
  out += schema::to_sql(key.on_delete);
  if (key.on_update != schema::Action::kNoAction) {
    out += " ON UPDATE ";
    out += schema::to_sql(key.on_update);
  }
  if (key.deferrable) out += " DEFERRABLE INITIALLY DEFERRED";
  return out;
}

std::string column_sql(const Column& column, const SqliteDialect& dialect) {
  std::string out = dialect.quote(column.name);
  out += ' ';
  out += dialect.type_sql(column.type);
  if (!column.nullable) out += " NOT NULL";
  if (has_default(column)) {
    out += " DEFAULT ";
    out += literal_sql(*column.default_value);
  }
  return out;
}

bool has_autoincrement(const Table& table) {
  const Column* key = inline_key(table);
  return key != nullptr && is_auto_type(key->type);
}

// Written into one string as it goes: CREATE TABLE is most of what a plan
// that creates a schema writes.
std::string create_table_sql(const Table& table, const std::string& name,
                             const SqliteDialect& dialect) {
  const Column* key = inline_key(table);
  std::string out = "CREATE TABLE ";
  out += dialect.quote(name);
  out += " (";
  // Starts the next definition: each on a line of its own, comma-separated.
  bool first = true;
  const auto next_line = [&] {
    out += first ? "\n  " : ",\n  ";
    first = false;
  };
  for (const Column& column : table.columns) {
    if (&column == key) {
      // AUTOINCREMENT is only allowed on a column declared exactly "integer".
      next_line();
      out += dialect.quote(column.name);
      out += " integer NOT NULL PRIMARY KEY";
      if (is_auto_type(column.type)) out += " AUTOINCREMENT";
    } else {
      next_line();
      out += column_sql(column, dialect);
    }
  }
  if (key == nullptr && !table.primary_key.empty()) {
    next_line();
    out += "PRIMARY KEY (";
    out += column_list(table.primary_key, dialect);
    out += ')';
  }
  for (const auto& fk : table.foreign_keys) {
    next_line();
    if (!fk.name.empty()) {
      out += "CONSTRAINT ";
      out += dialect.quote(fk.name);
      out += ' ';
    }
    out += "FOREIGN KEY (";
    out += column_list(fk.columns, dialect);
    out += ") ";
    out += references_sql(fk, dialect);
  }
  for (const auto& check : table.checks) {
    next_line();
    if (!check.name.empty()) {
      out += "CONSTRAINT ";
      out += dialect.quote(check.name);
      out += ' ';
    }
    out += "CHECK (";
    out += check.expression;
    out += ')';
  }
  out += "\n)";
  return out;
}

std::string unique_name(const std::string& table, const schema::UniqueKey& key) {
  return key.name.empty() ? schema::constraint_name(table, key.columns, "key") : key.name;
}

std::string index_name(const std::string& table, const schema::Index& index) {
  return index.name.empty() ? schema::constraint_name(table, index.columns, "idx") : index.name;
}

namespace {

// `CREATE [UNIQUE] INDEX "name" ON "table" ("a", "b")`.
std::string index_sql(const std::string& name, const std::string& table,
                      const std::vector<std::string>& columns, bool unique,
                      const SqliteDialect& dialect) {
  std::string out = unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ";
  out += dialect.quote(name);
  out += " ON ";
  out += dialect.quote(table);
  out += " (";
  out += column_list(columns, dialect);
  out += ')';
  return out;
}

}  // namespace

std::string create_index_sql(const std::string& table, const schema::Index& index,
                             const SqliteDialect& dialect) {
  return index_sql(index_name(table, index), table, index.columns, false, dialect);
}

std::string create_unique_sql(const std::string& table, const schema::UniqueKey& key,
                              const SqliteDialect& dialect) {
  return index_sql(unique_name(table, key), table, key.columns, true, dialect);
}

std::string drop_index_sql(const std::string& name, const SqliteDialect& dialect) {
  return "DROP INDEX " + dialect.quote(name);
}

std::vector<std::string> index_statements(const Table& table, const SqliteDialect& dialect) {
  std::vector<std::string> out;
  out.reserve(table.uniques.size() + table.indexes.size());
  for (const auto& key : table.uniques) out.push_back(create_unique_sql(table.name, key, dialect));
  for (const auto& index : table.indexes) {
    out.push_back(create_index_sql(table.name, index, dialect));
  }
  return out;
}

std::vector<std::string> create_table_statements(const Table& table,
                                                 const SqliteDialect& dialect) {
  std::vector<std::string> out;
  out.reserve(1 + table.uniques.size() + table.indexes.size() + table.recreate_sql.size());
  out.push_back(create_table_sql(table, table.name, dialect));
  for (auto& statement : index_statements(table, dialect)) out.push_back(std::move(statement));
  out.insert(out.end(), table.recreate_sql.begin(), table.recreate_sql.end());
  return out;
}

std::string add_column_sql(const std::string& table, const Column& column,
                           const schema::ForeignKey* key, const SqliteDialect& dialect) {
  std::string out = "ALTER TABLE ";
  out += dialect.quote(table);
  out += " ADD COLUMN ";
  out += column_sql(column, dialect);
  if (key != nullptr) {
    if (!key->name.empty()) {
      out += " CONSTRAINT ";
      out += dialect.quote(key->name);
    }
    out += ' ';
    out += references_sql(*key, dialect);
  }
  return out;
}

bool mentions(const std::vector<std::string>& columns, const std::string& column) {
  return std::find(columns.begin(), columns.end(), column) != columns.end();
}

bool can_add_in_place(const Table& table, const Column& column) {
  if (column.auto_increment || mentions(table.primary_key, column.name)) return false;
  if (column.default_value && column.default_value->kind == Literal::Kind::kExpression) {
    return false;
  }
  return column.nullable || has_default(column);
}

bool can_drop_in_place(const Table& table, const std::string& column) {
  if (mentions(table.primary_key, column)) return false;
  for (const auto& fk : table.foreign_keys) {
    if (mentions(fk.columns, column)) return false;
  }
  for (const auto& key : table.uniques) {
    if (key.is_constraint && mentions(key.columns, column)) return false;
  }
  for (const auto& check : table.checks) {
    if (expression_mentions(check.expression, column)) return false;
  }
  return true;
}

}  // namespace keyway::backends::sqlite
