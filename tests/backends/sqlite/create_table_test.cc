#include "backends/sqlite/sqlite_create_table.h"

#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace keyway::backends::sqlite {
namespace {

using Names = std::vector<std::string>;

// Parses `sql`, failing the test when it is not read as a CREATE TABLE.
CreateTable parse(const std::string& sql) {
  std::optional<CreateTable> parsed = parse_create_table(sql);
  EXPECT_TRUE(parsed.has_value()) << sql;
  return parsed.value_or(CreateTable{});
}

TEST(SqliteCreateTable, ReadsTheTableName) {
  EXPECT_EQ(parse("CREATE TABLE post (id integer)").table, "post");
  EXPECT_EQ(parse("create temp table if not exists \"my \"\"t\"\"\" (a)").table, "my \"t\"");
  EXPECT_EQ(parse("CREATE TABLE main.[x y](a)").table, "x y");
}

TEST(SqliteCreateTable, ReadsNamedTableForeignKeyWithEverything) {
  const CreateTable t = parse(
      "CREATE TABLE c (a int, b int, CONSTRAINT c_ab_fk FOREIGN KEY (a, b) REFERENCES p (x, y) "
      "ON DELETE SET NULL ON UPDATE CASCADE MATCH SIMPLE DEFERRABLE INITIALLY DEFERRED)");
  ASSERT_EQ(t.foreign_keys.size(), 1u);
  const ParsedForeignKey& fk = t.foreign_keys[0];
  EXPECT_EQ(fk.name, "c_ab_fk");
  EXPECT_EQ(fk.columns, (Names{"a", "b"}));
  EXPECT_EQ(fk.ref_table, "p");
  EXPECT_EQ(fk.ref_columns, (Names{"x", "y"}));
  EXPECT_TRUE(fk.deferrable);
  EXPECT_EQ(fk.text,
            "CONSTRAINT c_ab_fk FOREIGN KEY (a, b) REFERENCES p (x, y) ON DELETE SET NULL "
            "ON UPDATE CASCADE MATCH SIMPLE DEFERRABLE INITIALLY DEFERRED");
}

TEST(SqliteCreateTable, ReadsColumnReferencesAndWhatFollowsThem) {
  const CreateTable t = parse(
      "CREATE TABLE c (a int NOT NULL CONSTRAINT fk_a REFERENCES p ON DELETE CASCADE "
      "NOT NULL CHECK (a > 0), b int REFERENCES \"P\"(\"id\") DEFERRABLE)");
  ASSERT_EQ(t.foreign_keys.size(), 2u);
  EXPECT_EQ(t.foreign_keys[0].name, "fk_a");
  EXPECT_EQ(t.foreign_keys[0].columns, Names{"a"});
  EXPECT_EQ(t.foreign_keys[0].ref_table, "p");
  EXPECT_TRUE(t.foreign_keys[0].ref_columns.empty());
  EXPECT_EQ(t.foreign_keys[0].text, "CONSTRAINT fk_a REFERENCES p ON DELETE CASCADE");
  EXPECT_FALSE(t.foreign_keys[1].name.has_value());
  EXPECT_EQ(t.foreign_keys[1].ref_table, "P");
  EXPECT_EQ(t.foreign_keys[1].ref_columns, Names{"id"});
  EXPECT_FALSE(t.foreign_keys[1].deferrable);  // DEFERRABLE alone is initially immediate
  ASSERT_EQ(t.checks.size(), 1u);
  EXPECT_FALSE(t.checks[0].name.has_value());
  EXPECT_EQ(t.checks[0].column, "a");
  EXPECT_EQ(t.checks[0].expression, "a > 0");
}

TEST(SqliteCreateTable, NotDeferrableAndInitiallyImmediateAreNotDeferrable) {
  const CreateTable t = parse(
      "CREATE TABLE c (a int REFERENCES p NOT DEFERRABLE INITIALLY DEFERRED, "
      "b int REFERENCES p DEFERRABLE INITIALLY IMMEDIATE, "
      "d int REFERENCES p DEFERRABLE INITIALLY DEFERRED)");
  ASSERT_EQ(t.foreign_keys.size(), 3u);
  EXPECT_FALSE(t.foreign_keys[0].deferrable);
  EXPECT_FALSE(t.foreign_keys[1].deferrable);
  EXPECT_TRUE(t.foreign_keys[2].deferrable);
}

TEST(SqliteCreateTable, IgnoresKeywordsInsideStringsQuotedNamesAndComments) {
  const CreateTable t = parse(
      "CREATE TABLE t (\n"
      "  a text DEFAULT 'REFERENCES x (y) CHECK (1)', -- CHECK (2) REFERENCES z\n"
      "  \"check\" text, /* CONSTRAINT k UNIQUE (a) */\n"
      "  [references] text DEFAULT ')'\n"
      ")");
  EXPECT_TRUE(t.foreign_keys.empty());
  EXPECT_TRUE(t.checks.empty());
  EXPECT_TRUE(t.uniques.empty());
}

TEST(SqliteCreateTable, ReadsCheckExpressionsWithNestedParenthesesAndStrings) {
  const CreateTable t = parse(
      "CREATE TABLE t (a int, b text, CONSTRAINT `t ok` CHECK (  (a > 0) AND (b IN ('(', ')'))  ), "
      "CHECK(length(b) < 10))");
  ASSERT_EQ(t.checks.size(), 2u);
  EXPECT_EQ(t.checks[0].name, "t ok");
  EXPECT_FALSE(t.checks[0].column.has_value());
  EXPECT_EQ(t.checks[0].expression, "(a > 0) AND (b IN ('(', ')'))");
  EXPECT_FALSE(t.checks[1].name.has_value());
  EXPECT_EQ(t.checks[1].expression, "length(b) < 10");
  EXPECT_EQ(t.checks[1].text, "CHECK(length(b) < 10)");
}

TEST(SqliteCreateTable, ConstraintNameBelongsOnlyToTheConstraintItPrecedes) {
  const CreateTable t = parse(
      "CREATE TABLE t (a int CONSTRAINT a_nn NOT NULL CHECK (a > 0) "
      "CONSTRAINT a_small CHECK (a < 9) CONSTRAINT a_uq UNIQUE)");
  ASSERT_EQ(t.checks.size(), 2u);
  EXPECT_FALSE(t.checks[0].name.has_value());
  EXPECT_EQ(t.checks[1].name, "a_small");
  EXPECT_EQ(t.checks[1].text, "CONSTRAINT a_small CHECK (a < 9)");
  ASSERT_EQ(t.uniques.size(), 1u);
  EXPECT_EQ(t.uniques[0].name, "a_uq");
  EXPECT_EQ(t.uniques[0].columns, Names{"a"});
}

TEST(SqliteCreateTable, ReadsTableAndColumnUniques) {
  const CreateTable t = parse(
      "CREATE TABLE t (a text UNIQUE ON CONFLICT REPLACE, b text, c text, "
      "UNIQUE (b COLLATE nocase, c DESC), CONSTRAINT t_c UNIQUE (\"c\"))");
  ASSERT_EQ(t.uniques.size(), 3u);
  EXPECT_FALSE(t.uniques[0].name.has_value());
  EXPECT_EQ(t.uniques[0].columns, Names{"a"});
  EXPECT_EQ(t.uniques[1].columns, (Names{"b", "c"}));
  EXPECT_EQ(t.uniques[2].name, "t_c");
  EXPECT_EQ(t.uniques[2].columns, Names{"c"});
}

TEST(SqliteCreateTable, DetectsAutoincrementAndWithoutRowid) {
  EXPECT_TRUE(parse("CREATE TABLE t (id integer PRIMARY KEY AUTOINCREMENT)").autoincrement);
  EXPECT_TRUE(parse("CREATE TABLE t (id integer, PRIMARY KEY (id AUTOINCREMENT))").autoincrement);
  EXPECT_FALSE(parse("CREATE TABLE t (id integer PRIMARY KEY, a DEFAULT 'AUTOINCREMENT')")
                   .autoincrement);
  EXPECT_TRUE(parse("CREATE TABLE t (id text PRIMARY KEY) WITHOUT ROWID").without_rowid);
  EXPECT_TRUE(parse("CREATE TABLE t (id text PRIMARY KEY) STRICT, WITHOUT ROWID").without_rowid);
  EXPECT_FALSE(parse("CREATE TABLE t (id text PRIMARY KEY)").without_rowid);
}

TEST(SqliteCreateTable, SkipsTypesDefaultsAndGeneratedColumns) {
  const CreateTable t = parse(
      "CREATE TABLE t (a decimal(10, 2) DEFAULT (1 + (2)) COLLATE binary, "
      "b int GENERATED ALWAYS AS (a * 2) VIRTUAL CHECK (b < 100), c)");
  ASSERT_EQ(t.checks.size(), 1u);
  EXPECT_EQ(t.checks[0].column, "b");
  EXPECT_EQ(t.checks[0].expression, "b < 100");
}

TEST(SqliteCreateTable, ReadsNothingFromWhatIsNotACreateTableWithColumns) {
  EXPECT_FALSE(parse_create_table("CREATE VIRTUAL TABLE d USING fts5(body)").has_value());
  EXPECT_FALSE(parse_create_table("CREATE TABLE t AS SELECT 1 AS a").has_value());
  EXPECT_FALSE(parse_create_table("CREATE INDEX i ON t (a)").has_value());
  EXPECT_FALSE(parse_create_table("").has_value());
  EXPECT_FALSE(parse_create_table("CREATE TABLE t (a int").has_value());  // unbalanced
}

TEST(SqliteCreateTable, UnquotesEveryIdentifierStyle) {
  EXPECT_EQ(unquote_identifier("plain"), "plain");
  EXPECT_EQ(unquote_identifier("\"a \"\"b\"\"\""), "a \"b\"");
  EXPECT_EQ(unquote_identifier("`a``b`"), "a`b");
  EXPECT_EQ(unquote_identifier("[a b]"), "a b");
  EXPECT_EQ(unquote_identifier("'it''s'"), "it's");
  EXPECT_EQ(unquote_identifier("\""), "\"");
}

}  // namespace
}  // namespace keyway::backends::sqlite
