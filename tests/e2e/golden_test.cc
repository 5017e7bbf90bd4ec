// End-to-end golden cases, run on every backend against a real database:
// YAML in, the exact SQL plan and reverse plan out, then applied with rows
// present and checked. Each tests/golden/*.case holds named sections:
//   before.yaml  (optional) the schema the database starts from
//   rows.sql     (optional) rows inserted before the change (portable SQL)
//   after.yaml   the schema to reach
//   plan.<backend>.sql / reverse.<backend>.sql   expected scripts
//   error.txt    (optional) expected apply error (error.<backend>.txt if it
//                differs); the database must be left unchanged
//   check.sql / check.out  (optional) a query after the change and its rows
//   down.sql / down.out    (optional) a query after the reverse plan and its rows
// KEYWAY_UPDATE_GOLDEN=1 records the expected sections instead of comparing.
#include <cstdlib>
#include <filesystem>
#include <tuple>

#include <gtest/gtest.h>

#include "cli/pipeline.h"
#include "core/errors.h"
#include "core/model/loader.h"
#include "core/schema/lower.h"
#include "support/backend_fixture.h"
#include "support/case_file.h"
#include "support/golden_cases.h"
#include "support/sql_text.h"

namespace keyway {
namespace {

using testing::CaseFile;

bool updating() {
  const char* v = std::getenv("KEYWAY_UPDATE_GOLDEN");
  return v && std::string(v) == "1";
}

schema::Database lowered(const CaseFile& c, const std::string& section) {
  return schema::lower(
      model::load_schema_text(c.at(section), c.path.filename().string() + ":" + section));
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

std::vector<std::string> pending(backends::Driver& driver, const schema::Database& desired) {
  std::vector<std::string> out;
  for (const auto& step : cli::compare(driver, driver.inspect(), desired).plan.steps) {
    out.push_back(step.summary);
  }
  return out;
}

using Param = testing::BackendCase;
class GoldenCase : public ::testing::TestWithParam<Param> {};

TEST_P(GoldenCase, PlansAppliesAndReverses) {
  const auto& [path, backend] = GetParam();
  CaseFile c = CaseFile::read(path);
  bool dirty = false;
  testing::FreshDatabase db(backend);
  auto driver = db.open();
  soci::session& session = testing::session_of(*driver);

  const schema::Database before =
      c.has("before.yaml") ? lowered(c, "before.yaml") : schema::Database{};
  if (c.has("before.yaml")) {
    driver->apply(cli::compare(*driver, driver->inspect(), before).plan);
    ASSERT_EQ(pending(*driver, before), std::vector<std::string>{});
  }
  if (c.has("rows.sql")) testing::execute_script(session, c.at("rows.sql"));

  const schema::Database after = lowered(c, "after.yaml");
  const cli::Comparison comparison =
      cli::compare(*driver, driver->inspect(), after, cli::Directions::kBoth);
  expect_section(c, "plan." + backend + ".sql", driver->script(comparison.plan), dirty);
  expect_section(c, "reverse." + backend + ".sql", driver->script(comparison.reverse), dirty);

  const std::string error_section =
      c.has("error." + backend + ".txt") ? "error." + backend + ".txt" : "error.txt";
  if (c.has(error_section)) {
    try {
      driver->apply(comparison.plan);
      ADD_FAILURE() << "expected apply to fail";
    } catch (const DatabaseError& e) {
      expect_section(c, error_section, std::string(e.what()) + "\n", dirty);
    }
    EXPECT_EQ(pending(*driver, before), std::vector<std::string>{})
        << "a failed apply changed the schema";
  } else {
    driver->apply(comparison.plan);
    EXPECT_EQ(pending(*driver, after), std::vector<std::string>{}) << "diff not empty after apply";
    if (c.has("check.sql")) {
      expect_section(c, "check.out", testing::query_text(session, c.at("check.sql")), dirty);
    }
    driver->apply(comparison.reverse);
    EXPECT_EQ(pending(*driver, before), std::vector<std::string>{}) << "reverse did not restore";
    if (c.has("down.sql")) {
      expect_section(c, "down.out", testing::query_text(session, c.at("down.sql")), dirty);
    }
  }
  if (updating() && dirty) c.write();
}

INSTANTIATE_TEST_SUITE_P(Backends, GoldenCase,
                         ::testing::ValuesIn(testing::cases_on_every_backend("golden")),
                         testing::case_name);

}  // namespace
}  // namespace keyway
