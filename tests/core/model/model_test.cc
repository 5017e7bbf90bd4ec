#include "core/model/model.h"

#include <gtest/gtest.h>

namespace keyway::model {
namespace {

TEST(FieldType, EverySpellingRoundTrips) {
  const std::vector<std::string> spellings = {
      "auto",    "big_auto", "small_integer", "integer",     "big_integer", "boolean",
      "char",    "text",     "date",          "datetime",    "time",        "decimal",
      "float",   "uuid",     "json",          "binary",      "foreign_key", "one_to_one",
      "many_to_many"};
  for (const auto& spelling : spellings) {
    const auto type = field_type_from_string(spelling);
    ASSERT_TRUE(type.has_value()) << spelling;
    EXPECT_EQ(spelling, to_string(*type));
  }
}

TEST(FieldType, SpellingsMapToTheirEnumerators) {
  EXPECT_EQ(FieldType::kBigAuto, field_type_from_string("big_auto"));
  EXPECT_EQ(FieldType::kDateTime, field_type_from_string("datetime"));
  EXPECT_EQ(FieldType::kManyToMany, field_type_from_string("many_to_many"));
}

TEST(FieldType, UnknownSpellingIsAbsent) {
  EXPECT_EQ(std::nullopt, field_type_from_string("string"));
  EXPECT_EQ(std::nullopt, field_type_from_string("Integer"));
  EXPECT_EQ(std::nullopt, field_type_from_string(""));
}

TEST(OnDelete, EverySpellingRoundTrips) {
  const std::vector<std::pair<std::string, OnDelete>> actions = {
      {"cascade", OnDelete::kCascade},        {"protect", OnDelete::kProtect},
      {"restrict", OnDelete::kRestrict},      {"set_null", OnDelete::kSetNull},
      {"set_default", OnDelete::kSetDefault}, {"do_nothing", OnDelete::kDoNothing}};
  for (const auto& [spelling, action] : actions) {
    EXPECT_EQ(action, on_delete_from_string(spelling));
    EXPECT_EQ(spelling, to_string(action));
  }
  EXPECT_EQ(std::nullopt, on_delete_from_string("CASCADE"));
}

TEST(Model, FindsFieldsByName) {
  Model model;
  model.fields.resize(2);
  model.fields[0].name = "title";
  model.fields[1].name = "body";
  ASSERT_NE(nullptr, model.find_field("body"));
  EXPECT_EQ("body", model.find_field("body")->name);
  EXPECT_EQ(nullptr, model.find_field("Body"));
}

TEST(Field, ACopyHasItsOwnBoxedOptions) {
  Field field;
  field.default_value = Value{Value::Kind::kNumber, "0"};
  field.db_column = "title_text";
  Field copy = field;
  EXPECT_EQ(field.default_value, copy.default_value);
  EXPECT_EQ("title_text", copy.db_column);
  EXPECT_EQ(std::nullopt, copy.related_name);
  copy.db_column = "other";
  EXPECT_EQ("title_text", field.db_column);  // not shared with the copy
}

TEST(Schema, FindsModelsByName) {
  Schema schema;
  schema.models.resize(2);
  schema.models[0].name = "Author";
  schema.models[1].name = "Post";
  ASSERT_NE(nullptr, schema.find_model("Post"));
  EXPECT_EQ("Post", schema.find_model("Post")->name);
  EXPECT_EQ(nullptr, schema.find_model("post"));
}

}  // namespace
}  // namespace keyway::model
