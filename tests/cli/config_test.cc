// keyway.yaml, --env, the order values are taken in, logging and masking,
// through the built binary.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/case_file.h"
#include "support/run_keyway.h"

namespace keyway {
namespace {

const char* kBlog = R"(models:
  Author:
    fields:
      name: {type: char, max_length: 100}
)";

class Config : public ::testing::Test {
 protected:
  void write(const std::string& name, const std::string& text) {
    std::filesystem::create_directories((dir_.path() / name).parent_path());
    std::ofstream(dir_.path() / name) << text;
  }
  testing::RunResult run(const std::vector<std::string>& args,
                         const std::vector<std::string>& env = {}) {
    return testing::run_keyway(args, dir_.path().string(), env);
  }
  bool exists(const std::string& name) { return std::filesystem::exists(dir_.path() / name); }
  testing::TempDir dir_;
};

TEST_F(Config, TheChosenEnvironmentGivesTheDatabaseAndPaths) {
  write("model/app.yaml", kBlog);
  write("keyway.yaml",
        "schema: model/\n"
        "migrations: db/migrations\n"
        "default_env: dev\n"
        "environments:\n"
        "  dev: {url: 'sqlite:${APP_DB}.db'}\n"
        "  test: {url: 'sqlite:test.db'}\n");
  auto r = run({"apply"}, {"APP_DB=dev"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(exists("dev.db"));

  r = run({"apply", "--env", "test"}, {"APP_DB=dev"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(exists("test.db"));

  r = run({"generate", "init"}, {"APP_DB=dev"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(exists("db/migrations/keyway.sum")) << r.out;
}

TEST_F(Config, TheFlagAndTheEnvironmentVariableComeBeforeKeywayYaml) {
  write("schemas/app.yaml", kBlog);
  write("keyway.yaml", "environments:\n  dev: {url: 'sqlite:dev.db'}\ndefault_env: dev\n");
  auto r = run({"apply"}, {"KEYWAY_DATABASE_URL=sqlite:from_env.db"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(exists("from_env.db"));
  EXPECT_FALSE(exists("dev.db"));
  r = run({"apply", "--db", "sqlite:from_flag.db"}, {"KEYWAY_DATABASE_URL=sqlite:from_env.db"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(exists("from_flag.db"));
}

TEST_F(Config, AMistakeNamesTheFileLineAndColumn) {
  write("keyway.yaml", "schema: schemas/\nmigration: db\n");
  auto r = run({"validate"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "error: keyway.yaml:2:1: unknown key 'migration' (expected schema, migrations, "
            "default_env, environments, lint)\n");

  write("keyway.yaml", "environments:\n  prod: {url: 'postgresql://app:${DB_PASSWORD}@db/app'}\n");
  r = run({"validate", "--env", "prod"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "error: keyway.yaml:2:15: environment variable DB_PASSWORD is not set\n");

  r = run({"validate", "--env", "staging"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "error: keyway.yaml: no environment 'staging' (defined: prod)\n");

  write("keyway.yaml", "lint:\n  drop-table: fatal\n");
  r = run({"validate"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "error: keyway.yaml:2:15: lint level of drop-table must be error, warning or off, got 'fatal'\n");
}

TEST_F(Config, PasswordsNeverReachTheOutput) {
  write("schemas/app.yaml", kBlog);
  const std::string url = "postgresql://app:s3cret@127.0.0.1:1/app";
  auto r = run({"diff", "--db", url});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err.find("s3cret"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("postgresql://app:***@127.0.0.1:1/app"), std::string::npos) << r.err;

  write("keyway.yaml", "environments:\n  prod: {url: '" + url + "'}\n");
  r = run({"--log-format", "json", "migrate", "status", "--env", "prod"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err.find("s3cret"), std::string::npos) << r.err;
  const auto line = nlohmann::json::parse(r.err);
  EXPECT_EQ(line["level"], "error");
  EXPECT_NE(line["message"].get<std::string>().find("app:***@"), std::string::npos);
}

TEST_F(Config, StatementsAreLoggedWithTheirTimeAndQuietSilencesThem) {
  write("schemas/app.yaml", kBlog);
  auto r = run({"apply", "--db", "sqlite:a.db"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("keyway: [1/1] "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(" ms  CREATE TABLE \"author\""), std::string::npos) << r.err;

  write("schemas/app.yaml", std::string(kBlog) + "      bio: {type: text, null: true}\n");
  r = run({"apply", "-q", "--db", "sqlite:a.db"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");

  write("schemas/app.yaml", std::string(kBlog) + "      bio: {type: text, null: true}\n      age: {type: integer, null: true}\n");
  r = run({"--log-format", "json", "apply", "--db", "sqlite:a.db"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto line = nlohmann::json::parse(r.err.substr(0, r.err.find('\n')));
  EXPECT_EQ(line["level"], "info");
  EXPECT_TRUE(line.contains("time"));
}

}  // namespace
}  // namespace keyway
