// Versioned migrations end to end, through the built binary, on both
// backends: generate -> migrate up -> the schema equals the YAML -> migrate
// down -> the schema equals the one before, with rows present, for every
// golden case; integrity, failures, concurrency and a killed runner.
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>
#include <thread>
#include <tuple>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli/pipeline.h"
#include "core/model/loader.h"
#include "core/schema/lower.h"
#include "support/backend_fixture.h"
#include "support/case_file.h"
#include "support/golden_cases.h"
#include "support/run_keyway.h"
#include "support/sql_text.h"

namespace keyway {
namespace {

using testing::CaseFile;
using testing::RunResult;

// A project directory (schemas, migrations) and a fresh database that
// KEYWAY_DATABASE_URL points keyway at.
class Project {
 public:
  explicit Project(const std::string& backend) : db_(backend) {}

  const std::string& backend() const { return db_.backend(); }
  const std::string& url() const { return db_.url(); }
  std::filesystem::path path(const std::string& name) const { return dir_.path() / name; }

  void write(const std::string& name, const std::string& text) const {
    std::filesystem::create_directories(path(name).parent_path());
    std::ofstream(path(name)) << text;
  }
  std::string read(const std::string& name) const {
    std::ifstream in(path(name));
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  RunResult keyway(const std::vector<std::string>& args) const {
    return testing::run_keyway(args, dir_.path().string(), env());
  }
  std::vector<std::string> env() const { return {"KEYWAY_DATABASE_URL=" + url()}; }
  std::string cwd() const { return dir_.path().string(); }

  // The migration files' names, sorted.
  std::vector<std::string> migration_files() const {
    std::vector<std::string> out;
    if (!std::filesystem::exists(path("migrations"))) return out;
    for (const auto& entry : std::filesystem::directory_iterator(path("migrations"))) {
      out.push_back(entry.path().filename().string());
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  std::string file_ending(const std::string& suffix) const {
    for (const auto& name : migration_files()) {
      if (name.ends_with(suffix)) return "migrations/" + name;
    }
    return "";
  }

  // What it would take to bring the database to `yaml`: empty when equal.
  std::vector<std::string> pending(const std::string& yaml) const {
    auto driver = db_.open();
    const auto desired = schema::lower(model::load_schema_text(yaml, "expected.yaml"));
    std::vector<std::string> out;
    for (const auto& step : cli::compare(*driver, driver->inspect(), desired).plan.steps) {
      out.push_back(step.summary);
    }
    return out;
  }
  std::vector<std::string> history() const {
    std::vector<std::string> out;
    for (const auto& row : db_.open()->history()) out.push_back(row.name);
    return out;
  }
  std::string query(const std::string& sql) const {
    auto driver = db_.open();
    return testing::query_text(testing::session_of(*driver), sql);
  }
  void execute(const std::string& sql) const {
    auto driver = db_.open();
    testing::execute_script(testing::session_of(*driver), sql);
  }
  bool has_table(const std::string& name) const {
    for (const auto& t : db_.open()->inspect().tables) {
      if (t.name == name) return true;
    }
    return false;
  }

 private:
  testing::FreshDatabase db_;
  testing::TempDir dir_;
};

std::string output(const RunResult& r) { return "stdout:\n" + r.out + "stderr:\n" + r.err; }

// --- every golden case, as migrations ---------------------------------------

using Param = testing::BackendCase;
class MigrationEvolution : public ::testing::TestWithParam<Param> {};

TEST_P(MigrationEvolution, UpReachesTheSchemaAndDownRestoresIt) {
  const auto& [case_path, backend] = GetParam();
  const CaseFile c = CaseFile::read(case_path);
  Project p(backend);
  const std::string before = c.has("before.yaml") ? c.at("before.yaml") : "models: {}\n";
  if (c.has("before.yaml")) {
    p.write("before.yaml", before);
    auto r = p.keyway({"generate", "init", "--schema", "before.yaml"});
    ASSERT_EQ(r.exit_code, 0) << output(r);
    r = p.keyway({"migrate", "up"});
    ASSERT_EQ(r.exit_code, 0) << output(r);
    ASSERT_EQ(p.pending(before), std::vector<std::string>{});
  }
  if (c.has("rows.sql")) p.execute(c.at("rows.sql"));
  const auto history_before = p.history();

  p.write("after.yaml", c.at("after.yaml"));
  auto r = p.keyway({"generate", "change", "--schema", "after.yaml"});
  ASSERT_EQ(r.exit_code, 0) << output(r);
  ASSERT_NE(p.file_ending("_change.up.sql"), "") << output(r);
  ASSERT_NE(p.file_ending("_change.down.sql"), "");

  r = p.keyway({"migrate", "up"});
  if (c.has("error.txt")) {
    EXPECT_EQ(r.exit_code, 3) << output(r);
    EXPECT_NE(r.err.find("the migration was rolled back"), std::string::npos) << output(r);
    EXPECT_EQ(p.history(), history_before);
    EXPECT_EQ(p.pending(before), std::vector<std::string>{}) << "a failed migration changed the schema";
    return;
  }
  ASSERT_EQ(r.exit_code, 0) << output(r);
  EXPECT_EQ(p.pending(c.at("after.yaml")), std::vector<std::string>{}) << "diff not empty after up";
  if (c.has("check.sql")) {
    EXPECT_EQ(p.query(c.at("check.sql")), c.at("check.out"));
  }

  r = p.keyway({"check", "--schema", "after.yaml", "--db", p.url()});
  EXPECT_EQ(r.exit_code, 0) << output(r);

  r = p.keyway({"migrate", "down"});
  ASSERT_EQ(r.exit_code, 0) << output(r);
  EXPECT_EQ(p.pending(before), std::vector<std::string>{}) << "down did not restore the schema";
  if (c.has("down.sql")) {
    EXPECT_EQ(p.query(c.at("down.sql")), c.at("down.out"));
  }
  EXPECT_EQ(p.history(), history_before);
}

INSTANTIATE_TEST_SUITE_P(Backends, MigrationEvolution,
                         ::testing::ValuesIn(testing::cases_on_every_backend("golden")),
                         testing::case_name);

// --- behaviour, on each backend ----------------------------------------------

const char* kBlog = R"(models:
  Author:
    fields:
      name: {type: char, max_length: 100}
  Post:
    fields:
      author: {type: foreign_key, to: Author, on_delete: cascade}
      title: {type: char, max_length: 200}
)";

const char* kBlogWithTags = R"(models:
  Author:
    fields:
      name: {type: char, max_length: 100}
  Tag:
    fields:
      label: {type: char, max_length: 50, unique: true}
  Post:
    fields:
      author: {type: foreign_key, to: Author, on_delete: cascade}
      title: {type: char, max_length: 200}
      tags: {type: many_to_many, to: Tag}
)";

class Migrations : public ::testing::TestWithParam<std::string> {
 protected:
  Project p{GetParam()};

  void generate(const std::string& name, const std::string& yaml) {
    p.write("schemas/app.yaml", yaml);
    const auto r = p.keyway({"generate", name});
    ASSERT_EQ(r.exit_code, 0) << output(r);
  }
  // A hand-written migration, with keyway.sum brought up to date.
  void write_migration(const std::string& version_name, const std::string& up,
                       const std::string& down = "") {
    p.write("migrations/" + version_name + ".up.sql", up);
    if (!down.empty()) p.write("migrations/" + version_name + ".down.sql", down);
    const auto r = p.keyway({"migrate", "hash"});
    ASSERT_EQ(r.exit_code, 0) << output(r);
  }
  // A statement that keeps the database busy for a few seconds.
  std::string slow_statement() const {
    if (GetParam() == "postgresql") return "SELECT pg_sleep(4)";
    return "CREATE TABLE slow AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
           "WHERE x < 10000000) SELECT count(*) AS n FROM c";
  }
  // Returns once a runner is inside slow_statement() (or after 20 s).
  void wait_for_slow_statement() const {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
      if (GetParam() == "postgresql") {
        const std::string busy = p.query(
            "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%' AND state = 'active' "
            "AND datname = current_database()");
        if (busy == "1\n") return;
      } else if (std::filesystem::exists(p.url().substr(std::string("sqlite:").size()) + "-keyway.lock")) {
        // The runner holds its lock: the first statement takes a moment,
        // the slow one seconds.
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
};

TEST_P(Migrations, GenerateWritesAnUpAndADownFileAndTheSum) {
  generate("init", kBlog);
  const auto files = p.migration_files();
  ASSERT_EQ(files.size(), 3u);
  EXPECT_TRUE(files[0].ends_with("_init.down.sql")) << files[0];
  EXPECT_TRUE(files[1].ends_with("_init.up.sql")) << files[1];
  EXPECT_EQ(files[2], "keyway.sum");
  const std::string up = p.read(p.file_ending("_init.up.sql"));
  EXPECT_NE(up.find("-- create table author"), std::string::npos) << up;
  EXPECT_EQ(up.find("\"public\"."), std::string::npos) << "migration files name tables unqualified:\n" << up;
  const std::string down = p.read(p.file_ending("_init.down.sql"));
  EXPECT_NE(down.find("-- drop table post"), std::string::npos) << down;
  EXPECT_FALSE(p.has_table("author")) << "generate must not touch the database";
}

TEST_P(Migrations, GenerateWithoutChangesWritesNothing) {
  generate("init", kBlog);
  const auto r = p.keyway({"generate", "again"});
  EXPECT_EQ(r.exit_code, 0) << output(r);
  EXPECT_NE(r.out.find("No changes"), std::string::npos) << output(r);
  EXPECT_EQ(p.migration_files().size(), 3u);
}

TEST_P(Migrations, GenerateMarksWhatTheDownCannotRestore) {
  generate("init", kBlogWithTags);
  generate("drop_tags", kBlog);
  const std::string up = p.read(p.file_ending("_drop_tags.up.sql"));
  EXPECT_NE(up.find("-- keyway: destructive: drops table tag for good"), std::string::npos) << up;
  const std::string down = p.read(p.file_ending("_drop_tags.down.sql"));
  EXPECT_NE(down.find("-- keyway: cannot restore table tag (dropped by the up migration)"),
            std::string::npos)
      << down;
}

TEST_P(Migrations, UpAppliesEachPendingMigrationAndStatusShowsThem) {
  generate("init", kBlog);
  generate("tags", kBlogWithTags);
  auto r = p.keyway({"migrate", "status"});
  EXPECT_EQ(r.exit_code, 0) << output(r);
  EXPECT_NE(r.out.find("init  pending"), std::string::npos) << output(r);

  r = p.keyway({"migrate", "up", "1"});
  ASSERT_EQ(r.exit_code, 0) << output(r);
  EXPECT_EQ(p.history(), std::vector<std::string>{"init"});
  EXPECT_EQ(p.pending(kBlog), std::vector<std::string>{});

  r = p.keyway({"migrate", "up"});
  ASSERT_EQ(r.exit_code, 0) << output(r);
  EXPECT_EQ(p.history(), (std::vector<std::string>{"init", "tags"}));
  EXPECT_EQ(p.pending(kBlogWithTags), std::vector<std::string>{});

  r = p.keyway({"migrate", "status"});
  EXPECT_EQ(r.exit_code, 0) << output(r);
  EXPECT_NE(r.out.find("tags  applied "), std::string::npos) << output(r);
  EXPECT_NE(r.out.find("0 pending"), std::string::npos) << output(r);
}

TEST_P(Migrations, DownToAndRedoMoveBetweenVersions) {
  generate("init", kBlog);
  generate("tags", kBlogWithTags);
  ASSERT_EQ(p.keyway({"migrate", "up"}).exit_code, 0);
  p.execute("INSERT INTO author (id, name) VALUES (1, 'ada')");

  auto r = p.keyway({"migrate", "redo"});
  ASSERT_EQ(r.exit_code, 0) << output(r);
  EXPECT_EQ(p.history(), (std::vector<std::string>{"init", "tags"}));
  EXPECT_EQ(p.query("SELECT name FROM author"), "ada\n");

  r = p.keyway({"migrate", "down"});
  ASSERT_EQ(r.exit_code, 0) << output(r);
  EXPECT_EQ(p.pending(kBlog), std::vector<std::string>{});

  const std::string tags = p.file_ending("_tags.up.sql");
  const std::string tags_version = tags.substr(std::string("migrations/").size(), 14);
  r = p.keyway({"migrate", "to", tags_version});
  ASSERT_EQ(r.exit_code, 0) << output(r);
  EXPECT_EQ(p.history(), (std::vector<std::string>{"init", "tags"}));

  r = p.keyway({"migrate", "to", "0"});
  ASSERT_EQ(r.exit_code, 0) << output(r);
  EXPECT_EQ(p.history(), std::vector<std::string>{});
  EXPECT_FALSE(p.has_table("author"));

  r = p.keyway({"migrate", "to", "19990101000000"});
  EXPECT_EQ(r.exit_code, 2) << output(r);
}

TEST_P(Migrations, DryRunPrintsTheSqlAndTouchesNothing) {
  generate("init", kBlog);
  const auto r = p.keyway({"migrate", "up", "--dry-run"});
  ASSERT_EQ(r.exit_code, 0) << output(r);
  EXPECT_NE(r.out.find("_init.up.sql"), std::string::npos) << output(r);
  EXPECT_NE(r.out.find("CREATE TABLE"), std::string::npos) << output(r);
  EXPECT_FALSE(p.has_table("author"));
  EXPECT_EQ(p.history(), std::vector<std::string>{});
}

TEST_P(Migrations, TamperedSumIsRefusedWithNothingRun) {
  generate("init", kBlog);
  const std::string up = p.file_ending("_init.up.sql");
  p.write(up, p.read(up) + "\nCREATE TABLE sneaky (id integer);\n");
  auto r = p.keyway({"migrate", "up"});
  EXPECT_EQ(r.exit_code, 2) << output(r);
  EXPECT_NE(r.err.find(std::filesystem::path(up).filename().string() + " was edited"), std::string::npos)
      << output(r);
  EXPECT_NE(r.err.find("keyway migrate hash"), std::string::npos) << output(r);
  EXPECT_FALSE(p.has_table("author"));
  EXPECT_EQ(p.history(), std::vector<std::string>{});

  ASSERT_EQ(p.keyway({"migrate", "hash"}).exit_code, 0);
  r = p.keyway({"migrate", "up"});
  EXPECT_EQ(r.exit_code, 0) << output(r);
  EXPECT_TRUE(p.has_table("sneaky"));
}

TEST_P(Migrations, AnAppliedFileEditedLaterIsRefused) {
  generate("init", kBlog);
  ASSERT_EQ(p.keyway({"migrate", "up"}).exit_code, 0);
  generate("tags", kBlogWithTags);
  const std::string up = p.file_ending("_init.up.sql");
  p.write(up, p.read(up) + "\n-- an innocent comment\n");
  ASSERT_EQ(p.keyway({"migrate", "hash"}).exit_code, 0);

  auto r = p.keyway({"migrate", "up"});
  EXPECT_EQ(r.exit_code, 2) << output(r);
  EXPECT_NE(r.err.find(up + " was changed after it was applied"), std::string::npos) << output(r);
  EXPECT_EQ(p.history(), std::vector<std::string>{"init"});
  EXPECT_FALSE(p.has_table("tag"));

  r = p.keyway({"migrate", "status"});
  EXPECT_EQ(r.exit_code, 2) << output(r);
  EXPECT_NE(r.out.find("but its file changed since"), std::string::npos) << output(r);
}

TEST_P(Migrations, AFailingMigrationLeavesHistoryAndSchemaAsBeforeIt) {
  write_migration("20260101000000_one", "CREATE TABLE one (id integer PRIMARY KEY);\n",
                  "DROP TABLE one;\n");
  write_migration("20260102000000_two",
                  "CREATE TABLE two (id integer PRIMARY KEY);\n"
                  "INSERT INTO two (id) VALUES (1);\n"
                  "INSERT INTO no_such_table (id) VALUES (1);\n",
                  "DROP TABLE two;\n");
  const auto r = p.keyway({"migrate", "up"});
  EXPECT_EQ(r.exit_code, 3) << output(r);
  EXPECT_NE(r.err.find("migration 20260102000000_two failed at statement 3 "
                       "(migrations/20260102000000_two.up.sql:3):\n"
                       "  INSERT INTO no_such_table (id) VALUES (1)\n"),
            std::string::npos)
      << output(r);
  EXPECT_NE(r.err.find("no_such_table"), std::string::npos) << output(r);
  EXPECT_EQ(p.history(), std::vector<std::string>{"one"});
  EXPECT_TRUE(p.has_table("one"));
  EXPECT_FALSE(p.has_table("two"));
}

TEST_P(Migrations, EightConcurrentRunnersApplyEachMigrationOnce) {
  write_migration("20260101000000_runs", "CREATE TABLE runs (n integer NOT NULL);\n");
  write_migration("20260102000000_second", "INSERT INTO runs (n) VALUES (2);\n");
  write_migration("20260103000000_third", "INSERT INTO runs (n) VALUES (3);\n");
  std::vector<std::unique_ptr<testing::KeywayProcess>> runners;
  for (int i = 0; i < 8; ++i) {
    runners.push_back(std::make_unique<testing::KeywayProcess>(
        std::vector<std::string>{"migrate", "up"}, p.cwd(), p.env()));
  }
  int ups = 0;
  for (auto& runner : runners) {
    const RunResult r = runner->wait();
    EXPECT_EQ(r.exit_code, 0) << output(r);
    for (std::size_t at = r.out.find("  up "); at != std::string::npos; at = r.out.find("  up ", at + 1)) {
      ++ups;
    }
  }
  EXPECT_EQ(ups, 3);
  EXPECT_EQ(p.history(), (std::vector<std::string>{"runs", "second", "third"}));
  EXPECT_EQ(p.query("SELECT n FROM runs ORDER BY n"), "2\n3\n");
}

TEST_P(Migrations, AKilledRunnerLeavesThePreviousVersionAndTheNextRunCompletes) {
  write_migration("20260101000000_first", "CREATE TABLE first (id integer PRIMARY KEY);\n");
  write_migration("20260102000000_long",
                  "CREATE TABLE before_slow (id integer PRIMARY KEY);\n" + slow_statement() +
                      ";\nCREATE TABLE after_slow (id integer PRIMARY KEY);\n");
  ASSERT_EQ(p.keyway({"migrate", "up", "1"}).exit_code, 0);
  {
    testing::KeywayProcess runner({"migrate", "up"}, p.cwd(), p.env());
    // Kill it once the slow statement runs, in the middle of the migration.
    wait_for_slow_statement();
    runner.kill(SIGKILL);
    EXPECT_EQ(runner.wait().exit_code, 128 + SIGKILL);
  }
  EXPECT_EQ(p.history(), std::vector<std::string>{"first"});
  EXPECT_FALSE(p.has_table("before_slow"));
  const auto r = p.keyway({"migrate", "up"});
  ASSERT_EQ(r.exit_code, 0) << output(r);
  EXPECT_EQ(p.history(), (std::vector<std::string>{"first", "long"}));
  EXPECT_TRUE(p.has_table("before_slow"));
  EXPECT_TRUE(p.has_table("after_slow"));
}

TEST_P(Migrations, CheckFailsOnUnmigratedChangesPendingMigrationsAndDrift) {
  generate("init", kBlog);
  auto r = p.keyway({"check"});
  EXPECT_EQ(r.exit_code, 0) << output(r);

  r = p.keyway({"check", "--db", p.url()});
  EXPECT_EQ(r.exit_code, 1) << output(r);
  EXPECT_NE(r.out.find("is not at the latest migration"), std::string::npos) << output(r);

  ASSERT_EQ(p.keyway({"migrate", "up"}).exit_code, 0);
  r = p.keyway({"check", "--db", p.url()});
  EXPECT_EQ(r.exit_code, 0) << output(r);

  p.execute("ALTER TABLE post ADD COLUMN hand_made integer");
  r = p.keyway({"check", "--db", p.url()});
  EXPECT_EQ(r.exit_code, 1) << output(r);
  EXPECT_NE(r.out.find("has drifted"), std::string::npos) << output(r);
  EXPECT_NE(r.out.find("hand_made"), std::string::npos) << output(r);

  p.write("schemas/app.yaml", kBlogWithTags);
  r = p.keyway({"check"});
  EXPECT_EQ(r.exit_code, 1) << output(r);
  EXPECT_NE(r.out.find("the schema holds changes no migration contains"), std::string::npos) << output(r);
  EXPECT_EQ(p.file_ending("_tags.up.sql"), "") << "check writes nothing";

  const std::string up = p.file_ending("_init.up.sql");
  p.write(up, p.read(up) + "\n-- edited\n");
  p.write("schemas/app.yaml", kBlog);
  r = p.keyway({"check"});
  EXPECT_EQ(r.exit_code, 1) << output(r);
  EXPECT_NE(r.out.find("keyway.sum does not match"), std::string::npos) << output(r);
}

TEST_P(Migrations, ABaselineAdoptsADatabaseKeywayDidNotCreate) {
  p.write("schemas/app.yaml", kBlog);
  ASSERT_EQ(p.keyway({"apply"}).exit_code, 0);
  p.execute("INSERT INTO author (id, name) VALUES (1, 'ada')");

  p.write("schemas/app.yaml", kBlogWithTags);
  auto r = p.keyway({"generate", "tags", "--db", p.url()});
  ASSERT_EQ(r.exit_code, 0) << output(r);
  EXPECT_NE(p.file_ending("_baseline.up.sql"), "") << output(r);
  EXPECT_NE(p.file_ending("_tags.up.sql"), "") << output(r);
  const std::string baseline = p.file_ending("_baseline.up.sql").substr(std::string("migrations/").size(), 14);
  EXPECT_NE(r.out.find("keyway migrate up --baseline " + baseline), std::string::npos) << output(r);

  r = p.keyway({"migrate", "up", "--baseline", baseline});
  ASSERT_EQ(r.exit_code, 0) << output(r);
  EXPECT_NE(r.out.find("recorded " + baseline + "_baseline as applied"), std::string::npos) << output(r);
  EXPECT_EQ(p.history(), (std::vector<std::string>{"baseline", "tags"}));
  EXPECT_EQ(p.pending(kBlogWithTags), std::vector<std::string>{});
  EXPECT_EQ(p.query("SELECT name FROM author"), "ada\n");
  r = p.keyway({"check", "--db", p.url()});
  EXPECT_EQ(r.exit_code, 0) << output(r);
}

TEST_P(Migrations, ABaselineTheDatabaseDoesNotMatchIsRefused) {
  p.write("schemas/app.yaml", kBlog);
  ASSERT_EQ(p.keyway({"generate", "init"}).exit_code, 0);
  p.execute("CREATE TABLE other (id integer PRIMARY KEY)");
  const std::string version = p.file_ending("_init.up.sql").substr(std::string("migrations/").size(), 14);
  const auto r = p.keyway({"migrate", "up", "--baseline", version});
  EXPECT_EQ(r.exit_code, 2) << output(r);
  EXPECT_NE(r.err.find("does not hold what the migrations through " + version + " produce"),
            std::string::npos)
      << output(r);
  EXPECT_EQ(p.history(), std::vector<std::string>{});
}

TEST_P(Migrations, ANoTransactionFileRunsStatementByStatement) {
  write_migration("20260101000000_one", "CREATE TABLE one (id integer PRIMARY KEY, v integer);\n");
  const std::string index = GetParam() == "postgresql"
                                ? "CREATE INDEX CONCURRENTLY one_v_idx ON one (v)"
                                : "CREATE INDEX one_v_idx ON one (v)";
  write_migration("20260102000000_index",
                  "-- keyway:no-transaction\n" + index + ";\nCREATE TABLE broken (;\n");
  auto r = p.keyway({"migrate", "up"});
  EXPECT_EQ(r.exit_code, 3) << output(r);
  EXPECT_NE(r.err.find("statements 1 to 1 were applied and stay; it is not recorded as applied"),
            std::string::npos)
      << output(r);
  EXPECT_EQ(p.history(), std::vector<std::string>{"one"});

  write_migration("20260102000000_index", "-- keyway:no-transaction\n" + index + " ;\n");
  p.execute("DROP INDEX one_v_idx");
  r = p.keyway({"migrate", "up"});
  EXPECT_EQ(r.exit_code, 0) << output(r);
  EXPECT_EQ(p.history(), (std::vector<std::string>{"one", "index"}));
}

TEST_P(Migrations, ASecondRunnerWaitsForTheLockThenNamesItsHolder) {
  generate("init", kBlog);
  auto driver = backends::open(p.url());
  const auto held = driver->lock(std::chrono::milliseconds(0), "keyway migrate up, pid 4242 on ci-7");
  const auto r = p.keyway({"migrate", "up", "--lock-wait", "300ms"});
  EXPECT_EQ(r.exit_code, 3) << output(r);
  EXPECT_NE(r.err.find("another keyway runner holds"), std::string::npos) << output(r);
  EXPECT_NE(r.err.find("pid 4242 on ci-7"), std::string::npos) << output(r);
  EXPECT_NE(r.err.find("waited 300ms"), std::string::npos) << output(r);
  EXPECT_FALSE(p.has_table("author"));
}

TEST_P(Migrations, StatusAndCheckSpeakJson) {
  generate("init", kBlog);
  auto r = p.keyway({"migrate", "status", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << output(r);
  auto status = nlohmann::json::parse(r.out);
  EXPECT_EQ(status["format"], "keyway.status");
  EXPECT_EQ(status["version"], 1);
  EXPECT_EQ(status["pending"], 1);
  EXPECT_EQ(status["current"], nullptr);
  EXPECT_EQ(status["migrations"][0]["name"], "init");
  EXPECT_EQ(status["migrations"][0]["state"], "pending");
  EXPECT_EQ(status["sum"]["ok"], true);

  p.write("schemas/app.yaml", kBlogWithTags);
  r = p.keyway({"check", "--format", "json"});
  EXPECT_EQ(r.exit_code, 1) << output(r);
  const auto check = nlohmann::json::parse(r.out);
  EXPECT_EQ(check["format"], "keyway.check");
  EXPECT_EQ(check["ok"], false);
  ASSERT_EQ(check["findings"].size(), 1u);
  EXPECT_EQ(check["findings"][0]["code"], "unmigrated_changes");
  EXPECT_EQ(check["findings"][0]["items"][0], "create table tag");
}

INSTANTIATE_TEST_SUITE_P(Backends, Migrations, ::testing::ValuesIn(testing::backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace keyway
