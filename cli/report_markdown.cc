#include "cli/report_markdown.h"

#include <fmt/format.h>

#include "cli/losses.h"
#include "cli/report.h"

namespace keyway::cli {

std::string markdown_cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += "<br>";
    } else {
      out += c;
    }
  }
  return out;
}

std::string diff_markdown(const Comparison& comparison, const backends::Driver& driver) {
  const auto& changes = comparison.changes;
  const std::string backend = driver.dialect().name();
  if (changes.empty()) {
    return fmt::format("### keyway diff ({}): no changes\n\nThe database matches the schema.\n", backend);
  }
  const auto [destructive, data_dependent] = count_changes(changes);
  std::string out = fmt::format("### keyway diff ({}): {} change{}", backend, changes.size(),
                                changes.size() == 1 ? "" : "s");
  if (destructive + data_dependent > 0) {
    out += fmt::format(" ({} destructive, {} data-dependent)", destructive, data_dependent);
  }
  out += "\n\n| | Table | Change | Notes |\n|---|---|---|---|\n";
  for (const auto& change : changes) {
    std::string notes;
    if (diff::is_destructive(change)) notes = "**destructive**";
    if (diff::is_data_dependent(change)) notes += (notes.empty() ? "" : ", ") + std::string("data-dependent");
    out += fmt::format("| {} | `{}` | {} | {} |\n", diff::is_destructive(change) ? "➖" : "➕",
                       markdown_cell(diff::table_of(change)), markdown_cell(diff::describe(change)),
                       notes);
  }
  const auto losses = planned_losses(changes);
  if (!losses.empty()) {
    out += "\n> [!WARNING]\n> This plan drops data that cannot be brought back:\n";
    for (const auto& loss : losses) out += "> - " + loss.to_string() + "\n";
  }
  if (data_dependent > 0) {
    out += "\n> [!NOTE]\n> Data-dependent changes may fail on existing rows; keyway checks the rows "
           "before it changes anything.\n";
  }
  const std::vector<std::string>& unmanaged = comparison.unmanaged;
  if (!unmanaged.empty()) {
    out += "\nNot managed by keyway (left alone):\n";
    for (const auto& u : unmanaged) out += "- " + u + "\n";
  }
  out += "\n<details><summary>SQL</summary>\n\n```sql\n" + driver.script(comparison.plan) + "```\n\n</details>\n";
  return out;
}

}  // namespace keyway::cli
