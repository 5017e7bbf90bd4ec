#include "core/raise/raise.h"

#include <gtest/gtest.h>

#include "core/model/loader.h"
#include "core/model/yaml_writer.h"
#include "core/schema/lower.h"
#include "support/test_dialect.h"

namespace keyway::raise {
namespace {

using schema::Column;
using schema::TypeKind;

const testing::StrictDialect kDialect;

// The YAML raise() writes for `db`, with its notes as comments.
std::string raised_yaml(const schema::Database& db) {
  const RaisedSchema raised = raise(db, kDialect);
  model::YamlComments comments;
  comments.header = raised.unmanaged;
  comments.models = raised.notes;
  return model::write_yaml(raised.schema, comments);
}

// lower(yaml), raised back: the text, checked to load.
std::string round_trip(const std::string& yaml) {
  const std::string text =
      raised_yaml(schema::lower(model::load_schema_text(yaml, "schema.yaml")));
  EXPECT_NO_THROW(model::load_schema_text(text, "raised.yaml")) << text;
  return text;
}

TEST(Raise, WritesLoweredModelsBackInTableOrder) {
  EXPECT_EQ(round_trip(R"(
models:
  User:
    fields:
      username: {type: char, max_length: 150, unique: true}
  Profile:
    fields:
      user: {type: one_to_one, to: User, on_delete: cascade}
      bio: text
      birthdate: {type: date, null: true}
      rating: {type: decimal, max_digits: 3, decimal_places: 1, default: 2.5}
      status: {type: char, max_length: 10, choices: [draft, live], db_index: true}
  Post:
    table: posts
    fields:
      author: {type: foreign_key, to: User, on_delete: set_null, null: true, db_column: writer}
      title: {type: char, max_length: 200}
    unique_together: [[author, title]]
    indexes: [{fields: [title, author], name: title_author}]
)"),
            R"(version: 1
models:
  Posts:
    fields:
      writer: {type: foreign_key, to: User, on_delete: set_null, null: true, db_column: writer}
      title: {type: char, max_length: 200}
    unique_together: [[writer, title]]
    indexes: [{fields: [title, writer], name: title_author}]
  Profile:
    fields:
      user: {type: one_to_one, to: User, on_delete: cascade}
      bio: text
      birthdate: {type: date, null: true}
      rating: {type: decimal, max_digits: 3, decimal_places: 1, default: 2.5}
      status: {type: char, max_length: 10, db_index: true, choices: ["draft", "live"]}
  User:
    fields:
      username: {type: char, max_length: 150, unique: true}
)");
}

TEST(Raise, ImplicitJunctionBecomesManyToManyOnTheOwner) {
  const std::string yaml = round_trip(R"(
models:
  Student: {fields: {name: text}}
  Course:
    fields:
      students: {type: many_to_many, to: Student}
      mentors: {type: many_to_many, to: Student, db_table: mentoring, related_name: mentored}
      tutors: {type: many_to_many, to: Student, db_table: course_tutor_links, related_name: tutored}
)");
  // Named after the convention (<table>_<field>): the field; otherwise db_table.
  EXPECT_NE(yaml.find("students: {type: many_to_many, to: Student}"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("tutor_links: {type: many_to_many, to: Student, related_name: "
                      "course_tutor_links_set}"),
            std::string::npos)
      << yaml;
  EXPECT_NE(yaml.find("students_2: {type: many_to_many, to: Student, db_table: mentoring, "
                      "related_name: course_students_2_set}"),
            std::string::npos)
      << yaml;
  EXPECT_EQ(yaml.find("CourseStudents"), std::string::npos) << yaml;
}

TEST(Raise, SelfManyToManyKeepsItsColumns) {
  const std::string yaml = round_trip(R"(
models:
  Person: {fields: {friends: {type: many_to_many, to: self}}}
)");
  EXPECT_NE(yaml.find("friends: {type: many_to_many, to: Person}"), std::string::npos) << yaml;
}

TEST(Raise, JoiningTableWithItsOwnColumnsBecomesThroughModel) {
  const std::string yaml = round_trip(R"(
models:
  Student: {fields: {name: text}}
  Course: {fields: {title: text}}
  Enrollment:
    fields:
      course: {type: foreign_key, to: Course, on_delete: cascade}
      student: {type: foreign_key, to: Student, on_delete: cascade}
      grade: {type: integer, null: true}
    unique_together: [[course, student]]
)");
  EXPECT_NE(yaml.find("students: {type: many_to_many, to: Student, through: Enrollment}"),
            std::string::npos)
      << yaml;
}

TEST(Raise, ClashingReverseAccessorsGetRelatedNames) {
  const std::string yaml = round_trip(R"(
models:
  User: {fields: {name: text}}
  Post:
    fields:
      author: {type: foreign_key, to: User, on_delete: cascade, related_name: written}
      editor: {type: foreign_key, to: User, on_delete: cascade, related_name: edited}
)");
  EXPECT_NE(yaml.find("author: {type: foreign_key, to: User, on_delete: cascade}"),
            std::string::npos)
      << yaml;
  EXPECT_NE(yaml.find("related_name: post_editor_set}"), std::string::npos) << yaml;
}

// A table keyway could not have written, built by hand.
schema::Table region_table() {
  schema::Table t;
  t.name = "region";
  t.columns = {Column{"country", {TypeKind::kChar, 2}}, Column{"code", {TypeKind::kChar, 10}}};
  t.primary_key = {"country", "code"};
  return t;
}

TEST(Raise, CompositePrimaryKeyIsANoteNotAKey) {
  schema::Database db;
  db.tables = {region_table()};
  EXPECT_EQ(raised_yaml(db), R"(version: 1
models:
  # composite primary key (country, code); keyway declares one-column keys only, so lower() gives it keyway's implicit `id` column
  # keyway diff would still report: add column region.id big_auto NOT NULL
  Region:
    fields:
      country: {type: char, max_length: 2}
      code: {type: char, max_length: 10}
)");
}

TEST(Raise, CompositeForeignKeyIsANoteAndItsColumnsStay) {
  schema::Table office;
  office.name = "office";
  Column id{"id", {TypeKind::kBigAuto}};
  id.auto_increment = true;
  office.columns = {id, Column{"country", {TypeKind::kChar, 2}, true},
                    Column{"code", {TypeKind::kChar, 10}, true}};
  office.primary_key = {"id"};
  office.foreign_keys = {{"office_fk", {"country", "code"}, "region", {"country", "code"}}};
  schema::Database db;
  db.tables = {office, region_table()};
  const std::string yaml = raised_yaml(db);
  EXPECT_NE(yaml.find("  # foreign key `office_fk` (country, code) -> region (country, code) is a "
                      "composite foreign key, which keyway cannot express\n"
                      "  # keyway diff would still report: drop foreign key office(country, code)"),
            std::string::npos)
      << yaml;
  EXPECT_NE(yaml.find("      country: {type: char, max_length: 2, null: true}\n"), std::string::npos)
      << yaml;
}

TEST(Raise, WhatYamlCannotHoldIsANote) {
  schema::Table t;
  t.name = "event";
  Column id{"id", {TypeKind::kBigAuto}};
  id.auto_increment = true;
  Column at{"at", {TypeKind::kDateTime}};
  at.default_value = schema::Literal{schema::Literal::Kind::kExpression, "CURRENT_TIMESTAMP"};
  schema::ColumnType money{TypeKind::kOther};
  money.raw = "money";
  t.columns = {id, at, Column{"price", money}};
  t.primary_key = {"id"};
  t.checks = {{"event_price_check", "price > 0"}};
  t.unmanaged = {"trigger event_audit"};
  schema::Database db;
  db.tables = {t};
  db.unmanaged = {"view upcoming"};
  const RaisedSchema raised = raise(db, kDialect);
  EXPECT_EQ(raised.unmanaged, std::vector<std::string>{"view upcoming"});
  const auto& notes = raised.notes.at("Event");
  const auto has = [&](const std::string& note) {
    return std::find(notes.begin(), notes.end(), note) != notes.end();
  };
  EXPECT_TRUE(has("column `at` has default `CURRENT_TIMESTAMP`, which keyway cannot write"));
  EXPECT_TRUE(has("column `price` has type `money`, which keyway has no type for; written as text"));
  EXPECT_TRUE(has("check `event_price_check` (price > 0) is not a list of choices; keyway cannot "
                  "express it"));
  EXPECT_TRUE(has("not managed by keyway, left as it is: trigger event_audit"));
}

TEST(Raise, NamesThatAreNotIdentifiersKeepTheirTableAndColumn) {
  schema::Table t;
  t.name = "order items";
  Column id{"id", {TypeKind::kBigAuto}};
  id.auto_increment = true;
  t.columns = {id, Column{"unit price", {TypeKind::kInteger}}, Column{"yes", {TypeKind::kText}}};
  t.primary_key = {"id"};
  schema::Database db;
  db.tables = {t};
  const std::string yaml = raised_yaml(db);
  EXPECT_EQ(yaml, R"(version: 1
models:
  OrderItems:
    table: "order items"
    fields:
      unit_price: {type: integer, db_column: "unit price"}
      "yes": text
)");
  EXPECT_NO_THROW(model::load_schema_text(yaml, "raised.yaml"));
}

}  // namespace
}  // namespace keyway::raise
