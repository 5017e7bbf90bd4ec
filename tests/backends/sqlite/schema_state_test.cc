// backends/common/schema_state (tested here, with the SQLite backend that
// uses all of it): PlanState, the copy-on-write schema render()'s first pass
// follows a plan with, must answer as apply_change() on a whole copy does
// after every change and never alter the schema it reads from; tables_read()
// picks the tables a renderer starts from.
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "backends/common/schema_state.h"

namespace keyway::testing {
namespace {

using backends::PlanState;
using diff::Change;
using schema::Column;
using schema::Database;
using schema::ForeignKey;
using schema::Table;
using schema::TypeKind;

std::string joined(const std::vector<std::string>& items) {
  return fmt::format("{}", fmt::join(items, ","));
}

// Everything apply_change() may alter in a table, as one line.
std::string described(const Table* table) {
  if (table == nullptr) return "(none)";
  std::string out = table->name + " cols:";
  for (const auto& c : table->columns) {
    out += fmt::format(" {}/{}/{}", c.name, schema::to_string(c.type.kind), c.nullable);
  }
  out += " pk:" + joined(table->primary_key) + " uniques:";
  for (const auto& key : table->uniques) {
    out += fmt::format(" {}({})", key.name, joined(key.columns));
  }
  out += " indexes:";
  for (const auto& index : table->indexes) {
    out += fmt::format(" {}({})", index.name, joined(index.columns));
  }
  out += " fks:";
  for (const auto& fk : table->foreign_keys) {
    out += fmt::format(" {}({})->{}({})", fk.name, joined(fk.columns), fk.ref_table,
                       joined(fk.ref_columns));
  }
  out += " checks:";
  for (const auto& check : table->checks) {
    out += fmt::format(" {}[{}]", check.name, check.expression);
  }
  return out;
}

Table table(const std::string& name, const std::vector<std::string>& references = {}) {
  Table t;
  t.name = name;
  t.columns = {{"id", {TypeKind::kBigAuto}}, {"title", {TypeKind::kText}, true}};
  t.primary_key = {"id"};
  t.uniques = {{name + "_title_key", {"title"}}};
  t.indexes = {{name + "_title_idx", {"title"}}};
  for (const auto& parent : references) {
    const std::string column = parent + "_id";
    t.columns.push_back({column, {TypeKind::kBigInteger}, true});
    t.foreign_keys.push_back({name + "_" + column + "_fkey", {column}, parent, {"id"}});
  }
  return t;
}

Database blog() {
  Database db;
  db.tables = {table("author"), table("post", {"author"}), table("comment", {"post", "author"}),
               table("tag")};
  return db;
}

// A plan that reaches every branch: renames that follow into other tables'
// foreign keys (those of added tables too), drops, additions, an added table
// changed later, and a table dropped and made again.
std::vector<Change> plan_changes() {
  Table added = table("label", {"writer"});
  return {
      diff::RenameTable{"author", "writer"},
      diff::RenameColumn{"writer", "id", "writer_key"},
      diff::AddColumn{"post", {"summary", {TypeKind::kText}, true}},
      diff::AlterColumn{
          "post", {"title", {TypeKind::kText}, true}, {"title", {TypeKind::kChar, 80}}},
      diff::DropColumn{"comment", {"post_id", {TypeKind::kBigInteger}, true}},
      diff::AddForeignKey{"tag", ForeignKey{"tag_owner_fkey", {"title"}, "writer", {"writer_key"}}},
      diff::DropUnique{"post", {"post_title_key", {"title"}}},
      diff::AddUnique{"tag", {"", {"title", "id"}}},
      diff::DropIndex{"tag", {"", {"title"}}},
      diff::AddIndex{"comment", {"comment_title2_idx", {"title"}}},
      diff::AddCheck{"post", {"post_title_check", "length(title) > 0"}},
      diff::DropCheck{"post", {"", "length(title) > 0"}},
      diff::DropForeignKey{"comment", ForeignKey{"", {"writer_id"}, "writer", {}}},
      diff::AddTable{added},
      diff::AddTable{table("post")},  // already there: nothing changes
      diff::DropTable{table("tag")},
      diff::AddTable{table("tag", {"post"})},
      diff::AddColumn{"label", {"note", {TypeKind::kText}, true}},
      diff::AddTable{table("badge", {"writer"})},
      diff::RenameTable{"writer", "author2"},
      diff::RenameColumn{"author2", "writer_key", "key"},
      diff::RenameTable{"badge", "medal"},
      diff::RenameTable{"missing", "still_missing"},
      diff::AddColumn{"missing", {"x", {TypeKind::kText}}},
  };
}

TEST(PlanState, AnswersAsApplyChangeOnAWholeCopyAfterEveryChange) {
  const Database base = blog();
  Database whole = base;
  PlanState state(base);
  const std::vector<std::string> names = {"author", "writer",  "post",  "comment",
                                          "tag",    "label",   "badge", "medal",
                                          "author2", "still_missing", "missing"};
  for (const Change& change : plan_changes()) {
    backends::apply_change(whole, change);
    state.apply(change);
    for (const auto& name : names) {
      EXPECT_EQ(described(state.find_table(name)), described(whole.find_table(name)))
          << "after: " << diff::describe(change);
    }
  }
}

TEST(PlanState, LeavesItsBaseAsItWas) {
  const Database base = blog();
  PlanState state(base);
  for (const Change& change : plan_changes()) state.apply(change);
  const Database fresh = blog();
  ASSERT_EQ(base.tables.size(), fresh.tables.size());
  for (std::size_t i = 0; i < base.tables.size(); ++i) {
    EXPECT_EQ(described(&base.tables[i]), described(&fresh.tables[i]));
  }
}

TEST(PlanState, RenamingAColumnReachesTheForeignKeysOfUnchangedTables) {
  const Database base = blog();
  PlanState state(base);
  state.apply(diff::RenameColumn{"author", "id", "key"});
  EXPECT_EQ(state.find_table("comment")->foreign_keys[1].ref_columns,
            std::vector<std::string>{"key"});
  EXPECT_EQ(base.find_table("comment")->foreign_keys[1].ref_columns,
            std::vector<std::string>{"id"});
}

std::vector<std::string> names_of(const Database& database) {
  std::vector<std::string> names;
  for (const auto& t : database.tables) names.push_back(t.name);
  return names;
}

TEST(TablesRead, KeepsTheNamedTablesInTheirOrderAndNotTheirReferencingOnes) {
  const Database read = backends::tables_read(
      blog(),
      {diff::AddColumn{"tag", {"note", {TypeKind::kText}, true}},
       diff::AddForeignKey{"post", ForeignKey{"post_tag_fkey", {"title"}, "tag", {"id"}}},
       diff::RenameColumn{"author", "title", "name"}},
      backends::Referencing::kNone);
  EXPECT_EQ(names_of(read), (std::vector<std::string>{"author", "post", "tag"}));
}

TEST(TablesRead, AddsTablesReferencingADroppedOrRenamedTableWhenAsked) {
  const std::vector<Change> changes = {diff::RenameTable{"author", "writer"},
                                       diff::DropTable{table("post", {"author"})}};
  EXPECT_EQ(names_of(backends::tables_read(blog(), changes, backends::Referencing::kNone)),
            (std::vector<std::string>{"author", "post"}));
  EXPECT_EQ(
      names_of(backends::tables_read(blog(), changes, backends::Referencing::kDroppedOrRenamed)),
      (std::vector<std::string>{"author", "post", "comment"}));
}

}  // namespace
}  // namespace keyway::testing
