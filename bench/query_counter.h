// Counts the SQL statements a driver's session runs, through SOCI's logger
// hook, so the benchmark can report how many queries inspect() issues.
#pragma once

#include <memory>

#include "backends/driver.h"

namespace keyway::bench {

class QueryCounter {
 public:
  // Attaches to the session of `driver` (SQLite or PostgreSQL).
  explicit QueryCounter(backends::Driver& driver);
  long count() const { return *count_; }
  void reset() { *count_ = 0; }

 private:
  std::shared_ptr<long> count_;
};

}  // namespace keyway::bench
