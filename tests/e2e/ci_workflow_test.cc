// The CI gate of docs/ci.md (docs/ci/keyway-ci.sh) run as a workflow runs it,
// against a real database of each backend, asserting its exit codes: a clean
// tree passes; a YAML change without a migration, a destructive migration, a
// tampered migration file each fail with the code docs/ci.md promises.
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "support/backend_fixture.h"
#include "support/case_file.h"
#include "support/run_keyway.h"

namespace keyway {
namespace {

const char* kBlog = R"(models:
  Author:
    fields:
      name: {type: char, max_length: 100}
      bio: text
  Post:
    fields:
      author: {type: foreign_key, to: Author, on_delete: cascade}
      title: {type: char, max_length: 200}
)";

const char* kBlogWithoutBio = R"(models:
  Author:
    fields:
      name: {type: char, max_length: 100}
  Post:
    fields:
      author: {type: foreign_key, to: Author, on_delete: cascade}
      title: {type: char, max_length: 200}
)";

const char* kBlogWithSlug = R"(models:
  Author:
    fields:
      name: {type: char, max_length: 100}
      bio: text
  Post:
    fields:
      author: {type: foreign_key, to: Author, on_delete: cascade}
      title: {type: char, max_length: 200}
      slug: {type: char, max_length: 50, null: true}
)";

class CiWorkflow : public ::testing::TestWithParam<std::string> {
 protected:
  testing::FreshDatabase db_{GetParam()};
  testing::TempDir dir_;
  std::string log_;

  void write(const std::string& name, const std::string& text) {
    std::filesystem::create_directories((dir_.path() / name).parent_path());
    std::ofstream(dir_.path() / name) << text;
  }
  void generate(const std::string& name, const std::string& yaml) {
    write("schemas/app.yaml", yaml);
    const auto r = testing::run_keyway({"generate", name}, dir_.path().string(),
                                       {"KEYWAY_DATABASE_URL=" + db_.url()});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  }
  // Runs the CI script in the project, as the workflow does; its exit code.
  int run_gate() {
    const std::filesystem::path binary_dir = std::filesystem::path(KEYWAY_BINARY).parent_path();
    const std::filesystem::path script =
        std::filesystem::path(KEYWAY_SOURCE_DIR) / "docs" / "ci" / "keyway-ci.sh";
    const std::string command = "cd '" + dir_.path().string() + "' && env -u KEYWAY_DATABASE_URL PATH='" +
                                binary_dir.string() + ":" + std::getenv("PATH") + "' DATABASE_URL='" +
                                db_.url() + "' NO_COLOR=1 bash '" + script.string() + "' > gate.log 2>&1";
    const int status = std::system(command.c_str());
    std::ifstream in(dir_.path() / "gate.log");
    std::stringstream s;
    s << in.rdbuf();
    log_ = s.str();
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
};

TEST_P(CiWorkflow, ACleanTreePasses) {
  generate("init", kBlog);
  EXPECT_EQ(run_gate(), 0) << log_;
  EXPECT_TRUE(std::filesystem::exists(dir_.path() / "keyway-report.md"));
}

TEST_P(CiWorkflow, AYamlChangeWithoutAMigrationFails) {
  generate("init", kBlog);
  write("schemas/app.yaml", kBlogWithSlug);
  EXPECT_EQ(run_gate(), 1) << log_;
  EXPECT_NE(log_.find("the schema holds changes no migration contains"), std::string::npos) << log_;
}

TEST_P(CiWorkflow, ADestructiveMigrationFailsTheLint) {
  generate("init", kBlog);
  generate("drop_bio", kBlogWithoutBio);
  EXPECT_EQ(run_gate(), 1) << log_;
  EXPECT_NE(log_.find("drop-column"), std::string::npos) << log_;
  EXPECT_NE(log_.find("keyway lint failed with exit code 1"), std::string::npos) << log_;
}

TEST_P(CiWorkflow, ATamperedMigrationFileIsBadInput) {
  generate("init", kBlog);
  for (const auto& entry : std::filesystem::directory_iterator(dir_.path() / "migrations")) {
    if (entry.path().string().ends_with(".up.sql")) {
      std::ofstream(entry.path(), std::ios::app) << "\nCREATE TABLE sneaky (id integer);\n";
    }
  }
  EXPECT_EQ(run_gate(), 2) << log_;
  EXPECT_NE(log_.find("keyway.sum does not match"), std::string::npos) << log_;
}

INSTANTIATE_TEST_SUITE_P(Backends, CiWorkflow, ::testing::ValuesIn(testing::backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace keyway
