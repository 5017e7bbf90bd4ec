#include "core/schema/lower.h"

#include <gtest/gtest.h>

#include "core/model/loader.h"
#include "core/schema/naming.h"

namespace keyway::schema {
namespace {

Database lowered(const std::string& yaml) {
  return lower(model::load_schema_text(yaml, "schema.yaml"));
}

std::vector<std::string> column_names(const Table& t) {
  std::vector<std::string> out;
  for (const auto& c : t.columns) out.push_back(c.name);
  return out;
}

TEST(Lower, GivesEveryModelAnImplicitBigAutoId) {
  const Database db = lowered("models: {Author: {fields: {name: text}}}");
  ASSERT_EQ(db.tables.size(), 1u);
  const Table& t = db.tables[0];
  EXPECT_EQ(t.name, "author");
  EXPECT_EQ(column_names(t), (std::vector<std::string>{"id", "name"}));
  EXPECT_EQ(t.columns[0].type.kind, TypeKind::kBigAuto);
  EXPECT_TRUE(t.columns[0].auto_increment);
  EXPECT_EQ(t.primary_key, (std::vector<std::string>{"id"}));
}

TEST(Lower, NamesTablesFromAppAndModelOrExplicitTable) {
  const Database db = lowered(R"(
app: blog
models:
  Author: {fields: {name: text}}
  Post: {table: posts, fields: {title: text}}
)");
  EXPECT_NE(db.find_table("blog_author"), nullptr);
  EXPECT_NE(db.find_table("posts"), nullptr);
}

TEST(Lower, ForeignKeyGetsColumnConstraintAndIndex) {
  const Database db = lowered(R"(
models:
  Author: {fields: {name: text}}
  Post:
    fields:
      author: {type: foreign_key, to: Author, on_delete: cascade}
      editor: {type: foreign_key, to: Author, on_delete: set_null, null: true, db_index: false, db_column: edited_by, related_name: edited}
)");
  const Table& post = *db.find_table("post");
  EXPECT_EQ(column_names(post), (std::vector<std::string>{"id", "author_id", "edited_by"}));
  EXPECT_EQ(post.columns[1].type.kind, TypeKind::kBigInteger);
  EXPECT_FALSE(post.columns[1].nullable);
  EXPECT_TRUE(post.columns[2].nullable);
  ASSERT_EQ(post.foreign_keys.size(), 2u);
  EXPECT_EQ(post.foreign_keys[0].name, "post_author_id_fkey");
  EXPECT_EQ(post.foreign_keys[0].ref_table, "author");
  EXPECT_EQ(post.foreign_keys[0].ref_columns, (std::vector<std::string>{"id"}));
  EXPECT_EQ(post.foreign_keys[0].on_delete, Action::kCascade);
  EXPECT_EQ(post.foreign_keys[1].on_delete, Action::kSetNull);
  ASSERT_EQ(post.indexes.size(), 1u);
  EXPECT_EQ(post.indexes[0].name, "post_author_id_idx");
  EXPECT_TRUE(post.uniques.empty());
}

TEST(Lower, OnDeleteActionsMapToSql) {
  const Database db = lowered(R"(
models:
  A: {fields: {name: text}}
  B:
    fields:
      p: {type: foreign_key, to: A, on_delete: protect}
      r: {type: foreign_key, to: A, on_delete: restrict, related_name: r_set}
      n: {type: foreign_key, to: A, on_delete: do_nothing, related_name: n_set}
      d: {type: foreign_key, to: A, on_delete: set_default, default: 1, related_name: d_set}
)");
  const Table& b = *db.find_table("b");
  EXPECT_EQ(b.foreign_keys[0].on_delete, Action::kRestrict);
  EXPECT_EQ(b.foreign_keys[1].on_delete, Action::kRestrict);
  EXPECT_EQ(b.foreign_keys[2].on_delete, Action::kNoAction);
  EXPECT_EQ(b.foreign_keys[3].on_delete, Action::kSetDefault);
  EXPECT_EQ(b.columns[4].default_value, (Literal{Literal::Kind::kNumber, "1"}));
}

TEST(Lower, OneToOneIsAUniqueForeignKeyWithoutExtraIndex) {
  const Database db = lowered(R"(
models:
  User: {fields: {username: {type: char, max_length: 150, unique: true}}}
  Profile: {fields: {user: {type: one_to_one, to: User, on_delete: cascade}}}
)");
  const Table& profile = *db.find_table("profile");
  ASSERT_EQ(profile.uniques.size(), 1u);
  EXPECT_EQ(profile.uniques[0].name, "profile_user_id_key");
  EXPECT_EQ(profile.uniques[0].columns, (std::vector<std::string>{"user_id"}));
  EXPECT_TRUE(profile.indexes.empty());
  EXPECT_EQ(db.find_table("user")->uniques[0].name, "user_username_key");
}

TEST(Lower, ManyToManyBecomesAJunctionTable) {
  const Database db = lowered(R"(
models:
  Student: {fields: {name: text}}
  Course: {fields: {students: {type: many_to_many, to: Student}}}
)");
  const Table& j = *db.find_table("course_students");
  EXPECT_EQ(column_names(j), (std::vector<std::string>{"id", "course_id", "student_id"}));
  ASSERT_EQ(j.foreign_keys.size(), 2u);
  EXPECT_EQ(j.foreign_keys[0].ref_table, "course");
  EXPECT_EQ(j.foreign_keys[1].ref_table, "student");
  EXPECT_EQ(j.foreign_keys[0].on_delete, Action::kCascade);
  EXPECT_EQ(j.foreign_keys[1].on_delete, Action::kCascade);
  ASSERT_EQ(j.uniques.size(), 1u);
  EXPECT_EQ(j.uniques[0].columns, (std::vector<std::string>{"course_id", "student_id"}));
  ASSERT_EQ(j.indexes.size(), 1u);
  EXPECT_EQ(j.indexes[0].columns, (std::vector<std::string>{"student_id"}));
  ASSERT_NE(j.junction, nullptr);
  EXPECT_EQ(j.junction->field, "students");
  EXPECT_TRUE(db.find_table("course")->columns.size() == 1);
}

TEST(Lower, SelfManyToManyUsesFromAndToColumnsAndDbTable) {
  const Database db = lowered(R"(
models:
  Person: {fields: {friends: {type: many_to_many, to: self, db_table: friendships}}}
)");
  const Table& j = *db.find_table("friendships");
  EXPECT_EQ(column_names(j), (std::vector<std::string>{"id", "from_person_id", "to_person_id"}));
}

TEST(Lower, ThroughModelIsTheJunction) {
  const Database db = lowered(R"(
models:
  Student: {fields: {name: text}}
  Course: {fields: {students: {type: many_to_many, to: Student, through: Enrollment}}}
  Enrollment:
    fields:
      course: {type: foreign_key, to: Course, on_delete: cascade}
      student: {type: foreign_key, to: Student, on_delete: cascade}
)");
  EXPECT_EQ(db.find_table("course_students"), nullptr);
  const Table& e = *db.find_table("enrollment");
  ASSERT_NE(e.junction, nullptr);
  EXPECT_TRUE(e.junction->through);
  EXPECT_EQ(e.junction->source_column, "course_id");
  EXPECT_EQ(e.junction->target_column, "student_id");
  EXPECT_EQ(e.junction->implicit_table, "course_students");
}

TEST(Lower, ChoicesBecomeACheckAndUniqueTogetherAUnique) {
  const Database db = lowered(R"(
models:
  Post:
    fields:
      status: {type: char, max_length: 10, choices: [draft, published]}
      slug: {type: char, max_length: 50}
    unique_together: [[status, slug]]
    indexes: [{fields: [slug], name: post_slug_lookup}]
)");
  const Table& post = *db.find_table("post");
  ASSERT_EQ(post.checks.size(), 1u);
  EXPECT_EQ(post.checks[0].expression, "\"status\" IN ('draft', 'published')");
  ASSERT_EQ(post.uniques.size(), 1u);
  EXPECT_EQ(post.uniques[0].columns, (std::vector<std::string>{"status", "slug"}));
  EXPECT_EQ(post.indexes[0].name, "post_slug_lookup");
}

TEST(Lower, ExplicitPrimaryKeyReplacesIdAndSetsReferencingType) {
  const Database db = lowered(R"(
models:
  Country: {fields: {code: {type: char, max_length: 2, primary_key: true}}}
  City: {fields: {country: {type: foreign_key, to: Country, on_delete: protect}}}
)");
  EXPECT_EQ(column_names(*db.find_table("country")), (std::vector<std::string>{"code"}));
  const Table& city = *db.find_table("city");
  EXPECT_EQ(city.columns[1].type, (ColumnType{TypeKind::kChar, 2}));
  EXPECT_EQ(city.foreign_keys[0].ref_columns, (std::vector<std::string>{"code"}));
}

TEST(Naming, ShortensLongNamesWithAStableHash) {
  const std::string long_name(80, 'x');
  const std::string short_name = shorten(long_name);
  EXPECT_EQ(short_name.size(), 63u);
  EXPECT_EQ(short_name, shorten(long_name));
  EXPECT_EQ(short_name.substr(0, 54), std::string(54, 'x'));
  EXPECT_EQ(short_name[54], '_');
  EXPECT_EQ(shorten("short"), "short");
}

}  // namespace
}  // namespace keyway::schema
