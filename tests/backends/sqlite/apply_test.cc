// apply() on real SQLite files: all or nothing, data checks before anything
// changes, PRAGMA foreign_key_check before COMMIT, reverses that restore, and
// link copies that keep every relationship.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "backends/sqlite/sqlite_driver.h"
#include "core/errors.h"
#include "sqlite_plan_fixture.h"

namespace keyway::testing {
namespace {

using backends::sqlite::render;
using backends::sqlite::script;
using backends::sqlite::SqliteDialect;
using diff::Change;
using diff::CopyLinks;
using schema::Action;
using schema::TypeKind;

const SqliteDialect kDialect;

plan::Step hand_step(const std::string& summary, const std::string& statement) {
  plan::Step step;
  step.summary = summary;
  step.sql = {statement};
  return step;
}

class SqliteApply : public SqlitePlanTest {
 protected:
  void SetUp() override {
    sql(kBlogSql);
    sql(kBlogRows);
  }

  // The message of the DatabaseError apply throws, or "" when it succeeds.
  std::string apply_error(const plan::Plan& plan) {
    try {
      apply(plan);
    } catch (const DatabaseError& e) {
      return e.what();
    }
    return "";
  }

  // post.editor_id -> author, nullable, indexed, and a new tag table.
  plan::Plan in_place_plan() {
    schema::Database to = blog();
    schema::Column editor = column("editor_id", type_of(TypeKind::kBigInteger), true);
    schema::ForeignKey key = foreign_key("post_editor_id_fkey", "editor_id", "author", Action::kSetNull);
    schema::Index index{"post_editor_id_idx", {"editor_id"}};
    table_in(to, "post").columns.push_back(editor);
    table_in(to, "post").foreign_keys.push_back(key);
    table_in(to, "post").indexes.push_back(index);
    schema::Table tag = table("tag", {id_column(), column("label", type_of(TypeKind::kChar, 30))});
    tag.uniques = {{"tag_label_key", {"label"}, false}};
    to.tables.push_back(tag);
    return render({diff::AddTable{tag}, diff::AddColumn{"post", editor},
                   diff::AddIndex{"post", index}, diff::AddForeignKey{"post", key}},
                  blog(), to, kDialect);
  }
};

TEST_F(SqliteApply, InPlaceStepsRunAndKeepEveryRow) {
  const plan::Plan plan = in_place_plan();
  ASSERT_EQ(plan.steps.size(), 3u);

  apply(plan);

  EXPECT_EQ(rows("SELECT * FROM post ORDER BY id"),
            "1|1|a1|NULL\n2|1|a2|NULL\n3|2|b1|NULL\n4|3|c1|NULL\n");
  EXPECT_EQ(rows("SELECT \"from\", \"table\", on_delete FROM pragma_foreign_key_list('post') ORDER BY 1"),
            "author_id|author|CASCADE\neditor_id|author|SET NULL\n");
  EXPECT_EQ(rows("SELECT name FROM pragma_index_list('post') ORDER BY name"),
            "post_author_id_idx\npost_editor_id_idx\n");
  EXPECT_EQ(rows("SELECT name, \"unique\" FROM pragma_index_list('tag')"), "tag_label_key|1\n");
  EXPECT_EQ(pragma("foreign_keys"), 1);
}

// As sqlite_orm compares its dry run with the real one: the script a user
// would feed to the sqlite3 shell makes the same database as apply().
TEST_F(SqliteApply, TheScriptMakesTheSameDatabaseAsApply) {
  SqliteTestFile other_file;
  soci::session other(soci::sqlite3, other_file.path());
  run_sql(other, kBlogSql);
  run_sql(other, kBlogRows);
  schema::Database checked = blog();
  const schema::Check check{"author_name_check", R"(length("name") > 0)"};
  table_in(checked, "author").checks.push_back(check);
  const plan::Plan rebuild = render({diff::AddCheck{"author", check}}, blog(), checked, kDialect);

  for (const plan::Plan& plan : {in_place_plan(), rebuild}) {
    apply(plan);
    run_sql(other, script(plan));
  }

  EXPECT_EQ(dump_of(other), dump());
  EXPECT_NE(dump().find("author_name_check"), std::string::npos);
  EXPECT_NE(dump().find("editor_id"), std::string::npos);
}

TEST_F(SqliteApply, AFailingStatementLeavesTheDatabaseExactlyAsBefore) {
  const std::string before = dump();
  plan::Plan plan = in_place_plan();
  plan.steps.push_back(hand_step("insert into a missing table", "INSERT INTO missing VALUES (1)"));

  EXPECT_EQ(apply_error(plan),
            "step 4 (insert into a missing table) failed, nothing was changed: no such table: "
            "missing\n  statement: INSERT INTO missing VALUES (1)");

  EXPECT_EQ(dump(), before);
  EXPECT_EQ(pragma("foreign_keys"), 1);
}

// The failure comes after the rebuild switched legacy_alter_table on.
TEST_F(SqliteApply, AFailureInsideARebuildRestoresTheConnectionSettings) {
  const std::string before = dump();
  schema::Database from = blog();
  table_in(from, "post").recreate_sql = {"CREATE INDEX broken_idx ON post (no_such_column)"};
  schema::Database to = from;
  const schema::Check check{"post_title_check", R"(length("title") > 0)"};
  table_in(to, "post").checks.push_back(check);
  const plan::Plan plan = render({diff::AddCheck{"post", check}}, from, to, kDialect);

  const std::string error = apply_error(plan);

  EXPECT_NE(error.find("step 1 (add check post_title_check on post: length(\"title\") > 0) failed, "
                       "nothing was changed: no such column: no_such_column"),
            std::string::npos)
      << error;
  EXPECT_EQ(dump(), before);
  EXPECT_EQ(pragma("foreign_keys"), 1);
  EXPECT_EQ(pragma("legacy_alter_table"), 0);
}

TEST_F(SqliteApply, DuplicateValuesRefuseAUniqueAndNameTheRows) {
  sql("INSERT INTO post (author_id, title) VALUES (2, 'a1'), (3, 'b1')");
  const std::string before = dump();
  schema::Database to = blog();
  const schema::UniqueKey unique{"post_title_key", {"title"}, false};
  table_in(to, "post").uniques.push_back(unique);

  EXPECT_EQ(apply_error(render({diff::AddUnique{"post", unique}}, blog(), to, kDialect)),
            "existing rows do not allow this plan; nothing was changed:\n"
            "  duplicate values in post(title): 4 row(s), e.g. title='a1' (2 rows), "
            "title='b1' (2 rows)");
  EXPECT_EQ(dump(), before);
}

TEST_F(SqliteApply, OrphansAndNullsRefuseANotNullForeignKeyAndNameTheRows) {
  sql(R"(
    CREATE TABLE "comment" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "post_id" bigint);
    INSERT INTO comment (post_id) VALUES (1), (99), (NULL), (98);
  )");
  const std::string before = dump();
  schema::Database from = blog();
  from.tables.push_back(table("comment", {id_column(), column("post_id", type_of(TypeKind::kBigInteger), true)}));
  schema::Database to = from;
  schema::Table& comment = table_in(to, "comment");
  comment.columns[1].nullable = false;
  comment.foreign_keys = {foreign_key("comment_post_id_fkey", "post_id", "post")};
  const std::vector<Change> changes = {
      diff::AlterColumn{"comment", from.tables[2].columns[1], comment.columns[1], diff::kChangeNull},
      diff::AddForeignKey{"comment", comment.foreign_keys[0]}};

  EXPECT_EQ(apply_error(render(changes, from, to, kDialect)),
            "existing rows do not allow this plan; nothing was changed:\n"
            "  rows of comment whose post_id is NULL: 1 row(s), e.g. id=3\n"
            "  rows of comment whose post_id has no post.id: 2 row(s), e.g. id=2 post_id=99, "
            "id=4 post_id=98");
  EXPECT_EQ(dump(), before);
}

TEST_F(SqliteApply, ANewNotNullColumnWithoutDefaultIsRefusedWhenTheTableHasRows) {
  schema::Database to = blog();
  const schema::Column rating = column("rating", type_of(TypeKind::kInteger));
  table_in(to, "author").columns.push_back(rating);

  EXPECT_EQ(apply_error(render({diff::AddColumn{"author", rating}}, blog(), to, kDialect)),
            "existing rows do not allow this plan; nothing was changed:\n"
            "  rows of author without a value for new NOT NULL column rating: 3 row(s), "
            "e.g. id=1, id=2, id=3");
}

TEST_F(SqliteApply, AForeignKeyViolationLeftByTheStatementsRollsBackEverything) {
  const std::string before = dump();
  plan::Plan plan = in_place_plan();
  plan.steps.push_back(hand_step("insert an orphan",
                                 "INSERT INTO post (author_id, title) VALUES (99, 'orphan')"));

  EXPECT_EQ(apply_error(plan),
            "foreign key check failed, nothing was changed: 1 row(s) without a parent\n"
            "  post rowid 5: no parent in author");
  EXPECT_EQ(dump(), before);
  EXPECT_EQ(pragma("foreign_keys"), 1);
}

TEST_F(SqliteApply, AnEmptyPlanChangesNothing) {
  const std::string before = dump();
  apply(plan::Plan{});
  EXPECT_EQ(dump(), before);
}

TEST_F(SqliteApply, TheForeignKeysSettingIsPutBackAsItWas) {
  sql("PRAGMA foreign_keys = OFF");
  apply(in_place_plan());
  EXPECT_EQ(pragma("foreign_keys"), 0);
}

TEST_F(SqliteApply, ThePlanReversedStepByStepRestoresTheSchemaAndRows) {
  const std::string shape_before = shape();
  const std::string posts = rows("SELECT * FROM post ORDER BY id");
  schema::Database from = blog();
  schema::Database to = blog();
  schema::Table& author = table_in(to, "author");
  schema::Column mentor = column("mentor_id", type_of(TypeKind::kBigInteger), true);
  schema::ForeignKey mentor_key = foreign_key("author_mentor_id_fkey", "mentor_id", "author", Action::kSetNull);
  author.columns.push_back(mentor);
  author.foreign_keys = {mentor_key};
  author.uniques = {{"author_name_key", {"name"}, false}};
  schema::Table& post = table_in(to, "post");
  post.columns[2].name = "headline";
  post.columns[2].type = type_of(TypeKind::kText);
  post.indexes.clear();
  const schema::Table tag = table("tag", {id_column(), column("label", type_of(TypeKind::kChar, 30))});
  schema::Column headline_before = from.tables[1].columns[2];
  headline_before.name = "headline";
  const std::vector<Change> changes = {
      diff::RenameColumn{"post", "title", "headline"},
      diff::DropIndex{"post", from.tables[1].indexes[0]},
      diff::AddTable{tag},
      diff::AddColumn{"author", mentor},
      diff::AlterColumn{"post", headline_before, post.columns[2], diff::kChangeType},
      diff::AddUnique{"author", author.uniques[0]},
      diff::AddForeignKey{"author", mentor_key}};
  to.tables.push_back(tag);  // after the references into `to` are used
  const plan::Plan plan = render(changes, from, to, kDialect);

  apply(plan);
  // Since SQLite 3.37 the pragma spells the standard type names in capitals.
  EXPECT_EQ(rows("SELECT name, type FROM pragma_table_info('post') ORDER BY cid"),
            "id|INTEGER\nauthor_id|bigint\nheadline|TEXT\n");
  apply(plan.reversed());

  EXPECT_EQ(shape(), shape_before);
  EXPECT_EQ(rows("SELECT * FROM post ORDER BY id"), posts);
}

// foreign_key -> many_to_many: each post's author becomes a junction row;
// undone, the NOT NULL column comes back filled from the junction.
TEST_F(SqliteApply, ForeignKeyToManyToManyKeepsEveryLinkBothWays) {
  const std::string posts = rows("SELECT * FROM post ORDER BY id");
  const schema::Database from = blog();
  schema::Database to = blog();
  schema::Table& post = table_in(to, "post");
  post.columns.erase(post.columns.begin() + 1);
  post.foreign_keys.clear();
  post.indexes.clear();
  schema::Table junction = table("post_authors", {id_column(), column("post_id", type_of(TypeKind::kBigInteger)),
                                                  column("author_id", type_of(TypeKind::kBigInteger))});
  junction.foreign_keys = {foreign_key("post_authors_post_id_fkey", "post_id", "post"),
                           foreign_key("post_authors_author_id_fkey", "author_id", "author")};
  junction.uniques = {{"post_authors_post_id_author_id_key", {"post_id", "author_id"}, false}};
  to.tables.push_back(junction);
  const std::vector<Change> changes = {
      diff::DropForeignKey{"post", from.tables[1].foreign_keys[0]},
      diff::DropIndex{"post", from.tables[1].indexes[0]},
      diff::AddTable{junction},
      CopyLinks{CopyLinks::Mode::kColumnToJunction, "post", "id", "author_id", "post_authors",
                "post_id", "author_id", "Post.authors"},
      diff::DropColumn{"post", from.tables[1].columns[1]}};
  const plan::Plan plan = render(changes, from, to, kDialect);

  apply(plan);
  EXPECT_EQ(rows("SELECT post_id, author_id FROM post_authors ORDER BY 1"), "1|1\n2|1\n3|2\n4|3\n");
  EXPECT_EQ(rows("SELECT * FROM post ORDER BY id"), "1|a1\n2|a2\n3|b1\n4|c1\n");

  apply(plan.reversed());
  EXPECT_EQ(rows("SELECT * FROM post ORDER BY id"), posts);
  EXPECT_EQ(rows("SELECT name FROM sqlite_master WHERE name = 'post_authors'"), "");
}

// many_to_many -> foreign_key, nullable (ADD COLUMN, then UPDATE) or
// NOT NULL (a rebuild filling the column): each course takes its link, and
// undone, the junction gets every link back.
class SqliteLinksToColumn : public SqlitePlanTest, public ::testing::WithParamInterface<bool> {};

TEST_P(SqliteLinksToColumn, ManyToManyToForeignKeyKeepsEveryLinkBothWays) {
  const bool nullable = GetParam();
  sql(R"(
    CREATE TABLE "student" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" text NOT NULL);
    CREATE TABLE "course" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" text NOT NULL);
    CREATE TABLE "course_students" (
      "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
      "course_id" bigint NOT NULL,
      "student_id" bigint NOT NULL,
      CONSTRAINT "course_students_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "course" ("id") ON DELETE CASCADE,
      CONSTRAINT "course_students_student_id_fkey" FOREIGN KEY ("student_id") REFERENCES "student" ("id") ON DELETE CASCADE
    );
    CREATE UNIQUE INDEX "course_students_course_id_student_id_key" ON "course_students" ("course_id", "student_id");
    INSERT INTO student (name) VALUES ('sam'), ('sue');
    INSERT INTO course (title) VALUES ('math'), ('art'), ('film');
    INSERT INTO course_students (course_id, student_id) VALUES (1, 2), (2, 1), (3, 2);
  )");
  const std::string shape_before = shape();
  schema::Table student = table("student", {id_column(), column("name", type_of(TypeKind::kText))});
  schema::Table course = table("course", {id_column(), column("title", type_of(TypeKind::kText))});
  schema::Table junction = table("course_students", {id_column(), column("course_id", type_of(TypeKind::kBigInteger)),
                                                     column("student_id", type_of(TypeKind::kBigInteger))});
  junction.foreign_keys = {foreign_key("course_students_course_id_fkey", "course_id", "course"),
                           foreign_key("course_students_student_id_fkey", "student_id", "student")};
  junction.uniques = {{"course_students_course_id_student_id_key", {"course_id", "student_id"}, false}};
  const schema::Database from = database({student, course, junction});
  const schema::Column student_id = column("student_id", type_of(TypeKind::kBigInteger), nullable);
  const schema::ForeignKey key = foreign_key("course_student_id_fkey", "student_id", "student");
  const schema::Index index{"course_student_id_idx", {"student_id"}};
  course.columns.push_back(student_id);
  course.foreign_keys = {key};
  course.indexes = {index};
  const std::vector<Change> changes = {
      diff::AddColumn{"course", student_id}, diff::AddIndex{"course", index},
      diff::AddForeignKey{"course", key},
      CopyLinks{CopyLinks::Mode::kJunctionToColumn, "course_students", "course_id", "student_id",
                "course", "id", "student_id", "Course.students"},
      diff::DropTable{junction}};
  const plan::Plan plan = render(changes, from, database({student, course}), kDialect);
  ASSERT_EQ(plan.steps.size(), nullable ? 4u : 2u);

  apply(plan);
  EXPECT_EQ(rows("SELECT id, title, student_id FROM course ORDER BY id"),
            "1|math|2\n2|art|1\n3|film|2\n");
  EXPECT_EQ(rows("SELECT \"from\", \"table\" FROM pragma_foreign_key_list('course')"),
            "student_id|student\n");

  apply(plan.reversed());
  EXPECT_EQ(rows("SELECT course_id, student_id FROM course_students ORDER BY 1"),
            "1|2\n2|1\n3|2\n");
  EXPECT_EQ(shape(), shape_before);
}

INSTANTIATE_TEST_SUITE_P(NullableAndNotNull, SqliteLinksToColumn, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "Nullable" : "NotNull"; });

}  // namespace
}  // namespace keyway::testing
