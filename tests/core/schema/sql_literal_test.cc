#include "core/schema/sql_literal.h"

#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace keyway::schema {
namespace {

TEST(IsSqlNumber, AcceptsSignedDecimalsWithOptionalExponent) {
  const std::vector<std::string> numbers = {
      "0",   "42",   "+42",  "-42",   "007",  "1.",    "1.5",    "-1.5",  ".5",
      "+.5", "-.5",  "1e3",  "1E3",   "1e+3", "1e-3",  "1.e3",   ".5e-3", "-0.0e-0",
      "1e007", "123456789012345678901234567890", "1.23456789012345678901234567890"};
  for (const std::string& text : numbers) EXPECT_TRUE(is_sql_number(text)) << text;
}

TEST(IsSqlNumber, RejectsSignsDotsAndExponentsWithoutDigits) {
  const std::vector<std::string> not_numbers = {
      "",  "+",  "-",   ".",   "+.",   "-.",  "e3",  "E3",  ".e3", "+e3",
      "1e", "1E", "1e+", "1e-", "1.e", ".5e", "1e+-3", "1e--3", "1ee3"};
  for (const std::string& text : not_numbers) EXPECT_FALSE(is_sql_number(text)) << text;
}

TEST(IsSqlNumber, RejectsAnythingAroundOrInsideTheNumber) {
  const std::vector<std::string> not_numbers = {
      " 1",   "1 ",   "1\n",  "\n1",  "- 1",  "1 e3",  "1e 3", "--1", "+-1",  "-+1",
      "1..2", "1.2.3", "..5", "1e3.5", "1e3e3", "1,5",  "0x10", "1_000", "1f", "1e3f",
      "NaN",  "Infinity", "-Infinity", "'1'", "(1)",
      "\xd9\xa1",       // ARABIC-INDIC DIGIT ONE: \d is ASCII only
      "\xef\xbc\x91",   // FULLWIDTH DIGIT ONE
      std::string("1\0", 2)};
  for (const std::string& text : not_numbers) EXPECT_FALSE(is_sql_number(text)) << text;
}

std::string shown(const std::optional<SizedType>& sized) {
  if (!sized) return "nullopt";
  std::string out = std::string(sized->name) + " " + std::to_string(sized->first);
  if (sized->second) out += "," + std::to_string(*sized->second);
  return out;
}

TEST(ParseSizedType, ReadsTheNameAndOneOrTwoNumbers) {
  EXPECT_EQ(shown(parse_sized_type("varchar(100)")), "varchar 100");
  EXPECT_EQ(shown(parse_sized_type("character varying(20)")), "character varying 20");
  EXPECT_EQ(shown(parse_sized_type("numeric(10,2)")), "numeric 10,2");
  EXPECT_EQ(shown(parse_sized_type("x(0,0)")), "x 0,0");
  EXPECT_EQ(shown(parse_sized_type("(7)")), " 7");
  EXPECT_EQ(shown(parse_sized_type("a b(007,0000000000000000000009)")), "a b 7,9");
  EXPECT_EQ(shown(parse_sized_type("v(2147483647,2147483647)")), "v 2147483647,2147483647");
}

TEST(ParseSizedType, RejectsOtherShapesAndNumbersPastInt) {
  for (const std::string spelling :
       {"", "(", ")", "()", "varchar", "varchar()", "varchar(", "varchar)", "varchar(1",
        "varchar 1)",
        "varchar(1))", "varchar((1))", "varchar(1)x", "varchar(1) ", "varchar( 1)", "varchar(1 )",
        "varchar(-1)", "varchar(+1)", "varchar(1.5)", "varchar(1e3)", "varchar(0x1)", "n(1,)",
        "n(,1)", "n(1,,2)", "n(1, 2)", "n(1,2,3)", "n(1;2)", "n(1)(2)", "n(\xd9\xa1)",
        "v(2147483648)", "v(4294967297)", "v(99999999999999999999)", "n(1,2147483648)"}) {
    EXPECT_EQ(shown(parse_sized_type(spelling)), "nullopt") << spelling;
  }
}

}  // namespace
}  // namespace keyway::schema
