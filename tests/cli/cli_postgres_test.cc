// The built binary against a real PostgreSQL database: the same flow as on
// SQLite, plus the PostgreSQL options.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "support/case_file.h"
#include "support/pg_test_db.h"
#include "support/run_keyway.h"

namespace keyway {
namespace {

using testing::run_keyway;

class CliPostgres : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(dir_.path() / "schemas");
    std::ofstream(dir_.path() / "schemas" / "blog.yaml")
        << "models:\n  User:\n    fields:\n      name: {type: char, max_length: 100}\n"
           "  Post:\n    fields:\n      author: {type: foreign_key, to: User, on_delete: cascade}\n";
  }
  testing::RunResult run(std::vector<std::string> args) {
    return run_keyway(args, dir_.path().string(), {"KEYWAY_DATABASE_URL=" + db_.url()});
  }
  testing::TempDir dir_;
  testing::PgTestDatabase db_;
};

TEST_F(CliPostgres, AppliesTheSchemaAndThenHasNothingToDo) {
  auto r = run({"diff", "--exit-code"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("CREATE TABLE \"public\".\"user\""), std::string::npos) << r.out;
  r = run({"apply"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = run({"diff", "--exit-code"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

TEST_F(CliPostgres, DbSchemaManagesAnotherSchema) {
  EXPECT_EQ(run({"apply", "--db-schema", "nosuch"}).exit_code, 2);
  ASSERT_EQ(run({"apply"}).exit_code, 0);
  // public is in sync; nothing was created elsewhere.
  EXPECT_EQ(run({"diff", "--exit-code", "--db-schema", "public"}).exit_code, 0);
}

TEST_F(CliPostgres, BadLockTimeoutIsBadInput) {
  const auto r = run({"apply", "--lock-timeout", "soon"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("expected a duration such as 5s or 500ms, got 'soon'"), std::string::npos)
      << r.err;
}

TEST_F(CliPostgres, WrongPasswordIsADatabaseFailureThatNeverShowsThePassword) {
  const auto r = run_keyway({"diff", "--db", "postgresql://nobody:hunter2@127.0.0.1:1/x"},
                            dir_.path().string());
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err.find("hunter2"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("***"), std::string::npos) << r.err;
}

// libpq is loaded when a PostgreSQL URL is first used: without it, SQLite
// works and PostgreSQL fails with what to install, before any connection.
TEST_F(CliPostgres, WithoutLibpqSqliteWorksAndPostgresqlSaysWhatToInstall) {
  const std::string missing = "KEYWAY_LIBPQ=" + (dir_.path() / "no-such-libpq.so").string();
  const std::string sqlite_url = "sqlite:" + (dir_.path() / "app.db").string();
  auto r = run_keyway({"apply", "--db", sqlite_url}, dir_.path().string(), {missing});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  r = run_keyway({"diff", "--exit-code", "--db", sqlite_url}, dir_.path().string(), {missing});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;

  r = run_keyway({"apply"}, dir_.path().string(), {missing, "KEYWAY_DATABASE_URL=" + db_.url()});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("no-such-libpq.so did not load"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("apt-get install libpq5"), std::string::npos) << r.err;
  // Nothing was created: the database is still empty.
  EXPECT_EQ(run({"diff", "--exit-code"}).exit_code, 1);
}

}  // namespace
}  // namespace keyway
