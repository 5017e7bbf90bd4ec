// keyway diff's reports through the built binary, in every format, on both
// backends, against golden files (tests/golden/reports/*.case):
//   before.yaml, rows.sql (optional), after.yaml       the situation
//   text.<backend>, json.<backend>, markdown.<backend>, sql.<backend>
// KEYWAY_UPDATE_GOLDEN=1 records the expected sections instead of comparing.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <tuple>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/backend_fixture.h"
#include "support/case_file.h"
#include "support/golden_cases.h"
#include "support/run_keyway.h"
#include "support/sql_text.h"

namespace keyway {
namespace {

using testing::CaseFile;

bool updating() {
  const char* v = std::getenv("KEYWAY_UPDATE_GOLDEN");
  return v && std::string(v) == "1";
}

using Param = testing::BackendCase;
class Report : public ::testing::TestWithParam<Param> {};

TEST_P(Report, EveryFormatMatchesItsGoldenFile) {
  const auto& [path, backend] = GetParam();
  CaseFile c = CaseFile::read(path);
  testing::FreshDatabase db(backend);
  testing::TempDir dir;
  const auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir.path() / name) << text;
  };
  const auto keyway = [&](std::vector<std::string> args) {
    args.push_back("--db");
    args.push_back(db.url());
    return testing::run_keyway(args, dir.path().string());
  };
  write("before.yaml", c.at("before.yaml"));
  write("after.yaml", c.at("after.yaml"));
  const auto applied = keyway({"apply", "--schema", "before.yaml"});
  ASSERT_EQ(applied.exit_code, 0) << applied.err;
  if (c.has("rows.sql")) {
    auto driver = db.open();
    testing::execute_script(testing::session_of(*driver), c.at("rows.sql"));
  }

  bool dirty = false;
  for (const std::string format : {"text", "json", "markdown", "sql"}) {
    const auto r = keyway({"diff", "--schema", "after.yaml", "--format", format, "--exit-code"});
    EXPECT_EQ(r.exit_code, 1) << format << ": " << r.err;
    EXPECT_EQ(r.err, "") << format;
    const std::string section = format + "." + backend;
    if (format == "json") {
      EXPECT_TRUE(nlohmann::json::accept(r.out)) << r.out;
    }
    if (updating()) {
      if (!c.has(section)) c.order.push_back(section);
      dirty = dirty || c.sections[section] != r.out;
      c.sections[section] = r.out;
    } else {
      ASSERT_TRUE(c.has(section)) << path << " lacks section " << section;
      EXPECT_EQ(r.out, c.at(section)) << "section " << section << " of " << path;
    }
  }
  if (dirty) c.write();
}

INSTANTIATE_TEST_SUITE_P(Backends, Report,
                         ::testing::ValuesIn(testing::cases_on_every_backend("golden/reports")),
                         testing::case_name);

}  // namespace
}  // namespace keyway
