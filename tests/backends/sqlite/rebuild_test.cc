// SQLite's table rebuild on real files: tables made with raw SQL, rows in,
// a rendered plan applied, then rows and schema read back with SQL.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "backends/sqlite/sqlite_driver.h"
#include "sqlite_plan_fixture.h"

namespace keyway::testing {
namespace {

using backends::sqlite::render;
using backends::sqlite::SqliteDialect;
using diff::Change;
using schema::TypeKind;

const SqliteDialect kDialect;

class SqliteRebuild : public SqlitePlanTest {
 protected:
  void SetUp() override {
    sql(kBlogSql);
    sql(kBlogRows);
  }

  // Renders `changes` from blog() to `to` and applies the plan.
  plan::Plan apply_changes(const std::vector<Change>& changes, const schema::Database& to,
                           const schema::Database& from = blog()) {
    plan::Plan plan = render(changes, from, to, kDialect);
    apply(plan);
    return plan;
  }

  std::string object_sql(const std::string& name) {
    std::string text;
    session() << "SELECT sql FROM sqlite_master WHERE name = :name", soci::use(name),
        soci::into(text);
    return text;
  }

  // post with a check on its title: a change only a rebuild can make.
  plan::Plan add_title_check(schema::Database from = blog()) {
    schema::Database to = from;
    const schema::Check check{"post_title_check", R"(length("title") > 0)"};
    table_in(to, "post").checks.push_back(check);
    return apply_changes({diff::AddCheck{"post", check}}, to, from);
  }
};

// Without PRAGMA foreign_keys = OFF, DROP TABLE "author" would run ON DELETE
// CASCADE and empty post: the failure other migration tools are known for.
TEST_F(SqliteRebuild, RebuildingAParentKeepsEveryChildRowOfACascadingForeignKey) {
  const std::string posts = rows("SELECT id, author_id, title FROM post ORDER BY id");
  schema::Database to = blog();
  schema::Column& name = table_in(to, "author").columns[1];
  const schema::Column before = name;
  name.type = type_of(TypeKind::kChar, 150);

  const plan::Plan plan =
      apply_changes({diff::AlterColumn{"author", before, name, diff::kChangeType}}, to);

  ASSERT_EQ(plan.steps.size(), 1u);
  EXPECT_EQ(rows("SELECT id, author_id, title FROM post ORDER BY id"), posts);
  EXPECT_EQ(rows("SELECT id, name FROM author ORDER BY id"), "1|ann\n2|bob\n3|cy\n");
  EXPECT_EQ(rows("SELECT type FROM pragma_table_info('author') WHERE name = 'name'"),
            "varchar(150)\n");
  EXPECT_EQ(pragma("foreign_keys"), 1);
  sql("DELETE FROM author WHERE id = 1");  // the cascade still works on the new table
  EXPECT_EQ(rows("SELECT id FROM post ORDER BY id"), "3\n4\n");
}

TEST_F(SqliteRebuild, RebuildingAChildKeepsEveryRowAndValue) {
  sql("INSERT INTO post (author_id, title) VALUES (2, 'it''s \"quoted\"')");

  add_title_check();

  EXPECT_EQ(rows("SELECT * FROM post ORDER BY rowid"),
            "1|1|a1\n2|1|a2\n3|2|b1\n4|3|c1\n5|2|it's \"quoted\"\n");
  EXPECT_EQ(rows("SELECT * FROM author ORDER BY rowid"), "1|ann\n2|bob\n3|cy\n");
  EXPECT_EQ(rows(R"(SELECT sql LIKE '%CHECK (length("title") > 0)%' FROM sqlite_master WHERE name = 'post')"),
            "1\n");
  EXPECT_EQ(rows("SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('post')"),
            "author|author_id|id|CASCADE\n");
  EXPECT_EQ(rows("SELECT name FROM pragma_index_list('post')"), "post_author_id_idx\n");
  EXPECT_THROW(session() << "INSERT INTO post (author_id, title) VALUES (1, '')", soci::soci_error)
      << "the new check is enforced";
}

TEST_F(SqliteRebuild, RebuildRecreatesPartialIndexesAndTriggersAndKeepsViewsWorking) {
  sql(R"(
    CREATE TABLE audit (post_id integer);
    CREATE INDEX post_titled_idx ON post (title) WHERE title <> '';
    CREATE TRIGGER post_audit AFTER INSERT ON post BEGIN INSERT INTO audit VALUES (new.id); END;
    CREATE VIEW post_titles AS SELECT author.name, post.title FROM post JOIN author ON author.id = post.author_id;
  )");
  const std::string view = rows("SELECT * FROM post_titles ORDER BY 1, 2");
  const std::string kept = rows(
      "SELECT type, name, sql FROM sqlite_master WHERE name IN ('post_titled_idx', 'post_audit', "
      "'post_titles') ORDER BY name");
  schema::Database from = blog();
  // What inspect keeps for a rebuild: the text SQLite holds.
  table_in(from, "post").recreate_sql = {object_sql("post_titled_idx"), object_sql("post_audit")};

  add_title_check(from);

  EXPECT_EQ(rows("SELECT type, name, sql FROM sqlite_master WHERE name IN ('post_titled_idx', "
                 "'post_audit', 'post_titles') ORDER BY name"),
            kept);
  EXPECT_EQ(rows("SELECT name, partial FROM pragma_index_list('post') ORDER BY name"),
            "post_author_id_idx|0\npost_titled_idx|1\n");
  EXPECT_EQ(rows("SELECT * FROM post_titles ORDER BY 1, 2"), view);
  sql("INSERT INTO post (author_id, title) VALUES (2, 'b2')");
  EXPECT_EQ(rows("SELECT post_id FROM audit"), "5\n") << "the trigger fires on the new table";
}

// AUTOINCREMENT promises never to reuse an id, even of a deleted row.
TEST_F(SqliteRebuild, RebuildNeverReusesTheIdsOfRowsDeletedAtTheTop) {
  sql("DELETE FROM post WHERE id = 4");

  add_title_check();

  sql("INSERT INTO post (author_id, title) VALUES (1, 'a3')");
  EXPECT_EQ(rows("SELECT id FROM post WHERE title = 'a3'"), "5\n");
}

TEST_F(SqliteRebuild, RebuildOfASelfReferencingTableKeepsItsParentLinks) {
  sql(R"(
    CREATE TABLE "category" (
      "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
      "parent_id" bigint,
      "name" text NOT NULL,
      CONSTRAINT "category_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "category" ("id") ON DELETE CASCADE
    );
    INSERT INTO category (parent_id, name) VALUES (NULL, 'root'), (1, 'a'), (2, 'a.a'), (1, 'b');
  )");
  schema::Table category = table("category", {id_column(), column("parent_id", type_of(TypeKind::kBigInteger), true),
                                              column("name", type_of(TypeKind::kText))});
  category.foreign_keys = {foreign_key("category_parent_id_fkey", "parent_id", "category")};
  schema::Database from = blog();
  from.tables.push_back(category);
  schema::Database to = from;
  const schema::UniqueKey unique{"category_parent_id_name_key", {"parent_id", "name"}, false};
  const schema::Check check{"category_name_check", R"("name" <> '')"};
  table_in(to, "category").uniques.push_back(unique);
  table_in(to, "category").checks.push_back(check);

  apply_changes({diff::AddUnique{"category", unique}, diff::AddCheck{"category", check}}, to, from);

  EXPECT_EQ(rows("SELECT id, parent_id, name FROM category ORDER BY id"),
            "1|NULL|root\n2|1|a\n3|2|a.a\n4|1|b\n");
  EXPECT_EQ(rows("SELECT \"table\", \"from\" FROM pragma_foreign_key_list('category')"),
            "category|parent_id\n");
  EXPECT_EQ(rows("SELECT name, \"unique\" FROM pragma_index_list('category')"),
            "category_parent_id_name_key|1\n");
  sql("DELETE FROM category WHERE id = 2");
  EXPECT_EQ(rows("SELECT id FROM category ORDER BY id"), "1\n4\n");
}

TEST_F(SqliteRebuild, UndoingARebuildRestoresTheTableAndKeepsItsRows) {
  const std::string shape_before = shape();
  const std::string posts = rows("SELECT * FROM post ORDER BY id");
  schema::Database to = blog();
  schema::Table& post = table_in(to, "post");
  post.columns[1].nullable = true;
  post.foreign_keys[0].on_delete = schema::Action::kSetNull;
  const schema::Database from = blog();

  const plan::Plan plan = apply_changes(
      {diff::DropForeignKey{"post", from.tables[1].foreign_keys[0]},
       diff::AlterColumn{"post", from.tables[1].columns[1], post.columns[1], diff::kChangeNull},
       diff::AddForeignKey{"post", post.foreign_keys[0]}},
      to);
  EXPECT_EQ(rows("SELECT on_delete FROM pragma_foreign_key_list('post')"), "SET NULL\n");
  apply(plan.reversed());

  EXPECT_EQ(shape(), shape_before);
  EXPECT_EQ(rows("SELECT * FROM post ORDER BY id"), posts);
}

}  // namespace
}  // namespace keyway::testing
