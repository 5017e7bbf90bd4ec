// Schemas that load: every type and option lands in the right model member.
#include "core/model/loader.h"

#include <gtest/gtest.h>

#include "core/model/schema_test_util.h"

namespace keyway::model {
namespace {

using testing::load;
using testing::load_errors;
using testing::load_path_errors;
using testing::TempDir;

Field only_field(const Schema& schema) {
  EXPECT_EQ(1u, schema.models.size());
  EXPECT_EQ(1u, schema.models.at(0).fields.size());
  return schema.models.at(0).fields.at(0);
}

TEST(Loader, LoadsEveryScalarTypeFromShorthand) {
  const std::vector<std::pair<std::string, FieldType>> types = {
      {"small_integer", FieldType::kSmallInteger}, {"integer", FieldType::kInteger},
      {"big_integer", FieldType::kBigInteger},     {"boolean", FieldType::kBoolean},
      {"text", FieldType::kText},                  {"date", FieldType::kDate},
      {"datetime", FieldType::kDateTime},          {"time", FieldType::kTime},
      {"float", FieldType::kFloat},                {"uuid", FieldType::kUuid},
      {"json", FieldType::kJson},                  {"binary", FieldType::kBinary}};
  for (const auto& [spelling, type] : types) {
    const Schema schema = load("models:\n  M:\n    fields:\n      f: " + spelling + "\n");
    EXPECT_EQ(type, only_field(schema).type) << spelling;
  }
}

TEST(Loader, LoadsAutoCharAndDecimalWithTheirOptions) {
  const Schema schema = load(R"(models:
  M:
    fields:
      key: {type: big_auto, primary_key: true}
  N:
    fields:
      small_key: {type: auto, primary_key: true}
      name: {type: char, max_length: 150}
      price: {type: decimal, max_digits: 10, decimal_places: 2}
)");
  const Model& m = schema.models.at(0);
  EXPECT_EQ(FieldType::kBigAuto, m.fields[0].type);
  EXPECT_TRUE(m.fields[0].primary_key);
  const Model& n = schema.models.at(1);
  EXPECT_EQ(FieldType::kAuto, n.fields[0].type);
  EXPECT_EQ(FieldType::kChar, n.fields[1].type);
  EXPECT_EQ(150, n.fields[1].max_length);
  EXPECT_EQ(FieldType::kDecimal, n.fields[2].type);
  EXPECT_EQ(10, n.fields[2].max_digits);
  EXPECT_EQ(2, n.fields[2].decimal_places);
}

TEST(Loader, ShorthandIsTheTypeWithDefaultOptions) {
  const Field bio = only_field(load("models:\n  Profile:\n    fields:\n      bio: text\n"));
  EXPECT_EQ("bio", bio.name);
  EXPECT_EQ(FieldType::kText, bio.type);
  EXPECT_FALSE(bio.null);
  EXPECT_FALSE(bio.unique);
  EXPECT_FALSE(bio.primary_key);
  EXPECT_EQ(std::nullopt, bio.db_index);
  EXPECT_EQ(std::nullopt, bio.default_value);
  EXPECT_TRUE(bio.choices.empty());
}

TEST(Loader, LoadsEveryScalarOption) {
  const Field f = only_field(load(R"(models:
  M:
    fields:
      code: {type: char, max_length: 2, null: true, default: 'ab', unique: true,
             db_index: false, db_column: code_col, choices: [ab, cd],
             renamed_from: old_code}
)"));
  EXPECT_TRUE(f.null);
  EXPECT_EQ((Value{Value::Kind::kString, "ab"}), f.default_value);
  EXPECT_TRUE(f.unique);
  EXPECT_EQ(false, f.db_index);
  EXPECT_EQ("code_col", f.db_column);
  EXPECT_EQ((std::vector<Value>{{Value::Kind::kString, "ab"}, {Value::Kind::kString, "cd"}}),
            f.choices);
  EXPECT_EQ("old_code", f.renamed_from);
}

TEST(Loader, TypesDefaultsByHowTheyAreWritten) {
  const Schema schema = load(R"(models:
  M:
    fields:
      count: {type: integer, default: -3}
      ratio: {type: float, default: 0.5}
      flag: {type: boolean, default: True}
      label: {type: text, default: "12"}
      note: {type: text, null: true, default: null}
)");
  const Model& m = schema.models.at(0);
  EXPECT_EQ((Value{Value::Kind::kNumber, "-3"}), m.fields[0].default_value);
  EXPECT_EQ((Value{Value::Kind::kNumber, "0.5"}), m.fields[1].default_value);
  EXPECT_EQ((Value{Value::Kind::kBool, "true"}), m.fields[2].default_value);
  EXPECT_EQ((Value{Value::Kind::kString, "12"}), m.fields[3].default_value);
  EXPECT_EQ((Value{Value::Kind::kNull, ""}), m.fields[4].default_value);
}

TEST(Loader, TakesTheValueOfDjangoStyleChoicePairs) {
  const Field f = only_field(load(R"(models:
  M:
    fields:
      size: {type: small_integer, choices: [[1, Small], [2, Large]]}
)"));
  EXPECT_EQ((std::vector<Value>{{Value::Kind::kNumber, "1"}, {Value::Kind::kNumber, "2"}}),
            f.choices);
}

TEST(Loader, LoadsEveryForeignKeyOption) {
  const Schema schema = load(R"(models:
  Author:
    fields:
      code: {type: char, max_length: 10, unique: true}
  Post:
    fields:
      author: {type: foreign_key, to: Author, on_delete: set_null, null: true,
               related_name: posts, to_field: code, db_column: author_code,
               db_index: false, db_constraint: false, deferrable: true, unique: true,
               renamed_from: writer}
)");
  const Field& f = schema.models.at(1).fields.at(0);
  EXPECT_EQ(FieldType::kForeignKey, f.type);
  EXPECT_EQ("Author", f.to);
  EXPECT_EQ(OnDelete::kSetNull, f.on_delete);
  EXPECT_TRUE(f.null);
  EXPECT_EQ("posts", f.related_name);
  EXPECT_EQ("code", f.to_field);
  EXPECT_EQ("author_code", f.db_column);
  EXPECT_EQ(false, f.db_index);
  EXPECT_FALSE(f.db_constraint);
  EXPECT_TRUE(f.deferrable);
  EXPECT_TRUE(f.unique);
  EXPECT_EQ("writer", f.renamed_from);
}

TEST(Loader, ForeignKeyDefaultsToConstrainedNotDeferrable) {
  const Schema schema = load(R"(models:
  Author: {}
  Post:
    fields:
      author: {type: foreign_key, to: Author, on_delete: cascade}
)");
  const Field& f = schema.models.at(1).fields.at(0);
  EXPECT_TRUE(f.db_constraint);
  EXPECT_FALSE(f.deferrable);
  EXPECT_FALSE(f.null);
  EXPECT_EQ(std::nullopt, f.related_name);
}

TEST(Loader, LoadsEveryOnDeleteAction) {
  const std::vector<std::pair<std::string, OnDelete>> actions = {
      {"cascade", OnDelete::kCascade},   {"protect", OnDelete::kProtect},
      {"restrict", OnDelete::kRestrict}, {"set_null", OnDelete::kSetNull},
      {"set_default", OnDelete::kSetDefault}, {"do_nothing", OnDelete::kDoNothing}};
  for (const auto& [spelling, action] : actions) {
    const Schema schema = load("models:\n  A: {}\n  B:\n    fields:\n      a: {type: foreign_key, "
                               "to: A, null: true, default: 1, on_delete: " + spelling + "}\n");
    EXPECT_EQ(action, schema.models.at(1).fields.at(0).on_delete) << spelling;
  }
}

TEST(Loader, LoadsOneToOneWithPrimaryKey) {
  const Schema schema = load(R"(models:
  User: {}
  Profile:
    fields:
      user: {type: one_to_one, to: User, on_delete: cascade, related_name: profile,
             primary_key: true}
)");
  const Field& f = schema.models.at(1).fields.at(0);
  EXPECT_EQ(FieldType::kOneToOne, f.type);
  EXPECT_EQ("User", f.to);
  EXPECT_EQ(OnDelete::kCascade, f.on_delete);
  EXPECT_EQ("profile", f.related_name);
  EXPECT_TRUE(f.primary_key);
}

TEST(Loader, LoadsEveryManyToManyOption) {
  const Schema schema = load(R"(models:
  Person: {}
  Group:
    fields:
      members: {type: many_to_many, to: Person, related_name: groups, through: Membership,
                renamed_from: people}
      admins: {type: many_to_many, to: Person, related_name: administered, db_table: group_admin}
  Membership:
    fields:
      person: {type: foreign_key, to: Person, on_delete: cascade}
      group: {type: foreign_key, to: Group, on_delete: cascade}
)");
  const Model& group = schema.models.at(1);
  EXPECT_EQ(FieldType::kManyToMany, group.fields[0].type);
  EXPECT_EQ("Person", group.fields[0].to);
  EXPECT_EQ("groups", group.fields[0].related_name);
  EXPECT_EQ("Membership", group.fields[0].through);
  EXPECT_EQ("people", group.fields[0].renamed_from);
  EXPECT_EQ("group_admin", group.fields[1].db_table);
}

TEST(Loader, ResolvesSelfToTheOwningModel) {
  const Schema schema = load(R"(models:
  Person:
    fields:
      parent: {type: foreign_key, to: self, on_delete: cascade, null: true, related_name: children}
      friends: {type: many_to_many, to: self, symmetrical: false, related_name: followers}
)");
  const Model& person = schema.models.at(0);
  EXPECT_EQ("Person", person.fields[0].to);
  EXPECT_EQ("Person", person.fields[1].to);
  EXPECT_EQ(false, person.fields[1].symmetrical);
}

TEST(Loader, LoadsModelOptions) {
  const Schema schema = load(R"(models:
  Post:
    table: posts
    renamed_from: Article
    fields:
      author: text
      title: {type: char, max_length: 200}
    unique_together: [[author, title], [title]]
    indexes:
      - {fields: [author, title], name: post_author_title_idx, unique: true}
      - fields: [title]
)");
  const Model& post = schema.models.at(0);
  EXPECT_EQ("posts", post.table);
  EXPECT_EQ("Article", post.renamed_from);
  ASSERT_EQ(2u, post.unique_together.size());
  EXPECT_EQ((std::vector<std::string>{"author", "title"}), post.unique_together[0].fields);
  EXPECT_EQ((std::vector<std::string>{"title"}), post.unique_together[1].fields);
  EXPECT_EQ(8, post.unique_together[0].where.line);
  EXPECT_EQ(23, post.unique_together[0].where.column);
  ASSERT_EQ(2u, post.indexes.size());
  EXPECT_EQ((std::vector<std::string>{"author", "title"}), post.indexes[0].fields);
  EXPECT_EQ("post_author_title_idx", post.indexes[0].name);
  EXPECT_TRUE(post.indexes[0].unique);
  EXPECT_EQ(std::nullopt, post.indexes[1].name);
  EXPECT_FALSE(post.indexes[1].unique);
  EXPECT_EQ(11, post.indexes[1].where.line);
}

TEST(Loader, AcceptsOneFlatListAsOneUniqueTogetherGroup) {
  const Schema schema = load(R"(models:
  Post:
    fields: {author: text, title: text}
    unique_together: [author, title]
)");
  ASSERT_EQ(1u, schema.models[0].unique_together.size());
  EXPECT_EQ((std::vector<std::string>{"author", "title"}),
            schema.models[0].unique_together[0].fields);
}

TEST(Loader, AppliesTheFileAppToItsModels) {
  const Schema schema = load("version: 1\napp: blog\nmodels:\n  Post: {}\n");
  EXPECT_EQ("blog", schema.models.at(0).app);
  EXPECT_EQ(std::nullopt, load("models:\n  Post: {}\n").models.at(0).app);
}

TEST(Loader, AppliesAnAppWrittenAfterTheModels) {
  // The models are read while the file is parsed, before `app` is met.
  const Schema schema = load("models:\n  Post: {}\n  Tag: {}\napp: blog\n");
  ASSERT_EQ(2u, schema.models.size());
  EXPECT_EQ("blog", schema.models.at(0).app);
  EXPECT_EQ("blog", schema.models.at(1).app);
}

TEST(Loader, ReadsModelsBehindAnAnchor) {
  // An anchored `models` is kept whole in the tree (an alias may copy it).
  const Schema schema = load("models: &all\n  Post: {fields: {title: text}}\n");
  ASSERT_EQ(1u, schema.models.size());
  EXPECT_EQ("title", schema.models.at(0).fields.at(0).name);
}

TEST(Loader, RecordsWhereModelsAndFieldsAreWritten) {
  const Schema schema = load(R"(models:
  User:
    fields:
      name: {type: char, max_length: 10}
)");
  const Model& user = schema.models.at(0);
  EXPECT_EQ("schema.yaml:2:3", user.where.to_string());
  EXPECT_EQ("schema.yaml:4:7", user.fields.at(0).where.to_string());
}

TEST(Loader, KeepsModelsAndFieldsInFileOrder) {
  const Schema schema = load("models:\n  Zeta: {fields: {b: text, a: text}}\n  Alpha: {}\n");
  EXPECT_EQ("Zeta", schema.models[0].name);
  EXPECT_EQ("Alpha", schema.models[1].name);
  EXPECT_EQ("b", schema.models[0].fields[0].name);
  EXPECT_EQ("a", schema.models[0].fields[1].name);
}

TEST(Loader, AcceptsEmptyModelsAndANullDefaultlessModel) {
  EXPECT_EQ("", load_errors("models: {}\n"));
  EXPECT_EQ("", load_errors("models:\n  Tag:\n    fields: {}\n"));
}

TEST(Loader, MergesADirectoryInFileNameOrder) {
  TempDir dir;
  dir.write("b.yaml", "models:\n  Post:\n    fields:\n      author: {type: foreign_key, to: "
                      "Author, on_delete: cascade}\n");
  dir.write("a.yml", "app: people\nmodels:\n  Author: {}\n");
  dir.write("c.yaml", "models:\n  Comment: {}\n");
  dir.write("notes.txt", "not yaml");
  const Schema schema = load_schema(dir.path());
  ASSERT_EQ(3u, schema.models.size());
  EXPECT_EQ("Author", schema.models[0].name);
  EXPECT_EQ("people", schema.models[0].app);
  EXPECT_EQ("Post", schema.models[1].name);
  EXPECT_EQ(std::nullopt, schema.models[1].app);
  EXPECT_EQ("Comment", schema.models[2].name);
  EXPECT_EQ((dir.path() / "b.yaml").string() + ":2:3", schema.models[1].where.to_string());
}

TEST(Loader, LoadsASingleFilePath) {
  TempDir dir;
  const auto file = dir.write("one.yaml", "models:\n  Tag: {}\n");
  const Schema schema = load_schema(file);
  ASSERT_EQ(1u, schema.models.size());
  EXPECT_EQ(file.string() + ":2:3", schema.models[0].where.to_string());
}

TEST(Loader, NamesTheFileInsideADirectoryInDiagnostics) {
  TempDir dir;
  dir.write("a.yaml", "models:\n  Tag: {fields: {name: strng}}\n");
  EXPECT_EQ((dir.path() / "a.yaml").string() +
                ":2:24: unknown type 'strng' in field 'name' of model 'Tag'",
            load_path_errors(dir.path()));
}

TEST(Loader, RejectsAPathThatDoesNotExist) {
  TempDir dir;
  const auto missing = dir.path() / "nope";
  try {
    load_schema(missing);
    FAIL() << "expected InputError";
  } catch (const SchemaError&) {
    FAIL() << "expected a plain InputError";
  } catch (const InputError& e) {
    EXPECT_EQ("schema path '" + missing.string() + "' does not exist", std::string(e.what()));
  }
}

TEST(Loader, RejectsADirectoryWithoutYamlFiles) {
  TempDir dir;
  dir.write("README.md", "# nothing\n");
  try {
    load_schema(dir.path());
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ("schema directory '" + dir.path().string() + "' has no *.yaml files",
              std::string(e.what()));
  }
}

TEST(Loader, LoadsTheExampleSchemas) {
  const Schema schema = load_schema(std::filesystem::path(KEYWAY_SOURCE_DIR) / "schemas");
  std::vector<std::string> names;
  for (const auto& model : schema.models) names.push_back(model.name);
  // blog.yaml, school.yaml, users.yaml in file-name order.
  EXPECT_EQ((std::vector<std::string>{"Author", "Post", "Student", "Course", "User", "Profile"}),
            names);
  const Model* profile = schema.find_model("Profile");
  ASSERT_NE(nullptr, profile);
  EXPECT_EQ(FieldType::kOneToOne, profile->find_field("user")->type);
  EXPECT_EQ(OnDelete::kCascade, profile->find_field("user")->on_delete);
  EXPECT_TRUE(profile->find_field("birthdate")->null);
  const Model* post = schema.find_model("Post");
  ASSERT_NE(nullptr, post);
  EXPECT_EQ("posts", post->find_field("author")->related_name);
  ASSERT_EQ(1u, post->unique_together.size());
  const Model* course = schema.find_model("Course");
  ASSERT_NE(nullptr, course);
  EXPECT_EQ("courses", course->find_field("students")->related_name);
  EXPECT_EQ(150, schema.find_model("User")->find_field("username")->max_length);
  EXPECT_FALSE(schema.models[0].app.has_value());
}

}  // namespace
}  // namespace keyway::model
