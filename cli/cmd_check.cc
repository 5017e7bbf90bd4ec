// keyway check: the CI gate. Exit 1, with a report, when the YAML holds
// changes no migration contains, when keyway.sum does not match the files,
// or (with --db) when that database is not at the latest migration or has
// drifted from what its applied migrations produce. Writes nothing.
#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/config.h"
#include "cli/db_options.h"
#include "cli/migrations.h"
#include "cli/pipeline.h"
#include "core/diff/diff.h"
#include "core/errors.h"
#include "core/migrate/sum_file.h"
#include "core/schema/lower.h"

namespace keyway::cli {

namespace {

struct CheckOptions {
  std::string schema;  // empty: keyway.yaml, then schemas/
  std::string dir;  // empty: keyway.yaml, then migrations
  std::string dev_url;
  DbOptions db;
  std::string format = "text";
};

struct Finding {
  std::string code;  // sum_mismatch, unmigrated_changes, not_at_latest, drift
  std::string title;
  std::vector<std::string> lines;
};

std::vector<std::string> summaries(const plan::Plan& plan) {
  std::vector<std::string> out;
  for (const auto& step : plan.steps) out.push_back(step.summary);
  return out;
}

// The schema the migrations through `through` produce ("" for none),
// replayed into a scratch database.
schema::Database replayed(const migrate::MigrationDir& dir, const std::string& through,
                          const std::string& scratch_url) {
  auto scratch = backends::open_scratch(scratch_url);
  if (!through.empty()) replay(scratch->driver(), dir, through);
  return scratch->driver().inspect();
}

// What the live database holds beyond (or short of) `expected`.
std::vector<std::string> drift(backends::Driver& live, const schema::Database& expected) {
  std::vector<std::string> out;
  for (const auto& change : diff::diff(expected, live.inspect(), live.dialect())) {
    out.push_back(diff::describe(change));
  }
  return out;
}

}  // namespace

void add_check_command(CLI::App& app, int& exit_code) {
  auto opts = std::make_shared<CheckOptions>();
  auto* cmd = app.add_subcommand(
      "check", "For CI: fail when the schema, the migrations and the database disagree");
  cmd->add_option("--schema", opts->schema, "Schema file or directory of *.yaml (default: keyway.yaml's, then schemas/)");
  cmd->add_option("--dir", opts->dir, "Migrations directory (default: keyway.yaml's, then migrations)");
  add_dev_url_option(*cmd, opts->dev_url);
  add_db_options(*cmd, opts->db);
  cmd->add_option("--format", opts->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->callback([opts, &exit_code] {
    opts->dir = resolve_migrations_dir(opts->dir);
    const model::Schema schema = load(opts->schema);
    const migrate::MigrationDir dir = migrate::read_migrations(opts->dir);
    std::vector<Finding> findings;

    if (const auto problems = migrate::verify_sum(dir); !problems.empty()) {
      findings.push_back({"sum_mismatch", fmt::format("{} does not match the migration files "
                                      "(after a deliberate edit, run `keyway migrate hash`):",
                                      migrate::kSumFileName),
                          problems});
    }

    const std::string scratch_url = scratch_server(opts->dev_url, opts->db.url);
    schema::Database produced;  // what every migration of the directory produces
    {
      auto scratch = backends::open_scratch(scratch_url);
      replay(scratch->driver(), dir);
      auto& driver = scratch->driver();
      driver.render_for_migration_files();
      produced = driver.inspect();
      const Comparison comparison = compare(driver, produced, schema::lower(schema));
      if (!comparison.plan.empty()) {
        findings.push_back({"unmigrated_changes", fmt::format("the schema holds changes no migration contains "
                                        "(run `keyway generate NAME`):"),
                            summaries(comparison.plan)});
      }
    }

    if (!opts->db.url.empty()) {
      auto live = open_database(opts->db);
      const std::string url = backends::mask_password(opts->db.url);
      const auto states = reconcile(dir, live->history());
      std::vector<std::string> behind = history_problems(states, dir);
      std::string latest_applied;
      for (const auto& s : states) {
        if (s.kind == VersionState::Kind::kPending) {
          behind.push_back(fmt::format("{} is pending", s.file->up.string()));
        } else if (s.kind == VersionState::Kind::kApplied) {
          latest_applied = s.version;
        }
      }
      if (!behind.empty()) {
        findings.push_back({"not_at_latest", fmt::format("{} is not at the latest migration (run `keyway migrate up`):", url),
                            behind});
      }
      // A database at the latest migration is compared with the replay
      // above; one behind, with a replay of what it has applied.
      const auto drifted = drift(*live, latest_applied == dir.latest_version()
                                            ? produced
                                            : replayed(dir, latest_applied, scratch_url));
      if (!drifted.empty()) {
        findings.push_back({"drift", fmt::format("{} has drifted from what its applied migrations produce "
                                        "(changed by hand?):", url),
                            drifted});
      }
    }

    exit_code = findings.empty() ? 0 : static_cast<int>(ExitCode::kPending);
    if (opts->format == "json") {
      nlohmann::ordered_json items = nlohmann::ordered_json::array();
      for (const auto& f : findings) {
        items.push_back({{"code", f.code}, {"title", f.title}, {"items", f.lines}});
      }
      const nlohmann::ordered_json report = {{"format", "keyway.check"},
                                             {"version", 1},
                                             {"ok", findings.empty()},
                                             {"migrations", dir.migrations.size()},
                                             {"findings", std::move(items)}};
      std::cout << report.dump(2) << "\n";
      return;
    }
    if (findings.empty()) {
      std::cout << fmt::format("ok: {} migration{} in {}, and they produce the schema{}.\n",
                               dir.migrations.size(), dir.migrations.size() == 1 ? "" : "s",
                               opts->dir,
                               opts->db.url.empty() ? "" : "; the database is at the latest and has not drifted");
      return;
    }
    for (const auto& finding : findings) {
      std::cout << finding.title << "\n";
      for (const auto& line : finding.lines) std::cout << "  - " << line << "\n";
    }
    std::cout << fmt::format("check failed: {} problem{}.\n", findings.size(), findings.size() == 1 ? "" : "s");
  });
}

}  // namespace keyway::cli
