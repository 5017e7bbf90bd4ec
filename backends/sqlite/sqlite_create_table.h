// A small reader of SQLite CREATE TABLE (and plain CREATE INDEX) statements, as sqlite_schema keeps
// them. SQLite's pragmas report foreign keys without their names and without
// DEFERRABLE, and report no CHECK constraints at all; this reader recovers
// them from the statement text. It understands quoted identifiers ("x", `x`,
// [x]), string literals, comments and nested parentheses, and skips whatever
// it does not need (types, defaults, collations, conflict clauses).
//
// The text comes from the database, which has already accepted it, so the
// reader never fails: what it cannot read it leaves out.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace keyway::backends::sqlite {

// REFERENCES, either a table constraint (FOREIGN KEY (cols) REFERENCES ...)
// or a column constraint (col ... REFERENCES ...).
struct ParsedForeignKey {
  std::optional<std::string> name;       // CONSTRAINT name, when given
  std::vector<std::string> columns;      // as written
  std::string ref_table;                 // as written
  std::vector<std::string> ref_columns;  // empty: the parent's primary key
  bool deferrable = false;               // DEFERRABLE INITIALLY DEFERRED
  std::string text;                      // the constraint as written
};

// UNIQUE, as a table constraint (UNIQUE (cols)) or a column constraint.
struct ParsedUnique {
  std::optional<std::string> name;
  std::vector<std::string> columns;
  std::string text;
};

// CHECK (expression). `column` is set for a column constraint.
struct ParsedCheck {
  std::optional<std::string> name;
  std::optional<std::string> column;
  std::string expression;  // the text inside the parentheses, trimmed
  std::string text;
};

struct CreateTable {
  std::string table;
  std::vector<ParsedForeignKey> foreign_keys;  // in the order written
  std::vector<ParsedUnique> uniques;
  std::vector<ParsedCheck> checks;
  bool autoincrement = false;   // some column is PRIMARY KEY AUTOINCREMENT
  bool without_rowid = false;   // WITHOUT ROWID table option
};

// Reads `sql`; std::nullopt when it is not a CREATE TABLE with a column list
// (CREATE VIRTUAL TABLE, CREATE TABLE ... AS SELECT, anything else).
std::optional<CreateTable> parse_create_table(const std::string& sql);

// The columns of `CREATE [UNIQUE] INDEX [IF NOT EXISTS] [schema.]name ON
// table (column [ASC|DESC], ...)` as written, when the text is exactly that;
// std::nullopt for anything else (COLLATE, expressions, WHERE, comments).
std::optional<std::vector<std::string>> written_index_columns(const std::string& sql);

// An identifier token without its quotes: "a""b" -> a"b, `x` -> x, [x] -> x.
std::string unquote_identifier(const std::string& token);

}  // namespace keyway::backends::sqlite
