// Planner tests for SQLite rendering (Atlas-style): changes and the schemas
// around them in, each step's {sql, reverse} out. No database involved.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "backends/sqlite/sqlite_driver.h"
#include "sqlite_plan_fixture.h"

namespace keyway::testing {
namespace {

using backends::sqlite::render;
using backends::sqlite::script;
using backends::sqlite::SqliteDialect;
using diff::Change;
using diff::CopyLinks;
using schema::Action;
using schema::Literal;
using schema::TypeKind;
using Statements = std::vector<std::string>;

const SqliteDialect kDialect;

plan::Plan render_changes(const std::vector<Change>& changes, const schema::Database& from,
                          const schema::Database& to) {
  return render(changes, from, to, kDialect);
}

// The blog schema with post.subtitle (nullable, indexed) and a unique on title.
schema::Database blog_with_subtitle() {
  schema::Database db = blog();
  schema::Table& post = table_in(db, "post");
  post.columns.push_back(column("subtitle", type_of(TypeKind::kText), true));
  post.indexes.push_back({"post_subtitle_idx", {"subtitle"}});
  post.uniques.push_back({"post_title_key", {"title"}, false});
  return db;
}

const std::string kPostTable = R"(CREATE TABLE "_keyway_new_post" (
  "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
  "author_id" bigint NOT NULL,
  "title" varchar(200) NOT NULL,
  CONSTRAINT "post_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "author" ("id") ON DELETE CASCADE
))";

// The statements of a rebuild of post after its CREATE TABLE and INSERT.
Statements post_swap(const std::string& indexes = R"(CREATE INDEX "post_author_id_idx" ON "post" ("author_id"))") {
  Statements out{
      R"(DELETE FROM sqlite_sequence WHERE name = '_keyway_new_post')",
      R"(INSERT INTO sqlite_sequence (name, seq) SELECT '_keyway_new_post', seq FROM sqlite_sequence WHERE name = 'post')",
      R"(DROP TABLE "post")",
      "PRAGMA legacy_alter_table = ON",
      R"(ALTER TABLE "_keyway_new_post" RENAME TO "post")",
      "PRAGMA legacy_alter_table = OFF"};
  if (!indexes.empty()) out.push_back(indexes);
  return out;
}

Statements concat(Statements a, const Statements& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

struct InPlaceCase {
  std::string name;
  Change change;
  Statements sql;
  Statements reverse;
};

TEST(SqliteRender, RendersEachInPlaceChangeAsOneStepWithItsUndo) {
  CopyLinks to_junction{CopyLinks::Mode::kColumnToJunction, "post", "id", "author_id",
                        "post_authors", "post_id", "author_id", "Post.authors"};
  CopyLinks between{CopyLinks::Mode::kJunctionToJunction, "post_authors", "post_id", "author_id",
                    "authorship", "post_id", "author_id", "Post.authors"};
  CopyLinks to_column{CopyLinks::Mode::kJunctionToColumn, "post_authors", "post_id", "author_id",
                      "post", "id", "author_id", "Post.author"};
  const std::vector<InPlaceCase> cases = {
      {"rename table", diff::RenameTable{"post", "article"},
       {R"(ALTER TABLE "post" RENAME TO "article")"},
       {R"(ALTER TABLE "article" RENAME TO "post")"}},
      {"rename column", diff::RenameColumn{"post", "title", "headline"},
       {R"(ALTER TABLE "post" RENAME COLUMN "title" TO "headline")"},
       {R"(ALTER TABLE "post" RENAME COLUMN "headline" TO "title")"}},
      {"add index", diff::AddIndex{"post", {"post_title_idx", {"title"}}},
       {R"(CREATE INDEX "post_title_idx" ON "post" ("title"))"},
       {R"(DROP INDEX "post_title_idx")"}},
      {"drop index", diff::DropIndex{"post", {"post_subtitle_idx", {"subtitle"}}},
       {R"(DROP INDEX "post_subtitle_idx")"},
       {R"(CREATE INDEX "post_subtitle_idx" ON "post" ("subtitle"))"}},
      {"add unique", diff::AddUnique{"post", {"post_author_id_title_key", {"author_id", "title"}, false}},
       {R"(CREATE UNIQUE INDEX "post_author_id_title_key" ON "post" ("author_id", "title"))"},
       {R"(DROP INDEX "post_author_id_title_key")"}},
      {"drop unique held as an index", diff::DropUnique{"post", {"post_title_key", {"title"}, false}},
       {R"(DROP INDEX "post_title_key")"},
       {R"(CREATE UNIQUE INDEX "post_title_key" ON "post" ("title"))"}},
      {"add nullable column", diff::AddColumn{"post", column("body", type_of(TypeKind::kText), true)},
       {R"(ALTER TABLE "post" ADD COLUMN "body" text)"},
       {R"(ALTER TABLE "post" DROP COLUMN "body")"}},
      {"add NOT NULL column with a default",
       diff::AddColumn{"post", with_default(column("views", type_of(TypeKind::kInteger)),
                                            Literal::Kind::kNumber, "0")},
       {R"(ALTER TABLE "post" ADD COLUMN "views" integer NOT NULL DEFAULT 0)"},
       {R"(ALTER TABLE "post" DROP COLUMN "views")"}},
      {"add column with a quoted string default",
       diff::AddColumn{"post", with_default(column("state", type_of(TypeKind::kChar, 10)),
                                            Literal::Kind::kString, "it's")},
       {R"(ALTER TABLE "post" ADD COLUMN "state" varchar(10) NOT NULL DEFAULT 'it''s')"},
       {R"(ALTER TABLE "post" DROP COLUMN "state")"}},
      {"drop indexed nullable column",
       diff::DropColumn{"post", column("subtitle", type_of(TypeKind::kText), true)},
       {R"(DROP INDEX "post_subtitle_idx")", R"(ALTER TABLE "post" DROP COLUMN "subtitle")"},
       {R"(ALTER TABLE "post" ADD COLUMN "subtitle" text)",
        R"(CREATE INDEX "post_subtitle_idx" ON "post" ("subtitle"))"}},
      {"copy links from a column into a junction", to_junction,
       {R"(INSERT INTO "post_authors" ("post_id", "author_id") SELECT "id", "author_id" FROM "post" WHERE "author_id" IS NOT NULL)"},
       {R"(UPDATE "post" SET "author_id" = (SELECT MIN("author_id") FROM "post_authors" WHERE "post_authors"."post_id" = "post"."id"))"}},
      {"copy links between junctions", between,
       {R"(INSERT INTO "authorship" ("post_id", "author_id") SELECT "post_id", "author_id" FROM "post_authors")"},
       {R"(INSERT INTO "post_authors" ("post_id", "author_id") SELECT "post_id", "author_id" FROM "authorship")"}},
      {"copy links from a junction into a column", to_column,
       {R"(UPDATE "post" SET "author_id" = (SELECT MIN("author_id") FROM "post_authors" WHERE "post_authors"."post_id" = "post"."id"))"},
       {R"(INSERT INTO "post_authors" ("post_id", "author_id") SELECT "id", "author_id" FROM "post" WHERE "author_id" IS NOT NULL)"}},
  };
  const schema::Database from = blog_with_subtitle();
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const plan::Plan plan = render_changes({c.change}, from, from);
    ASSERT_EQ(plan.steps.size(), 1u);
    EXPECT_EQ(plan.steps[0].sql, c.sql);
    EXPECT_EQ(plan.steps[0].reverse, c.reverse);
    EXPECT_EQ(plan.steps[0].summary, diff::describe(c.change));
    EXPECT_EQ(plan.steps[0].table, diff::table_of(c.change));
  }
}

TEST(SqliteRender, NewTableIsOneCreateTableWithConstraintsThenItsIndexes) {
  schema::Table enrolment = table("enrolment", {column("course_id", type_of(TypeKind::kBigInteger)),
                                                column("student_id", type_of(TypeKind::kBigInteger)),
                                                column("grade", type_of(TypeKind::kChar, 1), true)});
  enrolment.primary_key = {"course_id", "student_id"};
  schema::ForeignKey course = foreign_key("enrolment_course_id_fkey", "course_id", "course");
  course.on_update = Action::kCascade;
  course.deferrable = true;
  enrolment.foreign_keys = {course, foreign_key("enrolment_student_id_fkey", "student_id",
                                                "student", Action::kRestrict)};
  enrolment.checks = {{"enrolment_grade_check", R"("grade" IN ('A', 'B'))"}};
  enrolment.uniques = {{"enrolment_grade_key", {"student_id", "grade"}, false}};
  enrolment.indexes = {{"enrolment_student_id_idx", {"student_id"}}};
  const diff::AddTable add{enrolment};

  const plan::Plan plan = render_changes({add}, {}, database({enrolment}));

  ASSERT_EQ(plan.steps.size(), 1u);
  EXPECT_EQ(plan.steps[0].sql, (Statements{R"(CREATE TABLE "enrolment" (
  "course_id" bigint NOT NULL,
  "student_id" bigint NOT NULL,
  "grade" varchar(1),
  PRIMARY KEY ("course_id", "student_id"),
  CONSTRAINT "enrolment_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "course" ("id") ON DELETE CASCADE ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT "enrolment_student_id_fkey" FOREIGN KEY ("student_id") REFERENCES "student" ("id") ON DELETE RESTRICT,
  CONSTRAINT "enrolment_grade_check" CHECK ("grade" IN ('A', 'B'))
))",
      R"(CREATE UNIQUE INDEX "enrolment_grade_key" ON "enrolment" ("student_id", "grade"))",
      R"(CREATE INDEX "enrolment_student_id_idx" ON "enrolment" ("student_id"))"}));
  EXPECT_EQ(plan.steps[0].reverse, Statements{R"(DROP TABLE "enrolment")"});
  EXPECT_FALSE(plan.steps[0].destructive);
  EXPECT_FALSE(plan.steps[0].reverse_loses_data);
  EXPECT_TRUE(plan.steps[0].checks.empty());
}

TEST(SqliteRender, DroppedTableComesBackWithItsIndexesOnUndoButNotItsRows) {
  schema::Database from = blog();
  const plan::Plan plan =
      render_changes({diff::DropTable{table_in(from, "post")}}, from, database({from.tables[0]}));
  ASSERT_EQ(plan.steps.size(), 1u);
  EXPECT_EQ(plan.steps[0].sql, Statements{R"(DROP TABLE "post")"});
  std::string create = kPostTable;
  create.replace(create.find("_keyway_new_post"), 16, "post");
  EXPECT_EQ(plan.steps[0].reverse,
            (Statements{create, R"(CREATE INDEX "post_author_id_idx" ON "post" ("author_id"))"}));
  EXPECT_TRUE(plan.steps[0].destructive);
  EXPECT_TRUE(plan.steps[0].reverse_loses_data);
}

TEST(SqliteRender, NullableColumnAndItsForeignKeyBecomeOneAddColumnWithReferences) {
  const schema::Database from = blog();
  schema::Database to = blog();
  schema::Column editor = column("editor_id", type_of(TypeKind::kBigInteger), true);
  schema::ForeignKey key = foreign_key("post_editor_id_fkey", "editor_id", "author", Action::kSetNull);
  table_in(to, "post").columns.push_back(editor);
  table_in(to, "post").foreign_keys.push_back(key);
  table_in(to, "post").indexes.push_back({"post_editor_id_idx", {"editor_id"}});
  const std::vector<Change> changes = {diff::AddColumn{"post", editor},
                                       diff::AddIndex{"post", {"post_editor_id_idx", {"editor_id"}}},
                                       diff::AddForeignKey{"post", key}};

  const plan::Plan plan = render_changes(changes, from, to);

  ASSERT_EQ(plan.steps.size(), 2u);
  EXPECT_EQ(plan.steps[0].sql,
            Statements{R"(ALTER TABLE "post" ADD COLUMN "editor_id" bigint CONSTRAINT "post_editor_id_fkey" REFERENCES "author" ("id") ON DELETE SET NULL)"});
  EXPECT_EQ(plan.steps[0].reverse, Statements{R"(ALTER TABLE "post" DROP COLUMN "editor_id")"});
  EXPECT_EQ(plan.steps[0].summary,
            diff::describe(changes[0]) + "; " + diff::describe(changes[2]));
  EXPECT_TRUE(plan.steps[0].data_dependent);
  EXPECT_TRUE(plan.steps[0].checks.empty());
  EXPECT_EQ(plan.steps[1].sql,
            Statements{R"(CREATE INDEX "post_editor_id_idx" ON "post" ("editor_id"))"});
}

TEST(SqliteRender, AddingACheckRebuildsTheTableKeepingItsRowsAndSequence) {
  const schema::Database from = blog();
  schema::Database to = blog();
  const schema::Check check{"post_title_check", R"(length("title") > 0)"};
  table_in(to, "post").checks.push_back(check);

  const plan::Plan plan = render_changes({diff::AddCheck{"post", check}}, from, to);

  ASSERT_EQ(plan.steps.size(), 1u);
  std::string create = kPostTable;
  create.insert(create.rfind("\n)"), ",\n  CONSTRAINT \"post_title_check\" CHECK (length(\"title\") > 0)");
  const std::string copy =
      R"(INSERT INTO "_keyway_new_post" ("id", "author_id", "title") SELECT "id", "author_id", "title" FROM "post")";
  EXPECT_EQ(plan.steps[0].sql, concat({create, copy}, post_swap()));
  EXPECT_EQ(plan.steps[0].reverse, concat({kPostTable, copy}, post_swap()));
  EXPECT_FALSE(plan.steps[0].reverse_loses_data);
  ASSERT_EQ(plan.steps[0].checks.size(), 1u);
  EXPECT_EQ(plan.steps[0].checks[0].description, "rows of post violating check post_title_check");
  EXPECT_EQ(plan.steps[0].checks[0].count_query,
            R"(SELECT COUNT(*) FROM "post" WHERE NOT (length("title") > 0))");
  EXPECT_EQ(plan.steps[0].checks[0].query,
            R"(SELECT 'id=' || quote("id") FROM "post" WHERE NOT (length("title") > 0) LIMIT 5)");
}

TEST(SqliteRender, AllChangesToOneTableBecomeOneRebuildWhereTheLastOneStands) {
  schema::Database from = blog();
  schema::Database to = blog();
  schema::Table& post = table_in(to, "post");
  post.columns[1].nullable = true;
  post.columns.push_back(column("summary", type_of(TypeKind::kText), true));
  post.foreign_keys = {foreign_key("post_author_id_fkey", "author_id", "author", Action::kSetNull)};
  const schema::Check check{"post_title_check", R"(length("title") > 0)"};
  post.checks = {check};
  table_in(to, "author").indexes.push_back({"author_name_idx", {"name"}});
  const std::vector<Change> changes = {
      diff::DropForeignKey{"post", table_in(from, "post").foreign_keys[0]},
      diff::AlterColumn{"post", from.tables[1].columns[1], post.columns[1], diff::kChangeNull},
      diff::AddColumn{"post", post.columns[3]},
      diff::AddIndex{"author", {"author_name_idx", {"name"}}},
      diff::AddCheck{"post", check},
      diff::AddForeignKey{"post", post.foreign_keys[0]}};

  const plan::Plan plan = render_changes(changes, from, to);

  ASSERT_EQ(plan.steps.size(), 2u);
  EXPECT_EQ(plan.steps[0].sql, Statements{R"(CREATE INDEX "author_name_idx" ON "author" ("name"))"});
  const plan::Step& rebuild = plan.steps[1];
  EXPECT_EQ(rebuild.table, "post");
  EXPECT_EQ(rebuild.summary, diff::describe(changes[0]) + "; " + diff::describe(changes[1]) + "; " +
                                 diff::describe(changes[2]) + "; " + diff::describe(changes[4]) +
                                 "; " + diff::describe(changes[5]));
  const std::string create = R"(CREATE TABLE "_keyway_new_post" (
  "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
  "author_id" bigint,
  "title" varchar(200) NOT NULL,
  "summary" text,
  CONSTRAINT "post_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "author" ("id") ON DELETE SET NULL,
  CONSTRAINT "post_title_check" CHECK (length("title") > 0)
))";
  const std::string copy =
      R"(INSERT INTO "_keyway_new_post" ("id", "author_id", "title") SELECT "id", "author_id", "title" FROM "post")";
  EXPECT_EQ(rebuild.sql, concat({create, copy}, post_swap()));
  EXPECT_EQ(rebuild.reverse, concat({kPostTable, copy}, post_swap()));
  EXPECT_TRUE(rebuild.data_dependent);
  EXPECT_FALSE(rebuild.destructive);
  EXPECT_FALSE(rebuild.reverse_loses_data);  // the undo only drops what the step added
  ASSERT_EQ(rebuild.checks.size(), 2u);
  EXPECT_EQ(rebuild.checks[0].description, "rows of post violating check post_title_check");
  EXPECT_EQ(rebuild.checks[1].description, "rows of post whose author_id has no author.id");
}

TEST(SqliteRender, ColumnsSqliteCannotAddOrDropInPlaceTakeARebuild) {
  const schema::Database from = blog();
  schema::Database required = blog();
  const schema::Column rating = column("rating", type_of(TypeKind::kInteger));
  table_in(required, "post").columns.push_back(rating);
  const plan::Plan add = render_changes({diff::AddColumn{"post", rating}}, from, required);
  ASSERT_EQ(add.steps.size(), 1u);
  EXPECT_EQ(add.steps[0].sql[0].substr(0, 32), R"(CREATE TABLE "_keyway_new_post" )");
  ASSERT_EQ(add.steps[0].checks.size(), 1u);
  EXPECT_EQ(add.steps[0].checks[0].description,
            "rows of post without a value for new NOT NULL column rating");
  EXPECT_EQ(add.steps[0].checks[0].count_query, R"(SELECT COUNT(*) FROM "post")");

  schema::Database without_fk_column = blog();
  schema::Table& post = table_in(without_fk_column, "post");
  post.columns.erase(post.columns.begin() + 1);
  post.foreign_keys.clear();
  post.indexes.clear();
  const plan::Plan drop =
      render_changes({diff::DropColumn{"post", from.tables[1].columns[1]}}, from, without_fk_column);
  ASSERT_EQ(drop.steps.size(), 1u);
  EXPECT_EQ(drop.steps[0].sql[1],
            R"(INSERT INTO "_keyway_new_post" ("id", "title") SELECT "id", "title" FROM "post")");
  EXPECT_TRUE(drop.steps[0].destructive);
  EXPECT_TRUE(drop.steps[0].reverse_loses_data);
}

TEST(SqliteRender, InlineUniqueConstraintIsDroppedByARebuild) {
  schema::Database from = blog();
  table_in(from, "author").uniques = {{"sqlite_autoindex_author_1", {"name"}, true}};
  const schema::Database to = blog();
  const plan::Plan plan = render_changes(
      {diff::DropUnique{"author", table_in(from, "author").uniques[0]}}, from, to);
  ASSERT_EQ(plan.steps.size(), 1u);
  EXPECT_EQ(plan.steps[0].sql[0], R"(CREATE TABLE "_keyway_new_author" (
  "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
  "name" varchar(100) NOT NULL
))");
  EXPECT_EQ(plan.steps[0].reverse.back(),
            R"(CREATE UNIQUE INDEX "sqlite_autoindex_author_1" ON "author" ("name"))");
}

// many_to_many -> a NOT NULL foreign_key: the new column is filled from the
// junction inside the rebuild, and the undo puts the links back first.
TEST(SqliteRender, JunctionLinksFillARebuiltColumnThroughACorrelatedSubquery) {
  schema::Table junction = table("course_students", {id_column(),
                                                     column("course_id", type_of(TypeKind::kBigInteger)),
                                                     column("student_id", type_of(TypeKind::kBigInteger))});
  schema::Table course = table("course", {id_column(), column("title", type_of(TypeKind::kText))});
  schema::Table student = table("student", {id_column()});
  const schema::Database from = database({student, course, junction});
  const schema::Column student_id = column("student_id", type_of(TypeKind::kBigInteger));
  const schema::ForeignKey key = foreign_key("course_student_id_fkey", "student_id", "student");
  course.columns.push_back(student_id);
  course.foreign_keys = {key};
  const schema::Database to = database({student, course});
  const CopyLinks copy{CopyLinks::Mode::kJunctionToColumn, "course_students", "course_id",
                       "student_id", "course", "id", "student_id", "Course.students"};
  const std::vector<Change> changes = {diff::AddColumn{"course", student_id},
                                       diff::AddForeignKey{"course", key}, copy,
                                       diff::DropTable{junction}};

  const plan::Plan plan = render_changes(changes, from, to);

  ASSERT_EQ(plan.steps.size(), 2u);
  EXPECT_EQ(plan.steps[0].sql[1],
            R"(INSERT INTO "_keyway_new_course" ("id", "title", "student_id") SELECT "id", "title", (SELECT MIN("student_id") FROM "course_students" WHERE "course_students"."course_id" = "course"."id") FROM "course")");
  EXPECT_EQ(plan.steps[0].reverse[0],
            R"(INSERT INTO "course_students" ("course_id", "student_id") SELECT "id", "student_id" FROM "course" WHERE "student_id" IS NOT NULL)");
  EXPECT_EQ(plan.steps[0].reverse[1].substr(0, 34), R"(CREATE TABLE "_keyway_new_course" )");
  EXPECT_TRUE(plan.steps[0].checks.empty()) << "the column is filled, and new";
  EXPECT_EQ(plan.steps[1].sql, Statements{R"(DROP TABLE "course_students")"});
}

TEST(SqliteRender, DataChecksDescribeTheRuleAndQueryTheNamesBeforeRenames) {
  schema::Database from = blog();
  const schema::UniqueKey unique{"post_title_key", {"title"}, false};
  schema::ForeignKey key = foreign_key("post_writer_id_fkey", "writer_id", "author");
  schema::Column title_before = from.tables[1].columns[2];
  title_before.nullable = true;
  table_in(from, "post").columns[2] = title_before;
  table_in(from, "post").foreign_keys.clear();
  const std::vector<Change> changes = {
      diff::RenameTable{"post", "article"},
      diff::RenameColumn{"article", "author_id", "writer_id"},
      diff::AlterColumn{"article", title_before, blog().tables[1].columns[2], diff::kChangeNull},
      diff::AddUnique{"article", unique},
      diff::AddForeignKey{"article", key}};

  const plan::Plan plan = render_changes(changes, from, from);

  std::vector<plan::DataCheck> checks;
  for (const auto& step : plan.steps) checks.insert(checks.end(), step.checks.begin(), step.checks.end());
  ASSERT_EQ(checks.size(), 3u);  // one rebuild of article, checks in the order of its changes
  EXPECT_EQ(checks[0].description, "rows of article whose title is NULL");
  EXPECT_EQ(checks[0].count_query, R"(SELECT COUNT(*) FROM "post" WHERE "title" IS NULL)");
  EXPECT_EQ(checks[1].description, "duplicate values in article(title)");
  EXPECT_EQ(checks[1].count_query,
            R"(SELECT COALESCE(SUM("n"), 0) FROM (SELECT COUNT(*) AS "n" FROM "post" WHERE "title" IS NOT NULL GROUP BY "title" HAVING COUNT(*) > 1))");
  EXPECT_EQ(checks[1].query,
            R"(SELECT 'title=' || quote("title") || ' (' || COUNT(*) || ' rows)' FROM "post" WHERE "title" IS NOT NULL GROUP BY "title" HAVING COUNT(*) > 1 ORDER BY "title" LIMIT 5)");
  EXPECT_EQ(checks[2].description, "rows of article whose writer_id has no author.id");
  EXPECT_EQ(checks[2].count_query,
            R"(SELECT COUNT(*) FROM "post" AS "_child" WHERE "_child"."author_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "author" AS "_parent" WHERE "_parent"."id" = "_child"."author_id"))");
  EXPECT_EQ(checks[2].query,
            R"(SELECT 'id=' || quote("_child"."id") || ' writer_id=' || quote("_child"."author_id") FROM "post" AS "_child" WHERE "_child"."author_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "author" AS "_parent" WHERE "_parent"."id" = "_child"."author_id") LIMIT 5)");
}

TEST(SqliteRender, ScriptWrapsTheStepsInATransactionWithForeignKeysOff) {
  plan::Plan plan;
  plan::Step create;
  create.summary = "create table a";
  create.sql = {"CREATE TABLE \"a\" (\n  \"x\" integer\n)"};
  plan::Step index;
  index.summary = "add index a_x_idx on a.x";
  index.sql = {R"(CREATE INDEX "a_x_idx" ON "a" ("x"))"};
  plan.steps = {create, index};
  EXPECT_EQ(script(plan), R"(PRAGMA foreign_keys = OFF;
BEGIN;
-- create table a
CREATE TABLE "a" (
  "x" integer
);
-- add index a_x_idx on a.x
CREATE INDEX "a_x_idx" ON "a" ("x");
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
)");
  EXPECT_EQ(script(plan::Plan{}), "-- no changes\n");
}

}  // namespace
}  // namespace keyway::testing
