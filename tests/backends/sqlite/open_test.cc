#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "backends/driver.h"
#include "backends/sqlite/sqlite_driver.h"
#include "core/errors.h"
#include "sqlite_test_file.h"

namespace keyway::backends {
namespace {

using keyway::testing::SqliteTestFile;

// The message of the `Exception` that `run` throws; a failure when it throws none.
template <typename Exception>
std::string error_of(const std::function<void()>& run) {
  try {
    run();
  } catch (const Exception& e) {
    return e.what();
  }
  ADD_FAILURE() << "no exception thrown";
  return "";
}

int pragma(Driver& driver, const std::string& name) {
  auto& sqlite = dynamic_cast<sqlite::SqliteDriver&>(driver);
  int value = -1;
  sqlite.session() << "PRAGMA " + name, soci::into(value);
  return value;
}

TEST(OpenUrl, SqliteUrlOpensTheFileItNames) {
  SqliteTestFile file;
  const std::unique_ptr<Driver> driver = open("sqlite:" + file.path());
  EXPECT_EQ(driver->dialect().name(), "sqlite");
  EXPECT_TRUE(std::filesystem::exists(file.path()));
  EXPECT_TRUE(driver->inspect().tables.empty());
}

TEST(OpenUrl, SqliteUrlWithARelativePathOpensFromTheWorkingDirectory) {
  SqliteTestFile file;
  const std::string relative = std::filesystem::relative(file.path()).string();
  open("sqlite:" + relative);
  EXPECT_TRUE(std::filesystem::exists(file.path()));
}

TEST(OpenUrl, SqliteUrlWithSlashesTakesTheRestAsThePath) {
  SqliteTestFile file;
  ASSERT_EQ(file.path().front(), '/');
  open("sqlite://" + file.path());  // sqlite:///tmp/... names /tmp/...
  EXPECT_TRUE(std::filesystem::exists(file.path()));
}

TEST(OpenUrl, SqliteUrlMayNameAFileWithSpacesAndEqualsSigns) {
  SqliteTestFile file;
  const std::string path = (file.dir() / "my db=1.db").string();
  open("sqlite:" + path);
  EXPECT_TRUE(std::filesystem::exists(path));
}

TEST(OpenUrl, MemoryUrlOpensAnEmptyDatabaseInMemory) {
  const std::unique_ptr<Driver> driver = open("sqlite::memory:");
  EXPECT_TRUE(driver->inspect().tables.empty());
  EXPECT_FALSE(std::filesystem::exists(":memory:"));
}

TEST(OpenUrl, SqliteConnectionEnforcesForeignKeysAndWaitsForLocks) {
  SqliteTestFile file;
  const std::unique_ptr<Driver> driver = open("sqlite:" + file.path());
  EXPECT_EQ(pragma(*driver, "foreign_keys"), 1);
  EXPECT_EQ(pragma(*driver, "busy_timeout"), 5000);
}

TEST(OpenUrl, MissingDirectoryIsADatabaseErrorNamingThePath) {
  SqliteTestFile file;
  const std::string path = (file.dir() / "missing" / "x.db").string();
  const std::string message = error_of<DatabaseError>([&] { open("sqlite:" + path); });
  EXPECT_TRUE(message.starts_with("cannot open SQLite database " + path + ": ")) << message;
}

TEST(OpenUrl, FileThatIsNotADatabaseIsADatabaseError) {
  SqliteTestFile file;
  std::ofstream(file.path()) << "this is not a database, just some text long enough to read\n";
  const std::string message = error_of<DatabaseError>([&] { open("sqlite:" + file.path()); });
  EXPECT_TRUE(message.starts_with("cannot open SQLite database " + file.path() + ": ")) << message;
  EXPECT_NE(message.find("not a database"), std::string::npos) << message;
}

TEST(OpenUrl, SqliteUrlWithoutAPathIsAnInputError) {
  EXPECT_EQ(error_of<InputError>([] { open("sqlite:"); }),
            "the database URL \"sqlite:\" names no file; expected sqlite:path/to/file.db, "
            "sqlite::memory: or postgresql://user:password@host:port/db");
}

TEST(OpenUrl, PostgresqlUrlThatCannotConnectIsADatabaseErrorHidingThePassword) {
  // Nothing listens on port 1: the connection is refused at once.
  const std::string message = error_of<DatabaseError>(
      [] { open("postgresql://app:s3cret@127.0.0.1:1/blog?connect_timeout=5"); });
  EXPECT_TRUE(message.starts_with("cannot connect to PostgreSQL database "
                                  "postgresql://app:***@127.0.0.1:1/blog?connect_timeout=5: "))
      << message;
  EXPECT_EQ(message.find("s3cret"), std::string::npos) << message;
  const std::string short_scheme =
      error_of<DatabaseError>([] { open("postgres://app:s3cret@127.0.0.1:1/blog"); });
  EXPECT_TRUE(short_scheme.starts_with(
      "cannot connect to PostgreSQL database postgres://app:***@127.0.0.1:1/blog: "))
      << short_scheme;
  EXPECT_EQ(short_scheme.find("s3cret"), std::string::npos) << short_scheme;
}

TEST(OpenUrl, UnknownUrlIsAnInputErrorListingTheAcceptedForms) {
  EXPECT_EQ(error_of<InputError>([] { open("mysql://root:pw@localhost/app"); }),
            "unsupported database URL \"mysql://root:***@localhost/app\"; expected "
            "sqlite:path/to/file.db, sqlite::memory: or postgresql://user:password@host:port/db");
  EXPECT_EQ(error_of<InputError>([] { open("keyway.db"); }),
            "unsupported database URL \"keyway.db\"; expected sqlite:path/to/file.db, "
            "sqlite::memory: or postgresql://user:password@host:port/db");
}

TEST(MaskPassword, ReplacesThePasswordOfTheUserInformation) {
  EXPECT_EQ(mask_password("postgresql://user:pass@host:5432/db"),
            "postgresql://user:***@host:5432/db");
  EXPECT_EQ(mask_password("postgresql://:pass@host/db"), "postgresql://:***@host/db");
}

TEST(MaskPassword, HidesAPasswordHoldingAtSignsAndSlashes) {
  EXPECT_EQ(mask_password("postgresql://user:p@ss/w:rd@host/db"), "postgresql://user:***@host/db");
}

TEST(MaskPassword, LeavesUrlsWithoutAPasswordUnchanged) {
  EXPECT_EQ(mask_password("postgresql://user@host:5432/db"), "postgresql://user@host:5432/db");
  EXPECT_EQ(mask_password("postgresql://host:5432/db"), "postgresql://host:5432/db");
  EXPECT_EQ(mask_password("postgresql://host/db?sslmode=require&x=a@b"),
            "postgresql://host/db?sslmode=require&x=a@b");
  EXPECT_EQ(mask_password("sqlite:path/to/file.db"), "sqlite:path/to/file.db");
  EXPECT_EQ(mask_password("sqlite::memory:"), "sqlite::memory:");
  EXPECT_EQ(mask_password(""), "");
}

TEST(MaskPassword, ReplacesPasswordParameters) {
  EXPECT_EQ(mask_password("postgresql://user@host/db?sslmode=require&password=secret&x=1"),
            "postgresql://user@host/db?sslmode=require&password=***&x=1");
  EXPECT_EQ(mask_password("postgresql:///db?PASSWORD=secret"), "postgresql:///db?PASSWORD=***");
  EXPECT_EQ(mask_password("host=db user=app password=secret dbname=blog"),
            "host=db user=app password=*** dbname=blog");
  EXPECT_EQ(mask_password("host=db password='a secret' dbname=blog"),
            "host=db password=*** dbname=blog");
  EXPECT_EQ(mask_password("host=db old_password=x"), "host=db old_password=x");
}

}  // namespace
}  // namespace keyway::backends
