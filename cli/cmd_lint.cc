// keyway lint: analyses pending migration files (or, with --schema, the
// migration the schema diff would make) and reports coded findings: data
// loss, changes that can fail on existing rows (counted with --db), heavy
// PostgreSQL locks, renames that break running code. Exit 1 when a finding
// at error level remains (levels: keyway.yaml `lint:`; per statement:
// `-- keyway:lint-ignore CODE[,CODE]`). Writes nothing.
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/config.h"
#include "cli/db_options.h"
#include "cli/migrations.h"
#include "cli/lint_runner.h"
#include "core/errors.h"
#include "core/lint/levels.h"

namespace keyway::cli {

namespace {

struct LintCommandOptions {
  LintOptions lint;
  std::string format = "text";
};

std::string codes_help() {
  std::string out = "Codes (default level):";
  for (const auto& info : lint::codes()) {
    out += "\n  " + info.code + " (" + lint::to_string(info.level) + "): " + info.summary;
  }
  out += "\nSet levels in keyway.yaml (lint: {CODE: error|warning|off}); silence one statement "
         "with a comment line above it: -- keyway:lint-ignore CODE[,CODE]";
  return out;
}

}  // namespace

void add_lint_command(CLI::App& app, int& exit_code) {
  auto opts = std::make_shared<LintCommandOptions>();
  auto* cmd = app.add_subcommand(
      "lint", "Report what pending migrations risk: data loss, failures on existing rows, "
              "heavy locks, renames");
  cmd->footer(codes_help());
  cmd->add_option("--dir", opts->lint.dir, "Migrations directory (default: keyway.yaml's, then migrations)");
  cmd->add_option("--latest", opts->lint.latest,
                  "Lint the last N migrations (default: those pending on --db, else the last one)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--schema", opts->lint.schema,
                  "Lint the migration the schema (file or directory) would make instead");
  cmd->add_option("--format", opts->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  add_dev_url_option(*cmd, opts->lint.dev_url);
  add_db_options(*cmd, opts->lint.db);
  cmd->callback([opts, &exit_code] {
    opts->lint.dir = resolve_migrations_dir(opts->lint.dir);
    const lint::Report report = run_lint(opts->lint);
    std::cout << (opts->format == "json" ? lint::to_json(report) : lint::to_text(report));
    exit_code = report.has_errors() ? static_cast<int>(ExitCode::kPending) : 0;
  });
}

}  // namespace keyway::cli
