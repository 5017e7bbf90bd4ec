// Golden diagrams: each tests/golden/diagrams/*.case holds a schema.yaml
// section and the exact Mermaid (*.mmd) and Graphviz (*.dot) text drawn from
// it, without and with junction tables. KEYWAY_UPDATE_GOLDEN=1 records them instead.
#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>

#include "core/diagram/dot.h"
#include "core/diagram/mermaid.h"
#include "core/model/loader.h"
#include "support/case_file.h"

namespace keyway::diagram {
namespace {

bool updating() {
  const char* v = std::getenv("KEYWAY_UPDATE_GOLDEN");
  return v && std::string(v) == "1";
}

class DiagramCase : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(DiagramCase, DrawsTheExpectedText) {
  testing::CaseFile c = testing::CaseFile::read(GetParam());
  const model::Schema schema =
      model::load_schema_text(c.at("schema.yaml"), GetParam().filename().string());
  const std::vector<std::pair<std::string, std::string>> drawn = {
      {"diagram.mmd", to_mermaid(schema)},
      {"junctions.mmd", to_mermaid(schema, {.junctions = true})},
      {"diagram.dot", to_dot(schema)},
      {"junctions.dot", to_dot(schema, {.junctions = true})},
  };
  bool dirty = false;
  for (const auto& [section, text] : drawn) {
    if (updating()) {
      if (!c.has(section)) c.order.push_back(section);
      dirty = dirty || c.sections[section] != text;
      c.sections[section] = text;
    } else {
      ASSERT_TRUE(c.has(section)) << GetParam() << " lacks section " << section;
      EXPECT_EQ(text, c.at(section)) << "section " << section << " of " << GetParam();
    }
  }
  if (dirty) c.write();
}

std::vector<std::filesystem::path> cases() {
  return testing::files_in(
      std::filesystem::path(KEYWAY_SOURCE_DIR) / "tests" / "golden" / "diagrams", ".case");
}

INSTANTIATE_TEST_SUITE_P(Golden, DiagramCase, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<std::filesystem::path>& info) {
                           std::string name = info.param.stem().string();
                           for (char& ch : name) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace keyway::diagram
