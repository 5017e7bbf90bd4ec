#include "bench/query_counter.h"

#include <stdexcept>

#include <soci/soci.h>

#include "backends/postgres/postgres_driver.h"
#include "backends/sqlite/sqlite_driver.h"

namespace keyway::bench {

namespace {

class CountingLogger : public soci::logger_impl {
 public:
  explicit CountingLogger(std::shared_ptr<long> count) : count_(std::move(count)) {}
  void start_query(const std::string&) override { ++*count_; }

 private:
  logger_impl* do_clone() const override { return new CountingLogger(count_); }
  std::shared_ptr<long> count_;
};

soci::session& session_of(backends::Driver& driver) {
  if (auto* sqlite = dynamic_cast<backends::sqlite::SqliteDriver*>(&driver)) return sqlite->session();
  if (auto* pg = dynamic_cast<backends::postgres::PostgresDriver*>(&driver)) return pg->session();
  throw std::invalid_argument("query counter: unknown driver");
}

}  // namespace

QueryCounter::QueryCounter(backends::Driver& driver) : count_(std::make_shared<long>(0)) {
  session_of(driver).set_logger(new CountingLogger(count_));
}

}  // namespace keyway::bench
