// open_scratch(url): a throwaway database of the URL's kind, to replay
// migrations into (DESIGN.md §4).
#include <memory>
#include <string>

#include <fmt/format.h>

#include "backends/driver.h"
#include "backends/postgres/postgres_scratch.h"
#include "backends/sqlite/sqlite_driver.h"
#include "core/errors.h"
#include "core/schema/naming.h"

namespace keyway::backends {

namespace {

class SqliteScratch final : public ScratchDatabase {
 public:
  SqliteScratch() : driver_(":memory:") {}
  Driver& driver() override { return driver_; }
  std::string description() const override { return "an in-memory SQLite database"; }

 private:
  sqlite::SqliteDriver driver_;
};

}  // namespace

std::unique_ptr<ScratchDatabase> open_scratch(const std::string& url) {
  const std::string lower = schema::lower_ascii(url);
  if (lower.starts_with("sqlite:")) return std::make_unique<SqliteScratch>();
  if (lower.starts_with("postgresql://") || lower.starts_with("postgres://")) {
    return postgres::open_scratch(url);
  }
  throw InputError(fmt::format(
      "unsupported database URL \"{}\"; expected sqlite:path/to/file.db, sqlite::memory: or "
      "postgresql://user:password@host:port/db",
      mask_password(url)));
}

}  // namespace keyway::backends
