// `keyway diagram` and the diagram formats of `keyway inspect`, through the
// built binary: formats, --out, and SVG with and without Graphviz on PATH.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "support/case_file.h"
#include "support/run_keyway.h"

namespace keyway {
namespace {

const char* kSchema = R"(models:
  Student: {fields: {name: text}}
  Course: {fields: {students: {type: many_to_many, to: Student}}}
)";

class DiagramCli : public ::testing::Test {
 protected:
  void SetUp() override { write("schema.yaml", kSchema); }
  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_.path() / name) << text;
  }
  std::string read(const std::string& name) {
    std::ifstream in(dir_.path() / name);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  testing::RunResult run(const std::vector<std::string>& args,
                         const std::vector<std::string>& env = {}) {
    return testing::run_keyway(args, dir_.path().string(), env);
  }
  testing::TempDir dir_;
};

TEST_F(DiagramCli, DrawsMermaidByDefault) {
  const auto r = run({"diagram", "--schema", "schema.yaml"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("erDiagram\n", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("    Course }o--o{ Student : \"students\"\n"), std::string::npos) << r.out;
}

TEST_F(DiagramCli, JunctionsDrawTheJunctionTable) {
  const auto r = run({"diagram", "--schema", "schema.yaml", "--junctions"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("    course_students }o--|| Student : \"student_id\"\n"), std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("}o--o{"), std::string::npos) << r.out;
}

TEST_F(DiagramCli, WritesDotToAFile) {
  const auto r = run({"diagram", "--schema", "schema.yaml", "--format", "dot", "--out", "s.dot"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(read("s.dot").rfind("digraph keyway {\n", 0), 0u);
}

TEST_F(DiagramCli, SvgWithoutGraphvizIsBadInput) {
  const auto r = run({"diagram", "--schema", "schema.yaml", "--format", "svg"},
                     {"PATH=" + dir_.file("no-such-dir")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("--format svg needs Graphviz, and `dot` is not on PATH"), std::string::npos)
      << r.err;
}

TEST_F(DiagramCli, SvgIsWhatDotRenders) {
  // A stand-in for Graphviz that shows what it was given and how.
  const auto bin = dir_.path() / "bin";
  std::filesystem::create_directories(bin);
  std::ofstream(bin / "dot") << "#!/bin/sh\necho \"<svg args='$*'>\"\ncat\necho '</svg>'\n";
  ::chmod((bin / "dot").c_str(), 0755);
  const auto r = run({"diagram", "--schema", "schema.yaml", "--format", "svg"},
                     {"PATH=" + bin.string() + ":/usr/bin:/bin"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("<svg args='-Tsvg'>\ndigraph keyway {\n", 0), 0u) << r.out;
}

TEST_F(DiagramCli, FailingDotIsReported) {
  const auto bin = dir_.path() / "bin";
  std::filesystem::create_directories(bin);
  std::ofstream(bin / "dot") << "#!/bin/sh\necho 'syntax error in line 1' >&2\nexit 1\n";
  ::chmod((bin / "dot").c_str(), 0755);
  const auto r = run({"diagram", "--schema", "schema.yaml", "--format", "svg"},
                     {"PATH=" + bin.string() + ":/usr/bin:/bin"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("syntax error in line 1"), std::string::npos) << r.err;
}

TEST_F(DiagramCli, UnknownFormatIsBadInput) {
  EXPECT_EQ(run({"diagram", "--schema", "schema.yaml", "--format", "png"}).exit_code, 2);
  EXPECT_EQ(run({"inspect", "--db", "sqlite:x.db", "--format", "png"}).exit_code, 2);
}

TEST_F(DiagramCli, InspectWritesYamlToAFile) {
  ASSERT_EQ(run({"apply", "--schema", "schema.yaml", "--db", "sqlite:x.db", "--yes"}).exit_code, 0);
  const auto r = run({"inspect", "--db", "sqlite:x.db", "--out", "inspected.yaml"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_NE(read("inspected.yaml").find("students: {type: many_to_many, to: Student}"),
            std::string::npos);
  EXPECT_EQ(run({"validate", "--schema", "inspected.yaml"}).exit_code, 0);
}

}  // namespace
}  // namespace keyway
