#include "cli/migrations.h"

#include <unistd.h>

#include <map>

#include <fmt/format.h>

#include "cli/config.h"
#include "cli/pipeline.h"
#include "core/errors.h"
#include "core/migrate/sql_split.h"
#include "core/migrate/sum_file.h"

namespace keyway::cli {

std::string sum_report(const std::vector<std::string>& problems) {
  std::string out = fmt::format("{} does not match the migration files:", migrate::kSumFileName);
  for (const auto& problem : problems) out += "\n  - " + problem;
  out += "\nafter a deliberate edit, run `keyway migrate hash` to rewrite it";
  return out;
}

migrate::MigrationDir read_verified(const std::string& dir) {
  migrate::MigrationDir out = migrate::read_migrations(dir);
  const auto problems = migrate::verify_sum(out);
  if (!problems.empty()) throw InputError(sum_report(problems) + "; nothing was run");
  return out;
}

void replay(backends::Driver& driver, const migrate::MigrationDir& dir, const std::string& through) {
  const auto lock = driver.lock(std::chrono::milliseconds(0), runner_name("replay"));
  for (const auto& m : dir.migrations) {
    if (!through.empty() && m.version > through) break;
    backends::MigrationRun run;
    run.version = m.version;
    run.name = m.name;
    run.checksum = m.checksum;
    run.file = m.up.string();
    run.script = migrate::parse_script(m.up_text, m.up.string());
    try {
      driver.run(run);
    } catch (const backends::MigrationFailed& e) {
      throw InputError(fmt::format("the migrations do not replay into a fresh database:\n{}", e.what()));
    }
  }
}

std::vector<VersionState> reconcile(const migrate::MigrationDir& dir,
                                    const std::vector<backends::AppliedMigration>& history) {
  std::map<std::string, VersionState> states;
  std::string latest_applied;
  for (const auto& applied : history) {
    VersionState& s = states[applied.version];
    s.version = applied.version;
    s.name = applied.name;
    s.applied = applied;
    s.kind = VersionState::Kind::kFileMissing;
    latest_applied = std::max(latest_applied, applied.version);
  }
  for (const auto& file : dir.migrations) {
    VersionState& s = states[file.version];
    s.version = file.version;
    s.name = file.name;
    s.file = &file;
    if (!s.applied) {
      s.kind = VersionState::Kind::kPending;
      s.out_of_order = file.version < latest_applied;
    } else {
      s.kind = s.applied->checksum == file.checksum ? VersionState::Kind::kApplied
                                                    : VersionState::Kind::kFileChanged;
    }
  }
  std::vector<VersionState> out;
  for (auto& [version, state] : states) out.push_back(std::move(state));
  return out;
}

std::vector<std::string> history_problems(const std::vector<VersionState>& states,
                                          const migrate::MigrationDir& dir) {
  std::vector<std::string> out;
  for (const auto& s : states) {
    if (s.kind == VersionState::Kind::kFileMissing) {
      out.push_back(fmt::format("{}_{} is applied, but {} has no file for it", s.version, s.name,
                                dir.dir.string()));
    } else if (s.kind == VersionState::Kind::kFileChanged) {
      out.push_back(fmt::format("{} was changed after it was applied (checksum {} applied, {} now)",
                                s.file->up.string(), s.applied->checksum.substr(0, 12),
                                s.file->checksum.substr(0, 12)));
    }
  }
  return out;
}

std::string runner_name(const std::string& command) {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return fmt::format("keyway {}, pid {} on {}", command, getpid(), host[0] ? host : "?");
}

void add_dev_url_option(CLI::App& command, std::string& dev_url) {
  command.add_option("--dev-url", dev_url,
                     "Database server to replay the migrations on (default: keyway.yaml's, then "
                     "the --db server; SQLite replays in memory)");
}

std::string scratch_server(const std::string& dev_url, const std::string& db_flag) {
  const std::string dev = resolve_dev_url(dev_url);
  return dev.empty() ? resolve_db_url(db_flag) : dev;
}

}  // namespace keyway::cli
