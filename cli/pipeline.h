// The pipeline of DESIGN.md §3 wired together for the commands:
// load+validate -> lower; inspect; diff -> order -> render, and the reverse.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "backends/driver.h"
#include "core/diff/change.h"
#include "core/model/model.h"
#include "core/plan/plan.h"
#include "core/schema/schema.h"

namespace keyway::cli {

// Where a value comes from, strongest first: the flag, KEYWAY_DATABASE_URL,
// keyway.yaml's environment, the default sqlite:keyway.db.
std::string resolve_db_url(const std::string& flag);

// Loads and validates the schema at `path` (file or directory; empty:
// keyway.yaml's, then schemas/).
model::Schema load(const std::string& path);

// Holds the plans, not the schemas they came from: at 10,000 models each
// schema is tens of megabytes.
struct Comparison {
  std::vector<std::string> unmanaged;  // the live database's (views, triggers...)
  std::vector<diff::Change> changes;  // ordered
  plan::Plan plan;            // live -> desired
  plan::Plan reverse;         // desired -> live (Directions::kBoth only)
};

// Which plans a comparison builds: the reverse plan (a second diff, order and
// render) is for down migrations only.
enum class Directions { kForward, kBoth };

// Plans `live` -> `desired` (and its reverse) for a driver, without inspecting.
Comparison compare(backends::Driver& driver, schema::Database live, schema::Database desired,
                   Directions directions = Directions::kForward);

}  // namespace keyway::cli
