#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/config.h"
#include "cli/db_options.h"
#include "cli/pipeline.h"
#include "cli/report.h"
#include "core/errors.h"
#include "core/schema/lower.h"

namespace keyway::cli {

namespace {
struct DiffOptions {
  std::string schema;  // empty: keyway.yaml, then schemas/
  DbOptions db;
  std::string format = "text";
  bool exit_code = false;
};
}  // namespace

void add_diff_command(CLI::App& app, int& exit_code) {
  auto opts = std::make_shared<DiffOptions>();
  auto* cmd = app.add_subcommand("diff", "Show what it takes to bring the database to the schema");
  cmd->add_option("--schema", opts->schema, "Schema file or directory of *.yaml (default: keyway.yaml's, then schemas/)");
  add_db_options(*cmd, opts->db);
  cmd->add_option("--format", opts->format, "Output format")
      ->check(CLI::IsMember({"text", "json", "markdown", "sql"}))
      ->capture_default_str();
  cmd->add_flag("--exit-code", opts->exit_code, "Exit 1 when changes are pending, 0 when in sync");
  cmd->callback([opts, &exit_code] {
    // Lowered at once: the model's memory is free before the database is read.
    schema::Database desired = schema::lower(load(opts->schema));
    auto driver = open_database(opts->db);
    const Comparison comparison = compare(*driver, driver->inspect(), std::move(desired));
    write_report(std::cout, comparison, *driver, parse_report_format(opts->format), use_colour());
    const bool pending = !comparison.plan.empty();
    exit_code = (opts->exit_code && pending) ? static_cast<int>(ExitCode::kPending) : 0;
  });
}

}  // namespace keyway::cli
