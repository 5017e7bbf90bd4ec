#include "core/plan/order.h"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "core/diff/change.h"
#include "support/test_dialect.h"

namespace keyway::plan {
namespace {

using diff::Change;

using testing::LenientDialect;
using testing::StrictDialect;

schema::Table table(const std::string& name, std::vector<std::string> references = {}) {
  schema::Table t;
  t.name = name;
  t.columns.push_back({"id", {schema::TypeKind::kBigAuto}});
  t.primary_key = {"id"};
  for (const auto& ref : references) {
    t.columns.push_back({ref + "_id", {schema::TypeKind::kBigInteger}});
    schema::ForeignKey fk;
    fk.name = name + "_" + ref + "_id_fkey";
    fk.columns = {ref + "_id"};
    fk.ref_table = ref;
    fk.ref_columns = {"id"};
    t.foreign_keys.push_back(fk);
  }
  return t;
}

std::vector<std::string> described(const std::vector<Change>& changes) {
  std::vector<std::string> out;
  for (const auto& c : changes) out.push_back(diff::describe(c));
  return out;
}

TEST(Order, CreatesReferencedTablesBeforeReferencingOnes) {
  const StrictDialect dialect;
  auto ordered = order({diff::AddTable{table("post", {"author"})}, diff::AddTable{table("author")},
                        diff::AddTable{table("comment", {"post", "author"})}},
                       dialect);
  EXPECT_EQ(described(ordered), (std::vector<std::string>{"create table author", "create table post",
                                                          "create table comment"}));
}

TEST(Order, BreaksForeignKeyCyclesWithAConstraintAddedAfterTheTables) {
  const StrictDialect dialect;
  auto ordered = order({diff::AddTable{table("a", {"b"})}, diff::AddTable{table("b", {"a"})}}, dialect);
  EXPECT_EQ(described(ordered),
            (std::vector<std::string>{"create table a", "create table b",
                                      "add foreign key a.b_id → b.id ON DELETE NO ACTION"}));
  EXPECT_TRUE(std::get<diff::AddTable>(ordered[0]).table.foreign_keys.empty());
  EXPECT_EQ(std::get<diff::AddTable>(ordered[1]).table.foreign_keys.size(), 1u);
}

TEST(Order, KeepsCyclesInsideCreateTableWhenTheDialectAllowsForwardReferences) {
  const LenientDialect dialect;
  auto ordered = order({diff::AddTable{table("a", {"b"})}, diff::AddTable{table("b", {"a"})}}, dialect);
  EXPECT_EQ(described(ordered), (std::vector<std::string>{"create table a", "create table b"}));
  EXPECT_EQ(std::get<diff::AddTable>(ordered[0]).table.foreign_keys.size(), 1u);
}

TEST(Order, SelfReferenceNeedsNoSplit) {
  const StrictDialect dialect;
  auto ordered = order({diff::AddTable{table("node", {"node"})}}, dialect);
  ASSERT_EQ(ordered.size(), 1u);
  EXPECT_EQ(std::get<diff::AddTable>(ordered[0]).table.foreign_keys.size(), 1u);
}

TEST(Order, DropsReferencingTablesBeforeReferencedOnes) {
  const StrictDialect dialect;
  auto ordered = order({diff::DropTable{table("author")}, diff::DropTable{table("post", {"author"})}},
                       dialect);
  EXPECT_EQ(described(ordered), (std::vector<std::string>{"drop table post", "drop table author"}));
}

TEST(Order, PutsPhasesInTheDesignedOrder) {
  const StrictDialect dialect;
  schema::Column col{"x", {schema::TypeKind::kInteger}, true};
  schema::ForeignKey fk = table("post", {"author"}).foreign_keys[0];
  std::vector<Change> changes = {
      diff::DropTable{table("old")},
      diff::DropColumn{"post", col},
      diff::AddForeignKey{"post", fk},
      diff::AddUnique{"post", {"post_x_key", {"x"}}},
      diff::AddColumn{"post", col},
      diff::AddTable{table("author")},
      diff::DropIndex{"post", {"post_y_idx", {"y"}}},
      diff::RenameTable{"article", "post"},
  };
  EXPECT_EQ(described(order(changes, dialect)),
            (std::vector<std::string>{
                "rename table article to post", "drop index post_y_idx on post.y",
                "add column post.x integer NULL", "add unique post.x", "create table author",
                "add foreign key post.author_id → author.id ON DELETE NO ACTION",
                "drop table old", "drop column post.x"}));
}

TEST(Order, OrdersTenThousandTablesInAChain) {
  // A long chain exercises the linear ordering; the result must be exact.
  const StrictDialect dialect;
  std::vector<Change> changes;
  const int n = 10000;
  for (int i = n - 1; i >= 0; --i) {
    changes.push_back(diff::AddTable{i == 0 ? table("t0") : table(fmt::format("t{}", i), {fmt::format("t{}", i - 1)})});
  }
  auto ordered = order(std::move(changes), dialect);
  ASSERT_EQ(ordered.size(), static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    EXPECT_EQ(std::get<diff::AddTable>(ordered[i]).table.name, fmt::format("t{}", i));
  }
}

}  // namespace
}  // namespace keyway::plan
