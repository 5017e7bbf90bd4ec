// keyway lint's work: choose the migration files (or the schema diff), replay
// what comes before them into a scratch database, run each linted file there
// statement by statement, inspecting after each, attribute its net changes to
// statements (core/lint/attribute.h), apply the rules, and, with --db, check
// the data-dependent changes against that database.
#pragma once

#include <string>

#include "cli/db_options.h"
#include "core/lint/report.h"

namespace keyway::cli {

struct LintOptions {
  std::string dir;     // resolved migrations directory
  std::string schema;  // --schema: lint the schema diff; empty: lint migration files
  int latest = 0;      // --latest N; 0: the default choice
  std::string dev_url;
  DbOptions db;
};

// Throws InputError (exit 2) for bad input, including a linted migration that
// does not run on the state before it (naming the file and statement).
lint::Report run_lint(const LintOptions& options);

}  // namespace keyway::cli
