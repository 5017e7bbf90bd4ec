// format_type() and pg_get_constraintdef() text read back into keyway's types
// and check spellings, without a server.
#include "backends/postgres/postgres_dialect.h"

#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "backends/postgres/postgres_inspect_check.h"

namespace keyway::backends::postgres {
namespace {

using schema::ColumnType;
using schema::Literal;
using schema::TypeKind;

ColumnType other(const std::string& raw) {
  ColumnType type{TypeKind::kOther};
  type.raw = raw;
  return type;
}

TEST(PostgresFormatType, ReadsSizedVaryingCharactersAndNumerics) {
  const std::vector<std::pair<std::string, ColumnType>> cases = {
      {"character varying(100)", {TypeKind::kChar, 100}},
      {"CHARACTER VARYING(100)", {TypeKind::kChar, 100}},
      {"character varying(0)", {TypeKind::kChar, 0}},
      {"character varying(007)", {TypeKind::kChar, 7}},
      {"character varying(2147483647)", {TypeKind::kChar, 2147483647}},
      {"numeric(10,2)", {TypeKind::kDecimal, 0, 10, 2}},
      {"NUMERIC(5,0)", {TypeKind::kDecimal, 0, 5, 0}},
      {"numeric(1000,1000)", {TypeKind::kDecimal, 0, 1000, 1000}}};
  for (const auto& [formatted, expected] : cases) {
    EXPECT_EQ(parse_format_type(formatted), expected) << formatted;
  }
}

TEST(PostgresFormatType, KeepsOtherSpellingsAsFormatted) {
  for (const std::string formatted :
       {"", "character varying", "character varying()", "character varying(-1)",
        "character varying(+1)", "character varying( 10)", "character varying(10) ",
        " character varying(10)", "character  varying(10)", "character varying (10)",
        "charactervarying(10)", "character varying(10,2)", "character varying(10)[]",
        "character(10)", "varchar(10)", "numeric", "numeric(10)", "numeric(10, 2)",
        "numeric(10,)", "numeric(,2)", "numeric(10,2,3)", "numeric(10,2)[]", "decimal(10,2)",
        "numeric(\xd9\xa1,2)", "Weird Type"}) {
    EXPECT_EQ(parse_format_type(formatted), other(formatted)) << formatted;
  }
}

// A size past INT_MAX (PostgreSQL allows none) reads as formatted instead of
// throwing std::out_of_range from std::stoi.
TEST(PostgresFormatType, KeepsSizesPastIntAsFormatted) {
  for (const std::string formatted : {"character varying(99999999999)", "numeric(2147483648,2)",
                                      "numeric(10,4294967298)"}) {
    EXPECT_EQ(parse_format_type(formatted), other(formatted)) << formatted;
  }
}

TEST(PostgresDefault, ReadsNumbersAndNumericCastsOfQuotedNumbers) {
  EXPECT_EQ(parse_default("42"), (Literal{Literal::Kind::kNumber, "42"}));
  EXPECT_EQ(parse_default("'-1.5'::numeric"), (Literal{Literal::Kind::kNumber, "-1.5"}));
  EXPECT_EQ(parse_default("'.5'::real"), (Literal{Literal::Kind::kNumber, ".5"}));
  EXPECT_EQ(parse_default("'1.'::text"), (Literal{Literal::Kind::kString, "1."}));
  EXPECT_EQ(parse_default("'1e'::integer"), (Literal{Literal::Kind::kString, "1e"}));
  EXPECT_EQ(parse_default("'+'::integer"), (Literal{Literal::Kind::kString, "+"}));
}

TEST(PostgresDefault, StripsOneTrailingCastToATypeName) {
  const auto string = [](const std::string& text) { return Literal{Literal::Kind::kString, text}; };
  const auto expression = [](const std::string& text) {
    return Literal{Literal::Kind::kExpression, text};
  };
  EXPECT_EQ(parse_default("'abc'::character varying"), string("abc"));
  EXPECT_EQ(parse_default("'abc'::character varying(20)"), string("abc"));
  EXPECT_EQ(parse_default("'1.50'::numeric(10,2)"), (Literal{Literal::Kind::kNumber, "1.50"}));
  EXPECT_EQ(parse_default("'{}'::integer[]"), string("{}"));
  EXPECT_EQ(parse_default("('x'::text)"), expression("('x'::text)"));
  EXPECT_EQ(parse_default("(('x'))::text"), string("x"));
  // Only the last cast goes, and only when all after it is a type name.
  EXPECT_EQ(parse_default("'a::b'::text"), string("a::b"));
  EXPECT_EQ(parse_default("'x'::character varying::text"),
            expression("'x'::character varying::text"));
  EXPECT_EQ(parse_default("'x'::Text"), expression("'x'::Text"));
  EXPECT_EQ(parse_default("'x'::text[][]"), expression("'x'::text[][]"));
  EXPECT_EQ(parse_default("'x'::numeric(10,)"), expression("'x'::numeric(10,)"));
  EXPECT_EQ(parse_default("'x'::numeric(99999999999)"), string("x"));
  EXPECT_EQ(parse_default("'x'::"), expression("'x'::"));
  EXPECT_EQ(parse_default("::text"), expression("::text"));
  EXPECT_EQ(parse_default("'a:'::text"), string("a:"));
  EXPECT_EQ(parse_default("'a':::text"), expression("'a':::text"));
  EXPECT_EQ(parse_default("nextval('s'::regclass)"), expression("nextval('s'::regclass)"));
  EXPECT_EQ(parse_default("now()"), expression("now()"));
  // A line break before the cast is kept, cast and all (as the regular
  // expression this replaced did: its '.' stopped at one).
  EXPECT_EQ(parse_default("'a\nb'::text"), expression("'a\nb'::text"));
  EXPECT_EQ(parse_default("'a\rb'::text"), expression("'a\rb'::text"));
}

TEST(PostgresCheckExpression, ReadsBareLowerCaseAndQuotedColumnNames) {
  EXPECT_EQ(check_expression("CHECK ((status = 1))"), R"("status" IN (1))");
  EXPECT_EQ(check_expression("CHECK ((_a$1 = 1))"), R"("_a$1" IN (1))");
  EXPECT_EQ(check_expression("CHECK ((x = 1))"), R"("x" IN (1))");
  EXPECT_EQ(check_expression("CHECK ((_ = 1))"), R"("_" IN (1))");
  EXPECT_EQ(check_expression(R"(CHECK (("Kind" = 'x'::text)))"), R"("Kind" IN ('x'))");
  EXPECT_EQ(check_expression("CHECK (((status)::text = ANY ((ARRAY['draft'::character varying, "
                             "'it''s'::character varying])::text[])))"),
            R"("status" IN ('draft', 'it''s'))");
}

TEST(PostgresCheckExpression, LeavesOtherColumnSpellingsAsPrinted) {
  for (const std::string column :
       {"Kind", "kIND", "1a", "$a", "a-b", "a b", "\xc3\xa9t\xc3\xa9", "a.b"}) {
    const std::string check = "(" + column + " = 1)";
    EXPECT_EQ(check_expression("CHECK (" + check + ")"), check) << column;
  }
}

TEST(PostgresCheckExpression, ReadsNumbersAndNumericCastsOfQuotedNumbers) {
  EXPECT_EQ(check_expression("CHECK ((n = ANY (ARRAY[1, -1, +2, .5, 1., 1e3, 2.5E-3])))"),
            R"("n" IN (1, -1, +2, .5, 1., 1e3, 2.5E-3))");
  EXPECT_EQ(check_expression("CHECK ((n = ANY (ARRAY['-2'::integer, '1e3'::numeric, "
                             "'.5'::double precision, '.5'::text, '1e'::integer, '.'::real])))"),
            R"("n" IN (-2, 1e3, .5, '.5', '1e', '.'))");
}

TEST(PostgresCheckExpression, LeavesChoicesThatAreNotNumbersAsPrinted) {
  for (const std::string choice : {"1e", ".", "+", "1e+", "- 1", "1..2", "x"}) {
    const std::string check = "(n = ANY (ARRAY[1, " + choice + "]))";
    EXPECT_EQ(check_expression("CHECK (" + check + ")"), check) << choice;
  }
}

}  // namespace
}  // namespace keyway::backends::postgres
