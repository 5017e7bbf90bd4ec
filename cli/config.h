// keyway.yaml, the project configuration (DESIGN.md §5): where the schema
// and the migrations live, named environments with their database URLs, lint
// levels. Read once by app.cc (from --config, or ./keyway.yaml when present)
// before a command runs; commands ask for values through the resolve_*
// functions, which apply the order of DESIGN.md §5: the command-line flag,
// the environment (KEYWAY_DATABASE_URL), keyway.yaml, the default.
#pragma once

#include <filesystem>
#include <map>
#include <string>

namespace keyway::cli {

struct ProjectConfig {
  std::filesystem::path file;  // empty: no keyway.yaml
  std::string schema;          // "" when not set
  std::string migrations;
  std::string environment;     // the chosen environment's name, if any
  std::string db_url;          // of the chosen environment, ${VAR} expanded
  std::string db_schema;
  std::string dev_url;
  std::map<std::string, std::string> lint_levels;  // code -> "error" | "warning" | "off"
};

// Reads `path` (must exist), or ./keyway.yaml when `path` is empty (may be
// absent). `environment` picks one of `environments:` (the `default_env:`
// key, or none, when empty). Throws InputError naming file:line:col.
void load_config(const std::string& path, const std::string& environment);

// The configuration loaded by load_config (empty before).
const ProjectConfig& config();

// flag > keyway.yaml > "schemas/".
std::string resolve_schema_path(const std::string& flag);
// flag > keyway.yaml > "migrations".
std::string resolve_migrations_dir(const std::string& flag);
// flag > keyway.yaml > "" (none).
std::string resolve_dev_url(const std::string& flag);

}  // namespace keyway::cli
