#include <iostream>
#include <memory>
#include <map>
#include <set>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/db_options.h"
#include "cli/pipeline.h"
#include "cli/report.h"
#include "core/errors.h"

namespace keyway::cli {

namespace {

struct ApplyOptions {
  std::string schema = "schemas/";
  DbOptions db;
  bool dry_run = false;
  bool yes = false;
};

// Says what a destructive plan would lose, with row counts, before it runs.
// A column or table whose links a CopyLinks moves elsewhere first loses nothing.
std::vector<std::string> losses(backends::Driver& driver, const Comparison& comparison) {
  std::set<std::string> moved;  // "table.column" whose values are copied elsewhere
  std::set<std::string> sources;  // tables some CopyLinks reads from
  for (const auto& change : comparison.changes) {
    const auto* copy = std::get_if<diff::CopyLinks>(&change);
    if (!copy) continue;
    sources.insert(copy->from_table);
    moved.insert(copy->from_table + "." + copy->from_target_column);
    if (copy->mode != diff::CopyLinks::Mode::kColumnToJunction) {
      moved.insert(copy->from_table + "." + copy->from_source_column);
    }
  }
  // A junction whose every column is its key or a copied link loses nothing.
  auto all_moved = [&](const schema::Table& t) {
    if (!sources.count(t.name)) return false;
    for (const auto& c : t.columns) {
      const bool key = t.primary_key.size() == 1 && t.primary_key[0] == c.name;
      if (!key && !moved.count(t.name + "." + c.name)) return false;
    }
    return true;
  };
  // Rows are counted before the plan runs, under the table's current name.
  std::map<std::string, std::string> old_name;  // new -> old
  for (const auto& change : comparison.changes) {
    if (const auto* rename = std::get_if<diff::RenameTable>(&change)) {
      old_name[rename->to] = rename->from;
    }
  }
  auto live_name = [&](const std::string& table) {
    auto it = old_name.find(table);
    return it == old_name.end() ? table : it->second;
  };
  std::vector<std::string> out;
  for (const auto& change : comparison.changes) {
    if (const auto* drop = std::get_if<diff::DropTable>(&change)) {
      if (all_moved(drop->table)) continue;
      const auto rows = driver.count_rows(drop->table.name);
      out.push_back(fmt::format("table {} ({} row{})", drop->table.name, rows, rows == 1 ? "" : "s"));
    } else if (const auto* col = std::get_if<diff::DropColumn>(&change)) {
      if (moved.count(col->table + "." + col->column.name)) continue;
      const auto values = driver.count_rows(live_name(col->table), col->column.name);
      out.push_back(fmt::format("column {}.{} ({} non-null value{})", col->table, col->column.name,
                                values, values == 1 ? "" : "s"));
    }
  }
  return out;
}

}  // namespace

void add_apply_command(CLI::App& app, int& exit_code) {
  auto opts = std::make_shared<ApplyOptions>();
  auto* cmd = app.add_subcommand("apply", "Bring the database to the schema in one transaction");
  cmd->add_option("--schema", opts->schema, "Schema file or directory of *.yaml")
      ->capture_default_str();
  add_db_options(*cmd, opts->db);
  cmd->add_flag("--dry-run", opts->dry_run, "Print the SQL and touch nothing");
  cmd->add_flag("--yes", opts->yes, "Allow a plan that drops tables or columns");
  cmd->callback([opts, &exit_code] {
    const model::Schema schema = load(opts->schema);
    auto driver = open_database(opts->db);
    const Comparison comparison = compare(*driver, schema);
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
    print_changes(std::cout, comparison);
    driver->apply(comparison.plan);
    std::cout << fmt::format("Applied {} change{}.\n", comparison.plan.steps.size(),
                             comparison.plan.steps.size() == 1 ? "" : "s");
  });
}

}  // namespace keyway::cli
