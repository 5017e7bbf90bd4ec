// A fresh PostgreSQL database per test, a session on it, and raw SQL to set
// up the tables inspection then reads.
#pragma once

#include <stdexcept>
#include <string>

#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include "backends/postgres/postgres_driver.h"
#include "core/schema/schema.h"
#include "support/pg_test_db.h"

namespace keyway::testing {

// Runs a script of several statements at once (libpq's simple query protocol,
// which SOCI's prepared statements do not offer).
inline void run_script(soci::session& session, const std::string& sql) {
  auto* backend = static_cast<soci::postgresql_session_backend*>(session.get_backend());
  PGresult* result = PQexec(backend->conn_, sql.c_str());
  const ExecStatusType status = PQresultStatus(result);
  const std::string error = PQresultErrorMessage(result);
  PQclear(result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    throw std::runtime_error("SQL failed: " + error + "\n" + sql);
  }
}

// `url` with one more query parameter ("schema=other").
inline std::string with_parameter(const std::string& url, const std::string& parameter) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") + parameter;
}

class PgInspectTest : public ::testing::Test {
 protected:
  PgInspectTest()
      : session_(*soci::factory_postgresql(), backends::postgres::parse_url(db_.url()).conninfo) {}

  void create(const std::string& sql) { run_script(session_, sql); }

  schema::Database inspect_schema(const std::string& schema_name = "public",
                                  int* query_count = nullptr) {
    return backends::postgres::inspect(session_, schema_name, query_count);
  }

  // The table `name` of a fresh inspection; an empty table (and a failure) when absent.
  schema::Table table(const std::string& name) {
    const schema::Database db = inspect_schema();
    const schema::Table* found = db.find_table(name);
    EXPECT_NE(found, nullptr) << "no table " << name;
    return found != nullptr ? *found : schema::Table{};
  }

  PgTestDatabase db_;
  soci::session session_;
};

}  // namespace keyway::testing
