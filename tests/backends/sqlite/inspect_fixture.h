// The fixture of the SQLite inspection tests: a fresh database file, SQL run
// into it, and the tables a fresh inspect() reads back.
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "backends/sqlite/sqlite_driver.h"
#include "core/schema/schema.h"
#include "sqlite_test_file.h"

namespace keyway::testing {

class SqliteInspectFixture : public ::testing::Test {
 protected:
  SqliteInspectFixture() : session_(*soci::factory_sqlite3(), "db=\"" + file_.path() + "\"") {}

  void create(const std::string& sql) { run_sql(session_, sql); }

  // The table `name` of a fresh inspection; an empty table (and a failure) when absent.
  schema::Table table(const std::string& name) {
    const schema::Database db = backends::sqlite::inspect(session_);
    const schema::Table* found = db.find_table(name);
    EXPECT_NE(found, nullptr) << "no table " << name;
    return found != nullptr ? *found : schema::Table{};
  }

  std::vector<std::string> table_names() {
    std::vector<std::string> names;
    for (const auto& t : backends::sqlite::inspect(session_).tables) names.push_back(t.name);
    return names;
  }

  SqliteTestFile file_;
  soci::session session_;
};

}  // namespace keyway::testing
