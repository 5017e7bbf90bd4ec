#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/config.h"
#include "cli/db_options.h"
#include "cli/losses.h"
#include "cli/pipeline.h"
#include "cli/report.h"
#include "core/errors.h"
#include "core/schema/lower.h"

namespace keyway::cli {

namespace {

struct ApplyOptions {
  std::string schema;  // empty: keyway.yaml, then schemas/
  DbOptions db;
  bool dry_run = false;
  bool yes = false;
};

// Says what a destructive plan would lose, with row counts, before it runs.
// Rows are counted before the plan runs, under the table's current name.
std::vector<std::string> losses(backends::Driver& driver, const Comparison& comparison) {
  std::vector<std::string> out;
  for (const Loss& loss : planned_losses(comparison.changes)) {
    if (loss.column.empty()) {
      const auto rows = driver.count_rows(loss.live_table);
      out.push_back(fmt::format("{} ({} row{})", loss.to_string(), rows, rows == 1 ? "" : "s"));
    } else {
      const auto values = driver.count_rows(loss.live_table, loss.column);
      out.push_back(fmt::format("{} ({} non-null value{})", loss.to_string(), values,
                                values == 1 ? "" : "s"));
    }
  }
  return out;
}

}  // namespace

void add_apply_command(CLI::App& app, int& exit_code) {
  auto opts = std::make_shared<ApplyOptions>();
  auto* cmd = app.add_subcommand("apply", "Bring the database to the schema in one transaction");
  cmd->add_option("--schema", opts->schema, "Schema file or directory of *.yaml (default: keyway.yaml's, then schemas/)");
  add_db_options(*cmd, opts->db);
  cmd->add_flag("--dry-run", opts->dry_run, "Print the SQL and touch nothing");
  cmd->add_flag("--yes", opts->yes, "Allow a plan that drops tables or columns");
  cmd->callback([opts, &exit_code] {
    // Lowered at once: the model's memory is free before the database is read.
    schema::Database desired = schema::lower(load(opts->schema));
    auto driver = open_database(opts->db);
    const Comparison comparison = compare(*driver, driver->inspect(), std::move(desired));
    exit_code = 0;
    if (comparison.plan.empty()) {
      std::cout << "No changes: the database matches the schema.\n";
      return;
    }
    if (opts->dry_run) {
      std::cout << driver->script(comparison.plan);
      return;
    }
    const auto lost = losses(*driver, comparison);
    if (!lost.empty() && !opts->yes) {
      std::string message = "refusing to apply: this plan drops data:\n";
      for (const auto& item : lost) message += "  - " + item + "\n";
      message += "run again with --yes to apply it";
      throw InputError(message);
    }
    print_changes(std::cout, comparison, use_colour());
    driver->apply(comparison.plan);
    std::cout << fmt::format("Applied {} change{}.\n", comparison.plan.steps.size(),
                             comparison.plan.steps.size() == 1 ? "" : "s");
  });
}

}  // namespace keyway::cli
