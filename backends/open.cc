// open(url) and mask_password(url): the only place that reads database URLs.
#include <cctype>
#include <cstddef>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "backends/driver.h"
#include "backends/postgres/postgres_driver.h"
#include "backends/sqlite/sqlite_driver.h"
#include "core/errors.h"
#include "core/schema/naming.h"

namespace keyway::backends {

namespace {

constexpr const char* kAcceptedForms =
    "sqlite:path/to/file.db, sqlite::memory: or postgresql://user:password@host:port/db";

bool starts_with_ignoring_case(const std::string& text, const std::string& lower_prefix) {
  return schema::lower_ascii(text.substr(0, lower_prefix.size())) == lower_prefix;
}

// The SQLite file a "sqlite:" URL names: sqlite:path, sqlite://path (so
// sqlite:///abs/file.db is /abs/file.db), sqlite::memory:.
std::string sqlite_path(const std::string& url) {
  std::string rest = url.substr(std::string("sqlite:").size());
  if (rest == ":memory:") return ":memory:";
  if (rest.starts_with("//")) rest = rest.substr(2);
  if (rest.empty()) {
    throw InputError(fmt::format("the database URL \"{}\" names no file; expected {}", url,
                                 kAcceptedForms));
  }
  return rest;
}

// Replaces the value of every password=... keyword or query parameter.
std::string mask_password_parameters(std::string text) {
  static const std::string kKey = "password=";
  std::size_t from = 0;
  while (true) {
    const std::size_t at = schema::lower_ascii(text).find(kKey, from);
    if (at == std::string::npos) return text;
    const bool at_boundary = at == 0 || text[at - 1] == '?' || text[at - 1] == '&' ||
                             text[at - 1] == ';' ||
                             std::isspace(static_cast<unsigned char>(text[at - 1]));
    const std::size_t value = at + kKey.size();
    if (!at_boundary) {
      from = value;
      continue;
    }
    std::size_t end = value;
    if (end < text.size() && (text[end] == '\'' || text[end] == '"')) {
      const char quote = text[end];
      end = text.find(quote, end + 1);
      end = end == std::string::npos ? text.size() : end + 1;
    } else {
      while (end < text.size() && text[end] != '&' && text[end] != ';' && text[end] != '#' &&
             !std::isspace(static_cast<unsigned char>(text[end]))) {
        ++end;
      }
    }
    text.replace(value, end - value, "***");
    from = value + 3;
  }
}

}  // namespace

std::string mask_password(const std::string& url) {
  std::string out = url;
  // scheme://user:password@host...: the user information ends at the last '@'
  // before any query, so a password holding '@' or '/' is still hidden whole.
  const std::size_t scheme_end = out.find("://");
  if (scheme_end != std::string::npos) {
    const std::size_t authority = scheme_end + 3;
    const std::size_t query = out.find_first_of("?#", authority);
    const std::size_t at = out.rfind('@', query == std::string::npos ? std::string::npos
                                                                     : query);
    if (at != std::string::npos && at >= authority) {
      const std::size_t colon = out.find(':', authority);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  return mask_password_parameters(out);
}

std::unique_ptr<Driver> open(const std::string& url) {
  if (starts_with_ignoring_case(url, "sqlite:")) {
    return std::make_unique<sqlite::SqliteDriver>(sqlite_path(url));
  }
  if (starts_with_ignoring_case(url, "postgresql://") ||
      starts_with_ignoring_case(url, "postgres://")) {
    return std::make_unique<postgres::PostgresDriver>(url);
  }
  throw InputError(fmt::format("unsupported database URL \"{}\"; expected {}", mask_password(url),
                               kAcceptedForms));
}

}  // namespace keyway::backends
