#include "cli/migration_runner.h"

#include <algorithm>
#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "cli/migrations.h"
#include "cli/pipeline.h"
#include "core/diff/diff.h"
#include "core/errors.h"
#include "core/migrate/sql_split.h"
#include "core/migrate/sum_file.h"

namespace keyway::cli {

namespace {

using Direction = backends::MigrationRun::Direction;
using Kind = VersionState::Kind;

struct Operation {
  Direction direction;
  const migrate::MigrationFile* file;
};

class Runner {
 public:
  explicit Runner(const RunnerSettings& settings)
      : settings_(settings),
        dir_(read_verified(settings.dir)),
        url_(backends::mask_password(resolve_db_url(settings.db.url))),
        driver_(open_database(settings.db)) {
    // A dry run reads the history as it is; a real run first waits for the
    // lock, so that what it reads stays true while it works.
    if (!settings_.dry_run) lock_ = driver_->lock(settings_.lock_wait, runner_name(settings_.command));
  }

  const migrate::MigrationDir& dir() const { return dir_; }
  backends::Driver& driver() { return *driver_; }
  const std::string& url() const { return url_; }

  // The files against the history; an applied migration whose file is gone
  // or changed stops everything before it starts.
  std::vector<VersionState> states() {
    auto states = reconcile(dir_, driver_->history());
    const auto problems = history_problems(states, dir_);
    if (!problems.empty()) {
      std::string message = fmt::format("the migration files do not match what {} has applied:", url_);
      for (const auto& p : problems) message += "\n  - " + p;
      message += "\nnothing was run";
      throw InputError(message);
    }
    return states;
  }

  int execute(const std::vector<Operation>& operations) {
    if (operations.empty()) {
      std::cout << fmt::format("Nothing to do: {} is at {}.\n", url_, at(states()));
      return 0;
    }
    if (settings_.dry_run) {
      for (const auto& op : operations) print_sql(op);
      return 0;
    }
    int done = 0;
    for (const auto& op : operations) {
      run(op, done);
      ++done;
    }
    std::cout << fmt::format("{} is at {}.\n", url_, at(states()));
    return 0;
  }

  // Records the migration without running anything: its schema is already there.
  void record(const migrate::MigrationFile& file) {
    backends::MigrationRun run{Direction::kUp, file.version, file.name, file.checksum,
                               file.up.string(), {}};
    driver_->run(run);
    std::cout << fmt::format("  recorded {}_{} as applied (baseline; not run)\n", file.version, file.name);
  }

 private:
  static std::string at(const std::vector<VersionState>& states) {
    std::string latest;
    for (const auto& s : states) {
      if (s.applied) latest = s.version;
    }
    return latest.empty() ? "no migration" : "version " + latest;
  }

  static const std::filesystem::path& path_of(const Operation& op) {
    return op.direction == Direction::kUp ? op.file->up : *op.file->down;
  }
  static const std::string& text_of(const Operation& op) {
    return op.direction == Direction::kUp ? op.file->up_text : op.file->down_text;
  }

  void print_sql(const Operation& op) {
    const auto script = migrate::parse_script(text_of(op), path_of(op).string());
    std::cout << fmt::format("-- {} ({} statement{}{})\n", path_of(op).string(), script.statements.size(),
                             script.statements.size() == 1 ? "" : "s",
                             script.no_transaction ? ", without a transaction" : "");
    for (const auto& statement : script.statements) std::cout << statement.text << ";\n";
  }

  void run(const Operation& op, int done_before) {
    const auto& file = *op.file;
    backends::MigrationRun run{op.direction, file.version, file.name, file.checksum,
                               path_of(op).string(),
                               migrate::parse_script(text_of(op), path_of(op).string())};
    const char* verb = op.direction == Direction::kUp ? "up  " : "down";
    spdlog::info("{} {} ({} statement{}{})", op.direction == Direction::kUp ? "applying" : "reverting",
                 path_of(op).string(), run.script.statements.size(),
                 run.script.statements.size() == 1 ? "" : "s",
                 run.script.no_transaction ? ", without a transaction" : "");
    std::optional<std::int64_t> ms;
    try {
      ms = driver_->run(run);
    } catch (const backends::MigrationFailed& e) {
      std::string message = e.what();
      if (done_before > 0) {
        message += fmt::format("\n  the {} migration{} run before it stay{} as done",
                               done_before, done_before == 1 ? "" : "s", done_before == 1 ? "s" : "");
      }
      throw DatabaseError(message);
    }
    if (ms) {
      std::cout << fmt::format("  {} {}_{} ({} ms)\n", verb, file.version, file.name, *ms);
    } else {
      std::cout << fmt::format("  {} {}_{}: already done by another runner, skipped\n", verb,
                               file.version, file.name);
    }
  }

  RunnerSettings settings_;
  migrate::MigrationDir dir_;
  std::string url_;
  std::unique_ptr<backends::Driver> driver_;
  std::unique_ptr<backends::RunLock> lock_;
};

std::vector<Operation> pending_ups(const std::vector<VersionState>& states, bool out_of_order,
                                   const std::string& through = "") {
  std::vector<Operation> out;
  for (const auto& s : states) {
    if (s.kind != Kind::kPending) continue;
    if (!through.empty() && s.version > through) continue;
    if (s.out_of_order && !out_of_order) {
      throw InputError(fmt::format(
          "{} is pending but older than the latest applied migration (merged from another "
          "branch?); nothing was run\nrun with --out-of-order to apply it anyway, or generate it "
          "again on top of the latest",
          s.file->up.string()));
    }
    out.push_back({Direction::kUp, s.file});
  }
  return out;
}

// Applied migrations, newest first, each with a down file.
std::vector<Operation> applied_downs(const std::vector<VersionState>& states, std::size_t count,
                                     const std::string& above = "") {
  std::vector<Operation> out;
  for (auto it = states.rbegin(); it != states.rend() && out.size() < count; ++it) {
    if (it->kind != Kind::kApplied) continue;
    if (!above.empty() && it->version <= above) break;
    if (!it->file->down) {
      throw InputError(fmt::format("{} has no .down.sql file, so it cannot be reverted; nothing was run",
                                   it->file->up.string()));
    }
    out.push_back({Direction::kDown, it->file});
  }
  return out;
}

// Refuses a baseline the live schema does not match.
void check_baseline(Runner& runner, const RunnerSettings& settings, const std::string& version) {
  if (!runner.dir().find(version)) {
    throw InputError(fmt::format("--baseline {}: no such migration in {}", version, settings.dir));
  }
  if (!runner.driver().history().empty()) {
    throw InputError(fmt::format("--baseline is for a database without migration history; {} has some",
                                 runner.url()));
  }
  auto scratch = backends::open_scratch(resolve_db_url(settings.db.url));
  replay(scratch->driver(), runner.dir(), version);
  const auto changes = diff::diff(scratch->driver().inspect(), runner.driver().inspect(),
                                  runner.driver().dialect());
  if (changes.empty()) return;
  std::string message = fmt::format(
      "{} does not hold what the migrations through {} produce, so they cannot be recorded as "
      "applied; the differences:",
      runner.url(), version);
  for (const auto& change : changes) message += "\n  - " + diff::describe(change);
  throw InputError(message + "\nnothing was recorded");
}

}  // namespace

int migrate_up(const RunnerSettings& settings, int count, const std::string& baseline) {
  Runner runner(settings);
  if (!baseline.empty()) {
    check_baseline(runner, settings, baseline);
    if (!settings.dry_run) {
      for (const auto& m : runner.dir().migrations) {
        if (m.version <= baseline) runner.record(m);
      }
    }
  }
  auto ups = pending_ups(runner.states(), settings.out_of_order);
  if (settings.dry_run && !baseline.empty()) {
    std::erase_if(ups, [&](const Operation& op) { return op.file->version <= baseline; });
  }
  if (count > 0 && ups.size() > static_cast<std::size_t>(count)) ups.resize(count);
  return runner.execute(ups);
}

int migrate_down(const RunnerSettings& settings, int count) {
  Runner runner(settings);
  return runner.execute(applied_downs(runner.states(), static_cast<std::size_t>(count)));
}

int migrate_to(const RunnerSettings& settings, const std::string& version) {
  Runner runner(settings);
  const auto states = runner.states();
  const bool known = version == "0" || std::any_of(states.begin(), states.end(), [&](const auto& s) {
                       return s.version == version;
                     });
  if (!known) {
    throw InputError(fmt::format("migrate to {}: no such version in {} or in the history of {} "
                                 "(0 reverts every migration)",
                                 version, settings.dir, runner.url()));
  }
  auto operations = applied_downs(states, states.size(), version == "0" ? "" : version);
  if (version != "0") {
    for (const auto& op : pending_ups(states, settings.out_of_order, version)) operations.push_back(op);
  }
  return runner.execute(operations);
}

int migrate_redo(const RunnerSettings& settings) {
  Runner runner(settings);
  auto operations = applied_downs(runner.states(), 1);
  if (operations.empty()) {
    throw InputError(fmt::format("migrate redo: {} has no applied migration", runner.url()));
  }
  operations.push_back({Direction::kUp, operations[0].file});
  return runner.execute(operations);
}

namespace {

const char* state_name(Kind kind) {
  switch (kind) {
    case Kind::kApplied: return "applied";
    case Kind::kPending: return "pending";
    case Kind::kFileMissing: return "applied_file_missing";
    case Kind::kFileChanged: return "applied_file_changed";
  }
  return "";
}

std::string state_text(const VersionState& s) {
  switch (s.kind) {
    case Kind::kApplied:
      return fmt::format("applied {} UTC ({} ms)", s.applied->applied_at, s.applied->execution_ms);
    case Kind::kPending:
      return s.out_of_order ? "pending, older than the latest applied (out of order)" : "pending";
    case Kind::kFileMissing:
      return fmt::format("applied {} UTC, but its file is missing", s.applied->applied_at);
    case Kind::kFileChanged:
      return fmt::format("applied {} UTC, but its file changed since", s.applied->applied_at);
  }
  return "";
}

nlohmann::ordered_json status_json(const std::string& dir, const std::string& url,
                                   const std::vector<VersionState>& states,
                                   const std::vector<std::string>& sum_problems,
                                   const std::vector<std::string>& history_problems,
                                   const std::string& latest, int pending) {
  nlohmann::ordered_json migrations = nlohmann::ordered_json::array();
  for (const auto& s : states) {
    nlohmann::ordered_json item = {{"version", s.version}, {"name", s.name}, {"state", state_name(s.kind)}};
    item["applied_at"] = s.applied ? nlohmann::ordered_json(s.applied->applied_at + "Z")
                                   : nlohmann::ordered_json(nullptr);
    item["execution_ms"] = s.applied ? nlohmann::ordered_json(s.applied->execution_ms)
                                     : nlohmann::ordered_json(nullptr);
    item["out_of_order"] = s.out_of_order;
    item["file"] = s.file ? nlohmann::ordered_json(s.file->up.string()) : nlohmann::ordered_json(nullptr);
    migrations.push_back(std::move(item));
  }
  return {{"format", "keyway.status"},
          {"version", 1},
          {"directory", dir},
          {"database", url},
          {"current", latest.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(latest)},
          {"pending", pending},
          {"migrations", std::move(migrations)},
          {"sum", {{"ok", sum_problems.empty()}, {"problems", sum_problems}}},
          {"problems", history_problems}};
}

}  // namespace

int migrate_status(const RunnerSettings& settings) {
  const migrate::MigrationDir dir = migrate::read_migrations(settings.dir);
  auto driver = open_database(settings.db);
  const std::string url = backends::mask_password(resolve_db_url(settings.db.url));
  const auto states = reconcile(dir, driver->history());
  int pending = 0;
  std::string latest;
  for (const auto& s : states) {
    if (s.kind == Kind::kPending) {
      ++pending;
    } else {
      latest = s.version;
    }
  }
  const auto sum_problems = migrate::verify_sum(dir);
  const auto problems = history_problems(states, dir);
  const int code = problems.empty() && sum_problems.empty() ? 0 : static_cast<int>(ExitCode::kBadInput);

  if (settings.format == "json") {
    std::cout << status_json(settings.dir, url, states, sum_problems, problems, latest, pending).dump(2) << "\n";
    return code;
  }
  std::cout << fmt::format("Migrations in {} for {}:\n", settings.dir, url);
  if (states.empty()) std::cout << "  (none)\n";
  std::size_t width = 0;
  for (const auto& s : states) width = std::max(width, s.name.size());
  for (const auto& s : states) {
    std::cout << fmt::format("  {}  {:<{}}  {}\n", s.version, s.name, width, state_text(s));
  }
  if (sum_problems.empty()) std::cout << fmt::format("{}: ok\n", migrate::kSumFileName);
  std::cout << fmt::format("{} is at {}; {} pending.\n", url,
                           latest.empty() ? "no migration" : "version " + latest, pending);
  for (const auto& p : problems) std::cerr << "error: " << p << "\n";
  if (!sum_problems.empty()) std::cerr << "error: " << sum_report(sum_problems) << "\n";
  return code;
}

}  // namespace keyway::cli
