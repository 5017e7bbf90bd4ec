// One fresh database of a named backend per test: a SQLite file in a temp dir
// or a PostgreSQL database on the test server. Behaviour tests take the
// backend name as a parameter so the same test runs on both.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "backends/driver.h"
#include "support/case_file.h"
#include "support/pg_test_db.h"

namespace keyway::testing {

inline const std::vector<std::string>& backend_names() {
  static const std::vector<std::string> names = {"sqlite", "postgresql"};
  return names;
}

class FreshDatabase {
 public:
  explicit FreshDatabase(const std::string& backend);
  const std::string& backend() const { return backend_; }
  const std::string& url() const { return url_; }
  // A new driver on the database (each call opens a new connection).
  std::unique_ptr<backends::Driver> open() const;

 private:
  std::string backend_;
  TempDir dir_;
  std::optional<PgTestDatabase> pg_;
  std::string url_;
};

// The SOCI session under a driver of either backend.
soci::session& session_of(backends::Driver& driver);

}  // namespace keyway::testing
