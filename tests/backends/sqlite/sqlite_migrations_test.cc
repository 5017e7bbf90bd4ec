// Versioned migrations on a real SQLite file: the history table, running a
// migration with its history row (all or nothing, or statement by statement
// for a no-transaction script), the lock file, and the scratch database.
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <regex>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "backends/driver.h"
#include "backends/sqlite/sqlite_driver.h"
#include "core/errors.h"
#include "sqlite_test_file.h"
#include "support/migration_runs.h"

namespace keyway::backends::sqlite {
namespace {

using namespace std::chrono_literals;
using keyway::testing::down_run;
using keyway::testing::SqliteTestFile;
using keyway::testing::up_run;

// The `Exception` that `run` throws; a failure when it throws none.
template <typename Exception>
std::optional<Exception> error_of(const std::function<void()>& run) {
  try {
    run();
  } catch (const Exception& e) {
    return e;
  }
  ADD_FAILURE() << "no exception thrown";
  return std::nullopt;
}

class SqliteMigrations : public ::testing::Test {
 protected:
  SqliteMigrations() : driver_(file_.path()) {}

  long long count(const std::string& query) {
    long long n = 0;
    driver_.session() << query, soci::into(n);
    return n;
  }
  bool table_exists(const std::string& name) {
    return count("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '" + name +
                 "'") > 0;
  }
  int pragma(const std::string& name) {
    int value = -1;
    driver_.session() << "PRAGMA " + name, soci::into(value);
    return value;
  }

  SqliteTestFile file_;
  SqliteDriver driver_;
};

TEST_F(SqliteMigrations, HistoryIsEmptyWithoutTheTableAndDoesNotCreateIt) {
  EXPECT_TRUE(driver_.history().empty());
  EXPECT_FALSE(table_exists("keyway_migrations"));
}

TEST_F(SqliteMigrations, LockCreatesTheHistoryTable) {
  const auto lock = driver_.lock(1s, "keyway migrate up");
  EXPECT_TRUE(table_exists("keyway_migrations"));
  EXPECT_TRUE(driver_.history().empty());
  EXPECT_TRUE(driver_.inspect().tables.empty()) << "inspect skips keyway's own tables";
}

TEST_F(SqliteMigrations, UpRunsItsStatementsAndRecordsItsRow) {
  const MigrationRun run = up_run("20260101000000", "add_author",
                                  {"CREATE TABLE author (id INTEGER PRIMARY KEY, name TEXT)",
                                   "INSERT INTO author (name) VALUES ('ann')"});
  const std::optional<std::int64_t> ms = driver_.run(run);
  ASSERT_TRUE(ms.has_value());
  EXPECT_GE(*ms, 0);
  EXPECT_EQ(count("SELECT count(*) FROM author"), 1);

  const std::vector<AppliedMigration> history = driver_.history();
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].version, "20260101000000");
  EXPECT_EQ(history[0].name, "add_author");
  EXPECT_EQ(history[0].checksum, "sha256:20260101000000");
  EXPECT_EQ(history[0].execution_ms, *ms);
  EXPECT_TRUE(std::regex_match(history[0].applied_at,
                               std::regex(R"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)")))
      << history[0].applied_at;
  // The connection's settings are as they were.
  EXPECT_EQ(pragma("foreign_keys"), 1);
  EXPECT_EQ(pragma("busy_timeout"), 5000);
}

TEST_F(SqliteMigrations, HistoryIsInVersionOrder) {
  driver_.run(up_run("20260102000000", "second", {"CREATE TABLE b (id INTEGER)"}));
  driver_.run(up_run("20260101000000", "first", {"CREATE TABLE a (id INTEGER)"}));
  const std::vector<AppliedMigration> history = driver_.history();
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].name, "first");
  EXPECT_EQ(history[1].name, "second");
}

TEST_F(SqliteMigrations, FailingStatementRollsBackTheOnesBeforeAndRecordsNothing) {
  const MigrationRun run = up_run("20260101000000", "add_author",
                                  {"CREATE TABLE author (id INTEGER PRIMARY KEY)",
                                   "INSERT INTO author (id) VALUES (1)",
                                   "INSERT INTO missing (id)\nVALUES (1)"});
  const auto error = error_of<MigrationFailed>([&] { driver_.run(run); });
  ASSERT_TRUE(error);
  EXPECT_EQ(std::string(error->what()),
            "migration 20260101000000_add_author failed at statement 3 "
            "(migrations/20260101000000_add_author.up.sql:3):\n"
            "  INSERT INTO missing (id) ...\n"
            "  no such table: missing\n"
            "  the migration was rolled back: the database is as it was before it");
  EXPECT_EQ(error->statement_number(), 3);
  EXPECT_EQ(error->code(), ExitCode::kDatabase);
  EXPECT_FALSE(table_exists("author"));
  EXPECT_TRUE(driver_.history().empty());
  EXPECT_EQ(pragma("foreign_keys"), 1);
}

TEST_F(SqliteMigrations, DownRunsAndDeletesTheRow) {
  driver_.run(up_run("20260101000000", "add_a", {"CREATE TABLE a (id INTEGER)"}));
  driver_.run(up_run("20260102000000", "add_b", {"CREATE TABLE b (id INTEGER)"}));
  const std::optional<std::int64_t> ms =
      driver_.run(down_run("20260102000000", "add_b", {"DROP TABLE b"}));
  ASSERT_TRUE(ms.has_value());
  EXPECT_FALSE(table_exists("b"));
  const std::vector<AppliedMigration> history = driver_.history();
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].version, "20260101000000");
}

TEST_F(SqliteMigrations, AnUpAlreadyRecordedOrADownNotRecordedIsSkipped) {
  const MigrationRun up = up_run("20260101000000", "add_a", {"CREATE TABLE a (id INTEGER)"});
  ASSERT_TRUE(driver_.run(up).has_value());
  // Running the statements again would fail: skipped, they do not run.
  EXPECT_EQ(driver_.run(up), std::nullopt);
  EXPECT_EQ(driver_.history().size(), 1u);
  EXPECT_EQ(driver_.run(down_run("20260105000000", "never", {"DROP TABLE nothing"})),
            std::nullopt);
  EXPECT_EQ(pragma("foreign_keys"), 1);
}

TEST_F(SqliteMigrations, NoTransactionFailureKeepsTheStatementsBefore) {
  const MigrationRun run = up_run("20260101000000", "add_tables",
                                  {"CREATE TABLE a (id INTEGER)", "CREATE TABLE b (id INTEGER)",
                                   "CREATE TABLE a (id INTEGER)"},
                                  /*no_transaction=*/true);
  const auto error = error_of<MigrationFailed>([&] { driver_.run(run); });
  ASSERT_TRUE(error);
  EXPECT_EQ(std::string(error->what()),
            "migration 20260101000000_add_tables failed at statement 3 "
            "(migrations/20260101000000_add_tables.up.sql:4):\n"
            "  CREATE TABLE a (id INTEGER)\n"
            "  table a already exists\n"
            "  this migration runs without a transaction (-- keyway:no-transaction): "
            "statements 1 to 2 were applied and stay; it is not recorded as applied");
  EXPECT_TRUE(table_exists("a"));
  EXPECT_TRUE(table_exists("b"));
  EXPECT_TRUE(driver_.history().empty());
}

TEST_F(SqliteMigrations, NoTransactionFailureOfTheFirstStatementSaysNoneWasApplied) {
  const auto error = error_of<MigrationFailed>([&] {
    driver_.run(up_run("20260101000000", "broken", {"CREATE TABLE (", "CREATE TABLE a (id)"},
                       true));
  });
  ASSERT_TRUE(error);
  EXPECT_TRUE(std::string(error->what())
                  .ends_with("(-- keyway:no-transaction): no statement was applied; it is not "
                             "recorded as applied"))
      << error->what();
  EXPECT_FALSE(table_exists("a"));
}

TEST_F(SqliteMigrations, NoTransactionSuccessIsRecorded) {
  const auto ms = driver_.run(up_run("20260101000000", "add_a",
                                     {"CREATE TABLE a (id INTEGER)", "CREATE INDEX a_id ON a (id)"},
                                     true));
  ASSERT_TRUE(ms.has_value());
  ASSERT_EQ(driver_.history().size(), 1u);
  EXPECT_EQ(driver_.history()[0].execution_ms, *ms);
}

TEST_F(SqliteMigrations, ForeignKeyCheckFailureRollsBack) {
  driver_.session() << "CREATE TABLE parent (id INTEGER PRIMARY KEY)";
  driver_.session() << "CREATE TABLE child (id INTEGER PRIMARY KEY, "
                       "parent_id INTEGER REFERENCES parent (id))";
  // Foreign keys are off while a migration runs: the orphan goes in, and
  // the check before COMMIT finds it.
  const auto error = error_of<MigrationFailed>([&] {
    driver_.run(up_run("20260101000000", "orphan",
                       {"INSERT INTO parent (id) VALUES (1)",
                        "INSERT INTO child (id, parent_id) VALUES (7, 2)"}));
  });
  ASSERT_TRUE(error);
  EXPECT_EQ(std::string(error->what()),
            "migration 20260101000000_orphan failed its foreign key check: "
            "1 row(s) without a parent\n"
            "  child rowid 7: no parent in parent\n"
            "  the migration was rolled back: the database is as it was before it");
  EXPECT_EQ(error->statement_number(), 0);
  EXPECT_EQ(count("SELECT count(*) FROM parent"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM child"), 0);
  EXPECT_TRUE(driver_.history().empty());
  EXPECT_EQ(pragma("foreign_keys"), 1);
}

TEST_F(SqliteMigrations, RebuildWithForeignKeysOffKeepsTheChildRows) {
  driver_.session() << "CREATE TABLE parent (id INTEGER PRIMARY KEY)";
  driver_.session() << "CREATE TABLE child (id INTEGER PRIMARY KEY, "
                       "parent_id INTEGER REFERENCES parent (id) ON DELETE CASCADE)";
  driver_.session() << "INSERT INTO parent (id) VALUES (1)";
  driver_.session() << "INSERT INTO child (id, parent_id) VALUES (1, 1)";
  // The rebuild procedure: with foreign keys on, DROP TABLE parent would
  // cascade to child.
  ASSERT_TRUE(driver_.run(up_run("20260101000000", "rebuild_parent",
                                 {"CREATE TABLE _keyway_new_parent (id INTEGER PRIMARY KEY, "
                                  "name TEXT)",
                                  "INSERT INTO _keyway_new_parent (id) SELECT id FROM parent",
                                  "DROP TABLE parent",
                                  "ALTER TABLE _keyway_new_parent RENAME TO parent"}))
                  .has_value());
  EXPECT_EQ(count("SELECT count(*) FROM child"), 1);
}

TEST_F(SqliteMigrations, WaitsForAnotherConnectionsWriteLock) {
  driver_.session() << "CREATE TABLE a (id INTEGER)";
  SqliteDriver app(file_.path());
  app.session() << "BEGIN IMMEDIATE";
  app.session() << "INSERT INTO a (id) VALUES (1)";
  std::thread release([&app] {
    std::this_thread::sleep_for(300ms);
    app.session() << "COMMIT";
  });
  const auto ms =
      driver_.run(up_run("20260101000000", "add_b", {"INSERT INTO a (id) VALUES (2)"}));
  release.join();
  EXPECT_TRUE(ms.has_value());
  EXPECT_EQ(count("SELECT count(*) FROM a"), 2);
}

TEST_F(SqliteMigrations, SecondLockWaitsThenNamesTheHolder) {
  const std::string lock_path = file_.path() + "-keyway.lock";
  SqliteDriver other(file_.path());
  {
    const auto held = driver_.lock(1s, "keyway migrate up");
    EXPECT_TRUE(std::filesystem::exists(lock_path));
    const auto start = std::chrono::steady_clock::now();
    const auto error = error_of<DatabaseError>([&] { other.lock(200ms, "keyway migrate down"); });
    EXPECT_GE(std::chrono::steady_clock::now() - start, 200ms);
    ASSERT_TRUE(error);
    const std::string expected_start = "another keyway runner holds " + lock_path +
                                       ": keyway migrate up; pid " +
                                       std::to_string(::getpid()) + " on ";
    const std::string message = error->what();
    EXPECT_TRUE(message.starts_with(expected_start)) << message;
    EXPECT_TRUE(std::regex_search(
        message, std::regex(R"(, since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC; waited 200ms$)")))
        << message;
  }
  EXPECT_FALSE(std::filesystem::exists(lock_path)) << "removed on release";
  const auto taken = other.lock(200ms, "keyway migrate down");
  EXPECT_TRUE(std::filesystem::exists(lock_path));
}

TEST_F(SqliteMigrations, HolderNamingThisProcessIsWrittenAsItIs) {
  const std::string holder =
      "keyway migrate up, pid " + std::to_string(::getpid()) + " on build-7";
  const auto held = driver_.lock(1s, holder);
  SqliteDriver other(file_.path());
  const auto error = error_of<DatabaseError>([&] { other.lock(0ms, "other"); });
  ASSERT_TRUE(error);
  EXPECT_TRUE(std::regex_match(
      std::string(error->what()),
      std::regex("another keyway runner holds .*-keyway\\.lock: " + holder +
                 R"(, since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC; waited 0s)")))
      << error->what();
}

TEST_F(SqliteMigrations, LockIsTakenWhenTheHolderReleasesWhileWaiting) {
  auto held = std::make_unique<std::unique_ptr<RunLock>>(driver_.lock(1s, "first"));
  std::thread release([&held] {
    std::this_thread::sleep_for(150ms);
    held.reset();
  });
  SqliteDriver other(file_.path());
  EXPECT_NO_THROW(other.lock(5s, "second"));
  release.join();
}

TEST(SqliteInMemoryMigrations, LockNeedsNoFileAndRunsWork) {
  SqliteDriver driver(":memory:");
  const auto held = driver.lock(0ms, "keyway");
  EXPECT_FALSE(std::filesystem::exists(":memory:-keyway.lock"));
  ASSERT_TRUE(driver.run(up_run("20260101000000", "add_a", {"CREATE TABLE a (id INTEGER)"}))
                  .has_value());
  EXPECT_EQ(driver.history().size(), 1u);
}

TEST(SqliteScratch, IsAnInMemoryDatabase) {
  const std::unique_ptr<ScratchDatabase> scratch = open_scratch("sqlite:some/file.db");
  EXPECT_EQ(scratch->description(), "an in-memory SQLite database");
  auto& driver = dynamic_cast<SqliteDriver&>(scratch->driver());
  EXPECT_EQ(driver.path(), ":memory:");
  ASSERT_TRUE(driver.run(up_run("20260101000000", "add_a", {"CREATE TABLE a (id INTEGER)"}))
                  .has_value());
  ASSERT_EQ(driver.inspect().tables.size(), 1u);
  EXPECT_FALSE(std::filesystem::exists("some/file.db"));
}

TEST(SqliteScratch, RejectsAnUnknownUrl) {
  EXPECT_THROW(open_scratch("mysql://db/x"), InputError);
}

}  // namespace
}  // namespace keyway::backends::sqlite
