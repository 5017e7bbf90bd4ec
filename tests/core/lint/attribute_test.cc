#include "core/lint/attribute.h"

#include <gtest/gtest.h>

#include "support/test_dialect.h"

namespace keyway::lint {
namespace {

using schema::Column;
using schema::Database;
using schema::Table;
using schema::TypeKind;

Table table(const std::string& name, std::vector<Column> columns) {
  Table t;
  t.name = name;
  t.columns.push_back(Column("id", TypeKind::kBigAuto));
  t.columns.back().auto_increment = true;
  t.primary_key = {"id"};
  for (auto& c : columns) t.columns.push_back(std::move(c));
  return t;
}

Database db(std::vector<Table> tables) {
  Database out;
  out.tables = std::move(tables);
  return out;
}

// "statement: change" for each attributed change.
std::vector<std::string> attributed(const Database& start, const std::vector<Database>& states,
                                    const std::vector<std::string>& statements) {
  const testing::StrictDialect dialect;
  std::vector<std::string> out;
  for (const auto& a : attribute(start, states, statements, dialect).changes) {
    out.push_back(std::to_string(a.statement) + (a.table_existed ? " existing: " : " new: ") +
                  diff::describe(a.change));
  }
  return out;
}

TEST(LintRename, ParsesTableAndColumnRenamesAsDatabasesWriteThem) {
  auto r = parse_rename(R"(ALTER TABLE "post" RENAME TO "article")");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->table, "post");
  EXPECT_EQ(r->column, "");
  EXPECT_EQ(r->to, "article");
  r = parse_rename("alter table if exists only public.\"Po\"\"st\" rename column title to /* x */ headline");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->table, "Po\"st");
  EXPECT_EQ(r->column, "title");
  EXPECT_EQ(r->to, "headline");
  r = parse_rename("ALTER TABLE `a` RENAME `b` TO `c`");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->column, "b");
  EXPECT_FALSE(parse_rename("ALTER TABLE a RENAME CONSTRAINT x TO y"));
  EXPECT_FALSE(parse_rename("ALTER TABLE a ADD COLUMN rename_to int"));
}

TEST(LintAttribute, EachChangeGoesToTheStatementThatMakesIt) {
  const Database start = db({table("author", {})});
  const Database s1 = db({table("author", {}), table("post", {Column("title", TypeKind::kText)})});
  Database s2 = s1;
  s2.tables[0].columns.push_back(Column("bio", TypeKind::kText, true));
  EXPECT_EQ(attributed(start, {s1, s2},
                       {"CREATE TABLE post (...)", "ALTER TABLE author ADD COLUMN bio text"}),
            (std::vector<std::string>{"1 new: create table post",
                                      "2 existing: add column author.bio text NULL"}));
}

TEST(LintAttribute, ATableRebuildIsNotADropOfTheTable) {
  const Table post = table("post", {Column("author_id", TypeKind::kBigInteger)});
  Table rebuilt = post;
  rebuilt.foreign_keys.push_back({"post_author_id_fkey", {"author_id"}, "author", {"id"}});
  Table fresh = rebuilt;
  fresh.name = "post__keyway_new";
  const Table author = table("author", {});
  const Database start = db({author, post});
  const std::vector<Database> states = {db({author, post, fresh}), db({author, post, fresh}),
                                        db({author, fresh}), db({author, rebuilt})};
  EXPECT_EQ(attributed(start, states,
                       {"CREATE TABLE \"post__keyway_new\" (...)",
                        "INSERT INTO \"post__keyway_new\" SELECT * FROM \"post\"",
                        "DROP TABLE \"post\"",
                        "ALTER TABLE \"post__keyway_new\" RENAME TO \"post\""}),
            (std::vector<std::string>{
                "4 existing: add foreign key post.author_id → author.id ON DELETE NO ACTION"}));
}

TEST(LintAttribute, RenamesAreRenamesNotDropsAndAdds) {
  Table post = table("post", {Column("title", TypeKind::kText)});
  post.indexes.push_back({"post_title_idx", {"title"}});
  const Database start = db({post});
  Table renamed = post;
  renamed.columns[1].name = "headline";
  renamed.indexes[0].columns = {"headline"};
  Table article = renamed;
  article.name = "article";
  EXPECT_EQ(attributed(start, {db({renamed}), db({article})},
                       {"ALTER TABLE post RENAME COLUMN title TO headline",
                        "ALTER TABLE \"post\" RENAME TO \"article\""}),
            (std::vector<std::string>{"1 existing: rename column article.title to headline",
                                      "2 existing: rename table post to article"}));
}

TEST(LintAttribute, AnAddedColumnKeepsTheShapeItWasAddedWith) {
  const Database start = db({table("post", {})});
  Database s1 = start;
  Column rating("rating", TypeKind::kInteger);
  rating.default_value = schema::Literal{schema::Literal::Kind::kNumber, "0"};
  s1.tables[0].columns.push_back(rating);
  Database s2 = start;
  s2.tables[0].columns.push_back(Column("rating", TypeKind::kInteger));
  const testing::StrictDialect dialect;
  const Trace trace = attribute(start, {s1, s2},
                                {"ALTER TABLE post ADD COLUMN rating int NOT NULL DEFAULT 0",
                                 "ALTER TABLE post ALTER COLUMN rating DROP DEFAULT"},
                                dialect);
  ASSERT_EQ(trace.changes.size(), 1u);
  EXPECT_EQ(trace.changes[0].statement, 1);
  EXPECT_TRUE(std::get<diff::AddColumn>(trace.changes[0].first).column.default_value);
  EXPECT_FALSE(std::get<diff::AddColumn>(trace.changes[0].change).column.default_value);
}

}  // namespace
}  // namespace keyway::lint
