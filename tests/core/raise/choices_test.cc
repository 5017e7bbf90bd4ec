#include "core/raise/choices.h"

#include <gtest/gtest.h>

namespace keyway::raise {
namespace {

using Kind = model::Value::Kind;

TEST(ChoiceCheck, ReadsKeywaysOwnSpelling) {
  const auto check = parse_choice_check(R"("status" IN ('draft', 'it''s', 'a, b'))");
  ASSERT_TRUE(check);
  EXPECT_EQ(check->column, "status");
  EXPECT_EQ(check->values, (std::vector<model::Value>{
                               {Kind::kString, "draft"}, {Kind::kString, "it's"}, {Kind::kString, "a, b"}}));
}

TEST(ChoiceCheck, ReadsBareColumnsNumbersAndOuterParentheses) {
  const auto check = parse_choice_check("((n in (1, -2.5, NULL, true)))");
  ASSERT_TRUE(check);
  EXPECT_EQ(check->column, "n");
  EXPECT_EQ(check->values, (std::vector<model::Value>{{Kind::kNumber, "1"},
                                                      {Kind::kNumber, "-2.5"},
                                                      {Kind::kNull, ""},
                                                      {Kind::kBool, "true"}}));
}

TEST(ChoiceCheck, RejectsOtherChecks) {
  EXPECT_FALSE(parse_choice_check("price > 0"));
  EXPECT_FALSE(parse_choice_check(R"("a" IN ('x') AND "b" IN ('y'))"));
  EXPECT_FALSE(parse_choice_check(R"("a" IN (lower('x')))"));
  EXPECT_FALSE(parse_choice_check(R"("a" NOT IN ('x'))"));
}

}  // namespace
}  // namespace keyway::raise
