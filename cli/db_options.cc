#include "cli/db_options.h"

#include <regex>

#include <fmt/format.h>

#include "backends/postgres/postgres_driver.h"
#include "cli/config.h"
#include "cli/pipeline.h"
#include "cli/progress.h"
#include "core/errors.h"

namespace keyway::cli {

void add_db_options(CLI::App& command, DbOptions& options) {
  command.add_option("--db", options.url,
                     "Database URL (default: $KEYWAY_DATABASE_URL, then sqlite:keyway.db)");
  command.add_option("--db-schema", options.db_schema,
                     "PostgreSQL schema to manage (default: public)");
  command.add_option("--lock-timeout", options.lock_timeout,
                     "PostgreSQL: longest wait for a lock, e.g. 5s, 500ms")
      ->capture_default_str();
  command.add_flag("--no-online", options.no_online,
                   "PostgreSQL: plain single-transaction DDL instead of NOT VALID / CONCURRENTLY");
}

std::chrono::milliseconds parse_duration(const std::string& text) {
  static const std::regex kDuration(R"(^(\d+)(ms|s|m)?$)");
  std::smatch m;
  if (!std::regex_match(text, m, kDuration)) {
    throw InputError(fmt::format("expected a duration such as 5s or 500ms, got '{}'", text));
  }
  // A day is plenty for a lock wait; longer numbers are typing mistakes.
  constexpr long long kMaxMs = 24LL * 60 * 60 * 1000;
  const std::string digits = m[1].str();
  const long long n = digits.size() > 9 ? kMaxMs + 1 : std::stoll(digits);
  const std::string unit = m[2].str();
  const long long ms = unit == "ms" ? n : unit == "m" ? n * 60000 : n * 1000;
  if (ms > kMaxMs) {
    throw InputError(fmt::format("duration '{}' is longer than a day", text));
  }
  return std::chrono::milliseconds(ms);
}

std::unique_ptr<backends::Driver> open_database(const DbOptions& options) {
  std::string url = resolve_db_url(options.url);
  const auto timeout = parse_duration(options.lock_timeout);
  // keyway.yaml's db_schema goes with its URL only.
  const std::string db_schema = !options.db_schema.empty()                               ? options.db_schema
                                : url == config().db_url && !config().db_schema.empty() ? config().db_schema
                                                                                         : "";
  if (!db_schema.empty()) {
    if (url.rfind("postgres", 0) != 0) {
      throw InputError("--db-schema applies to PostgreSQL databases only");
    }
    url += (url.find('?') == std::string::npos ? "?schema=" : "&schema=") + db_schema;
  }
  auto driver = backends::open(url);
  if (auto* pg = dynamic_cast<backends::postgres::PostgresDriver*>(driver.get())) {
    pg->set_render_options({.online = !options.no_online});
    backends::postgres::ApplyOptions apply;
    apply.lock_timeout = timeout;
    pg->set_apply_options(apply);
  }
  driver->set_progress(statement_progress());
  return driver;
}

}  // namespace keyway::cli
