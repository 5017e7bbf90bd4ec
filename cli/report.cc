#include "cli/report.h"

#include <unistd.h>

#include <cstdlib>
#include <map>

#include <fmt/format.h>

#include "cli/report_json.h"
#include "cli/report_markdown.h"
#include "core/errors.h"

namespace keyway::cli {

namespace {

// ANSI colours, or nothing.
struct Paint {
  bool on = false;
  std::string operator()(const char* code, const std::string& text) const {
    return on ? fmt::format("\033[{}m{}\033[0m", code, text) : text;
  }
};

std::string plural(std::size_t n, const char* noun) {
  return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

}  // namespace

ChangeCounts count_changes(const std::vector<diff::Change>& changes) {
  ChangeCounts out;
  for (const auto& change : changes) {
    out.destructive += diff::is_destructive(change) ? 1 : 0;
    out.data_dependent += diff::is_data_dependent(change) ? 1 : 0;
  }
  return out;
}

ReportFormat parse_report_format(const std::string& name) {
  if (name == "text") return ReportFormat::kText;
  if (name == "json") return ReportFormat::kJson;
  if (name == "markdown") return ReportFormat::kMarkdown;
  if (name == "sql") return ReportFormat::kSql;
  throw InputError(fmt::format("unknown format '{}': expected text, json, markdown or sql", name));
}

bool use_colour() {
  const char* no_colour = std::getenv("NO_COLOR");
  return (no_colour == nullptr || *no_colour == '\0') && isatty(STDOUT_FILENO) == 1;
}

void print_changes(std::ostream& out, const Comparison& comparison, bool colour) {
  const Paint paint{colour};
  const auto& changes = comparison.changes;
  if (changes.empty()) {
    out << "No changes: the database matches the schema.\n";
  } else {
    const auto [destructive, data_dependent] = count_changes(changes);
    // Tables in the order the plan first touches them; changes in plan order.
    std::vector<std::string> tables;
    std::map<std::string, std::vector<const diff::Change*>> by_table;
    for (const auto& change : changes) {
      auto& list = by_table[diff::table_of(change)];
      if (list.empty()) tables.push_back(diff::table_of(change));
      list.push_back(&change);
    }
    std::string counts;
    if (destructive > 0) counts += fmt::format("{} destructive", destructive);
    if (data_dependent > 0) counts += fmt::format("{}{} data-dependent", counts.empty() ? "" : ", ", data_dependent);
    out << fmt::format("{} to apply{}:\n", plural(changes.size(), "change"),
                       counts.empty() ? "" : " (" + counts + ")");
    for (const auto& table : tables) {
      out << paint("1", table) << "\n";
      for (const auto* change : by_table[table]) {
        const bool drops = diff::is_destructive(*change);
        std::string line = fmt::format("  {} {}", drops ? "-" : "+", diff::describe(*change));
        line = paint(drops ? "31" : "32", line);
        if (drops) line += "  " + paint("31;1", "[destructive]");
        if (diff::is_data_dependent(*change)) line += "  " + paint("33", "[data-dependent]");
        out << line << "\n";
      }
    }
  }
  print_unmanaged(out, comparison.unmanaged);
}

void print_unmanaged(std::ostream& out, const std::vector<std::string>& lines) {
  if (lines.empty()) return;
  out << "Not managed by keyway (left alone):\n";
  for (const auto& line : lines) out << "  - " << line << "\n";
}

void write_report(std::ostream& out, const Comparison& comparison, const backends::Driver& driver,
                  ReportFormat format, bool colour) {
  switch (format) {
    case ReportFormat::kSql:
      out << driver.script(comparison.plan);
      return;
    case ReportFormat::kJson:
      out << diff_json(comparison, driver).dump(2) << "\n";
      return;
    case ReportFormat::kMarkdown:
      out << diff_markdown(comparison, driver);
      return;
    case ReportFormat::kText:
      print_changes(out, comparison, colour);
      if (!comparison.plan.empty()) out << "\nSQL:\n" << driver.script(comparison.plan);
      return;
  }
}

}  // namespace keyway::cli
