// Shared by the render, rebuild and apply tests: small builders for the
// schema IR, and a fixture holding a fresh SQLite file with foreign keys on
// (as SqliteDriver opens it) plus ways to read its schema and rows as text.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "backends/sqlite/sqlite_driver.h"
#include "core/schema/schema.h"
#include "sqlite_test_file.h"
#include "support/sql_text.h"

namespace keyway::testing {

inline schema::ColumnType type_of(schema::TypeKind kind, int length = 0) {
  return schema::ColumnType{kind, length};
}

inline schema::Column column(const std::string& name, schema::ColumnType type,
                             bool nullable = false) {
  schema::Column out;
  out.name = name;
  out.type = std::move(type);
  out.nullable = nullable;
  return out;
}

inline schema::Column with_default(schema::Column c, schema::Literal::Kind kind,
                                   const std::string& text) {
  c.default_value = schema::Literal{kind, text};
  return c;
}

// The implicit `id`: big_auto, `integer NOT NULL PRIMARY KEY AUTOINCREMENT`.
inline schema::Column id_column() {
  schema::Column id = column("id", type_of(schema::TypeKind::kBigAuto));
  id.auto_increment = true;
  return id;
}

// A table keyed by `id` when it has that column.
inline schema::Table table(const std::string& name, std::vector<schema::Column> columns) {
  schema::Table out;
  out.name = name;
  out.columns = std::move(columns);
  if (out.find_column("id") != nullptr) out.primary_key = {"id"};
  return out;
}

inline schema::ForeignKey foreign_key(const std::string& name, const std::string& column,
                                      const std::string& ref_table,
                                      schema::Action on_delete = schema::Action::kCascade) {
  schema::ForeignKey key;
  key.name = name;
  key.columns = {column};
  key.ref_table = ref_table;
  key.ref_columns = {"id"};
  key.on_delete = on_delete;
  return key;
}

inline schema::Database database(std::vector<schema::Table> tables) {
  schema::Database out;
  out.tables = std::move(tables);
  return out;
}

inline schema::Table& table_in(schema::Database& db, const std::string& name) {
  schema::Table* t = db.find_table(name);
  EXPECT_NE(t, nullptr) << "no table " << name;
  return *t;
}

// author(id, name) and post(id, author_id -> author ON DELETE CASCADE, title),
// as raw SQL and as the IR inspect reads from it.
inline constexpr const char* kBlogSql = R"(
CREATE TABLE "author" (
  "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
  "name" varchar(100) NOT NULL
);
CREATE TABLE "post" (
  "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
  "author_id" bigint NOT NULL,
  "title" varchar(200) NOT NULL,
  CONSTRAINT "post_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "author" ("id") ON DELETE CASCADE
);
CREATE INDEX "post_author_id_idx" ON "post" ("author_id");
)";

inline constexpr const char* kBlogRows = R"(
INSERT INTO author (name) VALUES ('ann'), ('bob'), ('cy');
INSERT INTO post (author_id, title) VALUES (1, 'a1'), (1, 'a2'), (2, 'b1'), (3, 'c1');
)";

inline schema::Database blog() {
  using schema::TypeKind;
  schema::Table author = table("author", {id_column(), column("name", type_of(TypeKind::kChar, 100))});
  schema::Table post = table("post", {id_column(), column("author_id", type_of(TypeKind::kBigInteger)),
                                      column("title", type_of(TypeKind::kChar, 200))});
  post.foreign_keys = {foreign_key("post_author_id_fkey", "author_id", "author")};
  post.indexes = {{"post_author_id_idx", {"author_id"}}};
  return database({author, post});
}

// What a database means, read through the pragmas: columns (by name),
// foreign keys, indexes with their columns, views and triggers.
inline std::string shape_of(soci::session& session) {
  return query_text(session, R"(SELECT m.name, p.name, p.type, p."notnull", p.dflt_value, p.pk
                   FROM sqlite_master AS m JOIN pragma_table_info(m.name) AS p
                   WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\'
                   ORDER BY m.name, p.name)") +
         query_text(session, R"(SELECT m.name, f."from", f."table", f."to", f.on_update, f.on_delete
                   FROM sqlite_master AS m JOIN pragma_foreign_key_list(m.name) AS f
                   WHERE m.type = 'table' ORDER BY 1, 2, 3)") +
         query_text(session, R"(SELECT m.name, il.name, il."unique", il.partial,
                          (SELECT group_concat(ii.name) FROM pragma_index_info(il.name) AS ii)
                   FROM sqlite_master AS m JOIN pragma_index_list(m.name) AS il
                   WHERE m.type = 'table' AND il.origin <> 'pk' ORDER BY 1, 2)") +
         query_text(session, "SELECT type, name, tbl_name FROM sqlite_master "
                             "WHERE type IN ('view', 'trigger') ORDER BY name");
}

// Everything, exactly: the schema as SQLite keeps its text, and every row.
inline std::string dump_of(soci::session& session) {
  std::string out =
      query_text(session, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name");
  std::vector<std::string> names;
  soci::rowset<std::string> tables =
      session.prepare << "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
  for (const auto& name : tables) names.push_back(name);
  for (const auto& name : names) {
    out += "-- " + name + "\n" + query_text(session, "SELECT * FROM \"" + name + "\" ORDER BY rowid");
  }
  return out;
}

class SqlitePlanTest : public ::testing::Test {
 protected:
  SqlitePlanTest() : session_(soci::sqlite3, file_.path()) {
    session_ << "PRAGMA foreign_keys = ON";
  }

  soci::session& session() { return session_; }

  void sql(const std::string& script) { run_sql(session_, script); }
  std::string rows(const std::string& query) { return query_text(session_, query); }

  void apply(const plan::Plan& plan) { backends::sqlite::apply(session_, plan); }

  std::string shape() { return shape_of(session_); }
  std::string dump() { return dump_of(session_); }

  int pragma(const std::string& name) {
    int value = 0;
    session_ << "PRAGMA " + name, soci::into(value);
    return value;
  }

 private:
  SqliteTestFile file_;
  soci::session session_;
};

}  // namespace keyway::testing
