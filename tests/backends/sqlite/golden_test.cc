// End-to-end golden cases on real SQLite files: YAML in, the exact SQL plan
// and reverse plan out, then applied with rows present and checked.
// Each tests/golden/sqlite/*.case holds named sections:
//   before.yaml  (optional) the schema the database starts from
//   rows.sql     (optional) rows inserted before the change
//   after.yaml   the schema to reach
//   plan.sql     expected script of the plan
//   reverse.sql  expected script of the reverse plan
//   error.txt    (optional) expected apply error; the database must be unchanged
//   check.sql / check.out  (optional) a query after the change and its rows
//   down.sql / down.out    (optional) a query after the reverse plan and its rows
// KEYWAY_UPDATE_GOLDEN=1 rewrites plan.sql, reverse.sql and the .out sections.
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "backends/sqlite/sqlite_driver.h"
#include "cli/pipeline.h"
#include "core/diff/diff.h"
#include "core/errors.h"
#include "core/model/loader.h"
#include "core/schema/lower.h"
#include "support/case_file.h"
#include "support/sql_text.h"

namespace keyway {
namespace {

using backends::sqlite::SqliteDriver;
using testing::CaseFile;

std::filesystem::path golden_dir() {
  return std::filesystem::path(KEYWAY_SOURCE_DIR) / "tests" / "golden" / "sqlite";
}

bool updating() {
  const char* v = std::getenv("KEYWAY_UPDATE_GOLDEN");
  return v && std::string(v) == "1";
}

schema::Database lowered(const CaseFile& c, const std::string& section) {
  return schema::lower(model::load_schema_text(c.at(section), c.path.filename().string() + ":" + section));
}

// Compares `actual` with a section, or records it when updating.
void expect_section(CaseFile& c, const std::string& name, const std::string& actual, bool& dirty) {
  if (updating()) {
    if (!c.has(name)) c.order.push_back(name);
    if (c.sections[name] != actual) dirty = true;
    c.sections[name] = actual;
    return;
  }
  ASSERT_TRUE(c.has(name)) << c.path << " lacks section " << name;
  EXPECT_EQ(actual, c.at(name)) << "section " << name << " of " << c.path;
}

std::vector<std::string> pending(SqliteDriver& driver, const schema::Database& desired) {
  std::vector<std::string> out;
  for (const auto& step : cli::compare(driver, driver.inspect(), desired).plan.steps) {
    out.push_back(step.summary);
  }
  return out;
}

class GoldenCase : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(GoldenCase, PlansAppliesAndReverses) {
  CaseFile c = CaseFile::read(GetParam());
  bool dirty = false;
  testing::TempDir dir;
  SqliteDriver driver(dir.file("test.db"));

  const schema::Database before = c.has("before.yaml") ? lowered(c, "before.yaml") : schema::Database{};
  if (c.has("before.yaml")) {
    driver.apply(cli::compare(driver, driver.inspect(), before).plan);
    ASSERT_TRUE(pending(driver, before).empty());
  }
  if (c.has("rows.sql")) testing::execute_script(driver.session(), c.at("rows.sql"));
  const schema::Database live_before = driver.inspect();

  const schema::Database after = lowered(c, "after.yaml");
  const cli::Comparison comparison = cli::compare(driver, live_before, after);
  expect_section(c, "plan.sql", driver.script(comparison.plan), dirty);
  expect_section(c, "reverse.sql", driver.script(comparison.reverse), dirty);

  if (c.has("error.txt")) {
    try {
      driver.apply(comparison.plan);
      ADD_FAILURE() << "expected apply to fail";
    } catch (const DatabaseError& e) {
      expect_section(c, "error.txt", std::string(e.what()) + "\n", dirty);
    }
    EXPECT_TRUE(pending(driver, before).empty()) << "a failed apply changed the schema";
  } else {
    driver.apply(comparison.plan);
    EXPECT_EQ(pending(driver, after), std::vector<std::string>{}) << "diff not empty after apply";
    if (c.has("check.sql")) {
      expect_section(c, "check.out", testing::query_text(driver.session(), c.at("check.sql")), dirty);
    }
    driver.apply(comparison.reverse);
    EXPECT_EQ(pending(driver, before), std::vector<std::string>{}) << "reverse did not restore";
    if (c.has("down.sql")) {
      expect_section(c, "down.out", testing::query_text(driver.session(), c.at("down.sql")), dirty);
    }
  }
  if (updating() && dirty) c.write();
}

std::string case_name(const ::testing::TestParamInfo<std::filesystem::path>& info) {
  std::string name = info.param.stem().string();
  for (char& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Sqlite, GoldenCase,
                         ::testing::ValuesIn(testing::files_in(golden_dir(), ".case")), case_name);

}  // namespace
}  // namespace keyway
