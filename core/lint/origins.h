// What each table and column of a migration's intermediate states was called
// before the migration, followed through its RENAME statements, so that the
// diff of the state before against a state during the migration reports a
// rename instead of a drop and an add.
//
// Tables created by the migration have no origin, and so are matched by name:
// SQLite's table rebuild (CREATE TABLE "x__new", copy, DROP TABLE "x",
// ALTER TABLE "x__new" RENAME TO "x") is then no change to "x" beyond what
// its new definition says.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/schema/schema.h"

namespace keyway::lint {

// ALTER TABLE a RENAME TO b, ALTER TABLE t RENAME [COLUMN] a TO b: names as
// written, unquoted (the last part of a qualified name).
struct Rename {
  std::string table;
  std::string column;  // empty: the table is renamed
  std::string to;
};

std::optional<Rename> parse_rename(std::string_view statement);

class Origins {
 public:
  explicit Origins(const schema::Database& start);

  // Follows one statement, after which the database is `state`.
  void follow(std::string_view statement, const schema::Database& state);

  // `state` with renamed_from hints where a table or column carries another
  // name than before the migration.
  schema::Database hinted(const schema::Database& state) const;

  // The name `table` (as now called) had before the migration; nullopt for a
  // table the migration created.
  std::optional<std::string> original(const std::string& table) const;

  // Whether `table` (as now called) held rows before the migration could
  // run: it was there, under its own name or another.
  bool existed(const std::string& table) const;

 private:
  struct Origin {
    std::string table;                           // empty: created by the migration
    std::map<std::string, std::string> columns;  // current name -> original name
  };
  // `name` as the database resolves it among `tables`: exactly, else
  // ignoring ASCII case.
  template <typename Map>
  static typename Map::iterator find(Map& tables, const std::string& name);

  schema::Database start_;
  std::map<std::string, Origin> tables_;  // current name -> origin
};

}  // namespace keyway::lint
