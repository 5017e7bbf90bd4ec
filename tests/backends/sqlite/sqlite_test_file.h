// A fresh SQLite file in its own temporary directory for each test, opened
// through SOCI, with raw SQL run through the sqlite3 C API (several
// statements at once). Removed when the test ends.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

namespace keyway::testing {

class SqliteTestFile {
 public:
  SqliteTestFile() {
    static std::atomic<int> counter{0};
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           fmt::format("keyway-{}-{}-{}", info != nullptr ? info->name() : "test",
                       static_cast<long>(::getpid()), counter++);
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "test.db").string();
  }
  ~SqliteTestFile() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  SqliteTestFile(const SqliteTestFile&) = delete;
  SqliteTestFile& operator=(const SqliteTestFile&) = delete;

  const std::string& path() const { return path_; }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
  std::string path_;
};

// The sqlite3 handle under a SOCI session.
inline sqlite_api::sqlite3* sqlite_handle(soci::session& session) {
  return static_cast<soci::sqlite3_session_backend*>(session.get_backend())->conn_;
}

// Runs a script of one or more statements; a failure fails the test.
inline void run_sql(soci::session& session, const std::string& sql) {
  char* error = nullptr;
  const int rc = sqlite_api::sqlite3_exec(sqlite_handle(session), sql.c_str(), nullptr, nullptr,
                                          &error);
  const std::string message = error != nullptr ? error : "";
  sqlite_api::sqlite3_free(error);
  ASSERT_EQ(rc, SQLITE_OK) << message << "\nin: " << sql;
}

}  // namespace keyway::testing
