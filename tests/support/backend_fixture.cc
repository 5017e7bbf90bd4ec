#include "support/backend_fixture.h"

#include <stdexcept>

#include "backends/postgres/postgres_driver.h"
#include "backends/sqlite/sqlite_driver.h"

namespace keyway::testing {

FreshDatabase::FreshDatabase(const std::string& backend) : backend_(backend) {
  if (backend == "sqlite") {
    url_ = "sqlite:" + dir_.file("test.db");
  } else if (backend == "postgresql") {
    pg_.emplace();
    url_ = pg_->url();
  } else {
    throw std::invalid_argument("unknown backend " + backend);
  }
}

std::unique_ptr<backends::Driver> FreshDatabase::open() const { return backends::open(url_); }

soci::session& session_of(backends::Driver& driver) {
  if (auto* s = dynamic_cast<backends::sqlite::SqliteDriver*>(&driver)) return s->session();
  if (auto* p = dynamic_cast<backends::postgres::PostgresDriver*>(&driver)) return p->session();
  throw std::invalid_argument("unknown driver");
}

}  // namespace keyway::testing
