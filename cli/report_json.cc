#include "cli/report_json.h"

#include <set>

#include "cli/report.h"
#include "cli/schema_json.h"

namespace keyway::cli {

using nlohmann::ordered_json;

ordered_json step_json(const plan::Step& step, std::size_t number) {
  ordered_json checks = ordered_json::array();
  for (const auto& check : step.checks) {
    checks.push_back({{"description", check.description}, {"query", check.count_query}});
  }
  return {{"number", number},
          {"summary", step.summary},
          {"table", step.table},
          {"sql", step.sql},
          {"reverse", step.reverse},
          {"destructive", step.destructive},
          {"data_dependent", step.data_dependent},
          {"reverse_loses_data", step.reverse_loses_data},
          {"outside_transaction", step.outside_transaction},
          {"checks", std::move(checks)}};
}

ordered_json diff_json(const Comparison& comparison, const backends::Driver& driver) {
  // Which step carries out each change (a SQLite rebuild carries several).
  std::vector<std::size_t> step_of(comparison.changes.size(), 0);
  ordered_json steps = ordered_json::array();
  for (std::size_t s = 0; s < comparison.plan.steps.size(); ++s) {
    const auto& step = comparison.plan.steps[s];
    for (std::size_t c : step.changes) {
      if (c < step_of.size() && step_of[c] == 0) step_of[c] = s + 1;
    }
    steps.push_back(step_json(step, s + 1));
  }

  ordered_json changes = ordered_json::array();
  std::set<std::string> tables;
  for (std::size_t c = 0; c < comparison.changes.size(); ++c) {
    const auto& change = comparison.changes[c];
    ordered_json item = to_json(change);
    item["step"] = step_of[c] == 0 ? ordered_json(nullptr) : ordered_json(step_of[c]);
    if (step_of[c] != 0) {
      const auto& step = comparison.plan.steps[step_of[c] - 1];
      item["sql"] = step.sql;
      item["reverse_sql"] = step.reverse;
    } else {
      item["sql"] = ordered_json::array();
      item["reverse_sql"] = ordered_json::array();
    }
    tables.insert(diff::table_of(change));
    changes.push_back(std::move(item));
  }

  const auto [destructive, data_dependent] = count_changes(comparison.changes);
  std::size_t statements = 0;
  for (const auto& step : comparison.plan.steps) statements += step.sql.size();

  return {{"format", "keyway.diff"},
          {"version", kJsonFormatVersion},
          {"backend", driver.dialect().name()},
          {"in_sync", comparison.changes.empty()},
          {"summary",
           {{"changes", comparison.changes.size()},
            {"destructive", destructive},
            {"data_dependent", data_dependent},
            {"steps", comparison.plan.steps.size()},
            {"statements", statements},
            {"tables", std::vector<std::string>(tables.begin(), tables.end())}}},
          {"changes", std::move(changes)},
          {"steps", std::move(steps)},
          {"script", driver.script(comparison.plan)},
          {"unmanaged", comparison.unmanaged}};
}

}  // namespace keyway::cli
