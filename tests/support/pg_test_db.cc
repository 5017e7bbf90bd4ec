#include "support/pg_test_db.h"

#include <cstdlib>
#include <random>
#include <stdexcept>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

namespace keyway::testing {

std::string pg_server_url() {
  const char* url = std::getenv("KEYWAY_TEST_PG_URL");
  if (!url || !*url) {
    throw std::runtime_error(
        "KEYWAY_TEST_PG_URL is not set: PostgreSQL tests need a server. Run the suite with "
        "scripts/test.sh (it starts one), or start one with "
        "eval \"$(bash scripts/pg-server.sh start)\"");
  }
  return url;
}

namespace {
// Replaces the database name in postgresql://user@host:port/db[?...].
std::string with_database(const std::string& url, const std::string& db) {
  const auto scheme = url.find("://");
  const auto slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  const auto query = url.find('?');
  std::string base = slash == std::string::npos ? url.substr(0, query) : url.substr(0, slash);
  // SOCI 4.0.3 rewrites a connect string without '=' into "URL=" and libpq
  // then reads it as a database name; a parameter keeps the URL intact.
  std::string rest = query == std::string::npos ? "?application_name=keyway_tests" : url.substr(query);
  return base + "/" + db + rest;
}
}  // namespace

PgTestDatabase::PgTestDatabase() : admin_url_(pg_server_url()) {
  std::random_device rd;
  name_ = "keyway_test_" + std::to_string(rd()) + std::to_string(rd() % 100000);
  admin_url_ = with_database(admin_url_, "postgres");
  soci::session admin(*soci::factory_postgresql(), admin_url_);
  admin << "CREATE DATABASE " + name_;
  url_ = with_database(admin_url_, name_);
}

PgTestDatabase::~PgTestDatabase() {
  try {
    soci::session admin(*soci::factory_postgresql(), admin_url_);
    admin << "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)";
  } catch (...) {
    // The server is going away with the test run; nothing to clean.
  }
}

}  // namespace keyway::testing
