// A fresh PostgreSQL database per test, on the server KEYWAY_TEST_PG_URL names
// (scripts/test.sh starts one). There is no skipping: without the variable
// the test fails, saying how to start a server.
#pragma once

#include <string>

namespace keyway::testing {

class PgTestDatabase {
 public:
  PgTestDatabase();   // CREATE DATABASE keyway_test_<random>
  ~PgTestDatabase();  // DROP DATABASE ... WITH (FORCE)
  PgTestDatabase(const PgTestDatabase&) = delete;
  PgTestDatabase& operator=(const PgTestDatabase&) = delete;

  // postgresql://... URL of the fresh database.
  const std::string& url() const { return url_; }
  const std::string& name() const { return name_; }

 private:
  std::string admin_url_;
  std::string name_;
  std::string url_;
};

// KEYWAY_TEST_PG_URL, or throws with instructions when it is not set.
std::string pg_server_url();

}  // namespace keyway::testing
