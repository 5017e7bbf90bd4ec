// The built binary, run as a user runs it: exit codes, messages, defaults.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "support/case_file.h"
#include "support/run_keyway.h"

namespace keyway {
namespace {

using testing::run_keyway;

const char* kBlog = R"(models:
  Author:
    fields:
      name: {type: char, max_length: 100}
  Post:
    fields:
      author: {type: foreign_key, to: Author, on_delete: cascade}
      title: {type: char, max_length: 200}
)";

class Cli : public ::testing::Test {
 protected:
  void write(const std::string& name, const std::string& text) {
    std::filesystem::create_directories((dir_.path() / name).parent_path());
    std::ofstream(dir_.path() / name) << text;
  }
  testing::RunResult run(const std::vector<std::string>& args,
                         const std::vector<std::string>& env = {}) {
    return run_keyway(args, dir_.path().string(), env);
  }
  testing::TempDir dir_;
};

TEST_F(Cli, PrintsItsVersion) {
  const auto r = run({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.rfind("keyway ", 0), 0u) << r.out;
}

TEST_F(Cli, HelpListsTheCommands) {
  const auto r = run({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* command : {"validate", "diff", "apply"}) {
    EXPECT_NE(r.out.find(command), std::string::npos) << command;
  }
}

TEST_F(Cli, UnknownOptionIsBadInput) {
  EXPECT_EQ(run({"diff", "--no-such-flag"}).exit_code, 2);
}

TEST_F(Cli, ValidateReportsEveryProblemWithItsPositionAndExits2) {
  write("schemas/a.yaml", "models:\n  Post:\n    fields:\n      author: {type: foreign_key, to: Nobody, on_delete: cascade}\n      body: {type: txt}\n");
  const auto r = run({"validate"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("schemas/a.yaml:4:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("schemas/a.yaml:5:"), std::string::npos) << r.err;
}

TEST_F(Cli, ValidateAcceptsTheShippedExamples) {
  const auto r = run({"validate", "--schema", std::string(KEYWAY_SOURCE_DIR) + "/schemas"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("valid"), std::string::npos);
}

TEST_F(Cli, DiffExitCodeSaysWhetherChangesArePending) {
  write("schemas/blog.yaml", kBlog);
  auto r = run({"diff", "--exit-code", "--db", "sqlite:app.db"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("+ create table author"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("CREATE TABLE \"post\""), std::string::npos) << r.out;
  ASSERT_EQ(run({"apply", "--db", "sqlite:app.db"}).exit_code, 0);
  r = run({"diff", "--exit-code", "--db", "sqlite:app.db"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("No changes"), std::string::npos);
}

TEST_F(Cli, DiffWithoutExitCodeExitsZeroEvenWithChanges) {
  write("schemas/blog.yaml", kBlog);
  EXPECT_EQ(run({"diff", "--db", "sqlite:app.db"}).exit_code, 0);
}

TEST_F(Cli, DatabaseDefaultsToKeywayDbAndTheEnvironmentOverridesIt) {
  write("schemas/blog.yaml", kBlog);
  ASSERT_EQ(run({"apply"}).exit_code, 0);
  EXPECT_TRUE(std::filesystem::exists(dir_.path() / "keyway.db"));
  ASSERT_EQ(run({"apply"}, {"KEYWAY_DATABASE_URL=sqlite:from_env.db"}).exit_code, 0);
  EXPECT_TRUE(std::filesystem::exists(dir_.path() / "from_env.db"));
}

TEST_F(Cli, DryRunPrintsTheSqlAndTouchesNothing) {
  write("schemas/blog.yaml", kBlog);
  const auto r = run({"apply", "--dry-run", "--db", "sqlite:app.db"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("BEGIN;"), std::string::npos);
  EXPECT_EQ(run({"diff", "--format", "sql", "--db", "sqlite:app.db"}).out, r.out);
  EXPECT_EQ(run({"diff", "--exit-code", "--db", "sqlite:app.db"}).exit_code, 1);
}

TEST_F(Cli, ApplyRefusesToDropDataWithoutYes) {
  write("schemas/blog.yaml", kBlog);
  ASSERT_EQ(run({"apply", "--db", "sqlite:app.db"}).exit_code, 0);
  write("schemas/blog.yaml", "models:\n  Author:\n    fields:\n      name: {type: char, max_length: 100}\n");
  auto r = run({"apply", "--db", "sqlite:app.db"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("table post (0 rows)"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--yes"), std::string::npos) << r.err;
  EXPECT_EQ(run({"diff", "--exit-code", "--db", "sqlite:app.db"}).exit_code, 1);
  r = run({"apply", "--yes", "--db", "sqlite:app.db"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(run({"diff", "--exit-code", "--db", "sqlite:app.db"}).exit_code, 0);
}

TEST_F(Cli, ForeignKeyToManyToManyNeedsNoYesBecauseTheLinksAreKept) {
  write("schemas/school.yaml",
        "models:\n  Student: {fields: {name: text}}\n  Course:\n    fields:\n"
        "      students: {type: foreign_key, to: Student, on_delete: cascade, null: true}\n");
  ASSERT_EQ(run({"apply", "--db", "sqlite:app.db"}).exit_code, 0);
  write("schemas/school.yaml",
        "models:\n  Student: {fields: {name: text}}\n  Course:\n    fields:\n"
        "      students: {type: many_to_many, to: Student}\n");
  const auto r = run({"apply", "--db", "sqlite:app.db"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("copy links of Course.students"), std::string::npos) << r.out;
}

TEST_F(Cli, SchemaErrorsArePrintedOneALineWithACount) {
  write("schemas/a.yaml", "models: {Course: {fields: {title: {type: txt}, n: {type: integr}}}}\n");
  const auto r = run({"validate"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "schemas/a.yaml:1:42: unknown type 'txt' in field 'title' of model 'Course'\n"
            "schemas/a.yaml:1:58: unknown type 'integr' in field 'n' of model 'Course'\n"
            "error: the schema has 2 problems\n");
}

TEST_F(Cli, BadDatabaseUrlIsBadInput) {
  write("schemas/blog.yaml", kBlog);
  const auto r = run({"diff", "--db", "mysql://root:secret@db/app"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.find("secret"), std::string::npos) << r.err;
}

TEST_F(Cli, UnreadableDatabaseIsADatabaseFailure) {
  write("schemas/blog.yaml", kBlog);
  const auto r = run({"diff", "--db", "sqlite:no/such/dir/app.db"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
}

}  // namespace
}  // namespace keyway

namespace keyway {
namespace {

class CliLoss : public ::testing::Test {
 protected:
  testing::TempDir dir_;
};

TEST_F(CliLoss, DroppingAKeyOnlyLookupTableIsRefusedWithoutYes) {
  std::filesystem::create_directories(dir_.path() / "schemas");
  std::ofstream(dir_.path() / "schemas" / "a.yaml")
      << "models:\n  Country: {fields: {code: {type: char, max_length: 2, primary_key: true}}}\n"
         "  Town: {fields: {name: text}}\n";
  ASSERT_EQ(run_keyway({"apply"}, dir_.path().string()).exit_code, 0);
  std::ofstream(dir_.path() / "schemas" / "a.yaml") << "models:\n  Town: {fields: {name: text}}\n";
  const auto r = run_keyway({"apply"}, dir_.path().string());
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.err.find("table country (0 rows)"), std::string::npos) << r.err;
}

TEST_F(CliLoss, ADroppedColumnOfARenamedTableIsCountedUnderItsOldName) {
  std::filesystem::create_directories(dir_.path() / "schemas");
  std::ofstream(dir_.path() / "schemas" / "a.yaml")
      << "models:\n  Town: {fields: {name: text, old: {type: text, null: true}}}\n";
  ASSERT_EQ(run_keyway({"apply"}, dir_.path().string()).exit_code, 0);
  std::ofstream(dir_.path() / "schemas" / "a.yaml")
      << "models:\n  City: {renamed_from: Town, fields: {name: text}}\n";
  const auto r = run_keyway({"apply"}, dir_.path().string());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("column city.old (0 non-null values)"), std::string::npos) << r.err;
}

TEST_F(CliLoss, AnAbsurdLockTimeoutIsBadInputNotACrash) {
  std::filesystem::create_directories(dir_.path() / "schemas");
  std::ofstream(dir_.path() / "schemas" / "a.yaml") << "models:\n  Town: {fields: {name: text}}\n";
  const auto r = run_keyway({"diff", "--lock-timeout", "99999999999999999999s"}, dir_.path().string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("longer than a day"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace keyway
