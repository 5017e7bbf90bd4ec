// keyway migrate up [N] | down [N] | to VERSION | status | redo | hash:
// runs the migrations directory against a database, one transaction per
// migration with its history row, under the one-runner lock, after checking
// that keyway.sum and the history agree with the files (DESIGN.md §4).
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/config.h"
#include "cli/db_options.h"
#include "cli/migration_runner.h"
#include "cli/migrations.h"
#include "core/errors.h"
#include "core/migrate/sum_file.h"

namespace keyway::cli {

namespace {

struct MigrateOptions {
  std::string dir;  // empty: keyway.yaml, then migrations
  DbOptions db;
  bool dry_run = false;
  std::string lock_wait = "30s";
  int count = 0;  // 0: the default (up: all, down: 1)
  std::string version;
  std::string baseline;
  bool out_of_order = false;
  std::string format = "text";
};

CLI::App* add_runner_command(CLI::App& migrate, const std::string& name, const std::string& help,
                             MigrateOptions& opts, bool runs) {
  auto* cmd = migrate.add_subcommand(name, help);
  cmd->add_option("--dir", opts.dir, "Migrations directory (default: keyway.yaml's, then migrations)");
  add_db_options(*cmd, opts.db);
  if (runs) {
    cmd->add_flag("--dry-run", opts.dry_run, "Print the SQL that would run and touch nothing");
    cmd->add_option("--lock-wait", opts.lock_wait,
                    "How long to wait for another runner to finish, e.g. 30s")
        ->capture_default_str();
  }
  return cmd;
}

RunnerSettings settings_of(const MigrateOptions& opts, const std::string& command) {
  return RunnerSettings{.dir = resolve_migrations_dir(opts.dir),
                        .db = opts.db,
                        .dry_run = opts.dry_run,
                        .lock_wait = parse_duration(opts.lock_wait),
                        .command = command,
                        .out_of_order = opts.out_of_order,
                        .format = opts.format};
}

void hash(const std::string& dir_path) {
  const migrate::MigrationDir dir = migrate::read_migrations(dir_path);
  const auto path = dir.dir / migrate::kSumFileName;
  migrate::write_file_atomically(path, migrate::sum_text(dir));
  std::cout << fmt::format("Wrote {}: {} file{} of {} migration{}.\n", path.string(),
                           dir.files.size(), dir.files.size() == 1 ? "" : "s",
                           dir.migrations.size(), dir.migrations.size() == 1 ? "" : "s");
}

}  // namespace

void add_migrate_command(CLI::App& app, int& exit_code) {
  auto* migrate = app.add_subcommand("migrate", "Run the versioned migrations of a directory");
  migrate->require_subcommand(1);

  auto up = std::make_shared<MigrateOptions>();
  auto* up_cmd = add_runner_command(*migrate, "up", "Apply pending migrations (all, or the next N)", *up, true);
  up_cmd->add_option("N", up->count, "How many to apply")->check(CLI::PositiveNumber);
  up_cmd->add_option("--baseline", up->baseline,
                     "First record the migrations through VERSION as applied without running "
                     "them (the database already holds their schema; checked first)");
  up_cmd->add_flag("--out-of-order", up->out_of_order,
                   "Also apply pending migrations older than the latest applied one");
  up_cmd->callback([up, &exit_code] {
    exit_code = migrate_up(settings_of(*up, "migrate up"), up->count, up->baseline);
  });

  auto down = std::make_shared<MigrateOptions>();
  auto* down_cmd = add_runner_command(*migrate, "down", "Revert the last N applied migrations (default 1)", *down, true);
  down_cmd->add_option("N", down->count, "How many to revert")->check(CLI::PositiveNumber);
  down_cmd->callback([down, &exit_code] {
    exit_code = migrate_down(settings_of(*down, "migrate down"), down->count == 0 ? 1 : down->count);
  });

  auto to = std::make_shared<MigrateOptions>();
  auto* to_cmd = add_runner_command(*migrate, "to", "Apply or revert until VERSION is the latest applied (0: revert all)", *to, true);
  to_cmd->add_option("VERSION", to->version, "Target version")->required();
  to_cmd->callback([to, &exit_code] { exit_code = migrate_to(settings_of(*to, "migrate to"), to->version); });

  auto redo = std::make_shared<MigrateOptions>();
  auto* redo_cmd = add_runner_command(*migrate, "redo", "Revert the latest applied migration and apply it again", *redo, true);
  redo_cmd->callback([redo, &exit_code] { exit_code = migrate_redo(settings_of(*redo, "migrate redo")); });

  auto status = std::make_shared<MigrateOptions>();
  auto* status_cmd = add_runner_command(*migrate, "status", "Show every version: applied, pending, missing or changed", *status, false);
  status_cmd->add_option("--format", status->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  status_cmd->callback([status, &exit_code] {
    exit_code = migrate_status(settings_of(*status, "migrate status"));
  });

  auto hash_opts = std::make_shared<MigrateOptions>();
  auto* hash_cmd = migrate->add_subcommand("hash", "Rewrite keyway.sum after a deliberate edit of the files");
  hash_cmd->add_option("--dir", hash_opts->dir, "Migrations directory (default: keyway.yaml's, then migrations)");
  hash_cmd->callback([hash_opts, &exit_code] {
    hash(resolve_migrations_dir(hash_opts->dir));
    exit_code = 0;
  });
}

}  // namespace keyway::cli
