#include "core/schema/schema.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace keyway::schema {
namespace {

Table table(std::string name) {
  Table t;
  t.name = std::move(name);
  return t;
}

Database database(std::vector<std::string> names) {
  Database db;
  for (auto& name : names) db.tables.push_back(table(std::move(name)));
  return db;
}

// What find_table answers for `name`, checked against a scan of `tables`.
void expect_found_as_scanned(Database& db, const std::string& name) {
  const Table* scanned = nullptr;
  for (const Table& t : db.tables) {
    if (t.name == name) {
      scanned = &t;
      break;
    }
  }
  const Database& read_only = db;
  EXPECT_EQ(read_only.find_table(name), scanned) << name;
  EXPECT_EQ(db.find_table(name), scanned) << name;
}

TEST(FindTable, FindsEachTableAndNoOther) {
  Database db = database({"a", "b", "c"});
  for (const char* name : {"a", "b", "c", "d", ""}) expect_found_as_scanned(db, name);
}

TEST(FindTable, SeesTablesPushedAfterAMiss) {
  Database db = database({"a"});
  EXPECT_EQ(db.find_table("b"), nullptr);
  db.tables.push_back(table("b"));
  expect_found_as_scanned(db, "b");
  // Many appends, with misses in between, as applying a whole schema does.
  for (int i = 0; i < 300; ++i) {
    const std::string name = "t" + std::to_string(i);
    ASSERT_EQ(db.find_table(name), nullptr);
    db.tables.push_back(table(name));
    ASSERT_NE(db.find_table(name), nullptr);
  }
  for (const char* name : {"a", "b", "t0", "t150", "t299", "t300"}) expect_found_as_scanned(db, name);
}

TEST(FindTable, SeesTablesErased) {
  Database db = database({"a", "b", "c", "d"});
  EXPECT_NE(db.find_table("d"), nullptr);
  std::erase_if(db.tables, [](const Table& t) { return t.name == "b"; });
  for (const char* name : {"a", "b", "c", "d"}) expect_found_as_scanned(db, name);
  db.tables.erase(db.tables.begin());
  for (const char* name : {"a", "c", "d"}) expect_found_as_scanned(db, name);
}

TEST(FindTable, SeesTablesErasedThenAsManyAppended) {
  Database db = database({"a", "b", "c"});
  EXPECT_EQ(db.find_table("x"), nullptr);
  std::erase_if(db.tables, [](const Table& t) { return t.name == "a"; });
  db.tables.push_back(table("x"));
  for (const char* name : {"a", "b", "c", "x"}) expect_found_as_scanned(db, name);
}

TEST(FindTable, SeesTablesReordered) {
  Database db = database({"c", "a", "b"});
  EXPECT_NE(db.find_table("c"), nullptr);
  std::sort(db.tables.begin(), db.tables.end(),
            [](const Table& x, const Table& y) { return x.name < y.name; });
  for (const char* name : {"a", "b", "c", "d"}) expect_found_as_scanned(db, name);
}

TEST(FindTable, SeesARenameThroughThePointerItReturned) {
  Database db = database({"a", "b", "c"});
  Table* b = db.find_table("b");
  ASSERT_NE(b, nullptr);
  b->name = "renamed";
  for (const char* name : {"a", "b", "c", "renamed"}) expect_found_as_scanned(db, name);
}

TEST(FindTable, SeesARenameThroughAPointerKeptAcrossLookups) {
  Database db = database({"a", "b", "c", "d"});
  Table* b = db.find_table("b");
  ASSERT_NE(b, nullptr);
  // A miss between taking the pointer and renaming through it.
  if (db.find_table("x") == nullptr) b->name = "x";
  for (const char* name : {"a", "b", "c", "d", "x"}) expect_found_as_scanned(db, name);
  b->name = "y";  // again, after the index has seen "x"
  for (const char* name : {"b", "x", "y"}) expect_found_as_scanned(db, name);
}

TEST(FindTable, SeesTwoTablesSwappingNamesThroughItsPointers) {
  Database db = database({"a", "b", "c"});
  Table* a = db.find_table("a");
  Table* b = db.find_table("b");
  a->name = "tmp";
  b->name = "a";
  a->name = "b";
  for (const char* name : {"a", "b", "c", "tmp"}) expect_found_as_scanned(db, name);
  EXPECT_EQ(db.find_table("a"), b);
}

TEST(FindTable, SeesATableAssignedThroughThePointerItReturned) {
  Database db = database({"a", "b"});
  *db.find_table("a") = table("z");
  for (const char* name : {"a", "b", "z"}) expect_found_as_scanned(db, name);
}

TEST(FindTable, RenameTableRenamesInSight) {
  Database db = database({"a", "b"});
  EXPECT_EQ(db.find_table("c"), nullptr);
  Table* renamed = db.rename_table("a", "c");
  ASSERT_NE(renamed, nullptr);
  EXPECT_EQ(renamed->name, "c");
  EXPECT_EQ(db.rename_table("missing", "d"), nullptr);
  for (const char* name : {"a", "b", "c", "d"}) expect_found_as_scanned(db, name);
}

TEST(FindTable, SeesARenameThroughTablesAfterForgetPositions) {
  Database db = database({"a", "b", "c"});
  EXPECT_EQ(db.find_table("x"), nullptr);
  db.tables[1].name = "x";  // out of the index's sight
  db.forget_positions();
  for (const char* name : {"a", "b", "c", "x"}) expect_found_as_scanned(db, name);
}

TEST(FindTable, SeesARenameOfTheLastTableThroughTables) {
  Database db = database({"a", "b", "c"});
  EXPECT_EQ(db.find_table("x"), nullptr);
  db.tables.back().name = "x";
  for (const char* name : {"a", "b", "c", "x"}) expect_found_as_scanned(db, name);
}

TEST(FindTable, SeesTablesReassignedFromAnotherVector) {
  Database db = database({"a", "b"});
  EXPECT_EQ(db.find_table("c"), nullptr);
  db.tables = {table("c"), table("d"), table("e")};
  for (const char* name : {"a", "b", "c", "d", "e"}) expect_found_as_scanned(db, name);
  db.tables = std::move(database({"f"}).tables);
  for (const char* name : {"c", "f"}) expect_found_as_scanned(db, name);
  std::vector<Table> other = {table("g"), table("h")};
  std::swap(db.tables, other);
  for (const char* name : {"f", "g", "h"}) expect_found_as_scanned(db, name);
}

TEST(FindTable, ACopyFindsItsOwnTables) {
  Database db = database({"a", "b"});
  EXPECT_EQ(db.find_table("c"), nullptr);
  Database copy = db;
  copy.tables.push_back(table("c"));
  copy.tables[0].name = "z";  // a fresh copy has no index to mislead yet
  expect_found_as_scanned(copy, "z");
  expect_found_as_scanned(copy, "c");
  expect_found_as_scanned(db, "c");
  EXPECT_EQ(copy.find_table("b"), &copy.tables[1]);

  Database assigned = database({"x"});
  EXPECT_NE(assigned.find_table("x"), nullptr);
  assigned = db;
  for (const char* name : {"a", "b", "x"}) expect_found_as_scanned(assigned, name);
}

TEST(FindTable, AMovedDatabaseKeepsItsTablesAndTheSourceForgetsThem) {
  Database db = database({"a", "b"});
  EXPECT_EQ(db.find_table("c"), nullptr);
  Database moved = std::move(db);
  for (const char* name : {"a", "b", "c"}) expect_found_as_scanned(moved, name);
  db.tables.push_back(table("a"));  // the moved-from database is reused
  expect_found_as_scanned(db, "a");
  expect_found_as_scanned(db, "b");

  Database target = database({"q"});
  EXPECT_NE(target.find_table("q"), nullptr);
  target = std::move(moved);
  for (const char* name : {"a", "b", "q"}) expect_found_as_scanned(target, name);
}

TEST(FindTable, EmptiedAndRefilledWithALookupBetween) {
  Database db = database({"a", "b"});
  EXPECT_NE(db.find_table("a"), nullptr);
  db.tables.clear();
  EXPECT_EQ(db.find_table("a"), nullptr);
  db.tables.push_back(table("c"));
  db.tables.push_back(table("d"));
  for (const char* name : {"a", "b", "c", "d"}) expect_found_as_scanned(db, name);
}

TEST(ColumnType, RawReadsAsTheStringItHolds) {
  ColumnType money{TypeKind::kOther};
  money.raw = "money";
  const std::string& spelled = money.raw;
  EXPECT_EQ(spelled, "money");
  EXPECT_FALSE(money.raw.empty());
  const ColumnType copy = money;
  EXPECT_EQ(copy.raw.str(), "money");
  EXPECT_EQ(copy, money);
}

TEST(ColumnType, EmptyRawIsNoRaw) {
  ColumnType spelled_empty{TypeKind::kOther};
  spelled_empty.raw = "";
  EXPECT_TRUE(spelled_empty.raw.empty());
  EXPECT_EQ(spelled_empty.raw.str(), "");
  EXPECT_EQ(spelled_empty, ColumnType{TypeKind::kOther});
  ColumnType money{TypeKind::kOther};
  money.raw = "money";
  EXPECT_NE(money, spelled_empty);
  money.raw = "";
  EXPECT_EQ(money, spelled_empty);
}

}  // namespace
}  // namespace keyway::schema
