#include "backends/postgres/postgres_driver.h"

#include <cctype>
#include <cstddef>
#include <string>

#include <fmt/format.h>
#include <soci/postgresql/soci-postgresql.h>

#include "backends/common/count_rows.h"
#include "backends/postgres/libpq_loader.h"
#include "core/errors.h"

namespace keyway::backends::postgres {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower >= 'a' && lower <= 'f') return lower - 'a' + 10;
  return -1;
}

// %XX escapes of a URL query value, as libpq reads them.
std::string percent_decode(const std::string& text, const std::string& url) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    const int high = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
    const int low = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
    if (high < 0 || low < 0) {
      throw InputError(fmt::format("invalid percent-encoding in the database URL {}",
                                   mask_password(url)));
    }
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

bool has_scheme(const std::string& url, const std::string& scheme) {
  if (url.size() < scheme.size()) return false;
  for (std::size_t i = 0; i < scheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(url[i])) != scheme[i]) return false;
  }
  return true;
}

// The password of scheme://user:password@host, if the URL holds one.
std::string password_of(const std::string& url) {
  const std::size_t authority = url.find("://");
  if (authority == std::string::npos) return "";
  const std::size_t start = authority + 3;
  const std::size_t query = url.find_first_of("?#", start);
  const std::size_t at = url.rfind('@', query);
  if (at == std::string::npos || at < start) return "";
  const std::size_t colon = url.find(':', start);
  if (colon == std::string::npos || colon > at) return "";
  return url.substr(colon + 1, at - colon - 1);
}

// A driver's message with any trace of the password replaced by "***".
std::string without_password(std::string message, const std::string& url) {
  const std::string password = password_of(url);
  if (password.empty()) return message;
  for (std::size_t at = message.find(password); at != std::string::npos;
       at = message.find(password, at + 3)) {
    message.replace(at, password.size(), "***");
  }
  return message;
}

// SOCI 4.0's PostgreSQL factory reads the connect string as key=value pairs
// and writes it back before libpq sees it, which turns a URL holding no '='
// into "URL=" (a database name ending in '='). A URL with one '=' and no
// spaces survives unchanged, so such a URL gets application_name=keyway,
// which also names keyway's sessions in pg_stat_activity.
std::string survives_soci(std::string url) {
  if (url.find('=') != std::string::npos) return url;
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "application_name=keyway";
}

}  // namespace

Connection parse_url(const std::string& url) {
  if (!has_scheme(url, "postgresql://") && !has_scheme(url, "postgres://")) {
    throw InputError(fmt::format("not a PostgreSQL URL: {}; expected "
                                 "postgresql://user:password@host:port/db",
                                 mask_password(url)));
  }
  Connection connection;
  const std::size_t fragment = url.find('#');
  const std::string base = url.substr(0, fragment);
  const std::size_t question = base.find('?');
  if (question == std::string::npos) {
    connection.conninfo = survives_soci(base);
    return connection;
  }
  // libpq rejects parameters it does not know, so ?schema= is taken out and
  // every other parameter (sslmode, connect_timeout, ...) kept as written.
  std::string kept;
  std::size_t start = question + 1;
  while (start <= base.size()) {
    std::size_t end = base.find('&', start);
    if (end == std::string::npos) end = base.size();
    const std::string parameter = base.substr(start, end - start);
    if (parameter.starts_with("schema=")) {
      connection.schema = percent_decode(parameter.substr(7), url);
      if (connection.schema.empty()) {
        throw InputError(fmt::format("the database URL {} names an empty schema",
                                     mask_password(url)));
      }
    } else if (!parameter.empty()) {
      kept += (kept.empty() ? "" : "&") + parameter;
    }
    start = end + 1;
  }
  const std::string without_schema = base.substr(0, question) + (kept.empty() ? "" : "?" + kept);
  connection.conninfo = survives_soci(without_schema);
  return connection;
}

PostgresDriver::PostgresDriver(const std::string& url) : connection_(parse_url(url)) {
  load_libpq();
  try {
    session_.open(*soci::factory_postgresql(), connection_.conninfo);
  } catch (const soci::soci_error& e) {
    throw DatabaseError(fmt::format("cannot connect to PostgreSQL database {}: {}",
                                    mask_password(url), without_password(e.what(), url)));
  }
  int found = 0;
  try {
    session_ << "SELECT count(*)::int FROM pg_catalog.pg_namespace WHERE nspname = :schema",
        soci::use(connection_.schema, "schema"), soci::into(found);
  } catch (const soci::soci_error& e) {
    throw DatabaseError(fmt::format("cannot read the schemas of PostgreSQL database {}: {}",
                                    mask_password(url), without_password(e.what(), url)));
  }
  if (found == 0) {
    throw InputError(
        fmt::format("schema '{}' does not exist in the database", connection_.schema));
  }
}

std::int64_t PostgresDriver::count_rows(const std::string& table, const std::string& column) {
  return common::count_rows(session_, table,
                            dialect_.quote(connection_.schema) + "." + dialect_.quote(table),
                            column.empty() ? "" : dialect_.quote(column));
}

}  // namespace keyway::backends::postgres
