#include "backends/postgres/postgres_scratch.h"

#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <memory>
#include <random>
#include <string>

#include <fmt/format.h>

#include "backends/postgres/postgres_driver.h"
#include "backends/postgres/postgres_messages.h"
#include "core/errors.h"

namespace keyway::backends::postgres {

namespace {

// The parts of a postgresql:// URL around its database name.
struct UrlParts {
  std::string authority;  // "scheme://user:password@host:port"
  std::string database;   // "/db", or "" when the URL names none
  std::string query;      // "?a=1&b=2" without schema= and dbname=, or ""
};

UrlParts split(const std::string& url) {
  UrlParts parts;
  const std::string base = url.substr(0, url.find('#'));
  const std::size_t scheme = base.find("://");
  const std::size_t host = scheme == std::string::npos ? 0 : scheme + 3;
  const std::size_t query = base.find('?', host);
  // The user information ends at the last '@': a password may hold '/'.
  const std::size_t at = base.rfind('@', query);
  const std::size_t server = at != std::string::npos && at >= host ? at + 1 : host;
  const std::size_t path = std::min(base.find('/', server), query);
  parts.authority = base.substr(0, path);
  if (path != std::string::npos) parts.database = base.substr(path, query - path);
  if (query == std::string::npos) return parts;
  std::size_t start = query + 1;
  while (start <= base.size()) {
    std::size_t end = base.find('&', start);
    if (end == std::string::npos) end = base.size();
    const std::string parameter = base.substr(start, end - start);
    if (!parameter.empty() && !parameter.starts_with("schema=") &&
        !parameter.starts_with("dbname=")) {
      parts.query += (parts.query.empty() ? "?" : "&") + parameter;
    }
    start = end + 1;
  }
  return parts;
}

// "host:port" as the URL names them, without the user information.
std::string server_of(const std::string& url) {
  const std::string authority = split(url).authority;
  const std::size_t scheme = authority.find("://");
  std::string server = authority.substr(scheme == std::string::npos ? 0 : scheme + 3);
  if (const std::size_t at = server.rfind('@'); at != std::string::npos) {
    server = server.substr(at + 1);
  }
  return server.empty() ? "the local server" : server;
}

std::string scratch_name() {
  std::random_device random;
  return fmt::format("keyway_scratch_{}_{:08x}", static_cast<long>(::getpid()), random());
}

class PostgresScratch final : public ScratchDatabase {
 public:
  explicit PostgresScratch(const std::string& url)
      : admin_(std::make_unique<PostgresDriver>(with_database(url, ""))),
        name_(scratch_name()),
        description_(fmt::format("scratch database {} on {}", name_, server_of(url))) {
    const std::string quoted = PostgresDialect().quote(name_);
    try {
      admin_->session() << "CREATE DATABASE " + quoted;
    } catch (const soci::soci_error& e) {
      throw DatabaseError(fmt::format(
          "cannot create a scratch database on {}: {}\n  keyway replays the migrations into a "
          "scratch database; give it a server where it may create one with --dev-url",
          mask_password(url), pg_message(e)));
    }
    try {
      scratch_ = std::make_unique<PostgresDriver>(with_database(url, name_));
    } catch (...) {
      drop();
      throw;
    }
  }
  ~PostgresScratch() override {
    scratch_.reset();
    drop();
  }
  PostgresScratch(const PostgresScratch&) = delete;
  PostgresScratch& operator=(const PostgresScratch&) = delete;

  Driver& driver() override { return *scratch_; }
  std::string description() const override { return description_; }

 private:
  void drop() {
    try {
      admin_->session() << "DROP DATABASE IF EXISTS " + PostgresDialect().quote(name_) +
                               " WITH (FORCE)";
    } catch (const soci::soci_error&) {
      // Left behind: its name says whose it was.
    }
  }

  std::unique_ptr<PostgresDriver> admin_;
  std::string name_;
  std::string description_;
  std::unique_ptr<PostgresDriver> scratch_;
};

}  // namespace

std::string with_database(const std::string& url, const std::string& database) {
  const UrlParts parts = split(url);
  const std::string path = database.empty() ? parts.database : "/" + database;
  return parts.authority + path + parts.query;
}

std::unique_ptr<ScratchDatabase> open_scratch(const std::string& url) {
  return std::make_unique<PostgresScratch>(url);
}

}  // namespace keyway::backends::postgres
