#include "core/migrate/sql_split.h"

#include <gtest/gtest.h>

#include "core/errors.h"

namespace keyway::migrate {
namespace {

using Lines = std::vector<std::string>;

// Each statement as "<line>: <text>".
Lines split(std::string_view sql) {
  Lines out;
  for (const auto& s : split_statements(sql, "m.up.sql")) {
    out.push_back(std::to_string(s.line) + ": " + s.text);
  }
  return out;
}

std::string split_error(std::string_view sql) {
  try {
    split_statements(sql, "m.up.sql");
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(SplitStatements, SplitsOnSemicolonsAndTrims) {
  EXPECT_EQ((Lines{"1: CREATE TABLE a (id int)", "2: CREATE TABLE b (id int)"}),
            split("CREATE TABLE a (id int);\n  CREATE TABLE b (id int)  ;\n"));
}

TEST(SplitStatements, LastStatementNeedsNoSemicolon) {
  EXPECT_EQ((Lines{"1: SELECT 1", "2: SELECT 2"}), split("SELECT 1;\nSELECT 2\n"));
}

TEST(SplitStatements, EmptyStatementsAndBlankFilesGiveNothing) {
  EXPECT_EQ((Lines{"1: SELECT 1"}), split(";;SELECT 1;; ;\n"));
  EXPECT_EQ(Lines{}, split(""));
  EXPECT_EQ(Lines{}, split("\n  -- only a comment\n/* and another */\n"));
}

TEST(SplitStatements, LineIsWhereTheStatementTextStarts) {
  EXPECT_EQ((Lines{"4: SELECT 1", "7: SELECT\n  2"}),
            split("-- header\n\n/* a\n comment */ SELECT 1;\n\n-- step 2\nSELECT\n  2;"));
}

TEST(SplitStatements, CommentsBetweenStatementsAreDroppedAndInsideKept) {
  EXPECT_EQ((Lines{"1: SELECT 1 -- one; still one\n+ 1", "3: SELECT /* ; */ 2"}),
            split("SELECT 1 -- one; still one\n+ 1 -- trailing;\n;SELECT /* ; */ 2; -- end"));
}

TEST(SplitStatements, SemicolonsInsideQuotesDoNotSplit) {
  EXPECT_EQ((Lines{"1: INSERT INTO \"a;b\" VALUES ('x;''y;')", "2: SELECT `c;d`"}),
            split("INSERT INTO \"a;b\" VALUES ('x;''y;');\nSELECT `c;d`;"));
}

TEST(SplitStatements, PostgresEscapeStringsTakeBackslashEscapes) {
  EXPECT_EQ((Lines{"1: SELECT E'it\\'s;'", "1: SELECT 2"}), split("SELECT E'it\\'s;'; SELECT 2;"));
}

TEST(SplitStatements, DollarQuotedBodiesDoNotSplit) {
  const char* sql =
      "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\n"
      "CREATE FUNCTION g() RETURNS int AS $body$\nBEGIN\n  RETURN 1; -- $$ inside\nEND;\n"
      "$body$ LANGUAGE plpgsql;\n";
  EXPECT_EQ((Lines{"1: CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql",
                   "2: CREATE FUNCTION g() RETURNS int AS $body$\nBEGIN\n  RETURN 1; -- $$ "
                   "inside\nEND;\n$body$ LANGUAGE plpgsql"}),
            split(sql));
}

TEST(SplitStatements, PositionalParametersAndDollarsInNamesAreNotDollarQuotes) {
  EXPECT_EQ((Lines{"1: PREPARE p AS SELECT $1", "1: SELECT a$b$ FROM t"}),
            split("PREPARE p AS SELECT $1; SELECT a$b$ FROM t;"));
}

TEST(SplitStatements, SqliteTriggerBodyEndsAtItsEnd) {
  const char* sql =
      "CREATE TRIGGER t AFTER INSERT ON a BEGIN\n"
      "  UPDATE b SET n = n + 1;\n"
      "  UPDATE c SET m = CASE WHEN 1 THEN 2 END;\n"
      "END;\n"
      "create temp trigger u before delete on a begin delete from b; end ;\n"
      "SELECT 3;";
  EXPECT_EQ((Lines{"1: CREATE TRIGGER t AFTER INSERT ON a BEGIN\n  UPDATE b SET n = n + 1;\n"
                   "  UPDATE c SET m = CASE WHEN 1 THEN 2 END;\nEND",
                   "5: create temp trigger u before delete on a begin delete from b; end",
                   "6: SELECT 3"}),
            split(sql));
}

TEST(SplitStatements, PostgresTriggerWithoutBodyEndsAtItsSemicolon) {
  EXPECT_EQ((Lines{"1: CREATE TRIGGER t BEFORE UPDATE ON a FOR EACH ROW EXECUTE FUNCTION f()",
                   "2: SELECT 1"}),
            split("CREATE TRIGGER t BEFORE UPDATE ON a FOR EACH ROW EXECUTE FUNCTION f();\n"
                  "SELECT 1;"));
}

TEST(SplitStatements, PostgresBeginAtomicBodyEndsAtItsEnd) {
  const char* sql =
      "CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n"
      "  SELECT x + 1;\n  SELECT CASE WHEN x > 0 THEN 1 END;\nEND /* done */ ;\nSELECT 2;";
  EXPECT_EQ((Lines{"1: CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n"
                   "  SELECT x + 1;\n  SELECT CASE WHEN x > 0 THEN 1 END;\nEND",
                   "6: SELECT 2"}),
            split(sql));
}

TEST(SplitStatements, SemicolonsInsideParenthesesDoNotSplit) {
  EXPECT_EQ((Lines{"1: CREATE RULE r AS ON INSERT TO a DO ALSO (INSERT INTO b VALUES (1); "
                   "INSERT INTO c VALUES (2))",
                   "2: SELECT (1)"}),
            split("CREATE RULE r AS ON INSERT TO a DO ALSO (INSERT INTO b VALUES (1); "
                  "INSERT INTO c VALUES (2));\nSELECT (1);"));
}

TEST(SplitStatements, ByteOrderMarkIsNotPartOfTheFirstStatement) {
  EXPECT_EQ((Lines{"1: CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1; END"}),
            split("\xEF\xBB\xBF" "CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1; END;"));
  EXPECT_TRUE(parse_script("\xEF\xBB\xBF-- keyway:no-transaction\n", "f").no_transaction);
}

TEST(SplitStatements, PlainBeginAndEndAreOrdinaryStatements) {
  EXPECT_EQ((Lines{"1: BEGIN", "1: SELECT 1", "1: END"}), split("BEGIN; SELECT 1; END;"));
}

TEST(SplitStatements, UnterminatedStringIsReportedWhereItOpened) {
  EXPECT_EQ("m.up.sql:2: unterminated string starting here",
            split_error("SELECT 1;\nINSERT INTO a VALUES ('x;\n);\n"));
}

TEST(SplitStatements, UnterminatedQuotedIdentifierIsReported) {
  EXPECT_EQ("m.up.sql:1: unterminated quoted identifier starting here",
            split_error("SELECT \"a;"));
  EXPECT_EQ("m.up.sql:1: unterminated quoted identifier starting here", split_error("SELECT `a"));
}

TEST(SplitStatements, UnterminatedCommentIsReported) {
  EXPECT_EQ("m.up.sql:3: unterminated comment starting here",
            split_error("SELECT 1;\n\n/* outer /* inner */ still open\n"));
}

TEST(SplitStatements, UnterminatedDollarQuoteIsReported) {
  EXPECT_EQ("m.up.sql:1: unterminated dollar-quoted string starting here",
            split_error("SELECT $a$ text $b$;\n"));
}

TEST(ParseScript, NoTransactionMarkerOnTheFirstLine) {
  const Script script =
      parse_script("-- keyway:no-transaction  \r\nCREATE INDEX CONCURRENTLY i ON a (x);\n", "f");
  EXPECT_TRUE(script.no_transaction);
  ASSERT_EQ(1u, script.statements.size());
  EXPECT_EQ("CREATE INDEX CONCURRENTLY i ON a (x)", script.statements[0].text);
  EXPECT_EQ(2, script.statements[0].line);
}

TEST(ParseScript, MarkerElsewhereOrMisspelledMeansOneTransaction) {
  EXPECT_FALSE(parse_script("SELECT 1;\n-- keyway:no-transaction\n", "f").no_transaction);
  EXPECT_FALSE(parse_script("-- keyway:no-transactions\nSELECT 1;\n", "f").no_transaction);
  EXPECT_FALSE(parse_script("SELECT 1;", "f").no_transaction);
}

}  // namespace
}  // namespace keyway::migrate
