// A throwaway PostgreSQL database on the server a URL names (see
// ScratchDatabase in driver.h).
#pragma once

#include <memory>
#include <string>

#include "backends/driver.h"

namespace keyway::backends::postgres {

// CREATE DATABASE "keyway_scratch_<pid>_<random hex>" over a connection to
// `url`, and a driver on it (schema public); dropped WITH (FORCE) when the
// result is destroyed.
std::unique_ptr<ScratchDatabase> open_scratch(const std::string& url);

// `url` naming `database` instead of its own, without ?schema= (or dbname=);
// user, password, host, port and every other parameter kept.
std::string with_database(const std::string& url, const std::string& database);

}  // namespace keyway::backends::postgres
