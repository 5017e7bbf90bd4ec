#include "core/migrate/migration_dir.h"

#include <gtest/gtest.h>

#include <fstream>

#include "core/errors.h"
#include "core/migrate/checksum.h"
#include "support/case_file.h"

namespace keyway::migrate {
namespace {

namespace fs = std::filesystem;

constexpr long long k20261124183000 = 1795545000;

MigrationDir with_versions(std::vector<std::string> versions) {
  MigrationDir dir;
  for (auto& version : versions) {
    dir.migrations.emplace_back();
    dir.migrations.back().version = std::move(version);
  }
  return dir;
}

class MigrationDirTest : public ::testing::Test {
 protected:
  void write(const std::string& name, const std::string& text = "SELECT 1;\n") {
    std::ofstream(tmp_.path() / name, std::ios::binary) << text;
  }
  std::string path(const std::string& name) const { return tmp_.file(name); }
  std::string read_error() const {
    try {
      read_migrations(tmp_.path());
    } catch (const InputError& e) {
      return e.what();
    }
    return "no error";
  }

  keyway::testing::TempDir tmp_;
};

TEST_F(MigrationDirTest, ReadsMigrationsInVersionOrderWithTheirDownFiles) {
  write("20261124183000_add_posts.up.sql", "CREATE TABLE post (id int);\n");
  write("20261124183000_add_posts.down.sql", "DROP TABLE post;\n");
  write("20261101000000_init.up.sql", "CREATE TABLE a (id int);\n");
  write("keyway.sum", "ignored");
  write("README.md", "ignored");

  const MigrationDir dir = read_migrations(tmp_.path());
  ASSERT_EQ(2u, dir.migrations.size());
  const MigrationFile& init = dir.migrations[0];
  EXPECT_EQ("20261101000000", init.version);
  EXPECT_EQ("init", init.name);
  EXPECT_EQ(tmp_.path() / "20261101000000_init.up.sql", init.up);
  EXPECT_FALSE(init.down.has_value());
  EXPECT_EQ("", init.down_text);
  const MigrationFile& posts = dir.migrations[1];
  EXPECT_EQ("add_posts", posts.name);
  EXPECT_EQ(tmp_.path() / "20261124183000_add_posts.down.sql", posts.down);
  EXPECT_EQ("CREATE TABLE post (id int);\n", posts.up_text);
  EXPECT_EQ("DROP TABLE post;\n", posts.down_text);
  EXPECT_EQ(sha256_hex(posts.up_text), posts.checksum);
}

TEST_F(MigrationDirTest, FilesHoldsEverySqlFileByName) {
  write("20261124183000_b.up.sql", "b up");
  write("20261124183000_b.down.sql", "b down");
  write("20261101000000_a.up.sql", "a up");
  write("keyway.sum", "not sql");
  using Files = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ((Files{{"20261101000000_a.up.sql", "a up"},
                   {"20261124183000_b.down.sql", "b down"},
                   {"20261124183000_b.up.sql", "b up"}}),
            read_migrations(tmp_.path()).files);
}

TEST_F(MigrationDirTest, DirectoryThatDoesNotExistHoldsNoMigrations) {
  const MigrationDir dir = read_migrations(tmp_.path() / "migrations");
  EXPECT_TRUE(dir.migrations.empty());
  EXPECT_TRUE(dir.files.empty());
  EXPECT_EQ("", dir.latest_version());
}

TEST_F(MigrationDirTest, FindsAMigrationByVersion) {
  write("20261101000000_a.up.sql");
  write("20261124183000_b.up.sql");
  const MigrationDir dir = read_migrations(tmp_.path());
  ASSERT_NE(nullptr, dir.find("20261101000000"));
  EXPECT_EQ("a", dir.find("20261101000000")->name);
  EXPECT_EQ(nullptr, dir.find("20261101000001"));
  EXPECT_EQ("20261124183000", dir.latest_version());
}

TEST_F(MigrationDirTest, SqlFileWithABadNameIsAnError) {
  write("2026_add_posts.up.sql");
  EXPECT_EQ(path("2026_add_posts.up.sql") +
                ": expected a file name <YYYYMMDDHHMMSS>_<name>.up.sql or .down.sql "
                "(name: letters, digits, '_', '-')",
            read_error());
}

TEST_F(MigrationDirTest, SqlFileWithASpaceInItsNameIsAnError) {
  write("20261124183000_add posts.up.sql");
  EXPECT_EQ(path("20261124183000_add posts.up.sql") +
                ": expected a file name <YYYYMMDDHHMMSS>_<name>.up.sql or .down.sql "
                "(name: letters, digits, '_', '-')",
            read_error());
}

TEST_F(MigrationDirTest, DownFileWithoutItsUpFileIsAnError) {
  write("20261124183000_add_posts.down.sql");
  EXPECT_EQ(path("20261124183000_add_posts.down.sql") +
                ": a down migration without its up file 20261124183000_add_posts.up.sql",
            read_error());
}

TEST_F(MigrationDirTest, TwoMigrationsWithOneVersionAreAnError) {
  write("20261124183000_add_posts.up.sql");
  write("20261124183000_add_tags.up.sql");
  EXPECT_EQ(path("20261124183000_add_posts.up.sql") + " and " +
                path("20261124183000_add_tags.up.sql") + " have the same version 20261124183000",
            read_error());
}

TEST(NextVersion, IsTheUtcTimeWhenLaterThanEveryMigration) {
  EXPECT_EQ("20261124183000", next_version(k20261124183000, MigrationDir{}));
  EXPECT_EQ("20261124183000", next_version(k20261124183000, with_versions({"20261124182959"})));
}

TEST(NextVersion, IsOneSecondAfterTheLatestWhenTheClockIsNotLater) {
  EXPECT_EQ("20261124183001", next_version(k20261124183000, with_versions({"20261124183000"})));
  EXPECT_EQ("20270101000000", next_version(k20261124183000, with_versions({"20261231235959"})));
}

TEST(NextVersion, CountsUpAVersionThatIsNoRealTime) {
  EXPECT_EQ("20991400000000", next_version(k20261124183000, with_versions({"20991399999999"})));
}

TEST(NextVersion, StaysIncreasingOverManyCallsInOneSecond) {
  std::vector<std::string> versions;
  for (int i = 0; i < 70; ++i) {
    const std::string version = next_version(k20261124183000, with_versions(versions));
    if (!versions.empty()) {
      EXPECT_LT(versions.back(), version);
    }
    versions.push_back(version);
  }
  EXPECT_EQ("20261124183109", versions.back());
}

TEST(CheckMigrationName, AcceptsLettersDigitsUnderscoresAndDashes) {
  EXPECT_NO_THROW(check_migration_name("add_posts-2"));
  EXPECT_NO_THROW(check_migration_name(std::string(100, 'a')));
}

TEST(CheckMigrationName, RejectsEmptyLongAndOddNames) {
  for (const std::string& name : {std::string(), std::string(101, 'a'), std::string("add posts"),
                                 std::string("../x")}) {
    try {
      check_migration_name(name);
      ADD_FAILURE() << "accepted \"" << name << "\"";
    } catch (const InputError& e) {
      EXPECT_EQ("invalid migration name \"" + name +
                    "\": expected 1 to 100 letters, digits, '_' or '-'",
                std::string(e.what()));
    }
  }
}

TEST_F(MigrationDirTest, WriteFileAtomicallyCreatesDirectoriesAndReplacesTheFile) {
  const fs::path file = tmp_.path() / "migrations" / "keyway.sum";
  write_file_atomically(file, "first\n");
  write_file_atomically(file, "second\n");
  std::ifstream in(file);
  EXPECT_EQ("second", std::string(std::istreambuf_iterator<char>(in), {}).substr(0, 6));
  EXPECT_EQ(1, std::distance(fs::directory_iterator(file.parent_path()), {}));
}

TEST_F(MigrationDirTest, WriteFileAtomicallyNamesThePathItCannotWrite) {
  write("plain");
  const fs::path file = tmp_.path() / "plain" / "keyway.sum";
  try {
    write_file_atomically(file, "x");
    FAIL() << "wrote under a regular file";
  } catch (const InputError& e) {
    EXPECT_EQ("cannot write " + file.string() + ": Not a directory", std::string(e.what()));
  }
}

}  // namespace
}  // namespace keyway::migrate
