#include "core/diff/match.h"

#include <string>
#include <unordered_map>
#include <vector>

#include <gtest/gtest.h>

namespace keyway::diff {
namespace {

using schema::Action;
using schema::Check;
using schema::ForeignKey;
using schema::Index;
using schema::UniqueKey;

const Renamer kSame{};

ForeignKey author_key(std::string name) {
  return ForeignKey{std::move(name), {"author_id"}, "author", {"id"}, Action::kCascade,
                    Action::kNoAction, false};
}

// The names of the unmatched items of each side, as "from:name" and "to:name".
template <typename T>
std::vector<std::string> names(const Unmatched<T>& u) {
  std::vector<std::string> out;
  for (const T* item : u.from) out.push_back("from:" + item->name);
  for (const T* item : u.to) out.push_back("to:" + item->name);
  return out;
}

TEST(SameSignature, ForeignKeysDifferingOnlyByNameAreTheSame) {
  EXPECT_TRUE(same_signature(author_key("fk_a"), kSame, author_key("fk_b"), kSame));
  ForeignKey restrict = author_key("fk_a");
  restrict.on_delete = Action::kRestrict;
  EXPECT_FALSE(same_signature(author_key("fk_a"), kSame, restrict, kSame));
  ForeignKey deferred = author_key("fk_a");
  deferred.deferrable = true;
  EXPECT_FALSE(same_signature(author_key("fk_a"), kSame, deferred, kSame));
  ForeignKey other_target = author_key("fk_a");
  other_target.ref_table = "writer";
  EXPECT_FALSE(same_signature(author_key("fk_a"), kSame, other_target, kSame));
}

TEST(SameSignature, ReadsTheOldSideThroughItsRenames) {
  const std::unordered_map<std::string, std::string> columns{{"writer_id", "author_id"}};
  const std::unordered_map<std::string, std::string> tables{{"writer", "author"}};
  const Renamer old_names{&columns, &tables};
  ForeignKey old_key = author_key("fk_old");
  old_key.columns = {"writer_id"};
  old_key.ref_table = "writer";
  EXPECT_TRUE(same_signature(old_key, old_names, author_key("fk_new"), kSame));
  EXPECT_EQ(fk_signature(old_key, old_names), fk_signature(author_key("fk_new"), kSame));
  EXPECT_FALSE(same_signature(old_key, kSame, author_key("fk_new"), kSame));
}

TEST(SameSignature, UniqueOverColumnsInAnotherOrderIsLeftToTheSignature) {
  const UniqueKey ab{"u1", {"a", "b"}};
  const UniqueKey ba{"u2", {"b", "a"}};
  EXPECT_TRUE(same_signature(ab, kSame, UniqueKey{"u3", {"a", "b"}}, kSame));
  EXPECT_FALSE(same_signature(ab, kSame, ba, kSame));
  EXPECT_EQ(unique_signature(ab, kSame), unique_signature(ba, kSame));
  EXPECT_TRUE(names(unmatched(std::vector{ab}, kSame, std::vector{ba}, kSame, unique_signature))
                  .empty());
}

TEST(SameSignature, CheckSpelledAnotherWayIsLeftToTheSignature) {
  const Check plain{"c1", "\"kind\" IN ('a', 'b')"};
  const Check spaced{"c2", "( kind in ('a', 'b') )"};
  EXPECT_TRUE(same_signature(plain, kSame, Check{"c3", plain.expression}, kSame));
  EXPECT_FALSE(same_signature(plain, kSame, spaced, kSame));
  EXPECT_TRUE(
      names(unmatched(std::vector{plain}, kSame, std::vector{spaced}, kSame, check_signature))
          .empty());
}

TEST(Unmatched, SidesOfTheSameMeaningInTheSameOrderLeaveNothing) {
  const std::vector<Index> from{{"ix_a", {"a"}}, {"ix_b", {"b", "c"}}};
  const std::vector<Index> to{{"a_idx", {"a"}}, {"bc_idx", {"b", "c"}}};
  EXPECT_TRUE(names(unmatched(from, kSame, to, kSame, index_signature)).empty());
}

TEST(Unmatched, OtherOrderPairsAsAMultisetAndReportsTheExtraOnesInOrder) {
  const std::vector<Index> from{{"ix_b", {"b"}}, {"ix_a", {"a"}}, {"ix_a2", {"a"}}};
  const std::vector<Index> to{{"a_idx", {"a"}}, {"c_idx", {"c"}}, {"b_idx", {"b"}}};
  EXPECT_EQ(names(unmatched(from, kSame, to, kSame, index_signature)),
            (std::vector<std::string>{"from:ix_a2", "to:c_idx"}));
}

TEST(Unmatched, OneItemMoreOnOneSideIsReportedOnlyThere) {
  const std::vector<ForeignKey> from{author_key("fk_1"), author_key("fk_2")};
  const std::vector<ForeignKey> to{author_key("fk_3")};
  EXPECT_EQ(names(unmatched(from, kSame, to, kSame, fk_signature)),
            (std::vector<std::string>{"from:fk_2"}));
  EXPECT_EQ(names(unmatched(to, kSame, from, kSame, fk_signature)),
            (std::vector<std::string>{"to:fk_2"}));
}

}  // namespace
}  // namespace keyway::diff
