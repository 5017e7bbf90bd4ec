#include <functional>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "backends/driver.h"
#include "backends/postgres/postgres_driver.h"
#include "core/errors.h"
#include "pg_inspect_fixture.h"

namespace keyway::backends::postgres {
namespace {

using keyway::testing::PgTestDatabase;
using keyway::testing::with_parameter;

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

TEST(PostgresUrl, DefaultsToThePublicSchemaAndKeepsTheUrlForLibpq) {
  Connection c = parse_url("postgresql://app:pw@db:5432/blog?sslmode=require");
  EXPECT_EQ(c.conninfo, "postgresql://app:pw@db:5432/blog?sslmode=require");
  EXPECT_EQ(c.schema, "public");
  c = parse_url("postgres://db/blog?connect_timeout=3&sslmode=disable");
  EXPECT_EQ(c.conninfo, "postgres://db/blog?connect_timeout=3&sslmode=disable");
}

// SOCI 4.0 mangles a connect string holding no '=': such URLs get one.
TEST(PostgresUrl, UrlWithoutParametersGetsTheApplicationName) {
  EXPECT_EQ(parse_url("postgresql://app:pw@db:5432/blog").conninfo,
            "postgresql://app:pw@db:5432/blog?application_name=keyway");
  EXPECT_EQ(parse_url("postgresql://db/blog?schema=billing").conninfo,
            "postgresql://db/blog?application_name=keyway");
}

TEST(PostgresUrl, TakesTheSchemaOutOfTheQueryAndKeepsTheRest) {
  Connection c = parse_url("postgresql://db/blog?schema=billing&sslmode=require");
  EXPECT_EQ(c.conninfo, "postgresql://db/blog?sslmode=require");
  EXPECT_EQ(c.schema, "billing");
  c = parse_url("postgresql://db/blog?sslmode=require&schema=My%20Schema&connect_timeout=3");
  EXPECT_EQ(c.conninfo, "postgresql://db/blog?sslmode=require&connect_timeout=3");
  EXPECT_EQ(c.schema, "My Schema");
}

TEST(PostgresUrl, RejectsAnEmptySchemaAndOtherSchemes) {
  EXPECT_EQ(error_of<InputError>([] { parse_url("postgresql://u:pw@db/blog?schema="); }),
            "the database URL postgresql://u:***@db/blog?schema= names an empty schema");
  EXPECT_EQ(error_of<InputError>([] { parse_url("mysql://db/blog"); }),
            "not a PostgreSQL URL: mysql://db/blog; expected "
            "postgresql://user:password@host:port/db");
}

TEST(PostgresDriver, OpensAUrlAndInspectsItsPublicSchema) {
  PgTestDatabase db;
  const std::unique_ptr<Driver> driver = open(db.url());
  EXPECT_EQ(driver->dialect().name(), "postgresql");
  EXPECT_TRUE(driver->inspect().tables.empty());
  auto& postgres = dynamic_cast<PostgresDriver&>(*driver);
  keyway::testing::run_script(postgres.session(), "CREATE TABLE t (id bigint PRIMARY KEY)");
  ASSERT_EQ(driver->inspect().tables.size(), 1u);
  EXPECT_EQ(driver->inspect().tables[0].name, "t");
}

TEST(PostgresDriver, SchemaInTheUrlIsTheOneInspected) {
  PgTestDatabase db;
  {
    const std::unique_ptr<Driver> driver = open(db.url());
    keyway::testing::run_script(dynamic_cast<PostgresDriver&>(*driver).session(),
                                "CREATE TABLE a (id bigint); CREATE SCHEMA other;"
                                " CREATE TABLE other.b (id bigint)");
  }
  const std::unique_ptr<Driver> driver = open(with_parameter(db.url(), "schema=other"));
  EXPECT_EQ(dynamic_cast<PostgresDriver&>(*driver).schema_name(), "other");
  const schema::Database inspected = driver->inspect();
  ASSERT_EQ(inspected.tables.size(), 1u);
  EXPECT_EQ(inspected.tables[0].name, "b");
}

TEST(PostgresDriver, MissingSchemaIsAnInputError) {
  PgTestDatabase db;
  EXPECT_EQ(error_of<InputError>([&] { open(with_parameter(db.url(), "schema=nowhere")); }),
            "schema 'nowhere' does not exist in the database");
}

TEST(PostgresDriver, MissingDatabaseIsADatabaseErrorHidingThePassword) {
  // postgresql://user@host:port/keyway_test_... with a password and another database.
  PgTestDatabase db;
  const std::string missing = db.url().substr(0, db.url().rfind('/')) + "/no_such_database";
  const std::string with_password =
      missing.substr(0, missing.find('@')) + ":t0ps3cret" + missing.substr(missing.find('@'));
  const std::string message = error_of<DatabaseError>([&] { open(with_password); });
  EXPECT_TRUE(message.starts_with("cannot connect to PostgreSQL database " +
                                  mask_password(with_password) + ": "))
      << message;
  EXPECT_NE(message.find("no_such_database"), std::string::npos) << message;
  EXPECT_EQ(message.find("t0ps3cret"), std::string::npos) << message;
}

TEST(PostgresDriver, CountsRowsAndRowsWithAValue) {
  PgTestDatabase db;
  const std::unique_ptr<Driver> driver = open(db.url());
  keyway::testing::run_script(dynamic_cast<PostgresDriver&>(*driver).session(),
                              R"(CREATE TABLE "Order" (id bigint, "note" text);
                                 INSERT INTO "Order" VALUES (1, 'a'), (2, NULL), (3, 'c'))");
  EXPECT_EQ(driver->count_rows("Order"), 3);
  EXPECT_EQ(driver->count_rows("Order", "note"), 2);
}

}  // namespace
}  // namespace keyway::backends::postgres
