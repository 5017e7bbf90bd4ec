// apply() on a real PostgreSQL server: rows kept through changes, all or
// nothing, data checks before anything changes, relationship links kept when
// a relation changes shape, and reversed plans that restore.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "backends/postgres/postgres_driver.h"
#include "core/diff/diff.h"
#include "core/plan/order.h"
#include "pg_plan_fixture.h"

namespace keyway::testing::pg {
namespace {

using diff::Change;
using diff::CopyLinks;
using schema::Action;
using schema::Literal;
using schema::TypeKind;

class PostgresApply : public PgPlanTest {
 protected:
  PostgresApply() {
    sql(kBlogSql);
    sql(kBlogRows);
  }

  std::string posts(const std::string& columns) {
    return rows("SELECT " + columns + " FROM post ORDER BY id");
  }
};

TEST_F(PostgresApply, RowsAreKeptThroughRenamesNewColumnsTypeChangesAndNewConstraints) {
  const diff::AlterColumn to_text{"post", column("headline", {TypeKind::kChar, 200}),
                                  column("headline", {TypeKind::kText}), diff::kChangeType};
  const plan::Plan plan = render(
      {diff::RenameColumn{"post", "title", "headline"},
       diff::DropIndex{"post", {"post_subtitle_idx", {"subtitle"}}},
       diff::AddColumn{"post", with_default(column("views", {TypeKind::kInteger}),
                                            Literal::Kind::kNumber, "0")},
       to_text,
       diff::AddUnique{"post", {"post_author_id_headline_key", {"author_id", "headline"}, false}},
       diff::AddCheck{"post", {"post_views_check", R"("views" >= 0)"}},
       diff::AddForeignKey{"post", foreign_key("post_editor_id_fkey", "editor_id", "author",
                                               Action::kSetNull)}},
      blog());
  apply(plan);
  EXPECT_EQ(posts("id, author_id, headline, subtitle, views"),
            "1|1|a1|one|0\n2|1|a2|NULL|0\n3|2|b1|three|0\n4|3|c1|NULL|0\n");
  EXPECT_EQ(rows("SELECT id, name FROM author ORDER BY id"), "1|ann\n2|bob\n3|cy\n");
  EXPECT_EQ(rows("SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                 "WHERE attrelid = 'post'::regclass AND attname = 'headline'"),
            "text\n");
  EXPECT_EQ(rows("SELECT conname, convalidated FROM pg_constraint WHERE conrelid = 'post'::regclass "
                 "AND conname IN ('post_author_id_headline_key', 'post_views_check', "
                 "'post_editor_id_fkey') ORDER BY 1"),
            "post_author_id_headline_key|1\npost_editor_id_fkey|1\npost_views_check|1\n");
}

TEST_F(PostgresApply, AFailingStatementLeavesSchemaAndRowsExactlyAsBefore) {
  const std::string before = shape() + dump();
  schema::Table tag = table("tag", {id_column(), column("name", {TypeKind::kText})});
  const diff::AlterColumn to_integer{"post", column("title", {TypeKind::kChar, 200}),
                                     column("title", {TypeKind::kInteger}), diff::kChangeType};
  const plan::Plan plan =
      render({diff::AddTable{tag}, diff::AddColumn{"post", column("body", {TypeKind::kText}, true)},
              to_integer},
             blog(), false);
  EXPECT_EQ(apply_error(plan),
            "step 3 (alter column post.title: type char(200) → integer) failed, nothing was "
            "changed: invalid input syntax for type integer: \"a1\"\n"
            "  statement: ALTER TABLE \"public\".\"post\" ALTER COLUMN \"title\" TYPE integer "
            "USING \"title\"::integer");
  EXPECT_EQ(shape() + dump(), before);
}

TEST_F(PostgresApply, DuplicatesOrphansAndMissingValuesAreRefusedWithCountsAndExamples) {
  sql("INSERT INTO author (name) VALUES ('ann');"
      "UPDATE post SET editor_id = 99 WHERE id IN (2, 4);");
  const std::string before = shape() + dump();
  const diff::AlterColumn not_null{"post", column("subtitle", {TypeKind::kText}, true),
                                   column("subtitle", {TypeKind::kText}), diff::kChangeNull};
  const plan::Plan plan = render(
      {diff::AddColumn{"post", column("rating", {TypeKind::kInteger})}, not_null,
       diff::AddUnique{"post", {"post_author_id_key", {"author_id"}, false}},
       diff::AddUnique{"author", {"author_name_key", {"name"}, false}},
       diff::AddCheck{"post", {"post_subtitle_check", R"(length("subtitle") > 3)"}},
       diff::AddForeignKey{"post", foreign_key("post_editor_id_fkey", "editor_id", "author")}},
      blog());
  EXPECT_EQ(apply_error(plan),
            "existing rows do not allow this plan; nothing was changed:\n"
            "  rows of post without a value for new NOT NULL column rating: 4 row(s), "
            "e.g. id=1, id=2, id=3, id=4\n"
            "  rows of post whose subtitle is NULL: 2 row(s), e.g. id=2, id=4\n"
            "  duplicate values in post(author_id): 2 row(s), e.g. author_id=1 (2 rows)\n"
            "  duplicate values in author(name): 2 row(s), e.g. name='ann' (2 rows)\n"
            "  rows of post violating check post_subtitle_check: 1 row(s), e.g. id=1\n"
            "  rows of post whose editor_id has no author.id: 2 row(s), "
            "e.g. id=2 editor_id=99, id=4 editor_id=99");
  EXPECT_EQ(shape() + dump(), before);
}

TEST_F(PostgresApply, AForeignKeyBecomingManyToManyKeepsEveryLinkAndComesBackWhenUndone) {
  const std::string before = shape();
  const std::string links = posts("id, author_id");
  schema::Table writers = junction("post_writers");
  const CopyLinks copy{CopyLinks::Mode::kColumnToJunction, "post", "id", "author_id",
                       "post_writers", "post_id", "author_id", "Post.writers"};
  const plan::Plan plan = render(
      {diff::DropForeignKey{"post", foreign_key("post_author_id_fkey", "author_id", "author")},
       diff::DropIndex{"post", {"post_author_id_idx", {"author_id"}}}, diff::AddTable{writers},
       copy, diff::DropColumn{"post", column("author_id", {TypeKind::kBigInteger})}},
      blog());
  apply(plan);
  EXPECT_EQ(rows("SELECT post_id, author_id FROM post_writers ORDER BY 1, 2"), links);
  EXPECT_EQ(rows("SELECT count(*) FROM pg_attribute WHERE attrelid = 'post'::regclass "
                 "AND attname = 'author_id' AND NOT attisdropped"),
            "0\n");
  apply(plan.reversed());
  EXPECT_EQ(posts("id, author_id"), links);
  EXPECT_EQ(shape(), before) << "author_id is NOT NULL again, with its key and index";
}

TEST_F(PostgresApply, AManyToManyBecomingAForeignKeyKeepsOneLinkPerRowTheSmallest) {
  sql("INSERT INTO post_authors (post_id, author_id) VALUES (1, 3), (1, 2), (2, 1), (3, 2), (4, 3);");
  schema::Table post_authors = junction("post_authors");
  post_authors.uniques = {{"post_authors_post_id_author_id_key", {"post_id", "author_id"}, true}};
  const CopyLinks copy{CopyLinks::Mode::kJunctionToColumn, "post_authors", "post_id", "author_id",
                       "post", "id", "writer_id", "Post.writer"};
  const plan::Plan plan = render(
      {diff::AddColumn{"post", column("writer_id", {TypeKind::kBigInteger})},
       diff::AddIndex{"post", {"post_writer_id_idx", {"writer_id"}}},
       diff::AddForeignKey{"post", foreign_key("post_writer_id_fkey", "writer_id", "author")},
       copy, diff::DropTable{post_authors}},
      blog());
  EXPECT_TRUE(plan.steps[0].checks.empty()) << "the copy fills the new NOT NULL column";
  apply(plan);
  EXPECT_EQ(posts("id, writer_id"), "1|2\n2|1\n3|2\n4|3\n");
  EXPECT_EQ(rows("SELECT attnotnull FROM pg_attribute WHERE attrelid = 'post'::regclass "
                 "AND attname = 'writer_id'"),
            "1\n");
  EXPECT_EQ(rows("SELECT count(*) FROM pg_tables WHERE tablename = 'post_authors'"), "0\n");
  apply(plan.reversed());
  EXPECT_EQ(rows("SELECT post_id, author_id FROM post_authors ORDER BY 1, 2"),
            "1|2\n2|1\n3|2\n4|3\n");
}

TEST_F(PostgresApply, AReversedPlanRestoresSchemaAndRows) {
  const std::string before = shape() + dump();
  schema::Table tag = table("tag", {id_column(), column("post_id", {TypeKind::kBigInteger})});
  tag.foreign_keys = {foreign_key("tag_post_id_fkey", "post_id", "article")};
  const plan::Plan plan = render(
      {diff::RenameTable{"post", "article"},
       diff::DropUnique{"article", {"post_subtitle_key", {"subtitle"}, false}},
       diff::AddTable{tag},
       diff::AddColumn{"article", with_default(column("draft", {TypeKind::kBoolean}),
                                               Literal::Kind::kBool, "false")},
       diff::AddUnique{"article", {"article_author_id_title_key", {"author_id", "title"}, false}},
       diff::AddIndex{"article", {"article_title_idx", {"title"}}},
       diff::AddForeignKey{"article", foreign_key("article_editor_id_fkey", "editor_id", "author",
                                                  Action::kSetNull)}},
      blog());
  apply(plan);
  EXPECT_EQ(rows("SELECT count(*) FROM article WHERE NOT draft"), "4\n");
  apply(plan.reversed());
  EXPECT_EQ(shape() + dump(), before);
}

TEST_F(PostgresApply, TheDiffOfAnInspectedDatabaseAppliedLeavesNothingToDiff) {
  const schema::Database from = backends::postgres::inspect(session(), "public");
  schema::Database to = from;
  schema::Table& post = table_in(to, "post");
  post.columns.push_back(with_default(column("views", {TypeKind::kInteger}),
                                      Literal::Kind::kNumber, "0"));
  post.uniques.push_back({"post_author_id_title_key", {"author_id", "title"}, false});
  post.foreign_keys.push_back(
      foreign_key("post_editor_id_fkey", "editor_id", "author", Action::kSetNull));
  schema::Table tag = table("tag", {id_column(), column("post_id", {TypeKind::kBigInteger})});
  tag.foreign_keys = {foreign_key("tag_post_id_fkey", "post_id", "post")};
  tag.indexes = {{"tag_post_id_idx", {"post_id"}}};
  to.tables.push_back(tag);
  const std::vector<Change> changes = plan::order(diff::diff(from, to, dialect()), dialect());
  ASSERT_EQ(changes.size(), 4u);
  apply(render(changes, from));
  const schema::Database after = backends::postgres::inspect(session(), "public");
  const std::vector<Change> left = diff::diff(after, to, dialect());
  EXPECT_TRUE(left.empty()) << diff::describe(left.front());
}

}  // namespace
}  // namespace keyway::testing::pg
