// keyway lint end to end, through the built binary, on both backends: coded
// findings naming file and statement, ignore directives, levels from
// keyway.yaml, data checks with --db, SQLite rebuilds, PostgreSQL locks,
// --schema, and golden text and JSON output of a rich migration.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "support/backend_fixture.h"
#include "support/case_file.h"
#include "support/run_keyway.h"
#include "support/sql_text.h"

namespace keyway {
namespace {

using testing::RunResult;

std::string output(const RunResult& r) { return "stdout:\n" + r.out + "stderr:\n" + r.err; }

// A project directory and a fresh database KEYWAY_DATABASE_URL points at.
class LintProject {
 public:
  explicit LintProject(const std::string& backend) : db_(backend) {}

  const std::string& url() const { return db_.url(); }
  bool postgres() const { return db_.backend() == "postgresql"; }

  void write(const std::string& name, const std::string& text) const {
    const auto path = dir_.path() / name;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path) << text;
  }
  std::string read(const std::string& name) const {
    std::ifstream in(dir_.path() / name);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  // Writes migrations/<version>_<name>.up.sql and rewrites keyway.sum.
  void migration(const std::string& version_and_name, const std::string& sql) const {
    write("migrations/" + version_and_name + ".up.sql", sql);
    const auto r = keyway({"migrate", "hash"});
    ASSERT_EQ(r.exit_code, 0) << output(r);
  }
  RunResult keyway(const std::vector<std::string>& args) const {
    return testing::run_keyway(args, dir_.path().string(), {"KEYWAY_DATABASE_URL=" + url()});
  }
  void execute(const std::string& sql) const {
    auto driver = db_.open();
    testing::execute_script(testing::session_of(*driver), sql);
  }
  std::vector<std::string> migration_ups() const {
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(dir_.path() / "migrations")) {
      if (e.path().string().ends_with(".up.sql")) out.push_back("migrations/" + e.path().filename().string());
    }
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  testing::FreshDatabase db_;
  testing::TempDir dir_;
};

const char* kTables =
    "CREATE TABLE author (id integer PRIMARY KEY, name varchar(100) NOT NULL);\n"
    "CREATE TABLE tag (id integer PRIMARY KEY, name varchar(50) NOT NULL);\n";

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class Lint : public ::testing::TestWithParam<std::string> {
 protected:
  LintProject p{GetParam()};
};

TEST_P(Lint, ADestructiveMigrationFailsNamingCodeFileAndStatement) {
  p.migration("20240101000000_init", kTables);
  p.migration("20240102000000_drop_tag", "-- tags go\nCREATE TABLE note (id integer PRIMARY KEY);\nDROP TABLE tag;\n");
  const auto r = p.keyway({"lint"});
  EXPECT_EQ(r.exit_code, 1) << output(r);
  EXPECT_EQ(r.out,
            "migrations/20240102000000_drop_tag.up.sql:3: statement 2: error: drops table tag with "
            "its rows [drop-table]\n"
            "lint: 1 error, 0 warnings in 1 migration\n")
      << output(r);
}

TEST_P(Lint, AnIgnoreDirectiveSilencesTheCodeForItsStatement) {
  p.migration("20240101000000_init", kTables);
  p.migration("20240102000000_drop_tag",
              "-- keyway:lint-ignore drop-table  (tags were never used)\nDROP TABLE tag;\n");
  const auto r = p.keyway({"lint"});
  EXPECT_EQ(r.exit_code, 0) << output(r);
  EXPECT_EQ(r.out, "lint: 0 errors, 0 warnings in 1 migration (1 ignored)\n") << output(r);
}

TEST_P(Lint, KeywayYamlSetsTheLevelOfACode) {
  p.migration("20240101000000_init", kTables);
  p.migration("20240102000000_drop_tag", "DROP TABLE tag;\n");
  p.write("keyway.yaml", "lint:\n  drop-table: warning\n");
  auto r = p.keyway({"lint"});
  EXPECT_EQ(r.exit_code, 0) << output(r);
  EXPECT_TRUE(has(r.out, ": warning: drops table tag with its rows [drop-table]")) << output(r);

  p.write("keyway.yaml", "lint:\n  drop-tables: off\n");
  r = p.keyway({"lint"});
  EXPECT_EQ(r.exit_code, 2) << output(r);
  EXPECT_TRUE(has(r.err, "unknown code 'drop-tables'")) << output(r);
}

TEST_P(Lint, AUniqueOverDuplicatesCountsThemWithDb) {
  p.migration("20240101000000_init", kTables);
  ASSERT_EQ(p.keyway({"migrate", "up"}).exit_code, 0);
  p.execute("INSERT INTO tag (id, name) VALUES (1, 'a'), (2, 'a'), (3, 'b')");
  p.migration("20240102000000_unique_tag", "CREATE UNIQUE INDEX tag_name_key ON tag (name);\n");

  auto r = p.keyway({"lint"});
  EXPECT_EQ(r.exit_code, 0) << output(r);
  EXPECT_TRUE(has(r.out, "warning: adds unique tag.name over existing rows: fails if any are "
                         "duplicates [unique-over-rows]")) << output(r);

  r = p.keyway({"lint", "--db", p.url()});
  EXPECT_EQ(r.exit_code, 1) << output(r);
  EXPECT_TRUE(has(r.out, "migrations/20240102000000_unique_tag.up.sql:1: statement 1: error: adds "
                         "unique tag.name over existing rows: fails on 2 rows (duplicate values in "
                         "tag(name)) [unique-over-rows]")) << output(r);

  p.execute("DELETE FROM tag WHERE id = 2");
  r = p.keyway({"lint", "--db", p.url(), "--format", "json"});
  EXPECT_EQ(r.exit_code, 0) << output(r);
  EXPECT_TRUE(has(r.out, "\"level\": \"info\"")) << output(r);
  EXPECT_TRUE(has(r.out, "checked: 0 offending rows")) << output(r);
}

TEST_P(Lint, OnlyPendingMigrationsWithDbAndTheLastNWithLatest) {
  p.migration("20240101000000_init", kTables);
  p.migration("20240102000000_drop_tag", "DROP TABLE tag;\n");
  ASSERT_EQ(p.keyway({"migrate", "up"}).exit_code, 0);
  p.migration("20240103000000_note", "CREATE TABLE note (id integer PRIMARY KEY);\n");
  auto r = p.keyway({"lint", "--db", p.url()});
  EXPECT_EQ(r.exit_code, 0) << output(r);
  EXPECT_EQ(r.out, "lint: 0 errors, 0 warnings in 1 migration\n");
  r = p.keyway({"lint", "--latest", "2"});
  EXPECT_EQ(r.exit_code, 1) << output(r);
  EXPECT_TRUE(has(r.out, "20240102000000_drop_tag.up.sql:1: statement 1: error")) << output(r);
  EXPECT_TRUE(has(r.out, "in 2 migrations")) << output(r);
}

TEST_P(Lint, AGeneratedRebuildThatAddsAForeignKeyIsNotDestructive) {
  p.write("before.yaml", R"(models:
  Author:
    fields:
      name: {type: char, max_length: 100}
  Post:
    fields:
      author: {type: foreign_key, to: Author, on_delete: cascade, db_constraint: false, db_index: false}
      title: {type: char, max_length: 200}
)");
  p.write("after.yaml", R"(models:
  Author:
    fields:
      name: {type: char, max_length: 100}
  Post:
    fields:
      author: {type: foreign_key, to: Author, on_delete: cascade, db_index: false}
      title: {type: char, max_length: 200}
)");
  ASSERT_EQ(p.keyway({"generate", "init", "--schema", "before.yaml"}).exit_code, 0);
  auto r = p.keyway({"generate", "fk", "--schema", "after.yaml"});
  ASSERT_EQ(r.exit_code, 0) << output(r);
  const auto ups = p.migration_ups();
  ASSERT_EQ(ups.size(), 2u);
  const std::string up = p.read(ups[1]);
  if (!p.postgres()) {
    ASSERT_TRUE(has(up, "DROP TABLE")) << "expected a rebuild:\n" << up;
  }

  r = p.keyway({"lint"});
  EXPECT_EQ(r.exit_code, 0) << output(r) << up;
  EXPECT_FALSE(has(r.out, "drop-")) << output(r) << up;
  EXPECT_TRUE(has(r.out, "adds foreign key post.author_id → author.id over existing rows")) << output(r);
  EXPECT_EQ(has(r.out, "[pg-foreign-key-without-not-valid]"), p.postgres()) << output(r);
}

TEST_P(Lint, AnIndexWithoutConcurrentlyOnAnExistingTableIsReportedOnPostgres) {
  p.migration("20240101000000_init", kTables);
  p.migration("20240102000000_index", "CREATE INDEX tag_name_idx ON tag (name);\n"
                                      "CREATE TABLE note (id integer PRIMARY KEY, body text);\n"
                                      "CREATE INDEX note_body_idx ON note (body);\n");
  auto r = p.keyway({"lint"});
  EXPECT_EQ(r.exit_code, 0) << output(r);
  if (p.postgres()) {
    EXPECT_EQ(r.out,
              "migrations/20240102000000_index.up.sql:1: statement 1: warning: builds index "
              "tag_name_idx on tag.name without CONCURRENTLY: blocks writes to tag while it builds; "
              "use CREATE INDEX CONCURRENTLY in a -- keyway:no-transaction migration "
              "[pg-index-without-concurrently]\n"
              "lint: 0 errors, 1 warning in 1 migration\n");
  } else {
    EXPECT_EQ(r.out, "lint: 0 errors, 0 warnings in 1 migration\n");
  }
  if (!p.postgres()) return;
  p.migration("20240103000000_concurrently",
              "-- keyway:no-transaction\nCREATE INDEX CONCURRENTLY tag_id_name_idx ON tag (id, name);\n");
  r = p.keyway({"lint"});
  EXPECT_EQ(r.exit_code, 0) << output(r);
  EXPECT_EQ(r.out, "lint: 0 errors, 0 warnings in 1 migration\n") << output(r);
}

TEST_P(Lint, SchemaModeLintsWhatGenerateWouldWrite) {
  p.write("schemas/blog.yaml", R"(models:
  Author:
    fields:
      name: {type: char, max_length: 100}
  Tag:
    fields:
      name: {type: char, max_length: 50}
)");
  ASSERT_EQ(p.keyway({"generate", "init"}).exit_code, 0);
  p.write("schemas/blog.yaml", R"(models:
  Writer:
    renamed_from: Author
    fields:
      name: {type: char, max_length: 100}
)");
  const auto r = p.keyway({"lint", "--schema", "schemas"});
  EXPECT_EQ(r.exit_code, 1) << output(r);
  EXPECT_TRUE(has(r.out, "(schema diff):")) << output(r);
  EXPECT_TRUE(has(r.out, "error: drops table tag with its rows [drop-table]")) << output(r);
  EXPECT_TRUE(has(r.out, "warning: renames table author to writer: code that still uses author fails "
                         "[rename-table]")) << output(r);
  EXPECT_FALSE(has(r.out, "create table")) << output(r);
}

TEST_P(Lint, AMigrationThatDoesNotRunIsBadInputNamingFileAndStatement) {
  p.migration("20240101000000_init", kTables);
  p.migration("20240102000000_broken", "CREATE TABLE note (id integer PRIMARY KEY);\nDROP TABLE nope;\n");
  const auto r = p.keyway({"lint"});
  EXPECT_EQ(r.exit_code, 2) << output(r);
  EXPECT_TRUE(has(r.err, "20240102000000_broken.up.sql")) << output(r);
  EXPECT_TRUE(has(r.err, "statement 2")) << output(r);
}

// --- golden output of a rich migration, per backend -------------------------

std::string golden_path(const std::string& name) {
  return std::string(KEYWAY_SOURCE_DIR) + "/tests/e2e/lint_golden/" + name;
}

void expect_golden(const std::string& name, const std::string& actual) {
  if (std::getenv("KEYWAY_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(golden_path(name)) << actual;
    return;
  }
  std::ifstream in(golden_path(name));
  ASSERT_TRUE(in) << "missing " << golden_path(name) << " (KEYWAY_UPDATE_GOLDEN=1 writes it)";
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(actual, expected.str()) << name;
}

TEST_P(Lint, GoldenTextAndJsonOfARichMigration) {
  p.migration("20240101000000_init",
              std::string(kTables) +
                  "CREATE TABLE post (id integer PRIMARY KEY, author_id integer NOT NULL, "
                  "title varchar(200) NOT NULL, body text);\n");
  ASSERT_EQ(p.keyway({"migrate", "up"}).exit_code, 0);
  p.execute("INSERT INTO author (id, name) VALUES (1, 'ada');\n"
            "INSERT INTO post (id, author_id, title, body) VALUES (1, 1, 'x', 'a'), (2, 1, 'x', NULL), "
            "(3, 7, 'y', 'c')");
  std::string sql =
      "-- keyway:lint-ignore drop-table\n"
      "DROP TABLE tag;\n"
      "ALTER TABLE post DROP COLUMN body;\n"
      "ALTER TABLE post RENAME COLUMN title TO headline;\n"
      "CREATE UNIQUE INDEX post_headline_key ON post (headline);\n"
      "CREATE INDEX post_author_idx ON post (author_id);\n"
      "ALTER TABLE author ADD COLUMN rating integer NOT NULL DEFAULT 0;\n";
  if (p.postgres()) {
    sql += "ALTER TABLE post ALTER COLUMN author_id TYPE bigint;\n"
           "ALTER TABLE post ADD CONSTRAINT post_author_fkey FOREIGN KEY (author_id) REFERENCES author (id);\n"
           "ALTER TABLE post ALTER COLUMN headline TYPE varchar(300);\n"
           "ALTER TABLE author ALTER COLUMN name TYPE text;\n";
  }
  p.migration("20240102000000_rich", sql);
  const std::string backend = p.postgres() ? "postgresql" : "sqlite";
  auto r = p.keyway({"lint", "--db", p.url()});
  EXPECT_EQ(r.exit_code, 1) << output(r);
  expect_golden(backend + ".txt", r.out);
  r = p.keyway({"lint", "--db", p.url(), "--format", "json"});
  EXPECT_EQ(r.exit_code, 1) << output(r);
  expect_golden(backend + ".json", r.out);
}

INSTANTIATE_TEST_SUITE_P(Backends, Lint, ::testing::ValuesIn(testing::backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace keyway
