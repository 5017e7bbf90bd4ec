#include "cli/report.h"

#include <fmt/format.h>

namespace keyway::cli {

void print_changes(std::ostream& out, const Comparison& comparison) {
  const auto& steps = comparison.plan.steps;
  if (steps.empty()) {
    out << "No changes: the database matches the schema.\n";
  } else {
    out << fmt::format("{} change{} to apply:\n", steps.size(), steps.size() == 1 ? "" : "s");
    for (const auto& step : steps) {
      std::string marks;
      if (step.destructive) marks += "  [destructive]";
      if (step.data_dependent) marks += "  [data-dependent]";
      out << fmt::format("  {} {}{}\n", step.destructive ? "-" : "+", step.summary, marks);
    }
  }
  print_unmanaged(out, comparison.live);
}

void print_unmanaged(std::ostream& out, const schema::Database& live) {
  std::vector<std::string> lines = live.unmanaged;
  for (const auto& t : live.tables) {
    for (const auto& u : t.unmanaged) lines.push_back(u);
  }
  if (lines.empty()) return;
  out << "Not managed by keyway (left alone):\n";
  for (const auto& line : lines) out << "  - " << line << "\n";
}

}  // namespace keyway::cli
