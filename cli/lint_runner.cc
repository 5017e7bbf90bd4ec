#include "cli/lint_runner.h"

#include <memory>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "backends/driver.h"
#include "cli/config.h"
#include "cli/lint_live.h"
#include "cli/migrations.h"
#include "cli/pipeline.h"
#include "core/errors.h"
#include "core/lint/attribute.h"
#include "core/lint/ignore.h"
#include "core/lint/rules.h"
#include "core/migrate/migration_dir.h"
#include "core/migrate/migration_text.h"
#include "core/migrate/sql_split.h"
#include "core/schema/lower.h"

namespace keyway::cli {

namespace {

// The file keyway would write for the schema diff, as `--schema` names it.
constexpr const char* kSchemaDiffLabel = "(schema diff)";

// One migration script to lint: its text, as a file or as generate would write it.
struct Script {
  std::string label;  // the file as reported
  std::string text;
  std::string version;
  std::string name;
  std::string checksum;
};

backends::MigrationRun run_of(const migrate::MigrationFile& m) {
  backends::MigrationRun run;
  run.version = m.version;
  run.name = m.name;
  run.checksum = m.checksum;
  run.file = m.up.string();
  run.script = migrate::parse_script(m.up_text, run.file);
  return run;
}

class Linter {
 public:
  Linter(const LintOptions& options, backends::Driver& scratch, LiveDatabase* live)
      : scratch_(scratch),
        live_(live),
        postgres_(scratch.dialect().name() == "postgresql"),
        builder_(options.schema.empty() ? "migrations" : "schema",
                 lint::Levels(config().lint_levels)) {}

  // Runs a migration before the linted ones, as replay() does.
  void run_plain(const migrate::MigrationFile& m) {
    try {
      scratch_.run(run_of(m));
    } catch (const backends::MigrationFailed& e) {
      throw InputError(fmt::format("cannot lint: the migrations do not replay into a fresh database:\n{}",
                                   e.what()));
    }
  }

  void lint(const Script& script) {
    builder_.add_file(script.label);
    backends::MigrationRun run;
    run.version = script.version;
    run.name = script.name;
    run.checksum = script.checksum;
    run.file = script.label;
    run.script = migrate::parse_script(script.text, script.label);
    const auto& statements = run.script.statements;
    std::vector<std::set<std::string>> ignored;
    for (const auto& statement : statements) {
      ignored.push_back(lint::ignored_codes(script.text, statement, script.label));
    }

    const schema::Database start = scratch_.inspect();
    const std::vector<schema::Database> states = trace(run);
    std::vector<std::string> texts;
    for (const auto& statement : statements) texts.push_back(statement.text);
    const lint::Trace trace = lint::attribute(start, states, texts, scratch_.dialect());

    std::vector<diff::Change> renames;
    for (const auto& change : trace.changes) {
      if (std::holds_alternative<diff::RenameTable>(change.change) ||
          std::holds_alternative<diff::RenameColumn>(change.change)) {
        renames.push_back(change.change);
      }
    }
    for (const auto& change : trace.changes) {
      const auto& statement = statements[static_cast<std::size_t>(change.statement - 1)];
      lint::RuleContext context{postgres_, statement.text, std::nullopt};
      if (live_ != nullptr && change.table_existed) context.rows = rows(change, trace.origins);
      for (auto& finding : lint::check(change, context)) {
        finding.where = {script.label, change.statement, statement.line};
        const auto original = trace.origins.original(diff::table_of(change.change));
        if (live_ != nullptr && finding.data_dependent && original && live_->has_table(*original)) {
          if (const auto result = live_->check(change, renames, states.back())) {
            lint::set_offending_rows(finding, result->offending, result->description);
          }
        }
        builder_.add(std::move(finding), ignored[static_cast<std::size_t>(change.statement - 1)]);
      }
    }
  }

  lint::Report finish() { return builder_.finish(); }

 private:
  // Runs `run` in the scratch database, inspecting it after each statement.
  std::vector<schema::Database> trace(const backends::MigrationRun& run) {
    std::vector<schema::Database> states;
    std::optional<std::string> inspect_failed;
    backends::StatementProgress progress;
    progress.finished = [&](std::size_t, std::size_t, const std::string&, std::chrono::microseconds) {
      if (inspect_failed) return;
      try {
        states.push_back(scratch_.inspect());
      } catch (const std::exception& e) {
        // A statement PostgreSQL refused leaves the transaction aborted:
        // run() reports that statement next.
        inspect_failed = e.what();
      }
    };
    scratch_.set_progress(progress);
    try {
      scratch_.run(run);
    } catch (const backends::MigrationFailed& e) {
      scratch_.set_progress({});
      throw InputError(fmt::format("cannot lint {}: it does not run on the state the migrations "
                                   "before it produce:\n{}",
                                   run.file, e.what()));
    }
    scratch_.set_progress({});
    if (states.size() != run.script.statements.size()) {
      throw DatabaseError(fmt::format("cannot lint {}: the scratch database could not be inspected "
                                      "after each statement{}",
                                      run.file, inspect_failed ? ": " + *inspect_failed : ""));
    }
    return states;
  }

  // Rows of the change's table in the live database, by its name before the
  // migration (for a dropped column: its values).
  std::optional<std::int64_t> rows(const lint::Attributed& change, const lint::Origins& origins) {
    const auto original = origins.original(diff::table_of(change.change));
    if (!original) return std::nullopt;
    if (const auto* drop = std::get_if<diff::DropColumn>(&change.change)) {
      return live_->rows(*original, drop->column.name);
    }
    return live_->rows(*original);
  }

  backends::Driver& scratch_;
  LiveDatabase* live_;
  bool postgres_;
  lint::ReportBuilder builder_;
};

// The versions to lint: the last N, the pending ones on --db, else the last.
std::set<std::string> chosen(const LintOptions& options, const migrate::MigrationDir& dir,
                             backends::Driver* live) {
  std::set<std::string> out;
  const auto& all = dir.migrations;
  if (options.latest > 0 || live == nullptr) {
    const std::size_t n = options.latest > 0 ? static_cast<std::size_t>(options.latest) : 1;
    for (std::size_t i = all.size() > n ? all.size() - n : 0; i < all.size(); ++i) {
      out.insert(all[i].version);
    }
    return out;
  }
  for (const auto& state : reconcile(dir, live->history())) {
    if (state.kind == VersionState::Kind::kPending) out.insert(state.version);
  }
  return out;
}

}  // namespace

lint::Report run_lint(const LintOptions& options) {
  if (!options.schema.empty() && options.latest > 0) {
    throw InputError("--schema lints the schema diff, --latest migration files: give one of them");
  }
  std::unique_ptr<backends::Driver> live_driver;
  std::optional<LiveDatabase> live;
  if (!options.db.url.empty()) {
    live_driver = open_database(options.db);
    live.emplace(*live_driver);
  }
  const migrate::MigrationDir dir = migrate::read_migrations(options.dir);
  auto scratch = backends::open_scratch(scratch_server(options.dev_url, options.db.url));
  backends::Driver& driver = scratch->driver();
  const auto lock = driver.lock(std::chrono::milliseconds(0), runner_name("lint"));
  Linter linter(options, driver, live ? &*live : nullptr);

  if (!options.schema.empty()) {
    const model::Schema schema = load(options.schema);
    for (const auto& m : dir.migrations) linter.run_plain(m);
    driver.render_for_migration_files();
    const Comparison comparison = compare(driver, driver.inspect(), schema::lower(schema));
    const migrate::MigrationText about{"00000000000000", "schema", {}};
    linter.lint({kSchemaDiffLabel, migrate::up_file_text(comparison.plan, about),
                 "99999999999999", "lint_schema_diff", ""});
    return linter.finish();
  }

  const std::set<std::string> versions = chosen(options, dir, live_driver.get());
  for (const auto& m : dir.migrations) {
    if (versions.empty() || m.version > *versions.rbegin()) break;
    if (versions.count(m.version) == 0) {
      linter.run_plain(m);
      continue;
    }
    linter.lint({m.up.string(), m.up_text, m.version, m.name, m.checksum});
  }
  return linter.finish();
}

}  // namespace keyway::cli
