// What the loader rejects in one file, model or field, with the exact text.
#include "core/model/loader.h"

#include <string>

#include <gtest/gtest.h>

#include "core/model/schema_test_util.h"

namespace keyway::model {
namespace {

using testing::load_errors;

// The schema "models:\n  <model>:\n    fields:\n" followed by `fields`, so the
// first field is on line 4 and its name at column 7.
std::string with_fields(const std::string& model, const std::string& fields) {
  return "models:\n  " + model + ":\n    fields:\n" + fields;
}

TEST(LoaderErrors, RejectsInvalidYamlWithItsPosition) {
  EXPECT_EQ("schema.yaml:3:1: invalid YAML: did not find expected ',' or '}' (while parsing a "
            "flow mapping started at line 2, column 9)",
            load_errors("models:\n  User: {fields: {name: text}\n"));
  EXPECT_EQ("schema.yaml:3:17: invalid YAML: mapping values are not allowed in this context",
            load_errors("models:\n  User:\n    fields: name: text\n"));
}

TEST(LoaderErrors, RejectsADocumentThatIsNotAMapping) {
  EXPECT_EQ("schema.yaml:1:1: expected a mapping for the document, got a list",
            load_errors("- User\n- Post\n"));
}

TEST(LoaderErrors, RejectsAnEmptyFile) {
  EXPECT_EQ("schema.yaml:1:1: expected a mapping for the document, got an empty file",
            load_errors(""));
  EXPECT_EQ("schema.yaml:1:1: expected a mapping for the document, got an empty file",
            load_errors("# nothing yet\n"));
}

TEST(LoaderErrors, RejectsMoreThanOneDocument) {
  EXPECT_EQ("schema.yaml:3:1: expected one YAML document, got 2",
            load_errors("models: {}\n---\nmodels: {}\n"));
}

TEST(LoaderErrors, RejectsUnknownTopLevelKeys) {
  EXPECT_EQ("schema.yaml:1:1: unknown key 'modles' at the top level",
            load_errors("modles: {}\nmodels: {}\n"));
}

TEST(LoaderErrors, RejectsDuplicateTopLevelKeys) {
  EXPECT_EQ("schema.yaml:2:1: duplicate key 'models' at the top level (first at line 1, column 1)",
            load_errors("models: {}\nmodels: {}\n"));
}

TEST(LoaderErrors, RejectsAFileWithoutModels) {
  EXPECT_EQ("schema.yaml:1:1: missing key 'models' at the top level", load_errors("version: 1\n"));
}

TEST(LoaderErrors, RejectsVersionsOtherThanOne) {
  EXPECT_EQ("schema.yaml:1:10: expected the number 1 for version, got '2'",
            load_errors("version: 2\nmodels: {}\n"));
  EXPECT_EQ("schema.yaml:1:10: expected the number 1 for version, got the string '1'",
            load_errors("version: '1'\nmodels: {}\n"));
}

TEST(LoaderErrors, RejectsAnAppThatIsNotAString) {
  EXPECT_EQ("schema.yaml:1:6: expected a non-empty string for app, got a list",
            load_errors("app: [blog]\nmodels: {}\n"));
}

TEST(LoaderErrors, RejectsModelsThatAreNotAMapping) {
  EXPECT_EQ("schema.yaml:1:9: expected a mapping for models, got a list",
            load_errors("models: [User]\n"));
}

TEST(LoaderErrors, RejectsAModelThatIsNotAMapping) {
  EXPECT_EQ("schema.yaml:2:9: expected a mapping for model 'User', got 'text'",
            load_errors("models:\n  User: text\n"));
}

TEST(LoaderErrors, RejectsAnEmptyModelAtItsName) {
  EXPECT_EQ("schema.yaml:2:3: expected a mapping for model 'User', got null",
            load_errors("models:\n  User:\n  Post: {}\n"));
}

TEST(LoaderErrors, RejectsModelNamesThatAreNotIdentifiers) {
  EXPECT_EQ(
      "schema.yaml:2:3: model name 'my model' is not an identifier (letters, digits and "
      "underscores, not starting with a digit)\n"
      "schema.yaml:3:3: model name '1User' is not an identifier (letters, digits and "
      "underscores, not starting with a digit)",
      load_errors("models:\n  my model: {}\n  1User: {}\n"));
}

TEST(LoaderErrors, RejectsEmptyAndNonStringModelNames) {
  EXPECT_EQ("schema.yaml:2:3: expected a model name in models, got an empty key\n"
            "schema.yaml:3:3: expected a model name in models, got a list",
            load_errors("models:\n  '': {}\n  [a, b]: {}\n"));
}

TEST(LoaderErrors, RejectsDuplicateModelsInOneFile) {
  EXPECT_EQ("schema.yaml:3:3: duplicate key 'User' in models (first at line 2, column 3)",
            load_errors("models:\n  User: {}\n  User: {}\n"));
}

TEST(LoaderErrors, ReadsEachModelOnceAndNotARepeatedOne) {
  EXPECT_EQ("schema.yaml:2:7: unknown key 'x' in model 'A'\n"
            "schema.yaml:3:3: duplicate key 'A' in models (first at line 2, column 3)\n"
            "schema.yaml:4:7: unknown key 'y' in model 'B'",
            load_errors("models:\n  A: {x: 1}\n  A: {z: 1}\n  B: {y: 2}\n"));
}

TEST(LoaderErrors, ReportsOnlyASyntaxErrorAfterTheModels) {
  // The models are read as they are parsed; those read before the error are
  // dropped with what they reported.
  EXPECT_EQ("schema.yaml:4:1: invalid YAML: did not find expected key (while parsing a block "
            "mapping started at line 1, column 1)",
            load_errors("models:\n  User: {fields: {name: txt}}\n  Post: {}\n- oops\n"));
}

TEST(LoaderErrors, ReadsOnlyTheFirstModelsMapping) {
  EXPECT_EQ("schema.yaml:1:14: unknown key 'feilds' in model 'A'\n"
            "schema.yaml:2:1: duplicate key 'models' at the top level (first at line 1, column "
            "1)",
            load_errors("models: {A: {feilds: {}}}\nmodels: {B: {bad: 1}}\n"));
}

TEST(LoaderErrors, ReadsModelsThroughAnAlias) {
  EXPECT_EQ("schema.yaml:1:1: unknown key 'x' at the top level\n"
            "schema.yaml:2:26: unknown type 'tex' in field 'title' of model 'Post'",
            load_errors("x: &all\n  Post: {fields: {title: tex}}\nmodels: *all\n"));
}

TEST(LoaderErrors, RejectsUnknownModelKeys) {
  EXPECT_EQ("schema.yaml:3:5: unknown key 'feilds' in model 'User'",
            load_errors("models:\n  User:\n    feilds: {}\n"));
}

TEST(LoaderErrors, RejectsFieldsThatAreNotAMapping) {
  EXPECT_EQ("schema.yaml:3:13: expected a mapping for the fields of model 'User', got a list",
            load_errors("models:\n  User:\n    fields: [name]\n"));
}

TEST(LoaderErrors, RejectsFieldNamesThatAreNotIdentifiers) {
  EXPECT_EQ("schema.yaml:4:7: field name 'first name' in model 'User' is not an identifier "
            "(letters, digits and underscores, not starting with a digit)",
            load_errors(with_fields("User", "      first name: text\n")));
}

TEST(LoaderErrors, RejectsEmptyFieldNames) {
  EXPECT_EQ("schema.yaml:4:7: expected a field name in the fields of model 'User', got an "
            "empty key",
            load_errors(with_fields("User", "      '': text\n")));
}

TEST(LoaderErrors, RejectsDuplicateFields) {
  EXPECT_EQ("schema.yaml:5:7: duplicate key 'bio' in the fields of model 'Profile' "
            "(first at line 4, column 7)",
            load_errors(with_fields("Profile", "      bio: text\n      bio: text\n")));
}

// Large mappings find repeated keys another way than small ones; the message
// is the same.
TEST(LoaderErrors, RejectsDuplicateFieldsAmongMany) {
  std::string fields;
  for (int i = 0; i < 20; ++i) fields += "      f" + std::to_string(i) + ": text\n";
  fields += "      f3: text\n      f19: integer\n";
  EXPECT_EQ("schema.yaml:24:7: duplicate key 'f3' in the fields of model 'Profile' "
            "(first at line 7, column 7)\n"
            "schema.yaml:25:7: duplicate key 'f19' in the fields of model 'Profile' "
            "(first at line 23, column 7)",
            load_errors(with_fields("Profile", fields)));
}

TEST(LoaderErrors, RejectsAFieldThatIsNeitherATypeNorAMapping) {
  EXPECT_EQ("schema.yaml:4:13: expected a type name or a mapping for field 'tags' of model "
            "'User', got a list",
            load_errors(with_fields("User", "      tags: [a, b]\n")));
}

TEST(LoaderErrors, RejectsAnEmptyFieldAtItsName) {
  EXPECT_EQ("schema.yaml:4:7: expected a type name or a mapping for field 'bio' of model "
            "'User', got null",
            load_errors(with_fields("User", "      bio:\n      name: text\n")));
}

TEST(LoaderErrors, RejectsAFieldWithoutAType) {
  EXPECT_EQ("schema.yaml:4:7: field 'name' of model 'User': missing option 'type'",
            load_errors(with_fields("User", "      name: {max_length: 10}\n")));
}

TEST(LoaderErrors, RejectsUnknownTypes) {
  EXPECT_EQ("schema.yaml:4:13: unknown type 'string' in field 'name' of model 'User'",
            load_errors(with_fields("User", "      name: string\n")));
  EXPECT_EQ("schema.yaml:4:20: unknown type 'strin' in field 'name' of model 'User'",
            load_errors(with_fields("User", "      name: {type: strin}\n")));
}

TEST(LoaderErrors, RejectsATypeThatIsNotAName) {
  EXPECT_EQ("schema.yaml:4:20: field 'name' of model 'User': expected a type name for type, "
            "got a list",
            load_errors(with_fields("User", "      name: {type: [char]}\n")));
}

TEST(LoaderErrors, RejectsUnknownFieldKeys) {
  EXPECT_EQ("schema.yaml:4:25: unknown key 'nul' in field 'bio' of model 'Profile'",
            load_errors(with_fields("Profile", "      bio: {type: text, nul: true}\n")));
}

TEST(LoaderErrors, SpellsNullLikeKeysAsWritten) {
  EXPECT_EQ("schema.yaml:4:25: unknown key '~' in field 'bio' of model 'Profile'\n"
            "schema.yaml:4:34: unknown key 'NULL' in field 'bio' of model 'Profile'",
            load_errors(with_fields("Profile", "      bio: {type: text, ~: true, NULL: true}\n")));
}

TEST(LoaderErrors, StillReportsUnknownKeysOfAFieldWithAnUnknownType) {
  EXPECT_EQ("schema.yaml:4:19: unknown type 'txt' in field 'bio' of model 'Profile'\n"
            "schema.yaml:4:24: unknown key 'nul' in field 'bio' of model 'Profile'",
            load_errors(with_fields("Profile", "      bio: {type: txt, nul: true, null: true}\n")));
}

TEST(LoaderErrors, RejectsDuplicateFieldKeys) {
  EXPECT_EQ("schema.yaml:4:37: duplicate key 'null' in field 'bio' of model 'Profile' "
            "(first at line 4, column 25)",
            load_errors(
                with_fields("Profile", "      bio: {type: text, null: true, null: false}\n")));
}

TEST(LoaderErrors, RejectsOptionsThatDoNotApplyToTheType) {
  EXPECT_EQ("schema.yaml:4:28: unknown key 'max_length' for type 'integer' in field 'age' of "
            "model 'User'",
            load_errors(with_fields("User", "      age: {type: integer, max_length: 3}\n")));
  EXPECT_EQ("schema.yaml:4:25: unknown key 'on_delete' for type 'text' in field 'bio' of model "
            "'User'",
            load_errors(with_fields("User", "      bio: {type: text, on_delete: cascade}\n")));
  EXPECT_EQ("schema.yaml:4:28: unknown key 'max_digits' for type 'float' in field 'ratio' of "
            "model 'User'",
            load_errors(with_fields("User", "      ratio: {type: float, max_digits: 3}\n")));
}

TEST(LoaderErrors, RejectsOptionsThatDoNotApplyToRelations) {
  EXPECT_EQ("schema.yaml:5:62: unknown key 'unique' for type 'one_to_one' in field 'user' of "
            "model 'Profile'",
            load_errors("models:\n  User: {}\n  Profile:\n    fields:\n"
                        "      user: {type: one_to_one, to: User, on_delete: cascade, unique: "
                        "true}\n"));
  EXPECT_EQ("schema.yaml:5:43: unknown key 'null' for type 'many_to_many' in field 'tags' of "
            "model 'Post'\n"
            "schema.yaml:5:55: unknown key 'max_length' for type 'many_to_many' in field 'tags' "
            "of model 'Post'",
            load_errors("models:\n  Tag: {}\n  Post:\n    fields:\n"
                        "      tags: {type: many_to_many, to: Tag, null: true, max_length: 3}\n"));
}

TEST(LoaderErrors, RejectsCharWithoutMaxLength) {
  EXPECT_EQ("schema.yaml:4:7: field 'name' of model 'User': missing option 'max_length' "
            "(required for type 'char')",
            load_errors(with_fields("User", "      name: char\n")));
}

TEST(LoaderErrors, RejectsDecimalWithoutDigitsAndPlaces) {
  EXPECT_EQ("schema.yaml:4:7: field 'price' of model 'Item': missing option 'max_digits' "
            "(required for type 'decimal')\n"
            "schema.yaml:4:7: field 'price' of model 'Item': missing option 'decimal_places' "
            "(required for type 'decimal')",
            load_errors(with_fields("Item", "      price: decimal\n")));
}

TEST(LoaderErrors, RejectsForeignKeyWithoutToAndOnDelete) {
  EXPECT_EQ("schema.yaml:4:7: field 'author' of model 'Post': missing option 'to' (required "
            "for type 'foreign_key')\n"
            "schema.yaml:4:7: field 'author' of model 'Post': missing option 'on_delete' "
            "(required for type 'foreign_key')",
            load_errors(with_fields("Post", "      author: foreign_key\n")));
}

TEST(LoaderErrors, RejectsOneToOneWithoutOnDelete) {
  EXPECT_EQ("schema.yaml:4:7: field 'user' of model 'Profile': missing option 'on_delete' "
            "(required for type 'one_to_one')",
            load_errors(with_fields("Profile", "      user: {type: one_to_one, to: self}\n")));
}

TEST(LoaderErrors, RejectsManyToManyWithoutTo) {
  EXPECT_EQ("schema.yaml:4:7: field 'tags' of model 'Post': missing option 'to' (required for "
            "type 'many_to_many')",
            load_errors(with_fields("Post", "      tags: many_to_many\n")));
}

TEST(LoaderErrors, RejectsMaxLengthThatIsNotAPositiveInteger) {
  EXPECT_EQ("schema.yaml:4:38: field 'name' of model 'User': expected a positive integer for "
            "max_length, got 'abc'",
            load_errors(with_fields("User", "      name: {type: char, max_length: abc}\n")));
  EXPECT_EQ("schema.yaml:4:38: field 'name' of model 'User': expected a positive integer for "
            "max_length, got '0'",
            load_errors(with_fields("User", "      name: {type: char, max_length: 0}\n")));
  EXPECT_EQ("schema.yaml:4:38: field 'name' of model 'User': expected a positive integer for "
            "max_length, got the string '10'",
            load_errors(with_fields("User", "      name: {type: char, max_length: '10'}\n")));
}

TEST(LoaderErrors, RejectsNegativeDecimalPlaces) {
  EXPECT_EQ("schema.yaml:4:61: field 'price' of model 'Item': expected a non-negative integer "
            "for decimal_places, got '-1'",
            load_errors(with_fields(
                "Item", "      price: {type: decimal, max_digits: 5, decimal_places: -1}\n")));
}

TEST(LoaderErrors, RejectsDecimalPlacesOverMaxDigits) {
  EXPECT_EQ("schema.yaml:4:61: field 'price' of model 'Item': decimal_places (6) must not "
            "exceed max_digits (5)",
            load_errors(with_fields(
                "Item", "      price: {type: decimal, max_digits: 5, decimal_places: 6}\n")));
}

TEST(LoaderErrors, RejectsNonBooleanNull) {
  EXPECT_EQ("schema.yaml:4:31: field 'bio' of model 'Profile': expected true or false for "
            "null, got 'yes'",
            load_errors(with_fields("Profile", "      bio: {type: text, null: yes}\n")));
  EXPECT_EQ("schema.yaml:4:31: field 'bio' of model 'Profile': expected true or false for "
            "null, got the string 'true'",
            load_errors(with_fields("Profile", "      bio: {type: text, null: 'true'}\n")));
}

TEST(LoaderErrors, RejectsUnknownOnDelete) {
  EXPECT_EQ("schema.yaml:5:53: field 'user' of model 'Profile': expected one of cascade, "
            "protect, restrict, set_null, set_default, do_nothing for on_delete, got 'delete'",
            load_errors("models:\n  User: {}\n  Profile:\n    fields:\n"
                        "      user: {type: one_to_one, to: User, on_delete: delete}\n"));
}

TEST(LoaderErrors, RejectsStringOptionsThatAreNotNonEmptyStrings) {
  EXPECT_EQ("schema.yaml:4:38: field 'tags' of model 'Post': expected a non-empty string for "
            "to, got the string ''",
            load_errors(with_fields("Post", "      tags: {type: many_to_many, to: ''}\n")));
  EXPECT_EQ("schema.yaml:4:36: field 'bio' of model 'User': expected a non-empty string for "
            "db_column, got a list",
            load_errors(with_fields("User", "      bio: {type: text, db_column: [x]}\n")));
  EXPECT_EQ("schema.yaml:3:5: model 'User': expected a non-empty string for table, got null",
            load_errors("models:\n  User:\n    table:\n"));
}

TEST(LoaderErrors, RejectsDefaultsThatAreNotSingleValues) {
  EXPECT_EQ("schema.yaml:4:34: field 'bio' of model 'User': expected a single value for "
            "default, got a list",
            load_errors(with_fields("User", "      bio: {type: text, default: [a]}\n")));
}

TEST(LoaderErrors, RejectsDefaultsOfTheWrongType) {
  EXPECT_EQ("schema.yaml:4:37: field 'age' of model 'User': expected an integer for default, "
            "got 'abc'",
            load_errors(with_fields("User", "      age: {type: integer, default: abc}\n")));
  EXPECT_EQ("schema.yaml:4:37: field 'age' of model 'User': expected an integer for default, "
            "got '1.5'",
            load_errors(with_fields("User", "      age: {type: integer, default: 1.5}\n")));
  EXPECT_EQ("schema.yaml:4:36: field 'ok' of model 'User': expected true or false for "
            "default, got '1'",
            load_errors(with_fields("User", "      ok: {type: boolean, default: 1}\n")));
  EXPECT_EQ("schema.yaml:4:37: field 'ratio' of model 'User': expected a number for default, "
            "got the string '0.5'",
            load_errors(with_fields("User", "      ratio: {type: float, default: '0.5'}\n")));
}

TEST(LoaderErrors, RejectsBadChoices) {
  EXPECT_EQ("schema.yaml:4:34: field 'bio' of model 'User': expected a non-empty list of "
            "values for choices, got an empty list",
            load_errors(with_fields("User", "      bio: {type: text, choices: []}\n")));
  EXPECT_EQ("schema.yaml:4:42: field 'size' of model 'User': expected an integer for choices, "
            "got 'big'",
            load_errors(with_fields("User", "      size: {type: integer, choices: [1, big]}\n")));
}

TEST(LoaderErrors, RejectsSetNullWithoutNull) {
  EXPECT_EQ("schema.yaml:5:53: field 'user' of model 'Profile': on_delete 'set_null' requires "
            "null: true",
            load_errors("models:\n  User: {}\n  Profile:\n    fields:\n"
                        "      user: {type: one_to_one, to: User, on_delete: set_null}\n"));
}

TEST(LoaderErrors, RejectsSetDefaultWithoutDefault) {
  EXPECT_EQ("schema.yaml:5:58: field 'author' of model 'Post': on_delete 'set_default' "
            "requires a default",
            load_errors("models:\n  Author: {}\n  Post:\n    fields:\n"
                        "      author: {type: foreign_key, to: Author, on_delete: set_default}\n"));
}

TEST(LoaderErrors, RejectsSymmetricalOnARelationToAnotherModel) {
  EXPECT_EQ("schema.yaml:5:64: field 'students' of model 'Course': symmetrical applies only "
            "when to is self",
            load_errors("models:\n  Student: {}\n  Course:\n    fields:\n"
                        "      students: {type: many_to_many, to: Student, symmetrical: false}\n"));
}

TEST(LoaderErrors, RejectsDbTableWithThrough) {
  EXPECT_EQ("schema.yaml:5:71: field 'tags' of model 'Post': db_table cannot be used with "
            "through (the through model is the junction table)",
            load_errors(R"(models:
  Tag: {}
  Post:
    fields:
      tags: {type: many_to_many, to: Tag, through: PostTag, db_table: post_tags}
  PostTag:
    fields:
      post: {type: foreign_key, to: Post, on_delete: cascade}
      tag: {type: foreign_key, to: Tag, on_delete: cascade}
)"));
}

TEST(LoaderErrors, RejectsAutoThatIsNotThePrimaryKey) {
  EXPECT_EQ("schema.yaml:4:16: field 'counter' of model 'M': type 'auto' requires "
            "primary_key: true",
            load_errors(with_fields("M", "      counter: auto\n")));
}

TEST(LoaderErrors, RejectsANullablePrimaryKey) {
  EXPECT_EQ("schema.yaml:4:51: field 'code' of model 'M': a primary key cannot have null: true",
            load_errors(with_fields(
                "M", "      code: {type: uuid, primary_key: true, null: true}\n")));
}

TEST(LoaderErrors, RejectsRelatedNamesThatAreNotIdentifiers) {
  EXPECT_EQ("schema.yaml:5:81: field 'author' of model 'Post': related_name 'my posts' is not "
            "an identifier",
            load_errors("models:\n  Author: {}\n  Post:\n    fields:\n"
                        "      author: {type: foreign_key, to: Author, on_delete: cascade, "
                        "related_name: my posts}\n"));
}

TEST(LoaderErrors, RejectsMalformedUniqueTogether) {
  EXPECT_EQ("schema.yaml:4:22: model 'Post': expected a list of field-name lists for "
            "unique_together, got 'title'",
            load_errors("models:\n  Post:\n    fields: {title: text}\n"
                        "    unique_together: title\n"));
  EXPECT_EQ("schema.yaml:4:22: model 'Post': expected a list of field-name lists for "
            "unique_together, got a list",
            load_errors("models:\n  Post:\n    fields: {title: text}\n"
                        "    unique_together: [[title], title]\n"));
  EXPECT_EQ("schema.yaml:4:31: model 'Post': expected a field name for unique_together, got "
            "a list",
            load_errors("models:\n  Post:\n    fields: {title: text}\n"
                        "    unique_together: [[title, [id]]]\n"));
  EXPECT_EQ("schema.yaml:4:23: model 'Post': expected a non-empty list of field names for "
            "unique_together, got an empty list",
            load_errors("models:\n  Post:\n    fields: {title: text}\n"
                        "    unique_together: [[]]\n"));
}

TEST(LoaderErrors, RejectsMalformedIndexes) {
  const std::string head = "models:\n  Post:\n    fields: {title: text}\n";
  EXPECT_EQ("schema.yaml:4:14: model 'Post': expected a list of indexes for indexes, got a "
            "mapping",
            load_errors(head + "    indexes: {fields: [title]}\n"));
  EXPECT_EQ("schema.yaml:4:15: expected a mapping for index 1 of model 'Post', got a list",
            load_errors(head + "    indexes: [[title]]\n"));
  EXPECT_EQ("schema.yaml:4:33: unknown key 'colums' in index 1 of model 'Post'",
            load_errors(head + "    indexes: [{fields: [title], colums: [title]}]\n"));
  EXPECT_EQ("schema.yaml:4:34: index 2 of model 'Post': missing key 'fields'",
            load_errors(head + "    indexes: [{fields: [title]}, {name: post_idx}]\n"));
  EXPECT_EQ("schema.yaml:4:41: index 1 of model 'Post': expected true or false for unique, "
            "got 'yes'",
            load_errors(head + "    indexes: [{fields: [title], unique: yes}]\n"));
  EXPECT_EQ("schema.yaml:4:39: index 1 of model 'Post': expected a non-empty string for name, "
            "got a mapping",
            load_errors(head + "    indexes: [{fields: [title], name: {}}]\n"));
  EXPECT_EQ("schema.yaml:4:24: index 1 of model 'Post': expected a non-empty list of field "
            "names for fields, got an empty list",
            load_errors(head + "    indexes: [{fields: []}]\n"));
}

TEST(LoaderErrors, CollectsEveryDiagnosticInPositionOrder) {
  EXPECT_EQ("schema.yaml:1:10: expected the number 1 for version, got '3'\n"
            "schema.yaml:5:25: unknown key 'nul' in field 'bio' of model 'Profile'\n"
            "schema.yaml:6:7: field 'name' of model 'Profile': missing option 'max_length' "
            "(required for type 'char')\n"
            "schema.yaml:9:39: field 'author' of model 'Post': to 'Autor' names no model\n"
            "schema.yaml:10:14: unknown type 'txt' in field 'title' of model 'Post'",
            load_errors(R"(version: 3
models:
  Profile:
    fields:
      bio: {type: text, nul: true}
      name: char
  Post:
    fields:
      author: {type: foreign_key, to: Autor, on_delete: cascade}
      title: txt
)"));
}

}  // namespace
}  // namespace keyway::model
