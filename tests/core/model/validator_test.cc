// What the loader rejects once every model is read: references between
// models, names that clash after mapping, identifier lengths.
#include "core/model/validator.h"

#include <gtest/gtest.h>

#include "core/model/schema_test_util.h"

namespace keyway::model {
namespace {

using testing::load_errors;
using testing::load_path_errors;
using testing::TempDir;

TEST(Validator, RejectsToNamingNoModel) {
  EXPECT_EQ("schema.yaml:4:39: field 'author' of model 'Post': to 'Autor' names no model",
            load_errors(R"(models:
  Post:
    fields:
      author: {type: foreign_key, to: Autor, on_delete: cascade}
)"));
}

TEST(Validator, RejectsThroughNamingNoModel) {
  EXPECT_EQ("schema.yaml:5:58: field 'members' of model 'Group': through 'Membership' names "
            "no model",
            load_errors(R"(models:
  Person: {}
  Group:
    fields:
      members: {type: many_to_many, to: Person, through: Membership}
)"));
}

TEST(Validator, RejectsThroughWithoutOneForeignKeyToEachSide) {
  EXPECT_EQ("schema.yaml:5:58: field 'members' of model 'Group': through model 'Membership' "
            "must have exactly one foreign key to 'Group', found 0\n"
            "schema.yaml:5:58: field 'members' of model 'Group': through model 'Membership' "
            "must have exactly one foreign key to 'Person', found 2",
            load_errors(R"(models:
  Person: {}
  Group:
    fields:
      members: {type: many_to_many, to: Person, through: Membership}
  Membership:
    fields:
      person: {type: foreign_key, to: Person, on_delete: cascade, related_name: a}
      inviter: {type: foreign_key, to: Person, on_delete: cascade, related_name: b}
)"));
}

TEST(Validator, AcceptsAThroughModelWithOneForeignKeyToEachSide) {
  EXPECT_EQ("", load_errors(R"(models:
  Person: {}
  Group:
    fields:
      members: {type: many_to_many, to: Person, through: Membership}
  Membership:
    fields:
      person: {type: foreign_key, to: Person, on_delete: cascade}
      group: {type: one_to_one, to: Group, on_delete: cascade}
      joined: date
)"));
}

TEST(Validator, RejectsASelfThroughModelWithoutTwoForeignKeys) {
  EXPECT_EQ("schema.yaml:4:56: field 'friends' of model 'Person': through model 'Friendship' "
            "must have exactly two foreign keys to 'Person', found 1",
            load_errors(R"(models:
  Person:
    fields:
      friends: {type: many_to_many, to: self, through: Friendship, symmetrical: false}
  Friendship:
    fields:
      from_person: {type: foreign_key, to: Person, on_delete: cascade}
)"));
}

TEST(Validator, AcceptsASelfThroughModelWithTwoForeignKeys) {
  EXPECT_EQ("", load_errors(R"(models:
  Person:
    fields:
      friends: {type: many_to_many, to: self, through: Friendship, symmetrical: false}
  Friendship:
    fields:
      from_person: {type: foreign_key, to: Person, on_delete: cascade, related_name: sent}
      to_person: {type: foreign_key, to: Person, on_delete: cascade, related_name: received}
)"));
}

TEST(Validator, RejectsClashingRelatedNames) {
  EXPECT_EQ("schema.yaml:7:81: reverse accessor 'Author.posts' for field 'Post.editor' clashes "
            "with the reverse accessor for field 'Post.author'",
            load_errors(R"(models:
  Author:
    fields: {name: text}
  Post:
    fields:
      author: {type: foreign_key, to: Author, on_delete: cascade, related_name: posts}
      editor: {type: foreign_key, to: Author, on_delete: cascade, related_name: posts}
)"));
}

TEST(Validator, RejectsClashingDefaultReverseAccessors) {
  EXPECT_EQ("schema.yaml:6:7: reverse accessor 'Author.post_set' for field 'Post.editor' "
            "clashes with the reverse accessor for field 'Post.author'",
            load_errors(R"(models:
  Author: {}
  Post:
    fields:
      author: {type: foreign_key, to: Author, on_delete: cascade}
      editor: {type: many_to_many, to: Author}
)"));
}

TEST(Validator, RejectsAReverseAccessorThatClashesWithAField) {
  EXPECT_EQ("schema.yaml:7:81: reverse accessor 'Author.posts' for field 'Post.author' clashes "
            "with field 'Author.posts'",
            load_errors(R"(models:
  Author:
    fields:
      posts: integer
  Post:
    fields:
      author: {type: foreign_key, to: Author, on_delete: cascade, related_name: posts}
)"));
}

TEST(Validator, UsesTheModelNameAsTheDefaultOneToOneAccessor) {
  EXPECT_EQ("schema.yaml:7:7: reverse accessor 'User.profile' for field 'Profile.user' clashes "
            "with field 'User.profile'",
            load_errors(R"(models:
  User:
    fields:
      profile: text
  Profile:
    fields:
      user: {type: one_to_one, to: User, on_delete: cascade}
)"));
}

TEST(Validator, RejectsAReverseAccessorNamedLikeTheImplicitId) {
  EXPECT_EQ("schema.yaml:5:81: reverse accessor 'Author.id' for field 'Post.author' clashes "
            "with field 'Author.id'",
            load_errors(R"(models:
  Author: {}
  Post:
    fields:
      author: {type: foreign_key, to: Author, on_delete: cascade, related_name: id}
)"));
}

TEST(Validator, AcceptsHiddenAndSymmetricalReverseAccessors) {
  EXPECT_EQ("", load_errors(R"(models:
  Person:
    fields:
      friends: {type: many_to_many, to: self}
      rivals: {type: many_to_many, to: self, symmetrical: true}
      mentor: {type: foreign_key, to: self, on_delete: cascade, null: true, related_name: '+'}
      coach: {type: foreign_key, to: self, on_delete: cascade, null: true, related_name: coach+}
)"));
}

TEST(Validator, RejectsTwoModelsOnOneTable) {
  EXPECT_EQ("schema.yaml:3:20: model 'Article' maps to table 'POST', already used by model "
            "'Post'",
            load_errors("models:\n  Post: {}\n  Article: {table: POST}\n"));
}

TEST(Validator, ComparesTablesAfterTheAppPrefix) {
  TempDir dir;
  dir.write("a.yaml", "app: blog\nmodels:\n  Post: {}\n");
  dir.write("b.yaml", "models:\n  Entry:\n    table: blog_post\n");
  EXPECT_EQ((dir.path() / "b.yaml").string() +
                ":3:12: model 'Entry' maps to table 'blog_post', already used by model 'Post'",
            load_path_errors(dir.path()));
}

TEST(Validator, RejectsAJunctionTableOnAModelTable) {
  EXPECT_EQ("schema.yaml:6:7: the junction of field 'students' of model 'Course' maps to table "
            "'course_students', already used by model 'Course_Students'",
            load_errors(R"(models:
  Student: {}
  Course_Students: {}
  Course:
    fields:
      students: {type: many_to_many, to: Student}
)"));
}

TEST(Validator, RejectsTwoJunctionsOnOneTable) {
  EXPECT_EQ("schema.yaml:6:63: the junction of field 'assistants' of model 'Course' maps to "
            "table 'course_people', already used by the junction of field 'students' of model "
            "'Course'",
            load_errors(R"(models:
  Student: {}
  Course:
    fields:
      students: {type: many_to_many, to: Student, db_table: course_people}
      assistants: {type: many_to_many, to: Student, db_table: course_people, related_name: assisting}
)"));
}

TEST(Validator, RejectsTwoFieldsOnOneColumn) {
  EXPECT_EQ("schema.yaml:6:7: field 'author_id' of model 'Post' maps to column 'author_id', "
            "already used by field 'author'",
            load_errors(R"(models:
  Author: {}
  Post:
    fields:
      author: {type: foreign_key, to: Author, on_delete: cascade}
      author_id: integer
)"));
  EXPECT_EQ("schema.yaml:5:40: field 'heading' of model 'Post' maps to column 'Title', already "
            "used by field 'title'",
            load_errors(R"(models:
  Post:
    fields:
      title: text
      heading: {type: text, db_column: Title}
)"));
}

TEST(Validator, RejectsAnIdFieldBesideTheImplicitPrimaryKey) {
  EXPECT_EQ("schema.yaml:4:7: field 'id' of model 'M' maps to column 'id', already used by the "
            "implicit primary key (set primary_key: true to make it the key)",
            load_errors("models:\n  M:\n    fields:\n      id: integer\n"));
  EXPECT_EQ("schema.yaml:4:7: field 'ID' of model 'M' maps to column 'ID', already used by the "
            "implicit primary key (set primary_key: true to make it the key)",
            load_errors("models:\n  M:\n    fields:\n      ID: integer\n"));
  EXPECT_EQ("", load_errors("models:\n  M:\n    fields:\n      id: {type: auto, primary_key: "
                            "true}\n"));
}

TEST(Validator, RejectsMoreThanOnePrimaryKey) {
  EXPECT_EQ("schema.yaml:5:7: model 'M' has more than one primary key: 'code' and 'slug'",
            load_errors(R"(models:
  M:
    fields:
      code: {type: uuid, primary_key: true}
      slug: {type: char, max_length: 50, primary_key: true}
)"));
}

TEST(Validator, RejectsUniqueTogetherNamingUnknownOrManyToManyFields) {
  EXPECT_EQ("schema.yaml:7:35: unique_together of model 'Post' names unknown field 'titel'\n"
            "schema.yaml:7:42: unique_together of model 'Post' names many_to_many field 'tags', "
            "which has no column",
            load_errors(R"(models:
  Tag: {}
  Post:
    fields:
      title: text
      tags: {type: many_to_many, to: Tag}
    unique_together: [[id, title, titel, tags]]
)"));
}

TEST(Validator, RejectsIndexesNamingUnknownOrManyToManyFields) {
  EXPECT_EQ("schema.yaml:7:25: index 1 of model 'Post' names unknown field 'titel'\n"
            "schema.yaml:8:25: index 2 of model 'Post' names many_to_many field 'tags', which "
            "has no column",
            load_errors(R"(models:
  Tag: {}
  Post:
    fields:
      title: text
      tags: {type: many_to_many, to: Tag}
    indexes: [{fields: [titel]},
              {fields: [tags]}]
)"));
}

TEST(Validator, RejectsToFieldNamingNoFieldOrANonUniqueOne) {
  EXPECT_EQ("schema.yaml:8:77: field 'author' of model 'Post': to_field 'nick' names no field "
            "of model 'Author'\n"
            "schema.yaml:9:77: field 'editor' of model 'Post': to_field 'name' must name a "
            "unique field of model 'Author'",
            load_errors(R"(models:
  Author:
    fields:
      name: text
      code: {type: char, max_length: 8, unique: true}
  Post:
    fields:
      author: {type: foreign_key, to: Author, on_delete: cascade, to_field: nick, related_name: a}
      editor: {type: foreign_key, to: Author, on_delete: cascade, to_field: name, related_name: b}
      owner: {type: foreign_key, to: Author, on_delete: cascade, to_field: code, related_name: c}
)"));
}

TEST(Validator, RejectsRenamedFromTheCurrentName) {
  EXPECT_EQ("schema.yaml:3:19: model 'Post': renamed_from is the model's current name\n"
            "schema.yaml:5:41: field 'title' of model 'Post': renamed_from is the field's "
            "current name",
            load_errors(R"(models:
  Post:
    renamed_from: Post
    fields:
      title: {type: text, renamed_from: title}
)"));
}

TEST(Validator, RejectsAModelDefinedInTwoFiles) {
  TempDir dir;
  dir.write("a.yaml", "models:\n  User: {}\n");
  dir.write("b.yaml", "models:\n  Post: {}\n  User: {}\n");
  EXPECT_EQ((dir.path() / "b.yaml").string() + ":3:3: model 'User' is already defined at " +
                (dir.path() / "a.yaml").string() + ":2:3",
            load_path_errors(dir.path()));
}

TEST(Validator, PointsAtAnOptionInTheFileThatWritesIt) {
  TempDir dir;
  dir.write("a.yaml", "models:\n  User:\n    fields:\n      name: text\n");
  dir.write("b.yaml", "models:\n  Post:\n    fields:\n      title: text\n"
                      "      heading: {type: text, db_column: TITLE}\n");
  EXPECT_EQ((dir.path() / "b.yaml").string() + ":5:40: field 'heading' of model 'Post' maps to "
                "column 'TITLE', already used by field 'title'",
            load_path_errors(dir.path()));
}

TEST(Validator, RejectsIdentifiersLongerThanTheLimit) {
  LoadOptions options;
  options.max_identifier_length = 10;
  EXPECT_EQ("schema.yaml:2:3: table name 'bibliography' of model 'Bibliography' is 12 characters "
            "long, over the limit of 10\n"
            "schema.yaml:4:7: column name 'publication' of field 'publication' of model "
            "'Bibliography' is 11 characters long, over the limit of 10\n"
            "schema.yaml:5:7: junction table name 'bibliography_tags' of field 'tags' of model "
            "'Bibliography' is 17 characters long, over the limit of 10\n"
            "schema.yaml:5:7: junction column name 'bibliography_id' of field 'tags' of model "
            "'Bibliography' is 15 characters long, over the limit of 10\n"
            "schema.yaml:6:45: index name 'bib_pub_idx' of model 'Bibliography' is 11 "
            "characters long, over the limit of 10",
            load_errors(R"(models:
  Bibliography:
    fields:
      publication: text
      tags: {type: many_to_many, to: Tag}
    indexes: [{fields: [publication], name: bib_pub_idx}]
  Tag: {}
)",
                        options));
}

TEST(Validator, CountsTheAppInTableNamesWhereverItIsWritten) {
  // Models are checked as they are read, and `app` may come after them.
  LoadOptions options;
  options.max_identifier_length = 10;
  EXPECT_EQ("", load_errors("app: shop\nmodels:\n  Order: {}\n", options));
  EXPECT_EQ("", load_errors("models:\n  Order: {}\napp: shop\n", options));
  options.max_identifier_length = 9;
  EXPECT_EQ("schema.yaml:3:3: table name 'shop_order' of model 'Order' is 10 characters long, "
            "over the limit of 9",
            load_errors("app: shop\nmodels:\n  Order: {}\n", options));
  EXPECT_EQ("schema.yaml:2:3: table name 'shop_order' of model 'Order' is 10 characters long, "
            "over the limit of 9",
            load_errors("models:\n  Order: {}\napp: shop\n", options));
}

TEST(Validator, NamesTheWrittenIdentifierWhenItIsTooLong) {
  LoadOptions options;
  options.max_identifier_length = 5;
  EXPECT_EQ("schema.yaml:2:14: table name 'people' of model 'P' is 6 characters long, over the "
            "limit of 5\n"
            "schema.yaml:2:58: column name 'fullname' of field 'n' of model 'P' is 8 characters "
            "long, over the limit of 5",
            load_errors("models:\n  P: {table: people, fields: {n: {type: text, db_column: "
                        "fullname}}}\n",
                        options));
}

TEST(Validator, AppliesTheDefaultLimitOf63) {
  const std::string name63(63, 'a');
  EXPECT_EQ("", load_errors("models:\n  M: {table: " + name63 + "}\n"));
  EXPECT_EQ("schema.yaml:2:14: table name '" + name63 + "b' of model 'M' is 64 characters long, "
            "over the limit of 63",
            load_errors("models:\n  M: {table: " + name63 + "b}\n"));
}

TEST(Validator, HasNoLimitWhenTheLimitIsZero) {
  LoadOptions options;
  options.max_identifier_length = 0;
  EXPECT_EQ("", load_errors("models:\n  M: {table: " + std::string(200, 'a') + "}\n", options));
}

TEST(Validator, RejectsDuplicateIndexNames) {
  EXPECT_EQ("schema.yaml:5:36: index name 'By_Title' of model 'Book' is already used by an "
            "index of model 'Post'",
            load_errors(R"(models:
  Post:
    indexes: [{fields: [id], name: by_title}]
  Book:
    indexes: [{fields: [id], name: By_Title}]
)"));
}

TEST(Validator, DoesNotRepeatWhatFollowsFromAnUnreadableField) {
  EXPECT_EQ("schema.yaml:4:22: unknown type 'foreign_kee' in field 'author' of model 'Post'",
            load_errors(R"(models:
  Post:
    fields:
      author: {type: foreign_kee, to: Nobody, on_delete: cascade}
      author_id: integer
    unique_together: [author, author_id]
)"));
}

}  // namespace
}  // namespace keyway::model
