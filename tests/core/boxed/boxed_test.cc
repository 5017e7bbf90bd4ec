#include "core/boxed.h"

#include <string>
#include <utility>

#include <gtest/gtest.h>

namespace keyway {
namespace {

TEST(Boxed, IsOnePointerWide) {
  EXPECT_EQ(sizeof(Boxed<std::string>), sizeof(void*));
}

TEST(Boxed, StartsEmptyAndHoldsWhatIsAssigned) {
  Boxed<std::string> box;
  EXPECT_FALSE(box.has_value());
  EXPECT_FALSE(box);
  EXPECT_EQ(box, std::nullopt);
  EXPECT_EQ(box.get(), nullptr);
  EXPECT_EQ(box.value_or("fallback"), "fallback");
  EXPECT_THROW(box.value(), std::bad_optional_access);

  box = std::string("old_name");
  ASSERT_TRUE(box);
  EXPECT_EQ(*box, "old_name");
  EXPECT_EQ(box->size(), 8u);
  EXPECT_EQ(box, std::string("old_name"));
  EXPECT_EQ(box.value_or("fallback"), "old_name");

  box = "literal";  // anything a std::string is made from
  EXPECT_EQ(*box, "literal");
  Boxed<std::pair<int, std::string>> pair;
  pair = {1, "one"};  // a braced list makes the value
  EXPECT_EQ(*pair, (std::pair<int, std::string>{1, "one"}));

  box = std::nullopt;
  EXPECT_FALSE(box);
  box.emplace(3, 'x');
  EXPECT_EQ(*box, "xxx");
  box.reset();
  EXPECT_FALSE(box);
}

TEST(Boxed, CopiesAreDeepAndCompareByValue) {
  Boxed<std::string> a = std::string("users");
  Boxed<std::string> b = a;
  EXPECT_EQ(a, b);
  EXPECT_NE(a.get(), b.get());
  *b = "accounts";
  EXPECT_EQ(*a, "users");
  EXPECT_NE(a, b);

  Boxed<std::string> empty;
  EXPECT_NE(a, empty);
  EXPECT_EQ(empty, Boxed<std::string>());
  b = empty;
  EXPECT_FALSE(b);
  b = a;
  EXPECT_EQ(*b, "users");
  b = b;  // self-assignment keeps the value
  EXPECT_EQ(*b, "users");
}

TEST(Boxed, MovesLeaveTheSourceEmpty) {
  Boxed<std::string> a = std::string("users");
  const std::string* held = a.get();
  Boxed<std::string> b = std::move(a);
  EXPECT_EQ(b.get(), held);
  EXPECT_FALSE(a);  // NOLINT(bugprone-use-after-move): documented state
}

TEST(Boxed, ConvertsFromAndToStdOptional) {
  std::optional<std::string> set = "x";
  std::optional<std::string> unset;
  Boxed<std::string> from_set = set;
  Boxed<std::string> from_unset = unset;
  EXPECT_EQ(*from_set, "x");
  EXPECT_FALSE(from_unset);
  from_unset = set;
  EXPECT_EQ(from_unset.to_optional(), set);
  from_unset = unset;
  EXPECT_EQ(from_unset.to_optional(), std::nullopt);
}

}  // namespace
}  // namespace keyway
