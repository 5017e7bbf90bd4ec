#include "core/diff/diff.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/errors.h"
#include "core/model/loader.h"
#include "core/plan/order.h"
#include "core/schema/lower.h"
#include "support/test_dialect.h"

namespace keyway::diff {
namespace {

schema::Database lowered(const std::string& yaml) {
  return schema::lower(model::load_schema_text(yaml, "schema.yaml"));
}

std::vector<std::string> described(const schema::Database& from, const schema::Database& to) {
  const testing::LenientDialect dialect;
  std::vector<std::string> out;
  for (const auto& c : plan::order(diff(from, to, dialect), dialect)) out.push_back(describe(c));
  return out;
}

// The changes as diff() gives them, before they are ordered.
std::vector<std::string> raw(const schema::Database& from, const schema::Database& to) {
  const testing::LenientDialect dialect;
  std::vector<std::string> out;
  for (const auto& c : diff(from, to, dialect)) out.push_back(describe(c));
  return out;
}

schema::Table table(std::string name, const std::vector<std::string>& columns) {
  schema::Table t;
  t.name = std::move(name);
  for (const auto& c : columns) t.columns.emplace_back(c, schema::TypeKind::kInteger);
  return t;
}

const char* kBlog = R"(
models:
  Author:
    fields:
      name: {type: char, max_length: 100}
  Post:
    fields:
      author: {type: foreign_key, to: Author, on_delete: cascade}
      title: {type: char, max_length: 200}
)";

// Course.students as a foreign_key, a many_to_many, and one through Enrollment.
const char* kCourseWithForeignKey = R"(
models:
  Student: {fields: {name: text}}
  Course:
    fields:
      students: {type: foreign_key, to: Student, on_delete: cascade, null: true}
)";
const char* kCourseWithManyToMany = R"(
models:
  Student: {fields: {name: text}}
  Course:
    fields:
      students: {type: many_to_many, to: Student}
)";
const char* kCourseThroughEnrollment = R"(
models:
  Student: {fields: {name: text}}
  Course:
    fields:
      students: {type: many_to_many, to: Student, through: Enrollment}
  Enrollment:
    fields:
      course: {type: foreign_key, to: Course, on_delete: cascade}
      student: {type: foreign_key, to: Student, on_delete: cascade}
      grade: {type: integer, null: true}
)";

TEST(Differ, SameSchemaHasNoChanges) {
  EXPECT_TRUE(described(lowered(kBlog), lowered(kBlog)).empty());
}

TEST(Differ, EmptyDatabaseGetsEveryTableReferencedFirst) {
  EXPECT_EQ(described({}, lowered(kBlog)),
            (std::vector<std::string>{"create table author", "create table post"}));
}

TEST(Differ, MatchesConstraintsByMeaningNotByName) {
  schema::Database live = lowered(kBlog);
  for (auto& t : live.tables) {
    for (auto& fk : t.foreign_keys) fk.name = "fk_from_another_tool";
    for (auto& i : t.indexes) i.name = "ix_other";
  }
  EXPECT_TRUE(described(live, lowered(kBlog)).empty());
}

TEST(Differ, ForeignKeyBecomingOneToOneAddsTheUniqueAndDropsThePlainIndex) {
  std::string o2o = kBlog;
  o2o.replace(o2o.find("foreign_key"), 11, "one_to_one");
  EXPECT_EQ(described(lowered(kBlog), lowered(o2o)),
            (std::vector<std::string>{"drop index post_author_id_idx on post.author_id",
                                      "add unique post.author_id"}));
  EXPECT_EQ(described(lowered(o2o), lowered(kBlog)),
            (std::vector<std::string>{"add index post_author_id_idx on post.author_id",
                                      "drop unique post.author_id"}));
}

TEST(Differ, OnDeleteChangeReplacesTheForeignKey) {
  std::string restrict = kBlog;
  restrict.replace(restrict.find("cascade"), 7, "protect");
  EXPECT_EQ(described(lowered(kBlog), lowered(restrict)),
            (std::vector<std::string>{
                "drop foreign key post.author_id → author.id ON DELETE CASCADE",
                "add foreign key post.author_id → author.id ON DELETE RESTRICT"}));
}

TEST(Differ, ColumnChangesAreTypedByWhatChanged) {
  std::string changed = kBlog;
  changed.replace(changed.find("max_length: 200}"), 16, "max_length: 300, null: true}");
  EXPECT_EQ(described(lowered(kBlog), lowered(changed)),
            (std::vector<std::string>{
                "alter column post.title: type char(200) → char(300); drop NOT NULL"}));
}

TEST(Differ, PairsColumnsByNameInWhateverOrderTheyStand) {
  schema::Database live = lowered(kBlog);
  for (auto& t : live.tables) std::reverse(t.columns.begin(), t.columns.end());
  std::string changed = kBlog;
  changed.replace(changed.find("max_length: 200}"), 16, "max_length: 300}");
  EXPECT_EQ(described(live, lowered(changed)),
            (std::vector<std::string>{"alter column post.title: type char(200) → char(300)"}));
}

TEST(Differ, PairsIndexesAsAMultisetInWhateverOrderTheyStand) {
  schema::Database live = lowered(kBlog);
  schema::Database desired = lowered(kBlog);
  schema::Table& post = *live.find_table("post");
  const schema::Index original = post.indexes.front();
  post.indexes.insert(post.indexes.begin(), schema::Index{"", {"title"}});
  desired.find_table("post")->indexes.push_back(schema::Index{"", {"title"}});
  EXPECT_TRUE(described(live, desired).empty());

  post.indexes.push_back(schema::Index{"ix_twin", original.columns});
  EXPECT_EQ(described(live, desired),
            (std::vector<std::string>{"drop index ix_twin on post.author_id"}));
}

TEST(Differ, RenamedFromGivesARenameNotADropAndAdd) {
  std::string renamed = R"(
models:
  Writer:
    table: writer
    renamed_from: author
    fields:
      full_name: {type: char, max_length: 100, renamed_from: name}
  Post:
    fields:
      author: {type: foreign_key, to: Writer, on_delete: cascade}
      title: {type: char, max_length: 200}
)";
  EXPECT_EQ(described(lowered(kBlog), lowered(renamed)),
            (std::vector<std::string>{"rename table author to writer",
                                      "rename column writer.name to full_name"}));
}

TEST(Differ, RenameHintIsIgnoredOnceTheRenameHasHappened) {
  std::string renamed = kBlog;
  renamed.replace(renamed.find("  Author:\n"), 10, "  Author:\n    renamed_from: writer\n");
  EXPECT_TRUE(described(lowered(kBlog), lowered(renamed)).empty());
}

TEST(Differ, RenameHintMatchingNothingIsAnError) {
  std::string renamed = kBlog;
  renamed.replace(renamed.find("  Author:\n"), 10, "  Writer:\n    renamed_from: nobody\n");
  renamed.replace(renamed.find("to: Author"), 10, "to: Writer");
  const testing::LenientDialect dialect;
  try {
    diff(lowered(kBlog), lowered(renamed), dialect);
    FAIL() << "expected an error";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "table 'writer': renamed_from 'nobody' matches no table in the database");
  }
}

TEST(Differ, ForeignKeyToManyToManyCopiesTheLinksBeforeDroppingTheColumn) {
  const char* fk = kCourseWithForeignKey;
  const char* m2m = kCourseWithManyToMany;
  EXPECT_EQ(described(lowered(fk), lowered(m2m)),
            (std::vector<std::string>{
                "drop foreign key course.students_id → student.id ON DELETE CASCADE",
                "drop index course_students_id_idx on course.students_id",
                "create junction table course_students for Course.students",
                "copy links of Course.students from course.students_id into course_students",
                "drop column course.students_id"}));
  // And back: the links return into the column before the junction goes.
  EXPECT_EQ(described(lowered(m2m), lowered(fk)),
            (std::vector<std::string>{
                "add column course.students_id big_integer NULL",
                "add index course_students_id_idx on course.students_id",
                "add foreign key course.students_id → student.id ON DELETE CASCADE",
                "copy links of Course.students from course_students into course.students_id",
                "drop table course_students"}));
}

TEST(Differ, AddingThroughToAManyToManyKeepsItsRows) {
  const char* implicit = kCourseWithManyToMany;
  const char* through = kCourseThroughEnrollment;
  EXPECT_EQ(described(lowered(implicit), lowered(through)),
            (std::vector<std::string>{
                "create table enrollment",
                "copy links of Course.students from course_students into enrollment",
                "drop table course_students"}));
}

}  // namespace
}  // namespace keyway::diff

namespace keyway::diff {
namespace {

TEST(Differ, ModelRenameHintUsesTheModelNameAndKeepsItsJunction) {
  const char* before = R"(
models:
  Tag: {fields: {name: text}}
  Writer: {fields: {tags: {type: many_to_many, to: Tag}}}
)";
  const char* after = R"(
models:
  Tag: {fields: {name: text}}
  Author:
    renamed_from: Writer
    fields: {tags: {type: many_to_many, to: Tag}}
)";
  EXPECT_EQ(described(lowered(before), lowered(after)),
            (std::vector<std::string>{"rename table writer to author",
                                      "rename table writer_tags to author_tags",
                                      "rename column author_tags.writer_id to author_id"}));
}

TEST(Differ, TablesAmongPairedOnesAreAddedAndDroppedWhateverOrderTheSidesStandIn) {
  schema::Database live;
  live.tables = {table("a", {"id"}), table("b", {"id"}), table("d", {"id"}), table("e", {"id"})};
  schema::Database desired;
  desired.tables = {table("a", {"id"}), table("c", {"id"}), table("d", {"id", "x"}),
                    table("f", {"id"})};
  EXPECT_EQ(raw(live, desired),
            (std::vector<std::string>{"create table c", "add column d.x integer NOT NULL",
                                      "create table f", "drop table b", "drop table e"}));

  // A side out of order by name is searched another way, with the same pairs.
  std::reverse(live.tables.begin(), live.tables.end());
  EXPECT_EQ(raw(live, desired),
            (std::vector<std::string>{"create table c", "add column d.x integer NOT NULL",
                                      "create table f", "drop table e", "drop table b"}));
  std::reverse(desired.tables.begin(), desired.tables.end());
  EXPECT_EQ(raw(live, desired),
            (std::vector<std::string>{"create table f", "add column d.x integer NOT NULL",
                                      "create table c", "drop table e", "drop table b"}));
}

TEST(Differ, TableRenameHintsAreCheckedInTheOrderOfTheNewSchema) {
  schema::Database live;
  live.tables = {table("author", {"id"}), table("post", {"id"})};
  const testing::LenientDialect dialect;
  const auto error = [&](const schema::Database& desired) -> std::string {
    try {
      diff(live, desired, dialect);
    } catch (const InputError& e) {
      return e.what();
    }
    return "no error";
  };
  schema::Database taken;
  taken.tables = {table("post", {"id"}), table("writer", {"id"})};
  taken.tables[1].renamed_from = "post";
  EXPECT_EQ(error(taken),
            "table 'writer': renamed_from 'post' names a table already taken by another table or "
            "rename");
  schema::Database still_there;
  still_there.tables = {table("article", {"id"}), table("post", {"id"})};
  still_there.tables[0].renamed_from = "post";
  EXPECT_EQ(error(still_there),
            "table 'article': renamed_from 'post' matches no table in the database");
}

TEST(Differ, KeysOverARenamedColumnAreKeptWhateverOrderTheyListItsColumnsIn) {
  schema::Database live;
  live.tables = {table("author", {"id"}), table("post", {"id", "author_id", "title"})};
  schema::Table& old_post = live.tables[1];
  old_post.foreign_keys.push_back(
      {"fk_post_author", {"author_id"}, "author", {"id"}, schema::Action::kCascade});
  old_post.indexes.push_back({"ix_post_author", {"author_id"}});
  old_post.uniques.push_back({"uq_post_title_author", {"title", "author_id"}});

  schema::Database desired;
  desired.tables = {table("author", {"id"}), table("post", {"id", "writer_id", "title"})};
  schema::Table& post = desired.tables[1];
  post.columns[1].renamed_from = "author_id";
  post.foreign_keys.push_back(
      {"post_writer_id_fk", {"writer_id"}, "author", {"id"}, schema::Action::kCascade});
  post.indexes.push_back({"post_writer_id_idx", {"writer_id"}});
  post.uniques.push_back({"post_title_writer_id_uniq", {"title", "writer_id"}});
  EXPECT_EQ(raw(live, desired),
            (std::vector<std::string>{"rename column post.author_id to writer_id"}));

  post.uniques.front().columns = {"writer_id", "title"};
  EXPECT_EQ(raw(live, desired),
            (std::vector<std::string>{"rename column post.author_id to writer_id"}));

  post.foreign_keys.front().on_delete = schema::Action::kSetNull;
  post.indexes.push_back({"post_title_idx", {"title"}});
  EXPECT_EQ(raw(live, desired),
            (std::vector<std::string>{
                "rename column post.author_id to writer_id",
                "drop foreign key post.author_id → author.id ON DELETE CASCADE",
                "add foreign key post.writer_id → author.id ON DELETE SET NULL",
                "add index post_title_idx on post.title"}));
}

TEST(Differ, KeysPointingAtARenamedTableAreKept) {
  schema::Database live;
  live.tables = {table("post", {"id", "author_id"}), table("writer", {"id"})};
  live.tables[0].foreign_keys.push_back(
      {"fk_post_writer", {"author_id"}, "writer", {"id"}, schema::Action::kCascade});
  schema::Database desired;
  desired.tables = {table("author", {"id"}), table("post", {"id", "author_id"})};
  desired.tables[0].renamed_from = "writer";
  desired.tables[1].foreign_keys.push_back(
      {"post_author_id_fk", {"author_id"}, "author", {"id"}, schema::Action::kCascade});
  EXPECT_EQ(raw(live, desired), (std::vector<std::string>{"rename table writer to author"}));

  desired.tables[1].foreign_keys.front().ref_table = "writer";
  EXPECT_EQ(raw(live, desired),
            (std::vector<std::string>{
                "rename table writer to author",
                "drop foreign key post.author_id → writer.id ON DELETE CASCADE",
                "add foreign key post.author_id → writer.id ON DELETE CASCADE"}));
}

TEST(Differ, LinksAreKeptWhateverOrderTheTablesStandIn) {
  const char* fk = kCourseWithForeignKey;
  const char* m2m = kCourseWithManyToMany;
  const char* through = kCourseThroughEnrollment;
  const auto reversed = [](schema::Database db) {
    std::reverse(db.tables.begin(), db.tables.end());
    return db;
  };
  for (const auto& [before, after] : {std::pair{fk, m2m}, std::pair{m2m, fk},
                                      std::pair{m2m, through}, std::pair{through, m2m}}) {
    const std::vector<std::string> sorted = described(lowered(before), lowered(after));
    EXPECT_EQ(described(reversed(lowered(before)), lowered(after)), sorted);
    EXPECT_EQ(described(lowered(before), reversed(lowered(after))), sorted);
    EXPECT_NE(std::count_if(sorted.begin(), sorted.end(),
                            [](const std::string& c) { return c.starts_with("copy links"); }),
              0);
  }
}

TEST(Differ, TwoColumnsHintedFromOneOldColumnIsAnError) {
  const char* before = "models: {Post: {fields: {title: text}}}";
  const char* after =
      "models: {Post: {fields: {heading: {type: text, renamed_from: title}, "
      "headline: {type: text, renamed_from: title}}}}";
  const testing::LenientDialect dialect;
  try {
    diff(lowered(before), lowered(after), dialect);
    FAIL() << "expected an error";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(),
                 "column 'post.headline': renamed_from 'title' names a column already taken by "
                 "another column");
  }
}

}  // namespace
}  // namespace keyway::diff
