// keyway generate NAME: writes <version>_<NAME>.up.sql and .down.sql for what
// the YAML holds beyond the state the migrations directory produces (replayed
// into a scratch database), or beyond a live database with --db. On a
// database that predates keyway, the first migration is a baseline of what
// the database already holds.
#include <ctime>
#include <filesystem>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/config.h"
#include "cli/db_options.h"
#include "cli/losses.h"
#include "cli/migrations.h"
#include "cli/pipeline.h"
#include "core/errors.h"
#include "core/migrate/migration_text.h"
#include "core/migrate/sum_file.h"
#include "core/schema/lower.h"

namespace keyway::cli {

namespace {

struct GenerateOptions {
  std::string name;
  std::string schema;  // empty: keyway.yaml, then schemas/
  std::string dir;  // empty: keyway.yaml, then migrations
  std::string dev_url;
  DbOptions db;
};

struct Written {
  std::string version;
  std::string up_path;
  std::vector<Loss> losses;
};

// Writes the pair of files for one comparison (the sum comes after).
Written write_pair(const migrate::MigrationDir& dir, const std::string& version,
                   const std::string& name, const Comparison& comparison) {
  for (const auto& step : comparison.plan.steps) {
    if (step.outside_transaction) {
      throw Error(ExitCode::kDatabase, "internal error: a migration step needs to run outside a transaction");
    }
  }
  Written out{version, "", planned_losses(comparison.changes)};
  migrate::MigrationText about{version, name, {}};
  for (const auto& loss : out.losses) about.losses.push_back(loss);
  const std::filesystem::path base = dir.dir / (version + "_" + name);
  out.up_path = base.string() + ".up.sql";
  migrate::write_file_atomically(out.up_path, migrate::up_file_text(comparison.plan, about));
  migrate::write_file_atomically(base.string() + ".down.sql",
                                 migrate::down_file_text(comparison.reverse, about));
  return out;
}

void report(const Written& written, const Comparison& comparison) {
  const auto& steps = comparison.plan.steps;
  std::cout << fmt::format("Wrote {} and its .down.sql ({} step{}):\n", written.up_path,
                           steps.size(), steps.size() == 1 ? "" : "s");
  for (const auto& step : steps) {
    std::string marks;
    if (step.destructive) marks += "  [destructive]";
    if (step.data_dependent) marks += "  [data-dependent]";
    std::cout << fmt::format("  {} {}{}\n", step.destructive ? "-" : "+", step.summary, marks);
  }
  for (const auto& loss : written.losses) {
    std::cout << fmt::format("warning: the up migration drops {}; its down migration cannot restore it\n",
                             loss.to_string());
  }
}

// A new version for a migration written after `dir`'s (and after `also`).
std::string new_version(const migrate::MigrationDir& dir, const std::string& also = "") {
  migrate::MigrationDir seen = dir;
  if (!also.empty()) {
    migrate::MigrationFile written;
    written.version = also;
    seen.migrations.push_back(written);
  }
  return migrate::next_version(static_cast<long long>(std::time(nullptr)), seen);
}

// The live database as the starting point: it must have every migration of
// the directory applied, or the new one would repeat what they do.
void require_up_to_date(backends::Driver& driver, const migrate::MigrationDir& dir,
                        const std::string& url) {
  const auto states = reconcile(dir, driver.history());
  auto problems = history_problems(states, dir);
  for (const auto& s : states) {
    if (s.kind == VersionState::Kind::kPending) {
      problems.push_back(fmt::format("{} is not applied there", s.file->up.string()));
    }
  }
  if (problems.empty()) return;
  std::string message = fmt::format("{} is not at the latest migration:", backends::mask_password(url));
  for (const auto& p : problems) message += "\n  - " + p;
  message += "\nrun `keyway migrate up` first, or generate without --db";
  throw InputError(message);
}

}  // namespace

void add_generate_command(CLI::App& app, int& exit_code) {
  auto opts = std::make_shared<GenerateOptions>();
  auto* cmd = app.add_subcommand(
      "generate", "Write the next up/down migration files for what the schema holds beyond them");
  cmd->add_option("name", opts->name, "Name of the migration, e.g. add_posts")->required();
  cmd->add_option("--schema", opts->schema, "Schema file or directory of *.yaml (default: keyway.yaml's, then schemas/)");
  cmd->add_option("--dir", opts->dir, "Migrations directory (default: keyway.yaml's, then migrations)");
  add_dev_url_option(*cmd, opts->dev_url);
  add_db_options(*cmd, opts->db);
  cmd->callback([opts, &exit_code] {
    migrate::check_migration_name(opts->name);
    opts->dir = resolve_migrations_dir(opts->dir);
    const model::Schema schema = load(opts->schema);
    const migrate::MigrationDir dir = read_verified(opts->dir);
    const bool from_live = !opts->db.url.empty();
    if (from_live && !opts->dev_url.empty()) {
      throw InputError("--db and --dev-url exclude each other: --db diffs against that database, "
                       "--dev-url replays the migrations on a scratch server");
    }

    std::unique_ptr<backends::Driver> live;
    std::unique_ptr<backends::ScratchDatabase> scratch;
    backends::Driver* driver = nullptr;
    if (from_live) {
      live = open_database(opts->db);
      require_up_to_date(*live, dir, opts->db.url);
      driver = live.get();
    } else {
      scratch = backends::open_scratch(scratch_server(opts->dev_url, ""));
      replay(scratch->driver(), dir);
      driver = &scratch->driver();
    }
    const schema::Database start = driver->inspect();
    driver->render_for_migration_files();
    exit_code = 0;

    std::vector<std::pair<Written, Comparison>> written;
    // A database keyway has not managed yet: a baseline of what it holds
    // first, so that the directory replays into the same state.
    const bool baseline = from_live && dir.migrations.empty() && !start.tables.empty();
    if (baseline) {
      Comparison first = compare(*driver, schema::Database{}, start, Directions::kBoth);
      const std::string version = new_version(dir);
      written.emplace_back(write_pair(dir, version, "baseline", first), std::move(first));
    }
    Comparison comparison = compare(*driver, start, schema::lower(schema), Directions::kBoth);
    if (!comparison.plan.empty()) {
      const std::string version = new_version(dir, written.empty() ? "" : written[0].first.version);
      written.emplace_back(write_pair(dir, version, opts->name, comparison), std::move(comparison));
    }
    if (written.empty()) {
      std::cout << (from_live ? "No changes: the database matches the schema; nothing written.\n"
                              : "No changes: the migrations already produce the schema; nothing written.\n");
      return;
    }
    const migrate::MigrationDir now = migrate::read_migrations(opts->dir);
    migrate::write_file_atomically(now.dir / migrate::kSumFileName, migrate::sum_text(now));
    for (const auto& [w, c] : written) report(w, c);
    if (baseline) {
      const std::string url = backends::mask_password(opts->db.url);
      std::cout << fmt::format(
          "The baseline {} creates what {} already holds. Record it there as applied, without "
          "running it:\n  keyway migrate up --baseline {} --db {}\n",
          written[0].first.up_path, url, written[0].first.version, url);
    }
    std::cout << fmt::format("Updated {}.\n", (now.dir / migrate::kSumFileName).string());
  });
}

}  // namespace keyway::cli
