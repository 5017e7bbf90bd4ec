// The database options every command that talks to a database shares:
// --db, --db-schema, --lock-timeout, --no-online.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "backends/driver.h"

namespace keyway::cli {

struct DbOptions {
  std::string url;            // empty: KEYWAY_DATABASE_URL, then sqlite:keyway.db
  std::string db_schema;      // PostgreSQL schema (default public, or ?schema= in the URL)
  std::string lock_timeout = "5s";
  bool no_online = false;
};

void add_db_options(CLI::App& command, DbOptions& options);

// "5s", "200ms", "2m", or a number of seconds. Throws InputError otherwise.
std::chrono::milliseconds parse_duration(const std::string& text);

// Opens the database with the options applied.
std::unique_ptr<backends::Driver> open_database(const DbOptions& options);

}  // namespace keyway::cli
