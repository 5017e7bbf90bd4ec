// Versioned migrations on a real PostgreSQL server: the history table in the
// driver's schema, running a migration with its history row (all or nothing,
// or statement by statement for a no-transaction script) with search_path
// set to that schema, the advisory lock, and the scratch database.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "backends/driver.h"
#include "backends/postgres/postgres_driver.h"
#include "backends/postgres/postgres_scratch.h"
#include "core/errors.h"
#include "pg_inspect_fixture.h"
#include "pg_plan_fixture.h"
#include "support/migration_runs.h"

namespace keyway::backends::postgres {
namespace {

using namespace std::chrono_literals;
using keyway::testing::down_run;
using keyway::testing::PgTestDatabase;
using keyway::testing::run_script;
using keyway::testing::up_run;
using keyway::testing::with_parameter;

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

std::string text(soci::session& session, const std::string& query) {
  std::string value;
  soci::indicator indicator = soci::i_ok;
  session << query, soci::into(value, indicator);
  return indicator == soci::i_ok ? value : "NULL";
}

class PgMigrations : public ::testing::Test {
 protected:
  PgMigrations() : driver_(db_.url()) {}

  std::string query(const std::string& sql) { return text(driver_.session(), sql); }
  bool exists(const std::string& qualified_table) {
    return query("SELECT to_regclass('" + qualified_table + "')::text") != "NULL";
  }

  PgTestDatabase db_;
  PostgresDriver driver_;
};

TEST_F(PgMigrations, HistoryIsEmptyWithoutTheTableAndDoesNotCreateIt) {
  EXPECT_TRUE(driver_.history().empty());
  EXPECT_FALSE(exists("public.keyway_migrations"));
}

TEST_F(PgMigrations, LockCreatesTheHistoryTableInTheDriversSchema) {
  run_script(driver_.session(), "CREATE SCHEMA app");
  PostgresDriver app(with_parameter(db_.url(), "schema=app"));
  const auto held = app.lock(1s, "keyway migrate up");
  EXPECT_TRUE(exists("app.keyway_migrations"));
  EXPECT_FALSE(exists("public.keyway_migrations"));
  EXPECT_TRUE(app.history().empty());
  EXPECT_TRUE(app.inspect().tables.empty()) << "inspect skips keyway's own tables";
}

TEST_F(PgMigrations, UpRunsItsStatementsAndRecordsItsRow) {
  const MigrationRun run = up_run("20260101000000", "add_author",
                                  {"CREATE TABLE author (id bigint PRIMARY KEY, name text)",
                                   "INSERT INTO author (id, name) VALUES (1, 'ann')",
                                   "SELECT pg_sleep(0.05)"});
  const std::optional<std::int64_t> ms = driver_.run(run);
  ASSERT_TRUE(ms.has_value());
  EXPECT_GE(*ms, 50);
  EXPECT_EQ(query("SELECT count(*)::text FROM author"), "1");

  const std::vector<AppliedMigration> history = driver_.history();
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].version, "20260101000000");
  EXPECT_EQ(history[0].name, "add_author");
  EXPECT_EQ(history[0].checksum, "sha256:20260101000000");
  EXPECT_EQ(history[0].execution_ms, *ms);
  EXPECT_TRUE(std::regex_match(history[0].applied_at,
                               std::regex(R"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)")))
      << history[0].applied_at;
  // applied_at is UTC, whatever the session's time zone.
  EXPECT_EQ(query("SELECT to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') "
                  "FROM keyway_migrations"),
            history[0].applied_at);
}

TEST_F(PgMigrations, FailingStatementRollsBackTheOnesBeforeAndRecordsNothing) {
  const MigrationRun run = up_run("20260101000000", "add_author",
                                  {"CREATE TABLE author (id bigint PRIMARY KEY)",
                                   "INSERT INTO author (id) VALUES (1)",
                                   "INSERT INTO author (id)\nVALUES (1)"});
  const auto error = error_of<MigrationFailed>([&] { driver_.run(run); });
  ASSERT_TRUE(error);
  EXPECT_EQ(std::string(error->what()),
            "migration 20260101000000_add_author failed at statement 3 "
            "(migrations/20260101000000_add_author.up.sql:3):\n"
            "  INSERT INTO author (id) ...\n"
            "  duplicate key value violates unique constraint \"author_pkey\"\n"
            "  DETAIL: Key (id)=(1) already exists.\n"
            "  the migration was rolled back: the database is as it was before it");
  EXPECT_EQ(error->statement_number(), 3);
  EXPECT_FALSE(exists("author"));
  EXPECT_TRUE(driver_.history().empty());
  EXPECT_EQ(query("SELECT pg_current_xact_id_if_assigned()::text"), "NULL")
      << "no transaction left open";
}

TEST_F(PgMigrations, DownRunsAndDeletesTheRow) {
  driver_.run(up_run("20260101000000", "add_a", {"CREATE TABLE a (id int)"}));
  driver_.run(up_run("20260102000000", "add_b", {"CREATE TABLE b (id int)"}));
  ASSERT_TRUE(driver_.run(down_run("20260102000000", "add_b", {"DROP TABLE b"})).has_value());
  EXPECT_FALSE(exists("b"));
  const std::vector<AppliedMigration> history = driver_.history();
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].version, "20260101000000");
}

TEST_F(PgMigrations, AnUpAlreadyRecordedOrADownNotRecordedIsSkipped) {
  const MigrationRun up = up_run("20260101000000", "add_a", {"CREATE TABLE a (id int)"});
  ASSERT_TRUE(driver_.run(up).has_value());
  EXPECT_EQ(driver_.run(up), std::nullopt);
  EXPECT_EQ(driver_.history().size(), 1u);
  EXPECT_EQ(driver_.run(down_run("20260105000000", "never", {"DROP TABLE nothing"})),
            std::nullopt);
  // A no-transaction script is skipped the same way.
  EXPECT_EQ(driver_.run(down_run("20260105000000", "never", {"DROP TABLE nothing"}, true)),
            std::nullopt);
}

TEST_F(PgMigrations, StatementsGoToTheServerAsWritten) {
  // SOCI would take ":name" for a placeholder; the statements bypass it.
  const auto ms = driver_.run(up_run(
      "20260101000000", "as_written",
      {"CREATE TABLE t (id int, note text)",
       "COMMENT ON TABLE t IS 'at 10:30 :sharp'",
       "DO $$ DECLARE x int; BEGIN x := 1; INSERT INTO t VALUES (x, ':name'); END $$",
       "INSERT INTO t SELECT ((ARRAY[1,2,3])[2:3])[1], 'slice'"}));
  ASSERT_TRUE(ms.has_value());
  EXPECT_EQ(query("SELECT string_agg(id || note, ',' ORDER BY id) FROM t"), "1:name,2slice");
  EXPECT_EQ(query("SELECT obj_description('t'::regclass)"), "at 10:30 :sharp");
}

TEST_F(PgMigrations, NoTransactionFailureKeepsTheStatementsBefore) {
  const MigrationRun run = up_run("20260101000000", "add_index",
                                  {"CREATE TABLE a (id int)",
                                   "CREATE INDEX CONCURRENTLY a_id ON a (id)",
                                   "CREATE INDEX CONCURRENTLY a_id ON a (id)"},
                                  /*no_transaction=*/true);
  const auto error = error_of<MigrationFailed>([&] { driver_.run(run); });
  ASSERT_TRUE(error);
  EXPECT_EQ(std::string(error->what()),
            "migration 20260101000000_add_index failed at statement 3 "
            "(migrations/20260101000000_add_index.up.sql:4):\n"
            "  CREATE INDEX CONCURRENTLY a_id ON a (id)\n"
            "  relation \"a_id\" already exists\n"
            "  this migration runs without a transaction (-- keyway:no-transaction): "
            "statements 1 to 2 were applied and stay; it is not recorded as applied");
  EXPECT_TRUE(exists("a"));
  EXPECT_TRUE(exists("a_id"));
  EXPECT_TRUE(driver_.history().empty());
}

TEST_F(PgMigrations, NoTransactionRunsInTheSchemaAndPutsSearchPathBack) {
  run_script(driver_.session(), "CREATE SCHEMA app");
  PostgresDriver app(with_parameter(db_.url(), "schema=app"));
  const std::string search_path = text(app.session(), "SHOW search_path");
  const auto ms = app.run(up_run("20260101000000", "add_a",
                                 {"CREATE TABLE a (id int)",
                                  "CREATE INDEX CONCURRENTLY a_id ON a (id)"},
                                 true));
  ASSERT_TRUE(ms.has_value());
  EXPECT_TRUE(exists("app.a"));
  EXPECT_TRUE(exists("app.a_id"));
  EXPECT_FALSE(exists("public.a"));
  EXPECT_EQ(text(app.session(), "SHOW search_path"), search_path);
  EXPECT_EQ(text(app.session(), "SHOW lock_timeout"), "0");
  ASSERT_EQ(app.history().size(), 1u);
  EXPECT_EQ(app.history()[0].execution_ms, *ms);
}

TEST_F(PgMigrations, LockTimeoutEndsAStatementWaitingBehindAnApplication) {
  run_script(driver_.session(), "CREATE TABLE a (id int)");
  soci::session app(*soci::factory_postgresql(), parse_url(db_.url()).conninfo);
  run_script(app, "BEGIN; LOCK TABLE a IN ACCESS SHARE MODE");
  ApplyOptions options;
  options.lock_timeout = 200ms;
  driver_.set_apply_options(options);
  const auto error = error_of<MigrationFailed>([&] {
    driver_.run(up_run("20260101000000", "add_b", {"ALTER TABLE a ADD COLUMN b int"}));
  });
  ASSERT_TRUE(error);
  EXPECT_NE(std::string(error->what())
                .find("\n  canceling statement due to lock timeout (--lock-timeout 200ms)\n"),
            std::string::npos)
      << error->what();
  run_script(app, "ROLLBACK");
  EXPECT_TRUE(driver_.history().empty());
}

TEST_F(PgMigrations, SecondLockWaitsThenNamesTheHolder) {
  PostgresDriver other(db_.url());
  const std::string application_name = query("SHOW application_name");
  {
    const auto held = driver_.lock(1s, "keyway migrate up");
    EXPECT_EQ(query("SHOW application_name"), "keyway migrate up");
    const auto start = std::chrono::steady_clock::now();
    const auto error = error_of<DatabaseError>([&] { other.lock(200ms, "keyway migrate down"); });
    EXPECT_GE(std::chrono::steady_clock::now() - start, 200ms);
    ASSERT_TRUE(error);
    const std::string pid = query("SELECT pg_backend_pid()::text");
    EXPECT_TRUE(std::regex_match(
        std::string(error->what()),
        std::regex("another keyway runner holds the migration lock on public \\(pid " + pid +
                   ", application_name 'keyway migrate up', client 127\\.0\\.0\\.1, since "
                   "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\); waited 200ms")))
        << error->what();
    EXPECT_EQ(text(other.session(), "SHOW application_name"), application_name)
        << "the waiter's name is put back";
  }
  EXPECT_EQ(query("SHOW application_name"), application_name) << "put back on release";
  EXPECT_NO_THROW(other.lock(200ms, "deploy job 7"));
  EXPECT_EQ(text(other.session(), "SHOW application_name"), application_name);
}

TEST_F(PgMigrations, LockIsPerSchema) {
  run_script(driver_.session(), "CREATE SCHEMA app");
  PostgresDriver app(with_parameter(db_.url(), "schema=app"));
  const auto held = driver_.lock(1s, "public runner");
  EXPECT_NO_THROW(app.lock(0ms, "app runner"));
}

TEST_F(PgMigrations, LongHolderIsCutToWhatPostgresKeeps) {
  const auto held = driver_.lock(1s, std::string(70, 'x'));
  EXPECT_EQ(query("SHOW application_name"), "keyway: " + std::string(55, 'x'));
}

// Migration files name tables without their schema; run() resolves them in
// the driver's schema, even when public holds tables of the same names.
TEST_F(PgMigrations, UnqualifiedRenderRunsInTheDriversSchema) {
  run_script(driver_.session(),
             "CREATE SCHEMA app;"
             " CREATE TABLE public.author (id bigint PRIMARY KEY, name text NOT NULL);"
             " CREATE TABLE app.author (id bigint PRIMARY KEY, name text NOT NULL);"
             " INSERT INTO app.author VALUES (1, 'ann')");
  PostgresDriver app(with_parameter(db_.url(), "schema=app"));
  app.render_for_migration_files();
  using keyway::testing::pg::column;
  using keyway::testing::pg::foreign_key;
  using keyway::testing::pg::id_column;
  using keyway::testing::pg::table;
  schema::Table post =
      table("post", {id_column(), column("author_id", {schema::TypeKind::kBigInteger}),
                     column("title", {schema::TypeKind::kText})});
  post.foreign_keys.push_back(foreign_key("", "author_id", "author"));
  const schema::Database from = app.inspect();
  const std::vector<diff::Change> changes = {
      diff::AddTable{post},
      diff::AddIndex{"author", schema::Index{"", {"name"}}},
      diff::AddUnique{"author", schema::UniqueKey{"", {"name"}}},
  };
  const plan::Plan plan = app.render(changes, from, from);
  std::vector<std::string> statements;
  for (const plan::Step& step : plan.steps) {
    EXPECT_FALSE(step.outside_transaction) << step.summary;
    for (const std::string& sql : step.sql) {
      EXPECT_EQ(sql.find("\"app\""), std::string::npos) << sql;
      EXPECT_EQ(sql.find("CONCURRENTLY"), std::string::npos) << sql;
      statements.push_back(sql);
    }
  }
  ASSERT_TRUE(app.run(up_run("20260101000000", "add_post", statements)).has_value());

  const schema::Database after = app.inspect();
  const schema::Table* created = after.find_table("post");
  ASSERT_NE(created, nullptr);
  ASSERT_EQ(created->foreign_keys.size(), 1u);
  EXPECT_EQ(created->foreign_keys[0].ref_table, "author");
  const schema::Table* author = after.find_table("author");
  ASSERT_NE(author, nullptr);
  EXPECT_EQ(author->indexes.size(), 1u);
  EXPECT_EQ(author->uniques.size(), 1u);
  EXPECT_FALSE(exists("public.post"));
  EXPECT_EQ(query("SELECT count(*)::text FROM pg_indexes WHERE schemaname = 'public'"), "1")
      << "public.author keeps its primary key only";
  EXPECT_TRUE(exists("app.keyway_migrations"));
}

TEST_F(PgMigrations, QualifiedRenderIsTheDefault) {
  const schema::Table t = keyway::testing::pg::table("t", {keyway::testing::pg::id_column()});
  const plan::Plan plan = driver_.render({diff::AddTable{t}}, {}, {});
  ASSERT_FALSE(plan.steps.empty());
  EXPECT_NE(plan.steps[0].sql[0].find("\"public\".\"t\""), std::string::npos)
      << plan.steps[0].sql[0];
}

TEST(PgScratchUrl, NamesTheOtherDatabaseAndKeepsTheRest) {
  EXPECT_EQ(with_database(
                "postgresql://u:p@h:5432/db?sslmode=disable&schema=app&connect_timeout=3", "x"),
            "postgresql://u:p@h:5432/x?sslmode=disable&connect_timeout=3");
  EXPECT_EQ(with_database("postgresql://u:p/w@h/db", "x"), "postgresql://u:p/w@h/x");
  EXPECT_EQ(with_database("postgresql://h", "x"), "postgresql://h/x");
  EXPECT_EQ(with_database("postgres://h/db?schema=a", ""), "postgres://h/db");
  EXPECT_EQ(with_database("postgresql://h/db?dbname=other&sslmode=require", "x"),
            "postgresql://h/x?sslmode=require");
}

TEST(PgScratch, IsCreatedUsableAndDroppedAfter) {
  PgTestDatabase db;
  soci::session admin(*soci::factory_postgresql(), parse_url(db.url()).conninfo);
  std::string name;
  {
    // The URL's schema is the target's; the scratch database uses public.
    const std::unique_ptr<ScratchDatabase> scratch =
        open_scratch(with_parameter(db.url(), "schema=app"));
    std::smatch match;
    const std::string description = scratch->description();
    ASSERT_TRUE(std::regex_match(
        description, match,
        std::regex(R"(scratch database (keyway_scratch_\d+_[0-9a-f]{8}) on 127\.0\.0\.1:\d+)")))
        << description;
    name = match[1];
    auto& driver = dynamic_cast<PostgresDriver&>(scratch->driver());
    EXPECT_EQ(driver.schema_name(), "public");
    EXPECT_EQ(text(driver.session(), "SELECT current_database()"), name);
    ASSERT_TRUE(driver.run(up_run("20260101000000", "add_a", {"CREATE TABLE a (id int)"}))
                    .has_value());
    ASSERT_EQ(driver.inspect().tables.size(), 1u);
    EXPECT_EQ(text(admin, "SELECT count(*)::text FROM pg_database WHERE datname = '" + name + "'"),
              "1");
  }
  EXPECT_EQ(text(admin, "SELECT count(*)::text FROM pg_database WHERE datname = '" + name + "'"),
            "0");
}

TEST(PgScratch, BackendStartedTooIsDroppedWithForce) {
  PgTestDatabase db;
  soci::session admin(*soci::factory_postgresql(), parse_url(db.url()).conninfo);
  std::string name;
  std::unique_ptr<soci::session> lingering;
  {
    const std::unique_ptr<ScratchDatabase> scratch = open_scratch(db.url());
    name = text(dynamic_cast<PostgresDriver&>(scratch->driver()).session(),
                "SELECT current_database()");
    lingering = std::make_unique<soci::session>(
        *soci::factory_postgresql(), parse_url(with_database(db.url(), name)).conninfo);
  }
  EXPECT_EQ(text(admin, "SELECT count(*)::text FROM pg_database WHERE datname = '" + name + "'"),
            "0");
}

TEST(PgScratch, RefusedCreateDatabaseSaysWhatToDo) {
  PgTestDatabase db;
  soci::session admin(*soci::factory_postgresql(), parse_url(db.url()).conninfo);
  std::random_device random;
  const std::string role = "keyway_no_createdb_" + std::to_string(random() % 1000000);
  run_script(admin, "CREATE ROLE " + role + " LOGIN PASSWORD 'secret'");
  std::string url = db.url();
  url.replace(url.find("keyway@"), 6, role + ":secret");
  const auto error = error_of<DatabaseError>([&] { open_scratch(url); });
  run_script(admin, "DROP ROLE " + role);
  ASSERT_TRUE(error);
  EXPECT_EQ(std::string(error->what()),
            "cannot create a scratch database on " + mask_password(url) +
                ": permission denied to create database\n"
                "  keyway replays the migrations into a scratch database; give it a server "
                "where it may create one with --dev-url");
  EXPECT_EQ(std::string(error->what()).find("secret"), std::string::npos);
}

}  // namespace
}  // namespace keyway::backends::postgres
